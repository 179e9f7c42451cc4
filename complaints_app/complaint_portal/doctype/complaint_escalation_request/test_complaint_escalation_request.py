# Copyright (c) 2026, complaints_app contributors
# See license.txt

from datetime import date

import frappe
from frappe.tests.utils import FrappeTestCase

from complaints_app.complaint_portal.doctype.complaint_escalation_request.complaint_escalation_request import (
	EscalationRequestError,
)
from complaints_app.complaints.testing import current_stage, make_complaint, make_user, respond


class TestEscalationRequest(FrappeTestCase):
	"""Staff decide on a request the portal could not open by itself (the next stage needs a new handler)."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.stage_2_handler = make_user("stage2.handler@example.com", "Complaints Officer")

	def request(self):
		complaint = make_complaint(received_at="2026-03-02 10:00:00")
		stage = current_stage(complaint.name)
		stage.acknowledged_on = "2026-03-03"
		stage.save()
		respond(stage, date(2026, 3, 10), "Not upheld")
		request = frappe.get_doc(
			{
				"doctype": "Complaint Escalation Request",
				"complaint": complaint.name,
				"from_stage": stage.name,
				"requested_at": "2026-03-12 09:00:00",
				"reasons": "The answer missed the point.",
			}
		).insert(ignore_permissions=True)
		return request

	def test_accepting_opens_the_next_stage_with_the_chosen_handler(self):
		request = self.request()
		self.assertEqual(request.procedure, frappe.db.get_value("Complaint", request.complaint, "procedure"))
		request.status = "Accepted"
		with self.assertRaisesRegex(EscalationRequestError, "Choose who handles"):
			request.save()
		request.reload()  # a refused save leaves the form to be reloaded, as desk does
		request.status, request.handler = "Accepted", self.stage_2_handler
		request.save()
		stage = frappe.get_doc("Complaint Stage", request.opened_stage)
		self.assertEqual((stage.stage_number, stage.handler), (2, self.stage_2_handler))
		self.assertEqual(str(stage.event_at), "2026-03-12 09:00:00")
		self.assertEqual(request.decided_by, "Administrator")

	def test_refusing_needs_a_reason_and_a_decision_is_final(self):
		request = self.request()
		request.status = "Refused"
		with self.assertRaisesRegex(EscalationRequestError, "Say why"):
			request.save()
		request.reload()
		request.status, request.decision_reason = "Refused", "Asked after the window closed."
		request.save()
		request.reload()
		request.status, request.handler = "Accepted", self.stage_2_handler
		with self.assertRaisesRegex(EscalationRequestError, "already refused"):
			request.save()
