"""The daily alert scan: the alerts every running stage, panel and Ombudsman recommendation calls for today.

It takes the stages the clock refresh has just computed (``clock_refresh``), adds what the
rules need in a handful of queries (area managers, procedure escalation thresholds, panels,
recommendations, stages whose escalation window closes), asks ``rules`` which alerts are
due, and hands them to ``sender``, which skips any already sent. Open member enquiries,
learning actions, contact restrictions due a review and complaints whose reasonable
adjustments are due a review are read the same way, one query each.
"""

from __future__ import annotations

from datetime import date

import frappe
from frappe import _
from frappe.query_builder import DocType

from complaints_app.alerts import sender
from complaints_app.alerts.rules import (
	COMPLAINTS_MANAGER,
	USER,
	ActionFacts,
	Alert,
	AlertKind,
	AlertPolicy,
	Deadline,
	EnquiryFacts,
	Review,
	StageFacts,
	adjustments_review,
	deadline_alerts,
	enquiry_alerts,
	learning_action_alerts,
	restriction_review,
	review_alerts,
	stage_alerts,
)
from complaints_app.complaints import clocks
from complaints_app.complaints.clock_refresh import RefreshedStage
from complaints_app.sla import WorkingCalendar

SETTING_OF_KIND = {
	AlertKind.NEW_CASE: "alert_new_case",
	AlertKind.ACK_DUE_TODAY: "alert_acknowledgement",
	AlertKind.ACK_OVERDUE: "alert_acknowledgement",
	AlertKind.DUE_SOON: "alert_due_soon",
	AlertKind.DUE_TODAY: "alert_due_today",
	AlertKind.OVERDUE: "alert_overdue",
	AlertKind.ESCALATION: "alert_escalation",
	AlertKind.STATEMENT_NOT_AGREED: "alert_statement",
	AlertKind.PANEL_MEETING: "alert_review_panel",
	AlertKind.PANEL_REPORT: "alert_review_panel",
	AlertKind.PANEL_COUNCIL_RESPONSE: "alert_review_panel",
	AlertKind.RECOMMENDATION: "alert_ombudsman",
	AlertKind.WINDOW_CLOSING: "alert_window_closing",
	AlertKind.DIGEST: "daily_digest",
	AlertKind.ENQUIRY_DUE_SOON: "alert_enquiry_due_soon",
	AlertKind.ENQUIRY_DUE_TODAY: "alert_enquiry_due_today",
	AlertKind.ENQUIRY_OVERDUE: "alert_enquiry_overdue",
	AlertKind.LEARNING_ACTION_OVERDUE: "alert_learning_action",
	AlertKind.RESTRICTION_REVIEW: "alert_restriction_review",
	AlertKind.ADJUSTMENTS_REVIEW: "alert_adjustments_review",
}
# Complaints whose reasonable adjustments are still in use: the case is being handled.
ADJUSTMENTS_UNDER_REVIEW = ("Open", "On hold")


def alert_policy() -> AlertPolicy:
	"""What Complaints Settings switch on (each kind can be turned off in desk) and their timings."""
	settings = frappe.get_cached_doc("Complaints Settings")
	enabled = frozenset(kind for kind, fieldname in SETTING_OF_KIND.items() if settings.get(fieldname))
	return AlertPolicy(
		enabled=enabled,
		escalate_after_days=settings.escalate_after_days or 5,
		statement_within_days=settings.statement_within_days or 10,
		recommendation_due_soon_days=settings.recommendation_due_soon_days or 5,
		panel_due_soon_days=settings.due_soon_days or 0,
		enquiry_due_soon_days=settings.due_soon_days or 0,
	)


def send_due_alerts(today: date, stages: list[RefreshedStage]) -> dict[str, int]:
	"""Every alert due today, sent once; nothing on a day the council does not work."""
	return sender.send_all(due_alerts(today, stages), today, commit_every=sender.COMMIT_EVERY)


def due_alerts(today: date, stages: list[RefreshedStage]) -> list[sender.Outgoing]:
	"""The alerts today calls for, one per person (the sender skips those already sent)."""
	calendar, policy = clocks.council_calendar(), alert_policy()
	if not calendar.is_working_day(today):
		return []
	recipients = sender.Recipients()
	outgoing = stage_outgoing(today, stages, calendar, policy, recipients)
	outgoing += window_outgoing(today, calendar, policy, recipients)
	outgoing += panel_outgoing(today, calendar, policy, recipients)
	outgoing += recommendation_outgoing(today, calendar, policy, recipients)
	outgoing += enquiry_outgoing(today, calendar, policy, recipients)
	outgoing += learning_action_outgoing(today, calendar, policy, recipients)
	outgoing += restriction_outgoing(today, calendar, policy, recipients)
	outgoing += adjustments_outgoing(today, calendar, policy, recipients)
	return outgoing


def area_managers() -> dict[str, str]:
	area = DocType("Complaint Service Area")
	return dict(frappe.qb.from_(area).select(area.name, area.manager).where(area.manager.isnotnull()).run())


def procedure_thresholds() -> dict[str, int]:
	procedure = DocType("Complaint Procedure")
	return dict(
		frappe.qb.from_(procedure)
		.select(procedure.name, procedure.escalate_after_days)
		.where(procedure.escalate_after_days > 0)
		.run()
	)


def stage_facts(
	refreshed: RefreshedStage,
	managers: dict[str, str],
	thresholds: dict[str, int],
	calendar: WorkingCalendar,
	policy: AlertPolicy,
) -> StageFacts:
	row = refreshed.row
	statement_due = None
	if row.stage_record == "Investigation" and row.investigation and not row.statement_agreed_on:
		statement_due = calendar.add_working_days(refreshed.clock.start_day, policy.statement_within_days)
	return StageFacts(
		handler=row.handler,
		area_manager=managers.get(row.service_area),
		clock=refreshed.state,
		acknowledgement_due=row.acknowledgement_due,
		acknowledged=bool(row.acknowledged_on),
		escalate_after_days=thresholds.get(row.procedure),
		statement_due=statement_due,
		investigating_officer=row.investigating_officer,
	)


def stage_outgoing(today, stages, calendar, policy, recipients) -> list[sender.Outgoing]:
	managers, thresholds = area_managers(), procedure_thresholds()
	outgoing = []
	for refreshed in stages:
		row = refreshed.row
		alerts = stage_alerts(
			stage_facts(refreshed, managers, thresholds, calendar, policy), today, calendar, policy
		)
		outgoing += sender.expand(
			alerts,
			"Complaint Stage",
			row.name,
			row.complaint,
			lambda a, r=row: describe_stage(a, r, today, calendar),
			recipients,
		)
	return outgoing


def describe_stage(
	alert: Alert, row: frappe._dict, today: date, calendar: WorkingCalendar
) -> tuple[str, str]:
	case = _("{0}, {1}").format(row.complaint, row.stage_name)
	due = frappe.format(alert.due, "Date") if alert.due else ""
	kind = alert.kind
	if kind is AlertKind.ACK_DUE_TODAY:
		subject = _("Acknowledge {0} today").format(case)
	elif kind is AlertKind.ACK_OVERDUE:
		subject = _("Acknowledgement of {0} was due on {1}").format(case, due)
	elif kind is AlertKind.DUE_SOON:
		subject = _("{0}: response due on {1}").format(case, due)
	elif kind is AlertKind.DUE_TODAY:
		subject = _("{0}: response due today").format(case)
	elif kind is AlertKind.OVERDUE:
		subject = _("{0}: response overdue since {1}").format(case, due)
	elif kind is AlertKind.ESCALATION:
		overdue = calendar.working_days_between(alert.due, today)
		subject = _("{0}: {1} working days overdue").format(case, overdue)
	elif kind is AlertKind.STATEMENT_NOT_AGREED:
		subject = _("{0}: statement of complaint not agreed by {1}").format(case, due)
	else:  # AlertKind.WINDOW_CLOSING
		subject = _("{0}: the complainant's time to ask for the next stage ends {1}").format(case, due)
	return subject, _("{0}. Handler: {1}.").format(subject, row.handler or _("not assigned"))


def window_outgoing(today, calendar, policy, recipients) -> list[sender.Outgoing]:
	"""Responded stages whose complainant's window to ask for the next stage closes tomorrow."""
	if AlertKind.WINDOW_CLOSING not in policy.enabled:
		return []
	stage, complaint = DocType("Complaint Stage"), DocType("Complaint")
	tomorrow = calendar.next_working_day(today)
	rows = (
		frappe.qb.from_(stage)
		.join(complaint)
		.on(complaint.current_stage == stage.name)
		.select(stage.name, stage.complaint, stage.stage_name, stage.handler, stage.escalation_deadline)
		.where((complaint.status == "Responded") & (stage.escalation_deadline == tomorrow))
		.run(as_dict=True)
	)
	outgoing = []
	for row in rows:
		facts = StageFacts(
			handler=row.handler,
			area_manager=None,
			clock=None,
			acknowledgement_due=None,
			acknowledged=True,
			escalation_deadline=row.escalation_deadline,
			responded=True,
		)
		alerts = stage_alerts(facts, today, calendar, policy)
		outgoing += sender.expand(
			alerts,
			"Complaint Stage",
			row.name,
			row.complaint,
			lambda a, r=row: describe_stage(a, r, today, calendar),
			recipients,
		)
	return outgoing


def panel_outgoing(today, calendar, policy, recipients) -> list[sender.Outgoing]:
	"""Review panels: the meeting, the panel's report and the council's response, each before and at its date."""
	panel, stage = DocType("Complaint Review Panel"), DocType("Complaint Stage")
	rows = (
		frappe.qb.from_(panel)
		.join(stage)
		.on(stage.name == panel.complaint_stage)
		.select(
			panel.name,
			panel.complaint,
			panel.panel_due,
			panel.panel_date,
			panel.report_due,
			panel.report_sent_on,
			panel.council_response_due,
			panel.council_response_on,
			stage.handler,
		)
		.where(panel.council_response_on.isnull() & (stage.workflow_state == "Open"))  # not while on hold
		.run(as_dict=True)
	)
	deadlines = []
	for row in rows:
		steps = (
			(AlertKind.PANEL_MEETING, row.panel_due, row.panel_date),
			(AlertKind.PANEL_REPORT, row.report_due, row.report_sent_on),
			(AlertKind.PANEL_COUNCIL_RESPONSE, row.council_response_due, row.council_response_on),
		)
		handler = ((USER, row.handler),) if row.handler else ()
		deadlines += [
			(Deadline(kind, due, handler, policy.panel_due_soon_days), row, "")
			for kind, due, done in steps
			if due and not done
		]
	return deadline_outgoing("Complaint Review Panel", deadlines, today, calendar, policy, recipients)


def deadline_outgoing(doctype, deadlines, today, calendar, policy, recipients) -> list[sender.Outgoing]:
	"""The alerts of interim dates: each (deadline, the record's row, the part of it) in turn."""
	outgoing = []
	for deadline, row, part in deadlines:
		alerts = deadline_alerts(deadline, today, calendar, policy)
		outgoing += sender.expand(
			alerts,
			doctype,
			row.name,
			row.complaint,
			lambda a, r=row: describe_deadline(a, r),
			recipients,
			part,
		)
	return outgoing


def recommendation_outgoing(today, calendar, policy, recipients) -> list[sender.Outgoing]:
	"""Ombudsman recommendations not yet completed, to the Complaints Managers."""
	rec, enquiry = DocType("Ombudsman Recommendation"), DocType("Ombudsman Enquiry")
	rows = (
		frappe.qb.from_(rec)
		.join(enquiry)
		.on(rec.parent == enquiry.name)
		.select(
			enquiry.name,
			enquiry.complaint,
			enquiry.ombudsman_reference,
			rec.name.as_("row"),
			rec.recommendation,
			rec.due_date,
		)
		.where((rec.parenttype == "Ombudsman Enquiry") & rec.completed_on.isnull() & rec.due_date.isnotnull())
		.run(as_dict=True)
	)
	soon = policy.recommendation_due_soon_days
	deadlines = [
		# The row names the recommendation: one enquiry can have several due the same day.
		(Deadline(AlertKind.RECOMMENDATION, row.due_date, (COMPLAINTS_MANAGER,), soon), row, row.row)
		for row in rows
	]
	return deadline_outgoing("Ombudsman Enquiry", deadlines, today, calendar, policy, recipients)


def describe_deadline(alert: Alert, row: frappe._dict) -> tuple[str, str]:
	due = frappe.format(alert.due, "Date")
	late = alert.phase == "overdue"
	what = {
		AlertKind.PANEL_MEETING: _("review panel meeting for {0}").format(row.complaint),
		AlertKind.PANEL_REPORT: _("review panel report for {0}").format(row.complaint),
		AlertKind.PANEL_COUNCIL_RESPONSE: _("council response to the panel on {0}").format(row.complaint),
		AlertKind.RECOMMENDATION: _("Ombudsman recommendation on {0}: {1}").format(
			row.ombudsman_reference, (row.recommendation or "")[:80]
		),
	}[alert.kind]
	subject = (_("Overdue since {0}: {1}") if late else _("Due on {0}: {1}")).format(due, what)
	return subject, subject


# -- member enquiries, learning actions and reviews ---------------------------------------


def enquiry_outgoing(today, calendar, policy, recipients) -> list[sender.Outgoing]:
	"""Open member enquiries not yet answered: due soon and today to the handler, overdue to the area too.

	``due_date`` is the date in force (the agreed date or the last extension's), kept by the enquiry.
	"""
	enquiry = DocType("Member Enquiry")
	rows = (
		frappe.qb.from_(enquiry)
		.select(
			enquiry.name,
			enquiry.complaint,
			enquiry.subject,
			enquiry.member_name,
			enquiry.handler,
			enquiry.service_area,
			enquiry.due_date,
		)
		.where((enquiry.status == "Open") & enquiry.responded_on.isnull() & enquiry.due_date.isnotnull())
		.run(as_dict=True)
	)
	managers, outgoing = area_managers(), []
	for row in rows:
		facts = EnquiryFacts(row.handler, managers.get(row.service_area), row.due_date, answered=False)
		outgoing += sender.expand(
			enquiry_alerts(facts, today, calendar, policy),
			"Member Enquiry",
			row.name,
			row.complaint,
			lambda a, r=row: describe_enquiry(a, r),
			recipients,
		)
	return outgoing


def describe_enquiry(alert: Alert, row: frappe._dict) -> tuple[str, str]:
	what = _("{0} from {1}").format(row.name, row.member_name)
	due = frappe.format(alert.due, "Date")
	if alert.kind is AlertKind.ENQUIRY_DUE_SOON:
		subject = _("Member enquiry {0}: response due on {1}").format(what, due)
	elif alert.kind is AlertKind.ENQUIRY_DUE_TODAY:
		subject = _("Member enquiry {0}: response due today").format(what)
	else:
		subject = _("Member enquiry {0}: response overdue since {1}").format(what, due)
	message = _("{0}. Subject: {1}. Handler: {2}.").format(
		subject, row.subject, row.handler or _("not assigned")
	)
	return subject, message


def learning_action_outgoing(today, calendar, policy, recipients) -> list[sender.Outgoing]:
	"""Learning actions past their due date and still open, to the owner and the area's Service Manager."""
	if AlertKind.LEARNING_ACTION_OVERDUE not in policy.enabled:
		return []
	action = DocType("Learning Action")
	rows = (
		frappe.qb.from_(action)
		.select(
			action.name,
			action.complaint,
			action.what_will_change,
			action.action_owner,
			action.service_area,
			action.due_date,
		)
		.where(action.status.isin(("Open", "In progress")) & (action.due_date < today))
		.run(as_dict=True)
	)
	managers, outgoing = area_managers(), []
	for row in rows:
		facts = ActionFacts(row.action_owner, managers.get(row.service_area), row.due_date, finished=False)
		outgoing += sender.expand(
			learning_action_alerts(facts, today, calendar, policy),
			"Learning Action",
			row.name,
			row.complaint,
			lambda a, r=row: describe_learning_action(a, r),
			recipients,
		)
	return outgoing


def describe_learning_action(alert: Alert, row: frappe._dict) -> tuple[str, str]:
	subject = _("Learning action {0} overdue since {1}: {2}").format(
		row.name, frappe.format(alert.due, "Date"), short(row.what_will_change)
	)
	message = _("{0}. Owner: {1}; service area: {2}.").format(subject, row.action_owner, row.service_area)
	return subject, message


def restriction_outgoing(today, calendar, policy, recipients) -> list[sender.Outgoing]:
	"""Active contact restrictions whose review date has come, to who decided them and the Complaints Managers."""
	if AlertKind.RESTRICTION_REVIEW not in policy.enabled:
		return []
	restriction = DocType("Complaint Contact Restriction")
	rows = (
		frappe.qb.from_(restriction)
		.select(
			restriction.name,
			restriction.complaint,
			restriction.person_name,
			restriction.restriction_type,
			restriction.decided_by,
			restriction.review_date,
		)
		.where((restriction.status == "Active") & (restriction.review_date <= today))
		.run(as_dict=True)
	)
	return review_outgoing(
		"Complaint Contact Restriction",
		[(restriction_review(row.decided_by, row.review_date), row) for row in rows],
		today,
		calendar,
		policy,
		recipients,
		describe_restriction_review,
	)


def describe_restriction_review(alert: Alert, row: frappe._dict) -> tuple[str, str]:
	subject = _("Review the contact restriction on {0} ({1}): review date {2}").format(
		row.person_name, row.name, frappe.format(alert.due, "Date")
	)
	message = _("{0}. Restriction: {1}; decided by {2}.").format(
		subject, _(row.restriction_type or ""), row.decided_by or _("not recorded")
	)
	return subject, message


def adjustments_outgoing(today, calendar, policy, recipients) -> list[sender.Outgoing]:
	"""Open complaints whose reasonable adjustments are due a review, to the current stage's handler."""
	if AlertKind.ADJUSTMENTS_REVIEW not in policy.enabled:
		return []
	complaint, stage = DocType("Complaint"), DocType("Complaint Stage")
	rows = (
		frappe.qb.from_(complaint)
		.left_join(stage)
		.on(stage.name == complaint.current_stage)
		.select(
			complaint.name,
			complaint.name.as_("complaint"),
			complaint.adjustments_review_date,
			complaint.current_stage_name,
			stage.handler,
		)
		.where(complaint.status.isin(ADJUSTMENTS_UNDER_REVIEW) & (complaint.adjustments_review_date <= today))
		.run(as_dict=True)
	)
	return review_outgoing(
		"Complaint",
		[(adjustments_review(row.handler, row.adjustments_review_date), row) for row in rows],
		today,
		calendar,
		policy,
		recipients,
		describe_adjustments_review,
	)


def describe_adjustments_review(alert: Alert, row: frappe._dict) -> tuple[str, str]:
	subject = _("{0}: review the reasonable adjustments (review date {1})").format(
		row.name, frappe.format(alert.due, "Date")
	)
	message = _("{0}. Check with the complainant that they still meet their needs. Stage: {1}.").format(
		subject, row.current_stage_name or _("none")
	)
	return subject, message


def review_outgoing(
	doctype: str, reviews: list[tuple[Review, frappe._dict]], today, calendar, policy, recipients, describe
) -> list[sender.Outgoing]:
	outgoing = []
	for review, row in reviews:
		outgoing += sender.expand(
			review_alerts(review, today, calendar, policy),
			doctype,
			row.name,
			row.complaint,
			lambda a, r=row: describe(a, r),
			recipients,
		)
	return outgoing


def short(text: str | None, length: int = 80) -> str:
	"""The first line of a free text, cut to ``length`` characters for a subject line."""
	line = (text or "").strip().splitlines()[0] if (text or "").strip() else ""
	return line if len(line) <= length else line[: length - 1].rstrip() + "…"
