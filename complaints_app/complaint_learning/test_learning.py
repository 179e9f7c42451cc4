# Copyright (c) 2026, complaints_app contributors
# See license.txt
"""Learning actions as a council meets them, on named days of 2026 (England's calendar).

The Ombudsman case: an LGSCO complaint about missed bins (received Monday 2 June 2025) is upheld
by the Ombudsman on Monday 2 March 2026, with one recommendation due Wednesday 8 April 2026 (after
Good Friday 3 April and Easter Monday 6 April). Its learning action is overdue from Thursday
9 April, its owner and the area's Service Manager are told that morning, the due date moves to
Thursday 30 April, they are told again on Friday 1 May, it is completed on Tuesday 5 May, and the
annual report for 2026/27 lists it under the service improvements made.
"""

from __future__ import annotations

from contextlib import contextmanager
from datetime import date

import frappe
from frappe.tests.utils import FrappeTestCase

from complaints_app.alerts.rules import AlertKind
from complaints_app.alerts.testing import AlertTestMixin
from complaints_app.complaint_learning.doctype.learning_action.learning_action import new_learning_action
from complaints_app.complaint_learning.errors import (
	LearningCompletionError,
	LearningOwnerError,
	LearningSourceError,
)
from complaints_app.complaint_learning.install import ROOT_CAUSES, ensure_root_causes
from complaints_app.complaint_learning.jobs import refresh_overdue, run_daily
from complaints_app.complaint_learning.testing import (
	copy_procedure,
	make_learning_action,
	make_upheld_enquiry,
)
from complaints_app.complaints.testing import (
	CHILDRENS,
	LGSCO,
	children_case_at,
	current_stage,
	make_complaint,
	make_service_area,
	make_user,
	respond,
)

LEARNING_SETTINGS = {
	"nation": "England",
	"same_day_cutoff": None,
	"alert_learning_action": 1,
	"alert_new_case": 0,
	"alert_assignment": 0,
	"daily_digest": 0,
}
RECOMMENDATION = "Review how crews record a bin they could not empty, and tell the resident the same day."
EVIDENCE = "Crew handheld devices now require a photo and a reason; the resident gets a text (trial report, May 2026)."
OVERDUE = AlertKind.LEARNING_ACTION_OVERDUE.value


def overdue_alerts(action: str) -> list[tuple[str, date]]:
	"""(recipient, due date) of each overdue alert sent about ``action``, sorted."""
	rows = frappe.get_all(
		"Complaint Alert",
		filters={"reference_doctype": "Learning Action", "reference_name": action, "kind": OVERDUE},
		fields=["recipient", "due_date"],
	)
	return sorted((r.recipient, r.due_date) for r in rows)


def emails_about(action: str, recipient: str) -> int:
	emails = frappe.get_all(
		"Email Queue",
		filters={"reference_doctype": "Learning Action", "reference_name": action},
		pluck="name",
	)
	return frappe.db.count(
		"Email Queue Recipient", {"parent": ["in", emails or [""]], "recipient": recipient}
	)


class LearningTestCase(AlertTestMixin, FrappeTestCase):
	alert_settings = LEARNING_SETTINGS

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		run = cls.start_run()
		cls.north_manager = make_user(f"learning.north.{run}@example.com", "Service Manager")
		cls.south_manager = make_user(f"learning.south.{run}@example.com", "Service Manager")
		cls.officer = make_user(f"learning.officer.{run}@example.com", "Complaints Officer")
		cls.investigator = make_user(f"learning.io.{run}@example.com", "Investigating Officer")
		cls.north = make_service_area(f"Learning North {run}", manager=cls.north_manager)
		cls.south = make_service_area(f"Learning South {run}", manager=cls.south_manager)
		cls.procedure = copy_procedure(f"Learning LGSCO {run}")

	def setUp(self):
		super().setUp()
		frappe.db.savepoint("learning_test")
		self.addCleanup(frappe.db.rollback, save_point="learning_test")
		self.addCleanup(frappe.set_user, "Administrator")

	@contextmanager
	def on(self, day: str, at: str = "10:00:00.250000"):
		"""Do something on a named day; a fraction of a second, so a second save in it is not "modified meanwhile"."""
		with self.freeze_time(f"{day} {at}"):
			yield


class TestFromOmbudsmanRecommendationToAnnualReport(LearningTestCase):
	def test_overdue_alerted_completed_and_listed_in_the_annual_report(self):
		with self.on("2026-03-02"):
			complaint = make_complaint(
				procedure=self.procedure, service_area=self.north, received_at="2025-06-02 10:00:00"
			)
			enquiry = make_upheld_enquiry(complaint.name, (RECOMMENDATION, date(2026, 4, 8)))
			row = enquiry.recommendations[0]
			values = new_learning_action("Ombudsman Enquiry", enquiry.name, row.name)
		# The button's new action, filled in from the recommendation.
		self.assertEqual(
			(
				values.source_type,
				values.source_doctype,
				values.source_name,
				values.source_row,
				values.complaint,
				values.service_area,
				values.what_will_change,
				str(values.due_date),
			),
			(
				"Ombudsman recommendation",
				"Ombudsman Enquiry",
				enquiry.name,
				row.name,
				complaint.name,
				self.north,
				RECOMMENDATION,
				"2026-04-08",
			),
		)
		with self.on("2026-03-03"):
			action = frappe.get_doc(values)
			action.action_owner = self.officer
			action.insert()
		self.assertTrue(action.name.startswith("LA-2026-"), action.name)
		self.assertEqual((action.status, action.overdue, action.procedure), ("Open", 0, self.procedure))

		# Wednesday 8 April, the due date: not overdue, nobody told.
		with self.on("2026-04-08", "07:00:00"):
			run_daily()
		self.scan_on("2026-04-08")
		self.assertEqual(frappe.db.get_value("Learning Action", action.name, "overdue"), 0)
		self.assertEqual(overdue_alerts(action.name), [])

		# Thursday 9 April: overdue; the owner and North's Service Manager are told, once.
		with self.on("2026-04-09", "07:00:00"):
			run_daily()
			self.assertEqual(run_daily(), {"marked overdue": 0, "no longer overdue": 0})
		self.assertEqual(frappe.db.get_value("Learning Action", action.name, "overdue"), 1)
		self.scan_on("2026-04-09")
		told = [(self.officer, date(2026, 4, 8)), (self.north_manager, date(2026, 4, 8))]
		self.assertEqual(overdue_alerts(action.name), sorted(told))
		self.assertEqual(emails_about(action.name, self.officer), 1)
		self.assertEqual(emails_about(action.name, self.north_manager), 1)
		bell = frappe.get_all(
			"Notification Log",
			filters={"for_user": self.officer, "document_name": action.name},
			fields=["subject", "document_type"],
		)
		self.assertEqual(len(bell), 1)
		self.assertEqual(bell[0].document_type, "Learning Action")
		self.assertIn(f"Learning action {action.name} overdue since", bell[0].subject)
		self.assertIn("Review how crews record a bin", bell[0].subject)
		self.scan_on("2026-04-10")
		self.assertEqual(overdue_alerts(action.name), sorted(told))
		self.assertEqual(emails_about(action.name, self.officer), 1)

		# The due date moves to Thursday 30 April: told again on Friday 1 May, not before.
		with self.on("2026-04-10", "11:00:00"):
			action.reload()
			action.due_date = date(2026, 4, 30)
			action.save()
		self.assertEqual(action.overdue, 0)
		self.scan_on("2026-04-30")
		self.assertEqual(overdue_alerts(action.name), sorted(told))
		self.scan_on("2026-05-01")
		told += [(self.officer, date(2026, 4, 30)), (self.north_manager, date(2026, 4, 30))]
		self.assertEqual(overdue_alerts(action.name), sorted(told))

		# Completed on Tuesday 5 May (after the bank holiday): no more alerts.
		with self.on("2026-05-05", "15:00:00"):
			action.reload()
			action.status = "Completed"
			action.completed_on = date(2026, 5, 5)
			action.evidence = EVIDENCE
			action.save()
		self.assertEqual(action.overdue, 0)
		self.scan_on("2026-05-06")
		self.scan_on("2026-05-07")
		self.assertEqual(overdue_alerts(action.name), sorted(told))

		# The annual report for 2026/27 lists it; the one for 2025/26 does not.
		with self.on("2027-05-10"):
			report = self.annual_report("2026-04-01", "2027-03-31")
			earlier = self.annual_report("2025-04-01", "2026-03-31")
		self.assertEqual(
			[
				(r.improvement, r.service_area, r.completed_on, r.complaint, r.learning_action)
				for r in report.service_improvements
			],
			[(RECOMMENDATION, self.north, date(2026, 5, 5), complaint.name, action.name)],
		)
		self.assertEqual(earlier.service_improvements, [])
		html = frappe.get_print("Complaints Annual Report", report.name, "Complaints Annual Report")
		self.assertIn(RECOMMENDATION, html)
		self.assertIn(f"Learning action {action.name}", html)

	def annual_report(self, from_date: str, to_date: str):
		return frappe.get_doc(
			{
				"doctype": "Complaints Annual Report",
				"from_date": from_date,
				"to_date": to_date,
				"procedures": [{"procedure": self.procedure}],
			}
		).insert()


class TestAnnualReportImprovements(LearningTestCase):
	def test_refreshing_keeps_improvements_typed_by_hand_and_lists_actions_again(self):
		with self.on("2026-06-01"):
			complaint = make_complaint(
				procedure=self.procedure, service_area=self.south, received_at="2026-04-07 10:00:00"
			)
			report = frappe.get_doc(
				{
					"doctype": "Complaints Annual Report",
					"from_date": "2026-04-01",
					"to_date": "2027-03-31",
					"procedures": [{"procedure": self.procedure}],
					"service_improvements": [{"improvement": "A new complaints leaflet in Polish and Urdu."}],
				}
			).insert()
			self.assertEqual([r.learning_action for r in report.service_improvements], [None])
			first = make_learning_action(self.officer, self.south, complaint=complaint.name)
			second = make_learning_action(self.officer, self.south, complaint=complaint.name)
			open_one = make_learning_action(self.officer, self.south, complaint=complaint.name)
			for action, day in ((second, date(2026, 5, 20)), (first, date(2026, 5, 28))):
				action.reload()
				action.update({"status": "Completed", "completed_on": day, "evidence": EVIDENCE})
				action.save()
			report.reload()
			report.refresh_figures()
			report.save()
		self.assertEqual(
			[(r.improvement, r.learning_action, r.completed_on) for r in report.service_improvements],
			[
				("A new complaints leaflet in Polish and Urdu.", None, None),
				(second.what_will_change, second.name, date(2026, 5, 20)),
				(first.what_will_change, first.name, date(2026, 5, 28)),
			],
		)
		self.assertNotIn(open_one.name, [r.learning_action for r in report.service_improvements])
		# Refreshed again after one is reopened: it goes, the typed row stays.
		with self.on("2026-06-02"):
			first.reload()
			first.update({"status": "In progress", "completed_on": None})
			first.save()
			report.reload()
			report.refresh_figures()
			report.save()
		self.assertEqual([r.learning_action for r in report.service_improvements], [None, second.name])


class TestLearningActionRules(LearningTestCase):
	def test_completion_needs_a_date_not_in_the_future_and_evidence(self):
		with self.on("2026-05-05"):
			action = make_learning_action(self.officer, self.north)
			action.reload()
			action.status = "Completed"
			self.assertRaises(LearningCompletionError, action.save)  # no date
			action.completed_on = date(2026, 5, 6)  # tomorrow
			action.evidence = EVIDENCE
			self.assertRaises(LearningCompletionError, action.save)
			action.completed_on = date(2026, 5, 5)
			action.evidence = "   "
			self.assertRaises(LearningCompletionError, action.save)
			action.evidence = EVIDENCE
			action.save()
			action.status = "Open"  # reopened with its date still set
			self.assertRaises(LearningCompletionError, action.save)

	def test_the_source_belongs_to_the_complaint(self):
		with self.on("2026-03-02"):
			mine = make_complaint(procedure=LGSCO, service_area=self.north, received_at="2026-02-02 10:00:00")
			other = make_complaint(
				procedure=LGSCO, service_area=self.south, received_at="2026-02-03 10:00:00"
			)
			other_stage = current_stage(other.name)
			respond(other_stage, date(2026, 2, 16), "Upheld")
			with self.assertRaises(LearningSourceError):
				make_learning_action(
					self.officer,
					self.north,
					complaint=mine.name,
					source_type="Stage outcome",
					source_name=other_stage.name,
				)
			# Without a complaint given, the stage's complaint and area are taken.
			action = frappe.get_doc(
				{
					"doctype": "Learning Action",
					"source_type": "Stage outcome",
					"source_name": other_stage.name,
					"what_will_change": "Check the round sheet before closing a missed-bin report.",
					"action_owner": self.officer,
					"due_date": "2026-04-30",
				}
			).insert()
			self.assertEqual(
				(action.source_doctype, action.complaint, action.service_area),
				("Complaint Stage", other.name, self.south),
			)
			with self.assertRaises(
				frappe.LinkValidationError
			):  # "Could not find Source record: no such stage"
				make_learning_action(
					self.officer, self.north, source_type="Stage outcome", source_name="no such stage"
				)

	def test_an_ombudsman_recommendation_names_one_of_the_enquirys_rows(self):
		with self.on("2026-03-02"):
			complaint = make_complaint(
				procedure=LGSCO, service_area=self.north, received_at="2025-06-02 10:00:00"
			)
			enquiry = make_upheld_enquiry(complaint.name, (RECOMMENDATION, date(2026, 4, 8)))
			another = make_upheld_enquiry(complaint.name, ("Pay 150 pounds", date(2026, 4, 1)))
			base = {
				"complaint": complaint.name,
				"source_type": "Ombudsman recommendation",
				"source_name": enquiry.name,
			}
			with self.assertRaises(LearningSourceError):  # no row
				make_learning_action(self.officer, self.north, **base)
			with self.assertRaises(LearningSourceError):  # the other enquiry's row
				make_learning_action(
					self.officer, self.north, **base, source_row=another.recommendations[0].name
				)
			with self.assertRaises(LearningSourceError):
				new_learning_action("Ombudsman Enquiry", enquiry.name, another.recommendations[0].name)
			action = make_learning_action(
				self.officer, self.north, **base, source_row=enquiry.recommendations[0].name
			)
			self.assertEqual(action.source_row, enquiry.recommendations[0].name)

	def test_the_owner_must_be_able_to_open_and_update_the_action(self):
		with self.on("2026-03-02"):
			with self.assertRaises(LearningOwnerError):
				make_learning_action(self.investigator, self.north)
			action = make_learning_action(self.north_manager, self.north)
			self.assertEqual(action.action_owner, self.north_manager)

	def test_each_source_fills_in_a_new_action(self):
		with self.on("2026-03-02"):
			complaint = make_complaint(
				procedure=LGSCO, service_area=self.north, received_at="2026-02-02 10:00:00"
			)
			stage = current_stage(complaint.name)
			from_stage = new_learning_action("Complaint Stage", stage.name)
			self.assertEqual(
				(
					from_stage.source_type,
					from_stage.complaint,
					from_stage.service_area,
					from_stage.what_will_change,
				),
				("Stage outcome", complaint.name, self.north, None),
			)
			children, panel_stage = children_case_at(3)
			panel = frappe.get_doc("Complaint Review Panel", {"complaint_stage": panel_stage.name})
			frappe.db.set_value(
				"Complaint Review Panel", panel.name, "recommendations", "Meet the family before each review."
			)
			from_panel = new_learning_action("Complaint Review Panel", panel.name)
			self.assertEqual(
				(from_panel.source_type, from_panel.complaint, from_panel.what_will_change),
				("Review panel recommendation", children.name, "Meet the family before each review."),
			)
			investigation = frappe.get_doc("Complaint Investigation", {"complaint": children.name})
			investigation.append(
				"points",
				{
					"point": "Visits were cancelled",
					"finding": "Upheld",
					"recommendation": "Confirm visits in writing.",
				},
			)
			investigation.save()
			point = investigation.points[-1]
			from_point = new_learning_action("Complaint Investigation", investigation.name, point.name)
			self.assertEqual(
				(from_point.source_type, from_point.source_row, from_point.what_will_change),
				("Investigation recommendation", point.name, "Confirm visits in writing."),
			)
		# An officer without the children's access role may not open the stage, nor take an action from it.
		frappe.set_user(self.officer)
		with self.assertRaises(frappe.PermissionError):
			new_learning_action("Complaint Review Panel", panel.name)
		self.assertTrue(new_learning_action("Complaint Stage", stage.name).complaint)

	def test_the_daily_job_marks_and_clears_overdue_and_a_second_run_changes_nothing(self):
		with self.on("2026-04-01"):
			action = make_learning_action(self.officer, self.north)  # due Thursday 30 April
			done = make_learning_action(self.officer, self.north, due_date="2026-04-20")
			done.reload()
			done.update({"status": "Cancelled"})
			done.save()
		refresh_overdue(date(2026, 5, 1))
		self.assertEqual(frappe.db.get_value("Learning Action", action.name, "overdue"), 1)
		self.assertEqual(frappe.db.get_value("Learning Action", done.name, "overdue"), 0)
		self.assertEqual(refresh_overdue(date(2026, 5, 1)), {"marked overdue": 0, "no longer overdue": 0})
		cleared = refresh_overdue(date(2026, 4, 30))  # the due date itself: not overdue
		self.assertGreaterEqual(cleared["no longer overdue"], 1)
		self.assertEqual(frappe.db.get_value("Learning Action", action.name, "overdue"), 0)


class TestLearningActionPermissions(LearningTestCase):
	def test_a_service_manager_sees_their_areas_actions_and_those_they_own(self):
		with self.on("2026-03-02"):
			north = make_learning_action(self.officer, self.north)
			south = make_learning_action(self.officer, self.south)
			owned_in_south = make_learning_action(self.north_manager, self.south)
		ours = [north.name, south.name, owned_in_south.name]

		def listed(user: str) -> set[str]:
			frappe.set_user(user)
			try:
				return set(frappe.get_list("Learning Action", filters={"name": ["in", ours]}, pluck="name"))
			finally:
				frappe.set_user("Administrator")

		self.assertEqual(listed(self.north_manager), {north.name, owned_in_south.name})
		self.assertEqual(listed(self.south_manager), {south.name, owned_in_south.name})
		self.assertEqual(listed(self.officer), set(ours))
		for user, name, allowed in (
			(self.north_manager, north.name, True),
			(self.north_manager, owned_in_south.name, True),
			(self.north_manager, south.name, False),
			(self.south_manager, north.name, False),
		):
			for ptype in ("read", "write"):
				self.assertEqual(
					frappe.has_permission("Learning Action", ptype, doc=name, user=user),
					allowed,
					(user, name),
				)
		# Service Managers update actions but do not create them; an Investigating Officer has no access.
		self.assertFalse(frappe.has_permission("Learning Action", "create", user=self.north_manager))
		self.assertTrue(frappe.has_permission("Learning Action", "create", user=self.officer))
		self.assertFalse(frappe.has_permission("Learning Action", "read", user=self.investigator))

		frappe.set_user(self.north_manager)
		with self.on("2026-03-03"):
			mine = frappe.get_doc("Learning Action", north.name)
			mine.status = "In progress"
			mine.save()
			with self.assertRaises(frappe.PermissionError):
				frappe.get_doc("Learning Action", south.name).save()
		frappe.set_user("Administrator")
		self.assertEqual(frappe.db.get_value("Learning Action", north.name, "status"), "In progress")


class TestRootCauseDefaults(LearningTestCase):
	def test_the_shipped_root_causes_are_created_once_and_desk_edits_survive(self):
		ensure_root_causes()
		names = [name for name, _description in ROOT_CAUSES]
		self.assertEqual(frappe.db.count("Complaint Root Cause", {"name": ["in", names]}), len(names))
		self.assertIn("No service failure found", names)
		frappe.db.set_value("Complaint Root Cause", "Delay", "description", "Edited in desk.")
		frappe.delete_doc("Complaint Root Cause", "Record keeping", force=True)
		self.assertEqual(ensure_root_causes(), 1)  # only the deleted one comes back
		self.assertEqual(ensure_root_causes(), 0)
		self.assertEqual(
			frappe.db.get_value("Complaint Root Cause", "Delay", "description"), "Edited in desk."
		)
