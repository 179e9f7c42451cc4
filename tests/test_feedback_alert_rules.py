"""The alert rules for member enquiries, learning actions and the two reviews (plain pytest, no Frappe).

England's calendar, counted by hand in the comments ("after" never counts the day itself).
Easter 2026: Good Friday 3 April and Easter Monday 6 April are bank holidays; the early May
bank holiday is Monday 4 May 2026.

The Easter 2026 member enquiry: received Thursday 2 April 2026, 10 working days: 7, 8, 9,
10, 13, 14, 15, 16, 17, 20 April, so due Monday 20 April 2026.
"""

from __future__ import annotations

from datetime import date

import pytest

from complaints_app.alerts.rules import (
	COMPLAINTS_MANAGER,
	ROLE,
	USER,
	ActionFacts,
	Alert,
	AlertKind,
	AlertPolicy,
	EnquiryFacts,
	Review,
	adjustments_review,
	alert_key,
	enquiry_alerts,
	learning_action_alerts,
	restriction_review,
	review_alerts,
)
from complaints_app.sla import WorkingCalendar

HANDLER = "enquiries.officer@council.gov.uk"
MANAGER = "area.manager@council.gov.uk"
OWNER = "action.owner@council.gov.uk"
DECIDED_BY = "head.of.service@council.gov.uk"

DEFAULTS = AlertPolicy()
MON_20_APR_2026 = date(2026, 4, 20)
NEW_KINDS = (
	AlertKind.ENQUIRY_DUE_SOON,
	AlertKind.ENQUIRY_DUE_TODAY,
	AlertKind.ENQUIRY_OVERDUE,
	AlertKind.LEARNING_ACTION_OVERDUE,
	AlertKind.RESTRICTION_REVIEW,
	AlertKind.ADJUSTMENTS_REVIEW,
)


def easter_enquiry(**kw) -> EnquiryFacts:
	values = {"handler": HANDLER, "area_manager": MANAGER, "due": MON_20_APR_2026, "answered": False}
	values.update(kw)
	return EnquiryFacts(**values)


def without(*kinds: AlertKind) -> AlertPolicy:
	return AlertPolicy(enabled=DEFAULTS.enabled - set(kinds))


def test_every_new_kind_is_on_by_default():
	assert set(NEW_KINDS) <= DEFAULTS.enabled


# -- member enquiries ------------------------------------------------------------------


@pytest.mark.parametrize(
	("today", "expected"),
	[
		# Wed 15 Apr 2026: 16, 17 and 20 April remain, more than the 2 of "due soon".
		(date(2026, 4, 15), []),
		# Thu 16 Apr: 17 and 20 April remain; Fri 17 Apr: 20 April alone.
		(date(2026, 4, 16), [Alert(AlertKind.ENQUIRY_DUE_SOON, MON_20_APR_2026, ((USER, HANDLER),))]),
		(date(2026, 4, 17), [Alert(AlertKind.ENQUIRY_DUE_SOON, MON_20_APR_2026, ((USER, HANDLER),))]),
		# The weekend between: nothing.
		(date(2026, 4, 18), []),
		(date(2026, 4, 19), []),
		(MON_20_APR_2026, [Alert(AlertKind.ENQUIRY_DUE_TODAY, MON_20_APR_2026, ((USER, HANDLER),))]),
		# Tue 21 Apr: overdue, to the handler and the area's Service Manager.
		(
			date(2026, 4, 21),
			[Alert(AlertKind.ENQUIRY_OVERDUE, MON_20_APR_2026, ((USER, HANDLER), (USER, MANAGER)))],
		),
	],
)
def test_the_easter_enquiry_through_its_due_date(england, today, expected):
	assert enquiry_alerts(easter_enquiry(), today, england, DEFAULTS) == expected


def test_due_soon_counts_working_days_over_easter(england):
	# Due Wed 8 Apr 2026. Thu 2 Apr: 7 and 8 April remain (Good Friday, the weekend and Easter
	# Monday are not working days), so it is due soon although six calendar days away.
	enquiry = easter_enquiry(due=date(2026, 4, 8))
	assert enquiry_alerts(enquiry, date(2026, 4, 2), england, DEFAULTS) == [
		Alert(AlertKind.ENQUIRY_DUE_SOON, date(2026, 4, 8), ((USER, HANDLER),))
	]
	# Wed 1 Apr: 2, 7 and 8 April remain: not yet.
	assert enquiry_alerts(enquiry, date(2026, 4, 1), england, DEFAULTS) == []
	# Easter Monday itself: a bank holiday, nothing.
	assert enquiry_alerts(enquiry, date(2026, 4, 6), england, DEFAULTS) == []


def test_due_soon_follows_the_policy_threshold(england):
	# Wed 15 Apr 2026 has 3 working days to go (16, 17, 20 April).
	assert enquiry_alerts(
		easter_enquiry(), date(2026, 4, 15), england, AlertPolicy(enquiry_due_soon_days=3)
	) == [Alert(AlertKind.ENQUIRY_DUE_SOON, MON_20_APR_2026, ((USER, HANDLER),))]


def test_an_answered_enquiry_alerts_nobody(england):
	answered = easter_enquiry(answered=True)
	for today in (date(2026, 4, 17), MON_20_APR_2026, date(2026, 4, 21)):
		assert enquiry_alerts(answered, today, england, DEFAULTS) == []


def test_an_enquiry_with_no_due_date_alerts_nobody(england):
	assert enquiry_alerts(easter_enquiry(due=None), date(2026, 4, 21), england, DEFAULTS) == []


def test_overdue_without_a_handler_still_reaches_the_area_manager(england):
	assert enquiry_alerts(easter_enquiry(handler=None), date(2026, 4, 21), england, DEFAULTS) == [
		Alert(AlertKind.ENQUIRY_OVERDUE, MON_20_APR_2026, ((USER, MANAGER),))
	]
	# Due today without a handler: nobody to tell.
	assert enquiry_alerts(easter_enquiry(handler=None), MON_20_APR_2026, england, DEFAULTS) == []


def test_the_handler_who_manages_the_area_is_told_once(england):
	assert enquiry_alerts(easter_enquiry(handler=MANAGER), date(2026, 4, 21), england, DEFAULTS) == [
		Alert(AlertKind.ENQUIRY_OVERDUE, MON_20_APR_2026, ((USER, MANAGER),))
	]


@pytest.mark.parametrize(
	("kind", "today"),
	[
		(AlertKind.ENQUIRY_DUE_SOON, date(2026, 4, 16)),
		(AlertKind.ENQUIRY_DUE_TODAY, MON_20_APR_2026),
		(AlertKind.ENQUIRY_OVERDUE, date(2026, 4, 21)),
	],
)
def test_each_enquiry_alert_has_its_own_switch(england, kind, today):
	assert [a.kind for a in enquiry_alerts(easter_enquiry(), today, england, DEFAULTS)] == [kind]
	assert enquiry_alerts(easter_enquiry(), today, england, without(kind)) == []


def test_an_agreed_date_on_a_closure_day_is_overdue_from_the_next_working_day():
	# The council closes Mon 20 Apr 2026; the date in force is still 20 April.
	closed = WorkingCalendar("England", closures=[MON_20_APR_2026])
	assert enquiry_alerts(easter_enquiry(), MON_20_APR_2026, closed, DEFAULTS) == []
	assert [a.kind for a in enquiry_alerts(easter_enquiry(), date(2026, 4, 21), closed, DEFAULTS)] == [
		AlertKind.ENQUIRY_OVERDUE
	]


# -- learning actions --------------------------------------------------------------------


def action(**kw) -> ActionFacts:
	values = {"owner": OWNER, "area_manager": MANAGER, "due": date(2026, 4, 30), "finished": False}
	values.update(kw)
	return ActionFacts(**values)


def test_a_learning_action_alerts_its_owner_and_area_manager_the_working_day_after_it_is_due(england):
	# Due Thu 30 Apr 2026. Fri 1 May: overdue. The bank holiday Mon 4 May: nothing.
	assert learning_action_alerts(action(), date(2026, 4, 30), england, DEFAULTS) == []
	expected = [Alert(AlertKind.LEARNING_ACTION_OVERDUE, date(2026, 4, 30), ((USER, OWNER), (USER, MANAGER)))]
	assert learning_action_alerts(action(), date(2026, 5, 1), england, DEFAULTS) == expected
	assert learning_action_alerts(action(), date(2026, 5, 4), england, DEFAULTS) == []
	# Tue 5 May: still due (the sender's log keeps it to one message per due date).
	assert learning_action_alerts(action(), date(2026, 5, 5), england, DEFAULTS) == expected


def test_a_moved_due_date_gives_a_new_alert_key():
	first = alert_key(
		"Learning Action", "LA-2026-00001", AlertKind.LEARNING_ACTION_OVERDUE, date(2026, 4, 30), OWNER
	)
	again = alert_key(
		"Learning Action", "LA-2026-00001", AlertKind.LEARNING_ACTION_OVERDUE, date(2026, 4, 30), OWNER
	)
	moved = alert_key(
		"Learning Action", "LA-2026-00001", AlertKind.LEARNING_ACTION_OVERDUE, date(2026, 5, 29), OWNER
	)
	assert first == again
	assert first != moved
	assert first == "Learning Action|LA-2026-00001|Learning action overdue|2026-04-30|" + OWNER


def test_a_finished_learning_action_alerts_nobody(england):
	assert learning_action_alerts(action(finished=True), date(2026, 5, 1), england, DEFAULTS) == []


def test_a_learning_action_owned_by_the_area_manager_alerts_them_once(england):
	assert learning_action_alerts(action(owner=MANAGER), date(2026, 5, 1), england, DEFAULTS) == [
		Alert(AlertKind.LEARNING_ACTION_OVERDUE, date(2026, 4, 30), ((USER, MANAGER),))
	]


def test_learning_action_alerts_switched_off(england):
	policy = without(AlertKind.LEARNING_ACTION_OVERDUE)
	assert learning_action_alerts(action(), date(2026, 5, 1), england, policy) == []


# -- reviews ---------------------------------------------------------------------------


def test_a_restriction_review_goes_to_who_decided_it_and_every_complaints_manager():
	assert restriction_review(DECIDED_BY, date(2026, 4, 6)) == Review(
		AlertKind.RESTRICTION_REVIEW, date(2026, 4, 6), ((USER, DECIDED_BY), COMPLAINTS_MANAGER)
	)
	assert restriction_review(None, date(2026, 4, 6)).recipients == ((ROLE, "Complaints Manager"),)


def test_an_adjustments_review_goes_to_the_handler_else_the_complaints_managers():
	assert adjustments_review(HANDLER, date(2026, 4, 6)).recipients == ((USER, HANDLER),)
	assert adjustments_review(None, date(2026, 4, 6)).recipients == (COMPLAINTS_MANAGER,)


@pytest.mark.parametrize(
	("today", "alerted"),
	[
		(date(2026, 4, 2), False),  # the Thursday before
		(date(2026, 4, 3), False),  # Good Friday
		(date(2026, 4, 6), False),  # Easter Monday, the review date itself, is a bank holiday
		(date(2026, 4, 7), True),  # the first working day from the review date
		(date(2026, 4, 8), True),  # and after it: the sender's log keeps it to one message
	],
)
def test_a_review_date_on_easter_monday_alerts_on_the_tuesday(england, today, alerted):
	for review in (
		restriction_review(DECIDED_BY, date(2026, 4, 6)),
		adjustments_review(HANDLER, date(2026, 4, 6)),
	):
		expected = [Alert(review.kind, date(2026, 4, 6), review.recipients)] if alerted else []
		assert review_alerts(review, today, england, DEFAULTS) == expected


def test_a_review_date_on_a_working_day_alerts_that_day(england):
	review = restriction_review(DECIDED_BY, date(2026, 4, 7))
	assert review_alerts(review, date(2026, 4, 7), england, DEFAULTS) == [
		Alert(AlertKind.RESTRICTION_REVIEW, date(2026, 4, 7), ((USER, DECIDED_BY), COMPLAINTS_MANAGER))
	]


def test_no_review_date_no_alert(england):
	assert review_alerts(adjustments_review(HANDLER, None), date(2026, 4, 7), england, DEFAULTS) == []


@pytest.mark.parametrize("kind", [AlertKind.RESTRICTION_REVIEW, AlertKind.ADJUSTMENTS_REVIEW])
def test_each_review_has_its_own_switch(england, kind):
	review = (
		restriction_review(DECIDED_BY, date(2026, 4, 7))
		if kind is AlertKind.RESTRICTION_REVIEW
		else adjustments_review(HANDLER, date(2026, 4, 7))
	)
	assert review_alerts(review, date(2026, 4, 7), england, DEFAULTS) != []
	assert review_alerts(review, date(2026, 4, 7), england, without(kind)) == []
