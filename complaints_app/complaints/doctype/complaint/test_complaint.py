# Copyright (c) 2026, complaints_app contributors
# See license.txt

from datetime import date

import frappe
from frappe.tests.utils import FrappeTestCase

from complaints_app.complaints.errors import (
	ClosureError,
	ComplaintClosedError,
	EscalationWindowClosedError,
	NoNextStageError,
	ProcedureConfigError,
	SameHandlerError,
	StageNotRespondedError,
	TriageError,
)
from complaints_app.complaints.jobs import refresh_responded_complaints
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


class TestComplaintJourneys(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.officer = make_user("stage1.handler@example.com", "Complaints Officer")
		cls.reviewer = make_user("stage2.handler@example.com", "Complaints Officer")
		make_service_area("Waste and Recycling", manager=cls.officer)

	def test_lgsco_complaint_closed_at_stage_one_then_escalated_with_a_different_handler(self):
		complaint = make_complaint(procedure=LGSCO, service_area="Waste and Recycling")
		complaint.reload()
		self.assertRegex(complaint.name, r"^COMP-\d{4}-\d{5}$")
		self.assertEqual(complaint.status, "Open")
		self.assertEqual(complaint.current_stage_name, "Stage 1")

		stage1 = current_stage(complaint.name)
		self.assertEqual(stage1.handler, self.officer)
		self.assertEqual(stage1.workflow_state, "Open")
		# Received Fri 19 Dec 2025: acknowledge within 5 working days (29 Dec, over Christmas).
		self.assertEqual(stage1.acknowledgement_due, date(2025, 12, 30))
		# Until acknowledged the 10 working days run from receipt: 7 Jan 2026.
		self.assertEqual(stage1.response_due, date(2026, 1, 7))

		stage1.acknowledged_on = date(2025, 12, 22)
		stage1.save()
		self.assertTrue(stage1.acknowledged_in_time)
		# Code: response within 10 working days of acknowledgement (22 Dec -> 8 Jan).
		self.assertEqual(stage1.response_due, date(2026, 1, 8))

		respond(stage1, date(2026, 1, 8), "Partially upheld")
		self.assertEqual(stage1.workflow_state, "Responded")
		self.assertTrue(stage1.in_time_original)
		complaint.reload()
		# The Code sets no window to ask for stage 2: the case closes on the response ("closed at stage 1").
		self.assertEqual(complaint.status, "Closed")
		self.assertEqual(complaint.closed_on, date(2026, 1, 8))
		self.assertEqual(complaint.final_outcome, "Partially upheld")

		with self.assertRaises(SameHandlerError):
			complaint.escalate(handler=self.officer, requested_at="2026-01-20 09:00:00")
		with self.assertRaises(SameHandlerError):
			complaint.escalate(requested_at="2026-01-20 09:00:00")

		stage2 = complaint.escalate(handler=self.reviewer, requested_at="2026-01-20 09:00:00")
		self.assertEqual(stage2.stage_number, 2)
		self.assertEqual(stage2.stage_name, "Stage 2")
		self.assertEqual(stage2.acknowledgement_due, date(2026, 1, 27))
		self.assertEqual(stage2.response_due, date(2026, 2, 17))  # 20 wd from 20 Jan
		complaint.reload()
		self.assertEqual(complaint.current_stage, stage2.name)
		self.assertEqual(complaint.status, "Open")
		self.assertIsNone(complaint.closed_on)
		# Escalating closes nothing: stage 1 keeps its response.
		self.assertEqual(frappe.db.get_value("Complaint Stage", stage1.name, "workflow_state"), "Responded")

		stage2.handler = self.officer
		with self.assertRaises(SameHandlerError):
			stage2.save()

		stage2.reload()
		respond(stage2, date(2026, 2, 10), "Not upheld")
		complaint.reload()
		self.assertEqual(complaint.status, "Closed")
		with self.assertRaises(NoNextStageError):
			complaint.escalate(handler=self.officer)
		with self.assertRaises(ComplaintClosedError):
			complaint.close_with("Withdrawn", "The case is already closed")

	def test_responded_while_the_escalation_window_is_open(self):
		# A children's complaint received Mon 2 March 2026 and answered on Fri 13 March 2026.
		with self.freeze_time("2026-03-13 15:00:00"):
			complaint = make_complaint(procedure=CHILDRENS, received_at="2026-03-02 10:00:00")
			stage = respond(current_stage(complaint.name), date(2026, 3, 13), "Not upheld")
			complaint.reload()
			self.assertEqual(complaint.status, "Responded")
			self.assertIsNone(complaint.closed_on)
		# The complainant may ask for stage 2 within 20 working days of the response (England):
		# 16-20 Mar (5), 23-27 Mar (10), 30 Mar-2 Apr (14); not 3 Apr (Good Friday), 4-5 Apr (weekend)
		# or 6 Apr (Easter Monday); 7-10 Apr (18), 13 and 14 Apr (20): until Tuesday 14 April 2026.
		self.assertEqual(stage.escalation_deadline, date(2026, 4, 14))

		with self.freeze_time("2026-04-14 17:00:00"):
			self.assertEqual(refresh_responded_complaints()["failed"], 0)
			self.assertEqual(frappe.db.get_value("Complaint", complaint.name, "status"), "Responded")

		# The day after the window ends nobody has asked for stage 2: the daily job closes the case,
		# and a request made now is refused.
		with self.freeze_time("2026-04-15 09:00:00"):
			self.assertEqual(refresh_responded_complaints()["failed"], 0)
			self.assertEqual(frappe.db.get_value("Complaint", complaint.name, "status"), "Closed")
			complaint.reload()
			with self.assertRaises(EscalationWindowClosedError):
				complaint.escalate(handler=self.reviewer)
		self.assertEqual(frappe.db.count("Complaint Stage", {"complaint": complaint.name}), 1)

	def test_escalation_before_a_response_is_refused(self):
		complaint = make_complaint()
		complaint.reload()
		with self.assertRaises(StageNotRespondedError):
			complaint.escalate(handler=self.reviewer)
		self.assertEqual(frappe.db.count("Complaint Stage", {"complaint": complaint.name}), 1)

	def test_no_next_stage(self):
		complaint = make_complaint(procedure="Adult social care (statutory)")
		stage = current_stage(complaint.name)
		stage.agreed_response_date = date(2026, 2, 27)
		stage.save()
		respond(stage, date(2026, 2, 20), "Upheld")
		complaint.reload()
		self.assertEqual(complaint.status, "Closed")
		with self.assertRaises(NoNextStageError):
			complaint.escalate(handler=self.reviewer)

	def test_calendar_day_corporate_complaint(self):
		complaint = make_complaint(procedure=CALENDAR_DAYS)
		stage = current_stage(complaint.name)
		self.assertEqual(stage.response_target, "28 calendar days")
		self.assertEqual(stage.acknowledgement_due, date(2025, 12, 24))  # 3 working days
		self.assertEqual(stage.response_due, date(2026, 1, 16))  # 19 Dec + 28 days
		respond(stage, date(2026, 1, 19), "Upheld")
		self.assertFalse(stage.in_time_original)
		self.assertEqual(stage.clock_status, "Met late")

	def test_withdrawal_closes_the_case_and_its_open_stage(self):
		complaint = make_complaint()
		complaint.reload()
		complaint.close_with("Withdrawn", "Resolved with the crew directly")
		complaint.reload()
		self.assertEqual(complaint.status, "Withdrawn")
		self.assertEqual(complaint.final_outcome, "Withdrawn")
		self.assertEqual(
			frappe.db.get_value("Complaint Stage", complaint.current_stage, "workflow_state"), "Closed"
		)
		with self.assertRaises(ComplaintClosedError):
			complaint.close_with("Refused", "again")

	def test_closing_needs_a_closing_outcome_and_a_reason(self):
		complaint = make_complaint()
		complaint.reload()
		# Upheld is how a stage ends, not a way to close the case without one.
		with self.assertRaises(ClosureError):
			complaint.close_with("Upheld", "The crew admitted it")
		for reason in ("", "   ", None):
			with self.assertRaises(ClosureError, msg=repr(reason)):
				complaint.close_with("Withdrawn", reason)
		self.assertEqual(frappe.db.get_value("Complaint", complaint.name, "status"), "Open")
		self.assertEqual(
			frappe.db.get_value("Complaint Stage", complaint.current_stage, "workflow_state"), "Open"
		)

	def test_a_triage_flag_needs_its_reason(self):
		with self.assertRaises(TriageError):
			make_complaint(is_service_request=1)
		with self.assertRaises(TriageError):
			make_complaint(is_service_request=1, service_request_reason="  ")
		with self.assertRaises(TriageError):
			make_complaint(out_of_remit=1)
		complaint = make_complaint()
		complaint.reload()
		complaint.out_of_remit = 1
		with self.assertRaises(TriageError):
			complaint.save()

	def test_a_retired_procedure_takes_no_new_complaints_but_keeps_its_cases(self):
		existing = make_complaint(procedure=CALENDAR_DAYS)
		frappe.db.set_value("Complaint Procedure", CALENDAR_DAYS, "is_active", 0)
		try:
			with self.assertRaises(ProcedureConfigError):
				make_complaint(procedure=CALENDAR_DAYS)
			existing.reload()
			existing.desired_outcome = "An apology"
			existing.save()
		finally:
			frappe.db.set_value("Complaint Procedure", CALENDAR_DAYS, "is_active", 1)

	def test_service_request_opens_no_stage(self):
		complaint = make_complaint(
			is_service_request=1, service_request_reason="First report of a missed bin"
		)
		complaint.reload()
		self.assertEqual(complaint.status, "Service request")
		self.assertFalse(frappe.db.exists("Complaint Stage", {"complaint": complaint.name}))
