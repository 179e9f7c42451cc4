# Copyright (c) 2026, complaints_app contributors
# See license.txt

from datetime import date

import frappe
from frappe.model.workflow import apply_workflow
from frappe.tests.utils import FrappeTestCase
from frappe.utils import getdate, nowdate

from complaints_app.complaints.doctype.complaint_stage.complaint_stage import extend_stage
from complaints_app.complaints.errors import (
	AgreedDateError,
	ExtensionCapExceededError,
	ManualDueDateError,
	PauseError,
	ReviewPanelError,
)
from complaints_app.complaints.testing import (
	ADULTS,
	CALENDAR_DAYS,
	CHILDRENS,
	council_calendar,
	current_stage,
	make_complaint,
	make_user,
	respond,
)


def restore_first_stage_days(procedure: str, days: int) -> None:
	"""Procedures are cached outside the transaction a test rolls back: put the shipped value back."""
	doc = frappe.get_doc("Complaint Procedure", procedure)
	doc.stages[0].response_days = days
	doc.save()


class TestChildrensStatutoryJourney(FrappeTestCase):
	"""Stage 1 with an extension, stage 2 investigation from the agreed statement with a pause, stage 3 panel."""

	def test_three_stages(self):
		officer = make_user(
			"childrens.officer@example.com", "Complaints Officer", "Children's Complaints Access"
		)
		io = make_user("investigating.officer@example.com", "Investigating Officer")
		ip = make_user("independent.person@example.com", "Independent Person")
		complaint = make_complaint(
			procedure=CHILDRENS,
			subject="Contact arrangements",
			received_at="2026-01-05 10:00:00",
			on_behalf_of=1,
			person_affected="A child",
			relationship="Parent",
			consent="Parental responsibility",
			advocate_offered=1,
		)
		stage1 = current_stage(complaint.name)
		stage1.handler = officer
		stage1.save()
		self.assertEqual(stage1.stage_name, "Local resolution")
		self.assertEqual(stage1.response_due, date(2026, 1, 19))  # 10 working days

		extend_stage(stage1.name, 10, "Awaiting records from the school", complainant_informed=1)
		stage1.reload()
		self.assertEqual(stage1.original_response_due, date(2026, 1, 19))
		self.assertEqual(stage1.response_due, date(2026, 2, 2))  # extended to 20 working days
		self.assertEqual(stage1.extensions[0].agreed_by, frappe.session.user)
		with self.assertRaises(ExtensionCapExceededError):
			extend_stage(stage1.name, 1, "One more day")
		stage1.reload()
		self.assertEqual(len(stage1.extensions), 1)

		respond(stage1, date(2026, 1, 30), "Not upheld")
		self.assertFalse(stage1.in_time_original)
		self.assertTrue(stage1.in_time_extended)

		complaint.reload()
		stage2 = complaint.escalate(handler=io, requested_at="2026-02-02 09:00:00")
		self.assertEqual(stage2.stage_record, "Investigation")
		investigation = frappe.get_doc("Complaint Investigation", {"complaint_stage": stage2.name})
		# Until the statement is agreed the 25 working days count from the request.
		self.assertEqual(stage2.response_due, date(2026, 3, 9))

		investigation.investigating_officer = io
		investigation.io_appointed_on = date(2026, 2, 3)
		investigation.independent_person = ip
		investigation.ip_appointed_on = date(2026, 2, 3)
		investigation.statement_agreed_on = date(2026, 2, 16)
		investigation.append("points", {"point": "Contact was cancelled without notice", "finding": "Upheld"})
		investigation.save()
		stage2.reload()
		self.assertEqual(stage2.clock_start_date, date(2026, 2, 16))
		self.assertEqual(stage2.response_due, date(2026, 3, 23))

		# On hold 2-6 March (back on 9 March): five working days do not count.
		stage2.append(
			"pauses", {"from_date": date(2026, 3, 2), "to_date": date(2026, 3, 9), "reason": "Court hearing"}
		)
		stage2.save()
		self.assertEqual(stage2.response_due, date(2026, 3, 30))
		self.assertEqual(stage2.original_response_due, date(2026, 3, 30))

		investigation.reload()
		investigation.report_date = date(2026, 3, 20)
		investigation.adjudicating_officer = officer
		investigation.adjudication_date = date(2026, 3, 26)
		investigation.save()
		respond(stage2, date(2026, 3, 27), "Partially upheld")
		self.assertTrue(stage2.in_time_original)
		self.assertEqual(stage2.escalation_deadline, date(2026, 4, 28))  # 20 working days, over Easter

		complaint.reload()
		stage3 = complaint.escalate(handler="Administrator", requested_at="2026-04-13 11:00:00")
		panel = frappe.get_doc("Complaint Review Panel", {"complaint_stage": stage3.name})
		self.assertEqual(panel.request_date, date(2026, 4, 13))
		self.assertEqual(panel.panel_due, date(2026, 5, 27))  # 30 wd over both May bank holidays
		self.assertEqual(stage3.response_due, date(2026, 6, 24))  # 30 + 5 + 15 wd

		panel.append("members", {"member_name": "Pat Chair", "is_chair": 1})
		panel.append("members", {"member_name": "Sam Member"})
		with self.assertRaises(ReviewPanelError):
			panel.save()
		panel.reload()
		panel.append("members", {"member_name": "Pat Chair", "is_chair": 1})
		panel.append("members", {"member_name": "Sam Member"})
		panel.append("members", {"member_name": "Jo Member"})
		panel.panel_date = date(2026, 5, 20)
		panel.report_sent_on = date(2026, 5, 27)
		panel.investigation_adequate = "Yes"
		panel.save()
		self.assertEqual(panel.report_due, date(2026, 5, 28))
		self.assertEqual(panel.council_response_due, date(2026, 6, 17))

		respond(stage3, date(2026, 6, 16), "Partially upheld")
		complaint.reload()
		self.assertEqual(complaint.status, "Closed")
		self.assertEqual(complaint.final_outcome, "Partially upheld")
		self.assertEqual(frappe.db.count("Complaint Stage", {"complaint": complaint.name}), 3)


class TestStageClocks(FrappeTestCase):
	def test_adult_social_care_agreed_response_date(self):
		complaint = make_complaint(procedure=ADULTS, subject="Care package reduced")
		stage = current_stage(complaint.name)
		self.assertEqual(stage.acknowledgement_due, date(2025, 12, 24))  # 3 working days
		# No date agreed yet: the six-month limit stands in.
		self.assertEqual(stage.response_due, date(2026, 6, 19))
		stage.agreed_response_date = date(2026, 2, 27)
		stage.save()
		self.assertEqual(stage.response_due, date(2026, 2, 27))
		stage.agreed_response_date = date(2026, 7, 1)
		with self.assertRaises(AgreedDateError):
			stage.save()
		stage.reload()
		with self.assertRaises(ExtensionCapExceededError):
			extend_stage(stage.name, 5, "More time")

	def test_due_dates_cannot_be_typed(self):
		stage = current_stage(make_complaint().name)
		stage.response_due = date(2026, 3, 1)
		with self.assertRaises(ManualDueDateError):
			stage.save()
		stage.reload()
		stage.acknowledgement_due = date(2026, 3, 1)
		with self.assertRaises(ManualDueDateError):
			stage.save()

	def test_closure_days_move_running_stages(self):
		stage = current_stage(make_complaint().name)
		self.assertEqual(stage.response_due, date(2026, 1, 7))
		with council_calendar(closures=(date(2025, 12, 29), date(2025, 12, 30), date(2025, 12, 31))):
			stage.reload()
			self.assertEqual(stage.response_due, date(2026, 1, 12))
		stage.reload()
		self.assertEqual(stage.response_due, date(2026, 1, 7))

	def test_scotland_and_cut_off(self):
		with council_calendar(nation="Scotland", cutoff="16:00:00"):
			stage = current_stage(make_complaint(received_at="2025-12-31 16:30:00").name)
			# After the cut-off on 31 Dec: day 0 is Mon 5 Jan (1-2 Jan are Scottish holidays).
			self.assertEqual(stage.clock_start_date, date(2026, 1, 5))

	def test_hold_and_release_through_the_workflow(self):
		complaint = make_complaint(received_at=f"{nowdate()} 09:00:00")
		stage = current_stage(complaint.name)
		before = stage.response_due
		with self.assertRaises(PauseError):
			apply_workflow(stage, "Put on hold")
		stage.reload()
		stage.hold_reason = "Waiting for the complainant's photographs"
		stage.save()
		stage = apply_workflow(stage, "Put on hold")
		self.assertEqual(stage.workflow_state, "On hold")
		self.assertEqual(len(stage.pauses), 1)
		self.assertEqual(getdate(stage.pauses[0].from_date), getdate(nowdate()))
		self.assertIsNone(stage.pauses[0].to_date)
		self.assertIsNone(stage.response_due)
		self.assertEqual(stage.clock_status, "Paused")
		self.assertEqual(frappe.db.get_value("Complaint", complaint.name, "status"), "On hold")

		stage = apply_workflow(stage, "Take off hold")
		self.assertEqual(stage.workflow_state, "Open")
		self.assertEqual(getdate(stage.pauses[0].to_date), getdate(nowdate()))
		# Paused and released the same day: nothing was lost.
		self.assertEqual(stage.response_due, before)
		self.assertEqual(frappe.db.get_value("Complaint", complaint.name, "status"), "Open")
		comments = frappe.get_all(
			"Comment",
			filters={
				"reference_doctype": "Complaint Stage",
				"reference_name": stage.name,
				"comment_type": "Workflow",
			},
			pluck="content",
		)
		self.assertEqual(len(comments), 2)

	def test_a_procedure_edit_changes_only_stages_opened_after_it_unless_reapplied(self):
		from complaints_app.complaints.doctype.complaint_procedure.complaint_procedure import (
			count_stages_to_reapply,
			reapply_to_running_stages,
		)

		running = current_stage(make_complaint(procedure=CALENDAR_DAYS).name)
		self.assertEqual(running.response_due, date(2026, 1, 16))  # 19 Dec 2025 + 28 days
		procedure = frappe.get_doc("Complaint Procedure", CALENDAR_DAYS)
		self.addCleanup(restore_first_stage_days, CALENDAR_DAYS, procedure.stages[0].response_days)
		procedure.stages[0].response_days = 21
		procedure.save()

		running.reload()
		running.acknowledged_on = date(2025, 12, 22)
		running.save()  # a later save keeps the timescale the stage opened with
		self.assertEqual((running.response_days, running.response_target), (28, "28 calendar days"))
		self.assertEqual(running.response_due, date(2026, 1, 16))
		opened_after = current_stage(make_complaint(procedure=CALENDAR_DAYS).name)
		self.assertEqual(opened_after.response_target, "21 calendar days")
		self.assertEqual(opened_after.response_due, date(2026, 1, 9))

		# Reordering the procedure's stages does not remap the stage either.
		procedure.reload()
		procedure.stages.reverse()
		for idx, row in enumerate(procedure.stages, start=1):
			row.idx = idx
		procedure.stages[0].different_handler_required = 0
		procedure.save()
		running.reload()
		running.save()
		self.assertEqual((running.stage_name, running.response_due), ("Stage 1", date(2026, 1, 16)))
		procedure.reload()
		procedure.stages.reverse()
		for idx, row in enumerate(procedure.stages, start=1):
			row.idx = idx
		procedure.stages[1].different_handler_required = 1
		procedure.save()

		# Re-applying is explicit, counts what it will change first, and then changes exactly that.
		self.assertGreaterEqual(count_stages_to_reapply(CALENDAR_DAYS), 1)
		self.assertIn(running.name, procedure.stages_to_reapply())
		self.assertNotIn(opened_after.name, procedure.stages_to_reapply())
		changed = reapply_to_running_stages(CALENDAR_DAYS)
		self.assertGreaterEqual(changed, 1)
		running.reload()
		self.assertEqual(running.response_target, "21 calendar days")
		self.assertEqual(running.response_due, date(2026, 1, 9))  # counts from receipt: 19 Dec + 21 days
		self.assertEqual(count_stages_to_reapply(CALENDAR_DAYS), 0)

	def test_daily_job_survives_a_bad_record(self):
		from complaints_app.complaints.jobs import refresh_stage_clocks

		broken = current_stage(make_complaint(subject="Broken record").name)
		fine = current_stage(make_complaint(subject="Fine record").name)
		# A unit the SLA core does not know (a bad import, a hand-edited row).
		frappe.db.set_value("Complaint Stage", broken.name, "response_unit", "Fortnights")
		frappe.db.set_value("Complaint Stage", fine.name, "clock_status", "")
		errors_before = frappe.db.count("Error Log")
		counts = refresh_stage_clocks()
		self.assertEqual(counts["failed"], 1)
		self.assertGreaterEqual(counts["updated"], 1)
		self.assertTrue(frappe.db.get_value("Complaint Stage", fine.name, "clock_status"))
		self.assertEqual(frappe.db.count("Error Log"), errors_before + 1)

	def test_daily_job_is_idempotent(self):
		from complaints_app.complaints.jobs import refresh_stage_clocks

		make_complaint()
		refresh_stage_clocks()
		second = refresh_stage_clocks()
		self.assertGreater(second["checked"], 0)
		self.assertEqual(second["updated"], 0)
		self.assertEqual(second["failed"], 0)
