"""What the seven reports share on the platform side: columns, comparison rows, the area tree.

The arithmetic is in ``definitions`` (pure); this module only turns it into Frappe's
report shape (columns, rows, report summary) and reads the small lists a report lays out
(themes, service areas, procedures).
"""

from __future__ import annotations

import functools
import re
import threading
from collections.abc import Callable, Iterable

import frappe
from frappe import _
from frappe.query_builder import DocType

from complaints_app.complaint_statistics.definitions import Period, round_half_up, show_percent


def report_entry(report_name: str) -> Callable:
	"""Decorate a report's ``execute`` so that a refusal does not turn it into a prepared report.

	Frappe v15 starts a 15-second timer before running a script report and cancels it only
	when the report returns; if the report raises (a To date before the From date, say),
	the timer fires and marks the report "prepared" for everyone, so every later run is
	queued in the background. On the way out of a failed run this cancels that timer.
	"""

	def decorate(execute: Callable) -> Callable:
		@functools.wraps(execute)
		def wrapper(filters=None):
			try:
				return execute(filters)
			except BaseException:
				for timer in threading.enumerate():
					if isinstance(timer, threading.Timer) and _times(timer, report_name):
						timer.cancel()
				raise

		return wrapper

	return decorate


def _times(timer: threading.Timer, report_name: str) -> bool:
	function = getattr(timer, "function", None)
	return (
		getattr(function, "__name__", "") == "enable_prepared_report"
		and (getattr(timer, "kwargs", {}) or {}).get("report") == report_name
	)


def field_key(label: str) -> str:
	"""A safe column fieldname for a theme, area or procedure name ("Children's social care" -> children_s_social_care)."""
	return re.sub(r"[^a-z0-9]+", "_", label.lower()).strip("_") or "blank"


def column(fieldname: str, label: str, fieldtype: str = "Int", width: int = 120, **more) -> dict:
	return {"fieldname": fieldname, "label": label, "fieldtype": fieldtype, "width": width, **more}


def comparison_columns(period: Period, previous: Period, first: str = "Measure") -> list[dict]:
	"""Measure | this period | previous period | change: the shape of every year-on-year table."""
	return [
		column("measure", _(first), "Data", 340),
		column("current", period.label, "Data", 190),
		column("previous", previous.label, "Data", 190),
		column("change", _("Change"), "Data", 120),
	]


def show(value: float | int | None, unit: str) -> str:
	"""A figure as the published tables print it: 59%, 12, 7.5 days; a dash when there is none."""
	if value is None:
		return "-"
	if unit == "%":
		return show_percent(value)
	if unit == "days":
		return f"{value:g}"
	return str(round_half_up(value))


def show_change(value: float | None, unit: str) -> str:
	"""The change from the previous period: points for shares, days or a count otherwise."""
	if value is None:
		return "-"
	sign = "+" if value > 0 else ""
	if unit == "%":
		return f"{sign}{round_half_up(value)} pp"
	if unit == "days":
		return f"{sign}{value:g} days"
	return f"{sign}{round_half_up(value)}"


def comparison_rows(compared: list[dict]) -> list[dict]:
	"""``definitions.compare`` output as report rows of printed figures."""
	return [
		{
			"measure": _(row["measure"]),
			"current": show(row["current"], row["unit"]),
			"previous": show(row["previous"], row["unit"]),
			"change": show_change(row["change"], row["unit"]),
		}
		for row in compared
	]


def summary_item(label: str, value, indicator: str = "Blue", datatype: str = "Data") -> dict:
	return {"value": value, "label": _(label), "datatype": datatype, "indicator": indicator}


def theme_names() -> list[str]:
	"""Enabled themes in name order (seed 003's column order)."""
	t = DocType("Complaint Theme")
	return [r[0] for r in frappe.qb.from_(t).select(t.name).where(t.disabled == 0).orderby(t.name).run()]


def area_columns(area: str | None) -> tuple[list[str], dict[str, str]]:
	"""The columns of a by-area table, and the column each stored area is counted under.

	With no area chosen, the columns are the top-level areas. With one chosen, they are the
	chosen area itself (for the cases recorded against it directly) and the areas directly
	below it. Each column below includes everything below it in the tree.
	"""
	a = DocType("Complaint Service Area")
	rows = (
		frappe.qb.from_(a)
		.select(a.name, a.parent_service_area, a.lft, a.rgt)
		.orderby(a.lft)
		.run(as_dict=True)
	)
	if area:
		top = [r for r in rows if r.parent_service_area == area]
		column_of = {area: area}
	else:
		top = [r for r in rows if not r.parent_service_area]
		column_of = {}
	for r in rows:
		for t in top:
			if t.lft <= r.lft and r.rgt <= t.rgt:
				column_of[r.name] = t.name
	return ([area] if area else []) + [t.name for t in top], column_of


def procedure_names(chosen: Iterable[str] = ()) -> list[str]:
	chosen = list(chosen)
	if chosen:
		return chosen
	p = DocType("Complaint Procedure")
	return [r[0] for r in frappe.qb.from_(p).select(p.name).orderby(p.name).run()]


def period_message(period: Period, previous: Period, extra: str = "") -> str:
	text = _("Received from {0} to {1}; the previous period is {2} to {3}.").format(
		frappe.format(period.start, "Date"),
		frappe.format(period.end, "Date"),
		frappe.format(previous.start, "Date"),
		frappe.format(previous.end, "Date"),
	)
	return f"<p>{text}</p>{extra}"
