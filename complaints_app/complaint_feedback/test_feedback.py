# Copyright (c) 2026, complaints_app contributors
# See license.txt
"""Compliments and member enquiries on a real site: the two reports, the enquiry clock on save and
in the daily job, making a complaint from an enquiry, the public compliment form, and who sees what.

The report cells below were counted by hand from the records listed here (England's calendar),
not copied from the code. Everything lives under a service-area tree made for this suite (N:
North, managed by the suite's Service Manager; S: South; R: South Rural, below South; the root
itself; E: an area outside the tree), and the reports are filtered to the root, so other suites'
records cannot change a cell.

Compliments, period 2025/26 (previous period 2024/25):

===  ====  ==========  =========================================
C1   N     2025-04-10
C2   N     2025-04-22
C3   S     2025-05-05
C4   R     2025-05-20  counted under South
C5   N     2026-03-31  the period's last day
C6   root  2025-06-01  the root's own column
C7   N     2024-04-15  previous period, April
C8   S     2024-05-01  previous period, May
C9   N     2025-03-31  previous period's last day, March
C10  N     2026-04-01  after the period: never counted
C11  E     2025-04-10  outside the tree: never counted
===  ====  ==========  =========================================

Member enquiries, period 1 April to 30 September 2026 (previous: the same dates in 2025). Due
dates: received Thursday 2 April 2026, 10 working days over Easter (Good Friday 3 April and
Easter Monday 6 April do not count) are due Monday 20 April; received Friday 1 May 2026 (early
May bank holiday Monday 4 May) due Monday 18 May; received Monday 1 June 2026 due Monday 15 June;
received Thursday 17 April 2025 (Good Friday 18 April, Easter Monday 21 April, early May bank
holiday 5 May 2025) due Tuesday 6 May 2025; received Monday 2 June 2025 due Monday 16 June 2025.

===  ====  =========  ==========  ===========================================  ======  ========
key  area  category   received    what happened                                target  original
===  ====  =========  ==========  ===========================================  ======  ========
E1   N     Statutory  2026-04-02  responded 20 Apr, the due date                yes     yes
E2   N     Statutory  2026-04-02  responded 21 Apr                              no      no
E3   S     Statutory  2026-04-02  agreed date 24 Apr, responded 23 Apr;         yes     no
                                  its handler is North's Service Manager
E4   N     Corporate  2026-05-01  extended to 22 May, responded 22 May          yes     no
E5   R     Corporate  2026-06-01  responded 10 Jun                              yes     yes
E6   N     Corporate  2026-09-28  open                                          -       -
E7   N     Corporate  2026-09-15  responded 2 Oct, after To date: not yet       -       -
E8   E     Statutory  2026-04-02  outside the tree: never counted
E9   N     Statutory  2026-10-01  after the period: never counted
P1   N     Statutory  2025-04-17  responded 6 May 2025, the due date            yes     yes
P2   S     Corporate  2025-06-02  responded 30 Jun 2025                         no      no
P3   N     Corporate  2025-09-30  responded 1 Oct 2025, after To date: not yet  -       -
===  ====  =========  ==========  ===========================================  ======  ========
"""

from __future__ import annotations

import json
from datetime import timedelta

import frappe
from frappe.tests.test_api import FrappeAPITestCase
from frappe.tests.utils import FrappeTestCase, change_settings
from frappe.utils import now_datetime

from complaints_app.alerts.testing import AlertTestMixin
from complaints_app.complaint_feedback import jobs
from complaints_app.complaint_feedback.doctype.member_enquiry.member_enquiry import create_complaint
from complaints_app.complaint_feedback.errors import (
	ComplaintNotReadableError,
	ComplimentSubmissionError,
	EnquiryClockError,
	EnquiryComplaintError,
	EnquiryExtensionError,
	MemberEnquiryError,
)
from complaints_app.complaint_feedback.install import COMPLIMENT_TEMPLATE, ensure_templates
from complaints_app.complaint_feedback.report.compliments_received import compliments_received
from complaints_app.complaint_feedback.report.member_enquiries import member_enquiries
from complaints_app.complaint_portal import portal
from complaints_app.complaint_statistics.cohort import ReportFilterError
from complaints_app.complaint_statistics.tables import field_key
from complaints_app.complaints.errors import ProtectedFieldError
from complaints_app.complaints.permissions import clear_scope_cache
from complaints_app.complaints.test_permissions import committed, log_out, login, purge, purge_user
from complaints_app.complaints.testing import (
	LGSCO,
	council_calendar,
	current_stage,
	make_complaint,
	make_service_area,
	make_user,
)

COMPLIMENTS_PERIOD = {"from_date": "2025-04-01", "to_date": "2026-03-31"}
ENQUIRIES_PERIOD = {"from_date": "2026-04-01", "to_date": "2026-09-30"}
ACCEPT = "frappe.website.doctype.web_form.web_form.accept"
TARGET_SETTING = "member_enquiry_target_days"


def make_compliment(area: str | None, received_on: str, **values):
	return frappe.get_doc(
		{
			"doctype": "Compliment",
			"received_on": received_on,
			"service_area": area,
			"channel": "Email",
			"from_whom": "Service user",
			"what_was_said": "The social worker listened and things changed.",
			**values,
		}
	).insert(ignore_permissions=True)


def make_enquiry(area: str | None, category: str, received_on: str, **values):
	return frappe.get_doc(
		{
			"doctype": "Member Enquiry",
			"subject": "Missed bin collections on Station Road",
			"received_on": received_on,
			"category": category,
			"service_area": area,
			"member_type": "Councillor",
			"member_name": "Cllr Jane Ward",
			"ward_or_constituency": "Station ward",
			**values,
		}
	).insert(ignore_permissions=True)


def respond(enquiry, responded_on: str):
	enquiry.reload()
	enquiry.responded_on = responded_on
	enquiry.save(ignore_permissions=True)
	return enquiry


class TestFeedback(AlertTestMixin, FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		run = cls.run_id = cls.start_run()
		ensure_templates()
		cls.enterClassContext(council_calendar("England"))
		if frappe.get_meta("Complaints Settings").has_field(TARGET_SETTING):
			frappe.db.set_single_value("Complaints Settings", TARGET_SETTING, 10)
		cls.manager = make_user(f"feedback.north.{run}@example.com", "Service Manager")
		cls.officer = make_user(f"feedback.officer.{run}@example.com", "Complaints Officer")
		cls.root = make_service_area(f"Feedback Council {run}")
		cls.north = make_service_area(f"Feedback North {run}", manager=cls.manager, parent=cls.root)
		cls.south = make_service_area(f"Feedback South {run}", parent=cls.root)
		cls.rural = make_service_area(f"Feedback South Rural {run}", parent=cls.south)
		cls.elsewhere = make_service_area(f"Feedback Elsewhere {run}")
		cls.topic = frappe.get_doc(
			{
				"doctype": "Complaint Public Topic",
				"topic": f"Adult social care {run}",
				"service_area": cls.north,
				"procedure": LGSCO,
			}
		).insert(ignore_permissions=True)
		cls.build_compliments()
		cls.build_enquiries()

	@classmethod
	def build_compliments(cls):
		n, s, r = cls.north, cls.south, cls.rural
		rows = {
			"C1": (n, "2025-04-10"),
			"C2": (n, "2025-04-22"),
			"C3": (s, "2025-05-05"),
			"C4": (r, "2025-05-20"),
			"C5": (n, "2026-03-31"),
			"C6": (cls.root, "2025-06-01"),
			"C7": (n, "2024-04-15"),
			"C8": (s, "2024-05-01"),
			"C9": (n, "2025-03-31"),
			"C10": (n, "2026-04-01"),
			"C11": (cls.elsewhere, "2025-04-10"),
		}
		cls.compliments = {key: make_compliment(area, day).name for key, (area, day) in rows.items()}

	@classmethod
	def build_enquiries(cls):
		n, s, r = cls.north, cls.south, cls.rural
		e = cls.enquiries = {}
		e["E1"] = respond(make_enquiry(n, "Statutory", "2026-04-02"), "2026-04-20")
		e["E2"] = respond(make_enquiry(n, "Statutory", "2026-04-02"), "2026-04-21")
		e["E3"] = respond(
			make_enquiry(s, "Statutory", "2026-04-02", agreed_due_date="2026-04-24", handler=cls.manager),
			"2026-04-23",
		)
		extended = [
			{"new_due_date": "2026-05-22", "reason": "Waiting for the crew's log", "agreed_on": "2026-05-14"}
		]
		e["E4"] = respond(make_enquiry(n, "Corporate", "2026-05-01", extensions=extended), "2026-05-22")
		e["E5"] = respond(make_enquiry(r, "Corporate", "2026-06-01"), "2026-06-10")
		e["E6"] = make_enquiry(n, "Corporate", "2026-09-28")
		e["E7"] = respond(make_enquiry(n, "Corporate", "2026-09-15"), "2026-10-02")
		e["E8"] = respond(make_enquiry(cls.elsewhere, "Statutory", "2026-04-02"), "2026-04-20")
		e["E9"] = respond(make_enquiry(n, "Statutory", "2026-10-01"), "2026-10-05")
		e["P1"] = respond(make_enquiry(n, "Statutory", "2025-04-17"), "2025-05-06")
		e["P2"] = respond(make_enquiry(s, "Corporate", "2025-06-02"), "2025-06-30")
		e["P3"] = respond(make_enquiry(n, "Corporate", "2025-09-30"), "2025-10-01")

	def setUp(self):
		super().setUp()
		# Each test's own records go when it ends, so the report cells stay as counted above.
		frappe.db.savepoint("feedback_test")

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.flags.in_web_form = False
		frappe.db.rollback(save_point="feedback_test")
		clear_scope_cache()

	# -- helpers -----------------------------------------------------------------------------

	def as_user(self, user, function, *args, **kwargs):
		frappe.set_user(user)
		try:
			return function(*args, **kwargs)
		finally:
			frappe.set_user("Administrator")

	def compliments_report(self, user="Administrator", **filters):
		result = self.as_user(
			user, compliments_received.execute, {**COMPLIMENTS_PERIOD, "service_area": self.root, **filters}
		)
		columns = [c["fieldname"] for c in result[0]]
		return columns, {row["month"]: row for row in result[1]}, result

	def enquiries_report(self, user="Administrator", **filters):
		result = self.as_user(
			user, member_enquiries.execute, {**ENQUIRIES_PERIOD, "service_area": self.root, **filters}
		)
		return {row["measure"]: row for row in result[1]}, result

	def cells(self, row, *keys):
		return tuple(row.get(k) for k in keys)

	# -- the compliments report ----------------------------------------------------------------

	def test_compliments_by_month_and_area_with_the_previous_year(self):
		columns, rows, result = self.compliments_report()
		root, north, south = field_key(self.root), field_key(self.north), field_key(self.south)
		self.assertEqual(columns, ["month", root, north, south, "total", "previous_total"])
		self.assertEqual(len(rows), 14)  # twelve months, the total and the previous period
		keys = (root, north, south, "total", "previous_total")
		self.assertEqual(self.cells(rows["Apr 2025"], *keys), (0, 2, 0, 2, 1))
		self.assertEqual(self.cells(rows["May 2025"], *keys), (0, 0, 2, 2, 1))
		self.assertEqual(self.cells(rows["Jun 2025"], *keys), (1, 0, 0, 1, 0))
		self.assertEqual(self.cells(rows["Oct 2025"], *keys), (0, 0, 0, 0, 0))
		self.assertEqual(self.cells(rows["Mar 2026"], *keys), (0, 1, 0, 1, 1))
		self.assertEqual(self.cells(rows["Total"], *keys), (1, 3, 2, 6, 3))
		self.assertEqual(
			self.cells(rows["Previous period (2024/25)"], root, north, south, "total"), (0, 2, 1, 3)
		)
		summary = {item["label"]: item["value"] for item in result[4]}
		self.assertEqual(summary["Compliments received"], 6)
		self.assertEqual(summary["Previous period"], 3)
		self.assertEqual(summary["Change on the previous period"], "+100%")

	def test_compliments_of_one_area_and_below(self):
		columns, rows, _result = self.compliments_report(service_area=self.south)
		south, rural = field_key(self.south), field_key(self.rural)
		# South's own compliment (C3) shows in its own column, Rural's (C4) under Rural.
		self.assertEqual(columns, ["month", south, rural, "total", "previous_total"])
		self.assertEqual(self.cells(rows["May 2025"], south, rural, "total", "previous_total"), (1, 1, 2, 1))
		self.assertEqual(self.cells(rows["Total"], "total", "previous_total"), (2, 1))

	def test_a_to_date_before_the_from_date_is_refused(self):
		with self.assertRaises(ReportFilterError):
			compliments_received.execute({"from_date": "2026-03-31", "to_date": "2025-04-01"})
		with self.assertRaises(ReportFilterError):
			member_enquiries.execute({**ENQUIRIES_PERIOD, "member_type": "Mayor"})

	# -- the member enquiries report --------------------------------------------------------------

	def test_enquiries_received_and_in_time_split_statutory_corporate_with_the_previous_year(self):
		rows, result = self.enquiries_report()
		keys = (
			"statutory",
			"corporate",
			"all",
			"previous_statutory",
			"previous_corporate",
			"previous_all",
			"change",
		)
		self.assertEqual(self.cells(rows["Received"], *keys), ("3", "4", "7", "1", "2", "3", "+4"))
		self.assertEqual(
			self.cells(rows["Responded to"], *keys),
			("3 (100%)", "2 (50%)", "5 (71%)", "1 (100%)", "1 (50%)", "2 (67%)", "+5 pp"),
		)
		self.assertEqual(
			self.cells(rows["Responded within target (agreed dates included)"], *keys),
			("2 (67%)", "2 (50%)", "4 (57%)", "1 (100%)", "0 (0%)", "1 (33%)", "+24 pp"),
		)
		self.assertEqual(
			self.cells(rows["Responded within the original target"], *keys),
			("1 (33%)", "1 (25%)", "2 (29%)", "1 (100%)", "0 (0%)", "1 (33%)", "-5 pp"),
		)
		labels = [c["label"] for c in result[0]]
		self.assertIn("Statutory 1 Apr 2026 to 30 Sep 2026", labels)
		self.assertIn("All 1 Apr 2025 to 30 Sep 2025", labels)

	def test_enquiries_from_mps_only(self):
		e = make_enquiry(self.north, "Corporate", "2026-04-02", member_type="MP", member_name="Sam Member MP")
		respond(e, "2026-04-17")
		rows, _result = self.enquiries_report(member_type="MP")
		self.assertEqual(self.cells(rows["Received"], "statutory", "corporate", "all"), ("0", "1", "1"))
		self.assertEqual(rows["Responded within target (agreed dates included)"]["all"], "1 (100%)")

	# -- what a Service Manager sees ---------------------------------------------------------

	def test_a_service_manager_lists_only_their_areas(self):
		compliments = set(
			self.as_user(self.manager, frappe.get_list, "Compliment", pluck="name", limit_page_length=0)
		)
		ours = set(self.compliments.values())
		north = {self.compliments[k] for k in ("C1", "C2", "C5", "C7", "C9", "C10")}
		self.assertEqual(compliments & ours, north)
		self.assertFalse(
			frappe.has_permission("Compliment", "read", self.compliments["C3"], user=self.manager)
		)
		self.assertTrue(
			frappe.has_permission("Compliment", "read", self.compliments["C1"], user=self.manager)
		)
		enquiries = set(
			self.as_user(self.manager, frappe.get_list, "Member Enquiry", pluck="name", limit_page_length=0)
		)
		visible = {k for k, doc in self.enquiries.items() if doc.name in enquiries}
		# North's, and South's E3 whose handler they are.
		self.assertEqual(visible, {"E1", "E2", "E3", "E4", "E6", "E7", "E9", "P1", "P3"})
		self.assertFalse(
			frappe.has_permission("Member Enquiry", "read", self.enquiries["P2"].name, user=self.manager)
		)

	def test_a_service_manager_counts_only_their_areas_in_the_reports(self):
		columns, rows, _result = self.compliments_report(self.manager)
		north, south = field_key(self.north), field_key(self.south)
		self.assertEqual(columns, ["month", north, south, "total", "previous_total"])
		self.assertEqual(self.cells(rows["Total"], north, south, "total", "previous_total"), (3, 0, 3, 2))
		self.assertEqual(self.cells(rows["May 2025"], "total", "previous_total"), (0, 0))
		rows, _result = self.enquiries_report(self.manager)
		keys = ("statutory", "corporate", "all", "previous_all")
		self.assertEqual(self.cells(rows["Received"], *keys), ("3", "3", "6", "2"))
		self.assertEqual(
			self.cells(rows["Responded within target (agreed dates included)"], *keys),
			("2 (67%)", "1 (33%)", "3 (50%)", "1 (50%)"),
		)

	# -- the enquiry clock on save --------------------------------------------------------------

	def test_the_easter_2026_enquiry_is_due_on_20_april(self):
		easter = make_enquiry(self.north, "Statutory", "2026-04-02")
		self.assertEqual(str(easter.clock_start_date), "2026-04-02")
		self.assertEqual(str(easter.original_due_date), "2026-04-20")
		self.assertEqual(str(easter.due_date), "2026-04-20")
		self.assertEqual(easter.target_days, 10)
		self.assertEqual(easter.handler, self.manager)  # North's manager, by default
		self.assertEqual(str(self.enquiries["P1"].due_date), "2025-05-06")
		self.assertEqual(str(self.enquiries["E4"].original_due_date), "2026-05-18")
		self.assertEqual(str(self.enquiries["E4"].due_date), "2026-05-22")

	def test_after_the_cut_off_the_clock_starts_the_next_working_day(self):
		with council_calendar("England", cutoff="16:00:00"):
			late = make_enquiry(self.north, "Statutory", "2026-04-02", received_after_cutoff=1)
		self.assertEqual(str(late.clock_start_date), "2026-04-07")
		self.assertEqual(str(late.due_date), "2026-04-21")

	def test_an_agreed_date_and_extensions_move_the_due_date(self):
		e = make_enquiry(self.north, "Corporate", "2026-04-02", agreed_due_date="2026-04-24")
		self.assertEqual(str(e.due_date), "2026-04-24")
		e.append("extensions", {"new_due_date": "2026-04-29", "reason": "Survey", "agreed_on": "2026-04-22"})
		e.save()
		self.assertEqual((str(e.original_due_date), str(e.due_date)), ("2026-04-20", "2026-04-29"))
		respond(e, "2026-04-28")
		self.assertEqual(
			(e.status, e.response_within_target, e.response_within_original_target), ("Responded", 1, 0)
		)
		self.assertEqual(e.clock_status, "Met")

	def test_an_extension_that_does_not_move_the_date_later_is_refused(self):
		e = make_enquiry(self.north, "Corporate", "2026-04-02")
		e.append(
			"extensions", {"new_due_date": "2026-04-18", "reason": "A Saturday", "agreed_on": "2026-04-10"}
		)
		with self.assertRaises(EnquiryExtensionError):
			e.save()
		e.reload()
		e.agreed_due_date = "2026-03-30"
		with self.assertRaises(EnquiryClockError):
			e.save()

	def test_a_response_on_or_before_the_due_date_is_within_target(self):
		on_time = respond(make_enquiry(self.north, "Statutory", "2026-04-02"), "2026-04-20")
		late = respond(make_enquiry(self.north, "Statutory", "2026-04-02"), "2026-04-21")
		self.assertEqual((on_time.response_within_target, on_time.clock_status), (1, "Met"))
		self.assertEqual((late.response_within_target, late.clock_status), (0, "Met late"))
		with self.assertRaises(EnquiryClockError):
			respond(make_enquiry(self.north, "Statutory", "2026-04-02"), "2026-04-01")

	def test_status_follows_the_response(self):
		e = make_enquiry(self.north, "Statutory", "2026-04-02")
		self.assertEqual(e.status, "Open")
		e.status = "Responded"
		with self.assertRaises(MemberEnquiryError):
			e.save()
		closed = make_enquiry(self.north, "Statutory", "2026-04-02", status="Closed")
		self.assertEqual((closed.clock_status, closed.days_overdue), ("", 0))

	def test_a_constituent_needs_their_consent_recorded(self):
		with self.assertRaises(MemberEnquiryError):
			make_enquiry(self.north, "Statutory", "2026-04-02", on_behalf_of_name="Pat Resident")

	def test_the_target_comes_from_the_settings_when_the_enquiry_arrives(self):
		if not frappe.get_meta("Complaints Settings").has_field(TARGET_SETTING):
			self.skipTest("Complaints Settings has no member enquiry target on this site yet")
		with change_settings("Complaints Settings", {TARGET_SETTING: 5}):
			short = make_enquiry(self.north, "Statutory", "2026-04-02")
		self.assertEqual((short.target_days, str(short.due_date)), (5, "2026-04-13"))
		short.reload()
		short.save()  # the settings are back to 10; this enquiry keeps its 5
		self.assertEqual(str(short.due_date), "2026-04-13")
		short.target_days = 20
		with self.assertRaises(ProtectedFieldError):
			short.save()

	# -- the daily job ----------------------------------------------------------------------------

	def test_the_daily_job_refreshes_open_enquiries_once_and_survives_a_bad_one(self):
		stale = make_enquiry(self.north, "Statutory", "2026-04-02")
		bad = make_enquiry(self.north, "Statutory", "2026-04-02")
		frappe.db.set_value("Member Enquiry", stale.name, {"due_date": None, "clock_status": "On track"})
		# An agreed date before day 0, written behind the controller's back.
		frappe.db.set_value(
			"Member Enquiry", bad.name, {"agreed_due_date": "2026-03-01", "due_date": "2026-04-20"}
		)
		with self.freeze_time("2026-04-22 08:00:00"):
			first = jobs.run_daily()
			second = jobs.run_daily()
		values = frappe.db.get_value(
			"Member Enquiry", stale.name, ["due_date", "clock_status", "days_overdue"]
		)
		self.assertEqual((str(values[0]), values[1], values[2]), ("2026-04-20", "Overdue", 2))
		self.assertGreaterEqual(first["enquiries"]["updated"], 1)
		self.assertEqual(second["enquiries"]["updated"], 0)
		self.assertEqual(first["enquiries"]["failed"], 1)
		self.assertEqual(str(frappe.db.get_value("Member Enquiry", bad.name, "due_date")), "2026-04-20")
		self.assertTrue(
			frappe.db.exists("Error Log", {"reference_doctype": "Member Enquiry", "reference_name": bad.name})
		)

	# -- a complaint from an enquiry -----------------------------------------------------------

	def test_create_complaint_from_an_enquiry(self):
		e = make_enquiry(
			self.north,
			"Corporate",
			"2026-04-02",
			on_behalf_of_name="Pat Resident",
			consent="Written consent",
			constituent_email="pat.resident@example.com",
			constituent_phone="07700 900123",
			details="Bins missed three weeks running.",
		)
		name = create_complaint(e.name)
		complaint = frappe.get_doc("Complaint", name)
		self.assertEqual(
			(
				complaint.channel,
				complaint.complainant_name,
				complaint.complainant_email,
				complaint.complainant_phone,
			),
			("Councillor/MP", "Pat Resident", "pat.resident@example.com", "07700 900123"),
		)
		self.assertEqual(
			(complaint.subject, complaint.summary), (e.subject, "Bins missed three weeks running.")
		)
		self.assertEqual((complaint.service_area, complaint.preferred_contact), (self.north, "Email"))
		self.assertEqual(str(complaint.received_at), "2026-04-02 00:00:00")
		# Stage 1 counts from the enquiry's day: 10 working days over Easter.
		self.assertEqual(str(current_stage(name).response_due), "2026-04-20")
		self.assertEqual(frappe.db.get_value("Member Enquiry", e.name, "complaint"), name)
		self.assertTrue(
			frappe.db.exists(
				"Comment",
				{
					"reference_doctype": "Complaint",
					"reference_name": name,
					"content": ["like", f"%{e.name}%"],
				},
			)
		)
		with self.assertRaises(EnquiryComplaintError):
			create_complaint(e.name)

	def test_a_complaint_needs_the_constituent(self):
		e = make_enquiry(self.north, "Corporate", "2026-04-02")
		with self.assertRaises(EnquiryComplaintError):
			create_complaint(e.name)
		self.assertIsNone(frappe.db.get_value("Member Enquiry", e.name, "complaint"))

	def test_only_someone_who_may_create_complaints_makes_one(self):
		e = make_enquiry(
			self.north, "Corporate", "2026-04-02", on_behalf_of_name="Pat Resident", consent="Verbal consent"
		)
		with self.assertRaises(frappe.PermissionError):
			self.as_user(self.manager, create_complaint, e.name)
		self.assertTrue(self.as_user(self.officer, create_complaint, e.name))

	def test_an_enquiry_links_only_to_a_complaint_its_editor_may_open(self):
		theirs = make_complaint(service_area=self.north, subject="North pothole")
		other = make_complaint(service_area=self.south, subject="South pothole")
		e = make_enquiry(self.north, "Corporate", "2026-04-02")
		frappe.set_user(self.manager)
		try:
			doc = frappe.get_doc("Member Enquiry", e.name)
			doc.complaint = other.name
			with self.assertRaises(ComplaintNotReadableError):
				doc.save()
			doc.reload()
			doc.complaint = theirs.name
			doc.save()
		finally:
			frappe.set_user("Administrator")
		self.assertEqual(frappe.db.get_value("Member Enquiry", e.name, "complaint"), theirs.name)

	# -- compliments passed on -------------------------------------------------------------------

	def queued_for(self, compliment: str) -> list[frappe._dict]:
		return frappe.get_all(
			"Email Queue",
			{"reference_doctype": "Compliment", "reference_name": compliment},
			["name", "message"],
		)

	def test_passing_a_compliment_on_emails_it_and_records_the_day(self):
		self.assertTrue(frappe.db.exists("Email Template", COMPLIMENT_TEMPLATE))
		with self.freeze_time("2026-06-15 10:00:00"):
			c = make_compliment(
				self.north, "2026-06-10", passed_to=self.officer, about_staff="The reablement team"
			)
		self.assertEqual(str(c.passed_on), "2026-06-15")
		queued = self.queued_for(c.name)
		self.assertEqual(len(queued), 1)
		recipients = frappe.get_all("Email Queue Recipient", {"parent": queued[0].name}, pluck="recipient")
		self.assertEqual(recipients, [self.officer])
		self.assertIn("The reablement team", queued[0].message)
		c.reload()
		c.from_name = "A grateful son"
		c.save()
		self.assertEqual(len(self.queued_for(c.name)), 1)  # nothing new to pass on
		c.passed_to = self.manager
		c.save()
		self.assertEqual(len(self.queued_for(c.name)), 2)  # handed to someone else: they are told too

	def test_a_compliment_passed_on_by_hand_sends_nothing(self):
		c = make_compliment(self.north, "2026-06-10", passed_to=self.officer, passed_on="2026-06-11")
		self.assertEqual(self.queued_for(c.name), [])
		with self.assertRaises(frappe.ValidationError):
			make_compliment(self.north, "2026-06-10", passed_to=self.officer, passed_on="2026-06-01")

	def test_a_compliment_title_names_who_and_where(self):
		c = make_compliment(self.north, "2026-06-10", from_whom="Family or carer")
		self.assertEqual(c.title, f"Family or carer on {self.north}")

	# -- the public form -------------------------------------------------------------------------

	def submit(self, **values):
		data = {
			"doctype": "Compliment",
			"web_form_name": "compliment",
			"public_topic": self.topic.name,
			"what_was_said": f"The carer who visits my mother is kind and on time ({self.run_id}).",
			"about_staff": "Maria, home care",
			"from_whom": "Family or carer",
			"from_name": "Sam Daughter",
			"from_email": "sam.daughter@example.com",
			**values,
		}
		frappe.set_user("Guest")
		try:
			return portal.accept(web_form="compliment", data=json.dumps(data))
		finally:
			frappe.flags.in_web_form = False
			frappe.set_user("Administrator")

	def test_a_guest_sends_a_compliment_from_the_web_form(self):
		with self.freeze_time("2026-06-15 10:00:00"):
			sent = self.submit(
				passed_to=self.officer,
				passed_on="2026-01-01",
				channel="Phone",
				received_on="2020-01-01",
				service_area=self.south,
			)
		# The public gets its reference back, not the record the council keeps.
		self.assertEqual(set(sent), {"name", "doctype"})
		c = frappe.get_doc("Compliment", sent["name"])
		self.assertEqual((c.channel, str(c.received_on), c.service_area), ("Web", "2026-06-15", self.north))
		self.assertEqual((c.passed_to, c.passed_on), (None, None))
		self.assertEqual(
			(c.from_whom, c.about_staff, c.owner), ("Family or carer", "Maria, home care", "Guest")
		)
		self.assertEqual(self.queued_for(c.name), [])

	def test_a_public_submission_cannot_set_the_internal_fields(self):
		"""Even with internal fields on the web form, the server keeps only the public ones."""
		frappe.set_user("Guest")
		frappe.flags.in_web_form = True
		try:
			c = make_compliment(
				self.south,
				"2019-01-01",
				public_topic=self.topic.name,
				channel="Letter",
				theme="Communication",
				passed_to=self.officer,
				passed_on="2026-01-01",
			)
		finally:
			frappe.flags.in_web_form = False
			frappe.set_user("Administrator")
		self.assertEqual((c.channel, c.service_area, c.theme), ("Web", self.north, None))
		self.assertEqual((c.passed_to, c.passed_on), (None, None))
		self.assertEqual(self.queued_for(c.name), [])

	def test_the_public_form_refuses_a_bot_and_needs_a_topic(self):
		with self.assertRaises(ComplimentSubmissionError):
			self.submit(company_website="http://spam.example.com")
		with self.assertRaises(ComplimentSubmissionError):
			self.submit(public_topic="")
		self.topic.db_set("enabled", 0)
		try:
			with self.assertRaises(ComplimentSubmissionError):
				self.submit()
		finally:
			self.topic.db_set("enabled", 1)


class TestFeedbackOverRest(FrappeAPITestCase):
	"""REST and the public form over HTTP. Requests commit, so what this suite makes is deleted after."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		cls.run_id = frappe.generate_hash(length=6)
		cls.started = now_datetime() - timedelta(seconds=1)
		cls.manager = make_user(f"feedback.rest.{cls.run_id}@example.com", "Service Manager")
		cls.north = make_service_area(f"Feedback REST North {cls.run_id}", manager=cls.manager)
		cls.south = make_service_area(f"Feedback REST South {cls.run_id}")
		cls.topic = frappe.get_doc(
			{
				"doctype": "Complaint Public Topic",
				"topic": f"Parks {cls.run_id}",
				"service_area": cls.north,
				"procedure": LGSCO,
			}
		).insert(ignore_permissions=True)
		cls.north_compliment = make_compliment(cls.north, "2026-05-01", from_name=cls.run_id).name
		cls.south_compliment = make_compliment(cls.south, "2026-05-01", from_name=cls.run_id).name
		cls.north_enquiry = make_enquiry(cls.north, "Corporate", "2026-05-01", member_name=cls.run_id).name
		cls.south_enquiry = make_enquiry(cls.south, "Corporate", "2026-05-01", member_name=cls.run_id).name
		frappe.db.commit()

	@classmethod
	def tearDownClass(cls):
		frappe.set_user("Administrator")
		frappe.db.rollback()
		# Newest first, so the naming series count back to where they were.
		made = {
			"Compliment": frappe.get_all(
				"Compliment",
				or_filters={"from_name": cls.run_id, "what_was_said": ["like", f"%{cls.run_id}%"]},
				pluck="name",
			),
			"Member Enquiry": frappe.get_all("Member Enquiry", {"member_name": cls.run_id}, pluck="name"),
		}
		for doctype, names in made.items():
			for name in sorted(names, reverse=True):
				committed(purge, doctype, name)
		committed(purge, "Complaint Public Topic", cls.topic.name)
		for area in (cls.north, cls.south):
			committed(purge, "Complaint Service Area", area)
		committed(log_out, cls.manager, since=cls.started)
		committed(purge_user, cls.manager)
		for key in frappe.cache.get_keys("rl:"):
			frappe.cache.delete(key)
		super().tearDownClass()

	def fresh(self, response):
		frappe.db.commit()
		self.TEST_CLIENT._cookies.clear()
		return response

	def test_a_service_manager_reaches_only_their_areas_over_rest(self):
		sid = login(self.manager)
		for doctype, own, other in (
			("Compliment", self.north_compliment, self.south_compliment),
			("Member Enquiry", self.north_enquiry, self.south_enquiry),
		):
			listing = self.fresh(self.get(self.resource(doctype), {"sid": sid, "limit_page_length": 0}))
			self.assertEqual(listing.status_code, 200)
			names = {row["name"] for row in listing.json["data"]}
			self.assertIn(own, names)
			self.assertNotIn(other, names)
			self.assertEqual(self.fresh(self.get(self.resource(doctype, own), {"sid": sid})).status_code, 200)
			self.assertEqual(
				self.fresh(self.get(self.resource(doctype, other), {"sid": sid})).status_code, 403
			)

	def test_the_compliment_page_offers_the_public_topics(self):
		page = self.fresh(self.get("/compliment", follow_redirects=True))
		self.assertEqual(page.status_code, 200)
		html = page.get_data(as_text=True)
		self.assertIn("Send a compliment", html)
		self.assertIn(self.topic.name, html)

	def test_a_guest_sends_a_compliment_over_http(self):
		for key in frappe.cache.get_keys("rl:"):
			frappe.cache.delete(key)
		data = {
			"doctype": "Compliment",
			"web_form_name": "compliment",
			"public_topic": self.topic.name,
			"what_was_said": f"The park keeper fixed the swings in a day ({self.run_id}).",
			"from_whom": "Member of the public",
			"passed_to": "Administrator",
			"channel": "Phone",
		}
		response = self.fresh(
			self.post(self.method(ACCEPT), {"web_form": "compliment", "data": json.dumps(data)})
		)
		self.assertEqual(response.status_code, 200, response.json)
		name = response.json["message"]["name"]
		c = frappe.get_doc("Compliment", name)
		self.assertEqual(
			(c.channel, c.service_area, c.passed_to, c.owner), ("Web", self.north, None, "Guest")
		)
		self.assertEqual(str(c.received_on), frappe.utils.nowdate())  # the day it was sent
