"""Working-day calendars for the four UK nations.

A *working day* is any day except Saturday, Sunday, a bank holiday of the
nation (taken from the ``holidays`` package: GB subdivisions ENG, WLS, SCT and
NIR) or a council closure day. An administrator may also force a date back to
being a working day (for example a council that opens on Easter Monday); such
a date is a working day whatever else is true of it.

Conventions
-----------
``add_working_days(d, n)``
    ``n > 0``: the n-th working day *after* d (d itself never counts).
    ``n < 0``: the |n|-th working day *before* d.
    ``n == 0``: d when it is a working day, otherwise the next working day.
    These match ``holidays``' own ``get_nth_working_day``.

``working_days_between(a, b)``
    The working days you step onto walking from a to b: a is excluded and b is
    included. Forwards (a <= b) that is the interval ``(a, b]``; backwards it is
    ``[b, a)``, negated. So ``working_days_between(d, add_working_days(d, n)) == n``
    for every d and every n != 0 (and for n == 0 when d is a working day), and
    ``add_working_days(a, working_days_between(a, b)) == b`` whenever b is a
    working day.

``next_working_day(d)``
    The first working day strictly after d.

Speed
-----
A calendar is backed by an ordinal index built once for every day from
1 January 1999 to 31 December 2062 (so any year from 2000 to 2060 works, with
a year either side for clocks that run over the edge), with no year range to
set up. Two calendars with the same nation, closure days and forced working
days share one index (a module-level cache), so each lookup is a few list
indexing operations.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import Enum
from functools import lru_cache

import holidays

from complaints_app.sla.errors import CalendarConflictError, DateOutOfRangeError, UnknownNationError

FIRST_YEAR = 1999
LAST_YEAR = 2062
_BASE = date(FIRST_YEAR, 1, 1).toordinal()
_END = date(LAST_YEAR, 12, 31).toordinal()


class Nation(str, Enum):
	"""A UK nation; the value is the ``holidays`` GB subdivision code."""

	ENGLAND = "ENG"
	WALES = "WLS"
	SCOTLAND = "SCT"
	NORTHERN_IRELAND = "NIR"

	@property
	def label(self) -> str:
		return _LABELS[self]

	@classmethod
	def parse(cls, value: str | Nation) -> Nation:
		"""Accept a Nation, a subdivision code ("ENG") or a name ("England")."""
		if isinstance(value, Nation):
			return value
		key = str(value or "").strip().upper().replace("_", " ")
		for nation in cls:
			if key in (nation.value, nation.label.upper(), nation.name.replace("_", " ")):
				return nation
		raise UnknownNationError(
			f"Unknown nation {value!r}: use England, Wales, Scotland or Northern Ireland "
			"(or ENG, WLS, SCT, NIR)."
		)


_LABELS = {
	Nation.ENGLAND: "England",
	Nation.WALES: "Wales",
	Nation.SCOTLAND: "Scotland",
	Nation.NORTHERN_IRELAND: "Northern Ireland",
}


def bank_holidays(nation: Nation | str, years: Iterable[int]) -> holidays.HolidayBase:
	"""The ``holidays`` object for a nation's bank holidays in the given years."""
	return holidays.country_holidays("GB", subdiv=Nation.parse(nation).value, years=list(years))


@dataclass(frozen=True)
class _Index:
	"""Precomputed working-day tables for one (nation, closures, overrides) triple.

	``rank[i]`` is the number of working days on or before day ``_BASE + i``;
	``days[k]`` is the (k+1)-th working day of the range as a ``date``.
	"""

	working: bytes
	rank: list[int]
	days: list[date]
	holiday_names: dict[date, str]


@lru_cache(maxsize=64)
def _build_index(nation: Nation, closures: frozenset[date], openings: frozenset[date]) -> _Index:
	names = dict(bank_holidays(nation, range(FIRST_YEAR, LAST_YEAR + 1)).items())
	size = _END - _BASE + 1
	working = bytearray(size)
	rank = [0] * size
	days: list[date] = []
	count = 0
	for i in range(size):
		day = date.fromordinal(_BASE + i)
		is_working = day in openings or (day.weekday() < 5 and day not in names and day not in closures)
		if is_working:
			working[i] = 1
			days.append(day)
			count += 1
		rank[i] = count
	return _Index(bytes(working), rank, days, names)


def _offset(d: date) -> int:
	i = d.toordinal() - _BASE
	if i < 0 or d.toordinal() > _END:
		raise DateOutOfRangeError(
			f"{d.isoformat()} is outside the years the working calendar covers ({FIRST_YEAR}-{LAST_YEAR})."
		)
	return i


class WorkingCalendar:
	"""Working days for one UK nation, with the council's closure days."""

	__slots__ = ("_index", "closures", "nation", "openings")

	def __init__(
		self,
		nation: Nation | str = Nation.ENGLAND,
		closures: Iterable[date] = (),
		openings: Iterable[date] = (),
	) -> None:
		self.nation = Nation.parse(nation)
		self.closures = frozenset(closures)
		self.openings = frozenset(openings)
		both = sorted(self.closures & self.openings)
		if both:
			raise CalendarConflictError(
				f"{both[0].isoformat()} is listed both as a closure day and as a working day: keep only one."
			)
		for d in self.closures | self.openings:
			_offset(d)
		self._index = _build_index(self.nation, self.closures, self.openings)

	def __repr__(self) -> str:
		return (
			f"WorkingCalendar({self.nation.label}, {len(self.closures)} closure days, "
			f"{len(self.openings)} forced working days)"
		)

	# -- questions about one day ------------------------------------------------

	def is_working_day(self, d: date) -> bool:
		return bool(self._index.working[_offset(d)])

	def non_working_reason(self, d: date) -> str | None:
		"""Why d is not a working day ("Saturday", a bank holiday's name, "Council closure"), or None."""
		if self.is_working_day(d):
			return None
		if d in self.closures:
			return "Council closure"
		if d in self._index.holiday_names:
			return self._index.holiday_names[d]
		return d.strftime("%A")

	# -- arithmetic -----------------------------------------------------------

	def add_working_days(self, d: date, n: int) -> date:
		"""The n-th working day after d (before d when n < 0; d or the next working day when n == 0)."""
		i = d.toordinal() - _BASE
		if i < 0 or i >= len(self._index.rank):
			_offset(d)
		if n > 0:
			k = self._index.rank[i] + n - 1
		elif n < 0:
			k = self._index.rank[i] - self._index.working[i] + n
			if k < 0:
				raise DateOutOfRangeError(
					f"{-n} working days before {d.isoformat()} is before {FIRST_YEAR}, which the calendar does not cover."
				)
		else:
			return d if self._index.working[i] else self._index.days[self._index.rank[i]]
		try:
			return self._index.days[k]
		except IndexError:
			raise DateOutOfRangeError(
				f"{n} working days after {d.isoformat()} is after {LAST_YEAR}, which the calendar does not cover."
			) from None

	def working_days_between(self, a: date, b: date) -> int:
		"""Working days in (a, b]; when b is before a, minus the working days in [b, a)."""
		rank, working = self._index.rank, self._index.working
		i, j = _offset(a), _offset(b)
		if j >= i:
			return rank[j] - rank[i]
		return (rank[j] - working[j]) - (rank[i] - working[i])

	def next_working_day(self, d: date) -> date:
		"""The first working day strictly after d."""
		return self.add_working_days(d, 1)

	def previous_working_day(self, d: date) -> date:
		"""The last working day strictly before d."""
		return self.add_working_days(d, -1)

	def working_day_on_or_after(self, d: date) -> date:
		"""d when it is a working day, otherwise the next one."""
		return d if self.is_working_day(d) else self.next_working_day(d)

	def working_days_in(self, start: date, end: date) -> list[date]:
		"""Every working day from start to end, both included."""
		days = self._index.days
		lo = self._index.rank[_offset(start)] - self._index.working[_offset(start)]
		hi = self._index.rank[_offset(end)]
		return days[lo:hi]
