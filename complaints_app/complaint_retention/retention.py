"""The daily retention job: complaints past their retention period are anonymised.

Which complaints are due, and what is kept or anonymised field by field, is decided in
``policy.py`` (plain Python). This module reads and writes the site:

* ``candidates`` lists the closed complaints that might be due, in one query;
* ``footprints`` finds, set-based, everything on the site that belongs to some complaints:
  their records (stages, investigations, panels, Ombudsman enquiries, escalation requests,
  access tokens) and Frappe's records about those (communications, files, comments,
  versions, queued email, notifications, activity). The dry-run report counts the same
  footprints, so it says what the job would do;
* ``anonymise`` rewrites one complaint with ``frappe.qb`` updates (no ``save``: a save would
  run validation and workflow and write a Version with the old values), deletes what
  belongs to it, sets ``anonymised_on`` and writes its Complaint Retention Log;
* ``run_daily`` (scheduled as daily_long) does that for every complaint due, each in its
  own savepoint: one that fails is logged and rolled back and the others go on. An
  anonymised complaint is never due again, so a second run changes nothing.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

import frappe
from frappe import _
from frappe.query_builder import DocType
from frappe.utils import add_days, getdate, now_datetime, nowdate
from pypika.terms import Criterion

from complaints_app.complaint_contacts import contact_keys
from complaints_app.complaint_retention import policy

CHUNK = 500
SAVEPOINT = "complaint_retention"
LOG_DOCTYPE = "Complaint Retention Log"


class Candidate(NamedTuple):
	case: policy.Case
	procedure: str | None
	legal_hold_reason: str | None


def wording() -> policy.Wording:
	return policy.Wording(
		placeholder=_("Anonymised"),
		subject=_("Anonymised complaint {0}"),
		amounts=_("Anonymised. Amounts: {0}."),
	)


# -- which complaints ----------------------------------------------------------------------


def candidates(
	as_at: date, procedure: str | None = None, names: Iterable[str] | None = None
) -> list[Candidate]:
	"""Closed complaints not yet anonymised that may be past their period on ``as_at`` (one query).

	Nothing closed less than a year before ``as_at`` can be due; the rest is for
	``policy.Case.standing`` to decide (held, kept for ever, not yet due).
	"""
	c, p = DocType("Complaint"), DocType("Complaint Procedure")
	where = [
		c.anonymised_on.isnull(),
		c.closed_on.isnotnull(),
		c.closed_on <= add_days(as_at, -policy.SHORTEST_PERIOD_DAYS),
		c.status.notin(sorted(policy.OPEN_STATUSES)),
	]
	if procedure:
		where.append(c.procedure == procedure)
	if names is not None:
		where.append(c.name.isin(list(names) or [""]))
	rows = (
		frappe.qb.from_(c)
		.left_join(p)
		.on(p.name == c.procedure)
		.select(
			c.name,
			c.status,
			c.closed_on,
			c.procedure,
			p.name.as_("procedure_found"),
			p.retention_years,
			c.legal_hold,
			c.legal_hold_reason,
			c.anonymised_on,
		)
		.where(Criterion.all(where))
		.orderby(c.closed_on)
		.orderby(c.name)
		.run(as_dict=True)
	)
	return [candidate(row) for row in rows]


def candidate(row) -> Candidate:
	case = policy.Case(
		name=row.name,
		status=row.status,
		closed_on=getdate(row.closed_on) if row.closed_on else None,
		# A complaint without a procedure (imported, say) gets the default period.
		retention_years=row.retention_years if row.procedure_found else None,
		legal_hold=bool(row.legal_hold),
		anonymised_on=getdate(row.anonymised_on) if row.anonymised_on else None,
	)
	return Candidate(case, row.procedure, row.legal_hold_reason)


def rule_text(procedure: str | None, years: int) -> str:
	if not procedure:
		return _("No procedure: the default of {0} years after closure").format(years)
	return _("{0}: {1} years after closure").format(procedure, years)


# -- what belongs to a complaint -------------------------------------------------------------


@dataclass
class Footprint:
	"""Everything on the site that belongs to one complaint, by kind."""

	complaint: str
	records: dict[str, list[str]] = field(default_factory=dict)
	communications: list[str] = field(default_factory=list)
	timeline_links: list[str] = field(default_factory=list)
	files: list[frappe._dict] = field(default_factory=list)
	comments: list[str] = field(default_factory=list)
	versions: list[str] = field(default_factory=list)
	email_queue: list[str] = field(default_factory=list)
	notifications: list[str] = field(default_factory=list)
	activity: list[str] = field(default_factory=list)

	@property
	def record_count(self) -> int:
		return sum(len(names) for names in self.records.values())

	@property
	def history_count(self) -> int:
		"""Comments, versions, queued email, notifications and activity: the case's history."""
		return sum(
			len(x)
			for x in (self.comments, self.versions, self.email_queue, self.notifications, self.activity)
		)


def chunks(names: list[str]) -> Iterator[list[str]]:
	for i in range(0, len(names), CHUNK):
		yield names[i : i + CHUNK]


class Owners:
	"""Which complaint each record belongs to: (doctype, name) -> complaint.

	Looked up without regard to case, as MariaDB compares names: a comment filed against
	"comp-2019-00001" is found by the query for "COMP-2019-00001" and must be owned by it too.
	"""

	def __init__(self) -> None:
		self.by_key: dict[tuple[str, str], str] = {}
		self.by_doctype: dict[str, list[str]] = {}

	def add(self, doctype: str, name: str, complaint: str) -> None:
		self.by_key[(doctype.casefold(), name.casefold())] = complaint
		self.by_doctype.setdefault(doctype, []).append(name)

	def get(self, doctype: str | None, name: str | None) -> str | None:
		if not doctype or not name:
			return None
		return self.by_key.get((str(doctype).casefold(), str(name).casefold()))

	def with_doctype(self, doctype: str, owner: dict[str, str]) -> Owners:
		"""These owners and ``owner``'s records of ``doctype`` (name -> complaint)."""
		out = Owners()
		out.by_key, out.by_doctype = dict(self.by_key), {k: list(v) for k, v in self.by_doctype.items()}
		for name, complaint in owner.items():
			out.add(doctype, name, complaint)
		return out


def referring(
	table, doctype_column: str, name_column: str, owners: Owners, *select
) -> Iterator[tuple[str, tuple]]:
	"""(complaint, row) for each row of ``table`` whose (doctype, name) columns point at an owned record.

	One query per doctype and chunk of names, on the (doctype, name) index Frappe gives these
	columns.
	"""
	for doctype, names in owners.by_doctype.items():
		for chunk in chunks(names):
			rows = (
				frappe.qb.from_(table)
				.select(table[doctype_column], table[name_column], *(table[c] for c in select))
				.where((table[doctype_column] == doctype) & table[name_column].isin(chunk))
				.run()
			)
			for row in rows:
				complaint = owners.get(row[0], row[1])
				if complaint:
					yield complaint, row[2:]


def footprints(complaints: list[str]) -> dict[str, Footprint]:
	"""The footprint of each complaint, with a few set-based queries per kind (not per complaint)."""
	out = {name: Footprint(name) for name in complaints}
	records = find_records(complaints, out)
	communications = find_communications(records, out)
	with_comms = records.with_doctype("Communication", communications)
	find_files(with_comms, out)
	find_history(records, with_comms, communications, out)
	return out


def find_records(complaints: list[str], out: dict[str, Footprint]) -> Owners:
	"""The complaints and their records (stages, investigations, panels, ..., access tokens)."""
	owners = Owners()
	for name in complaints:
		out[name].records["Complaint"] = [name]
		owners.add("Complaint", name, name)
	for doctype in (*policy.CASE_RECORD_DOCTYPES, *policy.DELETED_RECORD_DOCTYPES):
		t = DocType(doctype)
		for chunk in chunks(complaints):
			rows = frappe.qb.from_(t).select(t.name, t.complaint).where(t.complaint.isin(chunk)).run()
			for name, complaint in rows:
				complaint = owners.get("Complaint", complaint)
				out[complaint].records.setdefault(doctype, []).append(name)
				owners.add(doctype, name, complaint)
	return owners


def find_files(owners: Owners, out: dict[str, Footprint]) -> None:
	"""Files attached to the records or to their communications."""
	f, seen = DocType("File"), set()
	columns = ("name", "file_url", "thumbnail_url", "is_private")
	for complaint, row in referring(f, "attached_to_doctype", "attached_to_name", owners, *columns):
		if row[0] not in seen:
			seen.add(row[0])
			out[complaint].files.append(frappe._dict(zip(columns, row, strict=True)))


def find_history(
	records: Owners, with_comms: Owners, communications: dict, out: dict[str, Footprint]
) -> None:
	"""Comments, versions, queued email, bell notifications and activity about the records.

	Activity is found by its reference and its timeline (both indexed), which is how the form's
	timeline shows it.
	"""
	comment, version = DocType("Comment"), DocType("Version")
	for complaint, (name,) in referring(comment, "reference_doctype", "reference_name", with_comms, "name"):
		out[complaint].comments.append(name)
	for complaint, (name,) in referring(version, "ref_doctype", "docname", records, "name"):
		out[complaint].versions.append(name)
	find_email_queue(with_comms, communications, out)
	log = DocType("Notification Log")
	for complaint, (name,) in referring(log, "document_type", "document_name", records, "name"):
		out[complaint].notifications.append(name)
	activity, seen = DocType("Activity Log"), set()
	for columns, owners in (
		(("reference_doctype", "reference_name"), with_comms),
		(("timeline_doctype", "timeline_name"), records),
	):
		for complaint, (name,) in referring(activity, *columns, owners, "name"):
			if name not in seen:
				seen.add(name)
				out[complaint].activity.append(name)


def find_communications(owners: Owners, out: dict[str, Footprint]) -> dict[str, str]:
	"""Communications of the complaints' records: communication -> complaint.

	One filed on a record (its reference) belongs to the case. One filed elsewhere but shown
	on a record's timeline belongs to the case only if it has no reference and every record
	whose timeline shows it is of the same complaint (besides the sender's Contact, which
	Frappe links by itself); otherwise only those timeline links go.
	"""
	comm, link = DocType("Communication"), DocType("Communication Link")
	belongs: dict[str, str] = {}
	for complaint, (name,) in referring(comm, "reference_doctype", "reference_name", owners, "name"):
		belongs[name] = complaint
	linked: dict[str, list[tuple[str, str]]] = {}  # communication -> [(link row, complaint)]
	for complaint, (row, parent) in referring(link, "link_doctype", "link_name", owners, "name", "parent"):
		linked.setdefault(parent, []).append((row, complaint))
	others = [name for name in linked if name not in belongs]
	unreferenced, elsewhere = set(), {}
	for chunk in chunks(others):
		for name, reference in (
			frappe.qb.from_(comm).select(comm.name, comm.reference_name).where(comm.name.isin(chunk)).run()
		):
			if not reference:
				unreferenced.add(name)
		for parent, link_doctype, link_name in (
			frappe.qb.from_(link)
			.select(link.parent, link.link_doctype, link.link_name)
			.where((link.parenttype == "Communication") & link.parent.isin(chunk))
			.run()
		):
			if link_doctype not in policy.PERSON_LINK_DOCTYPES:
				elsewhere.setdefault(parent, set()).add(owners.get(link_doctype, link_name))
	for name in others:
		complaints = elsewhere.get(name, set())
		if name in unreferenced and len(complaints) == 1 and None not in complaints:
			belongs[name] = complaints.pop()
		else:
			for row, complaint in linked[name]:
				out[complaint].timeline_links.append(row)
	for name, complaint in belongs.items():
		out[complaint].communications.append(name)
	return belongs


def find_email_queue(owners: Owners, communications: dict[str, str], out: dict[str, Footprint]) -> None:
	"""Queued or sent email about the records, or carrying one of their communications."""
	queue = DocType("Email Queue")
	seen = set()

	def add(complaint: str, name: str) -> None:
		if name not in seen:
			seen.add(name)
			out[complaint].email_queue.append(name)

	for complaint, (name,) in referring(queue, "reference_doctype", "reference_name", owners, "name"):
		add(complaint, name)
	for chunk in chunks(list(communications)):
		for name, communication in (
			frappe.qb.from_(queue)
			.select(queue.name, queue.communication)
			.where(queue.communication.isin(chunk))
			.run()
		):
			if communication in communications:
				add(communications[communication], name)


# -- anonymising one complaint ---------------------------------------------------------------


@dataclass
class Result:
	"""What anonymising one complaint did; ``files`` are deleted from disk once the database work stands."""

	case: policy.Case
	procedure: str | None
	rows: dict[str, set[str]] = field(default_factory=dict)
	fields: dict[str, set[str]] = field(default_factory=dict)
	deleted: dict[str, int] = field(default_factory=dict)
	files: list[frappe._dict] = field(default_factory=list)
	log: str | None = None

	@property
	def records_anonymised(self) -> int:
		return sum(len(names) for names in self.rows.values())

	def changed(self, doctype: str, names: Iterable[str], fields: Iterable[str]) -> None:
		self.rows.setdefault(doctype, set()).update(names)
		self.fields.setdefault(doctype, set()).update(fields)


def anonymise(name: str, today: date) -> Result | None:
	"""Anonymise complaint ``name`` if it is due on ``today`` (read again under a lock); None if it is not."""
	if not frappe.db.get_value("Complaint", name, "name", for_update=True):
		return None
	found = candidates(today, names=[name])
	if not found or not found[0].case.is_due(today):
		return None  # held, or anonymised, since the job listed it
	case, procedure, _reason = found[0]
	footprint = footprints([name])[name]
	result = Result(case, procedure)
	forget_people(footprint, result)
	for record_policy in policy.CASE_POLICIES:
		rewrite(record_policy, owned_by(record_policy, footprint), name, result)
	for record_policy in policy.COPY_POLICIES:
		rewrite(record_policy, DocType(record_policy.doctype).complaint == name, name, result)
	delete_footprint(footprint, result)
	forget_search_and_comments(footprint)
	contact_keys.forget(name)  # the complainant's matching keys: an anonymised case matches nobody
	c = DocType("Complaint")
	frappe.qb.update(c).set(c.anonymised_on, today).where(c.name == name).run()
	result.log = write_log(result, today)
	for doctype, names in footprint.records.items():
		for record in names:
			frappe.clear_document_cache(doctype, record)
	return result


def owned_by(record_policy: policy.RecordPolicy, footprint: Footprint) -> Criterion:
	"""The rows of ``record_policy``'s doctype that belong to the complaint."""
	t = DocType(record_policy.doctype)
	if record_policy.link == "name":
		return t.name == footprint.complaint
	if record_policy.link == "parent":
		parents = footprint.records.get(record_policy.parent or "", [])
		return (t.parenttype == record_policy.parent) & t.parent.isin(parents or [""])
	return t.name.isin(footprint.records.get(record_policy.doctype, []) or [""])


def forget_people(footprint: Footprint, result: Result) -> None:
	"""The complainant's user id as the rows' owner or last editor becomes ``policy.FORGOTTEN_USER``.

	One read per doctype of who made and last changed each row, then an UPDATE only where
	the complainant (or another website user) appears.
	"""
	rows = {}
	for record_policy in policy.CASE_POLICIES:
		t = DocType(record_policy.doctype)
		criterion = owned_by(record_policy, footprint)
		rows[record_policy.doctype] = (
			frappe.qb.from_(t).select(t.name, *(t[c] for c in policy.PERSON_COLUMNS)).where(criterion).run()
		)
	seen = {user for found in rows.values() for _name, *users in found for user in users if user}
	people = {p.casefold() for p in people_of(footprint.complaint, seen)}
	if not people:
		return
	for doctype, found in rows.items():
		t = DocType(doctype)
		for i, column in enumerate(policy.PERSON_COLUMNS, start=1):
			names = [row[0] for row in found if row[i] and row[i].casefold() in people]
			if names:
				frappe.qb.update(t).set(t[column], policy.FORGOTTEN_USER).where(t.name.isin(names)).run()
				result.changed(doctype, names, [column])


def people_of(complaint: str, users: set[str]) -> set[str]:
	"""The complainant's user id and email, and those of ``users`` who are website users."""
	complainant = frappe.db.get_value(
		"Complaint", complaint, ["complainant_user", "complainant_email"], as_dict=True
	)
	u = DocType("User")
	website_users = (
		frappe.qb.from_(u)
		.select(u.name)
		.where(u.name.isin(sorted(users) or [""]) & (u.user_type == "Website User"))
		.run(pluck=True)
	)
	return policy.people_to_forget(complainant.complainant_user, complainant.complainant_email, website_users)


def treatments(record_policy: policy.RecordPolicy) -> dict[str, policy.Treatment]:
	"""Every stored field of the doctype on this site (custom fields too) that anonymising changes."""
	out = {}
	for df in frappe.get_meta(record_policy.doctype).fields:
		if df.fieldtype in policy.LAYOUT_TYPES or df.fieldtype in policy.TABLE_TYPES:
			continue
		treatment = policy.treatment_for(record_policy, df.fieldname, df.fieldtype)
		if treatment is not policy.KEEP:
			out[df.fieldname] = treatment
	return out


def rewrite(record_policy: policy.RecordPolicy, where: Criterion, complaint: str, result: Result) -> None:
	"""Read the rows' personal fields, and write the anonymised values: one UPDATE per distinct change."""
	changing = treatments(record_policy)
	if not changing:
		return
	t = DocType(record_policy.doctype)
	rows = frappe.qb.from_(t).select(t.name, *(t[f] for f in changing)).where(where).run(as_dict=True)
	groups: dict[tuple, list[str]] = {}
	words = wording()
	for row in rows:
		change = policy.changes(row, changing, complaint, words)
		if change:
			groups.setdefault(tuple(sorted(change.items())), []).append(row.name)
	for change, names in groups.items():
		query = frappe.qb.update(t)
		for fieldname, value in change:
			query = query.set(t[fieldname], value)
		query.where(t.name.isin(names)).run()
		result.changed(record_policy.doctype, names, (fieldname for fieldname, _value in change))


def delete_rows(doctype: str, names: list[str], result: Result) -> None:
	if not names:
		return
	t = DocType(doctype)
	for chunk in chunks(names):
		frappe.qb.from_(t).delete().where(t.name.isin(chunk)).run()
	result.deleted[doctype] = result.deleted.get(doctype, 0) + len(names)


def delete_footprint(footprint: Footprint, result: Result) -> None:
	"""Delete what Frappe keeps about the records: deleted rows keep no copy (no Deleted Document)."""
	for doctype in policy.DELETED_RECORD_DOCTYPES:
		delete_rows(doctype, footprint.records.pop(doctype, []), result)
	delete_rows("Communication Link", footprint.timeline_links, result)
	if footprint.communications:
		link = DocType("Communication Link")
		for chunk in chunks(footprint.communications):
			(
				frappe.qb.from_(link)
				.delete()
				.where((link.parenttype == "Communication") & link.parent.isin(chunk))
				.run()
			)
	delete_rows("Communication", footprint.communications, result)
	if footprint.email_queue:
		recipient = DocType("Email Queue Recipient")
		for chunk in chunks(footprint.email_queue):
			frappe.qb.from_(recipient).delete().where(recipient.parent.isin(chunk)).run()
	delete_rows("Email Queue", footprint.email_queue, result)
	delete_rows("Comment", footprint.comments, result)
	delete_rows("Version", footprint.versions, result)
	delete_rows("Notification Log", footprint.notifications, result)
	delete_rows("Activity Log", footprint.activity, result)
	delete_rows("File", [f.name for f in footprint.files], result)
	result.files = unshared_files(footprint.files)


def unshared_files(files: list[frappe._dict]) -> list[frappe._dict]:
	"""The deleted files whose content no other File row still uses (Frappe shares identical uploads)."""
	urls = [f.file_url for f in files if f.file_url]
	if not urls:
		return []
	t = DocType("File")
	still_used = set(frappe.qb.from_(t).select(t.file_url).where(t.file_url.isin(urls)).run(pluck=True))
	unshared = {f.file_url: f for f in files if f.file_url and f.file_url not in still_used}
	return list(unshared.values())


def forget_search_and_comments(footprint: Footprint) -> None:
	"""The global search index and each record's cached latest comments hold their words too."""
	for doctype, names in footprint.records.items():
		frappe.db.delete("__global_search", {"doctype": doctype, "name": ("in", names)})
		t = DocType(doctype)
		frappe.qb.update(t).set(t._comments, None).where(t.name.isin(names)).run()


def remove_from_disk(files: list[frappe._dict], complaint: str) -> int:
	"""Delete the files' content (through the site's file storage hook, if any); returns how many.

	Runs once the complaint's database work stands. A file that cannot be removed is logged
	against the complaint and the job goes on.
	"""
	removed = 0
	for row in files:
		try:
			doc = frappe.get_doc({"doctype": "File", **row})
			if row.thumbnail_url:
				doc.delete_file_data_content(only_thumbnail=True)
			doc.delete_file_data_content()
			removed += 1
		except Exception:
			frappe.log_error(
				title=f"Complaint retention could not delete {row.file_url} of {complaint}",
				reference_doctype="Complaint",
				reference_name=complaint,
			)
	return removed


def write_log(result: Result, today: date) -> str:
	case = result.case
	details = {
		"records": {doctype: len(names) for doctype, names in result.rows.items()},
		"fields": {doctype: sorted(fields) for doctype, fields in result.fields.items()},
		"deleted": result.deleted,
	}
	log = frappe.get_doc(
		{
			"doctype": LOG_DOCTYPE,
			"complaint": case.name,
			"procedure": result.procedure,
			"retention_years": case.years,
			"rule": rule_text(result.procedure, case.years),
			"closed_on": case.closed_on,
			"due_on": case.due_on,
			"anonymised_on": today,
			"run_at": now_datetime(),
			"records_anonymised": result.records_anonymised,
			"files_deleted": result.deleted.get("File", 0),
			"communications_deleted": result.deleted.get("Communication", 0),
			"history_deleted": sum(
				result.deleted.get(k, 0)
				for k in ("Comment", "Version", "Email Queue", "Notification Log", "Activity Log")
			),
			"what_was_anonymised": describe(result),
			"details": json.dumps(details, indent=1, sort_keys=True),
		}
	)
	log.insert(ignore_permissions=True)
	return log.name


def describe(result: Result) -> str:
	"""One line per record type: how many rows, which fields; then what was deleted."""
	lines = [
		_("{0}: {1} anonymised ({2})").format(
			_(doctype), len(names), ", ".join(sorted(result.fields[doctype]))
		)
		for doctype, names in result.rows.items()
	]
	lines += [_("{0}: {1} deleted").format(_(doctype), n) for doctype, n in sorted(result.deleted.items())]
	return "\n".join(lines)


# -- the daily job ---------------------------------------------------------------------------


def run_daily() -> dict[str, int]:
	"""Anonymise every complaint past its retention period today (scheduled as daily_long).

	Returns counts: ``checked`` (closed complaints looked at), ``anonymised``, ``held`` (past
	their period but under a legal hold), ``failed`` (logged in the Error Log and left as they
	were) and ``files_deleted``.
	"""
	today = getdate(nowdate())
	counts = {"checked": 0, "anonymised": 0, "held": 0, "failed": 0, "files_deleted": 0}
	for found in candidates(today):
		counts["checked"] += 1
		standing = found.case.standing(today)
		if standing is policy.Standing.LEGAL_HOLD:
			counts["held"] += 1
		if standing is not policy.Standing.DUE:
			continue
		result = anonymise_in_savepoint(found.case.name, today, counts)
		if result is None:
			continue
		counts["anonymised"] += 1
		counts["files_deleted"] += remove_from_disk(result.files, found.case.name)
		if not frappe.flags.in_test:
			frappe.db.commit()  # each complaint stands on its own
	return counts


def anonymise_in_savepoint(name: str, today: date, counts: dict[str, int]) -> Result | None:
	frappe.db.savepoint(SAVEPOINT)
	try:
		result = anonymise(name, today)
	except frappe.QueryDeadlockError:
		raise  # the database rolled the whole transaction back; the next run does what is left
	except Exception:
		frappe.db.rollback(save_point=SAVEPOINT)
		counts["failed"] += 1
		frappe.log_error(
			title=f"Complaint retention failed for {name}", reference_doctype="Complaint", reference_name=name
		)
		return None
	frappe.db.release_savepoint(SAVEPOINT)
	return result
