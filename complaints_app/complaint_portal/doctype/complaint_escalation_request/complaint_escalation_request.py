# Copyright (c) 2026, complaints_app contributors
# For license information, please see license.txt
"""A complainant's request for the next stage, made on the portal, waiting for staff where the
procedure says so (or where the next stage needs a different handler)."""

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils import nowdate

from complaints_app.complaints import clocks
from complaints_app.complaints.errors import ComplaintsError
from complaints_app.complaints.input_types import ComplaintsDocument


class EscalationRequestError(ComplaintsError):
	"""A decision on an escalation request that cannot be made as it stands."""


class ComplaintEscalationRequest(ComplaintsDocument):
	# begin: auto-generated types
	# end: auto-generated types

	protected_fields = ("complaint", "from_stage", "requested_at", "reasons")

	def validate(self) -> None:
		self.copy_case_fields()
		self.validate_decision()

	def on_update(self) -> None:
		self.open_stage_when_accepted()

	def copy_case_fields(self) -> None:
		self.procedure, self.service_area = frappe.db.get_value(
			"Complaint", self.complaint, ["procedure", "service_area"]
		)

	def validate_decision(self) -> None:
		before = self.get_doc_before_save()
		if before and before.status != "Pending" and self.status != before.status:
			frappe.throw(
				_("This request was already {0}.").format(_(before.status).lower()), EscalationRequestError
			)
		if self.status == "Pending" or (before and before.status == self.status):
			return
		if self.status == "Refused" and not (self.decision_reason or "").strip():
			frappe.throw(
				_("Say why the request is refused: the complainant is told."), EscalationRequestError
			)
		if self.status == "Accepted" and self.needs_handler() and not self.handler:
			frappe.throw(_("Choose who handles the next stage."), EscalationRequestError)
		self.decided_by, self.decided_on = frappe.session.user, nowdate()

	def needs_handler(self) -> bool:
		number = frappe.db.get_value("Complaint Stage", self.from_stage, "stage_number") or 0
		config = clocks.procedure_stage(self.procedure, number + 1)
		return bool(config and config.different_handler_required)

	def open_stage_when_accepted(self) -> None:
		if self.status != "Accepted" or self.opened_stage:
			return
		complaint = frappe.get_doc("Complaint", self.complaint)
		complaint.check_permission("write")
		stage = complaint.escalate(handler=self.handler, requested_at=self.requested_at)
		self.db_set("opened_stage", stage.name)
