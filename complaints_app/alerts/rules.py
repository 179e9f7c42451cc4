"""Which staff alerts are due on a day: plain Python, no frappe import.

The scan (``complaints_app.alerts.scan``) hands each running stage, panel and Ombudsman
recommendation here as plain facts, with the SLA core's clock state for the day, and
sends what comes back. Member enquiries, learning actions, contact restrictions and
reasonable adjustments come as dated facts (a due date or a review date, and who to tell). An alert is identified by (record, kind, the due date it refers
to, recipient): the sender keeps a log with that key, so an alert goes once, and goes
again only when its due date moves (an extension or a pause).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from enum import Enum

from complaints_app.sla import ClockState, Status, WorkingCalendar


class AlertKind(str, Enum):
	NEW_CASE = "New case"
	ACK_DUE_TODAY = "Acknowledgement due today"
	ACK_OVERDUE = "Acknowledgement overdue"
	DUE_SOON = "Response due soon"
	DUE_TODAY = "Response due today"
	OVERDUE = "Response overdue"
	ESCALATION = "Overdue, escalated"
	STATEMENT_NOT_AGREED = "Statement of complaint not agreed"
	PANEL_MEETING = "Review panel meeting due"
	PANEL_REPORT = "Review panel report due"
	PANEL_COUNCIL_RESPONSE = "Council response to panel due"
	RECOMMENDATION = "Ombudsman recommendation due"
	WINDOW_CLOSING = "Escalation window closing"
	DIGEST = "Daily digest"
	ENQUIRY_DUE_SOON = "Member enquiry due soon"
	ENQUIRY_DUE_TODAY = "Member enquiry due today"
	ENQUIRY_OVERDUE = "Member enquiry overdue"
	LEARNING_ACTION_OVERDUE = "Learning action overdue"
	RESTRICTION_REVIEW = "Contact restriction review due"
	ADJUSTMENTS_REVIEW = "Reasonable adjustments review due"


# Who an alert goes to: a user, or every enabled user with a role.
USER, ROLE = "user", "role"
COMPLAINTS_MANAGER = (ROLE, "Complaints Manager")


@dataclass(frozen=True)
class AlertPolicy:
	"""What Complaints Settings switch on, and their timings (working days)."""

	enabled: frozenset[AlertKind] = frozenset(AlertKind) - {AlertKind.WINDOW_CLOSING}
	escalate_after_days: int = 5
	statement_within_days: int = 10
	recommendation_due_soon_days: int = 5
	panel_due_soon_days: int = 2
	enquiry_due_soon_days: int = 2


@dataclass(frozen=True)
class Alert:
	kind: AlertKind
	due: date | None
	recipients: tuple[tuple[str, str], ...]
	phase: str = ""  # "soon" or "overdue" for interim deadlines, which alert twice for one date


@dataclass(frozen=True)
class StageFacts:
	"""What the rules need of one running stage."""

	handler: str | None
	area_manager: str | None
	clock: ClockState | None
	acknowledgement_due: date | None
	acknowledged: bool
	escalate_after_days: int | None = None  # the procedure's own, else the policy's
	statement_due: date | None = None  # investigation stages whose statement is not yet agreed
	investigating_officer: str | None = None
	escalation_deadline: date | None = None  # responded stages whose complainant may still escalate
	responded: bool = False


@dataclass(frozen=True)
class Deadline:
	"""An interim date with a person responsible: panel dates and Ombudsman recommendations."""

	kind: AlertKind
	due: date
	recipients: tuple[tuple[str, str], ...] = field(default_factory=tuple)
	soon_days: int = 0


def _people(*users: str | None, roles: tuple[tuple[str, str], ...] = ()) -> tuple[tuple[str, str], ...]:
	seen = [(USER, u) for u in dict.fromkeys(u for u in users if u)]
	return tuple(seen) + roles


def stage_alerts(
	facts: StageFacts, today: date, calendar: WorkingCalendar, policy: AlertPolicy
) -> list[Alert]:
	"""The alerts a stage calls for today; none on a council non-working day, none for a paused clock."""
	if not calendar.is_working_day(today):
		return []
	return [
		a for a in _stage_alerts(facts, today, calendar, policy) if a.kind in policy.enabled and a.recipients
	]


def _stage_alerts(
	facts: StageFacts, today: date, calendar: WorkingCalendar, policy: AlertPolicy
) -> Iterator[Alert]:
	handler = _people(facts.handler)
	if facts.responded:
		deadline = facts.escalation_deadline
		if deadline and calendar.working_days_between(today, deadline) == 1:
			yield Alert(AlertKind.WINDOW_CLOSING, deadline, handler)
		return
	state = facts.clock
	if state.status is Status.PAUSED:
		return
	if facts.acknowledgement_due and not facts.acknowledged:
		if today == facts.acknowledgement_due:
			yield Alert(AlertKind.ACK_DUE_TODAY, facts.acknowledgement_due, handler)
		elif today > facts.acknowledgement_due:
			yield Alert(AlertKind.ACK_OVERDUE, facts.acknowledgement_due, handler)
	if facts.statement_due and today > facts.statement_due:
		yield Alert(
			AlertKind.STATEMENT_NOT_AGREED,
			facts.statement_due,
			_people(facts.investigating_officer, facts.handler),
		)
	if state.status is Status.DUE_SOON:
		yield Alert(AlertKind.DUE_SOON, state.due, handler)
	elif state.status is Status.DUE_TODAY:
		yield Alert(AlertKind.DUE_TODAY, state.due, handler)
	elif state.status is Status.OVERDUE:
		yield Alert(AlertKind.OVERDUE, state.due, handler)
		after = facts.escalate_after_days or policy.escalate_after_days
		# Working days, whatever the target's unit: a 28-calendar-day stage escalates alike.
		if calendar.working_days_between(state.due, today) >= after:
			yield Alert(
				AlertKind.ESCALATION, state.due, _people(facts.area_manager, roles=(COMPLAINTS_MANAGER,))
			)


def deadline_alerts(
	deadline: Deadline, today: date, calendar: WorkingCalendar, policy: AlertPolicy
) -> list[Alert]:
	"""A panel date or an Ombudsman recommendation: once when due soon (or today), once when overdue."""
	if not calendar.is_working_day(today) or deadline.kind not in policy.enabled or not deadline.recipients:
		return []
	if today > deadline.due:
		return [Alert(deadline.kind, deadline.due, deadline.recipients, "overdue")]
	if calendar.working_days_between(today, deadline.due) <= deadline.soon_days:
		return [Alert(deadline.kind, deadline.due, deadline.recipients, "soon")]
	return []


def alert_key(
	doctype: str,
	name: str,
	kind: AlertKind,
	due: date | None,
	recipient: str,
	phase: str = "",
	part: str = "",
) -> str:
	"""The identity of one alert: it is sent once, and again only if ``due`` moves.

	``part`` names a row of the record when one record has several things due (recommendations).
	"""
	record = f"{name}#{part}" if part else name
	kind_text = kind.value + (f" ({phase})" if phase else "")
	return "|".join((doctype, record, kind_text, due.isoformat() if due else "-", recipient))


# -- member enquiries, learning actions and reviews ---------------------------------------


@dataclass(frozen=True)
class EnquiryFacts:
	"""A member enquiry: its current due date (agreed or extended), its handler and area manager."""

	handler: str | None
	area_manager: str | None
	due: date | None
	answered: bool  # responded to, or closed


@dataclass(frozen=True)
class ActionFacts:
	"""A learning action: its due date, its owner and the area's manager."""

	owner: str | None
	area_manager: str | None
	due: date | None
	finished: bool  # completed or cancelled


@dataclass(frozen=True)
class Review:
	"""A date on which someone must look at a decision again, and who that is."""

	kind: AlertKind
	review_date: date | None
	recipients: tuple[tuple[str, str], ...]


def enquiry_alerts(
	facts: EnquiryFacts, today: date, calendar: WorkingCalendar, policy: AlertPolicy
) -> list[Alert]:
	"""Due soon and due today to the handler; overdue to the handler and the area's Service Manager."""
	if not calendar.is_working_day(today) or facts.answered or facts.due is None:
		return []
	due, handler = facts.due, _people(facts.handler)
	if today > due:
		alert = Alert(AlertKind.ENQUIRY_OVERDUE, due, _people(facts.handler, facts.area_manager))
	elif today == due:
		alert = Alert(AlertKind.ENQUIRY_DUE_TODAY, due, handler)
	elif calendar.working_days_between(today, due) <= policy.enquiry_due_soon_days:
		alert = Alert(AlertKind.ENQUIRY_DUE_SOON, due, handler)
	else:
		return []
	return [alert] if alert.kind in policy.enabled and alert.recipients else []


def learning_action_alerts(
	facts: ActionFacts, today: date, calendar: WorkingCalendar, policy: AlertPolicy
) -> list[Alert]:
	"""Once the due date has passed, the owner and the area's Service Manager (again only if it moves)."""
	kind = AlertKind.LEARNING_ACTION_OVERDUE
	if not calendar.is_working_day(today) or kind not in policy.enabled:
		return []
	if facts.finished or facts.due is None or today <= facts.due:
		return []
	recipients = _people(facts.owner, facts.area_manager)
	return [Alert(kind, facts.due, recipients)] if recipients else []


def restriction_review(decided_by: str | None, review_date: date | None) -> Review:
	"""A contact restriction's review: the person who decided it and every Complaints Manager."""
	return Review(AlertKind.RESTRICTION_REVIEW, review_date, _people(decided_by, roles=(COMPLAINTS_MANAGER,)))


def adjustments_review(handler: str | None, review_date: date | None) -> Review:
	"""A complaint's reasonable adjustments: the current stage's handler, else the Complaints Managers."""
	recipients = _people(handler) if handler else (COMPLAINTS_MANAGER,)
	return Review(AlertKind.ADJUSTMENTS_REVIEW, review_date, recipients)


def review_alerts(review: Review, today: date, calendar: WorkingCalendar, policy: AlertPolicy) -> list[Alert]:
	"""From the review date on (the next working day when it falls on a day off); once per review date."""
	if not calendar.is_working_day(today) or review.kind not in policy.enabled:
		return []
	if review.review_date is None or today < review.review_date or not review.recipients:
		return []
	return [Alert(review.kind, review.review_date, review.recipients)]
