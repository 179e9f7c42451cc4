# Copyright (c) 2026, complaints_app contributors
# See license.txt

from datetime import date

import frappe
from frappe.tests.utils import FrappeTestCase

from complaints_app.complaints.errors import ComplaintsError, ReviewPanelError
from complaints_app.complaints.testing import CHILDRENS, current_stage, make_complaint, respond


def children_case_at(stage_number: int):
	"""A children's complaint escalated to ``stage_number`` (2 or 3), each stage answered in time."""
	complaint = make_complaint(procedure=CHILDRENS, received_at="2026-01-05 10:00:00")
	respond(current_stage(complaint.name), date(2026, 1, 16))
	complaint.reload()
	stage = complaint.escalate(handler="Administrator", requested_at="2026-01-20 09:00:00")
	if stage_number == 3:
		respond(stage, date(2026, 2, 20), "Partially upheld")
		complaint.reload()
		stage = complaint.escalate(handler="Guest", requested_at="2026-03-02 09:00:00")
	return complaint, stage


class TestReviewPanel(FrappeTestCase):
	def test_members_are_three_different_people_with_one_chair(self):
		_complaint, stage = children_case_at(3)
		panel = frappe.get_doc("Complaint Review Panel", {"complaint_stage": stage.name})
		self.assertEqual(panel.panel_due, date(2026, 4, 15))  # 30 wd from 2 March, over Easter

		for members in (
			[("A", 1), ("B", 0), ("C", 0), ("D", 0)],
			[("A", 0), ("B", 0), ("C", 0)],
			[("A", 1), ("B", 1), ("C", 0)],
			[("A", 1), ("A", 0), ("C", 0)],
		):
			panel.reload()
			for name, chair in members:
				panel.append("members", {"member_name": name, "is_chair": chair})
			with self.assertRaises(ReviewPanelError, msg=members):
				panel.save()

	def test_dates_follow_in_order(self):
		_complaint, stage = children_case_at(3)
		panel = frappe.get_doc("Complaint Review Panel", {"complaint_stage": stage.name})
		for name, chair in (("A", 1), ("B", 0), ("C", 0)):
			panel.append("members", {"member_name": name, "is_chair": chair})
		panel.panel_date = date(2026, 3, 20)
		panel.report_sent_on = date(2026, 3, 19)
		with self.assertRaises(ReviewPanelError):
			panel.save()


class TestInvestigation(FrappeTestCase):
	def test_independent_person_is_not_the_investigating_officer(self):
		_complaint, stage = children_case_at(2)
		investigation = frappe.get_doc("Complaint Investigation", {"complaint_stage": stage.name})
		investigation.investigating_officer = investigation.independent_person = "Administrator"
		with self.assertRaises(ComplaintsError):
			investigation.save()

	def test_adjudication_follows_the_report(self):
		_complaint, stage = children_case_at(2)
		investigation = frappe.get_doc("Complaint Investigation", {"complaint_stage": stage.name})
		investigation.adjudication_date = date(2026, 2, 20)
		with self.assertRaises(ComplaintsError):
			investigation.save()
