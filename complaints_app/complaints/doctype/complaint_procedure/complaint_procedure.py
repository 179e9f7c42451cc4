# Copyright (c) 2026, complaints_app contributors
# For license information, please see license.txt

from __future__ import annotations

import frappe
from frappe import _
from frappe.model.document import Document

from complaints_app.complaints.errors import ProcedureConfigError


class ComplaintProcedure(Document):
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
		self.recompute_open_stages()

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

	def recompute_open_stages(self) -> None:
		"""A changed target or cap changes the due dates of every stage still running under this procedure."""
		if self.get_doc_before_save() is None:
			return
		frappe.clear_document_cache(self.doctype, self.name)
		frappe.enqueue(
			"complaints_app.complaints.jobs.refresh_stage_clocks",
			procedure=self.name,
			queue="long",
			enqueue_after_commit=True,
			now=bool(frappe.flags.in_test),
		)
