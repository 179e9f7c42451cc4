"""The complainant's side: submitting, tracking, asking for the next stage, withdrawing.

Complainants never get a DocPerm on the case doctypes, so Frappe's own routes (REST, report
view, search, file URLs of private files) stay closed to them. Everything public goes
through this module, which decides access itself, in one place (``resolve``):

* a logged-in complainant reaches the complaints whose ``complainant_user`` they are;
* anyone holding a tracking link reaches that one complaint, while its token is neither
  revoked nor expired; only the token's hash is stored, and lookups are rate-limited per IP.

What leaves is built from ``public.PUBLIC_*_FIELDS`` only.
"""

from __future__ import annotations

import inspect
import json
from contextlib import contextmanager

import frappe
from frappe import _
from frappe.query_builder import DocType
from frappe.rate_limiter import rate_limit
from frappe.utils import add_days, get_url, getdate, now_datetime, nowdate
from frappe.utils.html_utils import sanitize_html

from complaints_app.complaint_portal import intake
from complaints_app.complaint_portal.correspondence import send
from complaints_app.complaint_portal.ombudsman import contact_block
from complaints_app.complaint_portal.public import (
	HANDLER_FIELD,
	PUBLIC_COMPLAINT_FIELDS,
	PUBLIC_STAGE_FIELDS,
	PUBLIC_STATUS,
	STAGE_STATUS,
	EscalationFacts,
	escalation_refusal,
	looks_like_token,
	new_token,
	public_view,
	token_hash,
)
from complaints_app.complaints import clocks
from complaints_app.complaints.background import later
from complaints_app.complaints.errors import ComplaintsError

PORTAL_FORM = "complaint"
COMPLIMENT_FORM = "compliment"
RUNNING = ("Open", "On hold")  # a complaint whose reply is still to come
TRACKING_PAGE = "/complaint-status"
TOKEN_DAYS = 730
# Per IP and hour: submissions, token lookups, and requests (escalate, withdraw).
SUBMISSIONS_PER_HOUR = 10
LOOKUPS_PER_HOUR = 120
ACTIONS_PER_HOUR = 20
NO_ACCESS = "This link or reference does not open a complaint. Check the link in your email, or sign in."


class PortalAccessError(frappe.PermissionError):
	"""No complaint for this link or this person (the same sentence either way)."""


class PortalRequestError(ComplaintsError):
	"""A request from the portal that cannot be done (the sentence says why)."""


class TooManyRequestsError(frappe.TooManyRequestsError):
	pass


# -- rate limits ---------------------------------------------------------------------------


def throttle(action: str, limit: int, seconds: int = 3600) -> None:
	"""At most ``limit`` of ``action`` per client IP in ``seconds``; a 429 after that."""
	ip = getattr(frappe.local, "request_ip", None) or "local"
	key = frappe.cache.make_key(f"complaints_portal:{action}:{ip}")
	count = frappe.cache.incrby(key, 1)
	if count == 1:
		frappe.cache.expire(key, seconds)
	if count > limit:
		frappe.throw(
			_("Too many requests from your connection. Wait an hour and try again, or phone us."),
			TooManyRequestsError,
		)


# -- tracking tokens --------------------------------------------------------------------------


def issue_token(complaint: str, email: str | None = None) -> str:
	"""A new tracking token for ``complaint``; returns the token itself (stored only hashed)."""
	token = new_token()
	frappe.get_doc(
		{
			"doctype": "Complaint Access Token",
			"complaint": complaint,
			"token_hash": token_hash(token),
			"issued_to": email,
			"expires_on": add_days(nowdate(), TOKEN_DAYS),
		}
	).insert(ignore_permissions=True)
	return token


def tracking_link(token: str) -> str:
	return get_url(f"{TRACKING_PAGE}?token={token}")


def complaint_for_token(token: str | None) -> str:
	"""The complaint a live token opens; the same refusal for unknown, revoked and expired ones."""
	throttle("lookup", frappe.conf.get("complaints_portal_lookups_per_hour") or LOOKUPS_PER_HOUR)
	if not looks_like_token(token):
		raise PortalAccessError(_(NO_ACCESS))
	t = DocType("Complaint Access Token")
	rows = (
		frappe.qb.from_(t)
		.select(t.complaint, t.expires_on, t.revoked)
		.where(t.token_hash == token_hash(token))
		.run(as_dict=True)
	)
	row = rows[0] if rows else None
	if not row or row.revoked or (row.expires_on and getdate(row.expires_on) < getdate(nowdate())):
		raise PortalAccessError(_(NO_ACCESS))
	return row.complaint


def resolve(token: str | None = None, complaint: str | None = None) -> str:
	"""The complaint this request may reach: by tracking token, or as its signed-in complainant."""
	if token:
		return complaint_for_token(token)
	user = frappe.session.user
	if user == "Guest" or not complaint or not isinstance(complaint, str):
		raise PortalAccessError(_(NO_ACCESS))
	if frappe.db.get_value("Complaint", complaint, "complainant_user") != user:
		raise PortalAccessError(_(NO_ACCESS))
	return complaint


# -- what the complainant sees -------------------------------------------------------------


def my_complaints(user: str | None = None) -> list[dict]:
	"""The signed-in complainant's complaints, newest first, public fields only."""
	user = user or frappe.session.user
	if user == "Guest":
		return []
	c = DocType("Complaint")
	rows = (
		frappe.qb.from_(c)
		.select(*(c[f] for f in PUBLIC_COMPLAINT_FIELDS))
		.where(c.complainant_user == user)
		.orderby(c.received_at, order=frappe.qb.desc)
		.run(as_dict=True)
	)
	for r in rows:
		answered = r.status in ("Responded", "Closed")
		state = escalation_state(r.name, r, public_stages(r.name, False)) if answered else None
		r.status_label = status_label(r.status, state)
	return rows


def status_label(status: str, escalation: dict | None) -> str:
	"""The status in the public's words; a case that may still go, or was asked to go, to its next
	stage says so.

	A procedure with no escalation window closes the case at its answer, yet the next stage
	stays open to the complainant: "Closed" would tell them otherwise.
	"""
	if escalation and escalation["pending"]:
		return _(PUBLIC_STATUS["Next stage asked for"])
	if escalation and escalation["allowed"]:
		return _(PUBLIC_STATUS["Responded"])
	return _(PUBLIC_STATUS.get(status, status))


def complaint_view(name: str) -> dict:
	"""Everything the complainant may see of one complaint, from the public fields only."""
	complaint = frappe.db.get_value("Complaint", name, PUBLIC_COMPLAINT_FIELDS, as_dict=True)
	show_handler = frappe.db.get_single_value("Complaints Settings", "portal_shows_handler")
	stages = public_stages(name, show_handler)
	view = public_view(complaint, PUBLIC_COMPLAINT_FIELDS)
	view["stages"] = stages
	if complaint.status not in RUNNING:
		view["response_due"] = None  # nothing is due on an answered or closed complaint
	view["letters"] = letters_sent(name)
	view["documents"] = documents(name)
	view["escalation"] = escalation_state(name, complaint, stages)
	view["status_label"] = status_label(complaint.status, view["escalation"])
	view["can_withdraw"] = complaint.status in ("Open", "On hold", "Responded")
	return view


def public_stages(complaint: str, show_handler: bool) -> list[dict]:
	s = DocType("Complaint Stage")
	fields = (*PUBLIC_STAGE_FIELDS, HANDLER_FIELD) if show_handler else PUBLIC_STAGE_FIELDS
	rows = (
		frappe.qb.from_(s)
		.select(*(s[f] for f in fields))
		.where(s.complaint == complaint)
		.orderby(s.stage_number)
		.run(as_dict=True)
	)
	out = []
	for r in rows:
		stage = public_view(r, fields)
		stage["status_label"] = _(STAGE_STATUS.get(r.workflow_state, r.workflow_state or ""))
		if r.workflow_state == "Closed" and not r.responded_on:
			stage["response_due"] = None  # closed unanswered (withdrawn, merged): no reply is coming
		if show_handler and r.handler:
			stage["handler_name"] = frappe.utils.get_fullname(r.handler)
		stage.pop(HANDLER_FIELD, None)
		out.append(stage)
	return out


def letters_sent(complaint: str) -> list[dict]:
	"""The emails and letters sent to the complainant (Communications sent on the complaint),
	their content sanitised to safe HTML."""
	c = DocType("Communication")
	rows = (
		frappe.qb.from_(c)
		.select(c.name, c.subject, c.content, c.communication_date)
		.where(
			(c.reference_doctype == "Complaint")
			& (c.reference_name == complaint)
			& (c.sent_or_received == "Sent")
			& (c.communication_type == "Communication")
		)
		.orderby(c.communication_date)
		.run(as_dict=True)
	)
	for row in rows:
		row.content = sanitize_html(row.content or "")
	return rows


def documents(complaint: str) -> list[dict]:
	"""The files the complainant sent, and the letters sent to them (as attachments of those)."""
	f = DocType("File")
	letters = [r.name for r in letters_sent(complaint)]
	where = (f.attached_to_doctype == "Complaint") & (f.attached_to_name == complaint)
	where &= f.attached_to_field.isin(intake.EVIDENCE_FIELDS)
	if letters:
		where |= (f.attached_to_doctype == "Communication") & f.attached_to_name.isin(letters)
	return (
		frappe.qb.from_(f)
		.select(f.name, f.file_name, f.file_size)
		.where(where)
		.orderby(f.creation)
		.run(as_dict=True)
	)


def escalation_state(name: str, complaint, stages: list[dict]) -> dict:
	"""Whether the complainant may ask for the next stage now, and if not, why (and the Ombudsman)."""
	current = stages[-1] if stages else None
	next_stage = clocks.procedure_stage(complaint.procedure, current["stage_number"] + 1) if current else None
	facts = EscalationFacts(
		status=complaint.status,
		stage_name=current["stage_name"] if current else _("Your complaint"),
		responded_on=getdate(current["responded_on"]) if current and current["responded_on"] else None,
		escalation_deadline=getdate(current["escalation_deadline"])
		if current and current["escalation_deadline"]
		else None,
		next_stage_name=next_stage.stage_name if next_stage else None,
		pending_request=bool(
			frappe.db.exists("Complaint Escalation Request", {"complaint": name, "status": "Pending"})
		),
	)
	refusal = escalation_refusal(facts, getdate(nowdate()))
	return {
		"allowed": refusal is None,
		"pending": facts.pending_request,
		"refusal": _(refusal) if refusal else None,
		"next_stage_name": facts.next_stage_name,
		"deadline": facts.escalation_deadline,
		"ombudsman": ombudsman_contact(complaint.procedure),
		# The Ombudsman comes after the council's own process: named once a stage is answered.
		"show_ombudsman": bool(facts.responded_on) or complaint.status in ("Closed", "Withdrawn", "Refused"),
	}


def ombudsman_contact(procedure: str | None) -> str:
	ombudsman = frappe.db.get_value("Complaint Procedure", procedure, "ombudsman") if procedure else None
	return contact_block(ombudsman or "LGSCO", _)


@frappe.whitelist(allow_guest=True, methods=["GET"])
def download(file: str, token: str | None = None, complaint: str | None = None) -> None:
	"""One of the complaint's public documents, to the complainant (files stay private)."""
	name = resolve(token, complaint)
	if not isinstance(file, str) or file not in {d.name for d in documents(name)}:
		raise PortalAccessError(_(NO_ACCESS))
	saved = frappe.get_doc("File", file)
	frappe.local.response.filename = saved.file_name
	frappe.local.response.filecontent = saved.get_content()
	frappe.local.response.type = "download"


# -- what the complainant can do ------------------------------------------------------------


def actions_limit() -> int:
	return frappe.conf.get("complaints_portal_actions_per_hour") or ACTIONS_PER_HOUR


@frappe.whitelist(allow_guest=True, methods=["POST"])
@rate_limit(limit=actions_limit, seconds=60 * 60)
def request_next_stage(reasons: str, token: str | None = None, complaint: str | None = None) -> dict:
	"""Ask for the next stage: opens it under the procedure's rules, or waits for staff to accept."""
	name = resolve(token, complaint)
	reasons = (reasons or "").strip() if isinstance(reasons, str) else ""
	if not reasons:
		frappe.throw(
			_("Tell us why you are not satisfied, so the next stage can look at it."), PortalRequestError
		)
	complaint_row = frappe.db.get_value("Complaint", name, PUBLIC_COMPLAINT_FIELDS, as_dict=True)
	stages = public_stages(name, show_handler=False)
	state = escalation_state(name, complaint_row, stages)
	if not state["allowed"]:
		frappe.throw(f"{state['refusal']} {state['ombudsman']}", PortalRequestError)
	doc = frappe.get_doc("Complaint", name)
	current = stages[-1]
	request = frappe.get_doc(
		{
			"doctype": "Complaint Escalation Request",
			"complaint": name,
			"from_stage": current["name"],
			"requested_at": now_datetime(),
			"reasons": reasons,
		}
	)
	if needs_staff(doc.procedure, current["stage_number"] + 1):
		request.insert(ignore_permissions=True)
		return {
			"status": "Pending",
			"message": _("Thank you. We will write to you about {0} within 5 working days.").format(
				state["next_stage_name"]
			),
		}
	with on_behalf_of_complainant():
		stage = doc.escalate(handler=current_handler(doc), requested_at=request.requested_at)
	request.update({"status": "Accepted", "decided_on": nowdate(), "opened_stage": stage.name})
	request.insert(ignore_permissions=True)
	due = frappe.format(stage.response_due, "Date") if stage.response_due else _("a date we will confirm")
	return {
		"status": "Accepted",
		"message": _("{0} has started. It is due by {1}.").format(stage.stage_name, due),
	}


def needs_staff(procedure: str, stage_number: int) -> bool:
	"""The request waits for staff when the procedure says so, or the stage needs a new handler."""
	if frappe.db.get_value("Complaint Procedure", procedure, "escalation_needs_acceptance"):
		return True
	config = clocks.procedure_stage(procedure, stage_number)
	return bool(config and config.different_handler_required)


def current_handler(doc) -> str | None:
	return frappe.db.get_value("Complaint Stage", doc.current_stage, "handler")


@frappe.whitelist(allow_guest=True, methods=["POST"])
@rate_limit(limit=actions_limit, seconds=60 * 60)
def withdraw(reason: str, token: str | None = None, complaint: str | None = None) -> dict:
	"""The complainant withdraws their complaint; it closes as Withdrawn with their reason."""
	name = resolve(token, complaint)
	reason = (reason or "").strip() if isinstance(reason, str) else ""
	doc = frappe.get_doc("Complaint", name)
	if doc.status not in ("Open", "On hold", "Responded"):
		frappe.throw(_("This complaint is already closed."), PortalRequestError)
	with on_behalf_of_complainant():
		doc.close_with(
			"Withdrawn", _("Withdrawn by the complainant: {0}").format(reason or _("no reason given"))
		)
	return {"status": "Withdrawn", "message": _("Your complaint {0} is withdrawn.").format(name)}


@contextmanager
def on_behalf_of_complainant():
	"""Run a case action the complainant asked for, which staff workflows guard, as the system.

	The stage workflow checks the acting user's roles; a complainant has none, and must not get
	any. The action is what the complainant asked for through ``resolve``'s check; the case's
	comment and the request record say it was theirs.
	"""
	user = frappe.session.user
	frappe.set_user("Administrator")
	try:
		yield
	finally:
		frappe.set_user(user)


# -- submitting -------------------------------------------------------------------------------


def submission_limit() -> int:
	"""Per IP and hour; a council whose front desk submits for callers from one address raises it
	with ``bench set-config complaints_portal_submissions_per_hour N``."""
	return frappe.conf.get("complaints_portal_submissions_per_hour") or SUBMISSIONS_PER_HOUR


@frappe.whitelist(allow_guest=True, methods=["POST"])
@rate_limit(key="web_form", limit=submission_limit, seconds=60 * 60)
def accept(web_form: str, data: str, for_payment: bool | str | None = None) -> dict:
	"""Frappe's web form submission, with the complaint form's checks added around it.

	The compliment form goes to Frappe and answers with its reference only; other web forms go
	straight to Frappe. For the complaint form: a per-IP limit, a
	honeypot field, attachments checked and saved as private files, then the complaint, its
	tracking link and the acknowledgement.
	"""
	from frappe.website.doctype.web_form.web_form import accept as frappe_accept

	if web_form == COMPLIMENT_FORM:
		# Frappe answers with the whole saved record; the public needs only its reference.
		saved = frappe_accept(web_form=web_form, data=data)
		return {"name": saved.name, "doctype": saved.doctype}
	if web_form != PORTAL_FORM:
		return frappe_accept(web_form=web_form, data=data)
	# Frappe's own per-minute limit is replaced by this endpoint's hourly one (frappe.rate_limiter).
	frappe_accept = inspect.unwrap(frappe_accept)
	try:
		payload = json.loads(data) if isinstance(data, str) else data
	except ValueError:
		payload = None
	if not isinstance(payload, dict) or payload.get("name"):
		frappe.throw(_("This form makes a new complaint."), PortalRequestError)
	if (payload.get("company_website") or "").strip():
		# Only a bot fills the hidden field: answer as if refused for a reason it cannot fix.
		frappe.throw(_("Your complaint could not be sent. Please phone us."), PortalRequestError)
	payload.pop("company_website", None)
	files = intake.take_attachments(payload)
	frappe.flags.complaint_from_portal = True
	try:
		result = frappe_accept(web_form=web_form, data=json.dumps(payload))
	finally:
		frappe.flags.complaint_from_portal = False
	name = result["name"] if isinstance(result, dict) else result.name
	intake.attach(name, files)
	email = frappe.db.get_value("Complaint", name, "complainant_email")
	token = issue_token(name, email)
	# Sent by a worker once the complaint is committed: the public gets their reference at once.
	later("complaints_app.complaint_portal.portal.acknowledge", name=name, link=tracking_link(token))
	return {"name": name, "doctype": "Complaint", "tracking_url": f"{TRACKING_PAGE}?token={token}&new=1"}


def acknowledge(name: str, link: str) -> None:
	"""The acknowledgement, with the reference, the target date and the tracking link (a job, after commit).

	A complaint is never lost for want of an email: if the acknowledgement cannot be queued
	(no outgoing account, or one set up without an address), the complaint stands, the failure
	is logged, and a comment on the complaint tells staff to acknowledge it themselves.
	"""
	frappe.db.savepoint("portal_acknowledgement")
	try:
		send(frappe.get_doc("Complaint", name), "acknowledgement", tracking_link=link)
	except Exception as e:  # any failure to queue mail (an account half set up, say) keeps the complaint
		frappe.db.rollback(save_point="portal_acknowledgement")
		frappe.clear_messages()
		frappe.log_error(
			title=f"Acknowledgement not sent for {name}", reference_doctype="Complaint", reference_name=name
		)
		comment = _("The acknowledgement could not be sent from the portal ({0}). Acknowledge it by hand.")
		frappe.get_doc("Complaint", name).add_comment("Comment", comment.format(str(e)))
