# Copyright (c) 2026, complaints_app contributors
# For license information, please see license.txt

from __future__ import annotations

import frappe
from frappe import _
from frappe.query_builder import DocType
from frappe.utils import get_datetime, getdate, now_datetime, nowdate

from complaints_app.complaint_contacts import contact_keys, history, linking
from complaints_app.complaint_portal import intake
from complaints_app.complaints import clocks
from complaints_app.complaints.errors import (
	ClosureError,
	ComplaintClosedError,
	EscalationWindowClosedError,
	NoNextStageError,
	ProcedureConfigError,
	SameHandlerError,
	StageNotRespondedError,
	TriageError,
)
from complaints_app.complaints.input_types import ComplaintsDocument
from complaints_app.complaints.permissions import CASE_RECORD_DOCTYPES
from complaints_app.vocabulary import CLOSING_OUTCOMES, OUT_OF_REMIT

CLOSED_STATUSES = frozenset({"Closed", "Withdrawn", "Refused", "Out of remit", "Service request", "Merged"})
DERIVED_FIELDS = (
	"status",
	"current_stage",
	"current_stage_name",
	"current_stage_number",
	"response_due",
	"final_outcome",
	"latest_outcome",
	"closed_on",
)


class Complaint(ComplaintsDocument):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from complaints_app.complaint_contacts.doctype.complaint_link.complaint_link import ComplaintLink

		adjustments_review_date: DF.Date | None
		advocate_contact: DF.Data | None
		advocate_name: DF.Data | None
		advocate_offered: DF.Check
		advocate_requested: DF.Check
		anonymised_on: DF.Date | None
		channel: DF.Literal["Web", "Email", "Phone", "Letter", "In person", "Councillor/MP"]
		closed_on: DF.Date | None
		closure_reason: DF.SmallText | None
		complainant_address: DF.SmallText | None
		complainant_email: DF.Data | None
		complainant_name: DF.Data
		complainant_phone: DF.Data | None
		complainant_user: DF.Link | None
		consent: DF.Literal[
			"",
			"Written consent",
			"Verbal consent",
			"Parental responsibility",
			"Lasting power of attorney",
			"Not yet obtained",
		]
		current_stage: DF.Link | None
		current_stage_name: DF.Data | None
		current_stage_number: DF.Int
		desired_outcome: DF.SmallText | None
		evidence_1: DF.Attach | None
		evidence_2: DF.Attach | None
		evidence_3: DF.Attach | None
		final_outcome: DF.Literal[
			"",
			"Upheld",
			"Partially upheld",
			"Not upheld",
			"Withdrawn",
			"Resolved informally",
			"Refused",
			"Out of remit",
		]
		is_service_request: DF.Check
		latest_outcome: DF.Literal[
			"",
			"Upheld",
			"Partially upheld",
			"Not upheld",
			"Withdrawn",
			"Resolved informally",
			"Refused",
			"Out of remit",
		]
		legal_hold: DF.Check
		legal_hold_reason: DF.SmallText | None
		merged_into: DF.Link | None
		naming_series: DF.Literal["COMP-.YYYY.-.#####"]
		on_behalf_of: DF.Check
		out_of_remit: DF.Check
		out_of_remit_reason: DF.SmallText | None
		person_affected: DF.Data | None
		preferred_contact: DF.Literal["Email", "Phone", "Letter"]
		procedure: DF.Link | None
		public_topic: DF.Link | None
		reasonable_adjustments: DF.SmallText | None
		received_at: DF.Datetime
		related_complaints: DF.Table[ComplaintLink]
		relationship: DF.Data | None
		response_due: DF.Date | None
		root_cause: DF.Link | None
		service_area: DF.Link | None
		service_request_reason: DF.SmallText | None
		status: DF.Literal[
			"Open",
			"On hold",
			"Responded",
			"Closed",
			"Withdrawn",
			"Refused",
			"Out of remit",
			"Service request",
			"Merged",
		]
		subject: DF.Data
		summary: DF.Text
		theme: DF.Link | None
		vulnerability_notes: DF.SmallText | None
	# end: auto-generated types

	# Set by close_with (Withdrawn, Refused, Out of remit); the outcome is derived from it or the stages.
	# merged_into is set by merge_into.
	protected_fields = ("closure_reason", "merged_into")

	def before_validate(self) -> None:
		intake.apply_public_topic(self)
		self.set_default_procedure()

	def validate(self) -> None:
		intake.validate_portal_submission(self)
		self.validate_procedure()
		self.validate_triage()
		linking.validate_links(self)
		self.clear_closure_on_insert()
		self.set_status()

	def on_update(self) -> None:
		self.sync_case_records()
		linking.mirror_links(self)
		contact_keys.remember_complaint(self)

	def on_trash(self) -> None:
		contact_keys.forget(self.name)

	def after_insert(self) -> None:
		# A restricted complainant's complaint is taken as any other; staff are warned.
		history.note_restrictions(self)
		if self.is_service_request or self.out_of_remit:
			self.refresh_from_stages()
			return
		self.open_stage(1, event_at=self.received_at, handler=self.default_handler())

	# -- steps -----------------------------------------------------------------

	def set_default_procedure(self) -> None:
		if not self.procedure:
			self.procedure = frappe.db.get_single_value("Complaints Settings", "default_procedure")

	def validate_procedure(self) -> None:
		if not self.procedure:
			frappe.throw(
				_("Choose the complaint procedure (or set a default procedure in Complaints Settings)."),
				ProcedureConfigError,
			)
		changed = self.is_new() or self.has_value_changed("procedure")
		if changed and not self.is_new():
			self.validate_reroute()
		# A procedure retired later still governs the complaints already under it.
		if changed and not frappe.db.get_value("Complaint Procedure", self.procedure, "is_active"):
			frappe.throw(_("Procedure {0} is not active.").format(self.procedure), ProcedureConfigError)

	def validate_reroute(self) -> None:
		"""A complaint logged under the wrong procedure can move while its first stage is unanswered."""
		stages = self.stages()
		if len(stages) > 1 or any(s.responded_on for s in stages):
			frappe.throw(
				_("The procedure can change only while stage 1 is unanswered; {0} has gone further.").format(
					self.name
				),
				ProcedureConfigError,
			)

	def validate_triage(self) -> None:
		if self.is_service_request and not (self.service_request_reason or "").strip():
			frappe.throw(_("Say why this is a service request rather than a complaint."), TriageError)
		if self.out_of_remit and not (self.out_of_remit_reason or "").strip():
			frappe.throw(_("Say why this complaint is out of remit."), TriageError)

	def clear_closure_on_insert(self) -> None:
		"""Outcomes and closure are recorded by actions on the case, never typed into a new one."""
		if self.is_new():
			self.final_outcome = self.closure_reason = self.closed_on = None

	def sync_case_records(self) -> None:
		"""Keep the copies of service area and procedure that permission queries filter on, in this transaction.

		One UPDATE per record type, on the indexed ``complaint`` column. Re-routing to another
		procedure also gives the open first stage the new procedure's timescales.
		"""
		if self.get_doc_before_save() is None:
			return
		rerouted = self.has_value_changed("procedure")
		if not (rerouted or self.has_value_changed("service_area")):
			return
		for doctype in CASE_RECORD_DOCTYPES:
			table = DocType(doctype)
			(
				frappe.qb.update(table)
				.set(table.service_area, self.service_area)
				.set(table.procedure, self.procedure)
				.where(table.complaint == self.name)
				.run()
			)
		if rerouted and self.current_stage:
			stage = frappe.get_doc("Complaint Stage", self.current_stage)
			stage.flags.reapply_procedure = True
			stage.save(ignore_permissions=True)
			self.add_comment("Info", _("Moved to procedure {0}.").format(self.procedure))

	def default_handler(self) -> str | None:
		"""The area's manager, if they may see this case (a restricted procedure may hide it from them)."""
		if not self.service_area:
			return None
		manager = frappe.db.get_value("Complaint Service Area", self.service_area, "manager")
		if manager and frappe.has_permission("Complaint", "read", doc=self, user=manager):
			return manager
		return None

	def stages(self) -> list[frappe._dict]:
		return frappe.get_all(
			"Complaint Stage",
			filters={"complaint": self.name},
			fields=[
				"name",
				"stage_number",
				"stage_name",
				"workflow_state",
				"responded_on",
				"outcome",
				"response_due",
				"escalation_deadline",
			],
			order_by="stage_number asc",
		)

	def set_status(self) -> None:
		"""Status, current stage and outcomes all follow from the stages and the triage flags.

		The final outcome exists only once the case is closed; until then the latest
		answered stage's outcome is shown as such.
		"""
		stages = [] if self.is_new() else self.stages()
		current = stages[-1] if stages else None
		answered = [s for s in stages if s.responded_on]
		self.current_stage = current.name if current else None
		self.current_stage_name = current.stage_name if current else None
		self.current_stage_number = current.stage_number if current else 0
		self.response_due = current.response_due if current else None
		self.latest_outcome = answered[-1].outcome if answered else None
		if self.merged_into:
			self.status = linking.MERGED
		elif self.is_service_request:
			self.status = "Service request"
		elif self.out_of_remit:
			self.status, self.final_outcome = OUT_OF_REMIT, OUT_OF_REMIT
		elif self.final_outcome in CLOSING_OUTCOMES and self.closure_reason:
			self.status = self.final_outcome
		elif current is None:
			self.status = "Open"
		elif current.workflow_state == "On hold":
			self.status = "On hold"
		elif current.responded_on:
			self.status = "Responded" if self.escalation_window_open(current) else "Closed"
		else:
			self.status = "Open"
		self.set_final_outcome(current)
		if self.status not in CLOSED_STATUSES:
			self.closed_on = None
		elif not self.closed_on:
			self.closed_on = getdate(current.responded_on) if current and current.responded_on else nowdate()

	def set_final_outcome(self, current) -> None:
		if self.status == "Closed":
			self.final_outcome = current.outcome
		elif self.status not in CLOSED_STATUSES:
			self.final_outcome = None

	def escalation_window_open(self, stage) -> bool:
		"""Responded, with a next stage the complainant can still ask for within the procedure's window.

		Without a window the case closes on the response; the complainant may still escalate later.
		"""
		has_next = clocks.procedure_stage(self.procedure, stage.stage_number + 1) is not None
		deadline = stage.escalation_deadline
		return has_next and bool(deadline) and getdate(deadline) >= getdate(nowdate())

	def refresh_from_stages(self) -> None:
		"""Recompute the derived fields after a stage changed, without touching anything typed."""
		self.set_status()
		self.db_set(
			{field: self.get(field) for field in DERIVED_FIELDS},
			update_modified=False,
		)

	def ensure_open(self, statuses: frozenset[str] = CLOSED_STATUSES) -> None:
		if self.status in statuses:
			frappe.throw(
				_("Complaint {0} is already {1}.").format(self.name, _(self.status)), ComplaintClosedError
			)

	def open_stage(self, stage_number: int, event_at, handler: str | None = None):
		stage = frappe.get_doc(
			{
				"doctype": "Complaint Stage",
				"complaint": self.name,
				"stage_number": stage_number,
				"event_at": event_at,
				"handler": handler,
			}
		).insert(ignore_permissions=True)
		record = stage.stage_record
		if record == "Investigation":
			frappe.get_doc(
				{"doctype": "Complaint Investigation", "complaint": self.name, "complaint_stage": stage.name}
			).insert(ignore_permissions=True)
		elif record == "Review panel":
			frappe.get_doc(
				{
					"doctype": "Complaint Review Panel",
					"complaint": self.name,
					"complaint_stage": stage.name,
					"request_date": getdate(event_at),
				}
			).insert(ignore_permissions=True)
		return stage

	# -- actions ---------------------------------------------------------------

	def escalate(self, handler: str | None = None, requested_at=None):
		"""Open the next stage of the procedure; refuses when the current one has no response."""
		self.ensure_open(CLOSED_STATUSES - {"Closed"})
		requested_at = get_datetime(requested_at) if requested_at else now_datetime()
		current = frappe.get_doc("Complaint Stage", self.current_stage) if self.current_stage else None
		if current is None or not current.responded_on:
			frappe.throw(
				_("Stage {0} has no response yet, so the complaint cannot be escalated.").format(
					current.stage_name if current else 1
				),
				StageNotRespondedError,
				title=_("Cannot escalate"),
			)
		config = clocks.procedure_stage(self.procedure, current.stage_number + 1)
		if config is None:
			frappe.throw(
				_("{0} has no stage after {1}.").format(self.procedure, current.stage_name),
				NoNextStageError,
				title=_("Cannot escalate"),
			)
		if config.different_handler_required and not handler:
			frappe.throw(
				_("{0} must be handled by someone other than {1}: choose its handler.").format(
					config.stage_name, current.handler or _("the previous handler")
				),
				SameHandlerError,
			)
		if current.escalation_deadline and requested_at.date() > getdate(current.escalation_deadline):
			frappe.throw(
				_("The complainant could ask for {0} until {1}.").format(
					config.stage_name, frappe.format(current.escalation_deadline, "Date")
				),
				EscalationWindowClosedError,
			)
		stage = self.open_stage(current.stage_number + 1, requested_at, handler)
		self.add_comment("Workflow", _("Escalated to {0}").format(stage.stage_name))
		return stage

	def close_with(self, outcome: str, reason: str) -> None:
		"""Withdraw, refuse or rule out of remit: closes the case and any stage still open."""
		if outcome not in CLOSING_OUTCOMES:
			frappe.throw(
				_("A complaint can be closed as Withdrawn, Refused or Out of remit, not {0}.").format(
					outcome
				),
				ClosureError,
			)
		if not (reason or "").strip():
			frappe.throw(_("Give the reason the complaint is {0}.").format(_(outcome).lower()), ClosureError)
		self.ensure_open()
		self.flags.allow_protected_changes = True
		self.final_outcome = outcome
		self.closure_reason = reason.strip()
		if outcome == "Out of remit":
			self.out_of_remit, self.out_of_remit_reason = 1, reason.strip()
		self.closed_on = nowdate()
		self.save()
		for stage in self.stages():
			if stage.workflow_state in ("Open", "On hold"):
				# Leaving On hold closes the open pause (ComplaintStage.record_hold_transition).
				doc = frappe.get_doc("Complaint Stage", stage.name)
				doc.workflow_state = "Closed"
				doc.flags.automatic_transition = True
				doc.save(ignore_permissions=True)
		self.add_comment("Workflow", _("Closed as {0}: {1}").format(_(outcome), reason.strip()))

	def merge_into(self, target: str, note: str) -> None:
		"""Close this duplicate as Merged into ``target``; both keep their references (``linking.merge``)."""
		linking.merge(self, target, note)


@frappe.whitelist(methods=["POST"])
def escalate(complaint: str, handler: str | None = None, requested_at: str | None = None) -> str:
	"""Open the complaint's next stage (the form's Escalate button); returns the new stage's name."""
	doc = frappe.get_doc("Complaint", complaint)
	doc.check_permission("write")
	return doc.escalate(handler=handler, requested_at=requested_at).name


@frappe.whitelist(methods=["POST"])
def close_complaint(complaint: str, outcome: str, reason: str) -> str:
	"""Close a complaint as Withdrawn, Refused or Out of remit with a reason."""
	doc = frappe.get_doc("Complaint", complaint)
	doc.check_permission("write")
	doc.close_with(outcome, reason)
	return doc.status


@frappe.whitelist(methods=["POST"])
def merge_complaint(complaint: str, into: str, note: str) -> str:
	"""Merge a duplicate complaint into another (the form's Merge into… action); returns its status."""
	doc = frappe.get_doc("Complaint", complaint)
	doc.check_permission("write")
	doc.merge_into(into, note)
	return doc.status
