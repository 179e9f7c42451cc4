# Copyright (c) 2026, complaints_app contributors
# For license information, please see license.txt
"""A compliment: who it came from, what they said, who it is about, and who it was passed to.

Staff record compliments in desk; the public sends them on the web form ``/compliment``, which
goes through Frappe's own web form submission. A submission from a web form may set only the
public fields: everything else is set here (the channel, the day, the service area from the
topic the person chose), never taken from the form.
"""

from __future__ import annotations

import frappe
from frappe import _
from frappe.model import no_value_fields
from frappe.utils import escape_html, get_url_to_form, getdate, nowdate

from complaints_app.alerts import sender
from complaints_app.complaint_feedback.errors import ComplimentSubmissionError, FeedbackError
from complaints_app.complaint_feedback.install import COMPLIMENT_TEMPLATE, ensure_templates
from complaints_app.complaints.input_types import ComplaintsDocument

# What the public form may set; every other field of a compliment from a web form is the app's.
PUBLIC_FIELDS = frozenset(
	{"public_topic", "from_whom", "from_name", "from_email", "what_was_said", "about_staff"}
)
HONEYPOT = "company_website"


def from_web_form() -> bool:
	return bool(frappe.flags.in_web_form)


class Compliment(ComplaintsDocument):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		about_staff: DF.Data | None
		channel: DF.Literal["Web", "Email", "Phone", "Letter", "In person", "Social media", "Other"]
		from_email: DF.Data | None
		from_name: DF.Data | None
		from_whom: DF.Literal[
			"", "Service user", "Family or carer", "Professional", "Member of the public", "Other"
		]
		naming_series: DF.Literal["COMPL-.YYYY.-.#####"]
		passed_on: DF.Date | None
		passed_to: DF.Link | None
		public_topic: DF.Link | None
		received_on: DF.Date
		service_area: DF.Link | None
		theme: DF.Link | None
		title: DF.Data | None
		what_was_said: DF.Text
	# end: auto-generated types

	def before_validate(self) -> None:
		if self.is_new() and from_web_form():
			self.accept_public_submission()
		self.apply_public_topic()

	def validate(self) -> None:
		self.validate_dates()
		self.set_passed_on()
		self.set_title()

	def on_update(self) -> None:
		if self.flags.tell_passed_to:
			self.flags.tell_passed_to = False
			self.tell_passed_to()

	# -- steps -----------------------------------------------------------------

	def accept_public_submission(self) -> None:
		"""Keep only what the public may say; the channel, the day and the area are the app's."""
		if (self.get(HONEYPOT) or "").strip():
			# Only a bot fills the hidden field: refuse it for a reason it cannot fix.
			frappe.throw(_("Your compliment could not be sent. Please phone us."), ComplimentSubmissionError)
		for df in self.meta.fields:
			if (
				df.fieldtype in no_value_fields
				or df.fieldname in PUBLIC_FIELDS
				or df.fieldname == "naming_series"
			):
				continue
			self.set(df.fieldname, None)
		self.channel = "Web"
		self.received_on = nowdate()
		if not self.public_topic:
			frappe.throw(_("Choose what your compliment is about from the list."), ComplimentSubmissionError)
		if not (self.what_was_said or "").strip():
			frappe.throw(_("Tell us what you would like to say."), ComplimentSubmissionError)

	def apply_public_topic(self) -> None:
		"""The topic the person chose gives the service area (always, for the public form)."""
		if not (self.is_new() and self.public_topic):
			return
		topic = frappe.db.get_value(
			"Complaint Public Topic", self.public_topic, ["service_area", "enabled"], as_dict=True
		)
		if not topic or (from_web_form() and not topic.enabled):
			frappe.throw(_("Choose what your compliment is about from the list."), ComplimentSubmissionError)
		self.service_area = topic.service_area if from_web_form() else self.service_area or topic.service_area

	def validate_dates(self) -> None:
		if self.passed_on and self.received_on and getdate(self.passed_on) < getdate(self.received_on):
			frappe.throw(
				_("A compliment cannot be passed on ({0}) before it was received ({1}).").format(
					frappe.format(self.passed_on, "Date"), frappe.format(self.received_on, "Date")
				),
				FeedbackError,
			)

	def set_passed_on(self) -> None:
		"""Passing a compliment to someone records the day and emails it to them (after the save).

		A compliment given a "passed on" date by hand was passed on outside the system: no email.
		Passing it to someone else later records the new day and tells them too.
		"""
		if not self.passed_to:
			return
		before = self.get_doc_before_save()
		handed_over = before is not None and before.passed_to and before.passed_to != self.passed_to
		if not self.passed_on or handed_over:
			self.passed_on = nowdate()
			self.flags.tell_passed_to = True

	def set_title(self) -> None:
		who = _(self.from_whom) if self.from_whom else _("Compliment")
		self.title = _("{0} on {1}").format(who, self.service_area) if self.service_area else who

	# -- the email -------------------------------------------------------------

	def tell_passed_to(self) -> None:
		"""Queue the compliment to the person it was passed to (Email Template, editable in desk)."""
		ensure_templates()
		sender.email(
			self.passed_to,
			COMPLIMENT_TEMPLATE,
			reference=(self.doctype, self.name),
			reference_name=self.name,
			recipient_name=escape_html(frappe.utils.get_fullname(self.passed_to)),
			passed_by=escape_html(frappe.utils.get_fullname(frappe.session.user)),
			received_on=frappe.format(self.received_on, "Date"),
			from_whom=escape_html(_(self.from_whom or "")),
			from_name=escape_html(self.from_name or ""),
			service_area=escape_html(self.service_area or ""),
			about_staff=escape_html(self.about_staff or ""),
			what_was_said=escape_html(self.what_was_said or "").replace("\n", "<br>"),
			link=get_url_to_form(self.doctype, self.name),
		)
