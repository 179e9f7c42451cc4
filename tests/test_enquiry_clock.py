"""The member enquiry clock (plain pytest, no Frappe): the Easter 2026 case and its variations.

The Easter 2026 case, counted by hand on the England calendar: received Thursday 2 April
2026, before the cut-off, so day 0 is 2 April. Not working: Friday 3 April (Good Friday),
4-5 April (weekend), Monday 6 April (Easter Monday), 11-12 and 18-19 April (weekends).
Working days after day 0: 7, 8, 9, 10, 13, 14, 15, 16, 17, 20 April, so 10 working days are
due on Monday 20 April 2026.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from complaints_app.complaint_feedback.enquiry_clock import (
	DEFAULT_TARGET_DAYS,
	EnquiryClock,
	EnquiryDateError,
	NewDueDate,
)
from complaints_app.complaint_feedback.figures import ALL, EnquiryFigures, enquiry_figures, show_rise
from complaints_app.sla import (
	ClockPolicy,
	ExtensionCapError,
	InvalidExtensionError,
	ResponseBeforeStartError,
	Status,
	WorkingCalendar,
)
from tests.conftest import NaiveCalendar

THU_2_APR_2026 = date(2026, 4, 2)
EASTER_DUE = date(2026, 4, 20)  # Monday 20 April 2026


def enquiry(calendar, received=THU_2_APR_2026, **kw) -> EnquiryClock:
	return EnquiryClock(calendar, received, **kw)


# -- the Easter 2026 case ------------------------------------------------------------------


def test_easter_2026_is_due_on_monday_20_april(england):
	clock = enquiry(england)
	assert DEFAULT_TARGET_DAYS == 10
	assert clock.start_day == THU_2_APR_2026
	assert clock.original_due == date(2026, 4, 20)
	assert clock.due == date(2026, 4, 20)
	assert clock.due.strftime("%A") == "Monday"


def test_easter_bank_holidays_do_not_count(england):
	clock = enquiry(england)
	assert england.non_working_reason(date(2026, 4, 3)) == "Good Friday"
	assert england.non_working_reason(date(2026, 4, 6)) == "Easter Monday"
	# By Thursday 9 April only 7, 8 and 9 April have been used.
	assert clock.elapsed(date(2026, 4, 9)) == 3
	assert clock.state(date(2026, 4, 6)).elapsed == 0


def test_scotland_works_on_easter_monday():
	"""Easter Monday is not a Scottish bank holiday: the 10th working day is Friday 17 April."""
	assert enquiry(WorkingCalendar("Scotland")).due == date(2026, 4, 17)


def test_received_on_good_friday_starts_on_tuesday_7_april(england):
	clock = enquiry(england, received=date(2026, 4, 3))
	assert clock.start_day == date(2026, 4, 7)
	assert clock.due == date(2026, 4, 21)


def test_received_after_the_cut_off_starts_the_next_working_day(england):
	policy = ClockPolicy(cutoff=time(16, 0))
	late = enquiry(england, received=datetime(2026, 4, 2, 16, 30), policy=policy)
	assert late.start_day == date(2026, 4, 7)  # the next working day after Thursday is Tuesday
	assert late.due == date(2026, 4, 21)
	in_time = enquiry(england, received=datetime(2026, 4, 2, 15, 59), policy=policy)
	assert in_time.due == EASTER_DUE


def test_marked_as_received_after_the_cut_off(england):
	"""Only the day is known, and the enquiry is marked as having come after the cut-off."""
	policy = ClockPolicy(cutoff=time(16, 0))
	late = enquiry(england, received_after_cutoff=True, policy=policy)
	assert late.start_day == date(2026, 4, 7)
	assert late.due == date(2026, 4, 21)
	# Without a cut-off in the council's settings, the day counts as it does for complaints.
	assert enquiry(england, received_after_cutoff=True).due == EASTER_DUE
	on_saturday = enquiry(england, received=date(2026, 4, 4), received_after_cutoff=True, policy=policy)
	assert on_saturday.start_day == date(2026, 4, 7)


def test_a_closure_day_moves_the_due_date():
	calendar = WorkingCalendar("England", closures=[date(2026, 4, 14)])
	assert enquiry(calendar).due == date(2026, 4, 21)


def test_a_configured_target(england):
	assert enquiry(england, target_days=5).due == date(2026, 4, 13)
	assert enquiry(england, target_days=0).due == THU_2_APR_2026
	with pytest.raises(EnquiryDateError):
		enquiry(england, target_days=-1)
	with pytest.raises(EnquiryDateError):
		enquiry(england, target_days="10")


# -- agreed date and extensions ------------------------------------------------------------


def test_an_agreed_new_date_replaces_the_target(england):
	clock = enquiry(england, agreed_due_date=date(2026, 4, 24))
	assert clock.original_due == EASTER_DUE
	assert clock.due == date(2026, 4, 24)
	shorter = enquiry(england, agreed_due_date=date(2026, 4, 10))
	assert shorter.due == date(2026, 4, 10)


def test_an_agreed_date_before_day_0_is_refused(england):
	with pytest.raises(EnquiryDateError, match="before the enquiry's clock started"):
		enquiry(england, received=date(2026, 4, 3), agreed_due_date=date(2026, 4, 6))


def test_extensions_move_the_due_date_in_order(england):
	first = NewDueDate(date(2026, 4, 27), "Waiting for the highways survey", date(2026, 4, 16))
	second = NewDueDate(date(2026, 5, 1), "Survey delayed", date(2026, 4, 24))
	clock = enquiry(england, extensions=[first, second])
	assert clock.original_due == EASTER_DUE
	assert clock.due == date(2026, 5, 1)
	# 21-24 and 27 April (5), then 28-30 April and 1 May (4).
	assert clock.extension_days == 9


def test_an_extension_after_an_agreed_date_starts_from_it(england):
	clock = enquiry(
		england,
		agreed_due_date=date(2026, 4, 24),
		extensions=[NewDueDate(date(2026, 4, 28), "More time", date(2026, 4, 22))],
	)
	assert clock.due == date(2026, 4, 28)
	assert clock.extension_days == 2  # 27 and 28 April


def test_an_extension_must_move_the_date_later_by_a_working_day(england):
	with pytest.raises(InvalidExtensionError, match="Extension 1"):
		enquiry(england, extensions=[NewDueDate(EASTER_DUE, "Same day")])
	with pytest.raises(InvalidExtensionError):
		enquiry(england, extensions=[NewDueDate(date(2026, 4, 17), "Earlier")])
	# With 9 working days the target is Friday 17 April; Saturday 18 April adds no working day.
	with pytest.raises(InvalidExtensionError):
		enquiry(england, target_days=9, extensions=[NewDueDate(date(2026, 4, 18), "Saturday")])
	with pytest.raises(InvalidExtensionError, match="Extension 2"):
		enquiry(
			england,
			extensions=[NewDueDate(date(2026, 4, 27), "One"), NewDueDate(date(2026, 4, 24), "Back")],
		)


def test_extensions_are_capped_like_a_stage(england):
	extension = [NewDueDate(date(2026, 4, 27), "Waiting for the survey")]  # 5 working days
	assert enquiry(england, extensions=extension, max_extension_days=5).due == date(2026, 4, 27)
	with pytest.raises(ExtensionCapError, match="more than the 4 days"):
		enquiry(england, extensions=extension, max_extension_days=4)
	assert enquiry(england, extensions=extension, max_extension_days=None).due == date(2026, 4, 27)


def test_an_extension_agreed_before_receipt_is_refused(england):
	with pytest.raises(EnquiryDateError, match="Extension 1 was agreed"):
		enquiry(england, extensions=[NewDueDate(date(2026, 4, 27), "Early", date(2026, 4, 1))])


# -- within target: the edges ----------------------------------------------------------------


def test_responded_on_the_due_date_is_within_target(england):
	clock = enquiry(england, responded_on=EASTER_DUE)
	assert clock.within_target() is True
	assert clock.within_original_target() is True
	assert clock.state(EASTER_DUE).status is Status.MET


def test_responded_the_day_after_is_late(england):
	clock = enquiry(england, responded_on=date(2026, 4, 21))
	assert clock.within_target() is False
	assert clock.within_original_target() is False
	assert clock.state(date(2026, 4, 21)).status is Status.MET_LATE


def test_responded_the_day_it_arrived(england):
	assert enquiry(england, responded_on=THU_2_APR_2026).within_target() is True


def test_responded_on_easter_monday_counts_as_in_time(england):
	assert enquiry(england, responded_on=date(2026, 4, 6)).within_target() is True


def test_within_the_agreed_date_but_not_the_original_target(england):
	clock = enquiry(england, agreed_due_date=date(2026, 4, 24), responded_on=date(2026, 4, 22))
	assert clock.within_target() is True
	assert clock.within_original_target() is False


def test_within_an_extension(england):
	extension = [NewDueDate(date(2026, 4, 27), "Survey")]
	assert enquiry(england, extensions=extension, responded_on=date(2026, 4, 27)).within_target() is True
	assert enquiry(england, extensions=extension, responded_on=date(2026, 4, 28)).within_target() is False


def test_no_answer_until_responded(england):
	clock = enquiry(england)
	assert clock.within_target() is None
	assert clock.within_original_target() is None


def test_a_response_before_receipt_is_refused(england):
	with pytest.raises(ResponseBeforeStartError):
		enquiry(england, responded_on=date(2026, 4, 1))


# -- how it stands on a day --------------------------------------------------------------------


def test_status_through_the_fortnight(england):
	clock = enquiry(england)
	assert clock.state(date(2026, 4, 8)).status is Status.ON_TRACK
	assert clock.state(date(2026, 4, 8)).remaining == 8
	assert clock.state(date(2026, 4, 16)).status is Status.DUE_SOON  # 17 and 20 April left
	assert clock.state(EASTER_DUE).status is Status.DUE_TODAY
	late = clock.state(date(2026, 4, 22))
	assert late.status is Status.OVERDUE
	assert late.days_overdue == 2
	# A response dated after the day asked about is not yet made.
	answered_later = enquiry(england, responded_on=date(2026, 4, 22))
	assert answered_later.state(date(2026, 4, 21)).status is Status.OVERDUE


# -- against a naive day-by-day reference --------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(
	received=st.dates(min_value=date(2015, 1, 1), max_value=date(2035, 12, 31)),
	target=st.integers(min_value=0, max_value=40),
	moves=st.lists(st.integers(min_value=1, max_value=15), max_size=3),
)
def test_due_dates_match_a_day_by_day_count(england, received, target, moves):
	naive = NaiveCalendar("ENG")
	day0 = received
	while not naive.is_working_day(day0):
		day0 += timedelta(days=1)
	due = naive.add_working_days(day0, target) if target else day0
	extensions = []
	for n in moves:
		due = naive.add_working_days(due, n)
		extensions.append(NewDueDate(due, "More time"))
	clock = EnquiryClock(england, received, target_days=target, extensions=extensions)
	assert clock.start_day == day0
	assert clock.due == due
	assert clock.extension_days == sum(moves)


# -- the figures the Member Enquiries report prints: seed 003's own -----------------------------


def test_seed_003_representations_as_the_report_prints_them():
	"""Derbyshire 2020/21: 73 statutory representations, 19 (26%) answered within the 10-day
	timescale; 102 corporate, 52 (51%); all answered by the year's end in this example."""
	counts = {
		("Statutory", 1, 1, 1): 19,
		("Statutory", 1, 0, 0): 54,
		("Corporate", 1, 1, 1): 52,
		("Corporate", 1, 0, 0): 50,
	}
	figures = enquiry_figures(counts)
	assert figures["Statutory"].cells["within_target"] == "19 (26%)"
	assert figures["Corporate"].cells["within_target"] == "52 (51%)"
	assert figures[ALL].cells["received"] == "175"
	assert figures[ALL].cells["within_target"] == "71 (41%)"


def test_a_response_after_the_period_is_not_counted_as_one():
	figures = EnquiryFigures()
	figures.count(responded=False, within_target=True, within_original=True)
	figures.count(responded=True, within_target=True, within_original=False)
	assert figures.cells == {
		"received": "2",
		"responded": "1 (50%)",
		"within_target": "1 (50%)",
		"within_original": "0 (0%)",
	}
	assert EnquiryFigures().cells["within_target"] == "0"  # a share of nothing is not 0%


def test_the_change_on_the_previous_year_as_seed_003_words_it():
	assert show_rise(738, 302) == "+144%"  # compliments: "a 144% increase"
	assert show_rise(175, 239) == "-27%"  # representations: "a 27% decrease"
	assert show_rise(5, 0) == "-"
