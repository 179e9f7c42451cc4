"""The one query every complaint table starts from: the stages received in a period.

A report parses its filters into ``ReportFilters``, builds a ``Cohort`` for a period and
asks it for grouped counts (``Cohort.counts``): one aggregate ``frappe.qb`` query per
table, with the reader's record permissions added, never a loop over documents. The
meaning of each word (received, outcome at To date) is in ``definitions``; this module
only says it in SQL.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import date

import frappe
from frappe import _
from frappe.query_builder import Case, DocType
from frappe.query_builder.functions import Count
from frappe.utils import escape_html, getdate
from pypika.terms import Criterion, ExistsCriterion, Term

from complaints_app.complaint_statistics.definitions import (
	MERGED,
	REMAINS_OPEN,
	Period,
	PeriodError,
	financial_year,
	next_day,
)
from complaints_app.complaints.errors import InvalidInputError
from complaints_app.complaints.permissions import query_condition
from complaints_app.vocabulary import CLOSING_OUTCOMES, FINDINGS, OUT_OF_REMIT


class ReportFilterError(InvalidInputError):
	"""A report filter that names nothing real or makes no sense."""


@dataclass(frozen=True)
class ReportFilters:
	period: Period
	procedures: tuple[str, ...] = ()
	stage_number: int = 1
	service_area: str | None = None
	root_cause: str | None = None

	@classmethod
	def parse(cls, filters: dict | str | None, default_stage: int = 1) -> ReportFilters:
		"""The report's filters, checked, with the current financial year as the default period."""
		filters = frappe._dict(json.loads(filters) if isinstance(filters, str) else (filters or {}))
		year = financial_year(getdate())
		try:
			period = Period(
				getdate(filters.get("from_date") or year.start), getdate(filters.get("to_date") or year.end)
			)
		except PeriodError:
			frappe.throw(_("The To date is before the From date."), ReportFilterError)
		return cls(
			period=period,
			procedures=_procedures(filters.get("procedure")),
			stage_number=_stage_number(filters.get("stage_number"), default_stage),
			service_area=_service_area(filters.get("service_area")),
			root_cause=_root_cause(filters.get("root_cause")),
		)

	def previous(self) -> ReportFilters:
		return replace(self, period=self.period.previous())


def _procedures(value) -> tuple[str, ...]:
	if not value:
		return ()
	if isinstance(value, str):
		value = json.loads(value) if value.startswith("[") else [v.strip() for v in value.split(",")]
	names = tuple(v for v in value if v)
	unknown = [n for n in names if not frappe.db.exists("Complaint Procedure", n)]
	if unknown:
		frappe.throw(
			_("There is no complaint procedure called {0}.").format(
				escape_html(", ".join(map(str, unknown)))
			),
			ReportFilterError,
		)
	return names


def _stage_number(value, default: int) -> int:
	if value in (None, ""):
		return default
	try:
		number = int(value)
	except (TypeError, ValueError):
		number = 0
	if number < 1:
		frappe.throw(
			_("The stage number must be a whole number from 1, not {0}.").format(escape_html(str(value))),
			ReportFilterError,
		)
	return number


def _service_area(value) -> str | None:
	if value and not frappe.db.exists("Complaint Service Area", value):
		frappe.throw(
			_("There is no service area called {0}.").format(escape_html(str(value))), ReportFilterError
		)
	return value or None


def _root_cause(value) -> str | None:
	if value and (not isinstance(value, str) or not frappe.db.exists("Complaint Root Cause", value)):
		frappe.throw(
			_("There is no root cause called {0}.").format(escape_html(str(value))), ReportFilterError
		)
	return value or None


def subtree(area: str):
	"""A subquery of ``area`` and every service area below it."""
	a = DocType("Complaint Service Area")
	lft, rgt = frappe.db.get_value("Complaint Service Area", area, ["lft", "rgt"])
	return frappe.qb.from_(a).select(a.name).where((a.lft >= lft) & (a.rgt <= rgt))


def with_root_cause(root_cause: str):
	"""A subquery of the complaints whose root cause is ``root_cause``."""
	c = DocType("Complaint")
	return frappe.qb.from_(c).select(c.name).where(c.root_cause == root_cause)


class RawCriterion(Criterion):
	"""A condition Frappe hands over as SQL text (a ``permission_query_conditions`` result)."""

	def __init__(self, sql: str) -> None:
		super().__init__()
		self.sql = sql

	def get_sql(self, **kwargs) -> str:
		return f"({self.sql})"


def permitted(doctype: str, user: str | None = None) -> Criterion | None:
	"""The reader's record permissions on ``doctype`` as a criterion (None: they see everything)."""
	condition = query_condition(user or frappe.session.user, doctype)
	return RawCriterion(condition) if condition else None


def within_scope(table, doctype: str, f: ReportFilters, user: str | None = None) -> list[Term]:
	"""The procedure, service-area and root-cause filters and the reader's permissions, as criteria on ``table``.

	The root cause is the complaint's: a record of a case (an Ombudsman enquiry) is kept when its complaint has it.
	"""
	where = []
	if f.procedures:
		where.append(table.procedure.isin(f.procedures))
	if f.service_area:
		where.append(table.service_area.isin(subtree(f.service_area)))
	if f.root_cause:
		where.append(
			table.root_cause == f.root_cause
			if doctype == "Complaint"
			else table.complaint.isin(with_root_cause(f.root_cause))
		)
	reach = permitted(doctype, user)
	return where if reach is None else [*where, reach]


def counted(complaint) -> Term:
	"""The complaints statistics count at all: not service requests, not duplicates merged into another."""
	return (complaint.is_service_request == 0) & (complaint.status != MERGED)


def between(column: Term, period: Period) -> Term:
	"""``column`` (a date or datetime) falls on a day of ``period``; sargable for an index."""
	return (column >= period.start) & (column < next_day(period.end))


class Cohort:
	"""Complaints whose stage ``filters.stage_number`` was received in ``period``.

	``self.complaint`` and ``self.stage`` are the two tables (the stage is left-joined, so
	a stage-1 cohort keeps complaints ruled out of remit at intake, which have no stage);
	``self.outcome`` is the outcome at the period's end, as ``definitions`` words it.
	"""

	def __init__(
		self,
		filters: ReportFilters,
		period: Period | None = None,
		user: str | None = None,
		responded: bool = False,
	):
		self.filters = filters
		self.period = period or filters.period
		self.complaint, self.stage = DocType("Complaint"), DocType("Complaint Stage")
		self.outcome = outcome_at(self.complaint, self.stage, filters.stage_number, self.period.end)
		self.where = self._criterion(user, responded)

	def _criterion(self, user: str | None, responded: bool) -> Term:
		"""Received in the period; or, with ``responded``, formally responded to in it."""
		c, s, f = self.complaint, self.stage, self.filters
		if responded:
			where = between(s.responded_on, self.period) & s.outcome.isin(FINDINGS)
		else:
			received = s.event_at if f.stage_number > 1 else c.received_at
			where = between(received, self.period)
		where &= counted(c)
		if f.stage_number > 1 or responded:
			where &= s.name.isnotnull()
		return Criterion.all([where, *within_scope(c, "Complaint", f, user)])

	def query(self):
		c, s = self.complaint, self.stage
		return (
			frappe.qb.from_(c)
			.left_join(s)
			.on((s.complaint == c.name) & (s.stage_number == self.filters.stage_number))
			.where(self.where)
		)

	def narrow(self, criterion: Term) -> Cohort:
		"""Keep only the cases that also meet ``criterion``."""
		self.where &= criterion
		return self

	def counts(self, *terms: Term, query=None) -> dict[tuple, int]:
		"""Number of cases for each combination of ``terms`` (one GROUP BY query).

		``query`` is ``self.query()`` with more tables joined, when a term needs them.
		"""
		named = [t.as_(f"k{i}") for i, t in enumerate(terms)]
		query = self.query() if query is None else query
		rows = query.select(*named, Count("*").as_("n")).groupby(*named).run()
		return {tuple(row[:-1]): row[-1] for row in rows}

	def paused_at_end(self) -> Term:
		"""1 when the stage is on hold on the period's last day, else 0."""
		p = DocType("Complaint Stage Pause")
		end = self.period.end
		paused = (
			frappe.qb.from_(p)
			.select(p.name)
			.where(
				(p.parent == self.stage.name)
				& (p.parenttype == "Complaint Stage")
				& (p.from_date <= end)
				& (p.to_date.isnull() | (p.to_date > end))
			)
		)
		return Case().when(ExistsCriterion(paused), 1).else_(0)


def outcome_at(complaint, stage, stage_number: int, end: date) -> Term:
	"""The stage's outcome on ``end``: its response, the case's closure at or before it, or open."""
	answered = stage.responded_on.isnotnull() & (stage.responded_on <= end) & (stage.outcome != "")
	closed_here = (
		complaint.final_outcome.isin(CLOSING_OUTCOMES)
		& (complaint.closed_on <= end)
		& (complaint.current_stage_number <= stage_number)
	)
	ruled_out_at_intake = (complaint.out_of_remit == 1) & stage.name.isnull()
	return (
		Case()
		.when(answered, stage.outcome)
		.when(ruled_out_at_intake, OUT_OF_REMIT)
		.when(closed_here, complaint.final_outcome)
		.else_(REMAINS_OPEN)
	)
