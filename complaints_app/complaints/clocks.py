"""The thin bridge between Frappe documents and the pure SLA core.

Everything here reads settings or documents and hands plain values to
``complaints_app.sla``; the arithmetic lives there.
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import TYPE_CHECKING

import frappe
from frappe.utils import add_months, get_datetime, getdate

from complaints_app.sla import (
	ClockPolicy,
	DayUnit,
	Extension,
	Pause,
	StageClock,
	Target,
	WorkingCalendar,
	start_day_for,
)

if TYPE_CHECKING:
	from complaints_app.complaints.doctype.complaint_procedure_stage.complaint_procedure_stage import (
		ComplaintProcedureStage,
	)
	from complaints_app.complaints.doctype.complaint_stage.complaint_stage import ComplaintStage


def council_calendar() -> WorkingCalendar:
	"""The council's calendar from Complaints Settings (nation, closures, forced working days)."""
	settings = frappe.get_cached_doc("Complaints Settings")
	closures = [getdate(d.date) for d in settings.calendar_days if d.kind == "Council closure"]
	openings = [getdate(d.date) for d in settings.calendar_days if d.kind == "Working day"]
	return WorkingCalendar(settings.nation or "England", closures=closures, openings=openings)


def clock_policy() -> ClockPolicy:
	settings = frappe.get_cached_doc("Complaints Settings")
	cutoff = settings.same_day_cutoff
	if cutoff and not isinstance(cutoff, time):
		cutoff = (datetime.min + frappe.utils.to_timedelta(cutoff)).time()
	return ClockPolicy(due_soon_days=settings.due_soon_days or 0, cutoff=cutoff or None)


def procedure_stage(procedure: str, stage_number: int) -> ComplaintProcedureStage | None:
	"""The configuration row for stage ``stage_number`` (1-based) of a procedure, or None past the last."""
	stages = frappe.get_cached_doc("Complaint Procedure", procedure).stages
	return stages[stage_number - 1] if 0 < stage_number <= len(stages) else None


def stage_target(
	config: ComplaintProcedureStage | ComplaintStage, start_day: date, agreed_response_date: date | None
) -> Target:
	"""The response target of a stage as the SLA core understands it.

	``config`` is a procedure row or a stage's copy of one: both carry the same timescale fields.
	"""
	if config.response_unit == "Agreed date":
		end = agreed_response_date or agreed_date_limit(start_day, config.agreed_date_limit_months)
		return Target(max(0, (end - start_day).days), DayUnit.CALENDAR)
	days = config.response_days or 0
	if config.stage_record == "Review panel":
		days += (config.panel_report_days or 0) + (config.council_response_days or 0)
	return Target(days, DayUnit.parse(config.response_unit))


def build_stage_clock(
	stage: ComplaintStage | frappe._dict,
	calendar: WorkingCalendar | None = None,
	policy: ClockPolicy | None = None,
) -> StageClock:
	"""A StageClock from a Complaint Stage (a document, or a row with its ``extensions`` and ``pauses``)."""
	calendar = calendar or council_calendar()
	policy = policy or clock_policy()
	started_at = get_datetime(stage.clock_started_at or stage.event_at)
	start_day = start_day_for(calendar, started_at, policy.cutoff)
	extensions = [
		Extension(
			int(e.days or 0), e.reason or "", e.agreed_by or "", getdate(e.agreed_on) if e.agreed_on else None
		)
		for e in stage.extensions
	]
	pauses = [
		Pause(getdate(p.from_date), getdate(p.to_date) if p.to_date else None, p.reason or "")
		for p in stage.pauses
	]
	return StageClock(
		calendar,
		started_at,
		stage_target(
			stage, start_day, getdate(stage.agreed_response_date) if stage.agreed_response_date else None
		),
		extensions=extensions,
		pauses=pauses,
		max_extension_days=stage.max_extension_days or 0,
		responded_on=getdate(stage.responded_on) if stage.responded_on else None,
		policy=policy,
	)


def clock_start(clock_start_event: str | None, event_at, acknowledged_on=None, statement_agreed_on=None):
	"""What a stage's clock counts from: the event the procedure names, or the stage's opening until it happens."""
	if clock_start_event == "Acknowledged" and acknowledged_on:
		return acknowledged_on
	if clock_start_event == "Statement agreed" and statement_agreed_on:
		return statement_agreed_on
	return event_at


def stage_clock_fields(
	stage: ComplaintStage | frappe._dict,
	today: date,
	calendar: WorkingCalendar | None = None,
	policy: ClockPolicy | None = None,
	clock: StageClock | None = None,
) -> dict:
	"""Every clock-derived field of a stage as it stands on ``today``: the one place they are computed.

	The stage controller calls it on save, the daily scan for every running stage at once.
	"""
	calendar = calendar or council_calendar()
	policy = policy or clock_policy()
	clock = clock or build_stage_clock(stage, calendar, policy)
	ack_due = calendar.add_working_days(
		start_day_for(calendar, get_datetime(stage.event_at), policy.cutoff), stage.acknowledgement_days or 0
	)
	state = clock.state(today)
	responded = getdate(stage.responded_on) if stage.responded_on else None
	window = stage.escalation_window_days
	return {
		"clock_start_date": clock.start_day,
		"acknowledgement_due": ack_due,
		"original_response_due": clock.original_due,
		"response_due": clock.due,
		"response_target": "Agreed date" if stage.response_unit == "Agreed date" else str(clock.target),
		"clock_status": state.status.value,
		"days_overdue": state.days_overdue,
		"acknowledged_in_time": int(
			bool(stage.acknowledged_on and getdate(stage.acknowledged_on) <= ack_due)
		),
		"in_time_original": int(bool(clock.in_time_original())),
		"in_time_extended": int(bool(clock.in_time_extended())),
		"escalation_deadline": calendar.add_working_days(responded, window) if responded and window else None,
	}


def add_working_days(d: date, n: int) -> date:
	return council_calendar().add_working_days(getdate(d), n)


def agreed_date_limit(start_day: date, months: int) -> date:
	return getdate(add_months(start_day, months or 6))
