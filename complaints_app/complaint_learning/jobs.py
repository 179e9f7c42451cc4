"""The daily job of learning actions: ``overdue`` follows the calendar, set-based and idempotent."""

from __future__ import annotations

from datetime import date

import frappe
from frappe.query_builder import DocType
from frappe.utils import getdate, nowdate

from complaints_app.complaint_learning.doctype.learning_action.learning_action import OPEN_STATUSES


def run_daily() -> dict[str, int]:
	"""Mark the learning actions that passed their due date overnight, and clear the flag on any that no longer are.

	Two UPDATEs over the table, touching only rows whose flag is wrong, so a second run the
	same day changes nothing. The alert itself is sent by the alerts scan
	(``complaints_app.alerts.scan``), which reads the due date rather than this flag.
	"""
	return refresh_overdue(getdate(nowdate()))


def refresh_overdue(today: date) -> dict[str, int]:
	action = DocType("Learning Action")
	late = action.status.isin(OPEN_STATUSES) & action.due_date.isnotnull() & (action.due_date < today)
	not_late = action.status.notin(OPEN_STATUSES) | action.due_date.isnull() | (action.due_date >= today)
	marked = _set_overdue(action, late & (action.overdue == 0), 1)
	cleared = _set_overdue(action, not_late & (action.overdue == 1), 0)
	return {"marked overdue": marked, "no longer overdue": cleared}


def _set_overdue(action, criterion, value: int) -> int:
	names = frappe.qb.from_(action).select(action.name).where(criterion).run(pluck=True)
	if names:
		frappe.qb.update(action).set(action.overdue, value).where(action.name.isin(names)).run()
	return len(names)
