"""Shared helpers for the pure-core tests: named calendars and a naive reference.

The reference walks day by day over a ``holidays`` object, the slow and
obviously-correct way, so the fast ordinal index can be checked against it.
"""

from __future__ import annotations

from datetime import date, timedelta

import holidays
import pytest

from complaints_app.sla import WorkingCalendar

CHRISTMAS_2025_CLOSURES = (date(2025, 12, 29), date(2025, 12, 30), date(2025, 12, 31))


class NaiveCalendar:
	"""Day-by-day working-day arithmetic straight on top of ``holidays``."""

	def __init__(self, subdiv: str, closures=()) -> None:
		self.h = holidays.country_holidays("GB", subdiv=subdiv, years=range(1999, 2063))
		self.h.update({d: "Council closure" for d in closures})

	def is_working_day(self, d: date) -> bool:
		return self.h.is_working_day(d)

	def add_working_days(self, d: date, n: int) -> date:
		return self.h.get_nth_working_day(d, n)

	def working_days_between(self, a: date, b: date) -> int:
		"""Forwards: working days in (a, b]. Backwards: minus the working days in [b, a)."""
		count, d = 0, a
		step = timedelta(days=1 if b >= a else -1)
		while d != b:
			d += step
			count += self.is_working_day(d) if b > a else 0
			count -= self.is_working_day(d) if b < a else 0
		return count


@pytest.fixture(scope="session")
def england() -> WorkingCalendar:
	return WorkingCalendar("England")


@pytest.fixture(scope="session")
def england_christmas_closures() -> WorkingCalendar:
	return WorkingCalendar("England", closures=CHRISTMAS_2025_CLOSURES)
