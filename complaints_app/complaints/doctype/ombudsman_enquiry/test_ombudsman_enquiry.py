# Copyright (c) 2026, complaints_app contributors
# See license.txt

from datetime import date

import frappe
from frappe.tests.utils import FrappeTestCase

from complaints_app.complaints.errors import OmbudsmanEnquiryError
from complaints_app.complaints.testing import make_complaint


def make_enquiry(**values):
	doc = {
		"doctype": "Ombudsman Enquiry",
		"ombudsman": "LGSCO",
		"ombudsman_reference": f"25{frappe.generate_hash(length=6)}",
		"received_on": date(2026, 2, 2),
	}
	doc.update(values)
	return frappe.get_doc(doc)


class TestOmbudsmanEnquiry(FrappeTestCase):
	def test_takes_procedure_and_area_from_the_complaint(self):
		complaint = make_complaint(service_area=None)
		enquiry = make_enquiry(complaint=complaint.name, decision="Premature referral").insert()
		self.assertEqual(enquiry.procedure, complaint.procedure)
		self.assertEqual(enquiry.complied, "Not applicable")

	def test_compliance_is_derived_from_the_recommendations(self):
		enquiry = make_enquiry(decision="Upheld: maladministration and injustice", remedy="Apology and £300")
		enquiry.append("recommendations", {"recommendation": "Apologise", "due_date": date(2026, 3, 2)})
		enquiry.append("recommendations", {"recommendation": "Pay £300", "due_date": date(2026, 3, 2)})
		enquiry.insert()
		self.assertEqual(enquiry.complied, "Not complied")  # both past due and not done

		enquiry.recommendations[0].completed_on = date(2026, 2, 20)
		enquiry.recommendations[1].completed_on = date(2026, 3, 2)
		enquiry.save()
		self.assertEqual(enquiry.complied, "Complied")

		enquiry.recommendations[1].completed_on = date(2026, 3, 9)
		enquiry.save()
		self.assertEqual(enquiry.complied, "Complied late")

	def test_pending_while_recommendations_are_not_yet_due(self):
		enquiry = make_enquiry(decision="Upheld: maladministration and injustice")
		enquiry.append(
			"recommendations", {"recommendation": "Review the policy", "due_date": date(2099, 1, 1)}
		)
		enquiry.insert()
		self.assertEqual(enquiry.complied, "Pending")

	def test_recommendations_need_an_upheld_decision(self):
		enquiry = make_enquiry(decision="Not upheld")
		enquiry.append("recommendations", {"recommendation": "Apologise"})
		with self.assertRaises(OmbudsmanEnquiryError):
			enquiry.insert()

	def test_reference_is_unique(self):
		first = make_enquiry().insert()
		with self.assertRaises(frappe.DuplicateEntryError):
			make_enquiry(ombudsman_reference=first.ombudsman_reference).insert()
