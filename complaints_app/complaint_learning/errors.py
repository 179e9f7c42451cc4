"""Typed refusals of learning actions, so tests and API clients can tell them apart."""

from __future__ import annotations

from complaints_app.complaints.errors import ComplaintsError


class LearningActionError(ComplaintsError):
	"""Base class for every refusal of a learning action."""


class LearningSourceError(LearningActionError):
	"""A source record that does not exist, is of the wrong kind, or belongs to another complaint."""


class LearningOwnerError(LearningActionError):
	"""An owner who could not open or update the action."""


class LearningCompletionError(LearningActionError):
	"""A completion without its date or evidence, dated in the future, or on an action not completed."""
