# Copyright (c) 2026, complaints_app contributors
# For license information, please see license.txt
"""Review panel requests received in the period (stages kept as a review panel), and what came of them."""

from __future__ import annotations

import frappe
from frappe import _
from frappe.query_builder import Case, DocType
from frappe.query_builder.functions import Ifnull
from frappe.utils import escape_html

from complaints_app.complaint_statistics.cohort import Cohort, ReportFilters
from complaints_app.complaint_statistics.definitions import (
	WITHDRAWN,
	change,
	compare,
	outcome_row,
	share,
)
from complaints_app.complaint_statistics.tables import (
	comparison_columns,
	comparison_rows,
	period_message,
	report_entry,
	summary_item,
)

PANEL = "Review panel"
MEASURES = (
	("requests", "Requests for a review panel", "n"),
	("held", "Panels held", "n"),
	("held_in_time", "Held within the timescale (30 working days)", "n"),
	("held_in_time_pct", "Held within the timescale (% of held)", "%"),
	("withdrawn", "Requests withdrawn", "n"),
	("adequate", "Investigation found adequate", "n"),
	("with_recommendations", "Panels that made recommendations", "n"),
)


@report_entry("Review Panels")
def execute(filters: dict | None = None):
	f = ReportFilters.parse(filters, default_stage=3)
	current, previous = panel_figures(f), panel_figures(f.previous())
	rows = compare(as_rows(current), as_rows(previous))
	return (
		comparison_columns(f.period, f.previous().period),
		comparison_rows(rows),
		period_message(f.period, f.previous().period, details(f)),
		get_chart_data(current, previous, f),
		get_report_summary(current, previous),
	)


def panel_cohort(f: ReportFilters) -> tuple[Cohort, DocType, object]:
	cohort = Cohort(f).narrow(DocType("Complaint Stage").stage_record == PANEL)
	p = DocType("Complaint Review Panel")
	query = cohort.query().left_join(p).on(p.complaint_stage == cohort.stage.name)
	return cohort, p, query


def panel_figures(f: ReportFilters) -> dict[str, int]:
	"""Counts for one period: one query grouped by what happened to each request by To date."""
	cohort, p, query = panel_cohort(f)
	end = cohort.period.end
	held = p.panel_date.isnotnull() & (p.panel_date <= end)
	counts = cohort.counts(
		Case().when(held, 1).else_(0),
		Case().when(held & (p.panel_date <= p.panel_due), 1).else_(0),
		cohort.outcome,
		Case().when(held & (p.investigation_adequate == "Yes"), 1).else_(0),
		Case().when(held & (Ifnull(p.recommendations, "") != ""), 1).else_(0),
		query=query,
	)
	out = dict.fromkeys(
		("requests", "held", "held_in_time", "withdrawn", "adequate", "with_recommendations"), 0
	)
	for (was_held, in_time, outcome, adequate, recommended), n in counts.items():
		out["requests"] += n
		out["held"] += n * was_held
		out["held_in_time"] += n * in_time
		out["withdrawn"] += n if outcome_row(outcome) == WITHDRAWN else 0
		out["adequate"] += n * adequate
		out["with_recommendations"] += n * recommended
	return out


def as_rows(figures: dict[str, int]) -> list[tuple[str, str, float | None]]:
	values = {**figures, "held_in_time_pct": share(figures["held_in_time"], figures["held"])}
	return [(label, unit, values[key]) for key, label, unit in MEASURES]


def details(f: ReportFilters) -> str:
	"""Why requests were withdrawn, and what the panels recommended, as a list under the table.

	Only for readers who may open review panels: a Service Manager sees the counts, not the text.
	"""
	if not frappe.has_permission("Complaint Review Panel", "read"):
		return ""
	cohort, p, query = panel_cohort(f)
	c, s = cohort.complaint, cohort.stage
	rows = (
		query.select(
			c.name,
			cohort.outcome.as_("outcome"),
			c.closure_reason,
			s.response_summary,
			p.recommendations,
			p.panel_date,
		)
		.orderby(c.name)
		.run(as_dict=True)
	)
	items = []
	for r in rows:
		if outcome_row(r.outcome) == WITHDRAWN:
			reason = r.closure_reason or r.response_summary or _("no reason recorded")
			items.append(_("{0}: withdrawn ({1})").format(r.name, escape_html(reason)))
		if r.recommendations and r.panel_date and r.panel_date <= cohort.period.end:
			items.append(_("{0}: recommended {1}").format(r.name, escape_html(r.recommendations)))
	return "<ul>" + "".join(f"<li>{i}</li>" for i in items) + "</ul>" if items else ""


def get_chart_data(current: dict, previous: dict, f: ReportFilters) -> dict:
	keys = [k for k, _label, unit in MEASURES if unit == "n"]
	return {
		"data": {
			"labels": [_(label) for k, label, unit in MEASURES if unit == "n"],
			"datasets": [
				{"name": f.period.label, "values": [current[k] for k in keys]},
				{"name": f.previous().period.label, "values": [previous[k] for k in keys]},
			],
		},
		"type": "bar",
	}


def get_report_summary(current: dict, previous: dict) -> list[dict]:
	return [
		summary_item("Requests", current["requests"], "Blue", "Int"),
		summary_item("Panels held", current["held"], "Green", "Int"),
		summary_item("Change in requests", change(current["requests"], previous["requests"]) or 0, "Grey"),
	]
