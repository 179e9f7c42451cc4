# Copyright (c) 2026, complaints_app contributors
# For license information, please see license.txt

from __future__ import annotations

from datetime import date

import frappe
from frappe import _
from frappe.utils import getdate

from complaints_app.complaints.errors import OmbudsmanEnquiryError
from complaints_app.complaints.input_types import ComplaintsDocument

UPHELD = ("Upheld: maladministration and injustice", "Upheld: no further action (council already remedied)")


class OmbudsmanEnquiry(ComplaintsDocument):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from complaints_app.complaints.doctype.ombudsman_recommendation.ombudsman_recommendation import (
			OmbudsmanRecommendation,
		)

		complaint: DF.Link | None
		complied: DF.Literal["", "Not applicable", "Pending", "Complied", "Complied late", "Not complied"]
		decision: DF.Literal[
			"",
			"Premature referral",
			"Closed after initial enquiries",
			"Out of jurisdiction",
			"Not upheld",
			"Upheld: maladministration and injustice",
			"Upheld: no further action (council already remedied)",
		]
		decision_date: DF.Date | None
		enquiry_type: DF.Literal["Enquiry", "Detailed investigation"]
		ombudsman: DF.Literal["LGSCO", "Housing Ombudsman"]
		ombudsman_reference: DF.Data
		procedure: DF.Link | None
		received_on: DF.Date
		recommendations: DF.Table[OmbudsmanRecommendation]
		remedy: DF.SmallText | None
		service_area: DF.Link | None
	# end: auto-generated types

	def validate(self) -> None:
		self.set_from_complaint()
		self.validate_recommendations()
		self.set_compliance()

	def set_from_complaint(self) -> None:
		if self.complaint:
			self.procedure, self.service_area = frappe.db.get_value(
				"Complaint", self.complaint, ["procedure", "service_area"]
			)
		else:
			self.procedure = self.service_area = None

	def validate_recommendations(self) -> None:
		if self.recommendations and self.decision not in UPHELD:
			frappe.throw(
				_("Recommendations follow an upheld decision: record the decision first."),
				OmbudsmanEnquiryError,
			)
		for rec in self.recommendations:
			if rec.completed_on and getdate(rec.completed_on) < getdate(self.received_on):
				frappe.throw(
					_(
						"Row {0}: a recommendation cannot be completed before the enquiry was received."
					).format(rec.idx),
					OmbudsmanEnquiryError,
				)

	def set_compliance(self) -> None:
		"""Complied when every recommendation was completed by its due date; derived, never typed."""
		today = getdate()
		for rec in self.recommendations:
			rec.overdue = int(recommendation_overdue(rec.due_date, rec.completed_on, today))
		self.complied = compliance(self.decision, self.recommendations)


def recommendation_overdue(due_date, completed_on, today: date) -> bool:
	return bool(due_date and not completed_on and getdate(due_date) < today)


def compliance(decision: str | None, recommendations) -> str:
	"""The enquiry's compliance from its recommendations (each with due_date, completed_on, overdue)."""
	if not recommendations:
		return "Not applicable" if decision else ""
	if any(not r.completed_on for r in recommendations):
		return "Not complied" if any(r.overdue for r in recommendations) else "Pending"
	late = any(r.due_date and getdate(r.completed_on) > getdate(r.due_date) for r in recommendations)
	return "Complied late" if late else "Complied"
