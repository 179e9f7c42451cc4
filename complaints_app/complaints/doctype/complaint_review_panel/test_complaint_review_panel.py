# Copyright (c) 2026, complaints_app contributors
# See license.txt

from datetime import date

import frappe
from frappe.tests.utils import FrappeTestCase

from complaints_app.complaints.errors import ReviewPanelError
from complaints_app.complaints.testing import children_case_at


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
