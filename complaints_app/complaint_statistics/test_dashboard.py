# Copyright (c) 2026, complaints_app contributors
# See license.txt
"""The Complaints dashboard as each reader sees it, through the calls the desk makes.

Today is Wednesday 14 January 2026 (the financial year 2025/26). Whether the week starts on
Sunday or Monday, it runs to the 17th or 18th: a stage due on the 13th is overdue, the 14th to
16th are due this week, the 19th is next week. Stage 1 of the LGSCO procedure is due ten
working days after receipt (England: 1 January is a bank holiday).

North (its manager sees only these):

=========== ========== ========================================================== ===========
case        received   what happened                                              due
=========== ========== ========================================================== ===========
N overdue   2025-12-01 open                                                       2025-12-15
N thursday  2025-12-31 open                                                       2026-01-15
N on hold   2026-01-02 on hold since today (no due date while paused)             -
N stage 2   2025-11-03 upheld 10 Nov (in time); stage 2 requested 20 Nov, open    overdue
N late      2025-10-01 not upheld 1 Dec (late)
N withdrawn 2025-09-01 withdrawn 5 Sep (not a formal response)
N last year 2025-03-03 upheld 10 Mar 2025 (previous financial year)
=========== ========== ========================================================== ===========

South:

=========== ========== ========================================================== ===========
S overdue   2025-11-03 open                                                       2025-11-17
S overdue 2 2025-10-06 open                                                       2025-10-20
S yesterday 2025-12-29 open                                                       2026-01-13
S today     2025-12-30 open                                                       2026-01-14
S friday    2026-01-02 open                                                       2026-01-16
S next week 2026-01-05 open                                                       2026-01-19
S in time   2025-06-02 not upheld 9 Jun (in time)
S in time 2 2025-07-01 partially upheld 8 Jul (in time)
S late      2025-05-01 upheld 1 Jul (late)
=========== ========== ========================================================== ===========

So North has 4 open cases (3 at stage 1, 1 at stage 2), 2 overdue, 1 due this week, 1 on hold,
and 1 of 2 formal responses this year in time (50%); South has 6 open (all stage 1), 3 overdue,
2 due this week, none on hold and 2 of 3 in time (67%). A Complaints Manager sees every case on
the site, so their figures are checked against a count that ignores permissions.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import frappe
import pytz
from frappe.desk.doctype.dashboard.dashboard import get_permitted_cards, get_permitted_charts
from frappe.desk.doctype.dashboard_chart.dashboard_chart import get as get_chart
from frappe.desk.doctype.number_card.number_card import get_result
from frappe.desk.query_report import run as run_report
from frappe.tests.utils import FrappeTestCase
from frappe.utils import get_datetime, get_last_day_of_week, get_system_timezone
from freezegun import freeze_time

from complaints_app.alerts.testing import AlertTestMixin
from complaints_app.complaint_statistics import dashboard
from complaints_app.complaint_statistics.definitions import percent
from complaints_app.complaints.clock_refresh import RUNNING_STATES as RUNNING
from complaints_app.complaints.testing import (
	LGSCO,
	current_stage,
	make_complaint,
	make_service_area,
	make_user,
)
from complaints_app.complaints.testing import respond as respond_to
from complaints_app.vocabulary import FINDINGS

TODAY = date(2026, 1, 14)
YEAR = ("2025-04-01", "2026-03-31")
MODULE_PATH = Path(__file__).parent
CARDS = {
	"open": "Open Cases",
	"overdue": "Overdue Cases",
	"due": "Cases Due This Week",
	"on_hold": "Cases On Hold",
	"in_time": "Responded in Time This Year",
}
CHARTS = {
	"by_stage": "Open Cases by Stage",
	"by_month": "Complaints Received by Month",
	"outcomes": "Outcomes This Year",
}


def frozen_on(day: date):
	"""Frappe's clock at 09:00 on ``day`` in the site's time zone (as FrappeTestCase.freeze_time)."""
	moment = pytz.timezone(get_system_timezone()).localize(get_datetime(f"{day} 09:00:00"))
	return freeze_time(moment.astimezone(pytz.utc))


def shipped(folder: str) -> list[dict]:
	"""Every standard record the module ships in ``folder`` (one JSON file per record)."""
	return [json.loads(p.read_text()) for p in sorted((MODULE_PATH / folder).glob("*/*.json"))]


class TestComplaintsDashboard(AlertTestMixin, FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		run = cls.start_run()
		cls.north_manager = make_user(f"dash.north.{run}@example.com", "Service Manager")
		cls.south_manager = make_user(f"dash.south.{run}@example.com", "Service Manager")
		cls.complaints_manager = make_user(f"dash.cm.{run}@example.com", "Complaints Manager")
		cls.nobody = make_user(f"dash.nobody.{run}@example.com")
		cls.north = make_service_area(f"Dashboard North {run}", manager=cls.north_manager)
		cls.south = make_service_area(f"Dashboard South {run}", manager=cls.south_manager)
		with frozen_on(TODAY):
			cls.build_cases()

	@classmethod
	def case(cls, key, area, received, responded=None, outcome=None):
		complaint = make_complaint(
			procedure=LGSCO, service_area=area, received_at=f"{received} 10:00:00", subject=f"Dashboard {key}"
		)
		if responded:
			respond_to(current_stage(complaint.name), responded, outcome)
		cls.cases[key] = complaint.name
		return complaint

	@classmethod
	def build_cases(cls):
		cls.cases = {}
		n, s = cls.north, cls.south
		cls.case("N overdue", n, "2025-12-01")
		cls.case("N thursday", n, "2025-12-31")
		held = current_stage(cls.case("N on hold", n, "2026-01-02").name)
		held.hold_reason = "Waiting for the complainant's photographs"
		held.workflow_state = "On hold"
		held.save()
		escalated = cls.case("N stage 2", n, "2025-11-03", "2025-11-10", "Upheld")
		escalated.reload()
		escalated.escalate(handler="Administrator", requested_at="2025-11-20 09:00:00")
		cls.case("N late", n, "2025-10-01", "2025-12-01", "Not upheld")
		cls.case("N withdrawn", n, "2025-09-01", "2025-09-05", "Withdrawn")
		cls.case("N last year", n, "2025-03-03", "2025-03-10", "Upheld")

		cls.case("S overdue", s, "2025-11-03")
		cls.case("S overdue 2", s, "2025-10-06")
		cls.case("S yesterday", s, "2025-12-29")
		cls.case("S today", s, "2025-12-30")
		cls.case("S friday", s, "2026-01-02")
		cls.case("S next week", s, "2026-01-05")
		cls.case("S in time", s, "2025-06-02", "2025-06-09", "Not upheld")
		cls.case("S in time 2", s, "2025-07-01", "2025-07-08", "Partially upheld")
		cls.case("S late", s, "2025-05-01", "2025-07-01", "Upheld")

	def setUp(self):
		# Frozen first: saving Complaints Settings (AlertTestMixin) refreshes every running clock.
		freezer = frozen_on(TODAY)
		freezer.start()
		self.addCleanup(freezer.stop)
		super().setUp()
		self.addCleanup(frappe.set_user, "Administrator")

	# -- the desk's calls, as one reader --------------------------------------------------

	def card_value(self, user: str, key: str):
		"""What the number card shows ``user``, fetched the way the card widget fetches it."""
		card = frappe.get_doc("Number Card", CARDS[key])
		frappe.set_user(user)
		try:
			if card.type == "Custom":
				result = frappe.get_attr(card.method)(filters=card.filters_json)
				return result["value"] if isinstance(result, dict) else result
			return get_result(doc=frappe.as_json(card.as_dict()), filters=card.filters_json)
		finally:
			frappe.set_user("Administrator")

	def chart_data(self, user: str, key: str) -> dict:
		"""The chart's labels and values for ``user``: a Report chart runs its report, as the widget does."""
		chart = frappe.get_doc("Dashboard Chart", CHARTS[key])
		frappe.set_user(user)
		try:
			if chart.chart_type == "Report":
				self.assertTrue(chart.use_report_chart)
				result = run_report(chart.report_name, filters=chart.filters_json, ignore_prepared_report=1)
				data = result["chart"]["data"]
			else:
				data = get_chart(chart_name=chart.name, filters=chart.filters_json, refresh=1) or {}
		finally:
			frappe.set_user("Administrator")
		totals: dict = {}
		for dataset in data.get("datasets", []):
			for label, value in zip(data["labels"], dataset["values"], strict=True):
				totals[label] = totals.get(label, 0) + value
		return totals

	def figures(self, user: str) -> dict:
		return {key: self.card_value(user, key) for key in CARDS}

	# -- what everybody sees ---------------------------------------------------------------

	def test_the_cases_are_due_when_the_docstring_says(self):
		due = {
			key: frappe.db.get_value("Complaint", name, ["response_due", "status"])
			for key, name in self.cases.items()
		}
		self.assertEqual(due["N thursday"][0], date(2026, 1, 15))
		self.assertEqual(due["N on hold"], (None, "On hold"))
		self.assertEqual(due["S yesterday"][0], date(2026, 1, 13))
		self.assertEqual(due["S today"][0], date(2026, 1, 14))
		self.assertEqual(due["S friday"][0], date(2026, 1, 16))
		self.assertEqual(due["S next week"][0], date(2026, 1, 19))
		self.assertEqual(frappe.db.get_value("Complaint", self.cases["N stage 2"], "current_stage_number"), 2)

	def test_a_service_manager_sees_the_numbers_of_their_own_area(self):
		self.assertEqual(
			self.figures(self.north_manager),
			{"open": 4, "overdue": 2, "due": 1, "on_hold": 1, "in_time": 50},
		)
		self.assertEqual(
			self.figures(self.south_manager),
			{"open": 6, "overdue": 3, "due": 2, "on_hold": 0, "in_time": 67},
		)

	def test_a_complaints_manager_sees_every_case(self):
		week = [TODAY, get_last_day_of_week(TODAY)]
		window = {"workflow_state": ["in", RUNNING], "response_due": ["between", week]}
		# Stage 1 of the complaints received this financial year, formally responded to by its end.
		found = frappe.get_all(
			"Complaint Stage",
			[
				["stage_number", "=", 1],
				["outcome", "in", FINDINGS],
				["responded_on", "<=", YEAR[1]],
				["event_at", ">=", YEAR[0]],
				["event_at", "<", "2026-04-01"],
			],
			pluck="in_time_extended",
		)
		everything = {
			"open": frappe.db.count("Complaint Stage", {"workflow_state": ["in", RUNNING]}),
			"overdue": frappe.db.count(
				"Complaint Stage", {"workflow_state": ["in", RUNNING], "clock_status": "Overdue"}
			),
			"due": frappe.db.count("Complaint Stage", window),
			"on_hold": frappe.db.count("Complaint Stage", {"workflow_state": "On hold"}),
			"in_time": percent(sum(found), len(found)),
		}
		figures = self.figures(self.complaints_manager)
		self.assertEqual(figures, everything)
		self.assertGreaterEqual(figures["open"], 4 + 6)
		self.assertGreaterEqual(figures["due"], 1 + 2)

	def test_charts_show_a_service_manager_only_their_area(self):
		self.assertEqual(self.chart_data(self.north_manager, "by_stage"), {1: 3, 2: 1})
		self.assertEqual(self.chart_data(self.south_manager, "by_stage"), {1: 6})
		north_months = {m: n for m, n in self.chart_data(self.north_manager, "by_month").items() if n}
		self.assertEqual(north_months, {"Sep 25": 1, "Oct 25": 1, "Nov 25": 1, "Dec 25": 2, "Jan 26": 1})
		south_months = {m: n for m, n in self.chart_data(self.south_manager, "by_month").items() if n}
		self.assertEqual(
			south_months,
			{"May 25": 1, "Jun 25": 1, "Jul 25": 1, "Oct 25": 1, "Nov 25": 1, "Dec 25": 2, "Jan 26": 2},
		)
		self.assertEqual(
			self.chart_data(self.north_manager, "outcomes"),
			{"Upheld": 1, "Not upheld": 1, "Withdrawn": 1, "Remains open": 3},
		)
		self.assertEqual(
			self.chart_data(self.south_manager, "outcomes"),
			{"Upheld": 1, "Partially upheld": 1, "Not upheld": 1, "Remains open": 6},
		)

	def test_charts_show_a_complaints_manager_every_case(self):
		by_stage = frappe.get_all(
			"Complaint Stage",
			{"workflow_state": ["in", RUNNING]},
			["stage_number", "count(*) as n"],
			group_by="stage_number",
		)
		self.assertEqual(
			self.chart_data(self.complaints_manager, "by_stage"), {r.stage_number: r.n for r in by_stage}
		)
		received = frappe.db.count(
			"Complaint",
			[
				["received_at", ">=", YEAR[0]],
				["received_at", "<", "2026-04-01"],
				["is_service_request", "=", 0],
			],
		)
		months = self.chart_data(self.complaints_manager, "by_month")
		self.assertEqual(sum(months.values()), received)
		self.assertGreaterEqual(months["Dec 25"], 2 + 2)
		self.assertEqual(sum(self.chart_data(self.complaints_manager, "outcomes").values()), received)

	def test_a_chart_is_never_served_from_another_readers_cache(self):
		"""Frappe caches chart data by chart name; the app's override computes it for each reader."""
		path = "frappe.desk.doctype.dashboard_chart.dashboard_chart.get"
		override = frappe.get_attr(frappe.get_hooks("override_whitelisted_methods")[path][-1])
		self.assertIs(override, dashboard.dashboard_chart)
		frappe.set_user(self.complaints_manager)
		everyone = override(chart_name=CHARTS["by_stage"])
		frappe.set_user(self.south_manager)
		try:
			south = override(chart_name=CHARTS["by_stage"])  # no refresh asked for
		finally:
			frappe.set_user("Administrator")
		self.assertEqual(dict(zip(south["labels"], south["datasets"][0]["values"], strict=True)), {1: 6})
		self.assertNotEqual(south, everyone)

	def test_stage_numbers_need_permission_to_read_stages(self):
		frappe.set_user(self.nobody)
		for method in (dashboard.due_this_week, dashboard.responded_in_time_this_year):
			with self.assertRaises(frappe.PermissionError):
				method()

	def test_a_share_of_nothing_is_a_dash(self):
		frappe.set_user(self.north_manager)
		with frozen_on(date(2027, 4, 1)):
			self.assertEqual(dashboard.responded_in_time_this_year(), "-")

	# -- what ships ------------------------------------------------------------------------

	def test_every_shipped_card_chart_and_dashboard_is_standard_after_migrate(self):
		for folder, doctype in (
			("number_card", "Number Card"),
			("dashboard_chart", "Dashboard Chart"),
			("complaint_statistics_dashboard", "Dashboard"),
		):
			files = shipped(folder)
			self.assertTrue(files, folder)
			for record in files:
				self.assertEqual(record["doctype"], doctype)
				stored = frappe.db.get_value(doctype, record["name"], ["is_standard", "module"], as_dict=True)
				self.assertIsNotNone(stored, f"{doctype} {record['name']} was not synced")
				self.assertEqual((stored.is_standard, stored.module), (1, "Complaint Statistics"))
		self.assertEqual({c["name"] for c in shipped("number_card")}, set(CARDS.values()))
		self.assertEqual({c["name"] for c in shipped("dashboard_chart")}, set(CHARTS.values()))
		for card in shipped("number_card"):
			if card["type"] == "Custom":
				self.assertIn(frappe.get_attr(card["method"]), frappe.whitelisted)

	def test_the_dashboard_and_workspace_show_every_card_and_chart_to_a_service_manager(self):
		frappe.set_user(self.north_manager)
		self.assertEqual({c.card for c in get_permitted_cards("Complaints")}, set(CARDS.values()))
		self.assertEqual({c.chart for c in get_permitted_charts("Complaints")}, set(CHARTS.values()))
		frappe.set_user("Administrator")
		workspace = frappe.get_doc("Workspace", "Complaints")
		self.assertEqual({c.number_card_name for c in workspace.number_cards}, set(CARDS.values()))
		self.assertEqual({c.chart_name for c in workspace.charts}, set(CHARTS.values()))
		reports = {link.link_to for link in workspace.links if link.link_type == "Report"}
		modules = frappe.get_module_list("complaints_app")  # statistics, feedback, learning, retention...
		self.assertIn("Complaint Statistics", modules)
		self.assertEqual(reports, set(frappe.get_all("Report", {"module": ["in", modules]}, pluck="name")))
		doctypes = {link.link_to for link in workspace.links if link.link_type == "DocType"}
		self.assertTrue({"Ombudsman Annual Letter", "Complaints Annual Report", "Complaint"} <= doctypes)
