"""Scheduled jobs. Each works record by record, logs a failure and carries on, and is idempotent."""

from __future__ import annotations

import frappe
from frappe.query_builder import DocType

RUNNING_STATES = ("Open", "On hold")


def refresh_open_stage_clocks() -> None:
	"""Daily: bring every running stage's due dates and status (on track, due soon, overdue…) up to today,
	and close the complaints whose escalation window has ended."""
	refresh_stage_clocks()
	refresh_responded_complaints()


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
