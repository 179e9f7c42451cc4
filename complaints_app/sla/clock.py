"""Stage clocks: when a complaint stage is due, and how it stands on a given day.

The rules every council statute and the LGSCO Code share
-----------------------------------------------------------
* **Start.** A clock starts on an event (receipt, acknowledgement, escalation
  request, agreement of the statement of complaint). If that event happens on
  a non-working day, or on a working day after the configured cut-off time,
  the clock starts on the next working day instead. The start day is *day 0*.
* **Target.** "10 working days" means the response is due on the 10th working
  day after day 0. "28 calendar days" means day 0 plus 28 days.
* **Pause.** A pause (on hold) covers the days from its ``start`` up to the day
  *before* its ``end``: the day it is taken off hold counts again. Paused days
  do not count towards the target, so a pause of k working days inside the
  clock moves the due date by exactly k working days. A pause with no end is
  open: the clock is stopped now, and the due date is unknown until it ends.
* **Extension.** An extension adds days (of the target's unit) after the
  original target. It is agreed with the complainant, recorded with a reason,
  who agreed it and when, and all extensions together are capped by the
  procedure (for example 10 more for a children's stage 1, 40 more for a
  children's stage 2).
* **Timeliness.** Reports need both: was the response in time against the
  original target (pauses respected, extensions ignored), and against the
  extended one.

Worked example (England, Christmas 2025)
----------------------------------------
A stage 1 complaint is received on Friday 19 December 2025, before the cut-off:
day 0 is 19 December. Not working: 20-21 Dec (weekend), 25 Dec (Christmas Day),
26 Dec (Boxing Day), 27-28 Dec (weekend), 1 Jan 2026 (New Year's Day), 3-4 Jan
(weekend). Working days after day 0: 22, 23, 24, 29, 30, 31 Dec, 2, 5, 6, 7
Jan, so **10 working days are due on Wednesday 7 January 2026**. If the council
also closes on 29-31 December, the due date is Monday 12 January 2026.

Statuses
--------
On a given day a running clock is ``on track``, ``due soon`` (at most
``due_soon_days`` counting days left), ``due today``, ``overdue`` (with the
number of days past due, in the target's unit) or ``paused``. Once responded
it is ``met`` or ``met late`` (against the current, extended due date).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import Enum
from itertools import pairwise

from complaints_app.sla.calendar import WorkingCalendar
from complaints_app.sla.errors import (
	ExtensionCapError,
	InvalidExtensionError,
	InvalidTargetError,
	OverlappingPausesError,
	PauseOrderError,
	ResponseBeforeStartError,
)


class DayUnit(str, Enum):
	WORKING = "Working days"
	CALENDAR = "Calendar days"

	@classmethod
	def parse(cls, value: str | DayUnit) -> DayUnit:
		if isinstance(value, DayUnit):
			return value
		key = str(value or "").strip().lower()
		for unit in cls:
			if key in (unit.value.lower(), unit.name.lower(), unit.value.lower().split()[0]):
				return unit
		raise InvalidTargetError(f"Unknown day unit {value!r}: use 'Working days' or 'Calendar days'.")


@dataclass(frozen=True)
class Target:
	"""A timescale: ``days`` working or calendar days after day 0."""

	days: int
	unit: DayUnit = DayUnit.WORKING

	def __post_init__(self) -> None:
		object.__setattr__(self, "unit", DayUnit.parse(self.unit))
		if isinstance(self.days, bool) or not isinstance(self.days, int) or self.days < 0:
			raise InvalidTargetError(
				f"A target needs a whole number of days, zero or more, not {self.days!r}."
			)

	def __str__(self) -> str:
		return f"{self.days} {self.unit.value.lower()}"


@dataclass(frozen=True)
class Extension:
	"""Extra days agreed with the complainant."""

	days: int
	reason: str = ""
	agreed_by: str = ""
	agreed_on: date | None = None

	def __post_init__(self) -> None:
		if isinstance(self.days, bool) or not isinstance(self.days, int) or self.days <= 0:
			raise InvalidExtensionError(
				f"An extension needs a positive whole number of days, not {self.days!r}."
			)


@dataclass(frozen=True)
class Pause:
	"""On hold from ``start`` until ``end`` (the day the clock runs again); ``end=None`` is still on hold."""

	start: date
	end: date | None = None
	reason: str = ""

	def __post_init__(self) -> None:
		if self.end is not None and self.end < self.start:
			raise PauseOrderError(
				f"A pause cannot end ({self.end.isoformat()}) before it starts ({self.start.isoformat()})."
			)

	def covers(self, d: date) -> bool:
		return self.start <= d and (self.end is None or d < self.end)


class Status(str, Enum):
	ON_TRACK = "On track"
	DUE_SOON = "Due soon"
	DUE_TODAY = "Due today"
	OVERDUE = "Overdue"
	PAUSED = "Paused"
	MET = "Met"
	MET_LATE = "Met late"


@dataclass(frozen=True)
class ClockPolicy:
	"""Settings a council chooses once (Complaints Settings)."""

	due_soon_days: int = 2
	cutoff: time | None = None


DEFAULT_POLICY = ClockPolicy()


@dataclass(frozen=True)
class ClockState:
	"""How a clock stands on one day."""

	on: date
	status: Status
	due: date | None
	elapsed: int
	remaining: int | None
	days_overdue: int = 0


def validate_pauses(pauses: Iterable[Pause]) -> tuple[Pause, ...]:
	"""Pauses sorted by start; refuses overlaps and anything after an open pause."""
	ordered = tuple(pauses)
	if len(ordered) < 2:
		return ordered
	ordered = tuple(sorted(ordered, key=lambda p: p.start))
	for before, after in pairwise(ordered):
		if before.end is None:
			raise OverlappingPausesError(
				f"The pause from {before.start.isoformat()} is still open, so no pause can start "
				f"after it ({after.start.isoformat()}): end it first."
			)
		if after.start < before.end:
			raise OverlappingPausesError(
				f"The pause from {after.start.isoformat()} overlaps the one from {before.start.isoformat()} "
				f"to {before.end.isoformat()}."
			)
	return ordered


def validate_extensions(extensions: Iterable[Extension], cap: int | None) -> tuple[Extension, ...]:
	"""Extensions as a tuple; refuses a total past ``cap`` (None means no cap)."""
	extensions = tuple(extensions)
	if cap is None or not extensions:
		return extensions
	total = sum(e.days for e in extensions)
	if total > cap:
		raise ExtensionCapError(f"Extensions total {total} days, more than the {cap} days this stage allows.")
	return extensions


class StageClock:
	"""The clock of one complaint stage. Build it, then ask it questions; it never changes.

	``original_due`` is the target with pauses respected and extensions ignored;
	``due`` adds the extensions. Both are None while an open pause blocks them.
	"""

	__slots__ = (
		"_original_due",
		"_working",
		"calendar",
		"due",
		"extensions",
		"max_extension_days",
		"pauses",
		"policy",
		"responded_on",
		"start_day",
		"started_at",
		"target",
	)

	def __init__(
		self,
		calendar: WorkingCalendar,
		started_at: datetime | date,
		target: Target,
		extensions: Sequence[Extension] = (),
		pauses: Sequence[Pause] = (),
		max_extension_days: int | None = None,
		responded_on: date | None = None,
		policy: ClockPolicy = DEFAULT_POLICY,
	) -> None:
		self.calendar = calendar
		self.started_at = started_at
		self.target = target
		self.pauses = validate_pauses(pauses)
		self.extensions = validate_extensions(extensions, max_extension_days)
		self.max_extension_days = max_extension_days
		self.responded_on = responded_on
		self.policy = policy
		self._working = target.unit is DayUnit.WORKING
		self.start_day = start_day_for(calendar, started_at, policy.cutoff)
		received = started_at.date() if isinstance(started_at, datetime) else started_at
		if responded_on is not None and responded_on < received:
			raise ResponseBeforeStartError(
				f"The response ({responded_on.isoformat()}) is dated before the clock started "
				f"({received.isoformat()})."
			)
		self.due = self._due_after(target.days + self.extension_days)
		self._original_due: date | None | bool = False  # computed on first use

	def __repr__(self) -> str:
		return f"StageClock({self.target} from {self.start_day.isoformat()}, due {self.due})"

	@property
	def original_due(self) -> date | None:
		if self._original_due is False:
			self._original_due = self._due_after(self.target.days) if self.extensions else self.due
		return self._original_due

	@property
	def extension_days(self) -> int:
		return sum(e.days for e in self.extensions)

	# -- counting --------------------------------------------------------------

	def _count(self, a: date, b: date) -> int:
		"""Days of the target's unit in (a, b], ignoring pauses."""
		return count_days(self.calendar, a, b, self._working)

	def _add(self, d: date, n: int) -> date:
		return self.calendar.add_working_days(d, n) if self._working else d + timedelta(days=n)

	def _due_after(self, n: int) -> date | None:
		"""The day on which n counting (unpaused) days have passed since day 0; None while an open pause blocks it."""
		cursor, remaining = self.start_day, n
		for pause in self.pauses:
			available = self._count(cursor, pause.start - timedelta(days=1))
			if available >= remaining:
				break
			remaining -= available
			if pause.end is None:
				return None
			cursor = max(cursor, pause.end - timedelta(days=1))
		return self._add(cursor, remaining)

	def elapsed(self, on: date) -> int:
		"""Counting days used from day 0 to ``on`` (paused days excluded)."""
		return elapsed_days(self.calendar, self.start_day, on, self.pauses, self._working)

	def paused_on(self, d: date) -> bool:
		return any(p.covers(d) for p in self.pauses)

	# -- answers ---------------------------------------------------------------

	def state(self, on: date) -> ClockState:
		"""Status on a day. A response dated after ``on`` is treated as not yet made."""
		total = self.target.days + self.extension_days
		if self.responded_on is not None and self.responded_on <= on:
			used = self.elapsed(self.responded_on)
			met = self.due is not None and self.responded_on <= self.due
			return ClockState(on, Status.MET if met else Status.MET_LATE, self.due, used, total - used)
		used = self.elapsed(on)
		remaining = total - used
		if self.paused_on(on) or self.due is None:
			return ClockState(on, Status.PAUSED, self.due, used, remaining)
		if on > self.due:
			return ClockState(on, Status.OVERDUE, self.due, used, remaining, self._count(self.due, on))
		if on == self.due:
			return ClockState(on, Status.DUE_TODAY, self.due, used, 0)
		status = Status.DUE_SOON if remaining <= self.policy.due_soon_days else Status.ON_TRACK
		return ClockState(on, status, self.due, used, remaining)

	def in_time_original(self) -> bool | None:
		"""Was the response within the original target (pauses respected)? None until responded."""
		return _on_or_before(self.responded_on, self.original_due)

	def in_time_extended(self) -> bool | None:
		"""Was the response within the extended target? None until responded."""
		return _on_or_before(self.responded_on, self.due)


def count_days(calendar: WorkingCalendar, a: date, b: date, working: bool = True) -> int:
	"""Working (or calendar) days in (a, b]: a excluded, b included; 0 when b is not after a."""
	if b <= a:
		return 0
	if working:
		return calendar.working_days_between(a, b)
	return (b - a).days


def elapsed_days(
	calendar: WorkingCalendar, start_day: date, on: date, pauses: Iterable[Pause] = (), working: bool = True
) -> int:
	"""Days counted from day 0 (``start_day``) to ``on``, paused days excluded.

	This is how long a stage took when ``on`` is its response date: the figure behind
	"responded within 20 working days" and the median days to respond.
	"""
	used = count_days(calendar, start_day, on, working)
	for pause in pauses:
		lo = max(start_day, pause.start - timedelta(days=1))
		hi = on if pause.end is None else min(on, pause.end - timedelta(days=1))
		used -= count_days(calendar, lo, hi, working)
	return used


def _on_or_before(responded: date | None, due: date | None) -> bool | None:
	if responded is None:
		return None
	return due is not None and responded <= due


def start_day_for(calendar: WorkingCalendar, event: datetime | date, cutoff: time | None = None) -> date:
	"""Day 0 for an event: its date, or the next working day if it fell on a non-working day or after the cut-off."""
	if isinstance(event, datetime):
		day = event.date()
		if cutoff is not None and event.time() > cutoff:
			return calendar.next_working_day(day)
	else:
		day = event
	return calendar.working_day_on_or_after(day)
