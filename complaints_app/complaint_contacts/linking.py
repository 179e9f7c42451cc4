"""Linked complaints, and merging a duplicate into the complaint that carries on.

* **Linking.** Staff list related complaints in a complaint's *Linked complaints* table; the
  link shows on both (saving one adds or removes the row on the other).
* **Merging.** A duplicate is merged into another complaint of the same matter: both keep their
  references and each lists the other ("Merged into" / "Duplicate merged here"). Nothing is
  copied or moved: the duplicate keeps its details, documents and history. It is closed with the
  status "Merged" and ``merged_into`` set; its open stages are closed without a response or an
  outcome (nothing was decided on it), each with a comment saying why; both timelines say what
  happened. A merge is refused when it would hide a decision: into itself, into a merged, closed
  or answered complaint, or of a complaint with an answered stage.

The merge rows are written only by the merge action; staff cannot type or remove them.
"""

from __future__ import annotations

import frappe
from frappe import _

from complaints_app.complaint_contacts.errors import ComplaintLinkError, MergeError

RELATED, MERGED_HERE, MERGED_INTO = "Related", "Duplicate merged here", "Merged into"
MERGE_RELATIONS = frozenset({MERGED_HERE, MERGED_INTO})
MERGED = "Merged"
# A complaint can take a duplicate, or be merged as one, only while it is being handled.
MERGEABLE_STATUSES = ("Open", "On hold")
OPEN_STAGE_STATES = ("Open", "On hold")
MERGE_ROLES = frozenset({"Complaints Manager", "Complaints Officer"})


# -- linking ----------------------------------------------------------------------------


def validate_links(doc) -> None:
	"""The rows staff typed: each another complaint, once, that they may read; merge rows untouched."""
	seen = set()
	for row in doc.related_complaints:
		if row.complaint == doc.name:
			frappe.throw(_("A complaint cannot be linked to itself."), ComplaintLinkError)
		if row.complaint in seen:
			frappe.throw(
				_("{0} is listed twice in Linked complaints.").format(row.complaint), ComplaintLinkError
			)
		seen.add(row.complaint)
	if doc.flags.merging:
		return
	if merge_rows(doc) != merge_rows(doc.get_doc_before_save()):
		frappe.throw(
			_("Merged complaints are linked by the Merge into… action, and those links stay."),
			ComplaintLinkError,
		)
	if not doc.flags.mirroring:
		for name in related(doc) - related(doc.get_doc_before_save()):
			if not frappe.has_permission("Complaint", "read", doc=name):
				frappe.throw(
					_("You cannot link {0}: it is not a complaint you may read.").format(name),
					ComplaintLinkError,
				)


def merge_rows(doc) -> set[tuple[str, str]]:
	if doc is None:
		return set()
	return {(r.complaint, r.relation) for r in doc.related_complaints if r.relation in MERGE_RELATIONS}


def related(doc) -> set[str]:
	if doc is None:
		return set()
	return {r.complaint for r in doc.related_complaints if r.relation == RELATED}


def mirror_links(doc) -> None:
	"""on_update: a link added or removed on this complaint is added or removed on the other."""
	if doc.flags.mirroring:
		return
	before = doc.get_doc_before_save()
	notes = {r.complaint: r.note for r in doc.related_complaints}
	for name in sorted(related(doc) - related(before)):
		set_row(name, doc.name, RELATED, notes.get(name))
	for name in sorted(related(before) - related(doc)):
		remove_row(name, doc.name)


def set_row(on: str, other: str, relation: str, note: str | None) -> None:
	"""Make complaint ``on`` list ``other`` with ``relation``, and save it if that changed it."""
	doc = frappe.get_doc("Complaint", on)
	if put_row(doc, other, relation, note):
		save_quietly(doc)


def put_row(doc, other: str, relation: str, note: str | None) -> bool:
	"""List ``other`` on ``doc`` with ``relation`` (in memory); whether that changed anything.

	A row that exists takes the new relation, except that a merge row never becomes "Related".
	"""
	row = next((r for r in doc.related_complaints if r.complaint == other), None)
	if row is None:
		doc.append("related_complaints", {"complaint": other, "relation": relation, "note": note})
		return True
	if row.relation == relation or (row.relation in MERGE_RELATIONS and relation == RELATED):
		return False
	row.relation, row.note = relation, note or row.note
	return True


def remove_row(on: str, other: str) -> None:
	doc = frappe.get_doc("Complaint", on)
	rows = [r for r in doc.related_complaints if not (r.complaint == other and r.relation == RELATED)]
	if len(rows) == len(doc.related_complaints):
		return
	doc.set("related_complaints", rows)
	save_quietly(doc)


def save_quietly(doc, merging: bool = False) -> None:
	"""Save a complaint's links without mirroring them back (the user's rights were checked)."""
	flags = doc.flags.mirroring, doc.flags.merging, doc.flags.ignore_permissions
	doc.flags.mirroring, doc.flags.merging, doc.flags.ignore_permissions = True, merging, True
	try:
		doc.save()
	finally:
		doc.flags.mirroring, doc.flags.merging, doc.flags.ignore_permissions = flags


# -- merging ----------------------------------------------------------------------------


def merge(duplicate, target_name: str, note: str) -> None:
	"""Merge ``duplicate`` (a Complaint, already checked for write) into complaint ``target_name``."""
	note = (note or "").strip()
	if not note:
		frappe.throw(_("Say why the complaints are the same matter."), MergeError)
	check_merge_role()
	target = load_target(duplicate, target_name)
	check_mergeable(duplicate, target)
	duplicate.merged_into = target.name
	duplicate.flags.allow_protected_changes = True
	put_row(duplicate, target.name, MERGED_INTO, note)
	save_quietly(duplicate, merging=True)
	put_row(target, duplicate.name, MERGED_HERE, note)
	save_quietly(target, merging=True)
	close_open_stages(duplicate, target.name)
	duplicate.add_comment("Workflow", _("Merged into {0}: {1}").format(target.name, note))
	target.add_comment("Workflow", _("{0} merged here as a duplicate: {1}").format(duplicate.name, note))
	duplicate.reload()


def check_merge_role() -> None:
	roles = set(frappe.get_roles())
	if frappe.session.user != "Administrator" and not roles & MERGE_ROLES:
		frappe.throw(
			_("Only Complaints Officers and Complaints Managers merge complaints."), frappe.PermissionError
		)


def load_target(duplicate, target_name: str):
	if not target_name or not isinstance(target_name, str):
		frappe.throw(_("Choose the complaint to merge into."), MergeError)
	if target_name == duplicate.name:
		frappe.throw(_("A complaint cannot be merged into itself."), MergeError)
	if not frappe.db.exists("Complaint", target_name):
		frappe.throw(_("There is no complaint {0}.").format(target_name), MergeError)
	target = frappe.get_doc("Complaint", target_name)
	target.check_permission("write")
	return target


def check_mergeable(duplicate, target) -> None:
	"""Refuse a merge that would hide or lose a decision."""
	if duplicate.status == MERGED:
		frappe.throw(
			_("{0} was already merged into {1}.").format(duplicate.name, duplicate.merged_into), MergeError
		)
	if target.status == MERGED:
		frappe.throw(
			_("{0} was itself merged into {1}: merge into that one.").format(target.name, target.merged_into),
			MergeError,
		)
	for doc, role in ((duplicate, _("The duplicate")), (target, _("The complaint to merge into"))):
		if doc.status not in MERGEABLE_STATUSES:
			frappe.throw(
				_("{0} ({1}) is {2}: only a complaint still being handled can be merged.").format(
					role, doc.name, _(doc.status).lower()
				),
				MergeError,
			)
	if any(stage.responded_on for stage in duplicate.stages()):
		frappe.throw(
			_("{0} has an answered stage: it is not a duplicate to merge. Link it instead.").format(
				duplicate.name
			),
			MergeError,
		)


def close_open_stages(duplicate, target_name: str) -> None:
	"""Close the duplicate's open stages with no response and no outcome, saying why."""
	for stage in duplicate.stages():
		if stage.workflow_state not in OPEN_STAGE_STATES:
			continue
		# Leaving On hold closes the open pause (ComplaintStage.record_hold_transition).
		doc = frappe.get_doc("Complaint Stage", stage.name)
		doc.workflow_state = "Closed"
		doc.flags.automatic_transition = True
		doc.save(ignore_permissions=True)
		doc.add_comment(
			"Info",
			_("Closed without a response: the complaint was merged into {0}, which carries on.").format(
				target_name
			),
		)
