# Copyright (c) 2026, complaints_app contributors
# For license information, please see license.txt
"""A restriction on contact from a person whose contact is unreasonably persistent or vexatious.

It restricts how the person contacts the council (one named officer, some channels, so often),
never whether they may complain: a complaint from them is taken as any other, and staff see a
warning on it (``complaint_contacts.history``). The person is recognised by normalised keys
(``complaint_contacts.matching``), stored here and indexed.
"""

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils import getdate

from complaints_app.complaint_contacts.errors import ContactRestrictionError
from complaints_app.complaint_contacts.matching import (
	PersonKeys,
	extract_postcode,
	normalise_email,
	normalise_phone,
	normalise_postcode,
)
from complaints_app.complaints.input_types import ComplaintsDocument

ACTIVE, ENDED = "Active", "Ended"
SINGLE_POINT_OF_CONTACT = "Single point of contact"


class ComplaintContactRestriction(ComplaintsDocument):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		complaint: DF.Link | None
		decided_by: DF.Link
		decided_on: DF.Date
		email: DF.Data | None
		email_key: DF.Data | None
		ended_on: DF.Date | None
		letter_sent_on: DF.Date | None
		name_key: DF.Data | None
		person_name: DF.Data | None
		phone: DF.Data | None
		phone_key: DF.Data | None
		postcode: DF.Data | None
		postcode_key: DF.Data | None
		reasons: DF.Text
		restriction: DF.Text
		restriction_type: DF.Literal[
			"Single point of contact", "Limited channels", "Limited frequency", "Other"
		]
		review_date: DF.Date
		single_point_of_contact: DF.Link | None
		status: DF.Literal["Active", "Ended"]
	# end: auto-generated types

	def before_validate(self) -> None:
		self.fill_from_complaint()

	def validate(self) -> None:
		self.validate_contact_details()
		self.set_keys()
		self.validate_dates()
		self.validate_status()
		self.validate_single_point_of_contact()

	# -- steps -----------------------------------------------------------------

	def fill_from_complaint(self) -> None:
		"""A new restriction made from a complaint takes the complainant's details it was not given."""
		if not (self.is_new() and self.complaint):
			return
		complaint = frappe.db.get_value(
			"Complaint",
			self.complaint,
			["complainant_name", "complainant_email", "complainant_phone", "complainant_address"],
			as_dict=True,
		)
		if not complaint:
			return
		self.person_name = self.person_name or complaint.complainant_name
		self.email = self.email or complaint.complainant_email
		self.phone = self.phone or complaint.complainant_phone
		self.postcode = self.postcode or extract_postcode(complaint.complainant_address)

	def validate_contact_details(self) -> None:
		"""Each detail given must be usable for matching; and there must be enough to match on."""
		for fieldname, normalise, what in (
			("email", normalise_email, _("an email address")),
			("phone", normalise_phone, _("a phone number")),
			("postcode", normalise_postcode, _("a UK postcode")),
		):
			value = (self.get(fieldname) or "").strip()
			if value and not normalise(value):
				frappe.throw(
					_("{0}: {1} is not {2}.").format(
						_(self.meta.get_label(fieldname)), frappe.bold(value), what
					),
					ContactRestrictionError,
				)
		if self.keys().is_empty():
			frappe.throw(
				_(
					"Give the person's email, phone number, or name and postcode, so that contact from them is recognised."
				),
				ContactRestrictionError,
			)

	def keys(self) -> PersonKeys:
		return PersonKeys.of(
			name=self.person_name, email=self.email, phone=self.phone, postcode=self.postcode
		)

	def set_keys(self) -> None:
		keys = self.keys()
		self.email_key, self.phone_key = keys.email, keys.phone
		self.name_key, self.postcode_key = keys.name, keys.postcode
		if keys.postcode:
			self.postcode = keys.postcode

	def validate_dates(self) -> None:
		decided = getdate(self.decided_on)
		if getdate(self.review_date) <= decided:
			frappe.throw(
				_("The review date must be after the decision ({0}).").format(frappe.format(decided, "Date")),
				ContactRestrictionError,
			)
		for fieldname in ("letter_sent_on", "ended_on"):
			if self.get(fieldname) and getdate(self.get(fieldname)) < decided:
				frappe.throw(
					_("{0} cannot be before the decision ({1}).").format(
						_(self.meta.get_label(fieldname)), frappe.format(decided, "Date")
					),
					ContactRestrictionError,
				)

	def validate_status(self) -> None:
		if self.status == ENDED and not self.ended_on:
			frappe.throw(_("Give the date the restriction ended."), ContactRestrictionError)
		if self.status == ACTIVE and self.ended_on:
			frappe.throw(
				_("An active restriction has no end date: set the status to Ended, or clear Ended on."),
				ContactRestrictionError,
			)

	def validate_single_point_of_contact(self) -> None:
		if self.restriction_type == SINGLE_POINT_OF_CONTACT and not self.single_point_of_contact:
			frappe.throw(_("Name the single point of contact."), ContactRestrictionError)
