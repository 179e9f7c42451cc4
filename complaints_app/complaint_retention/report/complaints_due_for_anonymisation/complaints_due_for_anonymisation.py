# Copyright (c) 2026, complaints_app contributors
# For license information, please see license.txt
"""The dry run of the retention job: what it would anonymise on a day, and what a legal hold holds back.

The same ``candidates``, ``policy.Case.standing`` and ``footprints`` as the job, so each row
says what the job would do on *As at*: the complaint, its rule, when it closed and fell due,
and how many records, files, communications and history rows it would anonymise or delete.
Complaints past their period under a legal hold are listed as excluded. Nothing is changed.
"""

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils import escape_html, getdate

from complaints_app.complaint_retention import policy
from complaints_app.complaint_retention.retention import LOG_DOCTYPE, candidates, footprints
from complaints_app.complaint_statistics.cohort import ReportFilterError
from complaints_app.complaint_statistics.tables import column, report_entry, summary_item
from complaints_app.complaints.permissions import require_read

REPORT = "Complaints Due for Anonymisation"
SHOWN = (policy.Standing.DUE, policy.Standing.LEGAL_HOLD)


@report_entry(REPORT)
def execute(filters: dict | None = None):
	require_read(LOG_DOCTYPE)
	filters = frappe._dict(filters or {})
	as_at = parse_as_at(filters.get("as_at"))
	procedure = parse_procedure(filters.get("procedure"))
	shown = [c for c in candidates(as_at, procedure) if c.case.standing(as_at) in SHOWN]
	prints = footprints([c.case.name for c in shown])
	data = [row(c, prints[c.case.name], as_at) for c in shown]
	return get_columns(), data, message(as_at), None, get_report_summary(data)


def parse_as_at(value):
	if not value:
		return getdate()
	try:
		return getdate(value)
	except Exception:
		frappe.throw(_("As at must be a date, not {0}.").format(escape_html(str(value))), ReportFilterError)


def parse_procedure(value) -> str | None:
	if value and not frappe.db.exists("Complaint Procedure", value):
		frappe.throw(
			_("There is no complaint procedure called {0}.").format(escape_html(str(value))),
			ReportFilterError,
		)
	return value or None


def row(found, footprint, as_at) -> dict:
	case = found.case
	held = case.standing(as_at) is policy.Standing.LEGAL_HOLD
	return {
		"complaint": case.name,
		"procedure": found.procedure,
		"closed_on": case.closed_on,
		"retention_years": case.years,
		"due_on": case.due_on,
		"action": _("Excluded: legal hold") if held else _("Anonymise"),
		"legal_hold_reason": found.legal_hold_reason if held else None,
		"records": footprint.record_count,
		"files": len(footprint.files),
		"communications": len(footprint.communications),
		"history": footprint.history_count,
		"held": int(held),
	}


def get_columns() -> list[dict]:
	return [
		column("complaint", _("Complaint"), "Link", 160, options="Complaint"),
		column("procedure", _("Procedure"), "Link", 220, options="Complaint Procedure"),
		column("closed_on", _("Closed on"), "Date", 110),
		column("retention_years", _("Retention (years)"), "Int", 130),
		column("due_on", _("Due on"), "Date", 110),
		column("action", _("Action"), "Data", 170),
		column("legal_hold_reason", _("Legal hold reason"), "Data", 220),
		column("records", _("Case records"), "Int", 120),
		column("files", _("Files deleted"), "Int", 110),
		column("communications", _("Communications deleted"), "Int", 180),
		column("history", _("Comments, versions, email and notifications deleted"), "Int", 200),
	]


def message(as_at) -> str:
	return "<p>{}</p>".format(
		_(
			"What the daily retention job would do on {0}: each complaint closed longer ago than its "
			"procedure's retention period, with what it would anonymise or delete. A legal hold excludes "
			"a complaint until it is lifted. Dates, procedure, service area, theme, root cause, outcomes and "
			"in-time flags are kept, so the statistics do not change."
		).format(frappe.format(as_at, "Date"))
	)


def get_report_summary(data: list[dict]) -> list[dict]:
	due = [r for r in data if not r["held"]]
	return [
		summary_item("To anonymise", len(due), "Orange" if due else "Green", "Int"),
		summary_item("Excluded by a legal hold", len(data) - len(due), "Blue", "Int"),
		summary_item("Files to delete", sum(r["files"] for r in due), "Grey", "Int"),
	]
