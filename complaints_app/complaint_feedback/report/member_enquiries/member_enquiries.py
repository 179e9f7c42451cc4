# Copyright (c) 2026, complaints_app contributors
# For license information, please see license.txt
"""Representations from councillors, MPs and senior leaders: received, and responded to within target.

Seed 003 prints them as "175 representations ... 102 corporate and 72 statutory ... 19 (26%)
received a response within the 10-day timescale". The columns are statutory, corporate and all,
for the period and for the previous period, then the change in all (points for shares). The
words are defined in ``complaint_feedback.figures``. One aggregate query per period, through the
reader's record permissions.
"""

from __future__ import annotations

import frappe
from frappe import _
from frappe.query_builder import Case, DocType
from frappe.query_builder.functions import Count
from frappe.utils import escape_html

from complaints_app.complaint_feedback.figures import (
	ALL,
	CATEGORIES,
	ENQUIRY_MEASURES,
	EnquiryFigures,
	enquiry_figures,
)
from complaints_app.complaint_statistics.cohort import (
	ReportFilterError,
	ReportFilters,
	between,
	permitted,
	subtree,
)
from complaints_app.complaint_statistics.definitions import Period, change, share
from complaints_app.complaint_statistics.tables import (
	column,
	period_message,
	report_entry,
	show_change,
	summary_item,
)

DOCTYPE = "Member Enquiry"
MEMBER_TYPES = ("Councillor", "MP", "Senior leader")
SHOWN = (*CATEGORIES, ALL)


@report_entry("Member Enquiries")
def execute(filters: dict | None = None):
	f = ReportFilters.parse(filters)
	member_type = parse_member_type(filters)
	previous_period = f.previous().period
	current = enquiry_figures(received(f, f.period, member_type))
	previous = enquiry_figures(received(f, previous_period, member_type))
	return (
		get_columns(f.period, previous_period),
		get_data(current, previous),
		period_message(f.period, previous_period),
		get_chart_data(current, previous),
		get_report_summary(current[ALL], previous[ALL]),
	)


def parse_member_type(filters) -> str | None:
	value = frappe._dict(frappe.parse_json(filters) if isinstance(filters, str) else (filters or {})).get(
		"member_type"
	)
	if value and value not in MEMBER_TYPES:
		frappe.throw(
			_("Member type must be a councillor, an MP or a senior leader, not {0}.").format(
				escape_html(str(value))
			),
			ReportFilterError,
		)
	return value or None


def received(f: ReportFilters, period: Period, member_type: str | None) -> dict[tuple, int]:
	"""(category, responded by To date, within target, within the original target) -> enquiries received."""
	e = DocType(DOCTYPE)
	answered = e.responded_on.isnotnull() & (e.responded_on <= period.end)
	responded = Case().when(answered, 1).else_(0).as_("responded")
	in_target = Case().when(answered & (e.response_within_target == 1), 1).else_(0).as_("in_target")
	in_original = (
		Case().when(answered & (e.response_within_original_target == 1), 1).else_(0).as_("in_original")
	)
	where = between(e.received_on, period)
	if f.service_area:
		where &= e.service_area.isin(subtree(f.service_area))
	if member_type:
		where &= e.member_type == member_type
	reach = permitted(DOCTYPE)
	if reach is not None:
		where &= reach
	rows = (
		frappe.qb.from_(e)
		.select(e.category, responded, in_target, in_original, Count("*").as_("n"))
		.where(where)
		.groupby(e.category, responded, in_target, in_original)
		.run()
	)
	return {tuple(row[:-1]): row[-1] for row in rows}


def get_columns(period: Period, previous: Period) -> list[dict]:
	labels = {"Statutory": _("Statutory"), "Corporate": _("Corporate"), ALL: _("All")}
	return [
		column("measure", _("Measure"), "Data", 320),
		*(column(key.lower(), f"{labels[key]} {period.label}", "Data", 150) for key in SHOWN),
		*(column(f"previous_{key.lower()}", f"{labels[key]} {previous.label}", "Data", 150) for key in SHOWN),
		column("change", _("Change, all"), "Data", 120),
	]


def get_data(current: dict[str, EnquiryFigures], previous: dict[str, EnquiryFigures]) -> list[dict]:
	now = {key: current[key].cells for key in SHOWN}
	before = {key: previous[key].cells for key in SHOWN}
	rows = []
	for measure, label in ENQUIRY_MEASURES:
		row = {"measure": _(label)}
		row.update({key.lower(): now[key][measure] for key in SHOWN})
		row.update({f"previous_{key.lower()}": before[key][measure] for key in SHOWN})
		row["change"] = measure_change(measure, current[ALL], previous[ALL])
		rows.append(row)
	return rows


def measure_change(measure: str, now: EnquiryFigures, before: EnquiryFigures) -> str:
	"""Received: the change in number; the shares: the change in percentage points."""
	if measure == "received":
		return show_change(now.received - before.received, "n")
	value = change(
		share(getattr(now, measure), now.received), share(getattr(before, measure), before.received)
	)
	return show_change(value, "%")


def get_chart_data(current: dict[str, EnquiryFigures], previous: dict[str, EnquiryFigures]) -> dict:
	return {
		"data": {
			"labels": [_(key) for key in SHOWN],
			"datasets": [
				{
					"name": _("Within target, %"),
					"values": [current[k].within_target_percent or 0 for k in SHOWN],
				},
				{
					"name": _("Within target, previous period, %"),
					"values": [previous[k].within_target_percent or 0 for k in SHOWN],
				},
			],
		},
		"type": "bar",
	}


def get_report_summary(now: EnquiryFigures, before: EnquiryFigures) -> list[dict]:
	return [
		summary_item("Received", now.received, "Blue", "Int"),
		summary_item("Responded within target", now.cells["within_target"], "Green"),
		summary_item("Received, previous period", before.received, "Grey", "Int"),
		summary_item("Within target, previous period", before.cells["within_target"], "Grey"),
	]
