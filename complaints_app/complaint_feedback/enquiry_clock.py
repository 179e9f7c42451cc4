"""The clock of a member enquiry (a representation from a councillor, an MP or a senior leader).

Plain Python on the SLA core; nothing here imports frappe. ``MemberEnquiry`` (the doctype)
and the daily job hand it plain values and store what it computes.

The rules, counted the way complaint stage clocks count them (``complaints_app.sla.clock``)
-----------------------------------------------------------------------------------------
* **Day 0** is the day the enquiry was received. Received on a non-working day, or after
  the council's same-day cut-off (a time of receipt later than it, or an enquiry marked as
  received after it), day 0 is the next working day. Without a cut-off, the day counts.
* **Target.** The response is due on the n-th working day after day 0 (n is the target,
  10 by default; Complaints Settings can change it for enquiries received afterwards).
* **An agreed new date** replaces that target: the member agreed a date at the outset. It
  cannot be before day 0.
* **Extensions** each give a new due date, later than the one they replace by at least one
  working day. As with a stage's extensions, the working days they add together can be
  capped (no cap unless one is set).
* **The due date in force** is the last extension's new date, else the agreed date, else
  the target. ``within_target`` is a response on or before it; ``within_original_target``
  a response on or before the target alone, whatever was agreed.

Worked example (England, Easter 2026)
-------------------------------------
Received on Thursday 2 April 2026, before the cut-off: day 0 is 2 April. Not working: 3
April (Good Friday), 4-5 April (weekend), 6 April (Easter Monday), 11-12 and 18-19 April
(weekends). The working days after day 0 are 7, 8, 9, 10, 13, 14, 15, 16, 17 and 20 April,
so **10 working days are due on Monday 20 April 2026**. In Scotland, where Easter Monday is
not a bank holiday, the same enquiry is due on Friday 17 April 2026.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from complaints_app.sla import (
	ClockPolicy,
	ClockState,
	Extension,
	InvalidExtensionError,
	ResponseBeforeStartError,
	SLAError,
	Status,
	WorkingCalendar,
	count_days,
	start_day_for,
	validate_extensions,
)

DEFAULT_TARGET_DAYS = 10


class EnquiryDateError(SLAError):
	"""An agreed date or an extension dated before the enquiry's clock started."""


@dataclass(frozen=True)
class NewDueDate:
	"""An extension of a member enquiry: the new due date agreed, why, and when it was agreed."""

	new_due_date: date
	reason: str = ""
	agreed_on: date | None = None


class EnquiryClock:
	"""The clock of one member enquiry. Build it, then ask it questions; it never changes."""

	__slots__ = (
		"agreed_due_date",
		"calendar",
		"due",
		"extension_days",
		"extensions",
		"original_due",
		"policy",
		"received",
		"received_after_cutoff",
		"responded_on",
		"start_day",
		"target_days",
	)

	def __init__(
		self,
		calendar: WorkingCalendar,
		received: datetime | date,
		target_days: int = DEFAULT_TARGET_DAYS,
		agreed_due_date: date | None = None,
		extensions: Sequence[NewDueDate] = (),
		responded_on: date | None = None,
		max_extension_days: int | None = None,
		policy: ClockPolicy | None = None,
		received_after_cutoff: bool = False,
	) -> None:
		if isinstance(target_days, bool) or not isinstance(target_days, int) or target_days < 0:
			raise EnquiryDateError(f"The target needs a whole number of working days, not {target_days!r}.")
		self.calendar = calendar
		self.received = received
		self.target_days = target_days
		self.policy = policy or ClockPolicy()
		self.received_after_cutoff = received_after_cutoff
		self.start_day = self._start_day()
		self.original_due = calendar.add_working_days(self.start_day, target_days)
		self.agreed_due_date = agreed_due_date
		if agreed_due_date is not None and agreed_due_date < self.start_day:
			raise EnquiryDateError(
				f"The agreed date ({agreed_due_date.isoformat()}) is before the enquiry's clock started "
				f"({self.start_day.isoformat()})."
			)
		self.extensions = tuple(extensions)
		self.due, self.extension_days = self._extend(agreed_due_date or self.original_due, max_extension_days)
		received_day = received.date() if isinstance(received, datetime) else received
		if responded_on is not None and responded_on < received_day:
			raise ResponseBeforeStartError(
				f"The response ({responded_on.isoformat()}) is dated before the enquiry was received "
				f"({received_day.isoformat()})."
			)
		self.responded_on = responded_on

	def __repr__(self) -> str:
		return (
			f"EnquiryClock({self.target_days} working days from {self.start_day.isoformat()}, due {self.due})"
		)

	def _start_day(self) -> date:
		"""Day 0; the day known without its time counts as after the cut-off when it was marked so."""
		late = self.received_after_cutoff and self.policy.cutoff is not None
		if late and not isinstance(self.received, datetime):
			return self.calendar.next_working_day(self.received)
		return start_day_for(self.calendar, self.received, self.policy.cutoff)

	def _extend(self, due: date, cap: int | None) -> tuple[date, int]:
		"""Apply the extensions in order: each moves the due date later; their working days are capped."""
		received_day = self.received.date() if isinstance(self.received, datetime) else self.received
		added = []
		for number, extension in enumerate(self.extensions, start=1):
			if extension.agreed_on is not None and extension.agreed_on < received_day:
				raise EnquiryDateError(
					f"Extension {number} was agreed ({extension.agreed_on.isoformat()}) before the enquiry "
					f"was received ({received_day.isoformat()})."
				)
			days = self.calendar.working_days_between(due, extension.new_due_date)
			if days <= 0:
				raise InvalidExtensionError(
					f"Extension {number} must move the due date ({due.isoformat()}) later by at least one "
					f"working day, not to {extension.new_due_date.isoformat()}."
				)
			added.append(Extension(days, extension.reason, agreed_on=extension.agreed_on))
			due = extension.new_due_date
		validate_extensions(added, cap)
		return due, sum(e.days for e in added)

	# -- answers ---------------------------------------------------------------

	def elapsed(self, on: date) -> int:
		"""Working days used from day 0 to ``on``."""
		return count_days(self.calendar, self.start_day, on)

	def state(self, on: date) -> ClockState:
		"""Status on a day, as a stage clock reports it. A response dated after ``on`` is not yet made."""
		if self.responded_on is not None and self.responded_on <= on:
			used = self.elapsed(self.responded_on)
			status = Status.MET if self.responded_on <= self.due else Status.MET_LATE
			return ClockState(
				on, status, self.due, used, self.calendar.working_days_between(self.responded_on, self.due)
			)
		used = self.elapsed(on)
		if on > self.due:
			overdue = count_days(self.calendar, self.due, on)
			return ClockState(on, Status.OVERDUE, self.due, used, -overdue, overdue)
		if on == self.due:
			return ClockState(on, Status.DUE_TODAY, self.due, used, 0)
		remaining = count_days(self.calendar, on, self.due)
		status = Status.DUE_SOON if remaining <= self.policy.due_soon_days else Status.ON_TRACK
		return ClockState(on, status, self.due, used, remaining)

	def within_target(self) -> bool | None:
		"""Responded on or before the due date in force (agreed date and extensions included)? None until then."""
		return None if self.responded_on is None else self.responded_on <= self.due

	def within_original_target(self) -> bool | None:
		"""Responded within the target alone, whatever was agreed later? None until then."""
		return None if self.responded_on is None else self.responded_on <= self.original_due
