# Copyright (c) 2026, complaints_app contributors
# See license.txt
"""Random bad values over REST, as staff, for every doctype of the app: a 4xx naming the field, never a 5xx.

For each doctype staff can create (POST) or update (PUT) over REST, the test starts from a body
that is accepted, then replaces one field at a time with a bad value for its field type (read
from the doctype's meta) drawn from ``random.Random(2026)``. Frappe v15 hands REST values to
Python and MariaDB nearly as they come, so without ``complaints_app.complaints.input_types`` many
of these end as HTTP 500; with it every one must be refused (or, for text that is merely odd,
accepted) with a 4xx.
"""

from __future__ import annotations

import io
import json
import random
import re
from collections import Counter
from contextlib import redirect_stdout
from dataclasses import dataclass
from datetime import date
from urllib.parse import quote

import frappe
from frappe.auth import CookieManager, LoginManager
from frappe.model import display_fieldtypes, table_fields
from frappe.sessions import clear_sessions
from frappe.tests.test_api import FrappeAPITestCase
from frappe.utils import get_test_client, set_request

from complaints_app.complaint_portal.portal import issue_token
from complaints_app.complaint_portal.public import token_hash
from complaints_app.complaint_statistics.testing import LETTER_FIGURES
from complaints_app.complaints.testing import (
	CHILDRENS,
	LGSCO,
	app_jobs_inline,
	current_stage,
	make_complaint,
	make_service_area,
	make_user,
	respond,
)

SEED = 2026
VALUES_PER_FIELD = 3  # bad values tried per scalar field (of each category's pool)
BAD_ROWS_PER_TABLE = 2  # valid rows with one field made bad, per table field
STAFF = "fuzz.complaints.manager@example.com"
SETUP_EMAIL = "fuzz.setup@example.com"  # marks the complaints setUpClass builds, for the clean-up

# Every parent doctype of the app, and how REST reaches it. A new doctype must be added here.
POSTED = (
	"Complaint",
	"Ombudsman Enquiry",
	"Complaint Procedure",
	"Complaint Service Area",
	"Complaint Theme",
	"Ombudsman Annual Letter",
	"Complaints Annual Report",
	"Complaint Public Topic",
	"Compliment",
	"Member Enquiry",
	"Learning Action",
	"Complaint Root Cause",
	"Complaint Contact Restriction",
)
# The modules whose doctypes must be listed above.
APP_MODULES = (
	"Complaints",
	"Complaint Statistics",
	"Complaint Portal",
	"Complaint Feedback",
	"Complaint Learning",
	"Complaint Contacts",
	"Complaint Retention",
)
PUT = (
	"Complaint Stage",
	"Complaint Investigation",
	"Complaint Review Panel",
	"Complaints Settings",
	"Complaint Access Token",
	"Complaint Escalation Request",
)
# Written only by the app (the alerts log): no role may create or change it over REST.
APP_WRITTEN = ("Complaint Alert", "Complaint Retention Log", "Complaint Contact Key")

FUZZ_AREA = "Fuzz area (set-up)"

# Valid bodies of the feedback doctypes (compliments, enquiries, learning, restrictions).
FEEDBACK_BODIES = {
	"Compliment": lambda t, tag: {
		"received_on": "2026-01-05",
		"channel": "Email",
		"from_whom": "Service user",
		"service_area": t.area,
		"what_was_said": f"Fuzz compliment {tag}",
	},
	"Member Enquiry": lambda t, tag: {
		"subject": f"Fuzz enquiry {tag}",
		"received_on": "2026-04-02",
		"category": "Statutory",
		"member_type": "Councillor",
		"member_name": "Cllr Fuzz",
		"service_area": t.area,
		"complaint": t.complaint,
		"extensions": VALID_ROWS[("Member Enquiry", "extensions")],
	},
	"Learning Action": lambda t, tag: {
		"source_type": "Complaint",
		"complaint": t.complaint,
		"what_will_change": f"Fuzz improvement {tag}",
		"action_owner": STAFF,
		"service_area": t.area,
		"due_date": "2026-04-30",
		"status": "Open",
	},
	"Complaint Root Cause": lambda t, tag: {
		"root_cause_name": f"Fuzz root cause {tag}",
		"description": "A root cause",
	},
	"Complaint Contact Restriction": lambda t, tag: {
		"person_name": f"Fuzz Person {tag}",
		"email": SETUP_EMAIL,
		"phone": "+44 7700 900123",
		"complaint": t.complaint,
		"restriction_type": "Single point of contact",
		"single_point_of_contact": STAFF,
		"restriction": "Contact only through the named officer.",
		"reasons": "Fuzz: many contacts a day",
		"decided_by": STAFF,
		"decided_on": "2026-02-02",
		"review_date": "2026-08-03",
	},
}

# Field types by the bad values they get.
DATE_TYPES = frozenset({"Date", "Datetime", "Time"})
LINK_TYPES = frozenset({"Link", "Dynamic Link"})
NUMBER_TYPES = frozenset({"Int", "Long Int", "Float", "Currency", "Percent", "Rating", "Duration"})
TEXT_TYPES = frozenset(
	{
		"Data",
		"Select",
		"Small Text",
		"Text",
		"Long Text",
		"Text Editor",
		"Markdown Editor",
		"HTML Editor",
		"Code",
		"Phone",
		"Autocomplete",
		"Password",
		"Color",
		"Icon",
		"Barcode",
		"Signature",
		"Attach",
		"Attach Image",
	}
)
SQL = "x' OR '1'='1'; DROP TABLE `tabComplaint`; --"
BAD_VALUES: dict[str, tuple] = {
	"date": ("not a date", "2026-13-45", "2026-02-30", "1' OR 1=1 --", 12345, [], {}, "25:61"),
	"link": (["Administrator"], {"name": "Administrator"}, 12345, SQL, "L" * 200),
	"text": ({"text": "hello"}, ["hello"], 12345, "x" * 500, "<script>alert(1)</script>"),
	"number": ("abc", "1e309", [], {}, "yes"),
	"check": ("abc", "1e309", [], {}, "yes", 2),
}
TABLE_SHAPES = ("not a list of rows", {"row": 1}, ["first row", "second row"])

# A 4xx of these types must name the field (by label or fieldname) it refuses. Other 4xx are the
# app's domain refusals (a review panel of one, recommendations without an upheld decision...) or
# Frappe's format checks ("12345 is not a valid Email Address"): they say what is wrong in terms of
# the case, and a bad value can trip them before or instead of a type error, so they are counted
# but their wording is not checked here.
MUST_NAME_FIELD = frozenset(
	{"InvalidInputError", "LinkValidationError", "MandatoryError", "CharacterLengthExceededError"}
)
# Frappe's refusal of a Select value is a plain ValidationError; it is told by its wording.
SELECT_REFUSAL = "It should be one of"

# Rows each child table accepts; a "bad row" is these with one field of the first row made bad.
VALID_ROWS: dict[tuple[str, str], list[dict]] = {
	("Complaint Stage", "pauses"): [
		{"from_date": "2026-01-05", "to_date": "2026-01-06", "reason": "Waiting for the complainant"}
	],
	("Complaint Stage", "extensions"): [
		{
			"days": 5,
			"reason": "Complex case",
			"agreed_by": "Administrator",
			"agreed_on": "2026-01-05",
			"complainant_informed": 1,
		}
	],
	("Complaint Stage", "theme_outcomes"): [
		{"point": "Bins missed", "theme": "Standard of Service", "outcome": "Upheld"}
	],
	("Complaint Investigation", "points"): [
		{"point": "The placement changed without notice", "finding": "Upheld", "recommendation": "Apologise"}
	],
	("Complaint Review Panel", "members"): [
		{"member_name": "Ann Chair", "user": "Administrator", "is_chair": 1},
		{"member_name": "Ben Member", "is_chair": 0},
		{"member_name": "Cat Member", "is_chair": 0},
	],
	("Ombudsman Enquiry", "recommendations"): [
		{
			"recommendation": "Apologise",
			"due_date": "2026-03-02",
			"completed_on": "2026-03-01",
			"evidence": "Letter sent",
		}
	],
	("Complaint Procedure", "stages"): [
		{
			"stage_name": "Stage 1",
			"stage_record": "Plain",
			"clock_start_event": "Received",
			"acknowledgement_days": 5,
			"response_days": 10,
			"response_unit": "Working days",
			"agreed_date_limit_months": 0,
			"max_extension_days": 10,
			"different_handler_required": 0,
			"escalation_window_days": 0,
			"panel_report_days": 0,
			"council_response_days": 0,
		}
	],
	("Complaint Procedure", "access_roles"): [{"role": "Complaints Manager"}],
	# The complaint linked to is the set-up's corporate complaint, named when it is made.
	("Complaint", "related_complaints"): [{"relation": "Related", "note": "Same bins, next door"}],
	("Member Enquiry", "extensions"): [
		{"new_due_date": "2026-04-27", "reason": "Waiting for a survey", "agreed_on": "2026-04-15"}
	],
	("Complaint Service Area", "alert_recipients"): [
		{"user": "Administrator"},
		{"role": "Complaints Manager"},
	],
	("Complaints Settings", "calendar_days"): [
		{"date": "2026-12-29", "kind": "Council closure", "description": "Closed"}
	],
	("Complaints Annual Report", "procedures"): [{"procedure": "LGSCO Complaint Handling Code 2024"}],
	("Complaints Annual Report", "self_assessment"): [
		{"complies": "Yes", "evidence": "Published procedure", "commentary": "Reviewed in March"}
	],
	("Complaints Annual Report", "refused_cases"): [
		{"received_on": "2026-01-05", "outcome": "Refused", "reason": "A concurrent court case"}
	],
	("Complaints Annual Report", "non_compliance"): [
		{"source": "Ombudsman finding", "finding": "Late response", "action": "Training for managers"}
	],
	("Complaints Annual Report", "service_improvements"): [
		{"improvement": "Bin collection rounds re-planned", "completed_on": "2026-02-01"}
	],
}


def category(df) -> str | None:
	"""Which pool of bad values a field gets; None for layout fields, which hold no value."""
	if df.fieldtype in table_fields:
		return "table"
	if df.fieldtype == "Check":
		return "check"
	for name, types in (("date", DATE_TYPES), ("link", LINK_TYPES), ("number", NUMBER_TYPES)):
		if df.fieldtype in types:
			return name
	if df.fieldtype in TEXT_TYPES:
		return "text"
	if df.fieldtype in display_fieldtypes:
		return None
	raise AssertionError(
		f"{df.parent}.{df.fieldname}: no bad values for field type {df.fieldtype}; add a pool"
	)


def value_fields(doctype: str) -> list:
	return [df for df in frappe.get_meta(doctype).fields if category(df)]


def plain(value):
	"""A document value as JSON carries it (dates as ISO strings)."""
	return json.loads(frappe.as_json(value))


def shown(value) -> str:
	text = repr(value)
	return text if len(text) <= 60 else text[:57] + "..."


@dataclass
class Outcome:
	doctype: str
	field: str  # "table.child_field" for a bad row
	value: object
	status: int
	exc_type: str
	message: str
	traceback: str
	names: tuple[str, ...]  # what the message should mention (label, fieldname)
	valid: bool = False  # the unchanged valid body, which must be accepted

	def must_name_field(self) -> bool:
		refused = 400 <= self.status < 500 and not self.valid
		return refused and (self.exc_type in MUST_NAME_FIELD or SELECT_REFUSAL in self.message)

	def names_field(self) -> bool:
		text = re.sub(r"<[^>]+>", "", self.message).lower()
		return any(name.lower() in text for name in self.names if name)

	def where_raised(self) -> str:
		"""The innermost frames of the server traceback in Frappe or the app (not in libraries), innermost first."""
		frames = [
			(re.sub(r"^.*/(?=(frappe|complaints_app)/)", "", path), line, func)
			for path, line, func in re.findall(r'File "([^"]+)", line (\d+), in (\S+)', self.traceback)
			if "site-packages" not in path and func not in ("throw", "msgprint", "_raise_exception")
		]
		return " <- ".join(f"{path}:{line} {func}" for path, line, func in reversed(frames[-3:]))

	def line(self) -> str:
		return (
			f"{self.doctype} / {self.field} = {shown(self.value)}: HTTP {self.status} "
			f"{self.exc_type}: {self.message[:200]!r}"
			+ (f"\n    at {self.where_raised()}" if self.traceback else "")
		)


def read_error(response) -> tuple[str, str, str]:
	"""exc_type, the messages the user reads (and the exception line), and the traceback of a response."""
	try:
		body = json.loads(response.get_data(as_text=True))
	except ValueError:
		return "", response.get_data(as_text=True)[:300], ""
	messages = []
	for raw in json.loads(body.get("_server_messages") or "[]"):
		message = json.loads(raw) if isinstance(raw, str) else raw
		messages.append(str(message.get("message", message)) if isinstance(message, dict) else str(message))
	if body.get("exception"):
		messages.append(str(body["exception"]))
	traceback = "\n".join(json.loads(body.get("exc") or "[]"))
	return body.get("exc_type") or "", " | ".join(messages), traceback


def login(user: str) -> str:
	"""A REST session id for user, sent as the sid cookie."""
	set_request(path="/")
	frappe.local.cookie_manager = CookieManager()
	frappe.local.login_manager = LoginManager()
	frappe.local.login_manager.login_as(user)
	sid = frappe.session.sid
	frappe.db.commit()
	frappe.set_user("Administrator")
	return sid


class TestInputFuzz(FrappeAPITestCase):
	# Our own client without a cookie jar, so only the staff user's sid travels.
	TEST_CLIENT = get_test_client(use_cookies=False)

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		try:
			cls.set_up_records()
		except BaseException:
			cls.clean_up()
			raise

	@classmethod
	def set_up_records(cls):
		frappe.set_user("Administrator")
		cls.clean_up()  # whatever an interrupted earlier run left
		cls.series = dict(frappe.db.sql("select name, current from tabSeries"))
		make_user(STAFF, "Complaints Manager")
		cls.serial = 0
		corporate = make_complaint(subject="Fuzz: corporate", complainant_email=SETUP_EMAIL)
		cls.complaint = corporate.name
		VALID_ROWS[("Complaint", "related_complaints")][0]["complaint"] = corporate.name
		cls.area = make_service_area(FUZZ_AREA, manager=STAFF)
		childrens = make_complaint(
			procedure=CHILDRENS,
			subject="Fuzz: children's",
			complainant_email=SETUP_EMAIL,
			received_at="2026-01-05 10:00:00",
		)
		respond(current_stage(childrens.name), date(2026, 1, 16))
		childrens.reload()
		stage2 = childrens.escalate(handler="Administrator", requested_at="2026-01-20 09:00:00")
		respond(stage2, date(2026, 2, 20), "Partially upheld")
		childrens.reload()
		stage3 = childrens.escalate(handler=STAFF, requested_at="2026-03-02 09:00:00")
		cls.existing = {
			"Complaint Stage": current_stage(corporate.name).name,
			"Complaint Investigation": frappe.db.get_value(
				"Complaint Investigation", {"complaint_stage": stage2.name}
			),
			"Complaint Review Panel": frappe.db.get_value(
				"Complaint Review Panel", {"complaint_stage": stage3.name}
			),
			"Complaints Settings": "Complaints Settings",
			# Made by the portal; staff revoke a link, or decide on a request.
			"Complaint Access Token": frappe.db.get_value(
				"Complaint Access Token", {"token_hash": token_hash(issue_token(corporate.name))}
			),
			"Complaint Escalation Request": frappe.get_doc(
				{
					"doctype": "Complaint Escalation Request",
					"complaint": childrens.name,
					"from_stage": stage3.name,
					"requested_at": "2026-04-01 09:00:00",
					"reasons": "Fuzz: not satisfied",
				}
			)
			.insert(ignore_permissions=True)
			.name,
		}
		frappe.db.commit()
		# The valid PUT body: the stored values of the fields staff edit (read-only ones are
		# derived, and a stale due date would be refused as typed). After a request is accepted,
		# the record goes back to this snapshot, so every request starts from the same state.
		cls.snapshots = {doctype: frappe.get_doc(doctype, name) for doctype, name in cls.existing.items()}
		cls.put_bodies = {}
		for doctype, doc in cls.snapshots.items():
			body = {}
			for df in value_fields(doctype):
				if df.read_only:
					continue
				if df.fieldtype in table_fields:
					child_fields = [c.fieldname for c in value_fields(df.options)]
					body[df.fieldname] = [
						{f: plain(row.get(f)) for f in child_fields} for row in doc.get(df.fieldname)
					]
				else:
					body[df.fieldname] = plain(doc.get(df.fieldname))
			cls.put_bodies[doctype] = body
		cls.staff_sid = login(STAFF)

	@classmethod
	def tearDownClass(cls):
		cls.clean_up()
		super().tearDownClass()

	# -- clean-up ------------------------------------------------------------------------

	@classmethod
	def restore(cls, doctype: str):
		"""Put an existing record back as it was before the fuzz, straight in the database, and commit."""
		frappe.db.rollback()
		saved = cls.snapshots[doctype]
		meta = frappe.get_meta(doctype)
		values = {
			df.fieldname: saved.get(df.fieldname)
			for df in value_fields(doctype)
			if df.fieldtype not in table_fields
		}
		values.update(modified=saved.modified, modified_by=saved.modified_by)
		frappe.db.set_value(doctype, saved.name, values, update_modified=False)
		for table in meta.get_table_fields():
			filters = {"parent": saved.name, "parenttype": doctype, "parentfield": table.fieldname}
			frappe.db.delete(table.options, filters)
			for row in saved.get(table.fieldname):
				row.db_insert()
		frappe.db.commit()
		frappe.clear_document_cache(doctype, saved.name)

	@classmethod
	def clean_up(cls):
		"""Delete what the staff user and the set-up made, put back what they changed, and commit."""
		frappe.set_user("Administrator")
		if getattr(cls, "snapshots", None):
			cls.restore("Complaints Settings")
		frappe.db.rollback()
		complaints = frappe.get_all("Complaint", filters={"owner": STAFF}, pluck="name") + frappe.get_all(
			"Complaint", filters={"complainant_email": SETUP_EMAIL}, pluck="name"
		)
		for doctype in (
			"Learning Action",
			"Member Enquiry",
			"Complaint Contact Restriction",
			"Ombudsman Enquiry",
			"Complaint Review Panel",
			"Complaint Investigation",
			"Complaint Escalation Request",
			"Complaint Access Token",
			"Complaint Stage",
		):
			cls.delete(doctype, or_filters={"owner": STAFF, "complaint": ["in", complaints or [""]]})
		cls.delete("Complaint", filters={"name": ["in", complaints or [""]]})
		cls.delete("Compliment", filters={"owner": STAFF})
		for doctype in (
			"Complaints Annual Report",
			"Complaint Root Cause",
			"Ombudsman Annual Letter",
			"Complaint Public Topic",
			"Complaint Procedure",
			"Complaint Service Area",
			"Complaint Theme",
		):
			cls.delete(doctype, filters={"owner": STAFF})
		cls.delete("Complaint Service Area", filters={"name": FUZZ_AREA})
		frappe.db.delete("Version", {"owner": STAFF})
		frappe.db.delete("Comment", {"owner": STAFF})
		frappe.db.delete("Activity Log", {"user": STAFF})
		if frappe.db.exists("User", STAFF):
			clear_sessions(user=STAFF, keep_current=False, force=True)
			cls.delete("User", filters={"name": STAFF})
			# Deleting a user deletes its Notification Settings, into the Deleted Documents.
			cls.forget_deleted("Notification Settings", STAFF)
			frappe.db.delete(
				"Deleted Document", {"deleted_doctype": "Notification Settings", "deleted_name": STAFF}
			)
		# Frappe reverts a naming series on delete only for naming_series: autonames, not format: ones.
		series = getattr(cls, "series", None)
		for name, current in (
			frappe.db.sql("select name, current from tabSeries") if series is not None else ()
		):
			if name not in series:
				frappe.db.delete("Series", {"name": name})
			elif current != series[name]:
				frappe.db.set_value("Series", name, "current", series[name], update_modified=False)
		frappe.db.commit()

	@classmethod
	def delete(cls, doctype: str, filters: dict | None = None, or_filters: dict | None = None):
		"""Delete for good, newest first, with the Workflow Actions and the feed comment that go with each."""
		for name in frappe.get_all(
			doctype, filters=filters, or_filters=or_filters, pluck="name", order_by="creation desc, name desc"
		):
			# Frappe drops a document's Workflow Actions with a bare DELETE that leaves their role rows behind.
			cls.delete("Workflow Action", filters={"reference_doctype": doctype, "reference_name": name})
			frappe.delete_doc(doctype, name, force=True, ignore_permissions=True, delete_permanently=True)
			cls.forget_deleted(doctype, name)

	@staticmethod
	def forget_deleted(doctype: str, name: str):
		"""delete_doc leaves a "Deleted" comment in the activity feed; remove it too."""
		frappe.db.delete(
			"Comment",
			{"comment_type": "Deleted", "reference_doctype": doctype, "subject": f"{doctype} {name}"},
		)

	# -- bodies ----------------------------------------------------------------------------

	def valid_body(self, doctype: str) -> dict:
		"""A body REST accepts: fresh names for POST, the stored values for PUT."""
		if doctype in PUT:
			return json.loads(json.dumps(self.put_bodies[doctype]))
		self.serial += 1
		tag = f"{self.serial:04d} {frappe.generate_hash(length=6)}"
		if doctype == "Complaint":
			return {
				"related_complaints": VALID_ROWS[("Complaint", "related_complaints")],
				"subject": f"Fuzz complaint {tag}",
				"procedure": LGSCO,
				"received_at": "2025-12-19 10:00:00",
				"channel": "Web",
				"summary": "My bins have been missed three weeks running.",
				"complainant_name": "Alex Resident",
				"complainant_email": SETUP_EMAIL,
				"theme": "Standard of Service",
			}
		if doctype == "Ombudsman Enquiry":
			return {
				"ombudsman": "LGSCO",
				"ombudsman_reference": f"FZ-{tag}",
				"complaint": self.complaint,
				"received_on": "2026-02-02",
				"enquiry_type": "Enquiry",
				"decision": "Upheld: maladministration and injustice",
				"decision_date": "2026-02-20",
				"remedy": "Apology",
				"recommendations": VALID_ROWS[("Ombudsman Enquiry", "recommendations")],
			}
		if doctype == "Complaint Procedure":
			return {
				"procedure_name": f"Fuzz procedure {tag}",
				"procedure_type": "Corporate",
				"ombudsman": "LGSCO",
				"is_active": 1,
				"legal_basis": "Local policy",
				"stages": VALID_ROWS[("Complaint Procedure", "stages")],
			}
		if doctype == "Complaint Service Area":
			return {"service_area_name": f"Fuzz area {tag}", "manager": "Administrator"}
		if doctype == "Ombudsman Annual Letter":
			# Named by Ombudsman and financial year: a fresh year for each body.
			return {
				"ombudsman": "LGSCO",
				"year_ending": f"{2100 + self.serial}-03-31",
				**LETTER_FIGURES,
				"summary": "Fuzz letter",
			}
		if doctype == "Complaint Public Topic":
			return {"topic": f"Fuzz topic {tag}", "procedure": LGSCO, "hint": "A hint", "sort_order": 5}
		if doctype == "Complaints Annual Report":
			return {
				"title": f"Fuzz annual report {tag}",
				"from_date": "2025-04-01",
				"to_date": "2026-03-31",
				"procedures": VALID_ROWS[("Complaints Annual Report", "procedures")],
				"homes": 2400,
				"governance_body": "Audit Committee",
			}
		if doctype in FEEDBACK_BODIES:
			return FEEDBACK_BODIES[doctype](self, tag)
		return {"theme_name": f"Fuzz theme {tag}", "description": "A theme"}

	def bad_row_cases(self, rng: random.Random, doctype: str, table) -> list[tuple[str, list, tuple]]:
		"""(label, value, names) for valid rows whose first row has one field made bad."""
		child_fields = value_fields(table.options)
		cases = []
		for _ in range(BAD_ROWS_PER_TABLE):
			df = rng.choice(child_fields)
			bad = rng.choice(BAD_VALUES[category(df)])
			rows = json.loads(json.dumps(VALID_ROWS[(doctype, table.fieldname)]))
			rows[0][df.fieldname] = bad
			cases.append((f"{table.fieldname}.{df.fieldname}", rows, (df.label, df.fieldname)))
		return cases

	def cases(self, rng: random.Random, doctype: str):
		"""(field shown, field, value, names to expect in the message) for one doctype."""
		for df in value_fields(doctype):
			kind = category(df)
			if kind == "table":
				for shape in TABLE_SHAPES:
					yield df.fieldname, df.fieldname, shape, (df.label, df.fieldname)
				for shown_as, rows, names in self.bad_row_cases(rng, doctype, df):
					yield shown_as, df.fieldname, rows, names
			else:
				pool = BAD_VALUES[kind]
				for bad in rng.sample(pool, min(VALUES_PER_FIELD, len(pool))):
					yield df.fieldname, df.fieldname, bad, (df.label, df.fieldname)

	# -- requests --------------------------------------------------------------------------

	def send(self, doctype: str, body: dict):
		headers = {"Cookie": f"sid={self.staff_sid}", "Accept": "application/json"}
		if doctype in PUT:
			path = self.resource(quote(doctype), quote(self.existing[doctype]))
			return self.put(path, body, headers=headers)
		return self.post(self.resource(quote(doctype)), body, headers=headers)

	def record(self, doctype, field, value, body, names, valid=False) -> Outcome:
		response = self.send(doctype, body)
		exc_type, message, traceback = read_error(response) if response.status_code >= 400 else ("", "", "")
		if doctype in PUT and response.status_code < 300:
			self.restore(doctype)
		return Outcome(
			doctype, field, value, response.status_code, exc_type, message, traceback, names, valid
		)

	# -- the test --------------------------------------------------------------------------

	def test_every_doctype_lists_its_rest_route(self):
		parents = frappe.get_all(
			"DocType", filters={"module": ["in", APP_MODULES], "istable": 0}, pluck="name"
		)
		self.assertEqual(sorted(parents), sorted(POSTED + PUT + APP_WRITTEN))
		for doctype in APP_WRITTEN:
			perms = frappe.get_meta(doctype).permissions
			self.assertFalse([p.role for p in perms if p.create or p.write], doctype)
		for doctype, fieldname in VALID_ROWS:
			self.assertIn(
				fieldname, [df.fieldname for df in value_fields(doctype) if df.fieldtype in table_fields]
			)
		for doctype in POSTED + PUT:
			for df in frappe.get_meta(doctype).get_table_fields():
				self.assertIn((doctype, df.fieldname), VALID_ROWS, "give the table's valid rows")

	def fuzz(self) -> list[Outcome]:
		"""The valid body of each doctype (and its valid table rows), then one bad value at a time."""
		rng = random.Random(SEED)
		outcomes = []
		for doctype in POSTED + PUT:
			outcomes.append(
				self.record(doctype, "(valid body)", None, self.valid_body(doctype), (), valid=True)
			)
			for table in frappe.get_meta(doctype).get_table_fields():
				body = self.valid_body(doctype)
				body[table.fieldname] = VALID_ROWS[(doctype, table.fieldname)]
				outcomes.append(
					self.record(doctype, f"{table.fieldname} (valid rows)", None, body, (), valid=True)
				)
			for shown_as, field, bad, names in self.cases(rng, doctype):
				body = self.valid_body(doctype)
				body[field] = bad
				outcomes.append(self.record(doctype, shown_as, bad, body, names))
		return outcomes

	def test_bad_values_never_give_a_server_error(self):
		# Frappe prints the traceback of every refused request (frappe.errprint); keep the output readable.
		# An accepted Complaints Settings PUT enqueues the app's clock refresh: run it inside the request,
		# as under run-tests, not in a worker that could race the next request or the clean-up.
		with redirect_stdout(io.StringIO()), app_jobs_inline():
			outcomes = self.fuzz()

		server_errors = [o for o in outcomes if o.status >= 500]
		per_doctype = Counter(o.doctype for o in outcomes)
		print(
			f"\n{len(outcomes)} requests, {len(server_errors)} server errors "
			f"({', '.join(f'{d}: {n}' for d, n in per_doctype.items())})"
		)

		problems = []
		if server_errors:
			problems.append(
				f"{len(server_errors)} of {len(outcomes)} requests gave a server error (5xx):\n"
				+ "\n".join("  " + o.line() for o in server_errors)
			)
		unclear = [o for o in outcomes if o.must_name_field() and not o.names_field()]
		if unclear:
			problems.append(
				f"{len(unclear)} refusals do not name the field they refuse:\n"
				+ "\n".join("  " + o.line() for o in unclear)
			)
		refused = [o for o in outcomes if o.valid and not 200 <= o.status < 300]
		if refused:
			problems.append(
				"valid bodies refused, so the fuzz proves nothing for them:\n"
				+ "\n".join("  " + o.line() for o in refused)
			)
		if problems:
			self.fail("\n\n".join(problems))
		self.assertGreaterEqual(len(outcomes), 300)
		self.assertEqual({o.doctype for o in outcomes if not o.valid}, set(POSTED + PUT))
