"""Complaints Settings were first saved with the install's time of day as the same-day cut-off.

Frappe fills a new document's Time fields with the current time, and the install kept it, so
complaints received after, say, 20:52:56 started their clock a day late. A cut-off chosen by
an administrator is typed as hours and minutes; one with seconds came from the install and
is cleared, alone (a full save would also store every other setting not yet saved, such as
new alert switches, as 0), and running stages are recomputed.
"""

from datetime import timedelta

import frappe
from frappe.utils import to_timedelta


def execute() -> None:
	cutoff = frappe.db.get_single_value("Complaints Settings", "same_day_cutoff")
	if not cutoff:
		return
	if to_timedelta(cutoff) % timedelta(minutes=1):
		from complaints_app.complaints.jobs import refresh_stage_clocks

		frappe.db.set_single_value("Complaints Settings", "same_day_cutoff", None)
		frappe.clear_document_cache("Complaints Settings", "Complaints Settings")
		refresh_stage_clocks()
