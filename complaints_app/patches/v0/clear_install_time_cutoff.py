"""Complaints Settings were first saved with the install's time of day as the same-day cut-off.

Frappe fills a new document's Time fields with the current time, and the install kept it, so
complaints received after, say, 20:52:56 started their clock a day late. A cut-off chosen by
an administrator is typed as hours and minutes; one with seconds came from the install and
is cleared. Running stages are recomputed by the settings' own save.
"""

from datetime import timedelta

import frappe
from frappe.utils import to_timedelta


def execute() -> None:
	cutoff = frappe.db.get_single_value("Complaints Settings", "same_day_cutoff")
	if not cutoff:
		return
	if to_timedelta(cutoff) % timedelta(minutes=1):
		settings = frappe.get_single("Complaints Settings")
		settings.same_day_cutoff = None
		settings.save(ignore_permissions=True)
