# Copyright (c) 2026, complaints_app contributors
# See license.txt
"""Every user against every case record, by every route: the whole permission matrix.

A small council is built (an area tree three levels deep and an unrelated area, corporate and
children's cases, an investigation, a review panel and Ombudsman enquiries), some of its cases are
moved as a council moves them in desk, and then every user is asked about every record this test
made: ``has_permission`` read and write, ``frappe.get_list``, REST GET of the record, the REST list,
and the counts (``frappe.client.get_count`` and the list view's ``frappe.desk.reportview.get_count``).

What each user should reach is written out by hand below (``VISIBLE``, ``WRITES``, ``HOME``), from
the rules in the docstring of ``complaints_app.complaints.permissions`` and the role permissions in
the doctype JSON; nothing here asks ``permissions.py`` what the answer is. Every disagreement is
collected and reported together, with the route that gave it.
"""

import frappe
from frappe.sessions import clear_sessions
from frappe.tests.test_api import FrappeAPITestCase
from frappe.utils import get_test_client

from complaints_app.complaints.test_permissions import login
from complaints_app.complaints.testing import (
	CALENDAR_DAYS,
	CHILDRENS,
	LGSCO,
	current_stage,
	make_complaint,
	make_service_area,
	make_user,
	respond,
)

COMPLAINT, STAGE, INVESTIGATION, PANEL, ENQUIRY = (
	"Complaint",
	"Complaint Stage",
	"Complaint Investigation",
	"Complaint Review Panel",
	"Ombudsman Enquiry",
)
DOCTYPES = (COMPLAINT, STAGE, INVESTIGATION, PANEL, ENQUIRY)

# -- the council ------------------------------------------------------------------------------------

USERS = {
	"manager": ("Complaints Manager",),
	"childrens_officer": ("Complaints Officer", "Children's Complaints Access"),
	"corporate_officer": ("Complaints Officer",),
	"leaf_manager": ("Service Manager",),
	"mid_manager": ("Service Manager",),
	"top_manager": ("Service Manager",),
	"other_manager": ("Service Manager",),
	"investigator": ("Investigating Officer",),
	"independent": ("Independent Person",),
	"panel_member": ("Review Panel Member",),
	"auditor": ("Complaints Auditor",),
	"public": (),  # no roles: a Website User
}

# area: (parent, manager). Top > Mid > Leaf is the tree; Other stands alone.
AREAS = {
	"top": (None, "top_manager"),
	"mid": ("top", "mid_manager"),
	"leaf": ("mid", "leaf_manager"),
	"other": (None, "other_manager"),
}

# case: (area when logged, procedure when logged, stage it reaches)
CASES = {
	"leaf": ("leaf", LGSCO, 1),
	"mid": ("mid", LGSCO, 1),
	"top": ("top", LGSCO, 1),
	"other": ("other", LGSCO, 1),
	"moved": ("other", LGSCO, 1),  # moved to the leaf area below
	"to_childrens": ("mid", LGSCO, 1),  # re-routed to children's social care below
	"to_corporate": ("mid", CHILDRENS, 1),  # re-routed to a corporate procedure below
	"k2": ("leaf", CHILDRENS, 2),  # children's case at stage 2, with an investigation
	"k3": ("other", CHILDRENS, 3),  # children's case at stage 3, with a panel; moved to the leaf area
}
ENQUIRIES = ("moved", "to_childrens", "k3")  # each case here gets an Ombudsman Enquiry before it moves

# Where each case is after the moves: (area, procedure). Every record of the case must carry these.
HOME = {
	"leaf": ("leaf", LGSCO),
	"mid": ("mid", LGSCO),
	"top": ("top", LGSCO),
	"other": ("other", LGSCO),
	"moved": ("leaf", LGSCO),
	"to_childrens": ("mid", CHILDRENS),
	"to_corporate": ("mid", CALENDAR_DAYS),
	"k2": ("leaf", CHILDRENS),
	"k3": ("leaf", CHILDRENS),
}

# -- what each user reaches, by hand ------------------------------------------------------------------
# Records are named by case: "leaf" is the complaint, "leaf/1" its first stage, "k2/inv" the
# investigation of k2, "k3/panel" the panel of k3, "moved/enq" the enquiry on "moved".

EVERYTHING = {
	COMPLAINT: {"leaf", "mid", "top", "other", "moved", "to_childrens", "to_corporate", "k2", "k3"},
	STAGE: {
		"leaf/1",
		"mid/1",
		"top/1",
		"other/1",
		"moved/1",
		"to_childrens/1",
		"to_corporate/1",
		"k2/1",
		"k2/2",
		"k3/1",
		"k3/2",
		"k3/3",
	},
	INVESTIGATION: {"k2/inv", "k3/inv"},
	PANEL: {"k3/panel"},
	ENQUIRY: {"moved/enq", "to_childrens/enq", "k3/enq"},
}
NOTHING = {COMPLAINT: set(), STAGE: set(), INVESTIGATION: set(), PANEL: set(), ENQUIRY: set()}

VISIBLE = {
	# Complaints Manager and Complaints Auditor see every case.
	"manager": EVERYTHING,
	"auditor": EVERYTHING,
	# A Complaints Officer sees every case of the procedures open to them: all of them, with the role.
	"childrens_officer": EVERYTHING,
	# Without "Children's Complaints Access" the children's cases are hidden, whatever else holds;
	# "to_childrens" became one when re-routed and "to_corporate" stopped being one.
	"corporate_officer": {
		COMPLAINT: {"leaf", "mid", "top", "other", "moved", "to_corporate"},
		STAGE: {"leaf/1", "mid/1", "top/1", "other/1", "moved/1", "to_corporate/1"},
		INVESTIGATION: set(),
		PANEL: set(),
		ENQUIRY: {"moved/enq"},
	},
	# A Service Manager sees the cases of their area and every area below it (not the children's
	# ones); their role reads complaints and stages only (no investigations, panels or enquiries).
	"top_manager": {
		COMPLAINT: {"top", "mid", "leaf", "moved", "to_corporate"},
		STAGE: {"top/1", "mid/1", "leaf/1", "moved/1", "to_corporate/1"},
		INVESTIGATION: set(),
		PANEL: set(),
		ENQUIRY: set(),
	},
	"mid_manager": {
		COMPLAINT: {"mid", "leaf", "moved", "to_corporate"},
		STAGE: {"mid/1", "leaf/1", "moved/1", "to_corporate/1"},
		INVESTIGATION: set(),
		PANEL: set(),
		ENQUIRY: set(),
	},
	"leaf_manager": {
		COMPLAINT: {"leaf", "moved"},
		STAGE: {"leaf/1", "moved/1"},
		INVESTIGATION: set(),
		PANEL: set(),
		ENQUIRY: set(),
	},
	# "moved" left the other area: its manager no longer sees it or its stage.
	"other_manager": {
		COMPLAINT: {"other"},
		STAGE: {"other/1"},
		INVESTIGATION: set(),
		PANEL: set(),
		ENQUIRY: set(),
	},
	# Assigned to k2's investigation: that investigation, and their complaint (with its stages) to
	# read, although it is a children's case. Not k3's investigation.
	"investigator": {
		COMPLAINT: {"k2"},
		STAGE: {"k2/1", "k2/2"},
		INVESTIGATION: {"k2/inv"},
		PANEL: set(),
		ENQUIRY: set(),
	},
	"independent": {
		COMPLAINT: {"k2"},
		STAGE: {"k2/1", "k2/2"},
		INVESTIGATION: {"k2/inv"},
		PANEL: set(),
		ENQUIRY: set(),
	},
	# On k3's panel: the panel, and its complaint (with its stages) to read.
	"panel_member": {
		COMPLAINT: {"k3"},
		STAGE: {"k3/1", "k3/2", "k3/3"},
		INVESTIGATION: set(),
		PANEL: {"k3/panel"},
		ENQUIRY: set(),
	},
	"public": NOTHING,
}

# Where each user may write what they can see: the "write" role permissions of the doctype JSON.
WRITES = {
	"manager": set(DOCTYPES),
	"childrens_officer": set(DOCTYPES),
	"corporate_officer": set(DOCTYPES),
	"leaf_manager": {COMPLAINT, STAGE},
	"mid_manager": {COMPLAINT, STAGE},
	"top_manager": {COMPLAINT, STAGE},
	"other_manager": {COMPLAINT, STAGE},
	"investigator": {INVESTIGATION},
	"independent": {INVESTIGATION},
	"panel_member": {PANEL},
	"auditor": set(),
	"public": set(),
}

ALLOWED, REFUSED = "200", "403/404"


def case_of(label: str) -> str:
	return label.split("/")[0]


class TestPermissionMatrix(FrappeAPITestCase):
	# A client without a cookie jar, so that each request carries exactly the sid it is given.
	TEST_CLIENT = get_test_client(use_cookies=False)

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		cls.run_id = frappe.generate_hash(length=8)
		cls.users, cls.areas, cls.complaints, cls.enquiries = {}, {}, {}, {}
		try:
			cls.build()
			frappe.db.commit()
		except Exception:
			cls.clean_up()
			raise

	@classmethod
	def tearDownClass(cls):
		cls.clean_up()
		super().tearDownClass()

	# -- building the council --------------------------------------------------------------------------

	@classmethod
	def build(cls):
		run = cls.run_id
		for key, roles in USERS.items():
			cls.users[key] = make_user(f"matrix.{key.replace('_', '.')}.{run}@example.com", *roles)
		for key, (parent, manager) in AREAS.items():
			cls.areas[key] = make_service_area(
				f"Matrix {key.title()} {run}",
				manager=cls.users[manager],
				parent=cls.areas[parent] if parent else None,
			)
		for label, (area, procedure, stage) in CASES.items():
			cls.complaints[label] = cls.log_case(label, area, procedure, stage)
		for label in ENQUIRIES:
			cls.enquiries[label] = (
				frappe.get_doc(
					{
						"doctype": ENQUIRY,
						"ombudsman": "LGSCO",
						"ombudsman_reference": f"MATRIX-{run}-{label}",
						"complaint": cls.complaints[label],
						"received_on": "2026-02-02",
						"enquiry_type": "Enquiry",
					}
				)
				.insert(ignore_permissions=True)
				.name
			)
		cls.assign()
		cls.move()

	@classmethod
	def log_case(cls, label: str, area: str, procedure: str, reach: int) -> str:
		"""A complaint logged in ``area`` under ``procedure`` and escalated to stage ``reach``, as
		``children_case_at`` escalates (each stage answered in time)."""
		values = {
			"procedure": procedure,
			"service_area": cls.areas[area],
			"subject": f"Matrix case {label}",
			"complainant_name": f"Matrix {cls.run_id} {label}",
		}
		if procedure == CHILDRENS:
			values["received_at"] = "2026-01-05 10:00:00"
		complaint = make_complaint(**values)
		if reach >= 2:
			respond(current_stage(complaint.name), "2026-01-16")
			complaint.reload()
			stage = complaint.escalate(handler="Administrator", requested_at="2026-01-20 09:00:00")
		if reach >= 3:
			respond(stage, "2026-02-20", "Partially upheld")
			complaint.reload()
			complaint.escalate(handler="Guest", requested_at="2026-03-02 09:00:00")
		return complaint.name

	@classmethod
	def assign(cls):
		"""The investigating officer and independent person to k2's investigation; the panel member to k3's panel."""
		investigation = frappe.get_doc(INVESTIGATION, {"complaint": cls.complaints["k2"]})
		investigation.investigating_officer = cls.users["investigator"]
		investigation.independent_person = cls.users["independent"]
		investigation.save(ignore_permissions=True)
		panel = frappe.get_doc(PANEL, {"complaint": cls.complaints["k3"]})
		panel.append(
			"members", {"user": cls.users["panel_member"], "member_name": "Pat Chair", "is_chair": 1}
		)
		panel.append("members", {"member_name": "Sam Second", "is_chair": 0})
		panel.append("members", {"member_name": "Alex Third", "is_chair": 0})
		panel.save(ignore_permissions=True)

	@classmethod
	def move(cls):
		"""As a council does in desk, before anything is asked: two cases change area, two change procedure."""
		for label, field, value in (
			("moved", "service_area", cls.areas["leaf"]),
			("k3", "service_area", cls.areas["leaf"]),
			("to_childrens", "procedure", CHILDRENS),  # only stage 1, open and unanswered
			("to_corporate", "procedure", CALENDAR_DAYS),
		):
			complaint = frappe.get_doc(COMPLAINT, cls.complaints[label])
			complaint.set(field, value)
			complaint.save()

	def records(self) -> dict[str, dict[str, str]]:
		"""Every record this test made, by doctype, as {label: name}."""
		records = {COMPLAINT: {label: name for label, name in self.complaints.items()}}
		records[ENQUIRY] = {f"{label}/enq": name for label, name in self.enquiries.items()}
		for label, name in self.complaints.items():
			for stage in frappe.get_all(STAGE, {"complaint": name}, ["name", "stage_number"]):
				records.setdefault(STAGE, {})[f"{label}/{stage.stage_number}"] = stage.name
			for doctype, suffix in ((INVESTIGATION, "inv"), (PANEL, "panel")):
				for record in frappe.get_all(doctype, {"complaint": name}, pluck="name"):
					records.setdefault(doctype, {})[f"{label}/{suffix}"] = record
		return records

	# -- cleaning up -------------------------------------------------------------------------------------

	@classmethod
	def clean_up(cls):
		"""Delete everything this run made, children before parents, with the traces Frappe keeps of
		a deletion (the "Deleted" feed comment, Deleted Document), and commit."""
		frappe.set_user("Administrator")
		frappe.db.rollback()
		gone: list[tuple[str, str]] = []

		def delete(doctype: str, name: str) -> None:
			frappe.delete_doc(doctype, name, force=True, ignore_permissions=True, delete_permanently=True)
			gone.append((doctype, name))

		complaints = list(cls.complaints.values())
		if complaints:
			filters = {"complaint": ["in", complaints]}
			stages = frappe.get_all(STAGE, filters, pluck="name")
			if stages:
				# The stage workflow's actions; Frappe removes them without their permitted-role rows.
				for action in frappe.get_all(
					"Workflow Action",
					{"reference_doctype": STAGE, "reference_name": ["in", stages]},
					pluck="name",
				):
					delete("Workflow Action", action)
			for doctype in (ENQUIRY, PANEL, INVESTIGATION, STAGE):
				for name in frappe.get_all(doctype, filters, pluck="name"):
					delete(doctype, name)
		for name in cls.enquiries.values():
			if frappe.db.exists(ENQUIRY, name):
				delete(ENQUIRY, name)
		for name in complaints:
			delete(COMPLAINT, name)
		for key in reversed(AREAS):  # other, leaf, mid, top: the tree's leaves first
			if key in cls.areas:
				delete("Complaint Service Area", cls.areas[key])
		users = list(cls.users.values())
		for user in users:
			clear_sessions(user, keep_current=False, force=True)
			for contact in frappe.get_all("Contact Email", {"email_id": user}, pluck="parent"):
				delete("Contact", contact)
			delete("User", user)
			gone.append(("Notification Settings", user))  # deleted with the user
		if gone:
			frappe.db.delete(
				"Comment",
				{"comment_type": "Deleted", "subject": ["in", [f"{dt} {name}" for dt, name in gone]]},
			)
			frappe.db.delete("Deleted Document", {"deleted_name": ["in", [name for _dt, name in gone]]})
		if users:
			frappe.db.delete("DefaultValue", {"parent": ["in", users]})
			frappe.db.delete("Activity Log", {"user": ["in", users]})
		frappe.db.commit()

	# -- the matrix ------------------------------------------------------------------------------------

	def test_every_user_reaches_exactly_their_records_by_every_route(self):
		self.checks, self.leaks = 0, []
		records = self.records()
		self.labels = {name: label for named in records.values() for label, name in named.items()}
		self.check_the_council(records)
		for user in USERS:
			sid = login(self.users[user])
			# The session is the user's own, not Guest: a refusal below is the rule's, not the login's.
			response = self.get(self.method("frappe.auth.get_logged_user"), headers=self.cookie(sid))
			self.check(
				user, "-", "-", "frappe.auth.get_logged_user", self.users[user], response.json.get("message")
			)
			for doctype in DOCTYPES:
				self.check_records(user, sid, doctype, records[doctype])
				self.check_lists(user, sid, doctype, records[doctype], set(records[COMPLAINT].values()))
		summary = f"{self.checks} checks, {len(self.leaks)} leaks"
		print(f"\n{type(self).__name__}: {summary}")
		if self.leaks:
			self.fail(
				"\n".join(
					[summary, "user | doctype | record | route | expected | got"]
					+ [" | ".join(str(part) for part in leak) for leak in self.leaks]
				)
			)

	def check(self, user, doctype, record, route, expected, got):
		self.checks += 1
		if expected == got:
			return
		if isinstance(expected, set) and isinstance(got, set):
			# A list: name the records it should not have shown, and those it missed.
			expected, got = (
				sorted(self.labels.get(n, n) for n in expected),
				f"extra {sorted(self.labels.get(n, n) for n in got - expected)}, "
				f"missing {sorted(self.labels.get(n, n) for n in expected - got)}",
			)
		self.leaks.append((user, doctype, record, route, expected, got))

	def check_the_council(self, records):
		"""The records exist as the table names them, and every copy follows its complaint's moves."""
		self.check("Administrator", "-", "-", "public user type", "Website User", self.user_type("public"))
		for doctype in DOCTYPES:
			self.check(
				"Administrator", doctype, "*", "records made", EVERYTHING[doctype], set(records[doctype])
			)
			for label, name in records[doctype].items():
				area, procedure = HOME[case_of(label)]
				self.check(
					"Administrator",
					doctype,
					f"{label} ({name})",
					"service_area, procedure",
					(self.areas[area], procedure),
					frappe.db.get_value(doctype, name, ["service_area", "procedure"]),
				)

	def user_type(self, user: str) -> str:
		return frappe.db.get_value("User", self.users[user], "user_type")

	def check_records(self, user: str, sid: str, doctype: str, records: dict[str, str]):
		email, visible = self.users[user], VISIBLE[user][doctype]
		for label, name in records.items():
			shown = label in visible
			record = f"{label} ({name})"
			self.check(
				user,
				doctype,
				record,
				"has_permission read",
				shown,
				self.has_permission(doctype, "read", name, email),
			)
			self.check(
				user,
				doctype,
				record,
				"has_permission write",
				shown and doctype in WRITES[user],
				self.has_permission(doctype, "write", name, email),
			)
			response = self.get(self.resource(doctype, name), headers=self.cookie(sid))
			self.check(
				user,
				doctype,
				record,
				"GET /api/resource",
				ALLOWED if shown else REFUSED,
				self.outcome(response, name),
			)

	def check_lists(self, user: str, sid: str, doctype: str, records: dict[str, str], complaints: set[str]):
		email = self.users[user]
		expected = {records[label] for label in VISIBLE[user][doctype]}
		childrens = {
			records[label] for label in VISIBLE[user][doctype] if HOME[case_of(label)][1] == CHILDRENS
		}
		made = sorted(records.values())
		mine = [["name", "in", made]]

		self.check(user, doctype, "*", "frappe.get_list", expected, self.get_list(email, doctype, mine))
		response = self.get(
			self.resource(doctype),
			{"fields": frappe.as_json(["name"]), "filters": frappe.as_json(mine), "limit_page_length": 0},
			headers=self.cookie(sid),
		)
		self.check(user, doctype, "*", "GET /api/resource (list)", expected, self.listed(response))

		if doctype == COMPLAINT:
			by_field = (
				"complainant_name like 'Matrix <run> %'",
				[["complainant_name", "like", f"Matrix {self.run_id} %"]],
			)
		else:
			by_field = ("complaint in <made>", [["complaint", "in", sorted(complaints)]])
		counts = (
			("frappe.client.get_count", ("name in <made>", mine), len(expected)),
			(
				"frappe.client.get_count",
				("name in <made>, procedure like 'Children%'", [*mine, ["procedure", "like", "Children%"]]),
				len(childrens),
			),
			("frappe.client.get_count", by_field, len(expected)),
			("frappe.desk.reportview.get_count", ("name in <made>", mine), len(expected)),
		)
		for method, (described, filters), count in counts:
			response = self.get(
				self.method(method),
				{"doctype": doctype, "filters": frappe.as_json(filters)},
				headers=self.cookie(sid),
			)
			self.check(user, doctype, f"count where {described}", method, count, self.counted(response))

	# -- asking ------------------------------------------------------------------------------------------

	@staticmethod
	def cookie(sid: str) -> dict:
		return {"Cookie": f"sid={sid}"}

	@staticmethod
	def has_permission(doctype: str, ptype: str, name: str, user: str) -> bool:
		return bool(frappe.has_permission(doctype, ptype, doc=name, user=user))

	@staticmethod
	def get_list(user: str, doctype: str, filters) -> set[str]:
		frappe.set_user(user)
		try:
			return set(frappe.get_list(doctype, filters=filters, pluck="name", limit_page_length=0))
		except frappe.PermissionError:
			return set()
		finally:
			frappe.clear_messages()
			frappe.set_user("Administrator")

	@staticmethod
	def outcome(response, name: str) -> str:
		if response.status_code == 200:
			return ALLOWED if response.json["data"]["name"] == name else f"200 with {response.json['data']}"
		if response.status_code in (403, 404):
			return REFUSED
		return f"HTTP {response.status_code}"

	@staticmethod
	def listed(response) -> set[str] | str:
		if response.status_code == 200:
			return {row["name"] for row in response.json["data"]}
		if response.status_code == 403:
			return set()
		return f"HTTP {response.status_code}"

	@staticmethod
	def counted(response) -> int | str:
		if response.status_code == 200:
			return response.json["message"]
		if response.status_code == 403:
			return 0
		return f"HTTP {response.status_code}"
