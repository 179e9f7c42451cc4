"""Named known cases for the working-day calendar (plain pytest, no Frappe)."""

from __future__ import annotations

import subprocess
import sys
from datetime import date

import pytest

from complaints_app.sla import (
	CalendarConflictError,
	DateOutOfRangeError,
	Nation,
	UnknownNationError,
	WorkingCalendar,
)
from tests.conftest import CHRISTMAS_2025_CLOSURES


def test_core_imports_with_frappe_unimportable():
	"""The SLA core must never need frappe: block it and import the core."""
	code = (
		"import sys; sys.modules['frappe'] = None\n"
		"import complaints_app.sla as sla\n"
		"from datetime import date\n"
		"assert sla.WorkingCalendar('ENG').add_working_days(date(2025, 12, 19), 10) == date(2026, 1, 7)\n"
	)
	result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
	assert result.returncode == 0, result.stderr


def test_christmas_2025_england(england):
	assert england.add_working_days(date(2025, 12, 19), 10) == date(2026, 1, 7)


def test_christmas_2025_with_council_closures(england_christmas_closures):
	assert england_christmas_closures.add_working_days(date(2025, 12, 19), 10) == date(2026, 1, 12)
	assert england_christmas_closures.non_working_reason(date(2025, 12, 30)) == "Council closure"


def test_scotland_new_year_has_second_january():
	scotland = WorkingCalendar(Nation.SCOTLAND)
	assert not scotland.is_working_day(date(2026, 1, 2))
	assert scotland.add_working_days(date(2025, 12, 31), 1) == date(2026, 1, 5)
	assert WorkingCalendar("ENG").add_working_days(date(2025, 12, 31), 1) == date(2026, 1, 2)


def test_northern_ireland_twelfth_of_july():
	# 12 July 2026 is a Sunday, so the Battle of the Boyne holiday is Monday 13 July.
	ni = WorkingCalendar("Northern Ireland")
	assert not ni.is_working_day(date(2026, 7, 13))
	assert ni.add_working_days(date(2026, 7, 10), 1) == date(2026, 7, 14)
	assert WorkingCalendar("England").add_working_days(date(2026, 7, 10), 1) == date(2026, 7, 13)
	assert not ni.is_working_day(date(2025, 3, 17))  # St Patrick's Day


@pytest.mark.parametrize(
	("good_friday", "easter_monday"),
	[(date(2026, 4, 3), date(2026, 4, 6)), (date(2027, 3, 26), date(2027, 3, 29))],
)
def test_easter(england, good_friday, easter_monday):
	assert not england.is_working_day(good_friday)
	assert not england.is_working_day(easter_monday)
	thursday = date.fromordinal(good_friday.toordinal() - 1)
	assert england.next_working_day(thursday) == date.fromordinal(easter_monday.toordinal() + 1)


def test_easter_monday_is_working_in_scotland():
	assert WorkingCalendar("SCT").is_working_day(date(2026, 4, 6))


def test_state_funeral_2022_and_coronation_2023(england):
	assert england.non_working_reason(date(2022, 9, 19)) == "State Funeral of Queen Elizabeth II"
	assert england.add_working_days(date(2022, 9, 16), 1) == date(2022, 9, 20)
	assert england.non_working_reason(date(2023, 5, 8)) == "Coronation of Charles III"
	assert england.add_working_days(date(2023, 5, 5), 1) == date(2023, 5, 9)


def test_sixty_five_day_stage_two_over_christmas(england):
	assert england.add_working_days(date(2025, 11, 3), 65) == date(2026, 2, 5)


def test_zero_and_negative_days(england):
	saturday = date(2025, 12, 20)
	assert england.add_working_days(saturday, 0) == date(2025, 12, 22)
	assert england.add_working_days(date(2025, 12, 22), 0) == date(2025, 12, 22)
	assert england.add_working_days(date(2026, 1, 7), -10) == date(2025, 12, 19)
	assert england.add_working_days(saturday, -1) == date(2025, 12, 19)
	assert england.previous_working_day(date(2025, 12, 29)) == date(2025, 12, 24)


def test_between_is_exclusive_of_start_and_inclusive_of_end(england):
	assert england.working_days_between(date(2025, 12, 19), date(2026, 1, 7)) == 10
	assert england.working_days_between(date(2026, 1, 7), date(2025, 12, 19)) == -10
	assert england.working_days_between(date(2025, 12, 19), date(2025, 12, 19)) == 0
	assert england.working_days_between(date(2025, 12, 24), date(2025, 12, 28)) == 0
	# Backwards from a Saturday to the Friday before: the Friday is stepped onto.
	assert england.working_days_between(date(2025, 12, 20), date(2025, 12, 19)) == -1


def test_next_working_day_and_on_or_after(england):
	assert england.next_working_day(date(2025, 12, 24)) == date(2025, 12, 29)
	assert england.next_working_day(date(2025, 12, 22)) == date(2025, 12, 23)
	assert england.working_day_on_or_after(date(2025, 12, 22)) == date(2025, 12, 22)
	assert england.working_day_on_or_after(date(2025, 12, 25)) == date(2025, 12, 29)


def test_forced_working_day():
	cal = WorkingCalendar("ENG", openings=[date(2026, 4, 6)])
	assert cal.is_working_day(date(2026, 4, 6))
	assert cal.add_working_days(date(2026, 4, 2), 1) == date(2026, 4, 6)


def test_working_days_in(england):
	assert england.working_days_in(date(2025, 12, 24), date(2025, 12, 30)) == [
		date(2025, 12, 24),
		date(2025, 12, 29),
		date(2025, 12, 30),
	]


def test_calendars_with_same_inputs_share_one_index():
	a = WorkingCalendar("England", closures=CHRISTMAS_2025_CLOSURES)
	b = WorkingCalendar(Nation.ENGLAND, closures=list(reversed(CHRISTMAS_2025_CLOSURES)))
	c = WorkingCalendar("England")
	assert a._index is b._index
	assert a._index is not c._index


def test_whole_supported_range():
	cal = WorkingCalendar("WLS")
	# 31 Dec 1999 was the Millennium bank holiday and 3 Jan 2000 New Year's Day (observed).
	assert cal.add_working_days(date(2000, 1, 4), -1) == date(1999, 12, 30)
	assert not cal.is_working_day(date(2060, 12, 25))
	assert cal.add_working_days(date(2060, 12, 20), 10).year == 2061


def test_unknown_nation_is_refused():
	with pytest.raises(UnknownNationError, match="Unknown nation 'Cornwall'"):
		WorkingCalendar("Cornwall")


def test_out_of_range_is_refused(england):
	with pytest.raises(DateOutOfRangeError, match="outside the years"):
		england.is_working_day(date(1990, 1, 1))
	with pytest.raises(DateOutOfRangeError, match="after 2062"):
		england.add_working_days(date(2062, 12, 1), 100)
	with pytest.raises(DateOutOfRangeError, match="before 1999"):
		england.add_working_days(date(1999, 1, 5), -10)


def test_a_date_cannot_be_both_closed_and_open():
	with pytest.raises(CalendarConflictError, match="both as a closure day and as a working day"):
		WorkingCalendar("ENG", closures=[date(2026, 1, 2)], openings=[date(2026, 1, 2)])


def test_errors_are_value_errors():
	with pytest.raises(ValueError):
		WorkingCalendar("Atlantis")
