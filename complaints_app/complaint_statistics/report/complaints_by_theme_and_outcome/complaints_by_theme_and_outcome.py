# Copyright (c) 2026, complaints_app contributors
# For license information, please see license.txt
"""Seed 003's "Complaints by Theme and Outcome": outcome rows, one column per theme.

A complaint counts once, under its theme and the outcome of the chosen stage at To date.
"""

from __future__ import annotations

import frappe
from frappe import _

from complaints_app.complaint_statistics.cohort import Cohort, ReportFilters
from complaints_app.complaint_statistics.definitions import (
	OUTCOME_ROWS,
	REMAINS_OPEN,
	outcome_totals,
	theme_outcome_table,
)
from complaints_app.complaint_statistics.tables import (
	column,
	field_key,
	period_message,
	report_entry,
	summary_item,
	theme_names,
)


@report_entry("Complaints by Theme and Outcome")
def execute(filters: dict | None = None):
	f = ReportFilters.parse(filters)
	table = theme_outcome_table(theme_counts(f), theme_names())
	previous = outcome_totals(theme_counts(f.previous()))
	return (
		get_columns(table, f),
		get_data(table, previous),
		period_message(f.period, f.previous().period),
		get_chart_data(table),
		get_report_summary(table, previous),
	)


def theme_counts(f: ReportFilters) -> dict[tuple[str | None, str], int]:
	"""(theme, outcome at To date) -> complaints: the one query behind the table."""
	cohort = Cohort(f)
	return cohort.counts(cohort.complaint.theme, cohort.outcome)


def get_columns(table: dict, f: ReportFilters) -> list[dict]:
	themes = next(iter(table.values())).keys()
	return [
		column("outcome", _("Stage {0} outcome").format(f.stage_number), "Data", 170),
		*(column(field_key(t), _(t), "Int", 110) for t in themes),
		column("total", _("Total"), "Int", 90),
		column("previous_total", _("Total, previous period"), "Int", 150),
	]


def get_data(table: dict, previous: dict[str, int]) -> list[dict]:
	data = []
	for outcome in OUTCOME_ROWS:
		cells = table[outcome]
		row = {"outcome": _(outcome), **{field_key(t): n for t, n in cells.items()}}
		data.append({**row, "total": sum(cells.values()), "previous_total": previous[outcome]})
	totals = {field_key(t): sum(table[o][t] for o in OUTCOME_ROWS) for t in table[OUTCOME_ROWS[0]]}
	data.append(
		{
			"outcome": _("Total received"),
			**totals,
			"total": sum(totals.values()),
			"previous_total": sum(previous.values()),
			"is_total": 1,
		}
	)
	return data


def get_chart_data(table: dict) -> dict:
	labels = [o for o in OUTCOME_ROWS if sum(table[o].values())]
	return {
		"data": {
			"labels": [_(o) for o in labels],
			"datasets": [{"name": _("Complaints"), "values": [sum(table[o].values()) for o in labels]}],
		},
		"type": "donut",
	}


def get_report_summary(table: dict, previous: dict[str, int]) -> list[dict]:
	received = sum(sum(cells.values()) for cells in table.values())
	still_open = sum(table[REMAINS_OPEN].values())
	return [
		summary_item("Received", received, "Blue", "Int"),
		summary_item("Received, previous period", sum(previous.values()), "Grey", "Int"),
		summary_item("Remains open", still_open, "Orange" if still_open else "Green", "Int"),
	]
