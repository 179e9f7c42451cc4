"""Typed errors of retention, so tests and API clients can tell its refusals apart."""

from __future__ import annotations

from complaints_app.complaints.errors import ComplaintsError


class RetentionLogChangeError(ComplaintsError):
	"""A Complaint Retention Log is an audit record: once written it is never changed."""
