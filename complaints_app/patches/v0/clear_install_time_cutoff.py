"""Complaints Settings were first saved with the install's time of day as the same-day cut-off.

Frappe fills a new document's Time fields with the current time, and the install kept it, so
complaints received after, say, 20:52:56 started their clock a day late. A cut-off chosen by
an administrator is typed as hours and minutes; one with seconds came from the install and
is cleared, alone (a full save would also store every other setting not yet saved, such as
new alert switches, as 0), and running stages are recomputed.
"""

from complaints_app.setup.install import clear_machine_cutoff


def execute() -> None:
	if clear_machine_cutoff():
		from complaints_app.complaints.jobs import refresh_stage_clocks

		refresh_stage_clocks()
