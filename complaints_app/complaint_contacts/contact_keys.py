"""Each complaint's complainant as stored, indexed matching keys (Complaint Contact Key).

Normalising in SQL would need the rules twice (in Python and in SQL) and a full scan of
Complaint on every form load: about 180 ms at 20,000 complaints. The keys are computed once,
in Python (``matching``), when a complaint is saved, and found by indexed equality.

* ``remember`` runs in the same transaction as the complaint's save (``Complaint.on_update``), so
  the keys never disagree with the complaint; ``forget`` runs when it is deleted.
* ``rebuild`` writes every complaint's keys afresh: for a site that had complaints before the
  keys existed, and after any change to the normalising rules. Running it twice changes nothing.
* Anything that changes a complaint's contact details without saving the document (an SQL
  update) must call ``remember`` (or ``forget``) for it, or its old details stay findable.
"""

from __future__ import annotations

import frappe
from frappe.query_builder import DocType
from frappe.utils import now_datetime
from pypika.terms import Criterion

from complaints_app.complaint_contacts.matching import PersonKeys, match_reasons

KEY_DOCTYPE = "Complaint Contact Key"
COMPLAINT = "Complaint"
KEY_FIELDS = ("email_key", "phone_key", "name_key", "postcode_key")
PERSON_FIELDS = ("complainant_name", "complainant_email", "complainant_phone", "complainant_address")
BATCH = 5_000


def complaint_keys(doc) -> PersonKeys:
	"""The keys of a complaint's complainant (a document or a row with the complainant fields)."""
	return PersonKeys.of(
		name=doc.get("complainant_name"),
		email=doc.get("complainant_email"),
		phone=doc.get("complainant_phone"),
		address=doc.get("complainant_address"),
	)


def key_name(complaint: str) -> str:
	return f"{COMPLAINT}:{complaint}"


def values_of(keys: PersonKeys) -> tuple[str, str, str, str]:
	return (keys.email, keys.phone, keys.name, keys.postcode)


def remember_complaint(doc) -> None:
	"""on_update of a complaint: store its keys when they are new or changed."""
	keys = complaint_keys(doc)
	before = doc.get_doc_before_save()
	if before is not None and complaint_keys(before) == keys:
		return
	remember(doc.name, keys)


def remember(complaint: str, keys: PersonKeys) -> None:
	"""Store (or replace) one complaint's keys; a complaint with nothing to match on has none."""
	if keys.is_empty():
		forget(complaint)
		return
	t, now, user = DocType(KEY_DOCTYPE), now_datetime(), frappe.session.user
	query = (
		frappe.qb.into(t)
		.columns(
			"name", "creation", "modified", "owner", "modified_by", "reference_doctype", "reference_name"
		)
		.columns(*KEY_FIELDS)
		.insert(key_name(complaint), now, now, user, user, COMPLAINT, complaint, *values_of(keys))
		.on_duplicate_key_update(t.modified, now)
		.on_duplicate_key_update(t.modified_by, user)
	)
	for field, value in zip(KEY_FIELDS, values_of(keys), strict=True):
		query = query.on_duplicate_key_update(t[field], value)
	query.run()


def forget(complaint: str) -> None:
	frappe.db.delete(KEY_DOCTYPE, {"name": key_name(complaint)})


def find(keys: PersonKeys, exclude: str | None = None) -> dict[str, tuple[str, ...]]:
	"""{complaint: how it matched} for every complaint whose complainant is this person (no permissions)."""
	t = DocType(KEY_DOCTYPE)
	may_match = []
	if keys.email:
		may_match.append(t.email_key == keys.email)
	if keys.phone:
		may_match.append(t.phone_key == keys.phone)
	if keys.name_and_postcode:
		may_match.append((t.name_key == keys.name) & (t.postcode_key == keys.postcode))
	if not may_match:
		return {}
	query = (
		frappe.qb.from_(t)
		.select(t.reference_name, *(t[f] for f in KEY_FIELDS))
		.where(t.reference_doctype == COMPLAINT)
		.where(Criterion.any(may_match))
	)
	if exclude:
		query = query.where(t.reference_name != exclude)
	found = {}
	for complaint, email, phone, name, postcode in query.run():
		reasons = match_reasons(keys, PersonKeys(email=email, phone=phone, name=name, postcode=postcode))
		if reasons:
			found[complaint] = reasons
	return found


def rebuild() -> int:
	"""Write every complaint's keys afresh, in batches; returns how many complaints have keys."""
	frappe.db.delete(KEY_DOCTYPE, {"reference_doctype": COMPLAINT})
	c = DocType(COMPLAINT)
	after, stored = "", 0
	while True:
		rows = (
			frappe.qb.from_(c)
			.select(c.name, *(c[f] for f in PERSON_FIELDS))
			.where(c.name > after)
			.orderby(c.name)
			.limit(BATCH)
			.run(as_dict=True)
		)
		if not rows:
			return stored
		now, user = now_datetime(), frappe.session.user
		values = [
			(key_name(r.name), now, now, user, user, COMPLAINT, r.name, *values_of(keys))
			for r in rows
			if not (keys := complaint_keys(r)).is_empty()
		]
		fields = [
			"name",
			"creation",
			"modified",
			"owner",
			"modified_by",
			"reference_doctype",
			"reference_name",
		]
		frappe.db.bulk_insert(KEY_DOCTYPE, [*fields, *KEY_FIELDS], values)
		stored += len(values)
		after = rows[-1].name
