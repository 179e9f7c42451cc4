# Copyright (c) 2026, complaints_app contributors
# For license information, please see license.txt
"""Why complaints arose: complaints, and points of complaint, by root cause, beside the previous year.

A complaint counts once, under the root cause recorded on it, when its chosen stage was received
in the period (the cohort every report shares). A point of complaint counts under its own root
cause: the points of the investigations of those same complaints. Nothing recorded is shown as
"Not recorded".
"""

from __future__ import annotations

from dataclasses import fields

import frappe
from frappe import _
from frappe.query_builder import DocType

from complaints_app.complaint_statistics.cohort import Cohort, ReportFilters
from complaints_app.complaint_statistics.definitions import (
	NOT_RECORDED,
	RootCauseFigures,
	percent,
	root_cause_table,
)
from complaints_app.complaint_statistics.tables import column, period_message, report_entry, summary_item

ALL_ROOT_CAUSES = "Total"


@report_entry("Complaints by Root Cause")
def execute(filters: dict | None = None):
	f = ReportFilters.parse(filters)
	previous = f.previous()
	table = root_cause_table(
		complaint_counts(f),
		complaint_counts(previous),
		point_counts(f),
		point_counts(previous),
		root_causes(),
	)
	return (
		get_columns(f),
		get_data(table),
		period_message(f.period, previous.period),
		get_chart_data(table, f),
		get_report_summary(table),
	)


def complaint_counts(f: ReportFilters) -> dict[str | None, int]:
	"""Root cause -> complaints received: one query."""
	cohort = Cohort(f)
	return {key[0]: n for key, n in cohort.counts(cohort.complaint.root_cause).items()}


def point_counts(f: ReportFilters) -> dict[str | None, int]:
	"""Root cause -> points of complaint in the investigations of the complaints received: one query."""
	cohort = Cohort(f)
	investigation, point = DocType("Complaint Investigation"), DocType("Complaint Investigation Point")
	query = (
		cohort.query()
		.join(investigation)
		.on(investigation.complaint == cohort.complaint.name)
		.join(point)
		.on((point.parent == investigation.name) & (point.parenttype == "Complaint Investigation"))
	)
	return {key[0]: n for key, n in cohort.counts(point.root_cause, query=query).items()}


def root_causes() -> list[str]:
	"""Enabled root causes in name order: each has a row, empty or not."""
	cause = DocType("Complaint Root Cause")
	return (
		frappe.qb.from_(cause)
		.select(cause.name)
		.where(cause.disabled == 0)
		.orderby(cause.name)
		.run(pluck=True)
	)


def get_columns(f: ReportFilters) -> list[dict]:
	return [
		column("root_cause", _("Root cause"), "Data", 240),
		column("complaints", _("Complaints ({0})").format(f.period.label), "Int", 160),
		column("complaints_pct", _("Share of complaints"), "Percent", 130),
		column("previous_complaints", _("Complaints ({0})").format(f.previous().period.label), "Int", 160),
		column("points", _("Points of complaint ({0})").format(f.period.label), "Int", 190),
		column(
			"previous_points", _("Points of complaint ({0})").format(f.previous().period.label), "Int", 190
		),
	]


def get_data(table: dict[str, RootCauseFigures]) -> list[dict]:
	total = RootCauseFigures(
		*(sum(getattr(fig, f.name) for fig in table.values()) for f in fields(RootCauseFigures))
	)
	data = [row(_(name) if name == NOT_RECORDED else name, fig, total) for name, fig in table.items()]
	data.append({**row(_(ALL_ROOT_CAUSES), total, total), "is_total": 1})
	return data


def row(label: str, fig: RootCauseFigures, total: RootCauseFigures) -> dict:
	return {
		"root_cause": label,
		"complaints": fig.complaints,
		"complaints_pct": percent(fig.complaints, total.complaints),
		"previous_complaints": fig.previous_complaints,
		"points": fig.points,
		"previous_points": fig.previous_points,
	}


def get_chart_data(table: dict[str, RootCauseFigures], f: ReportFilters) -> dict:
	shown = [name for name, fig in table.items() if fig.complaints or fig.previous_complaints]
	return {
		"data": {
			"labels": [_(name) if name == NOT_RECORDED else name for name in shown],
			"datasets": [
				{"name": f.period.label, "values": [table[name].complaints for name in shown]},
				{
					"name": f.previous().period.label,
					"values": [table[name].previous_complaints for name in shown],
				},
			],
		},
		"type": "bar",
	}


def get_report_summary(table: dict[str, RootCauseFigures]) -> list[dict]:
	received = sum(fig.complaints for fig in table.values())
	unrecorded = table[NOT_RECORDED].complaints if NOT_RECORDED in table else 0
	recorded = received - unrecorded
	return [
		summary_item("Received", received, "Blue", "Int"),
		summary_item("With a root cause", recorded, "Green", "Int"),
		summary_item("No root cause recorded", unrecorded, "Orange" if unrecorded else "Green", "Int"),
	]
