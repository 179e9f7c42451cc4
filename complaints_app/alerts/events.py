"""Alerts that follow an event rather than the clock: a new case, and people set on a record.

* New case: the service area's work queue (its manager, and the users and roles listed on the
  area) is told when a complaint arrives from any channel; a complaint with no area goes to the
  Complaints Managers, who triage it.
* Assignment: a stage's handler, an investigation's Investigating Officer and Independent
  Person, and a review panel's members get a ToDo (Frappe's "Assign to", with its own
  notification), closed when their part is done and cancelled if someone else takes it.
  Someone who may not read the record gets none (Frappe would otherwise share it with them).
"""

from __future__ import annotations

import frappe
import frappe.desk.form.assign_to
from frappe import _
from frappe.utils import getdate

from complaints_app.alerts import sender
from complaints_app.alerts.rules import COMPLAINTS_MANAGER, ROLE, USER, Alert, AlertKind
from complaints_app.alerts.scan import alert_policy


def tell_work_queue(doc, method: str | None = None) -> None:
	"""Complaint after_insert: the area's work queue hears of the new case (not of a data import's)."""
	if frappe.flags.in_import or frappe.flags.in_patch or AlertKind.NEW_CASE not in alert_policy().enabled:
		return
	queue = work_queue(doc.service_area)
	subject = _("New complaint {0} ({1}): {2}").format(doc.name, _(doc.channel or ""), doc.subject)
	message = _("{0}. Received {1}; service area: {2}.").format(
		subject, frappe.format(doc.received_at, "Datetime"), doc.service_area or _("not yet chosen")
	)
	outgoing = sender.expand(
		[Alert(AlertKind.NEW_CASE, None, queue)],
		"Complaint",
		doc.name,
		doc.name,
		lambda _alert: (subject, message),
		sender.Recipients(),
	)
	sender.send_all(outgoing, getdate())


def work_queue(service_area: str | None) -> tuple[tuple[str, str], ...]:
	if not service_area:
		return (COMPLAINTS_MANAGER,)
	area = frappe.get_cached_doc("Complaint Service Area", service_area)
	queue = [(USER, area.manager)] if area.manager else []
	for row in area.get("alert_recipients") or []:
		if row.user:
			queue.append((USER, row.user))
		if row.role:
			queue.append((ROLE, row.role))
	return tuple(queue) or (COMPLAINTS_MANAGER,)


def people_and_done(doc) -> tuple[set[str], bool]:
	"""Who has a part in this record, and whether their part is done."""
	if doc.doctype == "Complaint Stage":
		return {doc.handler} - {None, ""}, doc.workflow_state in ("Responded", "Closed")
	if doc.doctype == "Complaint Investigation":
		return {doc.investigating_officer, doc.independent_person} - {None, ""}, bool(doc.report_date)
	if doc.doctype == "Complaint Review Panel":
		return {m.user for m in doc.members if m.user}, bool(doc.council_response_on)
	return set(), False


def sync_assignments(doc, method: str | None = None) -> None:
	"""on_update of stages, investigations and panels: one open ToDo per person with a part still to do."""
	if not frappe.get_cached_doc("Complaints Settings").alert_assignment:
		return
	people, done = people_and_done(doc)
	todos = frappe.get_all(
		"ToDo",
		filters={"reference_type": doc.doctype, "reference_name": doc.name, "status": "Open"},
		fields=["name", "allocated_to"],
	)
	for todo in todos:
		if done or todo.allocated_to not in people:
			entry = frappe.get_doc("ToDo", todo.name)
			entry.status = "Closed" if done else "Cancelled"
			entry.save(ignore_permissions=True)  # ToDo updates the record's "assigned to" itself
	if done:
		return
	assigned = {t.allocated_to for t in todos}
	for user in sorted(people - assigned):
		# Frappe would share the record with an assignee who may not read it, which would open
		# a restricted case to them; an assignment never widens access here.
		if not frappe.has_permission(doc.doctype, "read", doc=doc, user=user):
			continue
		frappe.desk.form.assign_to.add(
			{
				"assign_to": [user],
				"doctype": doc.doctype,
				"name": doc.name,
				"description": assignment_text(doc),
				"date": doc.get("response_due") or doc.get("panel_due"),
			},
			ignore_permissions=True,
		)


def assignment_text(doc) -> str:
	if doc.doctype == "Complaint Stage":
		return _("Handle {0} of complaint {1}").format(doc.stage_name, doc.complaint)
	if doc.doctype == "Complaint Investigation":
		return _("Investigate complaint {0}").format(doc.complaint)
	return _("Review panel for complaint {0}").format(doc.complaint)


def assign_running_records() -> int:
	"""Give the people on every running stage, investigation and panel their ToDo, where missing.

	For a site whose records predate assignments (the demo year, an upgraded council); the
	same rule as on save, so a second call adds nothing.
	"""
	from complaints_app.complaints.clock_refresh import RUNNING_STATES

	running = {
		"Complaint Stage": {"workflow_state": ["in", RUNNING_STATES]},
		"Complaint Investigation": {"report_date": ["is", "not set"]},
		"Complaint Review Panel": {"council_response_on": ["is", "not set"]},
	}
	before = frappe.db.count("ToDo", {"status": "Open"})
	for doctype, filters in running.items():
		for name in frappe.get_all(doctype, filters=filters, pluck="name"):
			sync_assignments(frappe.get_doc(doctype, name))
	return frappe.db.count("ToDo", {"status": "Open"}) - before


def forget_alerts(doc, method: str | None = None) -> None:
	"""on_trash: a deleted record's alert log goes with it.

	Otherwise a new record that reuses its name (Frappe hands back the last number of a
	series when its holder is deleted) would find its alerts already "sent".
	"""
	log = frappe.qb.DocType("Complaint Alert")
	condition = (log.reference_doctype == doc.doctype) & (log.reference_name == doc.name)
	if doc.doctype == "Complaint":
		condition |= log.complaint == doc.name
	frappe.qb.from_(log).delete().where(condition).run()
