"""Scheduled jobs. Each logs a failing record and carries on, and each is idempotent."""

from __future__ import annotations

from collections.abc import Callable

import frappe
from frappe.query_builder import DocType
from frappe.utils import getdate, nowdate

from complaints_app.complaints import clock_refresh


def run_daily() -> dict:
	"""The daily job (scheduled as daily_long): clocks up to today, then the alerts and digests they call for.

	Running stages' due dates and statuses are refreshed in bulk, complaints whose escalation
	window has ended are closed, Ombudsman recommendations past due are marked, and then the
	staff alerts and daily digests due today are sent (``complaints_app.alerts``).
	"""
	from complaints_app.alerts import digest, scan

	today = getdate(nowdate())
	refreshed = clock_refresh.refresh_stage_clocks(today=today)
	report = {
		"clocks": refreshed.counts(),
		"responded": refresh_responded_complaints(),
		"ombudsman": refresh_ombudsman_compliance(),
	}
	if not frappe.flags.in_test:
		frappe.db.commit()  # the clocks stand even if sending alerts fails later in this run
	report["alerts"] = scan.send_due_alerts(today, refreshed.stages)
	report["digest"] = digest.send_digests(today, refreshed.stages)
	return report


def refresh_after_calendar_change() -> None:
	"""Closure days, the nation or the cut-off changed: every running due date may move."""
	from complaints_app.complaint_feedback.jobs import refresh_enquiry_clocks

	refresh_stage_clocks()
	refresh_review_panels()
	refresh_enquiry_clocks()


def refresh_ombudsman_compliance() -> dict[str, int]:
	"""Recommendations past their due date become overdue, and their enquiry "Not complied", without a save each."""
	from complaints_app.complaints.doctype.ombudsman_enquiry.ombudsman_enquiry import (
		compliance,
		recommendation_overdue,
	)

	enquiry, rec = DocType("Ombudsman Enquiry"), DocType("Ombudsman Recommendation")
	rows = (
		frappe.qb.from_(rec)
		.join(enquiry)
		.on(rec.parent == enquiry.name)
		.select(
			enquiry.name.as_("enquiry"),
			enquiry.decision,
			enquiry.complied,
			rec.name,
			rec.due_date,
			rec.completed_on,
			rec.overdue,
		)
		.where((rec.parenttype == "Ombudsman Enquiry") & (enquiry.complied == "Pending"))
		.run(as_dict=True)
	)
	today = getdate(nowdate())
	by_enquiry: dict[str, list] = {}
	for row in rows:
		row.overdue = int(recommendation_overdue(row.due_date, row.completed_on, today))
		by_enquiry.setdefault(row.enquiry, []).append(row)
	overdue = [r.name for r in rows if r.overdue]
	if overdue:
		frappe.qb.update(rec).set(rec.overdue, 1).where(rec.name.isin(overdue)).run()
	changed = 0
	for name, recs in by_enquiry.items():
		complied = compliance(recs[0].decision, recs)
		if complied != recs[0].complied:
			frappe.db.set_value("Ombudsman Enquiry", name, "complied", complied, update_modified=False)
			changed += 1
	return {"checked": len(by_enquiry), "updated": changed}


def each_record(doctype: str, names: list[str], work: Callable[[str], bool], what: str) -> dict[str, int]:
	"""Run ``work`` on each record; one that fails is logged and the rest go on. ``work`` says if it changed."""
	counts = {"checked": 0, "updated": 0, "failed": 0}
	for name in names:
		counts["checked"] += 1
		try:
			counts["updated"] += bool(work(name))
		except Exception:
			counts["failed"] += 1
			frappe.log_error(
				title=f"{what} failed for {name}", reference_doctype=doctype, reference_name=name
			)
	return counts


def refresh_review_panels() -> dict[str, int]:
	"""Panels still running get their interim due dates again (after the council's calendar changed)."""
	panel = DocType("Complaint Review Panel")
	names = (
		frappe.qb.from_(panel)
		.select(panel.name)
		.where(panel.council_response_on.isnull())
		.orderby(panel.name)
		.run(pluck=True)
	)
	return each_record(
		"Complaint Review Panel", names, refresh_panel_due_dates, "Review panel due dates refresh"
	)


def refresh_panel_due_dates(name: str) -> bool:
	doc = frappe.get_doc("Complaint Review Panel", name)
	fields = ("panel_due", "report_due", "council_response_due")
	before = [getdate(doc.get(f)) if doc.get(f) else None for f in fields]
	doc.set_due_dates()
	after = [doc.get(f) for f in fields]
	if before == after:
		return False
	doc.db_set(dict(zip(fields, after, strict=True)), update_modified=False)
	return True


def refresh_responded_complaints() -> dict[str, int]:
	"""A responded complaint closes once the window to ask for the next stage has passed."""
	complaint = DocType("Complaint")
	names = (
		frappe.qb.from_(complaint)
		.select(complaint.name)
		.where(complaint.status == "Responded")
		.run(pluck=True)
	)
	return each_record("Complaint", names, refresh_complaint_status, "Complaint status refresh")


def refresh_complaint_status(name: str) -> bool:
	doc = frappe.get_doc("Complaint", name)
	doc.refresh_from_stages()
	return doc.status != "Responded"


def refresh_stage_clocks(procedure: str | None = None) -> dict[str, int]:
	"""Recompute the clocks of running stages in bulk (``clock_refresh``); returns the counts."""
	return clock_refresh.refresh_stage_clocks(procedure).counts()
