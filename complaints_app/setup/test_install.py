# Copyright (c) 2026, complaints_app contributors
# See license.txt
"""The wiring is real: these hold only on a site where complaints_app is installed."""

import frappe
from frappe.tests.utils import FrappeTestCase

from complaints_app.setup.defaults import PROCEDURES, ROLES, STAGE_ACTIONS, STAGE_WORKFLOW, THEMES


class TestInstalledApp(FrappeTestCase):
	def test_app_is_installed_with_its_module(self):
		self.assertIn("complaints_app", frappe.get_installed_apps())
		self.assertEqual(frappe.db.get_value("Module Def", "Complaints", "app_name"), "complaints_app")
		self.assertTrue(frappe.db.exists("Workspace", "Complaints"))

	def test_roles_and_workflow_fixtures_are_synced(self):
		for role in ROLES:
			self.assertTrue(frappe.db.exists("Role", role), role)
		workflow = frappe.get_doc("Workflow", STAGE_WORKFLOW)
		self.assertEqual(workflow.document_type, "Complaint Stage")
		self.assertTrue(workflow.is_active)
		self.assertEqual({t.action for t in workflow.transitions}, set(STAGE_ACTIONS))

	def test_scheduler_events_are_registered(self):
		daily = frappe.get_hooks("scheduler_events").get("daily", [])
		self.assertIn("complaints_app.complaints.jobs.refresh_open_stage_clocks", daily)
		self.assertTrue(
			frappe.db.exists(
				"Scheduled Job Type", {"method": "complaints_app.complaints.jobs.refresh_open_stage_clocks"}
			)
		)

	def test_defaults_exist_and_are_not_overwritten_by_migrate(self):
		from complaints_app.setup.install import ensure_defaults

		for theme in THEMES:
			self.assertTrue(frappe.db.exists("Complaint Theme", theme))
		for procedure in PROCEDURES:
			self.assertTrue(frappe.db.exists("Complaint Procedure", procedure["procedure_name"]))
		children = frappe.get_doc("Complaint Procedure", "Children's social care (statutory)")
		self.assertEqual([s.response_days for s in children.stages], [10, 25, 30])
		self.assertEqual([s.max_extension_days for s in children.stages], [10, 40, 0])
		self.assertEqual([r.role for r in children.access_roles], ["Children's Complaints Access"])

		children.stages[0].response_days = 12
		children.save()
		ensure_defaults()
		self.assertEqual(
			frappe.db.get_value("Complaint Procedure Stage", children.stages[0].name, "response_days"), 12
		)

	def test_email_account_can_create_complaints(self):
		meta = frappe.get_meta("Complaint")
		self.assertTrue(meta.email_append_to)
		self.assertEqual(meta.sender_field, "complainant_email")
		self.assertEqual(meta.subject_field, "subject")
