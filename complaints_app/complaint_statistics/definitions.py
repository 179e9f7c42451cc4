"""What the published complaint statistics mean, defined once, in plain Python.

Nothing here imports frappe. The reports run one aggregate query each and hand the
grouped counts to these functions, which shape them into the tables councils publish
(seed 003, Derbyshire's annual report, is the model). The README's "Definitions"
section says the same in words; ``tests/test_statistics.py`` checks it without a site.

The words, as every report uses them
-------------------------------------
* **Period.** From *From date* to *To date*, both included. The default is the
  financial year, 1 April to 31 March. The previous period is the same dates one
  year earlier.
* **Received.** A stage is received on the day its case reached it: stage 1 on the
  complaint's receipt, a later stage on the escalation request. A complaint received
  before the period but answered within it is not received in the period. Service
  requests are not complaints and are never counted, and neither is a duplicate merged
  into another complaint (status **Merged**): the complaint it was merged into is the one
  counted, once.
* **Outcome at To date.** The stage's outcome if its response is dated on or before
  *To date*; the case's closing outcome (withdrawn, refused, out of remit) if it was
  closed by then while at this stage or before it; otherwise **Remains open**.
  Refused complaints are shown under *Out of remit*.
* **Formally responded to.** The outcome at *To date* is a finding: upheld, partially
  upheld or not upheld. Withdrawn, informally resolved and out-of-remit cases are
  not formal responses.
* **Within timescale.** A formal response dated on or before the stage's due date
  with agreed extensions (``in_time_extended``). *Within the original target*
  ignores extensions. Pauses are respected by both.
* **Upheld rate.** Upheld (only fully upheld) as a share of those formally
  responded to.
* **Percentages** are whole numbers, rounded half up (58.8% shows as 59%); a share
  of nothing is shown as a dash, not 0%.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields
from datetime import date, timedelta

from complaints_app.vocabulary import (
	FINDINGS,
	NOT_UPHELD,
	OUT_OF_REMIT,
	PARTIALLY_UPHELD,
	REFUSED,
	RESOLVED_INFORMALLY,
	UPHELD,
	WITHDRAWN,
)

REMAINS_OPEN = "Remains open"
# The status of a duplicate merged into another complaint: never counted as received.
MERGED = "Merged"
# Rows of "Complaints by Theme and Outcome", in the published order.
OUTCOME_ROWS = (
	UPHELD,
	PARTIALLY_UPHELD,
	NOT_UPHELD,
	WITHDRAWN,
	RESOLVED_INFORMALLY,
	OUT_OF_REMIT,
	REMAINS_OPEN,
)
NOT_RECORDED = "Not recorded"
FINANCIAL_YEAR_START_MONTH = 4


class PeriodError(ValueError):
	"""A reporting period that ends before it starts."""


@dataclass(frozen=True)
class Period:
	start: date
	end: date

	def __post_init__(self) -> None:
		if self.end < self.start:
			raise PeriodError(
				f"The period ends ({self.end.isoformat()}) before it starts ({self.start.isoformat()})."
			)

	def previous(self) -> Period:
		"""The same dates one year earlier (29 February becomes the 28th)."""
		return Period(year_earlier(self.start), year_earlier(self.end))

	@property
	def label(self) -> str:
		"""``2020/21`` for a financial year, otherwise ``1 Jan 2026 to 30 Jun 2026``."""
		if self == financial_year(self.start):
			return f"{self.start.year}/{str(self.end.year)[-2:]}"
		return f"{self.start.day} {self.start:%b %Y} to {self.end.day} {self.end:%b %Y}"

	def months(self) -> list[tuple[int, int]]:
		"""Every (year, month) the period touches, in order."""
		out, (y, m) = [], (self.start.year, self.start.month)
		while (y, m) <= (self.end.year, self.end.month):
			out.append((y, m))
			y, m = (y + 1, 1) if m == 12 else (y, m + 1)
		return out


def year_earlier(d: date) -> date:
	"""The same day a year earlier; a month's last day maps to that month's last day.

	So 29 February 2024 becomes 28 February 2023, and 28 February 2025, the last day of its
	month, becomes 29 February 2024: a period ending with February keeps all of February.
	"""
	if next_day(d).month != d.month:
		return (
			date(d.year - 1, d.month + 1, 1) - timedelta(days=1) if d.month < 12 else date(d.year - 1, 12, 31)
		)
	return d.replace(year=d.year - 1)


def financial_year(day: date) -> Period:
	"""The financial year (1 April to 31 March) that contains ``day``."""
	first = day.year if day.month >= FINANCIAL_YEAR_START_MONTH else day.year - 1
	return Period(date(first, 4, 1), date(first + 1, 3, 31))


def next_day(d: date) -> date:
	return d + timedelta(days=1)


# -- arithmetic shared by every table ------------------------------------------------


def percent(part: int, whole: int) -> int | None:
	"""A whole-number percentage, rounded half up; None when ``whole`` is 0."""
	if not whole:
		return None
	return (200 * part + whole) // (2 * whole)


def share(part: int, whole: int) -> float | None:
	"""An unrounded percentage, for a chart or a change in percentage points."""
	return 100.0 * part / whole if whole else None


def show_percent(value: float | int | None) -> str:
	return "-" if value is None else f"{round_half_up(value)}%"


def round_half_up(value: float) -> int:
	return int(value + 0.5) if value >= 0 else -int(-value + 0.5)


def count_and_percent(part: int, whole: int) -> str:
	"""The published cell: ``20 (59%)``; ``0`` alone when there is nothing to take a share of."""
	p = percent(part, whole)
	return f"{part}" if p is None else f"{part} ({p}%)"


def change(current: float | None, previous: float | None) -> float | None:
	"""current minus previous (percentage points for shares), None when either is missing."""
	if current is None or previous is None:
		return None
	return round(current - previous, 1)


def median(values: Iterable[int]) -> float | None:
	values = list(values)
	return float(statistics.median(values)) if values else None


def mean(values: Iterable[int]) -> float | None:
	values = list(values)
	return round(statistics.fmean(values), 1) if values else None


def outcome_row(outcome: str | None) -> str:
	"""The published row an outcome at To date falls in."""
	if not outcome or outcome == REMAINS_OPEN:
		return REMAINS_OPEN
	return OUT_OF_REMIT if outcome == REFUSED else outcome


# -- Complaints by Theme and Outcome -----------------------------------------------


def theme_outcome_table(counts: Mapping[tuple[str | None, str], int], themes: Iterable[str]) -> dict:
	"""``{outcome row: {theme: n}}`` for every published row and theme, zeros included.

	``counts`` maps (theme, outcome at To date) to a number of complaints. A theme
	outside ``themes`` (a disabled one with cases) is added; no theme is "Not recorded".
	"""
	columns = list(themes)
	for theme, _ in counts:
		name = theme or NOT_RECORDED
		if name not in columns:
			columns.append(name)
	table = {row: dict.fromkeys(columns, 0) for row in OUTCOME_ROWS}
	for (theme, outcome), n in counts.items():
		table[outcome_row(outcome)][theme or NOT_RECORDED] += n
	return table


def outcome_totals(counts: Mapping[tuple, int], outcome_at: int = -1) -> dict[str, int]:
	"""Complaints per published outcome row, whatever the other keys are."""
	totals = dict.fromkeys(OUTCOME_ROWS, 0)
	for key, n in counts.items():
		totals[outcome_row(key[outcome_at])] += n
	return totals


# -- Complaints by Service Area ----------------------------------------------------


@dataclass
class AreaFigures:
	"""The five published figures of one service area (or of several added up)."""

	received: int = 0
	responded: int = 0
	in_time: int = 0
	upheld: int = 0
	remained_open: int = 0

	def count(self, outcome: str | None, in_time: bool, n: int = 1) -> None:
		row = outcome_row(outcome)
		self.received += n
		if row in FINDINGS:
			self.responded += n
			self.in_time += n if in_time else 0
			self.upheld += n if row == UPHELD else 0
		elif row == REMAINS_OPEN:
			self.remained_open += n

	def __add__(self, other: AreaFigures) -> AreaFigures:
		return AreaFigures(*(getattr(self, f.name) + getattr(other, f.name) for f in fields(self)))

	@property
	def cells(self) -> dict[str, str]:
		"""The published column of this area, as Derbyshire prints it."""
		return {
			"received": str(self.received),
			"responded": count_and_percent(self.responded, self.received),
			"in_time": count_and_percent(self.in_time, self.responded),
			"upheld": count_and_percent(self.upheld, self.responded),
			"remained_open": str(self.remained_open),
		}

	@property
	def numbers(self) -> dict[str, int | None]:
		"""The same figures as numbers, for the transposed table and charts."""
		return {
			"received": self.received,
			"responded": self.responded,
			"responded_pct": percent(self.responded, self.received),
			"in_time": self.in_time,
			"in_time_pct": percent(self.in_time, self.responded),
			"upheld": self.upheld,
			"upheld_pct": percent(self.upheld, self.responded),
			"remained_open": self.remained_open,
		}


AREA_MEASURES = (
	("received", "Number received"),
	("responded", "Formally responded to"),
	("in_time", "Responded to within timescale"),
	("upheld", "Complaint upheld"),
	("remained_open", "Remained open at the end of the period"),
)


def area_figures(
	counts: Mapping[tuple[str | None, str, int], int], column_of: Mapping[str | None, str]
) -> dict[str, AreaFigures]:
	"""Roll (area, outcome at To date, in time) counts up into the report's columns.

	``column_of`` maps each stored service area to the column it is shown under (the
	area itself, or its ancestor at the chosen level); areas it lacks are left out.
	"""
	out: dict[str, AreaFigures] = {}
	for (area, outcome, in_time), n in counts.items():
		column = column_of.get(area)
		if column is None:
			continue
		out.setdefault(column, AreaFigures()).count(outcome, bool(in_time), n)
	return out


# -- Complaints by Root Cause ---------------------------------------------------------


@dataclass
class RootCauseFigures:
	"""One root cause: complaints and points of complaint received in the period and the previous one."""

	complaints: int = 0
	previous_complaints: int = 0
	points: int = 0
	previous_points: int = 0


def root_cause_table(
	complaints: Mapping[str | None, int],
	previous_complaints: Mapping[str | None, int],
	points: Mapping[str | None, int],
	previous_points: Mapping[str | None, int],
	root_causes: Iterable[str],
) -> dict[str, RootCauseFigures]:
	"""``{root cause: figures}`` for every root cause listed, then any other with a count, then Not recorded.

	Each mapping counts complaints (or points of complaint) by root cause; ``None`` is no root
	cause recorded. The listed root causes (the enabled ones) keep their rows when empty; a
	disabled one appears only while it has cases; "Not recorded" only when something is.
	"""
	counts = (complaints, previous_complaints, points, previous_points)
	names = list(root_causes)
	for mapping in counts:
		names += sorted(n for n in mapping if n and n not in names)
	table = {name: RootCauseFigures() for name in names}
	if any(mapping.get(None) for mapping in counts):
		table[NOT_RECORDED] = RootCauseFigures()
	for attribute, mapping in zip(
		("complaints", "previous_complaints", "points", "previous_points"), counts, strict=True
	):
		for name, n in mapping.items():
			figures = table[name or NOT_RECORDED]
			setattr(figures, attribute, getattr(figures, attribute) + n)
	return table


# -- Stage 2 Summary -----------------------------------------------------------------

STAGE_SUMMARY_COLUMNS = (
	("received", "Received"),
	("on_hold", "On hold"),
	("refused", "Refused"),
	("withdrawn", "Withdrawn"),
	("mediation", "Resolved by mediation"),
	("investigated", "Total investigated"),
	("upheld", "Upheld"),
	("partially_upheld", "Partially upheld"),
	("not_upheld", "Not upheld"),
	("open", "Open at time of report"),
)
_SUMMARY_KEY = {
	UPHELD: "upheld",
	PARTIALLY_UPHELD: "partially_upheld",
	NOT_UPHELD: "not_upheld",
	WITHDRAWN: "withdrawn",
	RESOLVED_INFORMALLY: "mediation",
	OUT_OF_REMIT: "refused",
}


def stage_summary(counts: Mapping[tuple[str, int], int]) -> dict[str, int]:
	"""Requests for a stage split as seed 003 splits them; the parts add up to *Received*.

	``counts`` maps (outcome at To date, on hold at To date) to a number of requests.
	*Total investigated* is the findings plus those still being investigated (open and
	not on hold); *Open at time of report* is the latter.
	"""
	row = dict.fromkeys((key for key, _ in STAGE_SUMMARY_COLUMNS), 0)
	for (outcome, on_hold), n in counts.items():
		key = outcome_row(outcome)
		row["received"] += n
		if key == REMAINS_OPEN:
			row["on_hold" if on_hold else "open"] += n
		else:
			row[_SUMMARY_KEY[key]] += n
	row["investigated"] = row["upheld"] + row["partially_upheld"] + row["not_upheld"] + row["open"]
	return row


# -- Complaint Timeliness -------------------------------------------------------------


@dataclass
class StageTiming:
	"""One stage received in the period, as the timeliness figures need it."""

	formally_responded: bool
	acknowledgement_due: bool
	acknowledged_in_time: bool
	in_time_original: bool = False
	in_time_extended: bool = False
	working_days: int | None = None
	calendar_days: int | None = None


@dataclass(frozen=True)
class Thresholds:
	first_working_days: int = 10
	second_working_days: int = 20
	calendar_days: int = 28


@dataclass
class Escalations:
	"""Of the stage n responses in a period, how many went on to stage n+1."""

	responded: int = 0
	escalated: int = 0

	@property
	def rate(self) -> float | None:
		return share(self.escalated, self.responded)


@dataclass
class Timeliness:
	stages: list[StageTiming] = field(default_factory=list)
	escalations: dict[int, Escalations] = field(default_factory=dict)

	def figures(self, thresholds: Thresholds) -> list[tuple[str, str, float | None]]:
		"""(label, unit, value) rows: unit "%" for shares, "days" for medians and means."""
		acks = [s for s in self.stages if s.acknowledgement_due]
		answered = [s for s in self.stages if s.formally_responded]
		days = [s.working_days for s in answered if s.working_days is not None]

		def within(test) -> float | None:
			return share(sum(1 for s in answered if test(s)), len(answered))

		rows = [
			(
				"Acknowledged within timescale",
				"%",
				share(sum(s.acknowledged_in_time for s in acks), len(acks)),
			),
			("Formally responded to", "n", float(len(answered))),
			("Responded within the original target", "%", within(lambda s: s.in_time_original)),
			("Responded within the extended target", "%", within(lambda s: s.in_time_extended)),
			*(
				(
					f"Responded within {limit} working days",
					"%",
					within(lambda s, limit=limit: s.working_days is not None and s.working_days <= limit),
				)
				for limit in (thresholds.first_working_days, thresholds.second_working_days)
			),
			(
				f"Responded within {thresholds.calendar_days} calendar days",
				"%",
				within(lambda s: s.calendar_days is not None and s.calendar_days <= thresholds.calendar_days),
			),
			("Median working days to respond", "days", median(days)),
			("Mean working days to respond", "days", mean(days)),
		]
		for n, esc in sorted(self.escalations.items()):
			rows.append((f"Escalation rate, stage {n} to stage {n + 1}", "%", esc.rate))
		return rows


def compare(
	current: list[tuple[str, str, float | None]], previous: list[tuple[str, str, float | None]]
) -> list[dict]:
	"""Rows of this period beside the previous one, with the change (points for shares)."""
	before = {label: value for label, _, value in previous}
	return [
		{
			"measure": label,
			"unit": unit,
			"current": value,
			"previous": before.get(label),
			"change": change(value, before.get(label)),
		}
		for label, unit, value in current
	]


# -- Ombudsman Enquiries -------------------------------------------------------------

PREMATURE = "Premature referral"
CLOSED_EARLY = ("Closed after initial enquiries", "Out of jurisdiction")
UPHELD_PREFIX = "Upheld"
REMEDIED = "Upheld: no further action (council already remedied)"
COMPLIED = ("Complied", "Complied late")
COMPLIANCE_KNOWN = (*COMPLIED, "Not complied")


@dataclass
class OmbudsmanFigures:
	"""Enquiries received in a period, and the Ombudsman's decisions made in it.

	As the Ombudsman's annual letter counts them: the decisions of a year are those dated in
	it, whenever the enquiry arrived, so the upheld rate is of the investigations decided.
	"""

	received: int = 0
	premature: int = 0
	closed_early: int = 0
	detailed: int = 0
	upheld: int = 0
	remedied: int = 0
	complied: int = 0
	compliance_known: int = 0

	def count(self, enquiry_type: str, decision: str | None, complied: str | None, n: int = 1) -> None:
		"""Add ``n`` enquiries decided in the period with this type, decision and compliance."""
		decision = decision or ""
		self.premature += n if decision == PREMATURE else 0
		self.closed_early += n if decision in CLOSED_EARLY else 0
		self.detailed += n if enquiry_type == "Detailed investigation" else 0
		if decision.startswith(UPHELD_PREFIX):
			self.upheld += n
			self.remedied += n if decision == REMEDIED else 0
		self.complied += n if complied in COMPLIED else 0
		self.compliance_known += n if complied in COMPLIANCE_KNOWN else 0

	@property
	def rows(self) -> list[tuple[str, str, str, float | None]]:
		"""(key, label, unit, value); the keys match the Ombudsman Annual Letter's fields."""
		return [
			("received", "Enquiries received", "n", self.received),
			("premature", "Premature referrals", "n", self.premature),
			("closed_early", "Closed after initial enquiries or out of jurisdiction", "n", self.closed_early),
			("detailed", "Detailed investigations decided", "n", self.detailed),
			("upheld", "Upheld", "n", self.upheld),
			("upheld_rate", "Upheld (% of detailed investigations)", "%", share(self.upheld, self.detailed)),
			(
				"compliance_rate",
				"Compliance with recommendations",
				"%",
				share(self.complied, self.compliance_known),
			),
			(
				"remedy_rate",
				"Satisfactory remedy provided by the council (% of upheld)",
				"%",
				share(self.remedied, self.upheld),
			),
		]


# -- Tenant Satisfaction Measures (Regulator of Social Housing) ---------------------


def per_thousand(count: int, homes: int) -> float | None:
	"""CH01: complaints per 1,000 homes, to one decimal place."""
	return round(1000.0 * count / homes, 1) if homes else None
