"""Previous contact from a complainant, and the warning when their contact is restricted.

A complaint's complainant is matched (``matching``) with the complainants of other complaints,
the constituents of member enquiries, and the people named in contact restrictions: on the
normalised email, the phone, or the name with the postcode.

* **Finding.** Complaints (``contact_keys``) and contact restrictions store their keys, indexed,
  and are found by equality. Member enquiries, far fewer, are narrowed by the database with a
  condition every way of writing the same detail meets (the email without spaces, the last
  nine digits of the phone in order), and the Python keys then decide, so the rule lives in
  one place.
* **Who sees what.** Only records the user may read are listed, through the same permission
  rules as their lists (``frappe.get_list``). Nothing says whether other records exist: a
  children's social care complaint, say, is not hinted at to someone who may not see it.
  Contact restrictions are for complaints staff: anyone else who may read the complaint sees
  that contact is restricted and whom to speak to first, not the terms or the reasons.
* **Never a barrier.** The warning is shown and commented, never enforced: a complaint from a
  restricted person is taken as any other, from desk or the public form.
"""

from __future__ import annotations

from dataclasses import dataclass

import frappe
from frappe import _
from frappe.query_builder import DocType
from frappe.query_builder.functions import Lower, Replace, Trim
from frappe.utils import escape_html, format_date, get_fullname, getdate, nowdate
from pypika.terms import Criterion

from complaints_app.complaint_contacts import contact_keys
from complaints_app.complaint_contacts.contact_keys import complaint_keys
from complaints_app.complaint_contacts.matching import PersonKeys, match_reasons, phone_tail
from complaints_app.complaints.errors import InvalidInputError

RESTRICTION = "Complaint Contact Restriction"
SHOWN_PER_KIND = 50


@dataclass(frozen=True)
class Source:
	"""Where a person's details sit on a doctype without stored keys."""

	doctype: str
	name: str
	email: str
	phone: str
	fields: tuple[str, ...]


# The constituent is the person (the member acts for them). No address: email and phone only.
ENQUIRIES = Source(
	"Member Enquiry",
	"on_behalf_of_name",
	"constituent_email",
	"constituent_phone",
	("name", "received_on", "subject", "status", "member_name"),
)
COMPLAINT_FIELDS = ("name", "received_at", "subject", "status", "merged_into")


# -- finding ----------------------------------------------------------------------------


def matches(source: Source, keys: PersonKeys) -> dict[str, tuple[str, ...]]:
	"""{record name: how it matched} for every record of ``source`` with this person (no permissions).

	For doctypes without stored keys (member enquiries): narrowed in SQL, decided in Python.
	"""
	t = DocType(source.doctype)
	may_match = narrowing(t, source, keys)
	if not may_match:
		return {}
	query = (
		frappe.qb.from_(t)
		.select(t.name, t[source.email], t[source.phone], t[source.name])
		.where(Criterion.any(may_match))
	)
	found = {}
	for name, email, phone, person in query.run():
		theirs = PersonKeys.of(name=person, email=email, phone=phone)
		reasons = match_reasons(keys, theirs)
		if reasons:
			found[name] = reasons
	return found


def narrowing(t, source: Source, keys: PersonKeys) -> list:
	"""Conditions that every record of this person meets, whichever way their details were written."""
	conditions = []
	if keys.email:
		conditions.append(Lower(Replace(Trim(t[source.email]), " ", "")) == keys.email)
	if keys.phone:
		conditions.append(t[source.phone].like("%" + "%".join(phone_tail(keys.phone)) + "%"))
	return conditions


def restriction_matches(keys: PersonKeys, active_only: bool = False) -> dict[str, tuple[str, ...]]:
	"""{restriction: how it matched} by the stored, indexed keys."""
	r = DocType(RESTRICTION)
	may_match = []
	if keys.email:
		may_match.append(r.email_key == keys.email)
	if keys.phone:
		may_match.append(r.phone_key == keys.phone)
	if keys.name_and_postcode:
		may_match.append((r.name_key == keys.name) & (r.postcode_key == keys.postcode))
	if not may_match:
		return {}
	query = (
		frappe.qb.from_(r)
		.select(r.name, r.email_key, r.phone_key, r.name_key, r.postcode_key)
		.where(Criterion.any(may_match))
	)
	if active_only:
		query = query.where(r.status == "Active")
	found = {}
	for name, email, phone, person, postcode in query.run():
		reasons = match_reasons(keys, PersonKeys(email=email, phone=phone, name=person, postcode=postcode))
		if reasons:
			found[name] = reasons
	return found


def readable(doctype: str, names, fields, order_by: str, user: str) -> list[dict]:
	"""The records among ``names`` that ``user`` may read, through the list's permission rules."""
	if not names or not frappe.has_permission(doctype, "read", user=user):
		return []
	return frappe.get_list(
		doctype,
		filters={"name": ["in", list(names)]},
		fields=list(fields),
		order_by=order_by,
		limit_page_length=0,
		user=user,
	)


# -- the warning ------------------------------------------------------------------------


def restriction_warnings(keys: PersonKeys, user: str | None = None) -> list[str]:
	"""One sentence per active restriction on this person, in the words ``user`` may read."""
	user = user or frappe.session.user
	names = restriction_matches(keys, active_only=True)
	if not names:
		return []
	fields = ["name", "restriction_type", "restriction", "single_point_of_contact", "review_date"]
	rows = frappe.get_all(RESTRICTION, filters={"name": ["in", list(names)]}, fields=fields, order_by="name")
	full = frappe.has_permission(RESTRICTION, "read", user=user)
	return [full_warning(row) if full else brief_warning(row) for row in rows]


def full_warning(row) -> str:
	text = _("Contact restriction {0} ({1}): {2}").format(
		row.name, _(row.restriction_type), (row.restriction or "").strip()
	)
	if row.single_point_of_contact:
		text += " " + _("Single point of contact: {0}.").format(get_fullname(row.single_point_of_contact))
	review = format_date(row.review_date)
	if getdate(row.review_date) < getdate(nowdate()):
		text += " " + _("Its review was due on {0}.").format(review)
	else:
		text += " " + _("Review by {0}.").format(review)
	return text + " " + _("The complaint is handled as any other: a restriction never stops one.")


def brief_warning(row) -> str:
	"""For staff who may read the complaint but not restrictions: that it exists, and whom to ask."""
	ask = (
		get_fullname(row.single_point_of_contact) if row.single_point_of_contact else _("the complaints team")
	)
	return _(
		"Contact with this complainant is restricted ({0}) under the council's policy on unreasonably "
		"persistent or vexatious contact. Speak to {1} before contacting them. The complaint is handled as any other."
	).format(row.name, ask)


def note_restrictions(doc) -> None:
	"""after_insert of a complaint: a comment for each active restriction on its complainant.

	In the brief wording, as everyone who may read the complaint sees it. It never stops the
	complaint: anything that goes wrong here is logged and the complaint stands.
	"""
	try:
		keys = complaint_keys(doc)
		for name in sorted(restriction_matches(keys, active_only=True)):
			row = frappe.db.get_value(RESTRICTION, name, ["name", "single_point_of_contact"], as_dict=True)
			doc.add_comment("Info", brief_warning(row))
	except Exception:
		frappe.log_error(title=_("Contact restriction check failed for {0}").format(doc.name))


# -- what the form shows ----------------------------------------------------------------


def previous_contact(keys: PersonKeys, exclude: str | None = None, user: str | None = None) -> dict:
	"""The warnings, and the HTML of the person's other complaints, enquiries and restrictions."""
	user = user or frappe.session.user
	if keys.is_empty():
		return {"warnings": [], "html": render([])}
	found = contact_keys.find(keys, exclude)
	rows = readable("Complaint", found, COMPLAINT_FIELDS, "received_at desc", user)
	sections = [render_section(_("Complaints"), "Complaint", rows, found, "received_at")]
	found = matches(ENQUIRIES, keys)
	rows = readable(ENQUIRIES.doctype, found, ENQUIRIES.fields, "received_on desc", user)
	sections.append(render_section(_("Member enquiries"), ENQUIRIES.doctype, rows, found, "received_on"))
	found = restriction_matches(keys)
	fields = ("name", "restriction_type", "status", "decided_on", "review_date")
	rows = readable(RESTRICTION, found, fields, "decided_on desc", user)
	sections.append(render_restrictions(rows, found))
	return {"warnings": restriction_warnings(keys, user), "html": render(sections)}


def render(sections: list[str]) -> str:
	body = "".join(s for s in sections if s)
	if not body:
		body = f'<p class="text-muted">{escape_html(_("Nothing else on record for this person that you can see."))}</p>'
	caption = _(
		"Matched on the email, the phone number, or the name with the postcode. Only records you may read are listed."
	)
	return f'<div class="previous-contact">{body}<p class="text-muted small">{escape_html(caption)}</p></div>'


def table(title: str, count: int, headings: list[str], rows: list[list[str]]) -> str:
	shown = rows[:SHOWN_PER_KIND]
	more = ""
	if count > len(shown):
		more = f'<p class="text-muted small">{escape_html(_("and {0} more").format(count - len(shown)))}</p>'
	head = "".join(f"<th>{escape_html(h)}</th>" for h in headings)
	body = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in shown)
	return (
		f"<h6>{escape_html(title)} ({count})</h6>"
		f'<table class="table table-bordered table-sm"><thead><tr>{head}</tr></thead>'
		f"<tbody>{body}</tbody></table>{more}"
	)


def link(doctype: str, name: str) -> str:
	route = frappe.scrub(doctype).replace("_", "-")
	return f'<a href="/app/{route}/{escape_html(name)}">{escape_html(name)}</a>'


def how(reasons: tuple[str, ...]) -> str:
	return escape_html(", ".join(_(r) for r in reasons))


def render_section(title: str, doctype: str, rows: list[dict], found: dict, date_field: str) -> str:
	if not rows:
		return ""
	out = []
	for row in rows:
		status = _(row.status or "")
		if row.get("merged_into"):
			status = _("Merged into {0}").format(row.merged_into)
		out.append(
			[
				link(doctype, row.name),
				escape_html(format_date(row.get(date_field))),
				escape_html(row.subject or ""),
				escape_html(status),
				how(found[row.name]),
			]
		)
	headings = [_("Reference"), _("Received"), _("Subject"), _("Status"), _("Matched on")]
	return table(title, len(rows), headings, out)


def render_restrictions(rows: list[dict], found: dict) -> str:
	if not rows:
		return ""
	out = [
		[
			link(RESTRICTION, row.name),
			escape_html(_(row.restriction_type)),
			escape_html(_(row.status)),
			escape_html(format_date(row.decided_on)),
			escape_html(format_date(row.review_date)),
			how(found[row.name]),
		]
		for row in rows
	]
	headings = [
		_("Reference"),
		_("Restriction"),
		_("Status"),
		_("Decided on"),
		_("Review by"),
		_("Matched on"),
	]
	return table(_("Contact restrictions"), len(rows), headings, out)


# -- the form's methods -----------------------------------------------------------------


@frappe.whitelist()
def contact_history(complaint: str) -> dict:
	"""For a saved complaint: the restriction warnings and the HTML of previous contact."""
	if not isinstance(complaint, str) or not frappe.db.exists("Complaint", complaint):
		frappe.throw(
			_("There is no complaint {0}.").format(escape_html(str(complaint))), frappe.DoesNotExistError
		)
	doc = frappe.get_doc("Complaint", complaint)
	doc.check_permission("read")
	return previous_contact(complaint_keys(doc), exclude=doc.name)


@frappe.whitelist()
def check_contact(
	complainant_name: str | None = None,
	complainant_email: str | None = None,
	complainant_phone: str | None = None,
	complainant_address: str | None = None,
) -> dict:
	"""For a complaint being typed in desk: the same, from the details entered so far."""
	if not frappe.has_permission("Complaint", "create"):
		frappe.throw(_("Not permitted to create a complaint."), frappe.PermissionError)
	values = (complainant_name, complainant_email, complainant_phone, complainant_address)
	if any(v is not None and not isinstance(v, str) for v in values):
		frappe.throw(_("Contact details must be text."), InvalidInputError)
	keys = PersonKeys.of(
		name=complainant_name, email=complainant_email, phone=complainant_phone, address=complainant_address
	)
	return previous_contact(keys)
