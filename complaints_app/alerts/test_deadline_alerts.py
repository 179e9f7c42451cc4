# Copyright (c) 2026, complaints_app contributors
# See license.txt
"""Deadline alerts as the daily job sends them: review panels, Ombudsman recommendations, the statement
of complaint, the escalation window, and who may hear of a restricted (children's) case.

Every scan is ``run_daily()`` at 08:00 on a named day (``freeze_time``); documents are made on the day
they would be. England's calendar, 2026: New Year's Day, Good Friday 3 April, Easter Monday 6 April,
the early May bank holiday 4 May and the spring bank holiday 25 May are not working days. Expected
dates are counted by hand in the comments ("after" never counts the day itself).

Timings used here (``DEADLINE_SETTINGS``): "due soon" 2 working days (the review panel's dates use it
too), a statement of complaint within 5 working days, Ombudsman recommendations due soon 3 working
days ahead (defaults are 10 and 5: other values prove the settings are read).
"""

from contextlib import contextmanager
from datetime import date

import frappe
from frappe.tests.utils import FrappeTestCase, change_settings

from complaints_app.alerts.rules import AlertKind
from complaints_app.alerts.testing import AlertTestMixin
from complaints_app.complaints.jobs import run_daily
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

CHILDRENS_ACCESS = "Children's Complaints Access"
UPHELD = "Upheld: maladministration and injustice"
SOON, OVERDUE = "soon", "overdue"

DEADLINE_SETTINGS = {
	"nation": "England",
	"same_day_cutoff": None,
	"due_soon_days": 2,
	"escalate_after_days": 5,
	"alert_new_case": 1,
	"alert_assignment": 1,
	"alert_acknowledgement": 1,
	"alert_due_soon": 1,
	"alert_due_today": 1,
	"alert_overdue": 1,
	"alert_escalation": 1,
	"alert_statement": 1,
	"statement_within_days": 5,
	"alert_review_panel": 1,
	"alert_ombudsman": 1,
	"recommendation_due_soon_days": 3,
	"alert_window_closing": 0,
	"daily_digest": 0,  # not under test here
}


def alerts_for(reference: str, kind: AlertKind | None = None, recipient: str | None = None) -> list:
	filters = {"reference_name": reference}
	if kind:
		filters["kind"] = kind.value
	if recipient:
		filters["recipient"] = recipient
	return frappe.get_all(
		"Complaint Alert",
		filters=filters,
		fields=[
			"kind",
			"recipient",
			"due_date",
			"reference_doctype",
			"reference_name",
			"notification",
			"alert_key",
		],
	)


def phase(alert) -> str:
	"""An interim deadline alerts twice for one date; its key says which time ("soon" or "overdue")."""
	return SOON if "(soon)" in alert.alert_key else OVERDUE if "(overdue)" in alert.alert_key else ""


def summary(alerts) -> list[tuple]:
	"""(kind, phase, due date, recipient), sorted: rows written in one frozen second share a creation time."""
	return sorted((a.kind, phase(a), a.due_date, a.recipient) for a in alerts)


def complaints_managers() -> set[str]:
	"""Every enabled desk user with the role (the sender's reading of "every Complaints Manager")."""
	users = frappe.get_all(
		"Has Role", filters={"role": "Complaints Manager", "parenttype": "User"}, pluck="parent"
	)
	return set(
		frappe.get_all(
			"User",
			filters={"name": ["in", users or [""]], "enabled": 1, "user_type": "System User"},
			pluck="name",
		)
	) - {"Administrator"}


class DeadlineAlertTestCase(AlertTestMixin, FrappeTestCase):
	alert_settings = DEADLINE_SETTINGS

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		run = frappe.generate_hash(length=6)
		cls.childrens_officer = make_user(
			f"childrens.officer.{run}@example.com", "Complaints Officer", CHILDRENS_ACCESS
		)
		cls.officer = make_user(f"officer.{run}@example.com", "Complaints Officer")  # no children's access
		cls.manager = make_user(f"complaints.manager.{run}@example.com", "Complaints Manager")
		cls.second_manager = make_user(f"second.manager.{run}@example.com", "Complaints Manager")
		cls.investigating_officer = make_user(f"io.{run}@example.com", "Investigating Officer")
		cls.area_manager = make_user(f"area.manager.{run}@example.com", "Service Manager")
		cls.area = make_service_area(f"Families {run}", manager=cls.area_manager)
		cls.queue_email_without_sending(run)

	@contextmanager
	def on(self, day: str, at: str = "10:00:00"):
		"""Do something on a named day (a document saved then gets that day's clock)."""
		with self.freeze_time(f"{day} {at}"):
			yield

	def assert_bells(self, alerts, doctype: str, *texts: str):
		"""Each alert row has its own desk notification and a queued email, to its recipient, about its record."""
		self.assertTrue(alerts)
		for alert in alerts:
			self.assertEqual(alert.reference_doctype, doctype)
			bell = frappe.get_doc("Notification Log", alert.notification)
			self.assertEqual(
				(bell.for_user, bell.type, bell.document_type, bell.document_name),
				(alert.recipient, "Alert", doctype, alert.reference_name),
			)
			for text in texts:
				self.assertIn(text, bell.subject)
		self.assertEqual(len({a.notification for a in alerts}), len(alerts))
		# One queued email per alert: each recipient has as many about the record as alert rows.
		reference = alerts[0].reference_name
		emails = frappe.get_all(
			"Email Queue", filters={"reference_doctype": doctype, "reference_name": reference}, pluck="name"
		)
		for user in {a.recipient for a in alerts}:
			to_user = frappe.db.count(
				"Email Queue Recipient", {"parent": ["in", emails or [""]], "recipient": user}
			)
			self.assertEqual(to_user, len(alerts_for(reference, recipient=user)), user)

	def panel_case(self, handler: str):
		"""A children's complaint at stage 3 (review panel requested Monday 2 March 2026), with ``handler``."""
		with self.on("2026-03-02"):
			complaint, stage = children_case_at(3)
			stage.reload()
			stage.handler = handler  # children_case_at leaves "Guest", who gets nothing
			stage.save()
		panel = frappe.get_doc("Complaint Review Panel", {"complaint_stage": stage.name})
		# 30 working days after 2 March: 3-6 (4), 9-13 (9), 16-20 (14), 23-27 (19), 30, 31 (21),
		# 1, 2 April (23), Good Friday and Easter Monday skipped, 7-10 (27), 13, 14, 15 (30).
		self.assertEqual(panel.panel_due, date(2026, 4, 15))
		return complaint, stage, panel


class TestReviewPanelAlerts(DeadlineAlertTestCase):
	def test_each_panel_date_alerts_the_handler_when_due_soon_and_when_overdue_until_the_council_responds(
		self,
	):
		complaint, stage, panel = self.panel_case(self.childrens_officer)
		handler = self.childrens_officer
		meeting, report, council = (
			AlertKind.PANEL_MEETING.value,
			AlertKind.PANEL_REPORT.value,
			AlertKind.PANEL_COUNCIL_RESPONSE.value,
		)

		def sent():
			return summary(alerts_for(panel.name))

		# The meeting, due Wednesday 15 April.
		self.scan_on("2026-04-10")  # Friday: 13, 14 and 15 April remain, more than 2
		self.assertEqual(sent(), [])
		self.scan_on("2026-04-13")  # Monday: 14 and 15 April remain
		expected = [(meeting, SOON, date(2026, 4, 15), handler)]
		self.assertEqual(sent(), expected)
		self.scan_on("2026-04-14")
		self.scan_on("2026-04-15")  # the due date itself: already told
		self.assertEqual(sent(), expected)
		self.scan_on("2026-04-16")  # Thursday, the first working day after 15 April
		expected.append((meeting, OVERDUE, date(2026, 4, 15), handler))
		self.assertEqual(sent(), sorted(expected))
		self.scan_on("2026-04-17")
		self.assertEqual(sent(), sorted(expected))

		# The panel meets on Friday 17 April: its report is due 5 working days later,
		# 20, 21, 22, 23, 24 April: Friday 24 April.
		with self.on("2026-04-17", "16:00:00"):
			panel.reload()
			for name, chair in (("Dr A Chair", 1), ("Ms B Member", 0), ("Mr C Member", 0)):
				panel.append("members", {"member_name": name, "is_chair": chair})
			panel.panel_date = date(2026, 4, 17)
			panel.save()
		self.assertEqual(panel.report_due, date(2026, 4, 24))
		self.scan_on("2026-04-20")  # meeting held: nothing more of it; report: 21-24 April remain
		self.scan_on("2026-04-21")  # 22, 23, 24 April remain
		self.assertEqual(sent(), sorted(expected))
		self.scan_on("2026-04-22")  # 23 and 24 April remain
		expected.append((report, SOON, date(2026, 4, 24), handler))
		self.assertEqual(sent(), sorted(expected))
		self.scan_on("2026-04-27")  # Monday after the Friday due date
		expected.append((report, OVERDUE, date(2026, 4, 24), handler))
		self.assertEqual(sent(), sorted(expected))

		# The report goes on Tuesday 28 April: the council responds within 15 working days,
		# 29, 30 April, 1 May (3), the bank holiday 4 May skipped, 5-8 (7), 11-15 (12), 18, 19, 20 May.
		with self.on("2026-04-28", "16:00:00"):
			panel.reload()
			panel.report_sent_on = date(2026, 4, 28)
			panel.save()
		self.assertEqual(panel.council_response_due, date(2026, 5, 20))
		self.scan_on("2026-05-15")  # Friday: 18, 19, 20 May remain
		self.assertEqual(sent(), sorted(expected))
		self.scan_on("2026-05-18")  # Monday: 19 and 20 May remain
		expected.append((council, SOON, date(2026, 5, 20), handler))
		self.assertEqual(sent(), sorted(expected))

		# The council responds on Tuesday 19 May: no overdue alert follows on Thursday 21 May.
		with self.on("2026-05-19", "16:00:00"):
			panel.reload()
			panel.council_response_on = date(2026, 5, 19)
			panel.save()
		self.scan_on("2026-05-21")
		self.scan_on("2026-05-22")
		self.assertEqual(sent(), sorted(expected))  # five alerts, all to the handler, none overdue for 20 May

		self.assert_bells(alerts_for(panel.name), "Complaint Review Panel", complaint.name)
		bells = {
			(a.kind, phase(a)): frappe.db.get_value("Notification Log", a.notification, "subject")
			for a in alerts_for(panel.name)
		}
		self.assertTrue(bells[(meeting, SOON)].startswith("Due on "), bells)
		self.assertIn("review panel meeting", bells[(meeting, SOON)])
		self.assertTrue(bells[(meeting, OVERDUE)].startswith("Overdue since "), bells)
		self.assertIn("review panel report", bells[(report, OVERDUE)])
		self.assertIn("council response to the panel", bells[(council, SOON)])


class TestOmbudsmanRecommendationAlerts(DeadlineAlertTestCase):
	def enquiry(self, *recommendations: tuple[str, date]):
		"""An upheld LGSCO decision of Monday 2 March 2026 on an older corporate complaint."""
		with self.on("2026-03-02"):
			complaint = make_complaint(procedure=LGSCO, received_at="2025-06-02 10:00:00")
			return frappe.get_doc(
				{
					"doctype": "Ombudsman Enquiry",
					"ombudsman": "LGSCO",
					"ombudsman_reference": f"25 {frappe.generate_hash(length=6)}",
					"complaint": complaint.name,
					"received_on": date(2026, 1, 12),
					"enquiry_type": "Detailed investigation",
					"decision": UPHELD,
					"decision_date": date(2026, 3, 2),
					"recommendations": [{"recommendation": r, "due_date": d} for r, d in recommendations],
				}
			).insert()

	def test_every_complaints_manager_is_told_before_and_after_a_recommendation_is_due_until_it_is_done(
		self,
	):
		enquiry = self.enquiry(
			("Apologise to the complainant in writing", date(2026, 4, 8)),
			("Pay 300 pounds for the distress caused", date(2026, 4, 15)),
		)
		managers = complaints_managers()
		self.assertIn(self.manager, managers)
		self.assertIn(self.second_manager, managers)
		kind = AlertKind.RECOMMENDATION.value

		def sent():
			return summary(alerts_for(enquiry.name))

		def to_every_manager(*alerts):
			return sorted((kind, ph, due, m) for ph, due in alerts for m in managers)

		# The apology, due Wednesday 8 April, "due soon" 3 working days ahead.
		self.scan_on("2026-03-31")  # Tuesday: 1, 2, 7, 8 April remain (Good Friday, Easter Monday)
		self.assertEqual(sent(), [])
		self.scan_on("2026-04-01")  # Wednesday: 2, 7 and 8 April remain; 5 April by the calendar
		self.assertEqual(sent(), to_every_manager((SOON, date(2026, 4, 8))))
		self.scan_on("2026-04-02")
		self.scan_on("2026-04-07")
		self.scan_on("2026-04-08")  # due today: already told
		self.assertEqual(sent(), to_every_manager((SOON, date(2026, 4, 8))))
		# Thursday 9 April: the apology is overdue; the payment (due Wednesday 15 April) still
		# has 10, 13, 14 and 15 April, four working days.
		self.scan_on("2026-04-09")
		expected = [(SOON, date(2026, 4, 8)), (OVERDUE, date(2026, 4, 8))]
		self.assertEqual(sent(), to_every_manager(*expected))
		self.scan_on("2026-04-10")  # Friday: 13, 14, 15 April remain for the payment
		expected.append((SOON, date(2026, 4, 15)))
		self.assertEqual(sent(), to_every_manager(*expected))

		# The payment is made on Monday 13 April: nothing when 15 April passes.
		with self.on("2026-04-13", "15:00:00"):
			enquiry.reload()
			enquiry.recommendations[1].completed_on = date(2026, 4, 13)
			enquiry.save()
		self.scan_on("2026-04-16")
		self.scan_on("2026-04-17")
		self.assertEqual(sent(), to_every_manager(*expected))
		self.assertEqual(alerts_for(enquiry.name, recipient=self.officer), [])  # may read it, not told

		ours = alerts_for(enquiry.name, recipient=self.manager)
		self.assert_bells(ours, "Ombudsman Enquiry", enquiry.ombudsman_reference)
		subjects = {
			(phase(a), a.due_date): frappe.db.get_value("Notification Log", a.notification, "subject")
			for a in ours
		}
		self.assertIn("Apologise to the complainant", subjects[(OVERDUE, date(2026, 4, 8))])
		self.assertTrue(subjects[(OVERDUE, date(2026, 4, 8))].startswith("Overdue since "))
		self.assertIn("Pay 300 pounds", subjects[(SOON, date(2026, 4, 15))])

	def test_two_recommendations_due_the_same_day_each_reach_the_managers(self):
		apology, payment = "Apologise to the complainant in writing", "Pay 300 pounds for the distress"
		enquiry = self.enquiry((apology, date(2026, 4, 8)), (payment, date(2026, 4, 8)))
		self.scan_on("2026-04-01")  # 2, 7 and 8 April remain
		told = " / ".join(
			frappe.db.get_value("Notification Log", a.notification, "subject")
			for a in alerts_for(enquiry.name, recipient=self.manager)
		)
		self.assertIn(apology, told)
		self.assertIn(payment, told)


class TestStatementAlerts(DeadlineAlertTestCase):
	def investigation_case(self, subject: str):
		"""A children's complaint escalated to its investigation stage on Tuesday 20 January 2026.

		Stage 1 (received Monday 5 January) was answered on Friday 16 January. The stage's clock
		counts from the agreed statement; the statement is due 5 working days after the stage
		opened: 21, 22, 23, 26, 27 January, so Tuesday 27 January.
		"""
		with self.on("2026-01-20", "09:30:00"):
			complaint = make_complaint(
				procedure=CHILDRENS, received_at="2026-01-05 10:00:00", subject=subject
			)
			respond(current_stage(complaint.name), date(2026, 1, 16))
			complaint.reload()
			stage = complaint.escalate(handler=self.childrens_officer, requested_at="2026-01-20 09:00:00")
			investigation = frappe.get_doc("Complaint Investigation", {"complaint_stage": stage.name})
			investigation.investigating_officer = self.investigating_officer
			investigation.io_appointed_on = date(2026, 1, 20)
			investigation.save()
		self.assertEqual(stage.stage_record, "Investigation")
		return stage, investigation

	def test_a_statement_not_agreed_in_time_tells_the_investigating_officer_and_the_handler_once(self):
		stage, _investigation = self.investigation_case("Statement late")
		kind = AlertKind.STATEMENT_NOT_AGREED

		self.scan_on("2026-01-27")  # the last day to agree it
		self.assertEqual(alerts_for(stage.name, kind), [])
		self.scan_on("2026-01-28")
		expected = sorted(
			(kind.value, "", date(2026, 1, 27), user)
			for user in (self.investigating_officer, self.childrens_officer)
		)
		self.assertEqual(summary(alerts_for(stage.name, kind)), expected)
		self.scan_on("2026-01-29")
		self.scan_on("2026-02-02")
		self.assertEqual(summary(alerts_for(stage.name, kind)), expected)
		self.assert_bells(
			alerts_for(stage.name, kind),
			"Complaint Stage",
			f"{stage.complaint}, Investigation: statement of complaint not agreed by",
		)

	def test_a_statement_agreed_in_time_sends_no_alert(self):
		late, _ = self.investigation_case("Statement late")
		agreed, investigation = self.investigation_case("Statement agreed")
		with self.on("2026-01-26", "15:00:00"):  # Monday, a day to spare
			investigation.reload()
			investigation.statement_agreed_on = date(2026, 1, 26)
			investigation.save()
		kind = AlertKind.STATEMENT_NOT_AGREED
		self.scan_on("2026-01-28")
		self.scan_on("2026-01-29")
		self.assertEqual(alerts_for(agreed.name, kind), [])
		self.assertEqual(len(alerts_for(late.name, kind)), 2)  # the same day's scan did alert


class TestWindowClosingAlerts(DeadlineAlertTestCase):
	def responded_stage(self):
		"""A children's stage 1 received Monday 5 January 2026, answered Monday 19 January.

		The complainant may ask for stage 2 within 20 working days: 20-23 January (4), 26-30 (9),
		2-6 February (14), 9-13 (19), 16 February (20), Monday 16 February. The working day before
		it is Friday 13 February.
		"""
		with self.on("2026-01-19", "15:00:00"):
			complaint = make_complaint(procedure=CHILDRENS, received_at="2026-01-05 10:00:00")
			stage = current_stage(complaint.name)
			stage.handler = self.childrens_officer
			stage.save()
			respond(stage, date(2026, 1, 19))
		self.assertEqual(stage.escalation_deadline, date(2026, 2, 16))
		self.assertEqual(frappe.db.get_value("Complaint", complaint.name, "status"), "Responded")
		return stage

	def test_the_handler_is_told_the_working_day_before_the_window_closes(self):
		stage = self.responded_stage()
		kind = AlertKind.WINDOW_CLOSING
		with change_settings("Complaints Settings", {"alert_window_closing": 1}):
			self.scan_on("2026-02-12")  # Thursday: 13 and 16 February remain
			self.assertEqual(alerts_for(stage.name, kind), [])
			self.scan_on("2026-02-13")  # Friday: the window's last day is the next working day
			expected = [(kind.value, "", date(2026, 2, 16), self.childrens_officer)]
			self.assertEqual(summary(alerts_for(stage.name, kind)), expected)
			self.scan_on("2026-02-16")
			self.assertEqual(summary(alerts_for(stage.name, kind)), expected)
		self.assert_bells(
			alerts_for(stage.name, kind),
			"Complaint Stage",
			f"{stage.complaint}, Local resolution: the complainant's time to ask for the next stage ends",
		)

	def test_nothing_is_sent_while_the_setting_is_off_as_it_ships(self):
		self.assertEqual(
			frappe.get_meta("Complaints Settings").get_field("alert_window_closing").default, "0"
		)
		stage = self.responded_stage()
		kind = AlertKind.WINDOW_CLOSING
		self.scan_on("2026-02-13")
		self.assertEqual(alerts_for(stage.name, kind), [])
		with change_settings("Complaints Settings", {"alert_window_closing": 1}):
			self.scan_on("2026-02-13")  # switched on, the same morning's run sends it
		self.assertEqual([a.recipient for a in alerts_for(stage.name, kind)], [self.childrens_officer])


class TestRestrictedCaseAlerts(DeadlineAlertTestCase):
	def test_an_overdue_childrens_case_escalates_to_the_managers_not_to_an_area_manager_without_access(
		self,
	):
		# Both received Monday 5 January 2026 10:00; 10 working days: 6-9 (4), 12-16 (9), 19 January.
		# Overdue from Tuesday 20 January; 5 working days overdue on Monday 26 January (20-23, 26).
		with self.on("2026-01-05", "10:30:00"):
			childrens = make_complaint(
				procedure=CHILDRENS, service_area=self.area, received_at="2026-01-05 10:00:00"
			)
			corporate = make_complaint(
				procedure=LGSCO, service_area=self.area, received_at="2026-01-05 10:00:00"
			)
		restricted, open_case = current_stage(childrens.name), current_stage(corporate.name)
		self.assertFalse(restricted.handler)  # the area's manager may not open a children's case
		self.assertEqual(open_case.handler, self.area_manager)
		kind = AlertKind.ESCALATION

		self.scan_on("2026-01-23")  # 4 working days overdue
		self.assertEqual(alerts_for(restricted.name, kind), [])
		self.scan_on("2026-01-26")
		told = {a.recipient for a in alerts_for(restricted.name, kind)}
		self.assertEqual(told, complaints_managers())
		self.assertIn(self.manager, told)  # sees every case, children's too
		self.assertNotIn(self.area_manager, told)
		self.assertIn(self.area_manager, {a.recipient for a in alerts_for(open_case.name, kind)})
		self.assertEqual(alerts_for(restricted.name, recipient=self.area_manager), [])
		self.assertEqual(
			frappe.db.count(
				"Notification Log", {"for_user": self.area_manager, "document_name": restricted.name}
			),
			0,
		)
		self.assert_bells(
			alerts_for(restricted.name, kind),
			"Complaint Stage",
			f"{childrens.name}, Local resolution: 5 working days overdue",
		)

	def test_a_childrens_panel_alerts_its_handler_only_if_they_may_open_the_case(self):
		_complaint, stage, panel = self.panel_case(self.officer)  # set by hand, no children's access
		kind = AlertKind.PANEL_MEETING
		self.scan_on("2026-04-13")  # 14 and 15 April remain
		self.assertEqual(alerts_for(panel.name), [])
		self.assertEqual(frappe.db.count("Notification Log", {"document_name": panel.name}), 0)

		with self.on("2026-04-13", "11:00:00"):
			stage.reload()
			stage.handler = self.manager  # a Complaints Manager, without the children's role
			stage.save()
		self.scan_on("2026-04-14")
		self.assertEqual(
			summary(alerts_for(panel.name)), [(kind.value, SOON, date(2026, 4, 15), self.manager)]
		)
		self.assert_bells(alerts_for(panel.name), "Complaint Review Panel", "review panel meeting")
