"""Typed errors for compliments and member enquiries, so tests and API clients can tell refusals apart."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import frappe
from frappe import _

from complaints_app import sla
from complaints_app.complaint_feedback.enquiry_clock import EnquiryDateError
from complaints_app.complaints.errors import ComplaintsError, ExtensionCapExceededError


class FeedbackError(ComplaintsError):
	"""Base class for refusals about compliments and member enquiries."""


class ComplimentSubmissionError(FeedbackError):
	"""A compliment from the public form that cannot be accepted as it is."""


class MemberEnquiryError(FeedbackError):
	"""A member enquiry whose details do not fit together."""


class EnquiryClockError(MemberEnquiryError):
	"""A date the enquiry's clock refuses: an agreed date, a response or an extension out of order."""


class EnquiryExtensionError(EnquiryClockError):
	"""An extension that does not move the due date later."""


class EnquiryComplaintError(MemberEnquiryError):
	"""A complaint that cannot be made from this enquiry (one is linked already, or no constituent)."""


class ComplaintNotReadableError(frappe.PermissionError):
	"""Linking an enquiry to a complaint the person linking it may not open."""


_SLA_TO_FRAPPE: dict[type[sla.SLAError], type[ComplaintsError]] = {
	sla.ExtensionCapError: ExtensionCapExceededError,
	sla.InvalidExtensionError: EnquiryExtensionError,
	EnquiryDateError: EnquiryClockError,
}


@contextmanager
def enquiry_clock_errors() -> Iterator[None]:
	"""Turn a refusal of the SLA core into the matching typed Frappe validation error."""
	try:
		yield
	except sla.SLAError as e:
		frappe.throw(str(e), exc=_SLA_TO_FRAPPE.get(type(e), EnquiryClockError), title=_("Due date"))
