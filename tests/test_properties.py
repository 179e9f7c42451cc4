"""Property tests: the fast calendar and clocks against a naive day-by-day reference on ``holidays``."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from complaints_app.sla import (
	DayUnit,
	Extension,
	ExtensionCapError,
	Pause,
	StageClock,
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


@given(
	dates,
	st.lists(st.integers(min_value=1, max_value=30), max_size=4),
	st.integers(min_value=0, max_value=65),
)
def test_extensions_never_exceed_the_cap(d, extra, cap):
	cal = FAST["ENG"]
	extensions = [Extension(x, "reason") for x in extra]
	if sum(extra) > cap:
		with pytest.raises(ExtensionCapError):
			StageClock(cal, d, Target(10), extensions=extensions, max_extension_days=cap)
		return
	c = StageClock(cal, d, Target(10), extensions=extensions, max_extension_days=cap)
	assert c.extension_days <= cap
	assert c.due == cal.add_working_days(c.original_due, sum(extra))


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


@given(nations, dates, st.integers(min_value=1, max_value=65), st.integers(min_value=0, max_value=120))
def test_elapsed_plus_remaining_is_the_target(nation, d, n, later):
	c = StageClock(FAST[nation], d, Target(n))
	state = c.state(c.start_day + timedelta(days=later))
	assert state.elapsed + state.remaining == n
