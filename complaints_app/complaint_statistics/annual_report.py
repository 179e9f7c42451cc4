"""What the Complaints Annual Report prints, gathered from the seven statistics reports.

Every figure comes from a report's own ``execute``, run for the annual report's period and
procedures; nothing is counted twice or differently here. This module only turns the
reports' columns and rows into printed strings, draws their charts as SVG (``charts``),
and reads the few things the reports do not show: the complaints refused in the period,
the learning actions completed in it, the Regulator of Social Housing's complaint measures
and the Ombudsman's annual letter.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import ModuleType

import frappe
from frappe import _
from frappe.query_builder import DocType
from frappe.utils import cint, getdate
from pypika.terms import Criterion, ExistsCriterion

from complaints_app.complaint_learning.doctype.learning_action.learning_action import COMPLETED
from complaints_app.complaint_statistics.charts import chart_svg
from complaints_app.complaint_statistics.cohort import ReportFilters, between, counted, permitted
from complaints_app.complaint_statistics.definitions import OmbudsmanFigures, Period, per_thousand
from complaints_app.complaint_statistics.report.complaint_timeliness import complaint_timeliness
from complaints_app.complaint_statistics.report.complaints_by_service_area import complaints_by_service_area
from complaints_app.complaint_statistics.report.complaints_by_theme_and_outcome import (
	complaints_by_theme_and_outcome,
)
from complaints_app.complaint_statistics.report.complaints_received_by_month import (
	complaints_received_by_month,
)
from complaints_app.complaint_statistics.report.ombudsman_enquiries import ombudsman_enquiries
from complaints_app.complaint_statistics.report.review_panels import review_panels
from complaints_app.complaint_statistics.report.stage_2_summary import stage_2_summary
from complaints_app.complaint_statistics.tables import period_message, show
from complaints_app.vocabulary import OUT_OF_REMIT, REFUSED

REFUSED_STATUSES = (REFUSED, OUT_OF_REMIT)
NUMERIC_TYPES = frozenset({"Int", "Float", "Percent", "Currency"})


@dataclass(frozen=True)
class ReportSpec:
	"""One statistics report as the annual report prints it: its name, a line about it, its filters."""

	title: str
	about: str
	module: ModuleType
	filters: dict = field(default_factory=dict)
	unit: str = ""  # "%" when the report's chart draws shares
	needs_ombudsman: bool = False


REPORTS = (
	ReportSpec(
		"Complaints Received by Month",
		"Complaints received each month, by procedure, beside the same month a year earlier.",
		complaints_received_by_month,
		{"stage_number": 1},
	),
	ReportSpec(
		"Complaints by Theme and Outcome",
		"Each complaint once, under its theme and the outcome of stage 1 at the end of the period.",
		complaints_by_theme_and_outcome,
		{"stage_number": 1},
	),
	ReportSpec(
		"Complaints by Service Area",
		"Stage 1 complaints by service area: received, formally responded to, within timescale, upheld.",
		complaints_by_service_area,
		{"stage_number": 1, "transpose": 1},
	),
	ReportSpec(
		"Complaint Timeliness",
		"How quickly stage 1 complaints were acknowledged and answered, and how many went further.",
		complaint_timeliness,
		{"stage_number": 1},
		unit="%",
	),
	ReportSpec(
		"Stage 2 Summary",
		"What became of the requests for stage 2 received in the period.",
		stage_2_summary,
		{"stage_number": 2},
	),
	ReportSpec(
		"Review Panels",
		"Requests for an independent review panel (the children's statutory stage 3) and their results.",
		review_panels,
		{"stage_number": 3},
	),
	ReportSpec(
		"Ombudsman Enquiries",
		"Enquiries the Ombudsman received about the council, beside the Ombudsman's annual letter.",
		ombudsman_enquiries,
		unit="%",
		needs_ombudsman=True,
	),
)


class AnnualFigures:
	"""The statistics reports for one annual report, each run once however often it is asked for."""

	def __init__(self, doc) -> None:
		self.doc = doc
		self.filters = frappe._dict(
			from_date=doc.from_date, to_date=doc.to_date, procedure=procedure_names(doc)
		)
		self._runs: dict[tuple, tuple] = {}

	def run(self, module: ModuleType, **filters) -> tuple:
		"""``module.execute`` with the report's period and procedures: (columns, data, message, chart, summary)."""
		key = (module.__name__, tuple(sorted(filters.items())))
		if key not in self._runs:
			self._runs[key] = module.execute(frappe._dict({**self.filters, **filters}))
		return self._runs[key]

	@property
	def period_note(self) -> str:
		f = ReportFilters.parse(self.filters)
		return period_message(f.period, f.previous().period)


def procedure_names(doc) -> list[str]:
	return list(dict.fromkeys(row.procedure for row in doc.get("procedures") or [] if row.procedure))


def report_period(doc) -> Period:
	return Period(getdate(doc.from_date), getdate(doc.to_date))


# -- the seven tables ------------------------------------------------------------------


def report_tables(doc, figures: AnnualFigures | None = None) -> list[frappe._dict]:
	"""Every report as a printed table: title, column labels, rows of strings, note and chart."""
	figures = figures or AnnualFigures(doc)
	return [report_table(spec, figures) for spec in REPORTS]


def report_table(spec: ReportSpec, figures: AnnualFigures) -> frappe._dict:
	filters = dict(spec.filters)
	if spec.needs_ombudsman:
		filters["ombudsman"] = figures.doc.ombudsman
	columns, data, message, chart, _summary = figures.run(spec.module, **filters)
	return frappe._dict(
		title=_(spec.title),
		about=_(spec.about),
		columns=[column.get("label") or "" for column in columns],
		numeric=[i > 0 or column.get("fieldtype") in NUMERIC_TYPES for i, column in enumerate(columns)],
		rows=[
			frappe._dict(
				cells=[printed(row.get(column["fieldname"]), column) for column in columns],
				is_total=bool(row.get("is_total")),
			)
			for row in data
		],
		note=(message or "").removeprefix(figures.period_note),
		chart=chart,
		chart_svg=chart_svg(chart, unit=spec.unit, description=_(spec.title)),
	)


def printed(value, column: dict) -> str:
	"""A report cell as text: 59% for a Percent column, a dash for a share of nothing."""
	if value is None or value == "":
		return "-"
	fieldtype = column.get("fieldtype")
	if fieldtype == "Percent":
		return show(value, "%")
	if fieldtype in ("Float", "Currency"):
		return f"{value:g}"
	return str(value)


# -- the Regulator of Social Housing's Tenant Satisfaction Measures ---------------------


def tenant_measures(doc, figures: AnnualFigures | None = None) -> list[frappe._dict]:
	"""CH01 and CH02 for stages 1 and 2, when the council says how many homes it owns."""
	homes = cint(doc.homes)
	if homes <= 0:
		return []
	figures = figures or AnnualFigures(doc)
	rows = []
	for stage in (1, 2):
		_columns, data, *_rest = figures.run(stage_2_summary, stage_number=stage)
		received = data[0]["received"]
		rows.append(
			frappe._dict(
				code=f"CH01 ({stage})",
				measure=_("Stage {0} complaints received per 1,000 homes").format(stage),
				count=str(received),
				result=f"{per_thousand(received, homes):.1f}",
			)
		)
	for stage in (1, 2):
		_columns, data, *_rest = figures.run(complaint_timeliness, stage_number=stage)
		current = {row["measure"]: row["current"] for row in data}
		rows.append(
			frappe._dict(
				code=f"CH02 ({stage})",
				measure=_(
					"Stage {0} complaints responded to within the Complaint Handling Code's timescales"
				).format(stage),
				count=current[_("Formally responded to")],
				result=current[_("Responded within the extended target")],
			)
		)
	return rows


# -- complaints refused ------------------------------------------------------------------


def refused_cases(doc) -> list[dict]:
	"""Complaints received in the period under the report's procedures that were refused or out of remit.

	Refused at intake or later (the case closed as Refused or Out of remit), or at a stage (a
	stage answered with one of those outcomes, as Stage 2 Summary counts it).
	"""
	c, s = DocType("Complaint"), DocType("Complaint Stage")
	refused_stage = (
		frappe.qb.from_(s).select(s.name).where((s.complaint == c.name) & s.outcome.isin(REFUSED_STATUSES))
	)
	where = [
		between(c.received_at, report_period(doc)),
		c.procedure.isin(procedure_names(doc) or [""]),
		counted(c),
		c.status.isin(REFUSED_STATUSES)
		| c.final_outcome.isin(REFUSED_STATUSES)
		| (c.out_of_remit == 1)
		| ExistsCriterion(refused_stage),
	]
	reach = permitted("Complaint")
	rows = (
		frappe.qb.from_(c)
		.select(c.name, c.received_at, c.status, c.final_outcome, c.closure_reason, c.out_of_remit_reason)
		.where(Criterion.all(where if reach is None else [*where, reach]))
		.orderby(c.received_at)
		.orderby(c.name)
		.run(as_dict=True)
	)
	at_stage = stage_refusals([r.name for r in rows])
	out = []
	for r in rows:
		stage = at_stage.get(r.name)
		outcome = r.final_outcome if r.final_outcome in REFUSED_STATUSES else None
		out.append(
			{
				"complaint": r.name,
				"received_on": getdate(r.received_at),
				"outcome": outcome or (stage.outcome if stage else None) or r.status,
				"reason": r.closure_reason
				or r.out_of_remit_reason
				or (stage.response_summary if stage else None)
				or _("No reason recorded"),
			}
		)
	return out


def stage_refusals(complaints: list[str]) -> dict[str, frappe._dict]:
	"""The first stage of each complaint answered as refused or out of remit, with its response."""
	if not complaints:
		return {}
	s = DocType("Complaint Stage")
	rows = (
		frappe.qb.from_(s)
		.select(s.complaint, s.stage_name, s.outcome, s.response_summary)
		.where(s.complaint.isin(complaints) & s.outcome.isin(REFUSED_STATUSES))
		.orderby(s.complaint)
		.orderby(s.stage_number)
		.run(as_dict=True)
	)
	first: dict[str, frappe._dict] = {}
	for r in rows:
		first.setdefault(r.complaint, r)
	return first


# -- service improvements made ------------------------------------------------------------


def improvements_made(doc) -> list[dict]:
	"""The learning actions completed in the period, as rows of the report's service improvements.

	Those on complaints under the report's procedures, and those from an Ombudsman enquiry
	recorded without a council complaint when it came from the report's Ombudsman; oldest
	first. The reader's record permissions apply, as to every figure.
	"""
	action, c, enquiry = DocType("Learning Action"), DocType("Complaint"), DocType("Ombudsman Enquiry")
	from_the_ombudsman = (
		action.complaint.isnull()
		& (action.source_doctype == "Ombudsman Enquiry")
		& action.source_name.isin(
			frappe.qb.from_(enquiry).select(enquiry.name).where(enquiry.ombudsman == doc.ombudsman)
		)
	)
	where = [
		action.status == COMPLETED,
		between(action.completed_on, report_period(doc)),
		c.procedure.isin(procedure_names(doc) or [""]) | from_the_ombudsman,
	]
	reach = permitted("Learning Action")
	rows = (
		frappe.qb.from_(action)
		.left_join(c)
		.on(c.name == action.complaint)
		.select(
			action.name, action.what_will_change, action.service_area, action.completed_on, action.complaint
		)
		.where(Criterion.all(where if reach is None else [*where, reach]))
		.orderby(action.completed_on)
		.orderby(action.name)
		.run(as_dict=True)
	)
	return [
		{
			"improvement": r.what_will_change,
			"service_area": r.service_area,
			"completed_on": r.completed_on,
			"complaint": r.complaint,
			"learning_action": r.name,
		}
		for r in rows
	]


# -- the Ombudsman's annual letter -----------------------------------------------------


def letter_figures(name: str | None) -> frappe._dict | None:
	"""The letter's figures for the council and for similar authorities, printed, and its summary."""
	if not name:
		return None
	letter = frappe.db.get_value("Ombudsman Annual Letter", name, "*", as_dict=True)
	if not letter:
		return None
	return frappe._dict(
		title=letter.title or letter.name,
		letter_date=frappe.format(letter.letter_date, "Date") if letter.letter_date else "",
		summary=letter.summary or "",
		rows=[
			frappe._dict(
				measure=_(label),
				council=show(letter.get(f"council_{key}"), unit),
				similar=show(letter.get(f"similar_{key}"), unit),
			)
			for key, label, unit, _value in OmbudsmanFigures().rows
		],
	)
