"""Correspondence with the complainant: the acknowledgement, stage and final responses, extension notices.

Each kind is an Email Template (shipped in ``setup/defaults.py``, editable in desk) and a
standard Print Format in this module (a letter with the same words). ``send`` renders the
template and either emails it or, for a complainant who asked for post (or gave no email
address), makes the letter as a PDF for staff to print and post. Either way it is logged
as a Communication on the Complaint (and linked to the stage's timeline), so the case
file and the complainant's portal list everything sent.

Staff send from the stage form (``send_correspondence``, which checks write permission);
the portal calls ``send`` itself right after a web submission, as Guest.

Mail arriving in the complaints inbox is turned into a Complaint by Frappe itself (the
doctype's ``email_append_to``); ``on_incoming_email`` then marks its channel "Email".
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape, unescape

import frappe
from frappe import _
from frappe.email.doctype.email_account.email_account import EmailAccount
from frappe.email.email_body import get_message_id
from frappe.query_builder import DocType
from frappe.utils import format_date, get_string_between, getdate, nowdate, time_diff_in_seconds
from frappe.utils import validate_email_address as valid_email

from complaints_app.complaint_portal.ombudsman import LGSCO, contact_details
from complaints_app.complaints import clocks
from complaints_app.complaints.errors import ComplaintsError

ACKNOWLEDGEMENT = "acknowledgement"
STAGE_RESPONSE = "stage_response"
FINAL_RESPONSE = "final_response"
EXTENSION_NOTICE = "extension_notice"
LETTER_DATE = "d MMMM y"  # 9 January 2026
# A Complaint and the mail that created it are written in the same request, moments apart.
SAME_REQUEST_SECONDS = 60


@dataclass(frozen=True)
class Kind:
	key: str
	label: str
	template: str  # Email Template
	print_format: str
	print_doctype: str


KINDS = {
	k.key: k
	for k in (
		Kind(
			ACKNOWLEDGEMENT,
			"Acknowledgement",
			"Complaints: acknowledgement",
			"Complaint Acknowledgement",
			"Complaint",
		),
		Kind(
			STAGE_RESPONSE,
			"Stage response",
			"Complaints: stage response",
			"Complaint Stage Response",
			"Complaint Stage",
		),
		Kind(
			FINAL_RESPONSE,
			"Final response",
			"Complaints: final response",
			"Complaint Final Response",
			"Complaint Stage",
		),
		Kind(
			EXTENSION_NOTICE,
			"Extension notice",
			"Complaints: extension notice",
			"Complaint Extension Notice",
			"Complaint Stage",
		),
	)
}


class CorrespondenceError(ComplaintsError):
	"""Correspondence that cannot be sent as asked (the sentence says why)."""


class UnknownCorrespondenceError(CorrespondenceError):
	"""A kind of correspondence the app does not have."""


class CorrespondenceNotDueError(CorrespondenceError):
	"""A kind that does not fit the stage now (a final response before there is a response)."""


class NoContactDetailsError(CorrespondenceError):
	"""No email address to write to, and no postal address for a letter."""


class NoOutgoingEmailError(CorrespondenceError):
	"""The site has no outgoing Email Account, so an email cannot be queued."""


# -- staff: the stage form's "Send to complainant" buttons -------------------------------


@frappe.whitelist(methods=["POST"])
def send_correspondence(stage: str, kind: str) -> str:
	"""Send ``kind`` about ``stage`` to its complainant; returns the Communication's name."""
	doc = frappe.get_doc("Complaint Stage", stage)
	doc.check_permission("write")
	return send(doc, kind)


@frappe.whitelist()
def available_kinds(stage: str) -> list[dict]:
	"""The kinds that fit the stage now, for the form's button group (none without write permission)."""
	doc = frappe.get_doc("Complaint Stage", stage)
	doc.check_permission("read")
	if not frappe.has_permission("Complaint Stage", "write", doc=doc):
		return []
	complaint = frappe.get_doc("Complaint", doc.complaint)
	return [
		{"kind": k.key, "label": _(k.label)}
		for k in KINDS.values()
		if refusal(k.key, complaint, doc, getdate(nowdate())) is None
	]


@frappe.whitelist()
def letter_for_print(doctype: str, name: str, kind: str) -> dict:
	"""What a letter Print Format shows when printed from desk: the same facts and words as ``send``."""
	if doctype not in ("Complaint", "Complaint Stage"):
		frappe.throw(_("Letters are printed from a Complaint or a Complaint Stage."), CorrespondenceError)
	doc = frappe.get_doc(doctype, name)
	if not frappe.has_permission(doctype, "print", doc=doc):
		frappe.throw(_("You may not print {0}.").format(name), frappe.PermissionError)
	kind_ = kind_of(kind)
	complaint, stage = case_of(doc)
	refuse_unless_fits(kind_.key, complaint, stage)
	return letter(kind_, complaint, stage, tracking_link=None, by_post=True)


# -- sending -------------------------------------------------------------------------------------


def send(doc, kind: str, tracking_link: str | None = None) -> str:
	"""Send ``kind`` to the complainant and log it as a Communication on the complaint; returns its name.

	``doc`` is the Complaint (for the acknowledgement of its current stage) or a Complaint
	Stage. Permission is the caller's to check: the portal calls this as Guest.
	"""
	kind_ = kind_of(kind)
	complaint, stage = case_of(doc)
	refuse_unless_fits(kind_.key, complaint, stage)
	by_post = wants_post(complaint)
	content = letter(kind_, complaint, stage, tracking_link, by_post)
	if by_post:
		return post(kind_, complaint, stage, content)
	return email(kind_, complaint, stage, content)


def kind_of(kind: str) -> Kind:
	if kind not in KINDS:
		frappe.throw(
			_("There is no correspondence called {0}. Choose one of: {1}.").format(
				frappe.bold(str(kind)), ", ".join(_(k.label) for k in KINDS.values())
			),
			UnknownCorrespondenceError,
		)
	return KINDS[kind]


def case_of(doc) -> tuple:
	"""The complaint and the stage a letter is about (a complaint's is its current stage)."""
	if doc.doctype == "Complaint Stage":
		return frappe.get_doc("Complaint", doc.complaint), doc
	if doc.doctype != "Complaint":
		frappe.throw(_("Correspondence is sent about a Complaint or a Complaint Stage."), CorrespondenceError)
	if not doc.current_stage:
		frappe.throw(
			_("Complaint {0} has no stage ({1}), so there is nothing to send.").format(
				doc.name, _(doc.status)
			),
			CorrespondenceNotDueError,
		)
	return doc, frappe.get_doc("Complaint Stage", doc.current_stage)


def refuse_unless_fits(kind: str, complaint, stage) -> None:
	reason = refusal(kind, complaint, stage, getdate(nowdate()))
	if reason:
		frappe.throw(reason, CorrespondenceNotDueError, title=_("Not sent"))


def refusal(kind: str, complaint, stage, today) -> str | None:
	"""Why ``kind`` does not fit the stage on ``today``, or None when it does."""
	name = stage.stage_name or _("Stage {0}").format(stage.stage_number)
	if kind in (ACKNOWLEDGEMENT, EXTENSION_NOTICE):
		if stage.responded_on:
			return _("{0} has been answered already: send the stage response or final response.").format(name)
		if stage.workflow_state == "Closed":
			return _("{0} is closed ({1}), so there is nothing more to tell the complainant.").format(
				name, _(complaint.status)
			)
		if kind == EXTENSION_NOTICE and not stage.extensions:
			return _("{0} has no extension: agree one with the Extend button first.").format(name)
		return None
	if not stage.responded_on:
		return _("{0} has no response yet: record the response date and outcome first.").format(name)
	following = clocks.procedure_stage(stage.procedure, stage.stage_number + 1)
	deadline = getdate(stage.escalation_deadline) if stage.escalation_deadline else None
	can_escalate = following is not None and not (deadline and deadline < today)
	if kind == STAGE_RESPONSE and following is None:
		return _(
			"{0} is the last stage of the procedure: send the final response, with the Ombudsman's details."
		).format(name)
	if kind == STAGE_RESPONSE and not can_escalate:
		return _("The complainant could ask for {0} until {1}: send the final response.").format(
			following.stage_name, long_date(deadline)
		)
	if kind == FINAL_RESPONSE and can_escalate:
		return _(
			"The complainant can still ask for {0}: send the stage response, which tells them how."
		).format(following.stage_name)
	return None


def wants_post(complaint) -> bool:
	"""A letter for those who asked for post, or gave no email address; refused without an address."""
	has_email = bool(complaint.complainant_email and valid_email(complaint.complainant_email))
	if complaint.preferred_contact != "Letter" and has_email:
		return False
	if not (complaint.complainant_address or "").strip():
		if complaint.preferred_contact == "Letter":
			message = _("{0} asked for letters, but has no postal address: add it to complaint {1}.")
		else:
			message = _("{0} has no email address and no postal address: add one to complaint {1}.")
		frappe.throw(message.format(complaint.complainant_name, complaint.name), NoContactDetailsError)
	return True


def email(kind: Kind, complaint, stage, content: dict) -> str:
	"""Queue the email (never sent in this request) through the complaints' outgoing account."""
	account = EmailAccount.find_outgoing(match_by_doctype="Complaint")
	if not account:
		frappe.throw(
			_("No outgoing email account is set up, so the {0} cannot be emailed.").format(
				_(kind.label).lower()
			),
			NoOutgoingEmailError,
		)
	comm = communication(
		complaint,
		stage,
		content,
		communication_medium="Email",
		recipients=complaint.complainant_email,
		sender=account.get("email_id") or None,
		email_template=kind.template,
		# The complainant's reply quotes it (In-Reply-To), so Frappe files the reply on this complaint.
		message_id=get_string_between("<", get_message_id(), ">"),
	)
	comm.send_email(now=False)
	return comm.name


def post(kind: Kind, complaint, stage, content: dict) -> str:
	"""The letter as a PDF attached to a Communication (no email), for staff to print and post."""
	comm = communication(complaint, stage, content, communication_medium="Other", recipients=None)
	frappe.get_doc(
		{
			"doctype": "File",
			"file_name": f"{_(kind.label)} {complaint.name}.pdf",
			"content": letter_pdf(kind, complaint, stage, content),
			"is_private": 1,
			"attached_to_doctype": "Communication",
			"attached_to_name": comm.name,
		}
	).save(ignore_permissions=True)
	comm.db_set("has_attachment", 1, update_modified=False)
	return comm.name


def communication(complaint, stage, content: dict, **fields):
	"""A Communication sent on the complaint, shown on the stage's timeline too."""
	comm = frappe.get_doc(
		{
			"doctype": "Communication",
			"communication_type": "Communication",
			"sent_or_received": "Sent",
			"subject": content["subject"],
			"content": content["body"],
			"sender_full_name": _("Complaints Team"),
			"reference_doctype": "Complaint",
			"reference_name": complaint.name,
			**fields,
		}
	)
	comm.add_link("Complaint Stage", stage.name)
	comm.flags.skip_add_signature = True
	comm.insert(ignore_permissions=True)
	return comm


def letter_pdf(kind: Kind, complaint, stage, content: dict) -> bytes:
	"""The letter's Print Format as a PDF, given the facts already worked out (no second lookup)."""
	doc = complaint if kind.print_doctype == "Complaint" else stage
	doc.flags.complaint_letter = content
	ignored = frappe.flags.ignore_print_permissions
	frappe.flags.ignore_print_permissions = True  # the portal sends as Guest; the caller checked
	try:
		return frappe.get_print(doc.doctype, doc.name, kind.print_format, doc=doc, as_pdf=True)
	finally:
		frappe.flags.ignore_print_permissions = ignored
		doc.flags.pop("complaint_letter", None)


# -- what a letter says -----------------------------------------------------------------------


def letter(kind: Kind, complaint, stage, tracking_link: str | None, by_post: bool) -> dict:
	"""The facts, then the Email Template rendered with them: ``subject`` and ``body`` (HTML)."""
	context = facts(complaint, stage, tracking_link, by_post)
	template = frappe.get_cached_doc("Email Template", kind.template)
	body = template.response_html if template.use_html else template.response
	context["subject"] = frappe.render_template(template.subject or "", context).strip()
	context["body"] = frappe.render_template(body or "", context)
	return context


def facts(complaint, stage, tracking_link: str | None, by_post: bool) -> dict:
	"""Everything a template may use; each key always present, text from people already escaped."""
	following = clocks.procedure_stage(stage.procedure, stage.stage_number + 1)
	ombudsman = frappe.db.get_value("Complaint Procedure", complaint.procedure, "ombudsman") or LGSCO
	return {
		"reference": complaint.name,
		"complainant_name": text(complaint.complainant_name),
		"complainant_address": text(complaint.complainant_address),
		"complaint_subject": text(complaint.subject),
		"received_on": long_date(complaint.received_at),
		"today": long_date(nowdate()),
		"by_post": by_post,
		"contact_us": _("write to us") if by_post else _("reply to this email"),
		"tracking_link": escape(tracking_link or ""),
		"stage_name": text(stage.stage_name),
		"stage_number": stage.stage_number,
		"acknowledgement_due": long_date(stage.acknowledgement_due),
		"response_due": long_date(stage.response_due),
		"original_response_due": long_date(stage.original_response_due),
		"agreed_limit_months": (stage.agreed_date_limit_months or 6)
		if stage.response_unit == "Agreed date"
		else 0,
		"outcome": _(stage.outcome) if stage.outcome else "",
		"responded_on": long_date(stage.responded_on),
		"response_summary": text(stage.response_summary),
		"points": points(stage),
		"next_stage_name": text(following.stage_name) if following else "",
		"escalation_deadline": long_date(stage.escalation_deadline),
		"escalation_window_days": stage.escalation_window_days or 0,
		"extension": latest_extension(stage),
		"ombudsman": contact_details(ombudsman, _),
	}


def points(stage) -> list[dict]:
	"""The outcome per point: the stage's own table, then an investigation's findings."""
	rows = [
		{
			"point": text(row.point),
			"theme": text(_(row.theme)) if row.theme else "",
			"outcome": _(row.outcome) if row.outcome else "",
			"recommendation": "",
		}
		for row in stage.theme_outcomes
	]
	if stage.stage_record != "Investigation":
		return rows
	investigation, point = DocType("Complaint Investigation"), DocType("Complaint Investigation Point")
	findings = (
		frappe.qb.from_(point)
		.join(investigation)
		.on(point.parent == investigation.name)
		.select(point.point, point.finding, point.recommendation)
		.where(
			(investigation.complaint_stage == stage.name)
			& (point.parenttype == "Complaint Investigation")
			& (point.parentfield == "points")
		)
		.orderby(point.idx)
		.run(as_dict=True)
	)
	rows += [
		{
			"point": text(row.point),
			"theme": "",
			"outcome": _(row.finding) if row.finding else _("No finding recorded"),
			"recommendation": text(row.recommendation),
		}
		for row in findings
	]
	return rows


def latest_extension(stage) -> dict:
	if not stage.extensions:
		return {"days": 0, "reason": "", "agreed_on": ""}
	row = max(stage.extensions, key=lambda r: r.idx)
	return {"days": row.days or 0, "reason": text(row.reason), "agreed_on": long_date(row.agreed_on)}


def text(value) -> str:
	"""Typed by a person (the public, or staff): escaped for HTML once, with its line breaks kept.

	Frappe stores a text field that looks like HTML already sanitised ("<" as "&lt;"), and
	plain text as typed: unescaping first gives the same single escaping to both.
	"""
	return escape(unescape(str(value or "").strip())).replace("\n", "<br>")


def long_date(value) -> str:
	return format_date(value, LETTER_DATE) if value else ""


# -- mail arriving in the complaints inbox ----------------------------------------------------


def on_incoming_email(doc, method=None) -> None:
	"""Communication ``after_insert``: a complaint that this received email just created came by Email.

	Frappe makes the Complaint from the mail (``email_append_to``) and then inserts the
	Communication; replies it appends to the existing complaint, which is left as it is.
	Never raises: mail intake must not stop over the channel.
	"""
	try:
		name = complaint_created_by(doc)
		if name:
			frappe.db.set_value("Complaint", name, "channel", "Email", update_modified=False)
	except frappe.QueryDeadlockError:
		raise  # the database rolled the transaction back; retrying the mail is the way on
	except Exception:
		frappe.log_error(
			title="Complaint channel not set from an incoming email",
			reference_doctype="Communication",
			reference_name=doc.get("name"),
		)


def complaint_created_by(doc) -> str | None:
	"""The complaint this received email created, if it did (not a reply, not one staff logged)."""
	received_email = (
		doc.get("communication_type") == "Communication"
		and doc.get("communication_medium") == "Email"
		and doc.get("sent_or_received") == "Received"
	)
	if not (received_email and doc.get("reference_doctype") == "Complaint" and doc.get("reference_name")):
		return None
	complaint = frappe.db.get_value(
		"Complaint",
		doc.reference_name,
		["name", "channel", "creation", "owner", "complainant_email", "subject"],
		as_dict=True,
	)
	if not complaint or complaint.channel == "Email":
		return None
	from_sender = (complaint.complainant_email or "").strip().lower() == (doc.get("sender") or "").lower()
	# Frappe gives the new complaint the mail's subject; a reply's "Re: ..." differs from its complaint's.
	same_subject = (complaint.subject or "").strip() == (doc.get("subject") or "")[:140].strip()
	made_together = complaint.owner == doc.owner and (
		0 <= time_diff_in_seconds(doc.creation, complaint.creation) <= SAME_REQUEST_SECONDS
	)
	if not (from_sender and same_subject and made_together) or earlier_communications(
		complaint.name, doc.name
	):
		return None
	return complaint.name


def earlier_communications(complaint: str, this: str) -> bool:
	comm = DocType("Communication")
	return bool(
		frappe.qb.from_(comm)
		.select(comm.name)
		.where(
			(comm.reference_doctype == "Complaint") & (comm.reference_name == complaint) & (comm.name != this)
		)
		.limit(1)
		.run()
	)
