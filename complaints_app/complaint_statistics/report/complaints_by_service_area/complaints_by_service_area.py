# Copyright (c) 2026, complaints_app contributors
# For license information, please see license.txt
"""Seed 003's "Number of complaints received by locality": one column per service area.

Columns are the top-level areas, or the areas directly below the chosen one, each with
everything below it. "One row per area" (transpose) turns the table for spreadsheets.
"""

from __future__ import annotations

import frappe
from frappe import _

from complaints_app.complaint_statistics.cohort import Cohort, ReportFilters
from complaints_app.complaint_statistics.definitions import (
	AREA_MEASURES,
	NOT_RECORDED,
	AreaFigures,
	area_figures,
)
from complaints_app.complaint_statistics.tables import (
	area_columns,
	column,
	field_key,
	period_message,
	report_entry,
	summary_item,
)

ALL_AREAS, PREVIOUS = "all_areas", "previous_period"


@report_entry("Complaints by Service Area")
def execute(filters: dict | None = None):
	f = ReportFilters.parse(filters)
	transpose = frappe.utils.cint(frappe._dict(filters or {}).get("transpose"))
	columns, column_of = area_columns(f.service_area)
	if not f.service_area:
		# Cases with no area recorded still count, in a column of their own (as themes do).
		column_of[None] = NOT_RECORDED
		columns.append(NOT_RECORDED)
	figures = area_figures(area_counts(f), column_of)
	# The chosen area's own column shows only when cases are recorded against it directly.
	columns = [
		c for c in columns if c not in (f.service_area, NOT_RECORDED) or c in figures or len(columns) == 1
	]
	previous = sum(area_figures(area_counts(f.previous()), column_of).values(), AreaFigures())
	total = sum(figures.values(), AreaFigures())
	by_column = {**{c: figures.get(c, AreaFigures()) for c in columns}, ALL_AREAS: total, PREVIOUS: previous}
	labels = {**{c: c for c in columns}, ALL_AREAS: _("All areas"), PREVIOUS: _("All areas, previous period")}
	return (
		get_columns(labels, transpose),
		get_data(by_column, labels, transpose),
		period_message(f.period, f.previous().period),
		get_chart_data(figures, columns),
		get_report_summary(total, previous),
	)


def area_counts(f: ReportFilters) -> dict[tuple[str | None, str, int], int]:
	"""(service area, outcome at To date, in time) -> complaints: the one query behind the table."""
	cohort = Cohort(f)
	return cohort.counts(cohort.complaint.service_area, cohort.outcome, cohort.stage.in_time_extended)


def get_columns(labels: dict[str, str], transpose: bool) -> list[dict]:
	if transpose:
		return [
			column("service_area", _("Service area"), "Data", 220),
			column("received", _("Number received"), "Int"),
			column("responded", _("Formally responded to"), "Int"),
			column("responded_pct", _("% of received"), "Percent", 110),
			column("in_time", _("Within timescale"), "Int"),
			column("in_time_pct", _("% of responded"), "Percent", 110),
			column("upheld", _("Upheld"), "Int", 90),
			column("upheld_pct", _("% upheld"), "Percent", 100),
			column("remained_open", _("Remained open"), "Int"),
		]
	return [
		column("measure", _("Service area"), "Data", 280),
		*(column(field_key(key), label, "Data", 140) for key, label in labels.items()),
	]


def get_data(by_column: dict[str, AreaFigures], labels: dict[str, str], transpose: bool) -> list[dict]:
	if transpose:
		return [
			{"service_area": labels[key], **fig.numbers, "is_total": int(key in (ALL_AREAS, PREVIOUS))}
			for key, fig in by_column.items()
		]
	cells = {key: fig.cells for key, fig in by_column.items()}
	return [
		{"measure": _(label), **{field_key(key): cells[key][measure] for key in by_column}}
		for measure, label in AREA_MEASURES
	]


def get_chart_data(figures: dict[str, AreaFigures], columns: list[str]) -> dict:
	return {
		"data": {
			"labels": columns,
			"datasets": [
				{"name": _("Received"), "values": [figures.get(c, AreaFigures()).received for c in columns]},
				{
					"name": _("Formally responded to"),
					"values": [figures.get(c, AreaFigures()).responded for c in columns],
				},
				{
					"name": _("Within timescale"),
					"values": [figures.get(c, AreaFigures()).in_time for c in columns],
				},
			],
		},
		"type": "bar",
	}


def get_report_summary(total: AreaFigures, previous: AreaFigures) -> list[dict]:
	before = previous.numbers
	return [
		summary_item("Received", total.received, "Blue", "Int"),
		summary_item("Formally responded to", total.cells["responded"]),
		summary_item("Within timescale", total.cells["in_time"], "Green"),
		summary_item("Upheld", total.cells["upheld"], "Orange"),
		summary_item(
			"Within timescale, previous period",
			"-" if before["in_time_pct"] is None else f"{before['in_time_pct']}%",
			"Grey",
		),
	]
