# Copyright (c) 2026, complaints_app contributors
# See license.txt
"""Staff alerts as a handler meets them, on the Christmas 2025 case, with the clock moved by freeze_time.

The stage: an LGSCO complaint received Friday 19 December 2025 at 10:00, not acknowledged, so its
10 working days run from receipt: 22, 23, 24, 29, 30, 31 Dec, 2, 5, 6, 7 Jan, due Wednesday
7 January 2026. With "due soon" at 2 working days the due-soon day is Monday 5 January (6 and
7 January remain), due today is 7 January, overdue from Thursday 8 January, and 5 working days
overdue on Wednesday 14 January (8, 9, 12, 13, 14).
"""

from datetime import date

import frappe
from frappe.tests.utils import FrappeTestCase, change_settings

from complaints_app.alerts import sender
from complaints_app.alerts.rules import AlertKind
from complaints_app.alerts.testing import AlertTestMixin
from complaints_app.complaints.jobs import run_daily
from complaints_app.complaints.testing import (
	CHILDRENS,
	CHRISTMAS_2025,
	LGSCO,
	current_stage,
	make_complaint,
	make_service_area,
	make_user,
)

ALERT_SETTINGS = {
	"due_soon_days": 2,
	"escalate_after_days": 5,
	"alert_new_case": 1,
	"alert_assignment": 1,
	"alert_acknowledgement": 1,
	"alert_due_soon": 1,
	"alert_due_today": 1,
	"alert_overdue": 1,
	"alert_escalation": 1,
	"daily_digest": 1,
}


def alerts_for(reference: str, kind: AlertKind | None = None) -> list[frappe._dict]:
	filters = {"reference_name": reference}
	if kind:
		filters["kind"] = kind.value
	return frappe.get_all(
		"Complaint Alert",
		filters=filters,
		fields=["kind", "recipient", "due_date", "notification"],
		order_by="creation",
	)


def emails_to(user: str, subject_contains: str) -> int:
	return frappe.db.count(
		"Email Queue", {"message": ["like", f"%{subject_contains}%"], "name": ["in", queued_for(user)]}
	)


def queued_for(user: str) -> list[str]:
	return frappe.get_all("Email Queue Recipient", filters={"recipient": user}, pluck="parent") or [""]


class AlertTestCase(AlertTestMixin, FrappeTestCase):
	alert_settings = ALERT_SETTINGS

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		run = frappe.generate_hash(length=6)
		cls.handler = make_user(f"handler.{run}@example.com", "Service Manager")
		cls.other_handler = make_user(f"other.handler.{run}@example.com", "Complaints Officer")
		cls.manager = make_user(f"complaints.manager.{run}@example.com", "Complaints Manager")
		cls.queue_member = make_user(f"queue.{run}@example.com", "Complaints Officer")
		cls.area = make_service_area(f"Waste {run}", manager=cls.handler)
		area = frappe.get_doc("Complaint Service Area", cls.area)
		area.append("alert_recipients", {"user": cls.queue_member})
		area.save()
		cls.queue_email_without_sending(run)

	def christmas_stage(self, **overrides):
		values = {"procedure": LGSCO, "service_area": self.area, "received_at": CHRISTMAS_2025, **overrides}
		complaint = make_complaint(**values)
		return current_stage(complaint.name)


class TestStageAlerts(AlertTestCase):
	def test_the_christmas_stage_alerts_once_on_each_day_that_matters(self):
		stage = self.christmas_stage()
		self.assertEqual(stage.response_due, date(2026, 1, 7))
		response_kinds = (AlertKind.DUE_SOON, AlertKind.DUE_TODAY, AlertKind.OVERDUE, AlertKind.ESCALATION)

		def response_alerts():
			return [a for a in alerts_for(stage.name) if a.kind in {k.value for k in response_kinds}]

		self.scan_on("2026-01-02")  # three working days left: on track
		self.assertEqual(response_alerts(), [])

		self.scan_on("2026-01-05")
		soon = alerts_for(stage.name, AlertKind.DUE_SOON)
		self.assertEqual([(a.recipient, a.due_date) for a in soon], [(self.handler, date(2026, 1, 7))])
		bell = frappe.get_doc("Notification Log", soon[0].notification)
		self.assertEqual((bell.for_user, bell.document_name), (self.handler, stage.name))
		self.assertIn("response due on", bell.subject)
		self.assertEqual(emails_to(self.handler, f"{stage.complaint}, Stage 1: response due on"), 1)

		self.scan_on("2026-01-05")  # the same day again: nothing new
		self.scan_on("2026-01-06")  # still due soon: already told
		self.assertEqual(len(response_alerts()), 1)

		self.scan_on("2026-01-07")
		self.assertEqual([a.recipient for a in alerts_for(stage.name, AlertKind.DUE_TODAY)], [self.handler])
		self.scan_on("2026-01-08")
		self.assertEqual([a.recipient for a in alerts_for(stage.name, AlertKind.OVERDUE)], [self.handler])
		self.scan_on("2026-01-13")  # 4 working days overdue: not yet escalated
		self.assertEqual(alerts_for(stage.name, AlertKind.ESCALATION), [])
		self.scan_on("2026-01-14")
		escalated = {a.recipient for a in alerts_for(stage.name, AlertKind.ESCALATION)}
		self.assertIn(self.handler, escalated)  # the area's manager
		self.assertIn(self.manager, escalated)  # every Complaints Manager
		self.assertNotIn(self.other_handler, escalated)
		self.scan_on("2026-01-15")
		self.assertEqual(
			[a.kind for a in response_alerts()],
			[k.value for k in response_kinds[:3]] + [AlertKind.ESCALATION.value] * len(escalated),
		)

	def test_an_extension_makes_due_soon_due_again_and_a_pause_stops_breach_alerts(self):
		stage = self.christmas_stage()
		self.scan_on("2026-01-05")
		self.assertEqual(len(alerts_for(stage.name, AlertKind.DUE_SOON)), 1)
		with self.freeze_time("2026-01-05 09:00:00"):
			stage.reload()
			stage.add_extension(5, "Waiting for the contractor's records")
		self.assertEqual(stage.response_due, date(2026, 1, 14))
		self.scan_on("2026-01-12")  # 13 and 14 January remain
		soon = alerts_for(stage.name, AlertKind.DUE_SOON)
		self.assertEqual([a.due_date for a in soon], [date(2026, 1, 7), date(2026, 1, 14)])

		with self.freeze_time("2026-01-13 09:00:00"):
			stage.reload()
			stage.hold_reason = "Court case"
			stage.workflow_state = "On hold"
			stage.save()
		for day in ("2026-01-14", "2026-01-15", "2026-01-26"):
			self.scan_on(day)
		self.assertEqual(alerts_for(stage.name, AlertKind.DUE_TODAY), [])
		self.assertEqual(alerts_for(stage.name, AlertKind.OVERDUE), [])

	def test_nothing_is_sent_on_a_saturday_or_christmas_day(self):
		stage = self.christmas_stage(received_at="2025-12-10 10:00:00")  # due 24 December
		self.scan_on("2025-12-27")
		self.scan_on("2025-12-25")
		self.assertEqual(alerts_for(stage.name, AlertKind.OVERDUE), [])
		self.scan_on("2025-12-29")
		self.assertEqual(len(alerts_for(stage.name, AlertKind.OVERDUE)), 1)

	def test_a_kind_switched_off_is_not_sent(self):
		stage = self.christmas_stage()
		with change_settings("Complaints Settings", {"alert_due_soon": 0}):
			self.scan_on("2026-01-05")
		self.assertEqual(alerts_for(stage.name, AlertKind.DUE_SOON), [])
		self.scan_on("2026-01-07")
		self.assertEqual(len(alerts_for(stage.name, AlertKind.DUE_TODAY)), 1)

	def test_a_scan_killed_half_way_sends_exactly_the_missing_alerts_next_time(self):
		stages = [self.christmas_stage(subject=f"Killed scan {i}") for i in range(4)]
		ours = {s.name for s in stages}
		real_send_one = sender.send_one
		sent_before_crash = []

		def killed_after_three(alert, today):
			if alert.name in ours:
				if len(sent_before_crash) == 3:
					raise KeyboardInterrupt("the worker was killed")
				sent_before_crash.append(alert.key)
			real_send_one(alert, today)

		sender.send_one = killed_after_three
		try:
			with self.assertRaises(KeyboardInterrupt):
				self.scan_on("2026-01-05")
		finally:
			sender.send_one = real_send_one

		def ours_sent():
			return [a for s in stages for a in alerts_for(s.name)]

		self.assertEqual(len(ours_sent()), 3)
		self.scan_on("2026-01-05")
		# Each stage: acknowledgement overdue (due 30 December) and response due soon, once each.
		expected = {
			(s.name, kind.value) for s in stages for kind in (AlertKind.ACK_OVERDUE, AlertKind.DUE_SOON)
		}
		sent = [(s.name, a.kind) for s in stages for a in alerts_for(s.name)]
		self.assertEqual(sorted(sent), sorted(expected))
		for alert in ours_sent():
			self.assertEqual(frappe.db.count("Notification Log", {"name": alert.notification}), 1)
		self.assertEqual(
			frappe.db.count("Notification Log", {"document_name": ["in", list(ours)], "type": "Alert"}),
			len(expected),
		)

	def test_nobody_is_told_of_a_case_they_may_not_open(self):
		restricted = self.christmas_stage(procedure=CHILDRENS)
		self.assertFalse(restricted.handler)  # the area manager has no children's access
		restricted.handler = self.handler  # set by hand all the same
		restricted.save()
		self.assertEqual(frappe.db.count("ToDo", {"reference_name": restricted.name, "status": "Open"}), 0)
		self.scan_on("2026-01-05")
		self.assertEqual(alerts_for(restricted.name), [])
		open_case = self.christmas_stage()
		self.scan_on("2026-01-06")
		self.assertTrue(alerts_for(open_case.name))


class TestEventAlerts(AlertTestCase):
	def test_a_new_case_tells_the_area_queue_and_the_handler_gets_a_todo(self):
		complaint = make_complaint(procedure=LGSCO, service_area=self.area, channel="Email")
		told = {a.recipient for a in alerts_for(complaint.name, AlertKind.NEW_CASE)}
		self.assertEqual(told, {self.handler, self.queue_member})
		self.assertEqual(
			frappe.db.count(
				"Notification Log", {"document_name": complaint.name, "for_user": self.queue_member}
			),
			1,
		)
		stage = current_stage(complaint.name)
		todos = frappe.get_all(
			"ToDo",
			filters={"reference_type": "Complaint Stage", "reference_name": stage.name, "status": "Open"},
			pluck="allocated_to",
		)
		self.assertEqual(todos, [self.handler])

		stage.handler = self.other_handler
		stage.save()
		open_todos = frappe.get_all(
			"ToDo", filters={"reference_name": stage.name, "status": "Open"}, pluck="allocated_to"
		)
		self.assertEqual(open_todos, [self.other_handler])

		stage.reload()
		stage.responded_on, stage.outcome = date(2026, 1, 6), "Upheld"
		stage.save()
		self.assertEqual(frappe.db.count("ToDo", {"reference_name": stage.name, "status": "Open"}), 0)
		self.assertEqual(
			frappe.db.get_value(
				"ToDo", {"reference_name": stage.name, "allocated_to": self.other_handler}, "status"
			),
			"Closed",
		)

	def test_a_deleted_case_takes_its_alert_log_with_it(self):
		complaint = make_complaint(procedure=LGSCO, service_area=self.area)
		self.assertTrue(alerts_for(complaint.name, AlertKind.NEW_CASE))
		frappe.delete_doc("Complaint Stage", f"{complaint.name}-1", force=True)
		frappe.delete_doc("Complaint", complaint.name, force=True)
		self.assertFalse(frappe.db.exists("Complaint Alert", {"complaint": complaint.name}))

	def test_a_case_with_no_area_goes_to_the_complaints_managers(self):
		complaint = make_complaint(procedure=LGSCO, service_area=None)
		told = {a.recipient for a in alerts_for(complaint.name, AlertKind.NEW_CASE)}
		self.assertIn(self.manager, told)
		self.assertNotIn(self.handler, told)

	def test_switched_off_new_case_alerts_are_not_sent(self):
		with change_settings("Complaints Settings", {"alert_new_case": 0}):
			complaint = make_complaint(procedure=LGSCO, service_area=self.area)
		self.assertEqual(alerts_for(complaint.name, AlertKind.NEW_CASE), [])


class TestDailyDigest(AlertTestCase):
	def digests(self, user: str) -> list[frappe._dict]:
		return frappe.get_all(
			"Complaint Alert",
			filters={"kind": AlertKind.DIGEST.value, "recipient": user},
			fields=["due_date", "subject"],
		)

	def test_a_digest_lists_exactly_what_the_handler_has_to_do(self):
		digest_handler = make_user(
			f"digest.{frappe.generate_hash(length=6)}@example.com", "Complaints Officer"
		)
		overdue = [
			self.christmas_stage(subject=f"Overdue {i}", received_at="2025-12-01 10:00:00") for i in range(2)
		]
		soon = self.christmas_stage(subject="Due soon")
		on_track = self.christmas_stage(subject="On track", received_at="2026-01-02 10:00:00")
		for stage in (*overdue, soon, on_track):
			stage.reload()
			stage.handler = digest_handler
			stage.save()

		self.scan_on("2026-01-03")  # a Saturday: no digest
		self.assertEqual(self.digests(digest_handler), [])
		self.scan_on("2026-01-05")
		self.scan_on("2026-01-05")
		sent = self.digests(digest_handler)
		self.assertEqual(len(sent), 1)
		self.assertEqual(sent[0].subject, "Complaints: 2 overdue, 0 due today, 1 due soon")
		queue = frappe.get_all(
			"Email Queue", filters={"name": ["in", queued_for(digest_handler)]}, pluck="message"
		)
		digest = next(m for m in queue if "Your complaint stages this morning" in m)
		for stage in (*overdue, soon):
			self.assertIn(stage.name, digest)
		self.assertNotIn(on_track.name, digest)

	def test_no_digest_on_christmas_day_or_for_someone_who_turned_it_off(self):
		stage = self.christmas_stage(received_at="2025-12-01 10:00:00")
		self.scan_on("2025-12-25")
		self.assertEqual(self.digests(self.handler), [])
		settings = frappe.get_doc("Notification Settings", self.handler)
		settings.complaints_daily_digest = 0
		settings.save(ignore_permissions=True)
		self.scan_on("2026-01-05")
		self.assertEqual(self.digests(self.handler), [])
		self.assertTrue(alerts_for(stage.name, AlertKind.OVERDUE))
