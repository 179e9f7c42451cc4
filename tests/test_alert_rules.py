"""Named known cases for the staff alert rules (plain pytest, no Frappe).

Every clock state comes from a real ``StageClock`` on the England calendar, and every
expected date is counted by hand in the comments, never computed by the code under test.

The Christmas 2025 case (see ``complaints_app.sla.clock``): received Friday 19 December
2025, 10 working days. Working days after day 0: 22, 23, 24, 29, 30, 31 Dec, 2, 5, 6, 7 Jan,
so it is due on Wednesday 7 January 2026. Working days after that: 8, 9, 12, 13, 14, 15, 16,
19, 20, 21 Jan. Easter 2026: Good Friday 3 April, Easter Monday 6 April.
"""

from __future__ import annotations

from datetime import date

import pytest

from complaints_app.alerts.rules import (
	COMPLAINTS_MANAGER,
	ROLE,
	USER,
	Alert,
	AlertKind,
	AlertPolicy,
	Deadline,
	StageFacts,
	alert_key,
	deadline_alerts,
	stage_alerts,
)
from complaints_app.sla import DayUnit, Extension, Pause, StageClock, Status, Target, WorkingCalendar

HANDLER = "handler@council.gov.uk"
MANAGER = "area.manager@council.gov.uk"
OFFICER = "investigating.officer@council.gov.uk"

TO_HANDLER = ((USER, HANDLER),)
TO_ESCALATION = ((USER, MANAGER), (ROLE, "Complaints Manager"))

DEFAULTS = AlertPolicy()
ALL_ON = AlertPolicy(enabled=frozenset(AlertKind))

FRI_19_DEC_2025 = date(2025, 12, 19)
WED_7_JAN_2026 = date(2026, 1, 7)


def christmas_clock(calendar: WorkingCalendar, **kw) -> StageClock:
	"""Received Fri 19 Dec 2025, 10 working days: due Wed 7 Jan 2026."""
	return StageClock(calendar, FRI_19_DEC_2025, Target(10), **kw)


def stage(clock: StageClock | None, today: date, **kw) -> StageFacts:
	"""A running, acknowledged stage with its clock's real state on ``today``."""
	values = {
		"handler": HANDLER,
		"area_manager": MANAGER,
		"clock": clock.state(today) if clock else None,
		"acknowledgement_due": None,
		"acknowledged": True,
	}
	values.update(kw)
	return StageFacts(**values)


def alerts_on(
	calendar: WorkingCalendar, clock: StageClock | None, today: date, policy=DEFAULTS, **kw
) -> list[Alert]:
	return stage_alerts(stage(clock, today, **kw), today, calendar, policy)


# -- no alerts on a non-working day ---------------------------------------------------


def test_nothing_on_a_saturday(england):
	c = christmas_clock(england)
	# Fri 9 Jan 2026 is a working day, 2 working days overdue (8, 9 Jan): the handler is told.
	assert alerts_on(england, c, date(2026, 1, 9)) == [Alert(AlertKind.OVERDUE, WED_7_JAN_2026, TO_HANDLER)]
	# Sat 10 Jan: the clock is still overdue, but the council does not work.
	assert c.state(date(2026, 1, 10)).status is Status.OVERDUE
	assert alerts_on(england, c, date(2026, 1, 10)) == []


@pytest.mark.parametrize("today", [date(2025, 12, 25), date(2025, 12, 26), date(2025, 12, 27)])
def test_nothing_over_christmas(england, today):
	# Received Fri 12 Dec 2025, 5 working days (15, 16, 17, 18, 19 Dec): due Fri 19 Dec.
	c = StageClock(england, date(2025, 12, 12), Target(5))
	# Wed 24 Dec, 3 working days overdue (22, 23, 24 Dec), with an acknowledgement never made.
	unacknowledged = {"acknowledgement_due": date(2025, 12, 15), "acknowledged": False}
	assert alerts_on(england, c, date(2025, 12, 24), **unacknowledged) == [
		Alert(AlertKind.ACK_OVERDUE, date(2025, 12, 15), TO_HANDLER),
		Alert(AlertKind.OVERDUE, date(2025, 12, 19), TO_HANDLER),
	]
	# Christmas Day, Boxing Day and the Saturday after: nothing at all.
	assert alerts_on(england, c, today, **unacknowledged) == []


def test_nothing_on_a_council_closure_day():
	# The council closes on Mon 29 Dec 2025; the plain England calendar works that day.
	closed = WorkingCalendar("England", closures=[date(2025, 12, 29)])
	plain = WorkingCalendar("England")
	# Received Fri 12 Dec 2025, 5 working days: due Fri 19 Dec on both calendars.
	on_closed, on_plain = (StageClock(cal, date(2025, 12, 12), Target(5)) for cal in (closed, plain))
	# On the plain calendar 29 Dec is 4 working days overdue (22, 23, 24, 29 Dec): an alert.
	assert alerts_on(plain, on_plain, date(2025, 12, 29)) == [
		Alert(AlertKind.OVERDUE, date(2025, 12, 19), TO_HANDLER)
	]
	assert alerts_on(closed, on_closed, date(2025, 12, 29)) == []
	# Tue 30 Dec is open again: 4 working days overdue there too (22, 23, 24, 30 Dec).
	assert alerts_on(closed, on_closed, date(2025, 12, 30)) == [
		Alert(AlertKind.OVERDUE, date(2025, 12, 19), TO_HANDLER)
	]


def test_nothing_on_a_non_working_day_even_for_a_closing_window(england):
	# The window closes Tue 7 Apr 2026; Sat 4 Apr is one working day before it (only 7 Apr),
	# but nobody works on a Saturday.
	facts = stage(None, date(2026, 4, 4), responded=True, escalation_deadline=date(2026, 4, 7))
	assert stage_alerts(facts, date(2026, 4, 4), england, ALL_ON) == []


# -- paused clocks ----------------------------------------------------------------------


def test_open_pause_gives_no_alert(england):
	# On hold from Mon 5 Jan 2026 and still on hold on Wed 14 Jan: without the pause the stage
	# would be 5 working days overdue that day and escalated.
	paused = christmas_clock(england, pauses=[Pause(date(2026, 1, 5))])
	state = paused.state(date(2026, 1, 14))
	assert state.status is Status.PAUSED
	assert state.due is None
	overdue_bits = {
		"acknowledgement_due": date(2025, 12, 24),
		"acknowledged": False,
		"statement_due": date(2026, 1, 6),
		"investigating_officer": OFFICER,
	}
	assert alerts_on(england, paused, date(2026, 1, 14), ALL_ON, **overdue_bits) == []


def test_closed_pause_covering_today_gives_no_alert(england):
	# On hold Mon 12 Jan to Fri 16 Jan 2026 (back on the 16th). The pause starts after the due
	# date (Wed 7 Jan), so the due date does not move; on Tue 13 Jan the clock is paused.
	c = christmas_clock(england, pauses=[Pause(date(2026, 1, 12), date(2026, 1, 16))])
	assert c.state(date(2026, 1, 13)).status is Status.PAUSED
	assert alerts_on(england, c, date(2026, 1, 13)) == []
	# Fri 9 Jan, before the hold: 2 working days overdue (8, 9 Jan).
	assert alerts_on(england, c, date(2026, 1, 9)) == [Alert(AlertKind.OVERDUE, WED_7_JAN_2026, TO_HANDLER)]


# -- due soon, due today, overdue, escalation ------------------------------------------


@pytest.mark.parametrize(
	("today", "expected"),
	[
		# Fri 2 Jan 2026: 7 working days used, 3 left: on track.
		(date(2026, 1, 2), []),
		# Mon 5 Jan: 8 used, 2 left; Tue 6 Jan: 9 used, 1 left (due soon is 2 or fewer).
		(date(2026, 1, 5), [AlertKind.DUE_SOON]),
		(date(2026, 1, 6), [AlertKind.DUE_SOON]),
		(date(2026, 1, 7), [AlertKind.DUE_TODAY]),
		# Thu 8 Jan: 1 working day overdue.
		(date(2026, 1, 8), [AlertKind.OVERDUE]),
	],
)
def test_christmas_stage_through_its_due_date(england, today, expected):
	alerts = alerts_on(england, christmas_clock(england), today)
	assert [a.kind for a in alerts] == expected
	assert all(a.due == WED_7_JAN_2026 and a.recipients == TO_HANDLER for a in alerts)


@pytest.mark.parametrize(
	("today", "expected"),
	[
		# Received Mon 2 Mar 2026, 25 working days: 3-6 Mar (4), 9-13 (9), 16-20 (14), 23-27 (19),
		# 30-31 (21), 1-2 Apr (23), then Good Friday and Easter Monday, 7 Apr (24), 8 Apr (25).
		# Wed 1 Apr: 22 used, 3 left.
		(date(2026, 4, 1), []),
		# Thu 2 Apr: 2 left; Tue 7 Apr: 1 left.
		(date(2026, 4, 2), [Alert(AlertKind.DUE_SOON, date(2026, 4, 8), TO_HANDLER)]),
		(date(2026, 4, 7), [Alert(AlertKind.DUE_SOON, date(2026, 4, 8), TO_HANDLER)]),
		(date(2026, 4, 8), [Alert(AlertKind.DUE_TODAY, date(2026, 4, 8), TO_HANDLER)]),
		# Easter Monday: a bank holiday, nothing.
		(date(2026, 4, 6), []),
	],
)
def test_easter_stage_through_its_due_date(england, today, expected):
	c = StageClock(england, date(2026, 3, 2), Target(25))
	assert alerts_on(england, c, today) == expected


def test_escalation_at_exactly_the_policy_days(england):
	c = christmas_clock(england)
	# Tue 13 Jan 2026: 4 working days overdue (8, 9, 12, 13 Jan): the handler only.
	assert c.state(date(2026, 1, 13)).days_overdue == 4
	assert alerts_on(england, c, date(2026, 1, 13)) == [Alert(AlertKind.OVERDUE, WED_7_JAN_2026, TO_HANDLER)]
	# Wed 14 Jan: 5 working days overdue, the default: the area manager and Complaints Managers too.
	expected = [
		Alert(AlertKind.OVERDUE, WED_7_JAN_2026, TO_HANDLER),
		Alert(AlertKind.ESCALATION, WED_7_JAN_2026, TO_ESCALATION),
	]
	assert alerts_on(england, c, date(2026, 1, 14)) == expected
	# Thu 15 Jan, 6 overdue: still due (the sender's log keeps it to one message).
	assert alerts_on(england, c, date(2026, 1, 15)) == expected


def test_escalation_after_a_shorter_policy(england):
	c = christmas_clock(england)
	policy = AlertPolicy(escalate_after_days=3)
	# Fri 9 Jan 2026: 2 overdue (8, 9 Jan); Mon 12 Jan: 3 overdue.
	assert [a.kind for a in alerts_on(england, c, date(2026, 1, 9), policy)] == [AlertKind.OVERDUE]
	assert [a.kind for a in alerts_on(england, c, date(2026, 1, 12), policy)] == [
		AlertKind.OVERDUE,
		AlertKind.ESCALATION,
	]


def test_procedure_threshold_overrides_a_longer_policy(england):
	c = christmas_clock(england)
	# The procedure escalates after 3 working days, the policy after 5.
	# Fri 9 Jan 2026: 2 overdue; Mon 12 Jan: 3 overdue (8, 9, 12 Jan).
	assert [a.kind for a in alerts_on(england, c, date(2026, 1, 9), escalate_after_days=3)] == [
		AlertKind.OVERDUE
	]
	assert alerts_on(england, c, date(2026, 1, 12), escalate_after_days=3) == [
		Alert(AlertKind.OVERDUE, WED_7_JAN_2026, TO_HANDLER),
		Alert(AlertKind.ESCALATION, WED_7_JAN_2026, TO_ESCALATION),
	]


def test_procedure_threshold_overrides_a_shorter_policy(england):
	c = christmas_clock(england)
	# The procedure escalates after 10 working days, the policy after 5.
	# Wed 14 Jan 2026 is 5 overdue: no escalation yet. Tue 20 Jan is 9 overdue
	# (8, 9, 12, 13, 14, 15, 16, 19, 20 Jan); Wed 21 Jan is 10.
	for today in (date(2026, 1, 14), date(2026, 1, 20)):
		assert [a.kind for a in alerts_on(england, c, today, escalate_after_days=10)] == [AlertKind.OVERDUE]
	assert [a.kind for a in alerts_on(england, c, date(2026, 1, 21), escalate_after_days=10)] == [
		AlertKind.OVERDUE,
		AlertKind.ESCALATION,
	]


def test_escalation_recipients_without_area_manager_or_handler(england):
	c = christmas_clock(england)
	# Wed 14 Jan 2026, 5 overdue. No area manager: the Complaints Managers only.
	assert alerts_on(england, c, date(2026, 1, 14), area_manager=None) == [
		Alert(AlertKind.OVERDUE, WED_7_JAN_2026, TO_HANDLER),
		Alert(AlertKind.ESCALATION, WED_7_JAN_2026, (COMPLAINTS_MANAGER,)),
	]
	# No handler: the handler's alert has nobody to go to, the escalation still goes.
	assert alerts_on(england, c, date(2026, 1, 14), handler=None) == [
		Alert(AlertKind.ESCALATION, WED_7_JAN_2026, TO_ESCALATION)
	]


def test_escalation_switched_off(england):
	c = christmas_clock(england)
	policy = AlertPolicy(enabled=DEFAULTS.enabled - {AlertKind.ESCALATION})
	# Wed 14 Jan 2026, 5 overdue: the handler is still told, nobody else.
	assert alerts_on(england, c, date(2026, 1, 14), policy) == [
		Alert(AlertKind.OVERDUE, WED_7_JAN_2026, TO_HANDLER)
	]


def test_escalation_counts_working_days_for_a_calendar_day_target(england):
	# Received Fri 19 Dec 2025, 28 calendar days: due Fri 16 Jan 2026.
	c = StageClock(england, FRI_19_DEC_2025, Target(28, DayUnit.CALENDAR))
	assert c.due == date(2026, 1, 16)
	# Wed 21 Jan: 5 calendar days overdue (17-21 Jan) but 3 working days (19, 20, 21 Jan).
	assert [a.kind for a in alerts_on(england, c, date(2026, 1, 21))] == [AlertKind.OVERDUE]
	# Fri 23 Jan: 5 working days overdue (19, 20, 21, 22, 23 Jan).
	assert [a.kind for a in alerts_on(england, c, date(2026, 1, 23))] == [
		AlertKind.OVERDUE,
		AlertKind.ESCALATION,
	]


# -- acknowledgement --------------------------------------------------------------------


def test_acknowledgement_due_today_then_overdue(england):
	c = christmas_clock(england)
	# Acknowledgement due 3 working days after Fri 19 Dec 2025 (22, 23, 24 Dec): Wed 24 Dec.
	ack = {"acknowledgement_due": date(2025, 12, 24), "acknowledged": False}
	assert alerts_on(england, c, date(2025, 12, 23), **ack) == []
	assert alerts_on(england, c, date(2025, 12, 24), **ack) == [
		Alert(AlertKind.ACK_DUE_TODAY, date(2025, 12, 24), TO_HANDLER)
	]
	# Mon 29 Dec, the next working day (the clock is on track: 4 used, 6 left).
	assert alerts_on(england, c, date(2025, 12, 29), **ack) == [
		Alert(AlertKind.ACK_OVERDUE, date(2025, 12, 24), TO_HANDLER)
	]


def test_no_acknowledgement_alert_once_acknowledged(england):
	c = christmas_clock(england)
	ack = {"acknowledgement_due": date(2025, 12, 24), "acknowledged": True}
	assert alerts_on(england, c, date(2025, 12, 24), **ack) == []
	assert alerts_on(england, c, date(2025, 12, 29), **ack) == []


# -- statement of complaint -------------------------------------------------------------


@pytest.mark.parametrize(
	("officer", "handler", "recipients"),
	[
		(OFFICER, HANDLER, ((USER, OFFICER), (USER, HANDLER))),
		(HANDLER, HANDLER, ((USER, HANDLER),)),
		(None, HANDLER, ((USER, HANDLER),)),
		(OFFICER, None, ((USER, OFFICER),)),
	],
)
def test_statement_not_agreed(england, officer, handler, recipients):
	# Stage 2 received Mon 2 Mar 2026, 25 working days (due Wed 8 Apr). The statement of
	# complaint is due 10 working days in: 3, 4, 5, 6, 9, 10, 11, 12, 13, 16 Mar, so Mon 16 Mar.
	c = StageClock(england, date(2026, 3, 2), Target(25))
	facts = {"statement_due": date(2026, 3, 16), "investigating_officer": officer, "handler": handler}
	assert alerts_on(england, c, date(2026, 3, 16), **facts) == []
	# Tue 17 Mar: not agreed in time (the clock is on track: 11 used, 14 left).
	assert alerts_on(england, c, date(2026, 3, 17), **facts) == [
		Alert(AlertKind.STATEMENT_NOT_AGREED, date(2026, 3, 16), recipients)
	]


# -- responded stages: the escalation window --------------------------------------------


def test_responded_stage_alerts_only_the_closing_window_over_a_weekend(england):
	# Responded Tue 6 Jan 2026, within time; the complainant may escalate until Mon 12 Jan.
	c = christmas_clock(england, responded_on=date(2026, 1, 6))
	assert c.state(date(2026, 1, 9)).status is Status.MET
	noise = {
		"responded": True,
		"escalation_deadline": date(2026, 1, 12),
		"acknowledgement_due": date(2025, 12, 24),
		"acknowledged": False,
		"statement_due": date(2026, 1, 2),
		"investigating_officer": OFFICER,
	}
	# Fri 9 Jan: one working day before Mon 12 Jan (the weekend does not count).
	assert alerts_on(england, c, date(2026, 1, 9), ALL_ON, **noise) == [
		Alert(AlertKind.WINDOW_CLOSING, date(2026, 1, 12), TO_HANDLER)
	]
	# Thu 8 Jan is two working days before (9, 12 Jan); Mon 12 Jan is the last day itself.
	assert alerts_on(england, c, date(2026, 1, 8), ALL_ON, **noise) == []
	assert alerts_on(england, c, date(2026, 1, 12), ALL_ON, **noise) == []


@pytest.mark.parametrize(
	("today", "expected"),
	[
		# The window closes Tue 7 Apr 2026. Wed 1 Apr: two working days before (2, 7 Apr).
		(date(2026, 4, 1), []),
		# Thu 2 Apr: one working day before (Good Friday, the weekend and Easter Monday between).
		(date(2026, 4, 2), [Alert(AlertKind.WINDOW_CLOSING, date(2026, 4, 7), TO_HANDLER)]),
		(date(2026, 4, 7), []),
	],
)
def test_closing_window_over_easter(england, today, expected):
	assert alerts_on(england, None, today, ALL_ON, responded=True, escalation_deadline=date(2026, 4, 7)) == (
		expected
	)


def test_closing_window_only_when_switched_on(england):
	facts = {"responded": True, "escalation_deadline": date(2026, 4, 7)}
	# Thu 2 Apr 2026 is the day, but the default policy leaves this kind off.
	assert AlertKind.WINDOW_CLOSING not in DEFAULTS.enabled
	assert alerts_on(england, None, date(2026, 4, 2), DEFAULTS, **facts) == []
	# Switched on, but the stage has no handler: nobody to tell.
	assert alerts_on(england, None, date(2026, 4, 2), ALL_ON, handler=None, **facts) == []


# -- interim deadlines: panels and Ombudsman recommendations ---------------------------

# A review panel meeting due Mon 5 Jan 2026, alerted 2 working days ahead.
MON_5_JAN_2026 = date(2026, 1, 5)
PANEL = Deadline(AlertKind.PANEL_MEETING, MON_5_JAN_2026, TO_HANDLER, soon_days=2)


@pytest.mark.parametrize(
	("today", "phase"),
	[
		# Tue 30 Dec 2025: 3 working days to go (31 Dec, 2 Jan, 5 Jan): too early.
		(date(2025, 12, 30), None),
		# Wed 31 Dec: 2 to go (2, 5 Jan; New Year's Day is a bank holiday).
		(date(2025, 12, 31), "soon"),
		(date(2026, 1, 2), "soon"),
		# Due today counts as soon.
		(MON_5_JAN_2026, "soon"),
		(date(2026, 1, 6), "overdue"),
		(date(2026, 1, 12), "overdue"),
		# New Year's Day and a Sunday: nothing.
		(date(2026, 1, 1), None),
		(date(2026, 1, 11), None),
	],
)
def test_panel_deadline_soon_then_overdue(england, today, phase):
	expected = [Alert(AlertKind.PANEL_MEETING, MON_5_JAN_2026, TO_HANDLER, phase)] if phase else []
	assert deadline_alerts(PANEL, today, england, DEFAULTS) == expected


def test_deadline_with_no_warning_days_is_soon_only_on_the_day(england):
	same_day = Deadline(AlertKind.PANEL_REPORT, MON_5_JAN_2026, TO_HANDLER, soon_days=0)
	# Fri 2 Jan 2026 is one working day before: nothing yet.
	assert deadline_alerts(same_day, date(2026, 1, 2), england, DEFAULTS) == []
	assert deadline_alerts(same_day, MON_5_JAN_2026, england, DEFAULTS) == [
		Alert(AlertKind.PANEL_REPORT, MON_5_JAN_2026, TO_HANDLER, "soon")
	]


def test_recommendation_due_over_easter(england):
	# Due Wed 8 Apr 2026, to the Complaints Managers, 5 working days ahead. Counting back:
	# 8, 7 Apr (then Easter Monday, the weekend and Good Friday), 2, 1 Apr, 31, 30 Mar.
	rec = Deadline(AlertKind.RECOMMENDATION, date(2026, 4, 8), (COMPLAINTS_MANAGER,), soon_days=5)
	# Fri 27 Mar: 6 working days to go (30, 31 Mar, 1, 2, 7, 8 Apr).
	assert deadline_alerts(rec, date(2026, 3, 27), england, DEFAULTS) == []
	# Mon 30 Mar: 5 to go.
	assert deadline_alerts(rec, date(2026, 3, 30), england, DEFAULTS) == [
		Alert(AlertKind.RECOMMENDATION, date(2026, 4, 8), (COMPLAINTS_MANAGER,), "soon")
	]
	assert deadline_alerts(rec, date(2026, 4, 9), england, DEFAULTS) == [
		Alert(AlertKind.RECOMMENDATION, date(2026, 4, 8), (COMPLAINTS_MANAGER,), "overdue")
	]


def test_deadline_switched_off_or_without_recipients(england):
	off = AlertPolicy(enabled=DEFAULTS.enabled - {AlertKind.PANEL_MEETING})
	nobody = Deadline(AlertKind.PANEL_MEETING, MON_5_JAN_2026, (), soon_days=2)
	for today in (date(2026, 1, 2), date(2026, 1, 6)):  # soon, then overdue
		assert deadline_alerts(PANEL, today, england, off) == []
		assert deadline_alerts(nobody, today, england, DEFAULTS) == []


def panel_key(alert: Alert) -> str:
	return alert_key("Complaint Review Panel", "PANEL-0001", alert.kind, alert.due, HANDLER, alert.phase)


def test_soon_and_overdue_for_one_date_have_different_keys(england):
	# Fri 2 Jan 2026 (soon) and Tue 6 Jan (overdue) for the meeting due Mon 5 Jan.
	(soon,) = deadline_alerts(PANEL, date(2026, 1, 2), england, DEFAULTS)
	(late,) = deadline_alerts(PANEL, date(2026, 1, 6), england, DEFAULTS)
	assert panel_key(soon) == (
		"Complaint Review Panel|PANEL-0001|Review panel meeting due (soon)|2026-01-05|handler@council.gov.uk"
	)
	assert panel_key(late) == (
		"Complaint Review Panel|PANEL-0001|Review panel meeting due (overdue)|2026-01-05|handler@council.gov.uk"
	)
	# The soon alert of Wed 31 Dec is the same one as Fri 2 Jan's: it goes once.
	(earlier,) = deadline_alerts(PANEL, date(2025, 12, 31), england, DEFAULTS)
	assert panel_key(earlier) == panel_key(soon)


# -- alert keys -------------------------------------------------------------------------


def key(alert: Alert, recipient: str = HANDLER) -> str:
	return alert_key("Complaint Stage", "CS-0001", alert.kind, alert.due, recipient, alert.phase)


def test_alert_key_is_stable_while_the_due_date_holds(england):
	# Overdue on Thu 8 Jan and on Fri 9 Jan 2026, built from two separate clocks: one key.
	(thursday,) = alerts_on(england, christmas_clock(england), date(2026, 1, 8))
	(friday,) = alerts_on(england, christmas_clock(england), date(2026, 1, 9))
	assert (
		key(thursday)
		== key(friday)
		== "Complaint Stage|CS-0001|Response overdue|2026-01-07|handler@council.gov.uk"
	)


def test_alert_key_changes_when_an_extension_moves_the_due_date(england):
	(before,) = alerts_on(england, christmas_clock(england), date(2026, 1, 8))
	# 5 more working days agreed: 8, 9, 12, 13, 14 Jan, so due Wed 14 Jan; overdue Thu 15 Jan.
	extended = christmas_clock(england, extensions=[Extension(5, "awaiting records")])
	assert alerts_on(england, extended, date(2026, 1, 8)) == []
	(after,) = alerts_on(england, extended, date(2026, 1, 15))
	assert key(before) == "Complaint Stage|CS-0001|Response overdue|2026-01-07|handler@council.gov.uk"
	assert key(after) == "Complaint Stage|CS-0001|Response overdue|2026-01-14|handler@council.gov.uk"


def test_alert_key_parts():
	assert alert_key("Complaint", "C-0001", AlertKind.DIGEST, None, MANAGER) == (
		"Complaint|C-0001|Daily digest|-|area.manager@council.gov.uk"
	)
	# Each recipient has its own key.
	escalation = Alert(AlertKind.ESCALATION, WED_7_JAN_2026, TO_ESCALATION)
	assert key(escalation, MANAGER) != key(escalation, "Complaints Manager")
	assert key(escalation, "Complaints Manager") == (
		"Complaint Stage|CS-0001|Overdue, escalated|2026-01-07|Complaints Manager"
	)
