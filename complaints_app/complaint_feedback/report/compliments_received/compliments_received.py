# Copyright (c) 2026, complaints_app contributors
# For license information, please see license.txt
"""Compliments received each month of the period, by service area, with the previous year beside it.

Columns are the top-level service areas, or the areas directly below the chosen one, each with
everything below it (as in "Complaints by Service Area"), then the month's total and the same
month a year earlier. The last two rows are the period's totals and the previous period's, per
area. One aggregate query per period, through the reader's record permissions.
"""

from __future__ import annotations

from datetime import date

import frappe
from frappe import _
from frappe.query_builder import DocType
from frappe.query_builder.functions import Count, DateFormat

from complaints_app.complaint_feedback.figures import (
	by_column,
	column_totals,
	compliment_months,
	show_rise,
)
from complaints_app.complaint_statistics.cohort import ReportFilters, between, permitted, subtree
from complaints_app.complaint_statistics.definitions import NOT_RECORDED, Period
from complaints_app.complaint_statistics.tables import (
	area_columns,
	column,
	field_key,
	period_message,
	report_entry,
	summary_item,
)

DOCTYPE = "Compliment"


@report_entry("Compliments Received")
def execute(filters: dict | None = None):
	f = ReportFilters.parse(filters)
	previous_period = f.previous().period
	columns, column_of = area_columns(f.service_area)
	if not f.service_area:
		column_of[None] = NOT_RECORDED
		columns.append(NOT_RECORDED)
	current = by_column(received(f, f.period), column_of)
	previous = by_column(received(f, previous_period), column_of)
	# The chosen area's own column shows only when compliments are recorded against it directly.
	columns = [
		c
		for c in columns
		if c not in (f.service_area, NOT_RECORDED)
		or any(col == c for _m, col in (*current, *previous))
		or len(columns) == 1
	]
	return (
		get_columns(columns),
		get_data(f.period, previous_period, columns, current, previous),
		period_message(f.period, previous_period),
		get_chart_data(f.period, current, previous),
		get_report_summary(current, previous),
	)


def received(f: ReportFilters, period: Period) -> dict[tuple[str, str | None], int]:
	"""(month "2026-04", service area) -> compliments received: the one query behind a period's table."""
	c = DocType(DOCTYPE)
	month = DateFormat(c.received_on, "%Y-%m").as_("month")
	where = between(c.received_on, period)
	if f.service_area:
		where &= c.service_area.isin(subtree(f.service_area))
	reach = permitted(DOCTYPE)
	if reach is not None:
		where &= reach
	rows = (
		frappe.qb.from_(c)
		.select(month, c.service_area, Count("*").as_("n"))
		.where(where)
		.groupby(month, c.service_area)
		.run()
	)
	return {(m, area): n for m, area, n in rows}


def get_columns(columns: list[str]) -> list[dict]:
	return [
		column("month", _("Month"), "Data", 180),
		*(column(field_key(c), _(c), "Int", 140) for c in columns),
		column("total", _("Total"), "Int", 90),
		column("previous_total", _("Same month, previous year"), "Int", 190),
	]


def get_data(period: Period, previous_period: Period, columns, current, previous) -> list[dict]:
	data = []
	for row in compliment_months(period.months(), columns, current, previous):
		data.append(
			{
				"month": date(row.year, row.month, 1).strftime("%b %Y"),
				**{field_key(c): n for c, n in row.cells.items()},
				"total": row.total,
				"previous_total": row.previous_total,
			}
		)
	this_year, last_year = column_totals(current, columns), column_totals(previous, columns)
	data.append(
		{
			"month": _("Total"),
			**{field_key(c): n for c, n in this_year.items()},
			"total": sum(current.values()),
			"previous_total": sum(previous.values()),
			"is_total": 1,
		}
	)
	data.append(
		{
			"month": _("Previous period ({0})").format(previous_period.label),
			**{field_key(c): n for c, n in last_year.items()},
			"total": sum(previous.values()),
			"is_total": 1,
		}
	)
	return data


def get_chart_data(period: Period, current, previous) -> dict:
	months = period.months()
	keys = [(f"{y:04d}-{m:02d}", f"{y - 1:04d}-{m:02d}") for y, m in months]
	return {
		"data": {
			"labels": [date(y, m, 1).strftime("%b %y") for y, m in months],
			"datasets": [
				{
					"name": _("This period"),
					"values": [sum(n for (k, _c), n in current.items() if k == this) for this, _l in keys],
				},
				{
					"name": _("Previous year"),
					"values": [sum(n for (k, _c), n in previous.items() if k == last) for _t, last in keys],
				},
			],
		},
		"type": "bar",
	}


def get_report_summary(current, previous) -> list[dict]:
	now, before = sum(current.values()), sum(previous.values())
	return [
		summary_item("Compliments received", now, "Green", "Int"),
		summary_item("Previous period", before, "Grey", "Int"),
		summary_item("Change on the previous period", show_rise(now, before), "Blue"),
	]
