# Copyright (c) 2026, complaints_app contributors
# See license.txt
"""The findings of issue 7, each as a council met it: moves, outcomes, counts, trees and stale values."""

from datetime import date

import frappe
import frappe.desk.form.assign_to
from frappe.tests.test_api import FrappeAPITestCase
from frappe.tests.utils import FrappeTestCase

from complaints_app.complaints.clocks import clock_policy
from complaints_app.complaints.doctype.ombudsman_enquiry.test_ombudsman_enquiry import make_enquiry
from complaints_app.complaints.errors import ProcedureConfigError, ProtectedFieldError
from complaints_app.complaints.jobs import refresh_ombudsman_compliance
from complaints_app.complaints.permissions import CASE_RECORD_DOCTYPES
from complaints_app.complaints.test_permissions import login
from complaints_app.complaints.testing import (
	CALENDAR_DAYS,
	CHILDRENS,
	LGSCO,
	children_case_at,
	council_calendar,
	current_stage,
	make_complaint,
	make_service_area,
	make_user,
	respond,
)


def visible(user: str, doctype: str) -> set[str]:
	frappe.set_user(user)
	try:
		return set(frappe.get_list(doctype, pluck="name", limit_page_length=0))
	finally:
		frappe.set_user("Administrator")


def readable(user: str, doctype: str, name: str) -> bool:
	return frappe.has_permission(doctype, "read", doc=name, user=user)


class TestMovingACase(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		run = frappe.generate_hash(length=6)
		cls.highways_manager = make_user(f"highways.{run}@example.com", "Service Manager")
		cls.waste_manager = make_user(f"waste.{run}@example.com", "Service Manager")
		cls.environment_manager = make_user(f"environment.{run}@example.com", "Service Manager")
		cls.highways = make_service_area(f"Highways {run}", manager=cls.highways_manager)
		cls.environment = make_service_area(f"Environment {run}", manager=cls.environment_manager)
		cls.waste = make_service_area(f"Waste {run}", parent=cls.environment)
		cls.bins = make_service_area(f"Bins {run}", manager=cls.waste_manager, parent=cls.waste)

	def test_moving_a_complaint_moves_every_record_that_copies_its_area(self):
		complaint, stage = children_case_at(3)
		complaint = frappe.get_doc("Complaint", complaint.name)
		complaint.service_area = self.highways
		complaint.save()
		enquiry = make_enquiry(complaint=complaint.name).insert()
		records = {
			"Complaint Stage": stage.name,
			"Complaint Investigation": frappe.db.get_value(
				"Complaint Investigation", {"complaint": complaint.name}
			),
			"Complaint Review Panel": frappe.db.get_value(
				"Complaint Review Panel", {"complaint": complaint.name}
			),
			"Ombudsman Enquiry": enquiry.name,
		}
		self.assertTrue(all(records.values()), records)

		complaint.reload()
		complaint.service_area = self.bins
		complaint.save()

		for doctype, name in records.items():
			self.assertEqual(
				frappe.db.get_value(doctype, name, ["service_area", "procedure"]),
				(self.bins, CHILDRENS),
				doctype,
			)
		self.assertEqual(
			frappe.db.get_value("Complaint Stage", f"{complaint.name}-1", "service_area"), self.bins
		)

	def test_managers_see_the_moved_case_and_its_stage_together(self):
		complaint = make_complaint(procedure=LGSCO, service_area=self.highways)
		stage = current_stage(complaint.name)
		self.assertTrue(readable(self.highways_manager, "Complaint Stage", stage.name))

		complaint.reload()
		complaint.service_area = self.bins
		complaint.save()

		for user, sees in ((self.highways_manager, False), (self.waste_manager, True)):
			self.assertEqual(readable(user, "Complaint", complaint.name), sees, user)
			self.assertEqual(readable(user, "Complaint Stage", stage.name), sees, user)
			self.assertEqual(complaint.name in visible(user, "Complaint"), sees, user)
			self.assertEqual(stage.name in visible(user, "Complaint Stage"), sees, user)

	def test_a_manager_sees_every_area_below_theirs(self):
		complaint = make_complaint(procedure=LGSCO, service_area=self.bins)  # two levels below Environment
		stage = current_stage(complaint.name)
		self.assertTrue(readable(self.environment_manager, "Complaint", complaint.name))
		self.assertIn(stage.name, visible(self.environment_manager, "Complaint Stage"))
		self.assertFalse(readable(self.highways_manager, "Complaint", complaint.name))
		# The leaf's manager does not see upwards.
		upper = make_complaint(procedure=LGSCO, service_area=self.environment)
		self.assertFalse(readable(self.waste_manager, "Complaint", upper.name))
		self.assertTrue(readable(self.environment_manager, "Complaint", upper.name))

	def test_the_tree_view_lists_the_areas_below_a_node(self):
		from complaints_app.complaints.doctype.complaint_service_area.complaint_service_area import (
			add_node,
			get_children,
		)

		below = get_children("Complaint Service Area", parent=self.environment)
		self.assertEqual([(n.value, n.expandable) for n in below], [(self.waste, 1)])
		roots = {n.value for n in get_children("Complaint Service Area", is_root=True)}
		self.assertIn(self.environment, roots)
		self.assertNotIn(self.waste, roots)
		added = add_node(service_area_name=f"Recycling {self.bins}", parent=self.waste, is_root="false")
		self.assertEqual(
			frappe.db.get_value("Complaint Service Area", added, "parent_service_area"), self.waste
		)

	def test_nobody_adds_a_record_to_a_case_they_may_not_see(self):
		corporate = make_user(f"corporate.{frappe.generate_hash(length=6)}@example.com", "Complaints Officer")
		childrens = make_complaint(procedure=CHILDRENS, service_area=self.bins)
		enquiry = frappe.get_doc(
			{"doctype": "Ombudsman Enquiry", "ombudsman": "LGSCO", "complaint": childrens.name}
		)
		self.assertFalse(frappe.has_permission("Ombudsman Enquiry", "create", doc=enquiry, user=corporate))
		self.assertTrue(
			frappe.has_permission("Ombudsman Enquiry", "create", doc=enquiry, user=self.environment_manager)
			is False  # a Service Manager may not create enquiries at all (role permissions)
		)
		open_case = make_complaint(procedure=LGSCO, service_area=self.bins)
		enquiry.complaint = open_case.name
		self.assertTrue(frappe.has_permission("Ombudsman Enquiry", "create", doc=enquiry, user=corporate))

	def test_a_complaint_can_change_procedure_only_while_stage_one_is_unanswered(self):
		complaint = make_complaint(procedure=LGSCO, service_area=self.highways)
		complaint.reload()
		complaint.procedure = CALENDAR_DAYS
		complaint.save()
		stage = current_stage(complaint.name)
		self.assertEqual(stage.procedure, CALENDAR_DAYS)
		self.assertEqual(stage.response_target, "28 calendar days")
		self.assertEqual(stage.response_due, date(2026, 1, 16))  # 19 Dec 2025 + 28 days

		respond(stage, date(2026, 1, 10), "Upheld")
		complaint.reload()
		complaint.procedure = LGSCO
		with self.assertRaises(ProcedureConfigError):
			complaint.save()


class TestOutcomes(FrappeTestCase):
	def test_an_open_complaint_has_no_final_outcome(self):
		complaint, stage2 = children_case_at(2)
		complaint.reload()
		self.assertEqual(complaint.status, "Open")
		self.assertEqual(complaint.current_stage_number, 2)
		self.assertFalse(complaint.final_outcome)
		self.assertEqual(complaint.latest_outcome, "Not upheld")  # stage 1's, labelled as such

		with self.freeze_time("2026-03-23 10:00:00"):
			respond(stage2, date(2026, 3, 20), "Partially upheld")
			complaint.reload()
		self.assertEqual(complaint.status, "Responded")  # 20 working days to ask for the panel
		self.assertFalse(complaint.final_outcome)
		self.assertEqual(complaint.latest_outcome, "Partially upheld")

	def test_a_closed_complaint_has_the_last_stage_outcome(self):
		complaint = make_complaint(procedure=LGSCO)
		respond(current_stage(complaint.name), date(2026, 1, 7), "Upheld")
		complaint.reload()
		self.assertEqual((complaint.status, complaint.final_outcome), ("Closed", "Upheld"))

	def test_a_new_complaint_does_not_take_outcomes_or_closure_from_its_input(self):
		complaint = make_complaint(
			final_outcome="Withdrawn", closure_reason="typed", closed_on="2026-01-01", status="Closed"
		)
		complaint.reload()
		self.assertEqual(complaint.status, "Open")
		self.assertFalse(complaint.final_outcome or complaint.closure_reason or complaint.closed_on)


class TestCountsNeedPermission(FrappeAPITestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		run = frappe.generate_hash(length=6)
		cls.public = f"resident.{run}@example.com"
		frappe.get_doc(
			{
				"doctype": "User",
				"email": cls.public,
				"first_name": "Ellie",
				"user_type": "Website User",
				"send_welcome_email": 0,
			}
		).insert(ignore_permissions=True)
		cls.area_manager = make_user(f"counted.{run}@example.com", "Service Manager")
		cls.area = make_service_area(f"Counted {run}", manager=cls.area_manager)
		cls.mine = make_complaint(complainant_name="Ellie Mine", service_area=cls.area)
		cls.other = make_complaint(complainant_name="Ellie Other", service_area=None)
		for complaint in (cls.mine, cls.other):
			current_stage(complaint.name).add_extension(5, f"Extension on {complaint.complainant_name}")
		frappe.db.commit()

	@classmethod
	def tearDownClass(cls):
		frappe.set_user("Administrator")
		for name in (cls.mine.name, cls.other.name):
			for doctype in CASE_RECORD_DOCTYPES:
				for record in frappe.get_all(doctype, {"complaint": name}, pluck="name"):
					frappe.delete_doc(doctype, record, force=True, ignore_permissions=True)
			frappe.delete_doc("Complaint", name, force=True, ignore_permissions=True)
		frappe.delete_doc("Complaint Service Area", cls.area, force=True, ignore_permissions=True)
		frappe.db.delete("ToDo", {"reference_name": ["in", [cls.mine.name, cls.other.name]]})
		for user in (cls.public, cls.area_manager):
			frappe.db.delete("Sessions", {"user": user})
			frappe.delete_doc("User", user, force=True, ignore_permissions=True)
		frappe.db.commit()
		super().tearDownClass()

	def count(self, sid: str, doctype: str, filters=None):
		return self.get(
			self.method("frappe.client.get_count"),
			{"sid": sid, "doctype": doctype, "filters": frappe.as_json(filters or {})},
		)

	def test_a_website_user_cannot_count_cases(self):
		sid = login(self.public)
		for doctype in ("Complaint", *CASE_RECORD_DOCTYPES):
			response = self.count(
				sid, doctype, [["complainant_name", "like", "Ellie%"]] if doctype == "Complaint" else None
			)
			self.assertEqual(response.status_code, 403, (doctype, response.json))

	def test_a_service_manager_counts_only_their_areas(self):
		sid = login(self.area_manager)
		ellies = [["complainant_name", "like", "Ellie%"]]
		response = self.count(sid, "Complaint", ellies)
		self.assertEqual(response.status_code, 200)
		self.assertEqual(response.json["message"], 1)
		self.assertEqual(self.count(sid, "Complaint Stage").json["message"], 1)
		# Other doctypes keep Frappe's own count.
		self.assertEqual(self.count(sid, "ToDo").status_code, 200)

	def test_link_search_cannot_skip_the_record_rule(self):
		sid = login(self.area_manager)
		response = self.get(
			self.method("frappe.desk.search.search_link"),
			{
				"sid": sid,
				"doctype": "Complaint",
				"txt": "",
				"ignore_user_permissions": 1,
				"page_length": 1000,
			},
		)
		self.assertEqual(response.status_code, 200)
		found = {row["value"] for row in response.json["message"]}
		self.assertIn(self.mine.name, found)
		self.assertNotIn(self.other.name, found)
		widget = self.get(
			self.method("frappe.desk.search.search_widget"),
			{
				"sid": sid,
				"doctype": "Complaint",
				"txt": "",
				"ignore_user_permissions": 1,
				"page_length": 1000,
			},
		)
		self.assertNotIn(self.other.name, {row[0] for row in widget.json["message"]})

	def test_child_rows_follow_their_parent(self):
		sid = login(self.area_manager)
		response = self.get(
			self.resource("Complaint Stage Extension"),
			{
				"sid": sid,
				"parent": "Complaint Stage",
				"fields": '["reason", "parent"]',
				"limit_page_length": 0,
			},
		)
		self.assertEqual(response.status_code, 200)
		reasons = {row["reason"] for row in response.json["data"]}
		self.assertIn("Extension on Ellie Mine", reasons)
		self.assertNotIn("Extension on Ellie Other", reasons)

	def test_assignment_counts_need_permission(self):
		frappe.desk.form.assign_to.add(
			{"assign_to": ["Administrator"], "doctype": "Complaint", "name": self.other.name}
		)
		frappe.db.commit()
		public = self.get(
			self.method("frappe.desk.listview.get_group_by_count"),
			{
				"sid": login(self.public),
				"doctype": "Complaint",
				"current_filters": "[]",
				"field": "assigned_to",
			},
		)
		self.assertEqual(public.status_code, 403)
		manager = self.get(
			self.method("frappe.desk.listview.get_group_by_count"),
			{
				"sid": login(self.area_manager),
				"doctype": "Complaint",
				"current_filters": "[]",
				"field": "assigned_to",
			},
		)
		self.assertEqual(manager.status_code, 200)
		self.assertEqual(manager.json["message"], [])  # the assigned case is not theirs


class TestValuesTheAppSets(FrappeTestCase):
	def test_a_stages_timescales_cannot_be_changed_by_hand(self):
		stage = current_stage(make_complaint().name)
		stage.response_days = 100
		with self.assertRaises(ProtectedFieldError):
			stage.save()
		stage.reload()
		stage.acknowledged_on = date(2025, 12, 22)
		stage.save()  # the rest of the stage stays editable
		self.assertEqual(stage.response_days, 10)

	def test_the_install_time_is_not_a_cut_off(self):
		from complaints_app.patches.v0.clear_install_time_cutoff import execute

		with council_calendar(cutoff="20:52:56.182813"):
			execute()
			self.assertFalse(frappe.db.get_single_value("Complaints Settings", "same_day_cutoff"))
			self.assertIsNone(clock_policy().cutoff)
		with council_calendar(cutoff="17:00:00"):
			execute()
			self.assertEqual(
				str(frappe.db.get_single_value("Complaints Settings", "same_day_cutoff")), "17:00:00"
			)


class TestValuesThatDependOnTime(FrappeTestCase):
	def test_the_daily_job_marks_recommendations_overdue(self):
		enquiry = make_enquiry(decision="Upheld: maladministration and injustice")
		enquiry.append("recommendations", {"recommendation": "Apologise", "due_date": date(2026, 3, 2)})
		with self.freeze_time("2026-02-20 09:00:00"):
			enquiry.insert()
		self.assertEqual(enquiry.complied, "Pending")
		self.assertFalse(enquiry.recommendations[0].overdue)

		with self.freeze_time("2026-03-02 09:00:00"):  # due today: not overdue yet
			refresh_ombudsman_compliance()
		self.assertEqual(frappe.db.get_value("Ombudsman Enquiry", enquiry.name, "complied"), "Pending")
		with self.freeze_time("2026-03-03 09:00:00"):
			counts = refresh_ombudsman_compliance()
			again = refresh_ombudsman_compliance()
		self.assertGreaterEqual(counts["updated"], 1)
		self.assertEqual(again["updated"], 0)
		enquiry.reload()
		self.assertEqual(enquiry.complied, "Not complied")
		self.assertTrue(enquiry.recommendations[0].overdue)

	def test_closure_days_move_review_panel_due_dates(self):
		_complaint, stage = children_case_at(3)
		panel = frappe.get_doc("Complaint Review Panel", {"complaint_stage": stage.name})
		self.assertEqual(panel.panel_due, date(2026, 4, 15))  # 30 wd from 2 March 2026, over Easter
		with council_calendar(closures=(date(2026, 3, 16), date(2026, 3, 17))):
			self.assertEqual(
				frappe.db.get_value("Complaint Review Panel", panel.name, "panel_due"), date(2026, 4, 17)
			)
		self.assertEqual(
			frappe.db.get_value("Complaint Review Panel", panel.name, "panel_due"), date(2026, 4, 15)
		)


class TestIndexes(FrappeTestCase):
	def test_filtered_columns_are_indexed(self):
		expected = {
			"Complaint": {"status", "service_area", "procedure", "received_at"},
			"Complaint Stage": {"complaint", "workflow_state", "service_area", "procedure"},
			"Complaint Investigation": {"investigating_officer", "independent_person", "complaint"},
			"Complaint Review Panel": {"complaint", "service_area", "procedure"},
			"Complaint Panel Member": {"user"},
			"Ombudsman Enquiry": {"complaint", "service_area", "procedure"},
			"Complaint Service Area": {"manager", "lft", "rgt"},
		}
		for doctype, columns in expected.items():
			indexed = {
				row.Column_name for row in frappe.db.sql(f"show index from `tab{doctype}`", as_dict=True)
			}
			self.assertLessEqual(columns, indexed, doctype)
		composite = frappe.db.sql("show index from `tabComplaint Stage`", as_dict=True)
		by_key: dict[str, list[str]] = {}
		for row in composite:
			by_key.setdefault(row.Key_name, []).append(row.Column_name)
		self.assertIn(["complaint", "stage_number"], list(by_key.values()))
