"""What the compliment and member enquiry reports count, shaped in plain Python (no frappe import).

Each report runs one aggregate query per period and hands the grouped counts here. The words
are the complaint statistics' own (``complaint_statistics.definitions``): the period and the
previous period (the same dates a year earlier), percentages as whole numbers rounded half up,
a share of nothing as a dash.

* **Compliments received**: compliments whose *received on* date falls in the period, by the
  month they came and the service area they are about.
* **Member enquiries received**: enquiries whose *received on* date falls in the period.
  **Responded to** means a response dated on or before *To date*. **Within target** means
  that response came on or before the due date in force (an agreed date or an extension
  included); **within the original target** ignores both. Each share is of the enquiries
  received, as seed 003 prints it ("19 of the 73 statutory representations (26%)").
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields

from complaints_app.complaint_statistics.definitions import (
	NOT_RECORDED,
	count_and_percent,
	percent,
	round_half_up,
	share,
)

CATEGORIES = ("Statutory", "Corporate")
ALL = "All"


def month_key(year: int, month: int) -> str:
	return f"{year:04d}-{month:02d}"


# -- compliments -----------------------------------------------------------------------------


def by_column(
	counts: Mapping[tuple[str, str | None], int], column_of: Mapping[str | None, str]
) -> dict[tuple[str, str], int]:
	"""(month, stored area) counts rolled up into (month, report column); areas outside ``column_of`` drop out."""
	out: dict[tuple[str, str], int] = {}
	for (month, area), n in counts.items():
		column = column_of.get(area)
		if column is not None:
			out[(month, column)] = out.get((month, column), 0) + n
	return out


@dataclass
class MonthRow:
	"""One month of the compliments table: per column, the total, and the same month a year earlier."""

	year: int
	month: int
	cells: dict[str, int]
	total: int
	previous_total: int


def compliment_months(
	months: Iterable[tuple[int, int]],
	columns: list[str],
	current: Mapping[tuple[str, str], int],
	previous: Mapping[tuple[str, str], int],
) -> list[MonthRow]:
	"""Every month of the period, zeros included, beside the same month of the year before."""
	rows = []
	for year, month in months:
		key, before = month_key(year, month), month_key(year - 1, month)
		cells = {c: current.get((key, c), 0) for c in columns}
		rows.append(
			MonthRow(
				year,
				month,
				cells,
				sum(n for (m, _c), n in current.items() if m == key),
				sum(n for (m, _c), n in previous.items() if m == before),
			)
		)
	return rows


def column_totals(counts: Mapping[tuple[str, str], int], columns: list[str]) -> dict[str, int]:
	return {c: sum(n for (_m, col), n in counts.items() if col == c) for c in columns}


def show_rise(current: int, previous: int) -> str:
	"""The rise (or fall) on the previous period as seed 003 words it ("a 144% increase"): +144%, -27%, or a dash."""
	rise = share(current - previous, previous)
	if rise is None:
		return "-"
	return f"{'+' if rise > 0 else ''}{round_half_up(rise)}%"


# -- member enquiries ------------------------------------------------------------------------


@dataclass
class EnquiryFigures:
	"""The published figures of the enquiries of one category (or all), for one period."""

	received: int = 0
	responded: int = 0
	within_target: int = 0
	within_original: int = 0

	def count(self, responded: bool, within_target: bool, within_original: bool, n: int = 1) -> None:
		self.received += n
		if responded:
			self.responded += n
			self.within_target += n if within_target else 0
			self.within_original += n if within_original else 0

	def __add__(self, other: EnquiryFigures) -> EnquiryFigures:
		return EnquiryFigures(*(getattr(self, f.name) + getattr(other, f.name) for f in fields(self)))

	@property
	def cells(self) -> dict[str, str]:
		"""Each figure as printed: the number received, the others with their share of it."""
		return {
			"received": str(self.received),
			"responded": count_and_percent(self.responded, self.received),
			"within_target": count_and_percent(self.within_target, self.received),
			"within_original": count_and_percent(self.within_original, self.received),
		}

	@property
	def within_target_percent(self) -> int | None:
		return percent(self.within_target, self.received)


ENQUIRY_MEASURES = (
	("received", "Received"),
	("responded", "Responded to"),
	("within_target", "Responded within target (agreed dates included)"),
	("within_original", "Responded within the original target"),
)


def enquiry_figures(counts: Mapping[tuple[str | None, int, int, int], int]) -> dict[str, EnquiryFigures]:
	"""(category, responded, within target, within original target) -> n, as figures per category and All."""
	out = {c: EnquiryFigures() for c in CATEGORIES}
	for (category, responded, within_target, within_original), n in counts.items():
		out.setdefault(category or NOT_RECORDED, EnquiryFigures()).count(
			bool(responded), bool(within_target), bool(within_original), n
		)
	out[ALL] = sum(out.values(), EnquiryFigures())
	return out
