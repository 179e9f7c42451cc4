"""A complaint made on the public form: its topic, its contact details and its attachments.

The public chooses what their complaint is about in their own words (a Complaint Public
Topic); the topic gives the service area and the procedure, whose names are for staff. A
submission from the portal is marked with ``frappe.flags.complaint_from_portal`` by the
submission endpoint (``portal.accept``); the Complaint controller calls the two functions
below on every save, and they do nothing for complaints staff make.
"""

from __future__ import annotations

import base64
import binascii
import os

import frappe
from frappe import _

from complaints_app.complaints.errors import ComplaintsError

# Attachments the public may send, stated beside the field on the form.
ALLOWED_EXTENSIONS = frozenset({"pdf", "doc", "docx", "odt", "txt", "rtf", "jpg", "jpeg", "png", "heic"})
MAX_FILE_BYTES = 10 * 1024 * 1024
EVIDENCE_FIELDS = ("evidence_1", "evidence_2", "evidence_3")
SUBJECT_LENGTH = 120


class PortalSubmissionError(ComplaintsError):
	"""A public submission that cannot be accepted as it is (the sentence says what to change)."""


class AttachmentError(PortalSubmissionError):
	"""An attachment of a type or size the public form does not take."""


def from_portal() -> bool:
	return bool(frappe.flags.complaint_from_portal)


def apply_public_topic(doc) -> None:
	"""A topic sets the service area and procedure of a new complaint (always, from the portal)."""
	if not doc.is_new() or not doc.public_topic:
		return
	topic = frappe.db.get_value(
		"Complaint Public Topic",
		doc.public_topic,
		["service_area", "procedure", "enabled"],
		as_dict=True,
	)
	if not topic or (from_portal() and not topic.enabled):
		frappe.throw(_("Choose what your complaint is about from the list."), PortalSubmissionError)
	if from_portal():
		doc.service_area, doc.procedure = topic.service_area, topic.procedure
	else:
		doc.service_area = doc.service_area or topic.service_area
		doc.procedure = doc.procedure or topic.procedure


def validate_portal_submission(doc) -> None:
	"""What a complaint from the public form must carry, and what it is given."""
	if not (doc.is_new() and from_portal()):
		return
	doc.channel = "Web"
	doc.received_at = frappe.utils.now_datetime()
	if frappe.session.user != "Guest":
		doc.complainant_user = frappe.session.user
	for fieldname in ("summary", "desired_outcome", "complainant_name"):
		if not (doc.get(fieldname) or "").strip():
			frappe.throw(
				_("Tell us {0}.").format(_(doc.meta.get_label(fieldname)).lower()), PortalSubmissionError
			)
	require_contact(doc)
	if not (doc.subject or "").strip():
		doc.subject = subject_for(doc.public_topic, doc.summary)


def require_contact(doc) -> None:
	"""The preferred way to reply must come with the detail it needs."""
	needs = {
		"Email": ("complainant_email", "email address"),
		"Phone": ("complainant_phone", "phone number"),
		"Letter": ("complainant_address", "postal address"),
	}
	preferred = doc.preferred_contact or "Email"
	fieldname, words = needs.get(preferred, (None, None))
	if fieldname and not (doc.get(fieldname) or "").strip():
		frappe.throw(
			_("You asked us to reply by {0}: give your {1}.").format(_(preferred).lower(), _(words)),
			PortalSubmissionError,
		)


def subject_for(topic: str | None, summary: str | None) -> str:
	"""A subject staff can scan: the topic and the first words of what happened."""
	first_line = " ".join((summary or "").split())
	text = f"{topic}: {first_line}" if topic else first_line
	return text if len(text) <= SUBJECT_LENGTH else text[: SUBJECT_LENGTH - 1].rstrip() + "…"


# -- attachments --------------------------------------------------------------------------


def take_attachments(data: dict) -> list[tuple[str, str, bytes]]:
	"""Remove the attachments from a web form payload, checked: (fieldname, file name, content).

	The web form sends each as ``<file name>,data:<type>;base64,<content>``. They are saved as
	private files once the complaint exists (``attach``), never as public ones.
	"""
	files = []
	for fieldname in EVIDENCE_FIELDS:
		value = data.pop(fieldname, None)
		if not value:
			continue
		if not isinstance(value, str) or ",data:" not in value or ";base64," not in value:
			frappe.throw(
				_("{0} could not be read: choose the file again.").format(fieldname), AttachmentError
			)
		name_part, encoded = value.split(";base64,", 1)
		file_name = os.path.basename(name_part.split(",data:", 1)[0]).strip() or "attachment"
		check_extension(file_name)
		try:
			content = base64.b64decode(encoded, validate=True)
		except (binascii.Error, ValueError):
			frappe.throw(
				_("{0} could not be read: choose the file again.").format(file_name), AttachmentError
			)
		check_size(file_name, len(content))
		files.append((fieldname, file_name, content))
	return files


def check_extension(file_name: str) -> None:
	extension = file_name.rsplit(".", 1)[-1].lower() if "." in file_name else ""
	if extension not in ALLOWED_EXTENSIONS:
		frappe.throw(
			_("{0} is not a file type we can take. Send PDF, Word, text, JPG or PNG files.").format(
				frappe.utils.escape_html(file_name)
			),
			AttachmentError,
		)


def check_size(file_name: str, size: int) -> None:
	if size > MAX_FILE_BYTES:
		frappe.throw(
			_("{0} is larger than 10 MB. Send a smaller file, or post it to us.").format(
				frappe.utils.escape_html(file_name)
			),
			AttachmentError,
		)


def attach(complaint: str, files: list[tuple[str, str, bytes]]) -> None:
	"""Save the checked attachments as private files of the complaint and link them from its fields."""
	for fieldname, file_name, content in files:
		saved = frappe.get_doc(
			{
				"doctype": "File",
				"file_name": file_name,
				"attached_to_doctype": "Complaint",
				"attached_to_name": complaint,
				"attached_to_field": fieldname,
				"is_private": 1,
				"content": content,
			}
		).insert(ignore_permissions=True)
		frappe.db.set_value("Complaint", complaint, fieldname, saved.file_url, update_modified=False)
