# Copyright (c) 2026, complaints_app contributors
# For license information, please see license.txt

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils import getdate

from complaints_app.complaints.errors import InvestigationError
from complaints_app.complaints.input_types import ComplaintsDocument


class ComplaintInvestigation(ComplaintsDocument):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from complaints_app.complaints.doctype.complaint_investigation_point.complaint_investigation_point import (
			ComplaintInvestigationPoint,
		)

		adjudicating_officer: DF.Link | None
		adjudication_date: DF.Date | None
		complaint: DF.Link
		complaint_stage: DF.Link
		independent_person: DF.Link | None
		investigating_officer: DF.Link | None
		io_appointed_on: DF.Date | None
		ip_appointed_on: DF.Date | None
		points: DF.Table[ComplaintInvestigationPoint]
		procedure: DF.Link | None
		report_date: DF.Date | None
		service_area: DF.Link | None
		statement_agreed_on: DF.Date | None
	# end: auto-generated types

	def validate(self) -> None:
		self.set_from_complaint()
		self.validate_dates()

	def on_update(self) -> None:
		self.restart_stage_clock()

	def set_from_complaint(self) -> None:
		self.procedure, self.service_area = frappe.db.get_value(
			"Complaint", self.complaint, ["procedure", "service_area"]
		)
		stage = frappe.db.get_value(
			"Complaint Stage", self.complaint_stage, ["complaint", "stage_record", "stage_name"], as_dict=True
		)
		if not stage or stage.complaint != self.complaint:
			frappe.throw(
				_("Stage {0} belongs to another complaint.").format(self.complaint_stage), InvestigationError
			)
		if stage.stage_record != "Investigation":
			frappe.throw(
				_("{0} is not an investigation stage, so it has no investigation.").format(stage.stage_name),
				InvestigationError,
			)
		other = frappe.db.exists(
			"Complaint Investigation", {"complaint_stage": self.complaint_stage, "name": ["!=", self.name]}
		)
		if other:
			frappe.throw(
				_("Stage {0} already has investigation {1}.").format(self.complaint_stage, other),
				InvestigationError,
			)

	def validate_dates(self) -> None:
		if self.investigating_officer and self.investigating_officer == self.independent_person:
			frappe.throw(
				_("The Independent Person must not be the Investigating Officer."), InvestigationError
			)
		if (
			self.report_date
			and self.statement_agreed_on
			and getdate(self.report_date) < getdate(self.statement_agreed_on)
		):
			frappe.throw(
				_("The report cannot be dated before the statement of complaint was agreed."),
				InvestigationError,
			)
		if self.adjudication_date and not self.report_date:
			frappe.throw(
				_("Adjudication follows the investigation report: record the report date first."),
				InvestigationError,
			)

	def restart_stage_clock(self) -> None:
		"""A stage that counts from the agreed statement gets its due dates again when the statement date changes."""
		if not self.has_value_changed("statement_agreed_on"):
			return
		stage = frappe.get_doc("Complaint Stage", self.complaint_stage)
		if stage.clock_start_event == "Statement agreed":
			stage.save(ignore_permissions=True)
