"""The SLA core: working-day calendars and stage clocks, in plain Python.

Nothing here imports frappe. Doctype controllers, scheduled jobs and reports
call it; plain pytest tests it (``tests/``). See ``calendar`` and ``clock``
for the conventions, with a worked example.
"""

from complaints_app.sla.calendar import FIRST_YEAR, LAST_YEAR, Nation, WorkingCalendar, bank_holidays
from complaints_app.sla.clock import (
	ClockPolicy,
	ClockState,
	DayUnit,
	Extension,
	Pause,
	StageClock,
	Status,
	Target,
	count_days,
	elapsed_days,
	start_day_for,
	validate_extensions,
	validate_pauses,
)
from complaints_app.sla.errors import (
	CalendarConflictError,
	DateOutOfRangeError,
	ExtensionCapError,
	InvalidExtensionError,
	InvalidTargetError,
	OverlappingPausesError,
	PauseOrderError,
	ResponseBeforeStartError,
	SLAError,
	UnknownNationError,
)

__all__ = [
	"FIRST_YEAR",
	"LAST_YEAR",
	"CalendarConflictError",
	"ClockPolicy",
	"ClockState",
	"DateOutOfRangeError",
	"DayUnit",
	"Extension",
	"ExtensionCapError",
	"InvalidExtensionError",
	"InvalidTargetError",
	"Nation",
	"OverlappingPausesError",
	"Pause",
	"PauseOrderError",
	"ResponseBeforeStartError",
	"SLAError",
	"StageClock",
	"Status",
	"Target",
	"UnknownNationError",
	"WorkingCalendar",
	"bank_holidays",
	"count_days",
	"elapsed_days",
	"start_day_for",
	"validate_extensions",
	"validate_pauses",
]
