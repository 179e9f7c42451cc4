# Copyright (c) 2026, complaints_app contributors
# For license information, please see license.txt

from __future__ import annotations

import frappe
from frappe import _
from frappe.query_builder import DocType

from complaints_app.complaints.errors import ProcedureConfigError
from complaints_app.complaints.input_types import ComplaintsDocument


class ComplaintProcedure(ComplaintsDocument):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from complaints_app.complaints.doctype.complaint_procedure_role.complaint_procedure_role import (
			ComplaintProcedureRole,
		)
		from complaints_app.complaints.doctype.complaint_procedure_stage.complaint_procedure_stage import (
			ComplaintProcedureStage,
		)

		access_roles: DF.TableMultiSelect[ComplaintProcedureRole]
		is_active: DF.Check
		legal_basis: DF.SmallText | None
		ombudsman: DF.Literal["LGSCO", "Housing Ombudsman"]
		procedure_name: DF.Data
		procedure_type: DF.Literal[
			"Corporate", "Children's social care", "Adult social care", "Schools", "Housing"
		]
		stages: DF.Table[ComplaintProcedureStage]
	# end: auto-generated types

	def validate(self) -> None:
		self.validate_stages()

	def on_update(self) -> None:
		# Running stages keep the timescales they opened with; only the cached row goes.
		frappe.clear_document_cache(self.doctype, self.name)

	def validate_stages(self) -> None:
		if not self.stages:
			frappe.throw(_("A procedure needs at least one stage."), ProcedureConfigError)
		first = self.stages[0]
		if first.different_handler_required:
			frappe.throw(_("The first stage has no previous handler to differ from."), ProcedureConfigError)
		for stage in self.stages:
			if stage.response_unit == "Agreed date":
				if stage.max_extension_days:
					frappe.throw(
						_("Row {0}: a stage with an agreed response date is re-agreed, not extended.").format(
							stage.idx
						),
						ProcedureConfigError,
					)
			elif not stage.response_days:
				frappe.throw(
					_("Row {0}: give the response target in days.").format(stage.idx), ProcedureConfigError
				)
			if stage.stage_record == "Review panel" and stage.response_unit != "Working days":
				frappe.throw(
					_("Row {0}: review panel timescales are counted in working days.").format(stage.idx),
					ProcedureConfigError,
				)
			if stage.clock_start_event == "Statement agreed" and stage.stage_record != "Investigation":
				frappe.throw(
					_(
						"Row {0}: only an investigation stage has a statement of complaint to start the clock."
					).format(stage.idx),
					ProcedureConfigError,
				)

	def stages_to_reapply(self) -> list[str]:
		"""Running stages whose copied timescales differ from this procedure's rows as they are now (one query)."""
		from complaints_app.complaints.clock_refresh import RUNNING_STATES
		from complaints_app.complaints.doctype.complaint_stage.complaint_stage import (
			SNAPSHOT_FIELDS,
			snapshot_differs,
		)

		stage = DocType("Complaint Stage")
		rows = (
			frappe.qb.from_(stage)
			.select(stage.name, stage.stage_number, *(stage[f] for f in SNAPSHOT_FIELDS))
			.where(
				(stage.procedure == self.name)
				& stage.workflow_state.isin(RUNNING_STATES)
				& (stage.stage_number <= len(self.stages))
			)
			.orderby(stage.name)
			.run(as_dict=True)
		)
		by_number = {row.idx: row for row in self.stages}
		return [r.name for r in rows if snapshot_differs(r, by_number[r.stage_number])]

	def reapply_to_running_stages(self) -> int:
		"""Give every running stage this procedure's current timescales (by stage number), recomputing its clock."""
		changed = 0
		for name in self.stages_to_reapply():
			stage = frappe.get_doc("Complaint Stage", name)
			stage.flags.reapply_procedure = True
			stage.save(ignore_permissions=True)
			stage.add_comment("Info", _("Timescales re-applied from procedure {0}.").format(self.name))
			changed += 1
		return changed


@frappe.whitelist()
def count_stages_to_reapply(procedure: str) -> int:
	"""How many running stages re-applying the procedure would change (the confirmation shows it)."""
	doc = frappe.get_doc("Complaint Procedure", procedure)
	doc.check_permission("write")
	return len(doc.stages_to_reapply())


@frappe.whitelist(methods=["POST"])
def reapply_to_running_stages(procedure: str) -> int:
	"""Re-apply the procedure's current timescales to its running stages, on the long queue.

	Returns how many stages it will change; each is saved as if edited, so it can take a while.
	"""
	doc = frappe.get_doc("Complaint Procedure", procedure)
	doc.check_permission("write")
	count = len(doc.stages_to_reapply())
	frappe.enqueue(
		"complaints_app.complaints.doctype.complaint_procedure.complaint_procedure.run_reapply",
		procedure=procedure,
		queue="long",
		timeout=3600,
		enqueue_after_commit=True,
		now=bool(frappe.flags.in_test),
	)
	return count


def run_reapply(procedure: str) -> int:
	return frappe.get_doc("Complaint Procedure", procedure).reapply_to_running_stages()
