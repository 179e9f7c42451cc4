# Copyright (c) 2026, complaints_app contributors
# For license information, please see license.txt
"""Seed 003's stage 2 table: what became of the requests for a stage received in the period.

The parts (on hold, refused, withdrawn, mediation, investigated) add up to the requests
received; "Total investigated" is the findings plus those still under investigation.
"""

from __future__ import annotations

from frappe import _

from complaints_app.complaint_statistics.cohort import Cohort, ReportFilters
from complaints_app.complaint_statistics.definitions import STAGE_SUMMARY_COLUMNS, stage_summary
from complaints_app.complaint_statistics.tables import column, period_message, report_entry, summary_item


@report_entry("Stage 2 Summary")
def execute(filters: dict | None = None):
	f = ReportFilters.parse(filters, default_stage=2)
	current, previous = summary(f), summary(f.previous())
	return (
		get_columns(),
		get_data(f, current, previous),
		period_message(f.period, f.previous().period),
		get_chart_data(current, previous, f),
		get_report_summary(current),
	)


def summary(f: ReportFilters) -> dict[str, int]:
	"""The table's row for one period: one query grouped by outcome and hold at To date."""
	cohort = Cohort(f)
	return stage_summary(cohort.counts(cohort.outcome, cohort.paused_at_end()))


def get_columns() -> list[dict]:
	return [
		column("period", _("Period"), "Data", 180),
		*(column(key, _(label), "Int", 110) for key, label in STAGE_SUMMARY_COLUMNS),
	]


def get_data(f: ReportFilters, current: dict, previous: dict) -> list[dict]:
	return [
		{"period": f.period.label, **current},
		{"period": f.previous().period.label, **previous},
		{"period": _("Change"), **{k: current[k] - previous[k] for k in current}, "is_total": 1},
	]


def get_chart_data(current: dict, previous: dict, f: ReportFilters) -> dict:
	keys = [k for k, _label in STAGE_SUMMARY_COLUMNS if k != "received"]
	return {
		"data": {
			"labels": [_(label) for k, label in STAGE_SUMMARY_COLUMNS if k != "received"],
			"datasets": [
				{"name": f.period.label, "values": [current[k] for k in keys]},
				{"name": f.previous().period.label, "values": [previous[k] for k in keys]},
			],
		},
		"type": "bar",
	}


def get_report_summary(current: dict) -> list[dict]:
	return [
		summary_item("Requests received", current["received"], "Blue", "Int"),
		summary_item("Total investigated", current["investigated"], "Green", "Int"),
		summary_item("Open at time of report", current["open"], "Orange", "Int"),
	]
