"""Property tests: the fast calendar and clocks against a naive day-by-day reference on ``holidays``."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from complaints_app.sla import (
	ClockPolicy,
	ClockState,
	DayUnit,
	Extension,
	ExtensionCapError,
	Pause,
	StageClock,
	Status,
	Target,
	WorkingCalendar,
)
from tests.conftest import NaiveCalendar

CLOSURES = tuple(date(y, 12, d) for y in range(2000, 2061) for d in (27, 28, 29, 30, 31))
NATIONS = ("ENG", "WLS", "SCT", "NIR")
FAST = {n: WorkingCalendar(n, closures=CLOSURES) for n in NATIONS}
NAIVE = {n: NaiveCalendar(n, closures=CLOSURES) for n in NATIONS}

dates = st.dates(min_value=date(2000, 1, 1), max_value=date(2060, 12, 31))
nations = st.sampled_from(NATIONS)
settings.register_profile("sla", max_examples=150, deadline=None)
settings.load_profile("sla")


@given(nations, dates, st.integers(min_value=-80, max_value=80))
def test_add_matches_reference(nation, d, n):
	assert FAST[nation].add_working_days(d, n) == NAIVE[nation].add_working_days(d, n)


@given(nations, dates, dates)
def test_between_matches_reference(nation, a, b):
	assert FAST[nation].working_days_between(a, b) == NAIVE[nation].working_days_between(a, b)


@given(nations, dates)
def test_is_working_matches_reference(nation, d):
	assert FAST[nation].is_working_day(d) == NAIVE[nation].is_working_day(d)


@given(nations, dates, st.integers(min_value=-100, max_value=100))
def test_add_inverts_between(nation, d, n):
	cal = FAST[nation]
	assume(n != 0 or cal.is_working_day(d))
	assert cal.working_days_between(d, cal.add_working_days(d, n)) == n


@given(nations, dates, dates)
def test_between_inverts_add_on_working_days(nation, a, b):
	cal = FAST[nation]
	b = cal.working_day_on_or_after(b)
	assert cal.add_working_days(a, cal.working_days_between(a, b)) == b


@given(nations, dates, st.integers(min_value=0, max_value=65))
def test_due_date_is_a_working_day(nation, d, n):
	c = StageClock(FAST[nation], d, Target(n))
	assert FAST[nation].is_working_day(c.due)
	assert NAIVE[nation].is_working_day(c.due)


@given(
	nations,
	dates,
	st.integers(min_value=1, max_value=65),
	st.integers(min_value=1, max_value=65),
	st.integers(min_value=1, max_value=40),
)
def test_pausing_k_working_days_moves_due_by_k(nation, d, n, pause_offset, pause_length):
	cal = FAST[nation]
	plain = StageClock(cal, d, Target(n))
	# A pause that starts inside the running clock (after day 0, on or before the due date).
	start = plain.start_day + timedelta(
		days=1 + (pause_offset - 1) % max(1, (plain.due - plain.start_day).days)
	)
	end = start + timedelta(days=pause_length)
	k = cal.working_days_between(start - timedelta(days=1), end - timedelta(days=1))
	paused = StageClock(cal, d, Target(n), pauses=[Pause(start, end)])
	assert paused.due == cal.add_working_days(plain.due, k)
	assert paused.original_due == paused.due


@given(dates, st.integers(min_value=0, max_value=90), st.integers(min_value=0, max_value=40))
def test_calendar_day_pause_moves_due_by_its_length(d, n, length):
	cal = FAST["ENG"]
	plain = StageClock(cal, d, Target(n, DayUnit.CALENDAR))
	start = plain.start_day + timedelta(days=1)
	paused = StageClock(
		cal, d, Target(n, DayUnit.CALENDAR), pauses=[Pause(start, start + timedelta(days=length))]
	)
	if n >= 1:
		assert paused.due == plain.due + timedelta(days=length)
	else:
		assert paused.due == plain.due


# -- stage clocks against a naive day-by-day reference ----------------------------------------------

ONE_DAY = timedelta(days=1)


class NaiveClock:
	"""A stage clock the slow way: walk day by day from day 0 and tick off the days that count.

	The rules, from the ``complaints_app.sla.clock`` docstring: day 0 is the event's date, or the
	next working day when the event fell on a non-working day or after the cut-off. A day *counts*
	when it is after day 0, is a day of the target's unit (a working day, or any day) and is not
	covered by a pause (``start <= d < end``; an open pause covers every day from its start). The
	due date is the day on which the n-th counting day is reached (day 0 itself for n = 0), and
	unknown when an open pause starts first.
	"""

	def __init__(self, calendar: NaiveCalendar, started_at, unit: DayUnit, pauses, cutoff) -> None:
		self.calendar = calendar
		self.working = unit is DayUnit.WORKING
		self.pauses = tuple(pauses)
		day = started_at.date() if isinstance(started_at, datetime) else started_at
		if isinstance(started_at, datetime) and cutoff is not None and started_at.time() > cutoff:
			day += ONE_DAY
		while not calendar.is_working_day(day):
			day += ONE_DAY
		self.day_zero = day

	def paused(self, d: date) -> bool:
		return any(p.start <= d and (p.end is None or d < p.end) for p in self.pauses)

	def unit_day(self, d: date) -> bool:
		return not self.working or self.calendar.is_working_day(d)

	def counts(self, d: date) -> bool:
		return d > self.day_zero and self.unit_day(d) and not self.paused(d)

	def counted(self, a: date, b: date) -> int:
		"""Counting days in (a, b]."""
		return sum(self.counts(a + ONE_DAY * i) for i in range(1, (b - a).days + 1))

	def due(self, n: int) -> date | None:
		d, used = self.day_zero, 0
		while used < n:
			d += ONE_DAY
			if any(p.end is None and p.start <= d for p in self.pauses):
				return None
			used += self.counts(d)
		return d

	def remaining(self, on: date, due: date | None, total: int) -> int:
		"""Counting days from ``on`` to the due date, negative past it; while the due date is unknown,
		the counting days still to run."""
		if due is None:
			return total - self.counted(self.day_zero, on)
		return self.counted(on, due) if on <= due else -self.counted(due, on)

	def state(self, on: date, total: int, responded_on: date | None, due_soon_days: int) -> ClockState:
		due = self.due(total)
		if responded_on is not None and responded_on <= on:
			met = due is not None and responded_on <= due
			return ClockState(
				on,
				Status.MET if met else Status.MET_LATE,
				due,
				self.counted(self.day_zero, responded_on),
				self.remaining(responded_on, due, total),
			)
		elapsed, remaining = self.counted(self.day_zero, on), self.remaining(on, due, total)
		if self.paused(on) or due is None:
			return ClockState(on, Status.PAUSED, due, elapsed, remaining)
		if on > due:
			# Days past due, in the target's unit (the days since, paused or not).
			late = sum(self.unit_day(due + ONE_DAY * i) for i in range(1, (on - due).days + 1))
			return ClockState(on, Status.OVERDUE, due, elapsed, remaining, late)
		if on == due:
			return ClockState(on, Status.DUE_TODAY, due, elapsed, 0)
		status = Status.DUE_SOON if remaining <= due_soon_days else Status.ON_TRACK
		return ClockState(on, status, due, elapsed, remaining)


@dataclass(frozen=True)
class ClockCase:
	"""One generated stage: what the fast clock and the naive reference are both built from."""

	nation: str
	started_at: date | datetime
	cutoff: time | None
	days: int
	unit: DayUnit
	extensions: tuple[Extension, ...]
	pauses: tuple[Pause, ...]
	responded_on: date | None
	due_soon_days: int

	@property
	def received(self) -> date:
		return self.started_at.date() if isinstance(self.started_at, datetime) else self.started_at

	@property
	def extension_days(self) -> int:
		return sum(e.days for e in self.extensions)

	def clock(self, max_extension_days: int | None = None) -> StageClock:
		return StageClock(
			FAST[self.nation],
			self.started_at,
			Target(self.days, self.unit),
			extensions=self.extensions,
			pauses=self.pauses,
			max_extension_days=max_extension_days,
			responded_on=self.responded_on,
			policy=ClockPolicy(due_soon_days=self.due_soon_days, cutoff=self.cutoff),
		)

	def naive(self) -> NaiveClock:
		return NaiveClock(NAIVE[self.nation], self.started_at, self.unit, self.pauses, self.cutoff)


@st.composite
def pause_lists(draw, received: date) -> tuple[Pause, ...]:
	"""Up to three pauses around the clock's run, in any order, adjacent or apart; the last may be open."""
	cursor = received + timedelta(days=draw(st.integers(min_value=-5, max_value=60)))
	pauses = []
	for _ in range(draw(st.sampled_from((0, 1, 2, 3)))):
		# A pause may start the day the previous one ended, unless that one was empty (on and off hold
		# the same day): two pauses starting the same day have no order (validate_pauses sorts by start).
		after_empty = bool(pauses) and pauses[-1].start == pauses[-1].end
		start = cursor + timedelta(days=draw(st.integers(min_value=int(after_empty), max_value=30)))
		cursor = start + timedelta(days=draw(st.integers(min_value=0, max_value=25)))
		pauses.append(Pause(start, cursor, "awaiting information"))
	if pauses and draw(st.integers(min_value=0, max_value=3)) == 0:
		pauses[-1] = Pause(pauses[-1].start, None, "on hold")
	return tuple(draw(st.permutations(pauses)))


def days_around(days, offsets: tuple[int, ...] = (0, -1, 1)) -> st.SearchStrategy[date]:
	"""One of ``days`` (None ignored) moved by one of ``offsets``: the edges where off-by-one mistakes live."""
	known = [d for d in days if d is not None]
	if not known:
		return st.nothing()
	return st.builds(lambda d, k: d + timedelta(days=k), st.sampled_from(known), st.sampled_from(offsets))


@st.composite
def clock_cases(draw, min_extensions: int = 0) -> ClockCase:
	received = draw(st.dates(min_value=date(2000, 1, 1), max_value=date(2060, 6, 30)))
	cutoff = draw(st.sampled_from((None, time(12, 0), time(16, 30), time(17, 0))))
	# The event: a date, a time of day, or on the cut-off or a minute either side of it.
	event = draw(st.sampled_from(("date", "time", "cut-off")))
	if event == "date":
		started_at = received
	elif event == "time" or cutoff is None:
		started_at = datetime.combine(received, draw(st.times()))
	else:
		minutes = draw(st.sampled_from((0, -1, 1)))
		started_at = datetime.combine(received, cutoff) + timedelta(minutes=minutes)
	case = ClockCase(
		nation=draw(nations),
		started_at=started_at,
		cutoff=cutoff,
		days=draw(st.integers(min_value=0, max_value=65)),
		unit=draw(st.sampled_from(DayUnit)),
		extensions=tuple(
			Extension(x, "awaiting records")
			for x in draw(st.lists(st.integers(1, 30), min_size=min_extensions, max_size=3))
		),
		pauses=draw(pause_lists(received)),
		responded_on=None,
		due_soon_days=draw(st.integers(min_value=0, max_value=5)),
	)
	# A response is refused while the stage is on hold, so only clocks without an open pause have one:
	# on any day from receipt, or on the due date or a day either side of it.
	response = draw(st.sampled_from(("none", "any day", "near the due date")))
	if response == "none" or any(p.end is None for p in case.pauses):
		return case
	if response == "any day":
		return replace(case, responded_on=received + timedelta(days=draw(st.integers(0, 150))))
	due = case.naive().due(case.days + case.extension_days)
	return replace(case, responded_on=max(received, draw(days_around([due]))))


@given(clock_cases())
def test_due_dates_match_the_naive_reference(case):
	clock, naive = case.clock(), case.naive()
	assert clock.start_day == naive.day_zero
	assert clock.original_due == naive.due(case.days)
	assert clock.due == naive.due(case.days + case.extension_days)


@settings(max_examples=600)
@given(clock_cases(), st.data())
def test_state_on_a_day_matches_the_naive_reference(case, data):
	clock, naive = case.clock(), case.naive()
	total = case.days + case.extension_days
	due = naive.due(total)
	# Any day of the stage's life, or a day near an edge: the days before the due date (due soon,
	# due today, overdue), a pause's first day or the day it ends, the response.
	edges = [case.responded_on, *(p.start for p in case.pauses), *(p.end for p in case.pauses)]
	on = data.draw(
		st.integers(min_value=-3, max_value=200).map(lambda k: case.received + timedelta(days=k))
		| days_around([due], offsets=tuple(range(-8, 2)))
		| days_around(edges),
		label="on",
	)
	assert clock.elapsed(on) == naive.counted(naive.day_zero, on)
	assert clock.state(on) == naive.state(on, total, case.responded_on, case.due_soon_days)


@given(clock_cases(min_extensions=1), st.data())
def test_extension_cap_refuses_exactly_the_totals_past_it(case, data):
	total = case.extension_days
	cap = data.draw(
		st.none() | st.just(total) | st.sampled_from((total - 1, total + 1)) | st.integers(0, 90),
		label="cap",
	)
	try:
		clock = case.clock(max_extension_days=cap)
	except ExtensionCapError:
		assert cap is not None and total > cap, f"{total} extension days refused under a cap of {cap}"
		return
	assert cap is None or total <= cap, f"{total} extension days accepted past a cap of {cap}"
	naive = case.naive()
	assert clock.original_due == naive.due(case.days)
	assert clock.due == naive.due(case.days + total)
