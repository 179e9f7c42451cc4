"""Typed refusals for contact restrictions, linked complaints and merging."""

from __future__ import annotations

from complaints_app.complaints.errors import ComplaintsError


class ContactRestrictionError(ComplaintsError):
	"""A contact restriction whose person, dates or status do not fit together."""


class ComplaintLinkError(ComplaintsError):
	"""A link between complaints that makes no sense (to itself, twice, or a merge typed by hand)."""


class MergeError(ComplaintsError):
	"""A merge that cannot be made: into itself, into a merged or answered complaint, or of one with a response."""
