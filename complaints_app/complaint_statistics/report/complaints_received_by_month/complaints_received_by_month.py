# Copyright (c) 2026, complaints_app contributors
# For license information, please see license.txt
"""Complaints received each month of the period, by procedure, with the same month a year earlier."""

from __future__ import annotations

from datetime import date

import frappe
from frappe import _
from frappe.query_builder.functions import DateFormat

from complaints_app.complaint_statistics.cohort import Cohort, ReportFilters
from complaints_app.complaint_statistics.tables import (
	column,
	field_key,
	period_message,
	procedure_names,
	report_entry,
	summary_item,
)


@report_entry("Complaints Received by Month")
def execute(filters: dict | None = None):
	f = ReportFilters.parse(filters)
	current, previous = monthly(f), monthly(f.previous())
	procedures = [
		p for p in procedure_names(f.procedures) if any(k[1] == p for k in current)
	] or procedure_names(f.procedures)
	months = f.period.months()
	return (
		get_columns(procedures),
		get_data(months, procedures, current, previous),
		period_message(f.period, f.previous().period),
		get_chart_data(months, procedures, current),
		get_report_summary(current, previous),
	)


def monthly(f: ReportFilters) -> dict[tuple[str, str], int]:
	"""("2026-04", procedure) -> complaints received: one query."""
	cohort = Cohort(f)
	received = cohort.stage.event_at if f.stage_number > 1 else cohort.complaint.received_at
	return cohort.counts(DateFormat(received, "%Y-%m"), cohort.complaint.procedure)


def key(year: int, month: int) -> str:
	return f"{year:04d}-{month:02d}"


def get_columns(procedures: list[str]) -> list[dict]:
	return [
		column("month", _("Month"), "Data", 110),
		*(column(field_key(p), p, "Int", 150) for p in procedures),
		column("total", _("Total"), "Int", 90),
		column("previous_total", _("Same month, previous year"), "Int", 190),
	]


def get_data(months, procedures, current, previous) -> list[dict]:
	data = []
	for year, month in months:
		row = {"month": date(year, month, 1).strftime("%b %Y")}
		row.update({field_key(p): current.get((key(year, month), p), 0) for p in procedures})
		row["total"] = sum(n for (m, _p), n in current.items() if m == key(year, month))
		row["previous_total"] = sum(n for (m, _p), n in previous.items() if m == key(year - 1, month))
		data.append(row)
	totals = {k: sum(r[k] for r in data) for k in data[0] if k != "month"} if data else {}
	data.append({"month": _("Total"), **totals, "is_total": 1})
	return data


def get_chart_data(months, procedures, current) -> dict:
	return {
		"data": {
			"labels": [date(y, m, 1).strftime("%b %y") for y, m in months],
			"datasets": [
				{"name": p, "values": [current.get((key(y, m), p), 0) for y, m in months]} for p in procedures
			],
		},
		"type": "bar",
		"barOptions": {"stacked": 1},
	}


def get_report_summary(current, previous) -> list[dict]:
	return [
		summary_item("Received", sum(current.values()), "Blue", "Int"),
		summary_item("Received, previous period", sum(previous.values()), "Grey", "Int"),
	]
