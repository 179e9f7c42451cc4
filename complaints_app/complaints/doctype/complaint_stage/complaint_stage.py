# Copyright (c) 2026, complaints_app contributors
# For license information, please see license.txt

from __future__ import annotations

from datetime import date

import frappe
from frappe import _
from frappe.utils import getdate, nowdate

from complaints_app.complaints import clocks
from complaints_app.complaints.errors import (
	AgreedDateError,
	ExtensionReasonError,
	ManualDueDateError,
	PauseError,
	ProcedureConfigError,
	SameHandlerError,
	StageNotRespondedError,
	sla_errors_as_validation,
)
from complaints_app.complaints.input_types import ComplaintsDocument

OPEN, ON_HOLD, RESPONDED, CLOSED = "Open", "On hold", "Responded", "Closed"
DUE_DATES = ("acknowledgement_due", "original_response_due", "response_due")
# What a running stage keeps of its procedure row (same field names on both doctypes).
SNAPSHOT_FIELDS = (
	"stage_name",
	"stage_record",
	"clock_start_event",
	"acknowledgement_days",
	"response_days",
	"response_unit",
	"agreed_date_limit_months",
	"max_extension_days",
	"different_handler_required",
	"escalation_window_days",
	"panel_report_days",
	"council_response_days",
)


class ComplaintStage(ComplaintsDocument):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from complaints_app.complaints.doctype.complaint_stage_extension.complaint_stage_extension import (
			ComplaintStageExtension,
		)
		from complaints_app.complaints.doctype.complaint_stage_pause.complaint_stage_pause import (
			ComplaintStagePause,
		)
		from complaints_app.complaints.doctype.complaint_theme_outcome.complaint_theme_outcome import (
			ComplaintThemeOutcome,
		)

		acknowledged_in_time: DF.Check
		acknowledged_on: DF.Date | None
		acknowledgement_days: DF.Int
		acknowledgement_due: DF.Date | None
		agreed_date_limit_months: DF.Int
		agreed_response_date: DF.Date | None
		clock_start_date: DF.Date | None
		clock_start_event: DF.Literal["Received", "Acknowledged", "Escalation requested", "Statement agreed"]
		clock_started_at: DF.Datetime | None
		clock_status: DF.Literal[
			"", "On track", "Due soon", "Due today", "Overdue", "Paused", "Met", "Met late"
		]
		complaint: DF.Link
		council_response_days: DF.Int
		days_overdue: DF.Int
		different_handler_required: DF.Check
		escalation_deadline: DF.Date | None
		escalation_window_days: DF.Int
		event_at: DF.Datetime
		extensions: DF.Table[ComplaintStageExtension]
		handler: DF.Link | None
		hold_reason: DF.SmallText | None
		in_time_extended: DF.Check
		in_time_original: DF.Check
		max_extension_days: DF.Int
		original_response_due: DF.Date | None
		outcome: DF.Literal[
			"",
			"Upheld",
			"Partially upheld",
			"Not upheld",
			"Withdrawn",
			"Resolved informally",
			"Refused",
			"Out of remit",
		]
		panel_report_days: DF.Int
		pauses: DF.Table[ComplaintStagePause]
		procedure: DF.Link | None
		responded_on: DF.Date | None
		response_days: DF.Int
		response_due: DF.Date | None
		response_summary: DF.Text | None
		response_target: DF.Data | None
		response_unit: DF.Literal["", "Working days", "Calendar days", "Agreed date"]
		service_area: DF.Link | None
		stage_name: DF.Data | None
		stage_number: DF.Int
		stage_record: DF.Literal["Plain", "Investigation", "Review panel"]
		theme_outcomes: DF.Table[ComplaintThemeOutcome]
		workflow_state: DF.Link | None
	# end: auto-generated types

	# Copied from the procedure when the stage opens; changed only by re-applying the procedure.
	protected_fields = ("stage_number", *SNAPSHOT_FIELDS)

	def allows_protected_changes(self) -> bool:
		return bool(self.flags.reapply_procedure) or super().allows_protected_changes()

	def autoname(self) -> None:
		self.name = f"{self.complaint}-{self.stage_number}"

	def validate(self) -> None:
		self.set_from_complaint()
		self.validate_handler()
		self.record_hold_transition()
		self.validate_response()
		self.set_clock_start()
		self.set_due_dates()

	def on_update(self) -> None:
		self.comment_on_automatic_transition()
		complaint = frappe.get_doc("Complaint", self.complaint)
		complaint.refresh_from_stages()

	# -- steps -----------------------------------------------------------------

	def procedure_row(self):
		config = clocks.procedure_stage(self.procedure, self.stage_number)
		if config is None:
			frappe.throw(
				_("Procedure {0} has no stage {1}.").format(self.procedure, self.stage_number),
				ProcedureConfigError,
			)
		return config

	def set_from_complaint(self) -> None:
		complaint = frappe.db.get_value(
			"Complaint", self.complaint, ["procedure", "service_area", "received_at"], as_dict=True
		)
		if complaint is None:
			frappe.throw(_("Complaint {0} does not exist.").format(self.complaint), ProcedureConfigError)
		self.procedure = complaint.procedure
		self.service_area = complaint.service_area
		if not self.stage_number:
			self.stage_number = 1
		if not self.event_at and self.stage_number == 1:
			self.event_at = complaint.received_at
		if self.is_new() or self.flags.reapply_procedure:
			self.take_snapshot()

	def take_snapshot(self) -> None:
		"""Copy what the clock needs from the procedure as it stands now.

		Later edits to the procedure then change only stages opened after them, unless an
		administrator re-applies the procedure to running stages (``reapply_procedure``).
		"""
		row = self.procedure_row()
		for field in SNAPSHOT_FIELDS:
			self.set(field, row.get(field))

	def snapshot_differs(self) -> bool:
		return snapshot_differs(self, self.procedure_row())

	def previous_stage_handler(self) -> str | None:
		if self.stage_number <= 1:
			return None
		return frappe.db.get_value(
			"Complaint Stage", {"complaint": self.complaint, "stage_number": self.stage_number - 1}, "handler"
		)

	def validate_handler(self) -> None:
		if not (self.different_handler_required and self.handler):
			return
		if self.handler == self.previous_stage_handler():
			frappe.throw(
				_("{0} must be handled by someone other than the previous stage's handler ({1}).").format(
					self.stage_name, self.handler
				),
				SameHandlerError,
				title=_("Different handler required"),
			)

	def previous_state(self) -> str | None:
		before = self.get_doc_before_save()
		return before.workflow_state if before else None

	def record_hold_transition(self) -> None:
		"""Putting a stage on hold opens a pause today; taking it off hold closes it today."""
		state, before = self.workflow_state or OPEN, self.previous_state()
		open_pauses = [p for p in self.pauses if not p.to_date]
		if state == ON_HOLD and before != ON_HOLD:
			if not (self.hold_reason or "").strip():
				frappe.throw(_("Give a reason before putting the stage on hold."), PauseError)
			if not open_pauses:
				self.append("pauses", {"from_date": nowdate(), "reason": self.hold_reason})
		elif before == ON_HOLD and state != ON_HOLD:
			for pause in open_pauses:
				pause.to_date = max(getdate(nowdate()), getdate(pause.from_date))
			self.hold_reason = None
		elif state != ON_HOLD and open_pauses:
			frappe.throw(
				_(
					"A pause from {0} has no end date: put the stage on hold with the workflow, or give the end date."
				).format(open_pauses[0].from_date),
				PauseError,
			)

	def validate_response(self) -> None:
		if self.responded_on and not self.outcome:
			frappe.throw(_("Record the outcome with the response date."), StageNotRespondedError)
		if self.outcome and not self.responded_on:
			frappe.throw(_("Record the response date with the outcome."), StageNotRespondedError)
		if self.workflow_state == RESPONDED and not self.responded_on:
			frappe.throw(
				_("Record the response date and outcome before marking the stage responded."),
				StageNotRespondedError,
			)
		if self.responded_on and (self.workflow_state or OPEN) == OPEN:
			self.workflow_state = RESPONDED
			self.flags.automatic_transition = True
		if self.responded_on and self.workflow_state == ON_HOLD:
			frappe.throw(_("Take the stage off hold before recording its response."), PauseError)

	def set_clock_start(self) -> None:
		"""The clock starts on the event the procedure names, falling back to the stage's opening until it happens."""
		agreed = None
		if self.clock_start_event == "Statement agreed":
			agreed = frappe.db.get_value(
				"Complaint Investigation", {"complaint_stage": self.name}, "statement_agreed_on"
			)
		self.clock_started_at = clocks.clock_start(
			self.clock_start_event, self.event_at, self.acknowledged_on, agreed
		)

	def set_due_dates(self) -> None:
		"""Every date and flag of the clock comes from the SLA core; typed due dates are refused."""
		fields = self.clock_fields()
		self.refuse_typed_due_dates({f: fields[f] for f in DUE_DATES})
		self.update(fields)

	def clock_fields(self) -> dict:
		"""The clock-derived fields as they should be today, without changing the document."""
		with sla_errors_as_validation():
			clock = clocks.build_stage_clock(self)
			fields = clocks.stage_clock_fields(self, getdate(nowdate()), clock=clock)
		self.validate_agreed_date(clock.start_day)
		return fields

	def validate_agreed_date(self, start_day: date) -> None:
		if self.response_unit != "Agreed date" or not self.agreed_response_date:
			return
		limit = clocks.agreed_date_limit(start_day, self.agreed_date_limit_months)
		if getdate(self.agreed_response_date) > limit:
			frappe.throw(
				_("The agreed response date must be on or before {0} ({1} months after the start).").format(
					frappe.format(limit, "Date"), self.agreed_date_limit_months or 6
				),
				AgreedDateError,
			)

	def refuse_typed_due_dates(self, computed: dict[str, date | None]) -> None:
		"""Due dates come from the SLA core; a value that is neither stored nor computed was typed."""
		before = self.get_doc_before_save()
		for field, value in computed.items():
			typed = self.get(field)
			if not typed:
				continue
			typed = getdate(typed)
			stored = before.get(field) if before else None
			if typed != value and (stored is None or typed != getdate(stored)):
				frappe.throw(
					_(
						"{0} is computed from the procedure, pauses and extensions; it cannot be typed."
					).format(_(self.meta.get_label(field))),
					ManualDueDateError,
					title=_("Due dates are computed"),
				)

	def comment_on_automatic_transition(self) -> None:
		"""Workflow actions comment themselves; transitions the controller makes are commented here."""
		if self.flags.automatic_transition:
			self.add_comment("Workflow", _(self.workflow_state))

	# -- actions ---------------------------------------------------------------

	def add_extension(self, days: int, reason: str, complainant_informed: bool = False) -> None:
		"""Agree an extension with the complainant; refuses any that go past the cap."""
		if self.responded_on:
			frappe.throw(_("The stage has been responded to; it cannot be extended."), StageNotRespondedError)
		self.append(
			"extensions",
			{
				"days": days,
				"reason": reason,
				"agreed_by": frappe.session.user,
				"agreed_on": nowdate(),
				"complainant_informed": int(bool(complainant_informed)),
			},
		)
		self.save()
		self.add_comment("Info", _("Extended by {0} days: {1}").format(days, reason))


@frappe.whitelist(methods=["POST"])
def extend_stage(stage: str, days: int, reason: str, complainant_informed: bool = False) -> dict:
	"""Add an agreed extension to a stage (the form's Extend button)."""
	doc = frappe.get_doc("Complaint Stage", stage)
	doc.check_permission("write")
	if not (reason or "").strip():
		frappe.throw(_("An extension needs a reason."), ExtensionReasonError)
	doc.add_extension(int(days), reason.strip(), bool(frappe.utils.cint(complainant_informed)))
	return {"response_due": doc.response_due, "original_response_due": doc.original_response_due}


def snapshot_differs(stage, row) -> bool:
	"""Whether a stage's copied timescales differ from a procedure row's."""
	return any((stage.get(f) or 0) != (row.get(f) or 0) for f in SNAPSHOT_FIELDS)


def on_doctype_update() -> None:
	"""A complaint's stages are looked up by number (escalation, the previous handler)."""
	frappe.db.add_index("Complaint Stage", ["complaint", "stage_number"])
