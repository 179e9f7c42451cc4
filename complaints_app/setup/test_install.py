# Copyright (c) 2026, complaints_app contributors
# See license.txt
"""What an administrator changes in desk survives `bench migrate`; the way back is explicit."""

from unittest.mock import patch

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils.fixtures import sync_fixtures

from complaints_app.setup.defaults import DEFAULT_PROCEDURE, STAGE_WORKFLOW
from complaints_app.setup.install import after_migrate, restore_default_workflow

CHILDRENS = "Children's social care (statutory)"


def run_migrate_hooks() -> None:
	"""What `bench migrate` runs for this app after syncing doctypes: fixtures, then after_migrate.

	sync_fixtures commits; inside a test that would keep this test's edits for every later test,
	so the commit is held back and the test's transaction rolls back as usual.
	"""
	with patch.object(frappe.db, "commit", lambda *args, **kwargs: None):
		sync_fixtures("complaints_app")
		after_migrate()


def transitions(workflow: str) -> set[tuple[str, str, str, str]]:
	doc = frappe.get_doc("Workflow", workflow)
	return {(t.state, t.action, t.next_state, t.allowed) for t in doc.transitions}


class TestMigrateKeepsDeskEdits(FrappeTestCase):
	def test_workflow_role_and_procedure_edits_survive_migrate(self):
		workflow = frappe.get_doc("Workflow", STAGE_WORKFLOW)
		hold = next(t for t in workflow.transitions if t.action == "Put on hold")
		hold.allowed = "System Manager"
		workflow.append(
			"transitions",
			{
				"state": "Responded",
				"action": "Close stage",
				"next_state": "Closed",
				"allowed": "Complaints Auditor",
				"allow_self_approval": 1,
			},
		)
		workflow.save()
		edited = transitions(STAGE_WORKFLOW)

		auditor = frappe.get_doc("Role", "Complaints Auditor")
		auditor.two_factor_auth = 1
		auditor.save()

		procedure = frappe.get_doc("Complaint Procedure", CHILDRENS)
		procedure.stages[0].response_days = 12
		procedure.save()
		self.addCleanup(self.restore_procedure)

		run_migrate_hooks()

		self.assertEqual(transitions(STAGE_WORKFLOW), edited)
		self.assertIn(("Open", "Put on hold", "On hold", "System Manager"), edited)
		self.assertIn(("Responded", "Close stage", "Closed", "Complaints Auditor"), edited)
		self.assertEqual(frappe.db.get_value("Role", "Complaints Auditor", "two_factor_auth"), 1)
		self.assertEqual(
			frappe.db.get_value("Complaint Procedure Stage", procedure.stages[0].name, "response_days"), 12
		)

	def restore_procedure(self) -> None:
		procedure = frappe.get_doc("Complaint Procedure", CHILDRENS)
		procedure.stages[0].response_days = 10
		procedure.save()

	def test_a_councils_own_workflow_state_is_not_overwritten(self):
		state = frappe.get_doc("Workflow State", "Open")
		state.style = "Danger"
		state.icon = "flag"
		state.save()
		run_migrate_hooks()
		self.assertEqual(frappe.db.get_value("Workflow State", "Open", ["style", "icon"]), ("Danger", "flag"))

	def test_missing_records_are_created_again(self):
		frappe.delete_doc("Workflow", STAGE_WORKFLOW, force=True, ignore_permissions=True)
		self.assertFalse(frappe.db.exists("Workflow", STAGE_WORKFLOW))
		run_migrate_hooks()
		workflow = frappe.get_doc("Workflow", STAGE_WORKFLOW)
		self.assertEqual(workflow.document_type, "Complaint Stage")
		self.assertIn(("Open", "Put on hold", "On hold", "Complaints Manager"), transitions(STAGE_WORKFLOW))

	def test_restore_the_default_workflow_is_explicit(self):
		workflow = frappe.get_doc("Workflow", STAGE_WORKFLOW)
		workflow.transitions = [t for t in workflow.transitions if t.action != "Take off hold"]
		workflow.save()
		self.assertNotIn("Take off hold", {t[1] for t in transitions(STAGE_WORKFLOW)})

		restore_default_workflow()
		restored = transitions(STAGE_WORKFLOW)
		self.assertIn(("On hold", "Take off hold", "Open", "Complaints Manager"), restored)

		frappe.set_user("Guest")
		try:
			with self.assertRaises(frappe.PermissionError):
				restore_default_workflow()
		finally:
			frappe.set_user("Administrator")

	def test_a_new_site_has_no_same_day_cut_off(self):
		"""Frappe fills a new document's Time fields with the time of day; the install must not keep it."""
		singles = frappe.qb.Table("tabSingles")
		frappe.qb.from_(singles).delete().where(singles.doctype == "Complaints Settings").run()
		frappe.clear_document_cache("Complaints Settings", "Complaints Settings")
		self.addCleanup(frappe.clear_document_cache, "Complaints Settings", "Complaints Settings")
		with self.freeze_time("2026-11-25 20:52:56"):
			run_migrate_hooks()
		settings = frappe.get_single("Complaints Settings")
		self.assertEqual((settings.nation, settings.default_procedure), ("England", DEFAULT_PROCEDURE))
		self.assertFalse(settings.same_day_cutoff)
