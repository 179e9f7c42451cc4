"""Errors raised by the SLA core.

Every error is a :class:`ValueError` subclass whose message is one sentence a
complaints officer can act on. Controllers translate them into Frappe
validation errors; tests assert the exact class.
"""


class SLAError(ValueError):
	"""Base class for every mistake the SLA core refuses."""


class UnknownNationError(SLAError):
	"""The nation is not one of England, Wales, Scotland or Northern Ireland."""


class DateOutOfRangeError(SLAError):
	"""A date falls outside the years the working calendar covers."""


class CalendarConflictError(SLAError):
	"""A date is both a council closure day and a forced working day."""


class InvalidTargetError(SLAError):
	"""A target has a negative or non-integer number of days, or an unknown unit."""


class PauseOrderError(SLAError):
	"""A pause ends before it starts."""


class OverlappingPausesError(SLAError):
	"""Two pauses overlap, or a pause follows one that is still open."""


class InvalidExtensionError(SLAError):
	"""An extension does not add a positive whole number of days."""


class ExtensionCapError(SLAError):
	"""The extensions together go past the maximum the procedure allows."""


class ResponseBeforeStartError(SLAError):
	"""A response is dated before the clock started."""
