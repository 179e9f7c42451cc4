# Copyright (c) 2026, complaints_app contributors
# See license.txt
"""Alerts on member enquiries, contact restriction reviews and reasonable adjustments reviews,
as the daily job sends them (``run_daily()`` at 08:00 on a named day, England's calendar).

The Easter 2026 member enquiry: received Thursday 2 April 2026, 10 working days: 7, 8, 9, 10,
13, 14, 15, 16, 17 and 20 April (Good Friday 3 April and Easter Monday 6 April are bank
holidays), so due Monday 20 April. With "due soon" at 2 working days, the handler hears on
Thursday 16 April (17 and 20 April remain), again on the day, and with the area's Service
Manager on Tuesday 21 April. Learning action alerts are in ``complaint_learning/test_learning.py``.
"""

from __future__ import annotations

from contextlib import contextmanager
from datetime import date

import frappe
from frappe.tests.utils import FrappeTestCase, change_settings

from complaints_app.alerts.rules import AlertKind
from complaints_app.alerts.testing import AlertTestMixin
from complaints_app.complaints.testing import (
	CHILDRENS,
	LGSCO,
	current_stage,
	make_complaint,
	make_service_area,
	make_user,
)

FEEDBACK_SETTINGS = {
	"nation": "England",
	"same_day_cutoff": None,
	"due_soon_days": 2,
	"member_enquiry_target_days": 10,
	"alert_new_case": 0,
	"alert_assignment": 0,
	"alert_enquiry_due_soon": 1,
	"alert_enquiry_due_today": 1,
	"alert_enquiry_overdue": 1,
	"alert_restriction_review": 1,
	"alert_adjustments_review": 1,
	"daily_digest": 0,
}


def sent(reference: str, kind: AlertKind) -> list[tuple[str, date]]:
	"""(recipient, due date) of each alert of ``kind`` about ``reference``, sorted."""
	rows = frappe.get_all(
		"Complaint Alert",
		filters={"reference_name": reference, "kind": kind.value},
		fields=["recipient", "due_date"],
	)
	return sorted((r.recipient, r.due_date) for r in rows)


def emails(doctype: str, name: str, recipient: str) -> int:
	"""How many emails are queued to ``recipient`` about the record."""
	queued = frappe.get_all(
		"Email Queue", filters={"reference_doctype": doctype, "reference_name": name}, pluck="name"
	)
	return frappe.db.count(
		"Email Queue Recipient", {"parent": ["in", queued or [""]], "recipient": recipient}
	)


def bells(name: str, recipient: str) -> list[str]:
	"""The subjects of the desk notifications ``recipient`` got about the record."""
	return frappe.get_all(
		"Notification Log", filters={"document_name": name, "for_user": recipient}, pluck="subject"
	)


def complaints_managers() -> set[str]:
	"""Every enabled desk user with the role (the sender's reading of "every Complaints Manager")."""
	users = frappe.get_all(
		"Has Role", filters={"role": "Complaints Manager", "parenttype": "User"}, pluck="parent"
	)
	return set(
		frappe.get_all(
			"User",
			filters={"name": ["in", users or [""]], "enabled": 1, "user_type": "System User"},
			pluck="name",
		)
	) - {"Administrator"}


class FeedbackAlertTestCase(AlertTestMixin, FrappeTestCase):
	alert_settings = FEEDBACK_SETTINGS

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		run = cls.start_run()
		cls.handler = make_user(f"enquiries.{run}@example.com", "Complaints Officer")
		cls.area_manager = make_user(f"highways.manager.{run}@example.com", "Service Manager")
		cls.other_manager = make_user(f"parks.manager.{run}@example.com", "Service Manager")
		cls.manager = make_user(f"complaints.manager.{run}@example.com", "Complaints Manager")
		cls.area = make_service_area(f"Highways {run}", manager=cls.area_manager)
		cls.other_area = make_service_area(f"Parks {run}", manager=cls.other_manager)

	def setUp(self):
		super().setUp()
		frappe.db.savepoint("feedback_alerts")
		self.addCleanup(frappe.db.rollback, save_point="feedback_alerts")

	@contextmanager
	def on(self, day: str, at: str = "10:00:00.250000"):
		with self.freeze_time(f"{day} {at}"):
			yield


class TestMemberEnquiryAlerts(FeedbackAlertTestCase):
	def easter_enquiry(self, **values):
		with self.on("2026-04-02"):
			enquiry = frappe.get_doc(
				{
					"doctype": "Member Enquiry",
					"subject": "Pothole on Mill Lane, reported three times",
					"received_on": "2026-04-02",
					"category": "Corporate",
					"service_area": self.area,
					"handler": self.handler,
					"member_type": "Councillor",
					"member_name": "Cllr Sam Ward",
					"ward_or_constituency": "Mill ward",
					**values,
				}
			).insert()
		self.assertEqual(enquiry.due_date, date(2026, 4, 20))
		return enquiry

	def test_the_handler_hears_when_due_soon_and_today_and_the_area_manager_too_when_overdue(self):
		enquiry = self.easter_enquiry()
		self.scan_on("2026-04-15")  # Wednesday: 16, 17 and 20 April remain
		for kind in (AlertKind.ENQUIRY_DUE_SOON, AlertKind.ENQUIRY_DUE_TODAY, AlertKind.ENQUIRY_OVERDUE):
			self.assertEqual(sent(enquiry.name, kind), [])
		self.scan_on("2026-04-16")
		self.assertEqual(sent(enquiry.name, AlertKind.ENQUIRY_DUE_SOON), [(self.handler, date(2026, 4, 20))])
		self.scan_on("2026-04-17")
		self.assertEqual(len(sent(enquiry.name, AlertKind.ENQUIRY_DUE_SOON)), 1)
		self.scan_on("2026-04-20")
		self.assertEqual(sent(enquiry.name, AlertKind.ENQUIRY_DUE_TODAY), [(self.handler, date(2026, 4, 20))])
		self.scan_on("2026-04-21")
		self.assertEqual(
			sent(enquiry.name, AlertKind.ENQUIRY_OVERDUE),
			sorted([(self.handler, date(2026, 4, 20)), (self.area_manager, date(2026, 4, 20))]),
		)
		self.assertNotIn(self.other_manager, {r for r, _d in sent(enquiry.name, AlertKind.ENQUIRY_OVERDUE)})
		self.assertEqual(emails("Member Enquiry", enquiry.name, self.area_manager), 1)
		self.assertEqual(emails("Member Enquiry", enquiry.name, self.handler), 3)
		subjects = bells(enquiry.name, self.area_manager)
		self.assertEqual(len(subjects), 1)
		self.assertIn(
			f"Member enquiry {enquiry.name} from Cllr Sam Ward: response overdue since", subjects[0]
		)

	def test_an_extension_alerts_again_for_its_date_and_a_response_stops_the_alerts(self):
		enquiry = self.easter_enquiry()
		self.scan_on("2026-04-21")
		self.assertEqual(len(sent(enquiry.name, AlertKind.ENQUIRY_OVERDUE)), 2)
		# The councillor agrees Tuesday 28 April on 21 April: due soon again on Friday 24 April (27, 28 remain).
		with self.on("2026-04-21", "15:00:00.250000"):
			enquiry.reload()
			enquiry.append(
				"extensions",
				{
					"new_due_date": "2026-04-28",
					"reason": "Awaiting the contractor's survey",
					"agreed_on": "2026-04-21",
				},
			)
			enquiry.save()
		self.assertEqual(enquiry.due_date, date(2026, 4, 28))
		self.scan_on("2026-04-23")  # 24, 27 and 28 April remain
		self.assertEqual(sent(enquiry.name, AlertKind.ENQUIRY_DUE_SOON), [])
		self.scan_on("2026-04-24")
		self.assertEqual(sent(enquiry.name, AlertKind.ENQUIRY_DUE_SOON), [(self.handler, date(2026, 4, 28))])
		with self.on("2026-04-27", "16:00:00.250000"):
			enquiry.reload()
			enquiry.responded_on = date(2026, 4, 27)
			enquiry.save()
		self.scan_on("2026-04-28")
		self.scan_on("2026-04-29")
		self.assertEqual(sent(enquiry.name, AlertKind.ENQUIRY_DUE_TODAY), [])
		self.assertEqual(
			[d for _r, d in sent(enquiry.name, AlertKind.ENQUIRY_OVERDUE)], [date(2026, 4, 20)] * 2
		)

	def test_a_switched_off_kind_is_not_sent(self):
		enquiry = self.easter_enquiry()
		with change_settings("Complaints Settings", {"alert_enquiry_overdue": 0}):
			self.scan_on("2026-04-21")
		self.assertEqual(sent(enquiry.name, AlertKind.ENQUIRY_OVERDUE), [])
		self.scan_on("2026-04-22")  # switched back on: sent the next working morning
		self.assertEqual(len(sent(enquiry.name, AlertKind.ENQUIRY_OVERDUE)), 2)


class TestContactRestrictionReviewAlerts(FeedbackAlertTestCase):
	def restriction(self, decided_by: str, review_date: str, **values):
		with self.on("2026-01-05"):
			return frappe.get_doc(
				{
					"doctype": "Complaint Contact Restriction",
					"person_name": "Pat Persistent",
					"email": f"pat.{frappe.generate_hash(length=6)}@example.com",
					"restriction_type": "Limited channels",
					"restriction": "Contact by email to the complaints team only.",
					"reasons": "Forty calls a week to service staff over three months.",
					"decided_by": decided_by,
					"decided_on": "2026-01-05",
					"review_date": review_date,
					"status": "Active",
					**values,
				}
			).insert()

	def test_a_review_date_on_easter_monday_alerts_who_decided_it_and_the_managers_on_the_tuesday(self):
		restriction = self.restriction(self.handler, "2026-04-06")
		kind = AlertKind.RESTRICTION_REVIEW
		self.scan_on("2026-04-02")
		self.scan_on("2026-04-06")  # Easter Monday: nobody works
		self.assertEqual(sent(restriction.name, kind), [])
		self.scan_on("2026-04-07")
		expected = sorted((user, date(2026, 4, 6)) for user in {self.handler} | complaints_managers())
		self.assertIn((self.manager, date(2026, 4, 6)), expected)
		self.assertEqual(sent(restriction.name, kind), expected)
		self.scan_on("2026-04-08")
		self.assertEqual(sent(restriction.name, kind), expected)
		self.assertEqual(emails("Complaint Contact Restriction", restriction.name, self.manager), 1)
		subjects = bells(restriction.name, self.manager)
		self.assertEqual(len(subjects), 1)
		self.assertIn(f"Review the contact restriction on Pat Persistent ({restriction.name})", subjects[0])

	def test_only_people_who_may_read_it_are_told_and_an_ended_restriction_alerts_nobody(self):
		# A Service Manager decided it but may not open restrictions: the managers are told, not them.
		restriction = self.restriction(self.area_manager, "2026-02-02")
		ended = self.restriction(self.handler, "2026-02-02")
		with self.on("2026-01-20"):
			ended.reload()
			ended.status, ended.ended_on = "Ended", date(2026, 1, 20)
			ended.save()
		self.scan_on("2026-02-02")
		told = {r for r, _d in sent(restriction.name, AlertKind.RESTRICTION_REVIEW)}
		self.assertEqual(told, complaints_managers())
		self.assertNotIn(self.area_manager, told)
		self.assertEqual(sent(ended.name, AlertKind.RESTRICTION_REVIEW), [])


class TestReasonableAdjustmentsReviewAlerts(FeedbackAlertTestCase):
	def test_the_current_stages_handler_is_told_from_the_review_date_once(self):
		with self.on("2026-01-05"):
			complaint = make_complaint(
				procedure=LGSCO,
				service_area=self.area,
				received_at="2026-01-05 09:00:00",
				reasonable_adjustments="Letters in large print; calls only after 2pm.",
				adjustments_review_date="2026-01-31",  # a Saturday
			)
		handler = current_stage(complaint.name).handler
		self.assertEqual(handler, self.area_manager)
		kind = AlertKind.ADJUSTMENTS_REVIEW
		self.scan_on("2026-01-30")
		self.assertEqual(sent(complaint.name, kind), [])
		self.scan_on("2026-02-02")  # the Monday after
		self.assertEqual(sent(complaint.name, kind), [(self.area_manager, date(2026, 1, 31))])
		self.scan_on("2026-02-03")
		self.assertEqual(len(sent(complaint.name, kind)), 1)
		self.assertEqual(emails("Complaint", complaint.name, self.area_manager), 1)
		self.assertIn(
			f"{complaint.name}: review the reasonable adjustments (review date",
			" / ".join(bells(complaint.name, self.area_manager)),
		)
		# A new review date: a new alert when it comes.
		with self.on("2026-02-03", "11:00:00.250000"):
			complaint.reload()
			complaint.adjustments_review_date = date(2026, 3, 2)
			complaint.save()
		self.scan_on("2026-03-02")
		self.assertEqual(
			sent(complaint.name, kind),
			[(self.area_manager, date(2026, 1, 31)), (self.area_manager, date(2026, 3, 2))],
		)

	def test_with_no_handler_the_complaints_managers_are_told_and_a_closed_complaint_tells_nobody(self):
		with self.on("2026-01-05"):
			# The area's manager may not open a children's case, so the stage has no handler.
			children = make_complaint(
				procedure=CHILDRENS,
				service_area=self.area,
				received_at="2026-01-05 09:00:00",
				reasonable_adjustments="A British Sign Language interpreter at meetings.",
				adjustments_review_date="2026-02-02",
			)
			withdrawn = make_complaint(
				procedure=LGSCO,
				service_area=self.area,
				received_at="2026-01-05 09:00:00",
				reasonable_adjustments="Easy-read letters.",
				adjustments_review_date="2026-02-02",
			)
		self.assertFalse(current_stage(children.name).handler)
		with self.on("2026-01-20"):
			withdrawn.reload()
			withdrawn.close_with("Withdrawn", "The complainant withdrew by phone.")
		self.scan_on("2026-02-02")
		told = {r for r, _d in sent(children.name, AlertKind.ADJUSTMENTS_REVIEW)}
		self.assertEqual(told, complaints_managers())
		self.assertIn(self.manager, told)
		self.assertEqual(sent(withdrawn.name, AlertKind.ADJUSTMENTS_REVIEW), [])
