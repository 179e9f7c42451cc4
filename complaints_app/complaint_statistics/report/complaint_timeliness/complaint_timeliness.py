# Copyright (c) 2026, complaints_app contributors
# For license information, please see license.txt
"""How quickly the chosen stage was acknowledged and answered, this period beside the previous one.

Days to respond are counted by the SLA core from the stage's day 0 to its response, on the
council's calendar, paused days excluded (the way the stage's own clock counts them).
"""

from __future__ import annotations

from dataclasses import replace

import frappe
from frappe import _
from frappe.query_builder import Case, DocType
from frappe.utils import cint, escape_html, getdate

from complaints_app.complaint_statistics.cohort import Cohort, ReportFilterError, ReportFilters
from complaints_app.complaint_statistics.definitions import (
	FINDINGS,
	Escalations,
	StageTiming,
	Thresholds,
	Timeliness,
	compare,
	next_day,
	outcome_row,
)
from complaints_app.complaint_statistics.tables import (
	comparison_columns,
	comparison_rows,
	period_message,
	report_entry,
	summary_item,
)
from complaints_app.complaints.clocks import council_calendar
from complaints_app.sla import Pause, WorkingCalendar, elapsed_days

ESCALATION_FROM = (1, 2)


@report_entry("Complaint Timeliness")
def execute(filters: dict | None = None):
	f = ReportFilters.parse(filters)
	thresholds = parse_thresholds(filters)
	current = timeliness(f).figures(thresholds)
	previous = timeliness(f.previous()).figures(thresholds)
	rows = compare(current, previous)
	return (
		comparison_columns(f.period, f.previous().period),
		comparison_rows(rows),
		period_message(f.period, f.previous().period),
		get_chart_data(rows, f),
		get_report_summary(rows),
	)


def parse_thresholds(filters: dict | None) -> Thresholds:
	filters = frappe._dict(filters or {})
	values = {}
	for key, field in (
		("first_threshold", "first_working_days"),
		("second_threshold", "second_working_days"),
		("calendar_threshold", "calendar_days"),
	):
		if filters.get(key) in (None, ""):
			continue
		values[field] = cint(filters.get(key))
		if values[field] < 1:
			frappe.throw(
				_("A threshold must be at least 1 day, not {0}.").format(escape_html(str(filters.get(key)))),
				ReportFilterError,
			)
	return Thresholds(**values)


def timeliness(f: ReportFilters) -> Timeliness:
	"""The stages received in the period, each timed, and the escalation rates."""
	cohort = Cohort(f)
	s = cohort.stage
	rows = (
		cohort.query()
		.select(
			s.name,
			cohort.outcome.as_("outcome"),
			s.acknowledgement_due,
			s.acknowledged_on,
			s.in_time_original,
			s.in_time_extended,
			s.clock_start_date,
			s.responded_on,
		)
		.run(as_dict=True)
	)
	pauses = pauses_of(cohort)
	calendar = council_calendar()
	return Timeliness(
		stages=[stage_timing(r, pauses.get(r.name, ()), calendar, cohort.period.end) for r in rows],
		escalations={n: escalations(f, n) for n in ESCALATION_FROM},
	)


def pauses_of(cohort: Cohort) -> dict[str, list[Pause]]:
	p = DocType("Complaint Stage Pause")
	rows = (
		cohort.query()
		.join(p)
		.on((p.parent == cohort.stage.name) & (p.parenttype == "Complaint Stage"))
		.select(p.parent, p.from_date, p.to_date)
		.orderby(p.parent, p.from_date)
		.run()
	)
	out: dict[str, list[Pause]] = {}
	for parent, start, end in rows:
		out.setdefault(parent, []).append(Pause(getdate(start), getdate(end) if end else None))
	return out


def stage_timing(row, pauses, calendar: WorkingCalendar, end) -> StageTiming:
	formal = outcome_row(row.outcome) in FINDINGS
	ack_due, ack_on = row.acknowledgement_due, row.acknowledged_on
	acknowledged_by_end = bool(ack_on and ack_on <= end)
	timing = StageTiming(
		formally_responded=formal,
		acknowledgement_due=bool(ack_due and (ack_due <= end or acknowledged_by_end)),
		acknowledged_in_time=bool(acknowledged_by_end and ack_due and ack_on <= ack_due),
	)
	if formal:
		timing.in_time_original = bool(row.in_time_original)
		timing.in_time_extended = bool(row.in_time_extended)
		if row.clock_start_date:
			start, answered = getdate(row.clock_start_date), getdate(row.responded_on)
			timing.working_days = elapsed_days(calendar, start, answered, pauses, working=True)
			timing.calendar_days = elapsed_days(calendar, start, answered, pauses, working=False)
	return timing


def escalations(f: ReportFilters, n: int) -> Escalations:
	"""Of the stage n cases formally responded to in the period, how many reached stage n+1 by its end."""
	procedure_stage = DocType("Complaint Procedure Stage")
	has_next = (
		frappe.qb.from_(procedure_stage).select(procedure_stage.parent).where(procedure_stage.idx == n + 1)
	)
	cohort = Cohort(replace(f, stage_number=n), responded=True)
	# Only procedures with a stage n+1 can escalate: a two-stage procedure gives "-", not 0%.
	cohort.narrow(cohort.complaint.procedure.isin(has_next))
	later = DocType("Complaint Stage").as_("later_stage")
	query = (
		cohort.query()
		.left_join(later)
		.on(
			(later.complaint == cohort.complaint.name)
			& (later.stage_number == n + 1)
			& (later.event_at < next_day(cohort.period.end))
		)
	)
	counts = cohort.counts(Case().when(later.name.isnotnull(), 1).else_(0), query=query)
	return Escalations(responded=sum(counts.values()), escalated=counts.get((1,), 0))


def get_chart_data(rows: list[dict], f: ReportFilters) -> dict:
	shares = [r for r in rows if r["unit"] == "%"]
	return {
		"data": {
			"labels": [_(r["measure"]) for r in shares],
			"datasets": [
				{"name": f.period.label, "values": [round(r["current"] or 0, 1) for r in shares]},
				{"name": f.previous().period.label, "values": [round(r["previous"] or 0, 1) for r in shares]},
			],
		},
		"type": "bar",
	}


def get_report_summary(rows: list[dict]) -> list[dict]:
	printed = {r["measure"]: r for r in comparison_rows(rows)}
	keep = (
		"Acknowledged within timescale",
		"Responded within the extended target",
		"Median working days to respond",
	)
	return [summary_item(k, f"{printed[k]['current']} ({printed[k]['change']})", "Blue") for k in keep]
