"""Scheduled jobs. Each works record by record, logs a failure and carries on, and is idempotent."""

from __future__ import annotations

import frappe
from frappe.query_builder import DocType
from frappe.utils import getdate, nowdate

RUNNING_STATES = ("Open", "On hold")


def refresh_open_stage_clocks() -> None:
	"""Daily: bring every running stage's due dates and status (on track, due soon, overdue…) up to today,
	close the complaints whose escalation window has ended, and mark Ombudsman recommendations overdue."""
	refresh_stage_clocks()
	refresh_responded_complaints()
	refresh_ombudsman_compliance()


def refresh_after_calendar_change() -> None:
	"""Closure days, the nation or the cut-off changed: every running due date may move."""
	refresh_stage_clocks()
	refresh_review_panels()


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
	counts = {"checked": 0, "updated": 0, "failed": 0}
	for name in names:
		counts["checked"] += 1
		try:
			doc = frappe.get_doc("Complaint Review Panel", name)
			before = (doc.panel_due, doc.report_due, doc.council_response_due)
			doc.set_due_dates()
			after = (doc.panel_due, doc.report_due, doc.council_response_due)
			if [getdate(d) if d else None for d in before] != list(after):
				doc.db_set(
					{"panel_due": after[0], "report_due": after[1], "council_response_due": after[2]},
					update_modified=False,
				)
				counts["updated"] += 1
		except Exception:
			counts["failed"] += 1
			frappe.log_error(
				title=f"Review panel due dates refresh failed for {name}",
				reference_doctype="Complaint Review Panel",
				reference_name=name,
			)
	return counts


def refresh_responded_complaints() -> dict[str, int]:
	"""A responded complaint closes once the window to ask for the next stage has passed."""
	complaint = DocType("Complaint")
	names = (
		frappe.qb.from_(complaint)
		.select(complaint.name)
		.where(complaint.status == "Responded")
		.run(pluck=True)
	)
	counts = {"checked": 0, "updated": 0, "failed": 0}
	for name in names:
		counts["checked"] += 1
		try:
			doc = frappe.get_doc("Complaint", name)
			doc.refresh_from_stages()
			counts["updated"] += doc.status != "Responded"
		except Exception:
			counts["failed"] += 1
			frappe.log_error(
				title=f"Complaint status refresh failed for {name}",
				reference_doctype="Complaint",
				reference_name=name,
			)
	return counts


def running_stages(procedure: str | None = None) -> list[str]:
	stage = DocType("Complaint Stage")
	query = frappe.qb.from_(stage).select(stage.name).where(stage.workflow_state.isin(RUNNING_STATES))
	if procedure:
		query = query.where(stage.procedure == procedure)
	return query.orderby(stage.name).run(pluck=True)


def refresh_stage_clocks(procedure: str | None = None) -> dict[str, int]:
	"""Recompute the clocks of running stages; saves only the ones whose dates or status changed."""
	counts = {"checked": 0, "updated": 0, "failed": 0}
	for name in running_stages(procedure):
		counts["checked"] += 1
		try:
			if refresh_one(name):
				counts["updated"] += 1
		except Exception:
			counts["failed"] += 1
			frappe.db.rollback(save_point="refresh_stage_clock")
			frappe.log_error(
				title=f"Stage clock refresh failed for {name}",
				reference_doctype="Complaint Stage",
				reference_name=name,
			)
	return counts


def refresh_one(name: str) -> bool:
	"""Save a stage only when its clock fields differ from what the SLA core gives today."""
	frappe.db.savepoint("refresh_stage_clock")
	stage = frappe.get_doc("Complaint Stage", name)
	stage.set_from_complaint()
	stage.set_clock_start()
	fields = stage.clock_fields()
	if all(str(stage.get(f) or "") == str(v or "") for f, v in fields.items()):
		return False
	stage.save(ignore_permissions=True)
	return True
