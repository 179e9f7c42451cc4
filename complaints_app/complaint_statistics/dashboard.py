# Copyright (c) 2026, complaints_app contributors
# For license information, please see license.txt
"""The two live figures of the Complaints dashboard that a plain filter cannot give.

The other number cards (open, overdue, on hold) ship as "Document Type" cards, which Frappe
counts with ``frappe.get_list``, so the reader's record permissions apply. These two need
today's date or a ratio, so they are "Custom" cards calling the methods below. Each checks
that the reader may read stages and counts only the stages they may see. The card widget
sends the card's ``filters_json`` as ``filters``; these cards have none, so it is ignored.

A Custom card's value is a dict (``value``, ``fieldtype`` and where a click leads), or a
string shown as it is: a share of nothing is a dash, not 0%.
"""

from __future__ import annotations

import frappe
from frappe.desk.doctype.dashboard_chart.dashboard_chart import get as frappe_chart_data
from frappe.query_builder import DocType
from frappe.query_builder.functions import Count, Sum
from frappe.utils import get_last_day_of_week, getdate

from complaints_app.complaint_statistics.cohort import Cohort, ReportFilters
from complaints_app.complaint_statistics.definitions import AreaFigures, Period, financial_year, percent
from complaints_app.complaints.clock_refresh import RUNNING_STATES
from complaints_app.complaints.permissions import require_read
from complaints_app.vocabulary import FINDINGS

STAGE = "Complaint Stage"
APP_MODULES = ("Complaints", "Complaint Statistics")


@frappe.whitelist()
def due_this_week(filters: str | list | dict | None = None) -> dict:
	"""Running stages whose response is due from today to the last day of this week.

	The week is Frappe's (System Settings' first day of the week), as in list filters. A
	stage due earlier this week is already overdue, and a stage on hold has no due date.
	"""
	require_read(STAGE)
	today = getdate()
	window = {
		"workflow_state": ["in", list(RUNNING_STATES)],
		"response_due": dates(Period(today, get_last_day_of_week(today))),
	}
	rows = frappe.get_list(STAGE, filters=window, fields=["count(*) as total"], limit_page_length=0)
	return card(rows[0].total if rows else 0, "Int", window)


@frappe.whitelist()
def responded_in_time_this_year(filters: str | list | dict | None = None) -> dict | str:
	"""Of the stage 1 complaints received this financial year and formally responded to, the share
	answered within the timescale with agreed extensions (the README's definitions); a dash when
	none were."""
	require_read(STAGE)
	year = financial_year(getdate())
	responded, in_time = in_time_counts(year)
	share = percent(in_time, responded)
	if share is None:
		return "-"
	return card(
		share,
		"Percent",
		{"stage_number": 1, "outcome": ["in", list(FINDINGS)], "event_at": dates(year)},
	)


def in_time_counts(year: Period) -> tuple[int, int]:
	"""(formally responded to, of which within timescale) for the stage 1 complaints received in
	``year``, by the definitions every report uses (one grouped query, the reader's permissions)."""
	cohort = Cohort(ReportFilters(period=year))
	total = AreaFigures()
	for (outcome, in_time), n in cohort.counts(cohort.outcome, cohort.stage.in_time_extended).items():
		total.count(outcome, bool(in_time), n)
	return total.responded, total.in_time


def dates(period: Period) -> list:
	"""A "between" filter on the days of ``period``, as list filters and route options take it."""
	return ["between", [period.start.isoformat(), period.end.isoformat()]]


def card(value: int, fieldtype: str, route_options: dict) -> dict:
	"""A Custom card's value; a click opens the stage list filtered to what was counted."""
	return {
		"value": value,
		"fieldtype": fieldtype,
		"route": ["List", STAGE],
		"route_options": route_options,
	}


@frappe.whitelist()
def dashboard_chart(
	chart_name: str | None = None,
	chart: str | dict | None = None,
	no_cache: str | int | None = None,
	filters: str | list | dict | None = None,
	from_date: str | None = None,
	to_date: str | None = None,
	timespan: str | None = None,
	time_interval: str | None = None,
	heatmap_year: str | int | None = None,
	refresh: str | int | None = None,
):
	"""Frappe's dashboard chart data, never from another reader's cache for the app's charts.

	Frappe v15 caches a chart's data under the chart's name alone and serves it to the next
	caller unless they ask for a refresh, so a Service Manager could be shown the numbers last
	computed for a Complaints Manager. The app's charts are always computed for the reader.
	"""
	name = chart_name or (frappe.parse_json(chart) or {}).get("name")
	if name and frappe.db.get_value("Dashboard Chart", name, "module") in APP_MODULES:
		refresh = 1
	return frappe_chart_data(
		chart_name=chart_name,
		chart=chart,
		no_cache=no_cache,
		filters=filters,
		from_date=from_date,
		to_date=to_date,
		timespan=timespan,
		time_interval=time_interval,
		heatmap_year=heatmap_year,
		refresh=refresh,
	)
