# Copyright (c) 2026, complaints_app contributors
# For license information, please see license.txt
"""Enquiries the Ombudsman received in the period, its decisions in it, beside its annual letter.

As the Ombudsman's letter counts them: enquiries received in the period, and decisions dated
in it (premature referrals, closures, detailed investigations, upheld, remedy, compliance),
whenever the enquiry arrived. The letter is the one for the year ending within the period;
its figures for similar authorities are the comparison the Ombudsman itself publishes.
"""

from __future__ import annotations

import frappe
from frappe import _
from frappe.query_builder import DocType
from frappe.query_builder.functions import Count
from frappe.utils import escape_html
from pypika.terms import Criterion

from complaints_app.complaint_statistics.cohort import ReportFilterError, ReportFilters, between, within_scope
from complaints_app.complaint_statistics.definitions import OmbudsmanFigures
from complaints_app.complaint_statistics.doctype.ombudsman_annual_letter.ombudsman_annual_letter import (
	letter_for,
)
from complaints_app.complaint_statistics.tables import (
	column,
	period_message,
	report_entry,
	show,
	summary_item,
)

OMBUDSMEN = ("LGSCO", "Housing Ombudsman")


@report_entry("Ombudsman Enquiries")
def execute(filters: dict | None = None):
	f = ReportFilters.parse(filters)
	ombudsman = parse_ombudsman(filters)
	current = enquiry_figures(f, ombudsman)
	previous = enquiry_figures(f.previous(), ombudsman)
	letter = letter_for(ombudsman, f.period)
	return (
		get_columns(f),
		get_data(current, previous, letter),
		period_message(f.period, f.previous().period, letter_note(letter, ombudsman)),
		get_chart_data(current, letter),
		get_report_summary(current, letter),
	)


def parse_ombudsman(filters: dict | None) -> str:
	ombudsman = frappe._dict(filters or {}).get("ombudsman") or OMBUDSMEN[0]
	if ombudsman not in OMBUDSMEN:
		frappe.throw(
			_("The Ombudsman is LGSCO or Housing Ombudsman, not {0}.").format(ombudsman), ReportFilterError
		)
	return ombudsman


def enquiry_figures(f: ReportFilters, ombudsman: str) -> OmbudsmanFigures:
	"""Enquiries received in the period (one count) and decisions dated in it (one grouped query)."""
	e = DocType("Ombudsman Enquiry")
	scope = [e.ombudsman == ombudsman, *within_scope(e, "Ombudsman Enquiry", f)]
	figures = OmbudsmanFigures()
	figures.received = (
		frappe.qb.from_(e)
		.select(Count("*"))
		.where(Criterion.all([between(e.received_on, f.period), *scope]))
		.run()[0][0]
	)
	terms = [e.enquiry_type.as_("k0"), e.decision.as_("k1"), e.complied.as_("k2")]
	rows = (
		frappe.qb.from_(e)
		.select(*terms, Count("*"))
		.where(Criterion.all([between(e.decision_date, f.period), e.decision.isnotnull(), *scope]))
		.groupby(*terms)
		.run()
	)
	for enquiry_type, decision, complied, n in rows:
		figures.count(enquiry_type, decision, complied, n)
	return figures


def get_columns(f: ReportFilters) -> list[dict]:
	return [
		column("measure", _("Measure"), "Data", 380),
		column("current", f.period.label, "Data", 120),
		column("letter_council", _("Ombudsman's letter: the council"), "Data", 200),
		column("letter_similar", _("Ombudsman's letter: similar authorities"), "Data", 220),
		column("previous", f.previous().period.label, "Data", 120),
	]


def get_data(current: OmbudsmanFigures, previous: OmbudsmanFigures, letter) -> list[dict]:
	before = {key: value for key, _label, _unit, value in previous.rows}
	letter = letter or {}
	return [
		{
			"measure": _(label),
			"current": show(value, unit),
			"letter_council": show(letter.get(f"council_{key}"), unit),
			"letter_similar": show(letter.get(f"similar_{key}"), unit),
			"previous": show(before[key], unit),
		}
		for key, label, unit, value in current.rows
	]


def letter_note(letter, ombudsman: str) -> str:
	if letter:
		return "<p>" + _("Beside the figures of {0}.").format(frappe.bold(letter.name)) + "</p>"
	return (
		"<p>"
		+ _("No {0} annual letter is recorded for a year ending in this period.").format(ombudsman)
		+ "</p>"
	)


def get_chart_data(current: OmbudsmanFigures, letter) -> dict:
	rates = [(key, label) for key, label, unit, _value in current.rows if unit == "%"]
	values = {key: value for key, _label, _unit, value in current.rows}
	letter = letter or {}
	return {
		"data": {
			"labels": [_(label) for _key, label in rates],
			"datasets": [
				{"name": _("The council"), "values": [round(values[k] or 0, 1) for k, _label in rates]},
				{
					"name": _("Similar authorities"),
					"values": [float(letter.get(f"similar_{k}") or 0) for k, _label in rates],
				},
			],
		},
		"type": "bar",
	}


def get_report_summary(current: OmbudsmanFigures, letter) -> list[dict]:
	values = {key: (value, unit) for key, _label, unit, value in current.rows}
	items = [
		summary_item("Enquiries received", current.received, "Blue", "Int"),
		summary_item("Detailed investigations", current.detailed, "Blue", "Int"),
		summary_item("Upheld", show(*values["upheld_rate"]), "Orange"),
	]
	if letter and letter.get("similar_upheld_rate") is not None:
		items.append(
			summary_item("Upheld, similar authorities", show(letter.similar_upheld_rate, "%"), "Grey")
		)
	return items
