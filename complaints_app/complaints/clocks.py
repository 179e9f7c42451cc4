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


def build_stage_clock(stage: ComplaintStage) -> StageClock:
	"""A StageClock from a Complaint Stage document and the timescales it copied when it opened."""
	calendar = council_calendar()
	policy = clock_policy()
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


def acknowledgement_due(event_at: datetime | str, days: int) -> date:
	"""The acknowledgement target: ``days`` working days after the day the stage opened counts from."""
	calendar = council_calendar()
	start = start_day_for(calendar, get_datetime(event_at), clock_policy().cutoff)
	return calendar.add_working_days(start, days)


def add_working_days(d: date, n: int) -> date:
	return council_calendar().add_working_days(getdate(d), n)


def agreed_date_limit(start_day: date, months: int) -> date:
	return getdate(add_months(start_day, months or 6))


def escalation_deadline(responded_on: date, window_days: int | None) -> date | None:
	"""The last day the complainant may ask for the next stage: ``window_days`` working days after the response."""
	return add_working_days(responded_on, window_days) if window_days else None
