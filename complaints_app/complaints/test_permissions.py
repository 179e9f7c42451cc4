# Copyright (c) 2026, complaints_app contributors
# See license.txt
"""Record permissions as staff meet them: lists, forms and REST."""

import frappe
from frappe.auth import CookieManager, LoginManager
from frappe.tests.test_api import FrappeAPITestCase
from frappe.utils import set_request
from frappe.utils.password import update_password

from complaints_app.complaints.testing import CHILDRENS, LGSCO, make_complaint, make_service_area, make_user

PASSWORD = "Complaints-Test-Pw-2026!"


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


class TestRecordPermissions(FrappeAPITestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		cls.north_manager = make_user("north.manager@example.com", "Service Manager")
		cls.south_manager = make_user("south.manager@example.com", "Service Manager")
		cls.corporate_officer = make_user("corporate.officer@example.com", "Complaints Officer")
		cls.childrens_officer = make_user(
			"childrens.only@example.com", "Complaints Officer", "Children's Complaints Access"
		)
		# Fresh officers each run: this suite commits, so earlier runs' assignments persist.
		run = frappe.generate_hash(length=6)
		cls.io_one = make_user(f"io.one.{run}@example.com", "Investigating Officer")
		cls.io_two = make_user(f"io.two.{run}@example.com", "Investigating Officer")
		cls.auditor = make_user("auditor@example.com", "Complaints Auditor")
		make_service_area("North Locality", manager=cls.north_manager)
		make_service_area("South Locality", manager=cls.south_manager)
		cls.north = make_complaint(subject="North pothole", service_area="North Locality")
		cls.south = make_complaint(subject="South pothole", service_area="South Locality")
		cls.childrens = make_complaint(
			procedure=CHILDRENS, subject="Foster placement", service_area="North Locality"
		)
		cls.investigation = cls.make_investigation(cls.io_one)
		frappe.db.commit()

	@classmethod
	def make_investigation(cls, officer):
		complaint = make_complaint(procedure=CHILDRENS, subject="Investigated case")
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
