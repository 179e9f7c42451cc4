# Copyright (c) 2026, complaints_app contributors
# See license.txt

from datetime import date

import frappe
from frappe.tests.utils import FrappeTestCase

from complaints_app.complaints.errors import InvestigationError
from complaints_app.complaints.testing import children_case_at, current_stage


def children_case_at_stage_two():
	"""A children's complaint at stage 2 (``testing.children_case_at``), with the investigation escalating opened."""
	complaint, stage = children_case_at(2)
	investigation = frappe.get_doc("Complaint Investigation", {"complaint_stage": stage.name})
	return complaint, stage, investigation


class TestInvestigation(FrappeTestCase):
	def test_independent_person_is_not_the_investigating_officer(self):
		_complaint, _stage, investigation = children_case_at_stage_two()
		investigation.investigating_officer = investigation.independent_person = "Administrator"
		with self.assertRaisesRegex(InvestigationError, "Independent Person must not be the Investigating"):
			investigation.save()

	def test_adjudication_follows_the_report(self):
		_complaint, _stage, investigation = children_case_at_stage_two()
		investigation.adjudication_date = date(2026, 2, 20)
		with self.assertRaisesRegex(InvestigationError, "record the report date first"):
			investigation.save()

	def test_a_stage_of_another_complaint_is_refused(self):
		complaint, stage, investigation = children_case_at_stage_two()
		other, other_stage, _other_investigation = children_case_at_stage_two()
		self.assertNotEqual(other.name, complaint.name)

		investigation.complaint_stage = other_stage.name
		with self.assertRaisesRegex(InvestigationError, "belongs to another complaint"):
			investigation.save()

		# Nor can a new investigation of this complaint be opened on the other complaint's stage 1.
		other_stage_one = frappe.db.get_value("Complaint Stage", {"complaint": other.name, "stage_number": 1})
		with self.assertRaisesRegex(InvestigationError, "belongs to another complaint"):
			frappe.get_doc(
				{
					"doctype": "Complaint Investigation",
					"complaint": complaint.name,
					"complaint_stage": other_stage_one,
				}
			).insert(ignore_permissions=True)
		self.assertEqual(
			frappe.db.get_value("Complaint Investigation", investigation.name, "complaint_stage"), stage.name
		)

	def test_a_report_dated_before_the_statement_was_agreed_is_refused(self):
		_complaint, _stage, investigation = children_case_at_stage_two()
		investigation.statement_agreed_on = date(2026, 1, 27)
		investigation.report_date = date(2026, 1, 26)
		with self.assertRaisesRegex(InvestigationError, "report cannot be dated before the statement"):
			investigation.save()

		# The report may be dated the day the statement was agreed.
		investigation.reload()
		investigation.statement_agreed_on = investigation.report_date = date(2026, 1, 27)
		investigation.save()
		self.assertEqual(
			frappe.db.get_value("Complaint Investigation", investigation.name, "report_date"),
			date(2026, 1, 27),
		)

	def test_only_an_investigation_stage_has_one_investigation(self):
		complaint, stage, _investigation = children_case_at_stage_two()
		for other_stage, message in (
			(current_stage(complaint.name).name, "already has"),
			(f"{complaint.name}-1", "not an investigation stage"),
		):
			duplicate = frappe.get_doc(
				{
					"doctype": "Complaint Investigation",
					"complaint": complaint.name,
					"complaint_stage": other_stage,
				}
			)
			with self.assertRaisesRegex(InvestigationError, message):
				duplicate.insert()
