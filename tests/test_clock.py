"""Named known cases for stage clocks (plain pytest, no Frappe)."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from complaints_app.sla import (
	ClockPolicy,
	DayUnit,
	Extension,
	ExtensionCapError,
	InvalidExtensionError,
	InvalidTargetError,
	OverlappingPausesError,
	Pause,
	PauseOrderError,
	ResponseBeforeStartError,
	StageClock,
	Status,
	Target,
)

FRI_19_DEC_2025 = date(2025, 12, 19)


def clock(calendar, started=FRI_19_DEC_2025, days=10, unit=DayUnit.WORKING, **kw) -> StageClock:
	return StageClock(calendar, started, Target(days, unit), **kw)


def test_christmas_case_due_dates(england, england_christmas_closures):
	assert clock(england).due == date(2026, 1, 7)
	assert clock(england).original_due == date(2026, 1, 7)
	assert clock(england_christmas_closures).due == date(2026, 1, 12)


def test_start_on_non_working_day_moves_to_next_working_day(england):
	c = clock(england, started=date(2025, 12, 25), days=1)
	assert c.start_day == date(2025, 12, 29)
	assert c.due == date(2025, 12, 30)


def test_start_after_cut_off_moves_to_next_working_day(england):
	policy = ClockPolicy(cutoff=time(17, 0))
	late = clock(england, started=datetime(2025, 12, 19, 17, 30), policy=policy)
	assert late.start_day == date(2025, 12, 22)
	assert late.due == date(2026, 1, 8)
	on_time = clock(england, started=datetime(2025, 12, 19, 16, 59), policy=policy)
	assert on_time.due == date(2026, 1, 7)


def test_twenty_eight_calendar_days(england):
	c = clock(england, days=28, unit=DayUnit.CALENDAR)
	assert c.due == date(2026, 1, 16)
	saturday = clock(england, started=date(2025, 12, 20), days=28, unit="Calendar days")
	assert saturday.start_day == date(2025, 12, 22)
	assert saturday.due == date(2026, 1, 19)


def test_sixty_five_day_stage_two(england):
	stage2 = clock(england, started=date(2025, 11, 3), days=25, extensions=[Extension(40, "complex")])
	assert stage2.original_due == date(2025, 12, 8)
	assert stage2.due == date(2026, 2, 5)


def test_pause_across_bank_holiday_weekend(england):
	# Easter 2026: Good Friday 3 April, Easter Monday 6 April.
	plain = clock(england, started=date(2026, 3, 30))
	assert plain.due == date(2026, 4, 15)
	# On hold from Thursday 2 April, back on Tuesday 7 April: only 2 April was a working day.
	paused = clock(england, started=date(2026, 3, 30), pauses=[Pause(date(2026, 4, 2), date(2026, 4, 7))])
	assert paused.due == date(2026, 4, 16)
	assert paused.state(date(2026, 4, 6)).status is Status.PAUSED
	assert paused.elapsed(date(2026, 4, 6)) == 2  # 31 Mar, 1 Apr; 2 Apr was on hold
	assert paused.elapsed(date(2026, 4, 8)) == 4  # and 7 Apr, the day off hold, and 8 Apr


def test_open_pause_leaves_due_date_unknown(england):
	c = clock(england, pauses=[Pause(date(2025, 12, 23))])
	assert c.due is None
	state = c.state(date(2026, 3, 1))
	assert state.status is Status.PAUSED
	assert state.elapsed == 1  # only 22 Dec ran before the hold


def test_pause_after_due_date_changes_nothing(england):
	c = clock(england, pauses=[Pause(date(2026, 1, 8), date(2026, 1, 20))])
	assert c.due == date(2026, 1, 7)


def test_statuses_through_a_stage(england):
	c = clock(england, policy=ClockPolicy(due_soon_days=2))
	assert c.state(date(2025, 12, 22)).status is Status.ON_TRACK
	assert c.state(date(2026, 1, 2)).status is Status.ON_TRACK
	assert c.state(date(2026, 1, 5)).status is Status.DUE_SOON
	assert c.state(date(2026, 1, 5)).remaining == 2
	assert c.state(date(2026, 1, 7)).status is Status.DUE_TODAY
	overdue = c.state(date(2026, 1, 12))
	assert overdue.status is Status.OVERDUE
	assert overdue.days_overdue == 3


def test_met_and_met_late_against_both_targets(england):
	ext = [Extension(5, "awaiting records", "Complaints Manager", date(2026, 1, 2))]
	late_for_original = clock(england, extensions=ext, max_extension_days=10, responded_on=date(2026, 1, 9))
	assert late_for_original.original_due == date(2026, 1, 7)
	assert late_for_original.due == date(2026, 1, 14)
	assert late_for_original.in_time_original() is False
	assert late_for_original.in_time_extended() is True
	assert late_for_original.state(date(2026, 2, 1)).status is Status.MET
	assert late_for_original.state(date(2026, 1, 8)).status is Status.ON_TRACK

	too_late = clock(england, responded_on=date(2026, 1, 8))
	assert too_late.state(date(2026, 1, 8)).status is Status.MET_LATE
	assert too_late.in_time_extended() is False
	assert clock(england).in_time_original() is None


def test_refusals_name_the_problem(england):
	with pytest.raises(PauseOrderError, match="cannot end"):
		Pause(date(2026, 1, 5), date(2026, 1, 2))
	with pytest.raises(OverlappingPausesError, match="overlaps"):
		clock(
			england,
			pauses=[Pause(date(2026, 1, 5), date(2026, 1, 9)), Pause(date(2026, 1, 8), date(2026, 1, 12))],
		)
	with pytest.raises(OverlappingPausesError, match="still open"):
		clock(england, pauses=[Pause(date(2026, 1, 5)), Pause(date(2026, 1, 8), date(2026, 1, 12))])
	with pytest.raises(ExtensionCapError, match="more than the 10 days"):
		clock(england, extensions=[Extension(6), Extension(5)], max_extension_days=10)
	with pytest.raises(InvalidExtensionError):
		Extension(0)
	with pytest.raises(ResponseBeforeStartError, match="before the clock started"):
		clock(england, responded_on=date(2025, 12, 18))
	with pytest.raises(InvalidTargetError):
		Target(-1)
	with pytest.raises(InvalidTargetError, match="Unknown day unit"):
		Target(5, "fortnights")


def test_adjacent_pauses_are_allowed(england):
	c = clock(
		england,
		pauses=[Pause(date(2025, 12, 22), date(2025, 12, 23)), Pause(date(2025, 12, 23), date(2025, 12, 24))],
	)
	assert c.due == england.add_working_days(date(2026, 1, 7), 2)
