# Copyright (c) 2026, complaints_app contributors
# See license.txt

import frappe
from frappe.tests.utils import FrappeTestCase


class TestComplaintsSettings(FrappeTestCase):
	def test_saving_with_no_cut_off_keeps_no_cut_off(self):
		"""Frappe fills empty Time fields with the time of the save; the cut-off must stay empty."""
		settings = frappe.get_single("Complaints Settings")
		saved = settings.same_day_cutoff
		try:
			with self.freeze_time("2026-11-25 08:15:00"):
				settings.same_day_cutoff = None
				settings.save(ignore_permissions=True)
			self.assertIsNone(frappe.db.get_singles_dict("Complaints Settings").get("same_day_cutoff"))
			settings.reload()
			settings.same_day_cutoff = "16:30:00"
			settings.save(ignore_permissions=True)
			self.assertEqual(
				str(frappe.db.get_single_value("Complaints Settings", "same_day_cutoff")), "16:30:00"
			)
		finally:
			settings.reload()
			settings.same_day_cutoff = saved
			settings.save(ignore_permissions=True)
