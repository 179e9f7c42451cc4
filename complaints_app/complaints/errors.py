"""Typed errors for the case model, so tests and API clients can tell refusals apart."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import frappe
from frappe import _

from complaints_app import sla


class ComplaintsError(frappe.ValidationError):
	"""Base class for every refusal of the complaints app."""


class EscalationError(ComplaintsError):
	pass


class StageNotRespondedError(EscalationError):
	"""Escalation asked before the current stage has a response."""


class NoNextStageError(EscalationError):
	"""The procedure has no stage after the current one."""


class SameHandlerError(EscalationError):
	"""The stage must be handled by someone other than the previous stage's handler."""


class EscalationWindowClosedError(EscalationError):
	"""The complainant asked for the next stage after the window closed."""


class ComplaintClosedError(ComplaintsError):
	"""The complaint is already closed."""


class ManualDueDateError(ComplaintsError):
	"""Someone tried to type a due date; they are computed."""


class ExtensionCapExceededError(ComplaintsError):
	"""Extensions past the cap the procedure sets."""


class PauseError(ComplaintsError):
	"""A pause period that ends before it starts or overlaps another."""


class ClockError(ComplaintsError):
	"""Any other clock input the SLA core refuses."""


class AgreedDateError(ComplaintsError):
	"""An agreed response date outside the procedure's limit."""


class ProcedureConfigError(ComplaintsError):
	"""A complaint procedure that cannot work as configured."""


class ReviewPanelError(ComplaintsError):
	"""A review panel without three independent members and one chair."""


class InvestigationError(ComplaintsError):
	"""An investigation whose people, stage or dates do not fit together."""


class OmbudsmanEnquiryError(ComplaintsError):
	"""An Ombudsman enquiry whose decision, recommendations or dates do not fit together."""


class TriageError(ComplaintsError):
	"""A service request or out-of-remit decision without its reason."""


class ClosureError(ComplaintsError):
	"""Closing a complaint with an outcome that does not close it, or without a reason."""


class ExtensionReasonError(ComplaintsError):
	"""An extension asked for without a reason."""


class ProtectedFieldError(ComplaintsError):
	"""An attempt to change, by hand or over REST, a value the app sets (a stage's timescales, an outcome)."""


class InvalidInputError(ComplaintsError):
	"""A field given a value of the wrong type (a list for a link, "2026-13-45" for a date)."""


_SLA_TO_FRAPPE: dict[type[sla.SLAError], type[ComplaintsError]] = {
	sla.ExtensionCapError: ExtensionCapExceededError,
	sla.InvalidExtensionError: ExtensionCapExceededError,
	sla.PauseOrderError: PauseError,
	sla.OverlappingPausesError: PauseError,
}


@contextmanager
def sla_errors_as_validation() -> Iterator[None]:
	"""Turn an SLA core refusal into the matching typed Frappe validation error."""
	try:
		yield
	except sla.SLAError as e:
		frappe.throw(str(e), exc=_SLA_TO_FRAPPE.get(type(e), ClockError), title=_("Clock"))
