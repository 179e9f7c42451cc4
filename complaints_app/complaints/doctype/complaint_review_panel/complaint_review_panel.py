# Copyright (c) 2026, complaints_app contributors
# For license information, please see license.txt

from __future__ import annotations

from itertools import pairwise

import frappe
from frappe import _
from frappe.utils import getdate

from complaints_app.complaints import clocks
from complaints_app.complaints.errors import ReviewPanelError
from complaints_app.complaints.input_types import ComplaintsDocument

PANEL_SIZE = 3


class ComplaintReviewPanel(ComplaintsDocument):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from complaints_app.complaints.doctype.complaint_panel_member.complaint_panel_member import (
			ComplaintPanelMember,
		)

		complaint: DF.Link
		complaint_stage: DF.Link
		council_response_due: DF.Date | None
		council_response_on: DF.Date | None
		investigation_adequate: DF.Literal["", "Yes", "No"]
		members: DF.Table[ComplaintPanelMember]
		panel_date: DF.Date | None
		panel_due: DF.Date | None
		procedure: DF.Link | None
		recommendations: DF.Text | None
		report_due: DF.Date | None
		report_sent_on: DF.Date | None
		request_date: DF.Date
		service_area: DF.Link | None
	# end: auto-generated types

	def validate(self) -> None:
		self.set_from_complaint()
		self.validate_members()
		self.validate_sequence()
		self.set_due_dates()

	def set_from_complaint(self) -> None:
		self.procedure, self.service_area = frappe.db.get_value(
			"Complaint", self.complaint, ["procedure", "service_area"]
		)

	def stage_config(self) -> frappe._dict:
		"""The panel's timescales as its stage copied them from the procedure when it opened."""
		return frappe.db.get_value(
			"Complaint Stage",
			self.complaint_stage,
			["response_days", "panel_report_days", "council_response_days"],
			as_dict=True,
		)

	def validate_members(self) -> None:
		"""A panel has three independent people, one of them chair (or none yet while it is being convened)."""
		if not self.members:
			if self.panel_date:
				frappe.throw(
					_("Name the three panel members before recording the panel date."), ReviewPanelError
				)
			return
		if len(self.members) != PANEL_SIZE:
			frappe.throw(
				_("A review panel has {0} independent members, not {1}.").format(
					PANEL_SIZE, len(self.members)
				),
				ReviewPanelError,
			)
		chairs = [m for m in self.members if m.is_chair]
		if len(chairs) != 1:
			frappe.throw(_("Exactly one panel member chairs the panel."), ReviewPanelError)
		names = {(m.user or m.member_name).strip().lower() for m in self.members}
		if len(names) != PANEL_SIZE:
			frappe.throw(_("The three panel members must be three different people."), ReviewPanelError)

	def validate_sequence(self) -> None:
		order = [
			("request_date", self.request_date),
			("panel_date", self.panel_date),
			("report_sent_on", self.report_sent_on),
			("council_response_on", self.council_response_on),
		]
		known = [(f, getdate(v)) for f, v in order if v]
		for (f1, d1), (f2, d2) in pairwise(known):
			if d2 < d1:
				frappe.throw(
					_("{0} cannot be before {1}.").format(
						_(self.meta.get_label(f2)), _(self.meta.get_label(f1))
					),
					ReviewPanelError,
				)

	def set_due_dates(self) -> None:
		config = self.stage_config()
		self.panel_due = clocks.add_working_days(self.request_date, config.response_days or 0)
		self.report_due = (
			clocks.add_working_days(self.panel_date, config.panel_report_days or 0)
			if self.panel_date
			else None
		)
		self.council_response_due = (
			clocks.add_working_days(self.report_sent_on, config.council_response_days or 0)
			if self.report_sent_on
			else None
		)
