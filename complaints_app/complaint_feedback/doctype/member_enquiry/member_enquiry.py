# Copyright (c) 2026, complaints_app contributors
# For license information, please see license.txt
"""A representation from a councillor, an MP or a senior leader, with its 10-working-day clock.

The clock's rules are in ``complaint_feedback.enquiry_clock`` (pure); ``complaint_feedback.enquiries``
reads the council's calendar and settings for it. Due dates are computed, never typed.
"""

from __future__ import annotations

from datetime import datetime, time

import frappe
from frappe import _
from frappe.utils import getdate, nowdate

from complaints_app.complaint_feedback import enquiries
from complaints_app.complaint_feedback.errors import (
	ComplaintNotReadableError,
	EnquiryComplaintError,
	MemberEnquiryError,
	enquiry_clock_errors,
)
from complaints_app.complaints.input_types import ComplaintsDocument


class MemberEnquiry(ComplaintsDocument):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from complaints_app.complaint_feedback.doctype.member_enquiry_extension.member_enquiry_extension import (
			MemberEnquiryExtension,
		)

		agreed_due_date: DF.Date | None
		category: DF.Literal["Statutory", "Corporate"]
		clock_start_date: DF.Date | None
		clock_status: DF.Literal["", "On track", "Due soon", "Due today", "Overdue", "Met", "Met late"]
		complaint: DF.Link | None
		consent: DF.Literal["", "Written consent", "Verbal consent", "Not yet obtained"]
		constituent_email: DF.Data | None
		constituent_phone: DF.Data | None
		days_overdue: DF.Int
		details: DF.Text | None
		due_date: DF.Date | None
		extensions: DF.Table[MemberEnquiryExtension]
		handler: DF.Link | None
		member_email: DF.Data | None
		member_name: DF.Data
		member_type: DF.Literal["Councillor", "MP", "Senior leader"]
		naming_series: DF.Literal["MEQ-.YYYY.-.#####"]
		on_behalf_of_name: DF.Data | None
		original_due_date: DF.Date | None
		received_after_cutoff: DF.Check
		received_on: DF.Date
		responded_on: DF.Date | None
		response_within_original_target: DF.Check
		response_within_target: DF.Check
		service_area: DF.Link | None
		status: DF.Literal["Open", "Responded", "Closed"]
		subject: DF.Data
		target_days: DF.Int
		ward_or_constituency: DF.Data | None
	# end: auto-generated types

	# Fixed when the enquiry is received, as a stage's timescales are when it opens.
	protected_fields = ("target_days",)

	def validate(self) -> None:
		self.set_target()
		self.set_default_handler()
		self.validate_consent()
		self.validate_complaint_link()
		self.set_status()
		self.set_clock()

	# -- steps -----------------------------------------------------------------

	def set_target(self) -> None:
		"""The target in Complaints Settings when the enquiry is received; later changes leave it be."""
		if self.is_new() or not self.target_days:
			self.target_days = enquiries.target_days()

	def set_default_handler(self) -> None:
		if not self.handler and self.service_area:
			self.handler = frappe.db.get_value("Complaint Service Area", self.service_area, "manager")

	def validate_consent(self) -> None:
		if (self.on_behalf_of_name or "").strip() and not self.consent:
			frappe.throw(
				_("Say whether {0} consented to the member acting for them.").format(
					frappe.bold(self.on_behalf_of_name.strip())
				),
				MemberEnquiryError,
				title=_("Consent"),
			)

	def validate_complaint_link(self) -> None:
		"""An enquiry may be linked only to a complaint the person linking it may open."""
		if not self.complaint or not (self.is_new() or self.has_value_changed("complaint")):
			return
		if not frappe.has_permission("Complaint", "read", doc=self.complaint):
			frappe.throw(
				_("You cannot open complaint {0}, so you cannot link this enquiry to it.").format(
					self.complaint
				),
				ComplaintNotReadableError,
			)

	def set_status(self) -> None:
		"""A response date makes an open enquiry Responded; Responded needs one."""
		if self.responded_on and self.status == "Open":
			self.status = "Responded"
		if self.status == "Responded" and not self.responded_on:
			frappe.throw(
				_("Give the date of the response, or set the status back to Open."), MemberEnquiryError
			)

	def set_clock(self) -> None:
		with enquiry_clock_errors():
			clock = enquiries.build_clock(self, cap=enquiries.max_extension_days())
		self.update(enquiries.clock_fields(self, getdate(nowdate()), clock))

	# -- actions ---------------------------------------------------------------

	def make_complaint(self):
		"""A complaint from this enquiry: the constituent complains, through the member, from the day it came."""
		if self.complaint:
			frappe.throw(
				_("Enquiry {0} is already linked to complaint {1}.").format(self.name, self.complaint),
				EnquiryComplaintError,
			)
		if not (self.on_behalf_of_name or "").strip():
			frappe.throw(
				_("Give the constituent's name first: they are the complainant."), EnquiryComplaintError
			)
		complaint = frappe.get_doc(
			{
				"doctype": "Complaint",
				"channel": "Councillor/MP",
				"received_at": self.complaint_received_at(),
				"subject": self.subject,
				"summary": (self.details or "").strip() or self.subject,
				"service_area": self.service_area,
				"complainant_name": self.on_behalf_of_name.strip(),
				"complainant_email": self.constituent_email,
				"complainant_phone": self.constituent_phone,
				"preferred_contact": preferred_contact(self.constituent_email, self.constituent_phone),
			}
		).insert()
		complaint.add_comment(
			"Info",
			_("Made from member enquiry {0} from {1} ({2}).").format(
				self.name, self.member_name, _(self.member_type)
			),
		)
		self.complaint = complaint.name
		self.save()
		return complaint

	def complaint_received_at(self) -> datetime:
		"""The day the enquiry came, at its start, or at its end when it came after the cut-off.

		So the complaint's stage 1 starts its clock on the enquiry's day 0.
		"""
		late = time(23, 59, 59) if self.received_after_cutoff else time(0, 0)
		return datetime.combine(getdate(self.received_on), late)


def preferred_contact(email: str | None, phone: str | None) -> str:
	if (email or "").strip():
		return "Email"
	return "Phone" if (phone or "").strip() else "Letter"


@frappe.whitelist(methods=["POST"])
def create_complaint(enquiry: str) -> str:
	"""The form's Create complaint button: makes the complaint and links it; returns its name."""
	doc = frappe.get_doc("Member Enquiry", enquiry)
	if not frappe.has_permission("Member Enquiry", "write", doc=doc):
		frappe.throw(_("You may not change enquiry {0}.").format(enquiry), frappe.PermissionError)
	if not frappe.has_permission("Complaint", "create"):
		frappe.throw(_("You may not create complaints."), frappe.PermissionError)
	return doc.make_complaint().name
