# Copyright (c) 2026, complaints_app contributors
# For license information, please see license.txt

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils import getdate

from complaints_app.complaints.errors import sla_errors_as_validation
from complaints_app.complaints.input_types import ComplaintsDocument
from complaints_app.sla import WorkingCalendar


class ComplaintsSettings(ComplaintsDocument):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from complaints_app.complaints.doctype.complaint_calendar_day.complaint_calendar_day import (
			ComplaintCalendarDay,
		)

		alert_acknowledgement: DF.Check
		alert_adjustments_review: DF.Check
		alert_assignment: DF.Check
		alert_due_soon: DF.Check
		alert_due_today: DF.Check
		alert_enquiry_due_soon: DF.Check
		alert_enquiry_due_today: DF.Check
		alert_enquiry_overdue: DF.Check
		alert_escalation: DF.Check
		alert_learning_action: DF.Check
		alert_new_case: DF.Check
		alert_ombudsman: DF.Check
		alert_overdue: DF.Check
		alert_restriction_review: DF.Check
		alert_review_panel: DF.Check
		alert_statement: DF.Check
		alert_window_closing: DF.Check
		calendar_days: DF.Table[ComplaintCalendarDay]
		daily_digest: DF.Check
		default_procedure: DF.Link | None
		due_soon_days: DF.Int
		escalate_after_days: DF.Int
		member_enquiry_target_days: DF.Int
		nation: DF.Literal["England", "Wales", "Scotland", "Northern Ireland"]
		portal_shows_handler: DF.Check
		recommendation_due_soon_days: DF.Int
		same_day_cutoff: DF.Time | None
		statement_within_days: DF.Int
	# end: auto-generated types

	def _set_defaults(self) -> None:
		"""Frappe fills every empty Time field with the time of the save; an empty cut-off means none.

		Without this, each save with no cut-off chosen set it to the time of day of the save,
		so complaints received later that day started their clocks a day late.
		"""
		cutoff = self.get("same_day_cutoff")
		super()._set_defaults()
		self.same_day_cutoff = cutoff

	def validate(self) -> None:
		self.validate_calendar()

	def on_update(self) -> None:
		self.recompute_open_stages()

	def validate_calendar(self) -> None:
		seen: set = set()
		for row in self.calendar_days:
			day = getdate(row.date)
			if day in seen:
				frappe.throw(_("Row {0}: {1} is listed twice.").format(row.idx, frappe.format(day, "Date")))
			seen.add(day)
		with sla_errors_as_validation():
			WorkingCalendar(
				self.nation,
				closures=[getdate(r.date) for r in self.calendar_days if r.kind == "Council closure"],
				openings=[getdate(r.date) for r in self.calendar_days if r.kind == "Working day"],
			)

	def recompute_open_stages(self) -> None:
		"""New closure days or a new cut-off move the due dates of every running stage."""
		before = self.get_doc_before_save()
		if before is None:
			return
		frappe.clear_document_cache(self.doctype, self.name)
		frappe.enqueue(
			"complaints_app.complaints.jobs.refresh_after_calendar_change",
			queue="long",
			enqueue_after_commit=True,
			now=bool(frappe.flags.in_test),
		)
