# Copyright (c) 2026, complaints_app contributors
# See license.txt
"""Record permissions as staff meet them: lists, forms and REST."""

import re
from datetime import datetime, timedelta

import frappe
from frappe.auth import CookieManager, LoginManager
from frappe.query_builder import DocType
from frappe.sessions import clear_sessions
from frappe.tests.test_api import FrappeAPITestCase
from frappe.utils import now_datetime, set_request
from frappe.utils.password import update_password

from complaints_app.complaints.testing import CHILDRENS, LGSCO, make_complaint, make_service_area, make_user

PASSWORD = "Complaints-Test-Pw-2026!"
# What hangs off a complaint, deleted before it (stages last: the others link to them).
CASE_RECORDS = ("Complaint Review Panel", "Complaint Investigation", "Complaint Stage")


def login(user: str) -> str:
	"""A REST session id for user (the test client sends it as the sid cookie)."""
	update_password(user, PASSWORD)
	frappe.db.commit()
	set_request(path="/")
	frappe.local.cookie_manager = CookieManager()
	frappe.local.login_manager = LoginManager()
	frappe.local.login_manager.login_as(user)
	sid = frappe.session.sid
	frappe.db.commit()
	frappe.set_user("Administrator")
	return sid


def purge(doctype: str, name: str) -> None:
	"""Delete a record for good, with its workflow actions and the mail queued about it: links
	unchecked, no Deleted Document copy, no "deleted" feed comment, its naming series counted back
	when it was the last. Its versions, comments, ToDos and notifications go with it."""
	reference = {"reference_doctype": doctype, "reference_name": name}
	# Frappe deletes a record's workflow actions without their permitted-role rows; delete them whole.
	for related in ("Workflow Action", "Email Queue"):
		for record in frappe.get_all(related, reference, pluck="name"):
			purge(related, record)
	frappe.delete_doc(doctype, name, force=True, ignore_permissions=True, delete_permanently=True)
	frappe.db.delete(
		"Comment", {"comment_type": "Deleted", "reference_doctype": doctype, "subject": f"{doctype} {name}"}
	)
	count_back(doctype, name)


def count_back(doctype: str, name: str) -> None:
	"""Frappe v15 counts a naming series back when its last record is deleted, but not the series of a
	"format:" autoname (CINV-{YYYY}-{#####}): do that here, only while no later number was taken."""
	number = re.search(r"\d+$", name)
	if not (number and (frappe.get_meta(doctype).autoname or "").startswith("format:")):
		return
	series = DocType("Series")
	prefix, last = name[: number.start()], int(number.group())
	frappe.qb.update(series).set(series.current, series.current - 1).where(
		(series.name == prefix) & (series.current == last)
	).run()


def records_naming(doctype: str, name: str) -> list[tuple[str, str]]:
	"""Every record (not a child row) whose Link field names this one: alerts, enquiries, ..."""
	found = []
	fields = frappe.get_all(
		"DocField",
		{"parenttype": "DocType", "fieldtype": "Link", "options": doctype},
		["parent", "fieldname"],
	)
	for field in fields:
		meta = frappe.get_meta(field.parent)
		if not (meta.istable or meta.issingle or meta.is_virtual):
			found += [
				(field.parent, n) for n in frappe.get_all(field.parent, {field.fieldname: name}, pluck="name")
			]
	return found


def purge_complaint(name: str, since: datetime) -> None:
	"""A complaint with its review panels, investigations and stages, whatever else names it, and the
	mail queued about them since ``since``."""
	records = [
		(doctype, record)
		for doctype in CASE_RECORDS
		for record in frappe.get_all(doctype, {"complaint": name}, pluck="name", order_by="creation desc")
	]
	records += [*records_naming("Complaint", name), ("Complaint", name)]
	for doctype, record in records:
		purge(doctype, record)
	# Frappe's assignment mails and the app's alert mails carry no reference: find them by the name.
	queue = DocType("Email Queue")
	for _doctype, record in records:
		mentions = (queue.creation >= since) & queue.message.like(f"%{record}%")
		for queued in frappe.qb.from_(queue).select(queue.name).where(mentions).run(pluck=True):
			purge("Email Queue", queued)


def log_out(user: str, since: datetime) -> None:
	"""End a user's sessions and forget the logins and logouts since ``since``."""
	clear_sessions(user, force=True)
	frappe.db.delete("Activity Log", {"user": user, "creation": (">=", since)})


def purge_user(user: str) -> None:
	"""A user with their sessions, password, contact, settings, defaults and login history."""
	clear_sessions(user, force=True)
	for contact in frappe.get_all("Contact", {"user": user}, pluck="name"):
		purge("Contact", contact)
	purge("Notification Settings", user)
	purge("User", user)
	frappe.db.delete("DefaultValue", {"parent": user})
	frappe.db.delete("Activity Log", {"user": user})


def committed(purge_one, *args, **kwargs) -> None:
	"""Run one deletion and commit it; again, up to three times, if the database gave it up in a
	deadlock (other suites may be writing to the same test site)."""
	for attempt in range(3):
		try:
			purge_one(*args, **kwargs)
			frappe.db.commit()
			return
		except frappe.QueryDeadlockError:
			frappe.db.rollback()
			if attempt == 2:
				raise


class TestRecordPermissions(FrappeAPITestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		# This suite commits (and so can a stage's assignment mail, half-way through an insert):
		# everything it makes is recorded, or marked with this run's id, and deleted in tearDownClass.
		cls.run_id = frappe.generate_hash(length=6)
		cls.made = {"User": [], "Complaint Service Area": []}
		cls.users = []  # made now or by an earlier run: the tests log some of them in
		cls.started = now_datetime() - timedelta(seconds=1)
		try:
			cls.make_records()
		except BaseException:
			cls.delete_made()
			raise
		frappe.db.commit()

	@classmethod
	def tearDownClass(cls):
		cls.delete_made()
		super().tearDownClass()

	@classmethod
	def make_records(cls):
		cls.north_manager = cls.make_user("north.manager@example.com", "Service Manager")
		cls.south_manager = cls.make_user("south.manager@example.com", "Service Manager")
		cls.corporate_officer = cls.make_user("corporate.officer@example.com", "Complaints Officer")
		cls.childrens_officer = cls.make_user(
			"childrens.only@example.com", "Complaints Officer", "Children's Complaints Access"
		)
		# Fresh officers each run, so no assignment from another run (or one that failed) can reach them.
		cls.io_one = cls.make_user(f"io.one.{cls.run_id}@example.com", "Investigating Officer")
		cls.io_two = cls.make_user(f"io.two.{cls.run_id}@example.com", "Investigating Officer")
		cls.auditor = cls.make_user("auditor@example.com", "Complaints Auditor")
		cls.make_service_area("North Locality", manager=cls.north_manager)
		cls.make_service_area("South Locality", manager=cls.south_manager)
		cls.north = cls.make_complaint(subject="North pothole", service_area="North Locality")
		cls.south = cls.make_complaint(subject="South pothole", service_area="South Locality")
		cls.childrens = cls.make_complaint(
			procedure=CHILDRENS, subject="Foster placement", service_area="North Locality"
		)
		cls.investigation = cls.make_investigation(cls.io_one)

	@classmethod
	def make_user(cls, email: str, *roles: str) -> str:
		if not frappe.db.exists("User", email):
			cls.made["User"].append(email)
		cls.users.append(email)
		return make_user(email, *roles)

	@classmethod
	def make_service_area(cls, name: str, manager: str) -> str:
		if not frappe.db.exists("Complaint Service Area", name):
			cls.made["Complaint Service Area"].append(name)
		return make_service_area(name, manager=manager)

	@classmethod
	def make_complaint(cls, **values):
		return make_complaint(complainant_email=cls.complainant_email(), **values)

	@classmethod
	def complainant_email(cls) -> str:
		"""This run's mark on its complaints: found by it even when an insert failed after a commit."""
		return f"resident.{cls.run_id}@example.com"

	@classmethod
	def delete_made(cls):
		"""Delete what setUpClass made, newest first (so the naming series count back), and commit."""
		frappe.set_user("Administrator")
		frappe.db.rollback()  # what the last tests left uncommitted, as FrappeTestCase would
		complaints = frappe.get_all(
			"Complaint", {"complainant_email": cls.complainant_email()}, pluck="name", order_by="name desc"
		)
		for name in complaints:
			committed(purge_complaint, name, since=cls.started)
		for name in reversed(cls.made["Complaint Service Area"]):
			committed(purge, "Complaint Service Area", name)
		for user in reversed(cls.made["User"]):
			committed(purge_user, user)
		for user in set(cls.users) - set(cls.made["User"]):
			committed(log_out, user, since=cls.started)

	@classmethod
	def make_investigation(cls, officer):
		complaint = cls.make_complaint(procedure=CHILDRENS, subject="Investigated case")
		stage = frappe.get_doc(
			"Complaint Stage", frappe.db.get_value("Complaint", complaint.name, "current_stage")
		)
		stage.responded_on, stage.outcome = "2026-01-05", "Not upheld"
		stage.save()
		complaint.reload()
		stage2 = complaint.escalate(handler="Administrator", requested_at="2026-01-06 09:00:00")
		investigation = frappe.get_doc("Complaint Investigation", {"complaint_stage": stage2.name})
		investigation.investigating_officer = officer
		investigation.save()
		return investigation

	def tearDown(self):
		frappe.set_user("Administrator")

	def visible(self, user, doctype="Complaint"):
		frappe.set_user(user)
		try:
			return set(frappe.get_list(doctype, pluck="name", limit_page_length=0))
		finally:
			frappe.set_user("Administrator")

	def test_service_manager_sees_only_their_area(self):
		names = self.visible(self.north_manager)
		self.assertIn(self.north.name, names)
		self.assertNotIn(self.south.name, names)
		self.assertFalse(frappe.has_permission("Complaint", "read", self.south.name, user=self.north_manager))
		self.assertTrue(frappe.has_permission("Complaint", "read", self.north.name, user=self.north_manager))
		stages = self.visible(self.north_manager, "Complaint Stage")
		self.assertNotIn(self.south.current_stage or f"{self.south.name}-1", stages)

	def test_service_manager_cannot_fetch_another_area_over_rest(self):
		sid = login(self.north_manager)
		own = self.get(self.resource("Complaint", self.north.name), {"sid": sid})
		self.assertEqual(own.status_code, 200)
		self.assertEqual(own.json["data"]["subject"], "North pothole")
		other = self.get(self.resource("Complaint", self.south.name), {"sid": sid})
		self.assertEqual(other.status_code, 403)
		listing = self.get(self.resource("Complaint"), {"sid": sid, "limit_page_length": 0})
		self.assertEqual(listing.status_code, 200)
		names = {row["name"] for row in listing.json["data"]}
		self.assertIn(self.north.name, names)
		self.assertNotIn(self.south.name, names)

	def test_user_permission_grants_an_area(self):
		perm = frappe.get_doc(
			{
				"doctype": "User Permission",
				"user": self.south_manager,
				"allow": "Complaint Service Area",
				"for_value": "North Locality",
				"apply_to_all_doctypes": 1,
			}
		).insert(ignore_permissions=True)
		try:
			self.assertIn(self.north.name, self.visible(self.south_manager))
		finally:
			perm.delete(ignore_permissions=True)
		self.assertNotIn(self.north.name, self.visible(self.south_manager))

	def test_childrens_cases_are_invisible_to_a_corporate_only_officer(self):
		corporate = self.visible(self.corporate_officer)
		self.assertIn(self.south.name, corporate)
		self.assertNotIn(self.childrens.name, corporate)
		self.assertFalse(
			frappe.has_permission("Complaint", "read", self.childrens.name, user=self.corporate_officer)
		)
		self.assertNotIn(
			self.investigation.name, self.visible(self.corporate_officer, "Complaint Investigation")
		)
		self.assertIn(self.childrens.name, self.visible(self.childrens_officer))
		# The service manager of the area cannot see it either without the access role.
		self.assertNotIn(self.childrens.name, self.visible(self.north_manager))

	def test_investigating_officer_sees_only_their_investigations(self):
		self.assertEqual(self.visible(self.io_one, "Complaint Investigation"), {self.investigation.name})
		self.assertEqual(self.visible(self.io_two, "Complaint Investigation"), set())
		self.assertEqual(self.visible(self.io_one), {self.investigation.complaint})
		self.assertTrue(
			frappe.has_permission("Complaint", "read", self.investigation.complaint, user=self.io_one)
		)
		self.assertFalse(
			frappe.has_permission("Complaint", "write", self.investigation.complaint, user=self.io_one)
		)
		self.assertFalse(frappe.has_permission("Complaint", "read", self.north.name, user=self.io_one))
		sid = login(self.io_two)
		response = self.get(self.resource("Complaint Investigation", self.investigation.name), {"sid": sid})
		self.assertEqual(response.status_code, 403)

	def test_auditor_reads_everything_and_writes_nothing(self):
		names = self.visible(self.auditor)
		self.assertTrue({self.north.name, self.south.name, self.childrens.name} <= names)
		self.assertFalse(frappe.has_permission("Complaint", "write", self.north.name, user=self.auditor))
