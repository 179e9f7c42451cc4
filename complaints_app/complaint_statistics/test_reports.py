# Copyright (c) 2026, complaints_app contributors
# See license.txt
"""Every statistics report on a hand-built council of about twenty complaints.

The expected cells below were counted by hand from the cases listed in ``build_council``
(working days counted on the England calendar, with Easter and the May bank holidays of
2025), not copied from the code. The period is the financial year 2025/26; the previous
period is 2024/25. Everything lives under one service-area tree made for this suite, and
the reports are filtered to it, so other suites' cases on the site cannot change a cell.

The cases (L: LGSCO procedure, C: children's statutory procedure; N: North, S: South, R:
South Rural, which is below South; E: an area outside the tree):

==== ==== ================= ========== ===================================================
case area theme             received   what happened
==== ==== ================= ========== ===================================================
A1   N L  Communication     2025-05-06 acknowledged 7 May, upheld 14 May (5 wd, in time)
A2   N L  Communication     2025-06-02 ack 3 Jun, not upheld 10 Jun (5 wd); premature Ombudsman referral
A3   N L  Officer Behaviour 2025-07-01 ack 2 Jul, partially upheld 29 Aug (41 wd, late); Ombudsman upheld
A4   S L  Officer Behaviour 2025-09-01 ack 2 Sep, not upheld 9 Sep (5 wd); Ombudsman decides after To date
A5   R L  Service Decision  2025-10-01 ack 2 Oct, withdrawn at stage 1 on 8 Oct
A6   R L  Service Decision  2025-11-03 ack 4 Nov, refused (court case), closed 5 Nov
A7   S L  Standard of Serv. 2026-03-20 never acknowledged, open
A8   N L  Standard of Serv. 2026-03-02 ack 3 Mar, upheld 10 Apr 2026: open at To date
A9   N L  Communication     2025-03-25 ack 26 Mar, upheld 8 Apr 2025: previous period, open at its end
A10  S L  Communication     2025-12-01 ack 1 Dec, resolved informally 3 Dec
A11  N L  Speed of Service  2025-08-04 out of remit at intake (no stage)
A12  N L  Communication     2024-10-01 ack 2 Oct, not upheld 9 Oct (previous period, 5 wd)
A13  N L  -                 2025-05-01 a service request: never counted
A14  E L  Communication     2025-05-01 upheld: outside the tree, never counted
B1   S C  Service Decision  2025-04-07 ack 8 Apr, not upheld 22 Apr (9 wd over Easter); stage 2
                                       requested 1 May, partially upheld 1 Jul; stage 3 requested
                                       10 Jul, panel held 1 Aug, adequate, recommendations, upheld
B2   N C  Access to Service 2025-05-12 ack 13 May, upheld 20 May (6 wd); stage 2 requested 2 Jun,
                                       on hold 16 Mar to 20 Apr 2026
B3   N C  Access to Service 2025-06-09 ack 10 Jun, not upheld 16 Jun (5 wd); stage 2 requested
                                       20 Jun, withdrawn 1 Jul
B4   S C  Use of Data       2025-09-08 ack 9 Sep, not upheld 15 Sep (5 wd); stage 2 requested
                                       22 Sep, under investigation
B5   R C  Use of Data       2025-10-06 ack 14 Oct (late), partially upheld 30 Oct (18 wd, late)
B6   S C  Officer Behaviour 2024-06-03 ack 4 Jun, upheld 10 Jun 2024 (5 wd); stage 2 requested
                                       17 Jun, not upheld 2 Sep 2024 (previous period)
==== ==== ================= ========== ===================================================
"""

from __future__ import annotations

import threading

import frappe
from frappe.desk.query_report import run as run_report
from frappe.tests.utils import FrappeTestCase

from complaints_app.alerts.testing import AlertTestMixin
from complaints_app.complaint_statistics.cohort import ReportFilterError
from complaints_app.complaint_statistics.report.complaint_timeliness import complaint_timeliness
from complaints_app.complaint_statistics.report.complaints_by_service_area import complaints_by_service_area
from complaints_app.complaint_statistics.report.complaints_by_theme_and_outcome import (
	complaints_by_theme_and_outcome,
)
from complaints_app.complaint_statistics.report.complaints_received_by_month import (
	complaints_received_by_month,
)
from complaints_app.complaint_statistics.report.ombudsman_enquiries import ombudsman_enquiries
from complaints_app.complaint_statistics.report.review_panels import review_panels
from complaints_app.complaint_statistics.report.stage_2_summary import stage_2_summary
from complaints_app.complaint_statistics.tables import field_key
from complaints_app.complaints.testing import (
	CHILDRENS,
	LGSCO,
	current_stage,
	make_complaint,
	make_service_area,
	make_user,
	respond,
)
from complaints_app.setup.defaults import THEMES as SHIPPED_THEMES

PERIOD = {"from_date": "2025-04-01", "to_date": "2026-03-31"}
# The eight themes in seed 003's column order (the ones the app ships).
THEMES = SHIPPED_THEMES


class TestStatisticsReports(AlertTestMixin, FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		run = cls.start_run()
		cls.root = make_service_area(f"Stats Council {run}")
		cls.north_manager = make_user(f"stats.north.{run}@example.com", "Service Manager")
		cls.north = make_service_area(f"Stats North {run}", manager=cls.north_manager, parent=cls.root)
		cls.south = make_service_area(f"Stats South {run}", parent=cls.root)
		cls.rural = make_service_area(f"Stats South Rural {run}", parent=cls.south)
		cls.elsewhere = make_service_area(f"Stats Elsewhere {run}")
		cls.run_id = run
		cls.build_council()

	# -- the data set ----------------------------------------------------------------

	@classmethod
	def case(cls, key, area, procedure, theme, received, ack=None, responded=None, outcome=None, **more):
		complaint = make_complaint(
			procedure=procedure,
			service_area=area,
			theme=theme,
			received_at=f"{received} 10:00:00",
			subject=f"Statistics case {key}",
			**more,
		)
		if frappe.db.get_value("Complaint", complaint.name, "current_stage"):
			stage = current_stage(complaint.name)
			if ack:
				stage.acknowledged_on = ack
				stage.save()
			if responded:
				respond(stage, responded, outcome)
		cls.cases[key] = complaint.name
		return complaint

	@classmethod
	def escalate(cls, key, requested, responded=None, outcome=None, handler="Administrator"):
		complaint = frappe.get_doc("Complaint", cls.cases[key])
		stage = complaint.escalate(handler=handler, requested_at=f"{requested} 09:00:00")
		if responded:
			respond(stage, responded, outcome)
		return stage

	@classmethod
	def build_council(cls):
		cls.cases = {}
		n, s, r = cls.north, cls.south, cls.rural
		cls.case("A1", n, LGSCO, "Communication", "2025-05-06", "2025-05-07", "2025-05-14", "Upheld")
		cls.case("A2", n, LGSCO, "Communication", "2025-06-02", "2025-06-03", "2025-06-10", "Not upheld")
		cls.case(
			"A3", n, LGSCO, "Officer Behaviour", "2025-07-01", "2025-07-02", "2025-08-29", "Partially upheld"
		)
		cls.case("A4", s, LGSCO, "Officer Behaviour", "2025-09-01", "2025-09-02", "2025-09-09", "Not upheld")
		cls.case("A5", r, LGSCO, "Service Decision", "2025-10-01", "2025-10-02", "2025-10-08", "Withdrawn")
		refused = cls.case("A6", r, LGSCO, "Service Decision", "2025-11-03", "2025-11-04")
		refused.reload()
		refused.close_with("Refused", "A concurrent court case covers the same matter.")
		# Closing stamps today's date; this case was closed on 5 November 2025.
		frappe.db.set_value("Complaint", refused.name, "closed_on", "2025-11-05")
		cls.case("A7", s, LGSCO, "Standard of Service", "2026-03-20")
		cls.case("A8", n, LGSCO, "Standard of Service", "2026-03-02", "2026-03-03", "2026-04-10", "Upheld")
		cls.case("A9", n, LGSCO, "Communication", "2025-03-25", "2025-03-26", "2025-04-08", "Upheld")
		cls.case(
			"A10", s, LGSCO, "Communication", "2025-12-01", "2025-12-01", "2025-12-03", "Resolved informally"
		)
		cls.case(
			"A11",
			n,
			LGSCO,
			"Speed of Service",
			"2025-08-04",
			out_of_remit=1,
			out_of_remit_reason="A parking fine: the Traffic Penalty Tribunal decides.",
		)
		cls.case("A12", n, LGSCO, "Communication", "2024-10-01", "2024-10-02", "2024-10-09", "Not upheld")
		cls.case(
			"A13",
			n,
			LGSCO,
			None,
			"2025-05-01",
			is_service_request=1,
			service_request_reason="A request to empty a bin.",
		)
		cls.case(
			"A14", cls.elsewhere, LGSCO, "Communication", "2025-05-01", "2025-05-02", "2025-05-09", "Upheld"
		)

		cls.case(
			"B1", s, CHILDRENS, "Service Decision", "2025-04-07", "2025-04-08", "2025-04-22", "Not upheld"
		)
		cls.escalate("B1", "2025-05-01", "2025-07-01", "Partially upheld")
		panel_stage = cls.escalate("B1", "2025-07-10", handler=cls.north_manager)
		panel = frappe.get_doc("Complaint Review Panel", {"complaint_stage": panel_stage.name})
		for member, chair in (("Pat Chair", 1), ("Sam Member", 0), ("Jo Member", 0)):
			panel.append("members", {"member_name": member, "is_chair": chair})
		panel.panel_date = "2025-08-01"
		panel.investigation_adequate = "Yes"
		panel.recommendations = "Apologise in writing and review the contact arrangements."
		panel.save()
		respond(panel_stage, "2025-09-01", "Upheld")
		cls.case("B2", n, CHILDRENS, "Access to Service", "2025-05-12", "2025-05-13", "2025-05-20", "Upheld")
		on_hold = cls.escalate("B2", "2025-06-02")
		on_hold.reload()
		on_hold.append("pauses", {"from_date": "2026-03-16", "to_date": "2026-04-20", "reason": "Court case"})
		on_hold.save()
		cls.case(
			"B3", n, CHILDRENS, "Access to Service", "2025-06-09", "2025-06-10", "2025-06-16", "Not upheld"
		)
		cls.escalate("B3", "2025-06-20", "2025-07-01", "Withdrawn")
		cls.case("B4", s, CHILDRENS, "Use of Data", "2025-09-08", "2025-09-09", "2025-09-15", "Not upheld")
		cls.escalate("B4", "2025-09-22")
		cls.case(
			"B5", r, CHILDRENS, "Use of Data", "2025-10-06", "2025-10-14", "2025-10-30", "Partially upheld"
		)
		cls.case("B6", s, CHILDRENS, "Officer Behaviour", "2024-06-03", "2024-06-04", "2024-06-10", "Upheld")
		cls.escalate("B6", "2024-06-17", "2024-09-02", "Not upheld")
		cls.build_ombudsman()

	@classmethod
	def enquiry(cls, ref, key, received, enquiry_type, decision=None, decided=None, recommendations=()):
		frappe.get_doc(
			{
				"doctype": "Ombudsman Enquiry",
				"ombudsman": "LGSCO",
				"ombudsman_reference": f"{ref}-{cls.run_id}",
				"complaint": cls.cases[key],
				"received_on": received,
				"enquiry_type": enquiry_type,
				"decision": decision,
				"decision_date": decided,
				"recommendations": list(recommendations),
			}
		).insert()

	@classmethod
	def build_ombudsman(cls):
		cls.enquiry("E1", "A3", "2025-10-01", "Detailed investigation", "Upheld: maladministration and injustice",
			"2026-01-15", [{"recommendation": "Pay £150", "due_date": "2026-02-15", "completed_on": "2026-02-10"}])  # fmt: skip
		cls.enquiry("E2", "A2", "2025-07-01", "Enquiry", "Premature referral", "2025-07-10")
		cls.enquiry("E3", "B1", "2025-11-01", "Detailed investigation",
			"Upheld: no further action (council already remedied)", "2026-02-01")  # fmt: skip
		cls.enquiry("E4", "A4", "2026-03-01", "Detailed investigation", "Not upheld", "2026-04-15")
		cls.enquiry("E5", "A12", "2024-12-01", "Enquiry", "Closed after initial enquiries", "2025-01-10")
		frappe.get_doc(
			{
				"doctype": "Ombudsman Annual Letter",
				"ombudsman": "LGSCO",
				"year_ending": "2026-03-31",
				"council_received": 4,
				"council_premature": 1,
				"council_closed_early": 0,
				"council_detailed": 2,
				"council_upheld": 2,
				"council_upheld_rate": 100,
				"council_compliance_rate": 100,
				"council_remedy_rate": 50,
				"similar_upheld_rate": 71,
				"similar_compliance_rate": 99,
				"similar_remedy_rate": 8,
			}
		).insert()

	# -- helpers -----------------------------------------------------------------------

	def run_module(self, module, **filters):
		columns, data, message, chart, summary = module.execute(
			frappe._dict({**PERIOD, "service_area": self.root, **filters})
		)
		self.assertTrue(chart["data"]["labels"], "every report draws a chart")
		self.assertIsInstance(summary, list)
		return columns, data

	def by_first_column(self, module, **filters) -> dict[str, dict]:
		columns, data = self.run_module(module, **filters)
		first = columns[0]["fieldname"]
		return {row[first]: row for row in data}

	# -- 1. Complaints by Theme and Outcome --------------------------------------------

	def test_theme_and_outcome_cells(self):
		rows = self.by_first_column(complaints_by_theme_and_outcome)
		expected = {
			# outcome: the eight themes in published order, total, total in the previous period
			"Upheld": ((1, 1, 0, 0, 0, 0, 0, 0), 2, 1),
			"Partially upheld": ((0, 0, 1, 0, 0, 0, 0, 1), 2, 0),
			"Not upheld": ((1, 1, 1, 1, 0, 0, 0, 1), 5, 1),
			"Withdrawn": ((0, 0, 0, 1, 0, 0, 0, 0), 1, 0),
			"Resolved informally": ((0, 1, 0, 0, 0, 0, 0, 0), 1, 0),
			"Out of remit": ((0, 0, 0, 1, 0, 1, 0, 0), 2, 0),
			"Remains open": ((0, 0, 0, 0, 0, 0, 2, 0), 2, 1),
			"Total received": ((2, 3, 2, 3, 0, 1, 2, 2), 15, 3),
		}
		self.assertEqual(list(rows), list(expected))
		for outcome, (cells, total, previous) in expected.items():
			row = rows[outcome]
			self.assertEqual(tuple(row[field_key(t)] for t in THEMES), cells, outcome)
			self.assertEqual((row["total"], row["previous_total"]), (total, previous), outcome)

	def test_open_at_to_date_but_answered_later_remains_open(self):
		"""A8 was upheld on 10 April 2026: open on 31 March, upheld once To date passes it."""
		rows = self.by_first_column(complaints_by_theme_and_outcome, to_date="2026-04-30")
		self.assertEqual(rows["Remains open"][field_key("Standard of Service")], 1)
		self.assertEqual(rows["Upheld"][field_key("Standard of Service")], 1)

	def test_received_before_the_period_but_answered_in_it_is_not_received(self):
		"""A9 (received 25 March 2025, upheld 8 April 2025) is in 2024/25, not 2025/26."""
		rows = self.by_first_column(
			complaints_by_theme_and_outcome, from_date="2025-03-01", to_date="2025-03-31"
		)
		self.assertEqual(rows["Total received"]["total"], 1)
		rows = self.by_first_column(
			complaints_by_theme_and_outcome, from_date="2025-04-01", to_date="2025-04-30"
		)
		self.assertEqual(rows["Total received"]["total"], 1)  # B1 only, not A9

	# -- 2. Complaints by Service Area ------------------------------------------------------

	def test_service_area_cells(self):
		columns, data = self.run_module(complaints_by_service_area)
		labels = [c["label"] for c in columns]
		self.assertEqual(
			labels, ["Service area", self.north, self.south, "All areas", "All areas, previous period"]
		)
		table = {row["measure"]: [row[c["fieldname"]] for c in columns[1:]] for row in data}
		self.assertEqual(
			table,
			{
				"Number received": ["7", "8", "15", "3"],
				"Formally responded to": ["5 (71%)", "4 (50%)", "9 (60%)", "2 (67%)"],
				"Responded to within timescale": ["4 (80%)", "3 (75%)", "7 (78%)", "2 (100%)"],
				"Complaint upheld": ["2 (40%)", "0 (0%)", "2 (22%)", "1 (50%)"],
				"Remained open at the end of the period": ["1", "1", "2", "1"],
			},
		)

	def test_service_area_transposed_and_narrowed_to_a_branch(self):
		rows = self.by_first_column(complaints_by_service_area, transpose=1, service_area=self.south)
		# South's own cases (A4, A7, A10, B1, B4), then South Rural below it (A5, A6, B5).
		self.assertEqual(list(rows), [self.south, self.rural, "All areas", "All areas, previous period"])
		picked = (
			"received",
			"responded",
			"responded_pct",
			"in_time",
			"in_time_pct",
			"upheld",
			"remained_open",
		)
		self.assertEqual([rows[self.south][k] for k in picked], [5, 3, 60, 3, 100, 0, 1])
		self.assertEqual([rows[self.rural][k] for k in picked], [3, 1, 33, 0, 0, 0, 0])
		self.assertEqual([rows["All areas"][k] for k in picked], [8, 4, 50, 3, 75, 0, 1])
		# The root's own column is left out: no case is recorded against it directly.
		columns, _data = self.run_module(complaints_by_service_area)
		self.assertNotIn(self.root, [c["label"] for c in columns])

	def test_a_case_with_no_service_area_counts_under_not_recorded(self):
		case = self.case(
			"N1", None, LGSCO, "Communication", "2019-05-01", "2019-05-02", "2019-05-09", "Upheld"
		)
		self.assertFalse(case.service_area)
		columns, data = self.run_module(
			complaints_by_service_area, from_date="2019-04-01", to_date="2020-03-31", service_area=None
		)
		keys = {c["label"]: c["fieldname"] for c in columns}
		received = {r["measure"]: r for r in data}["Number received"]
		self.assertEqual((received[keys["Not recorded"]], received[keys["All areas"]]), ("1", "1"))

	# -- 3. Stage 2 Summary -----------------------------------------------------------------

	def test_stage_2_summary_cells(self):
		columns, data = self.run_module(stage_2_summary)
		keys = [c["fieldname"] for c in columns[1:]]
		table = {row["period"]: [row[k] for k in keys] for row in data}
		# received, on hold, refused, withdrawn, mediation, investigated, upheld, partially, not upheld, open
		self.assertEqual(
			table,
			{
				"2025/26": [4, 1, 0, 1, 0, 2, 0, 1, 0, 1],
				"2024/25": [1, 0, 0, 0, 0, 1, 0, 0, 1, 0],
				"Change": [3, 1, 0, 1, 0, 1, 0, 1, -1, 1],
			},
		)

	# -- 4. Review Panels ----------------------------------------------------------------------

	def test_review_panel_cells(self):
		rows = self.by_first_column(review_panels)
		self.assertEqual(
			{k: (v["current"], v["previous"], v["change"]) for k, v in rows.items()},
			{
				"Requests for a review panel": ("1", "0", "+1"),
				"Panels held": ("1", "0", "+1"),
				"Held within the timescale (30 working days)": ("1", "0", "+1"),
				"Held within the timescale (% of held)": ("100%", "-", "-"),
				"Requests withdrawn": ("0", "0", "0"),
				"Investigation found adequate": ("1", "0", "+1"),
				"Panels that made recommendations": ("1", "0", "+1"),
			},
		)
		message = review_panels.execute(frappe._dict({**PERIOD, "service_area": self.root}))[2]
		self.assertIn("Apologise in writing", message)

	# -- 5. Complaint Timeliness ------------------------------------------------------------

	def test_timeliness_cells(self):
		rows = self.by_first_column(complaint_timeliness)
		self.assertEqual(
			{k: (v["current"], v["previous"], v["change"]) for k, v in rows.items()},
			{
				# 12 of 14 stage-1 acknowledgements in time (A7 never, B5 late); 3 of 3 before.
				"Acknowledged within timescale": ("86%", "100%", "-14 pp"),
				"Formally responded to": ("9", "2", "+7"),
				"Responded within the original target": ("78%", "100%", "-22 pp"),
				"Responded within the extended target": ("78%", "100%", "-22 pp"),
				"Responded within 10 working days": ("78%", "100%", "-22 pp"),
				"Responded within 20 working days": ("89%", "100%", "-11 pp"),
				"Responded within 28 calendar days": ("89%", "100%", "-11 pp"),
				# 5, 5, 5, 5, 5, 6, 9, 18, 41 working days; 5 and 5 the year before.
				"Median working days to respond": ("5", "5", "0 days"),
				"Mean working days to respond": ("11", "5", "+6 days"),
				# Stage 1 answers in the year (A9 included, A8 not): 10, of which B1-B4 went on.
				"Escalation rate, stage 1 to stage 2": ("40%", "50%", "-10 pp"),
				"Escalation rate, stage 2 to stage 3": ("100%", "0%", "+100 pp"),
			},
		)

	def test_timeliness_thresholds_are_filters(self):
		rows = self.by_first_column(complaint_timeliness, first_threshold=5, calendar_threshold=7)
		self.assertEqual(rows["Responded within 5 working days"]["current"], "56%")  # 5 of 9
		self.assertEqual(rows["Responded within 7 calendar days"]["current"], "56%")  # A1 A2 A4 B3 B4
		with self.assertRaises(ReportFilterError):
			complaint_timeliness.execute(frappe._dict({**PERIOD, "first_threshold": -1}))

	# -- 6. Ombudsman Enquiries -------------------------------------------------------------

	def test_ombudsman_cells_beside_the_annual_letter(self):
		rows = self.by_first_column(ombudsman_enquiries, ombudsman="LGSCO")
		self.assertEqual(
			{
				k: (v["current"], v["letter_council"], v["letter_similar"], v["previous"])
				for k, v in rows.items()
			},
			{
				# Received in the year: E1-E4; decided in it: E1, E2, E3 (E4 is decided after To date).
				"Enquiries received": ("4", "4", "-", "1"),
				"Premature referrals": ("1", "1", "-", "0"),
				"Closed after initial enquiries or out of jurisdiction": ("0", "0", "-", "1"),
				"Detailed investigations decided": ("2", "2", "-", "0"),
				"Upheld": ("2", "2", "-", "0"),
				"Upheld (% of detailed investigations)": ("100%", "100%", "71%", "-"),
				"Compliance with recommendations": ("100%", "100%", "99%", "-"),
				"Satisfactory remedy provided by the council (% of upheld)": ("50%", "50%", "8%", "-"),
			},
		)

	# -- 7. Complaints Received by Month ----------------------------------------------------

	def test_received_by_month_cells(self):
		columns, data = self.run_module(complaints_received_by_month)
		self.assertEqual(
			[c["label"] for c in columns],
			["Month", CHILDRENS, LGSCO, "Total", "Same month, previous year"],
		)
		keys = [c["fieldname"] for c in columns]
		table = {row["month"]: [row[k] for k in keys[1:]] for row in data}
		self.assertEqual(
			table,
			{
				"Apr 2025": [1, 0, 1, 0],
				"May 2025": [1, 1, 2, 0],
				"Jun 2025": [1, 1, 2, 1],
				"Jul 2025": [0, 1, 1, 0],
				"Aug 2025": [0, 1, 1, 0],
				"Sep 2025": [1, 1, 2, 0],
				"Oct 2025": [1, 1, 2, 1],
				"Nov 2025": [0, 1, 1, 0],
				"Dec 2025": [0, 1, 1, 0],
				"Jan 2026": [0, 0, 0, 0],
				"Feb 2026": [0, 0, 0, 0],
				"Mar 2026": [0, 2, 2, 1],
				"Total": [5, 10, 15, 3],
			},
		)

	# -- filters and permissions ------------------------------------------------------------

	def test_procedure_filter(self):
		rows = self.by_first_column(complaints_by_theme_and_outcome, procedure=[CHILDRENS])
		self.assertEqual((rows["Total received"]["total"], rows["Total received"]["previous_total"]), (5, 1))

	def test_bad_filters_get_a_sentence(self):
		for filters, words in (
			({"to_date": "2025-01-01"}, "before the From date"),
			({"procedure": ["No such procedure"]}, "no complaint procedure called"),
			({"service_area": "Nowhere at all"}, "no service area called"),
			({"stage_number": 0}, "whole number from 1"),
		):
			with self.assertRaisesRegex(ReportFilterError, words):
				complaints_by_theme_and_outcome.execute(frappe._dict({**PERIOD, **filters}))

	def test_a_service_manager_sees_only_their_areas(self):
		"""North's manager sees North's corporate cases (A1 A2 A3 A8 A11): not South's, and not the
		children's cases B2 and B3, whose procedure is open only to its access role."""
		frappe.set_user(self.north_manager)
		filters = {**PERIOD, "service_area": self.root}
		try:
			result = run_report("Complaints by Service Area", filters=filters)
			columns = {c["label"]: c["fieldname"] for c in result["columns"]}
			received = result["result"][0]
			self.assertEqual(received[columns[self.north]], "5")
			self.assertEqual(received[columns[self.south]], "0")
			self.assertEqual(received[columns["All areas"]], "5")
			themes = run_report("Complaints by Theme and Outcome", filters=filters)
			self.assertEqual(themes["result"][-1]["total"], 5)
			frappe.set_user("Administrator")
			frappe.get_doc("User", self.north_manager).add_roles("Children's Complaints Access")
			frappe.set_user(self.north_manager)
			themes = run_report("Complaints by Theme and Outcome", filters=filters)
			self.assertEqual(themes["result"][-1]["total"], 7)
		finally:
			frappe.set_user("Administrator")

	def test_a_refused_run_does_not_turn_the_report_into_a_prepared_report(self):
		"""Frappe v15 marks a script report "prepared" 15 s after a run that raised, unless cancelled."""
		name = "Complaints by Theme and Outcome"
		with self.assertRaises(ReportFilterError):
			run_report(name, filters={**PERIOD, "to_date": "2025-01-01"})
		waiting = [
			t
			for t in threading.enumerate()
			if isinstance(t, threading.Timer)
			and getattr(t.function, "__name__", "") == "enable_prepared_report"
			and t.kwargs.get("report") == name
			and not t.finished.is_set()
		]
		self.assertEqual(waiting, [])
		self.assertFalse(frappe.db.get_value("Report", name, "prepared_report"))
