# Copyright (c) 2026, complaints_app contributors
# See license.txt
"""Complaints by Root Cause, the root-cause filter every report shares, and duplicates merged away.

The period is the financial year 2025/26 (previous: 2024/25); every case is in one service area
made for this suite, and the reports are filtered to it. Root causes are made for the suite too
(D: delay, C: communication, X: one disabled after its case was recorded).

==== ========== ========= ==================================================================
case received   cause     what else
==== ========== ========= ==================================================================
R1   2025-05-06 D
R2   2025-06-02 D
R3   2025-07-01 C
R4   2025-08-04 -         out of remit at intake
R5   2025-09-01 X
R6   2025-06-09 C         children's; stage 2 investigated with four points: D, D, C and one
                          with no root cause
R7   2025-10-01 D         a duplicate merged into R1: never counted; out of remit too
R8   2025-05-01 D         a service request: never counted
R0   2024-10-01 D         previous period
R9   2024-11-01 C         previous period
==== ========== ========= ==================================================================

Current period: D 2 (R1, R2), C 2 (R3, R6), X 1 (R5), not recorded 1 (R4): 6 received.
Previous: D 1, C 1. Points (R6's investigation): D 2, C 1, not recorded 1.
"""

from __future__ import annotations

import frappe
from frappe.tests.utils import FrappeTestCase

from complaints_app.alerts.testing import AlertTestMixin
from complaints_app.complaint_statistics.annual_report import refused_cases
from complaints_app.complaint_statistics.cohort import ReportFilterError
from complaints_app.complaint_statistics.report.complaints_by_root_cause import complaints_by_root_cause
from complaints_app.complaint_statistics.report.complaints_by_theme_and_outcome import (
	complaints_by_theme_and_outcome,
)
from complaints_app.complaint_statistics.report.complaints_received_by_month import (
	complaints_received_by_month,
)
from complaints_app.complaint_statistics.report.ombudsman_enquiries import ombudsman_enquiries
from complaints_app.complaints.testing import (
	CHILDRENS,
	LGSCO,
	current_stage,
	make_complaint,
	make_service_area,
	respond,
)

PERIOD = {"from_date": "2025-04-01", "to_date": "2026-03-31"}


class TestRootCauses(AlertTestMixin, FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		run = cls.start_run()
		cls.area = make_service_area(f"Root Cause Council {run}")
		cls.delay, cls.communication, cls.retired = (
			frappe.get_doc({"doctype": "Complaint Root Cause", "root_cause_name": f"{name} {run}"})
			.insert()
			.name
			for name in ("Delay", "Communication", "Retired cause")
		)
		cls.cases = {}
		d, c, x = cls.delay, cls.communication, cls.retired
		cls.case("R1", "2025-05-06", d)
		cls.case("R2", "2025-06-02", d)
		cls.case("R3", "2025-07-01", c)
		cls.case("R4", "2025-08-04", None, out_of_remit=1, out_of_remit_reason="A planning appeal.")
		cls.case("R5", "2025-09-01", x)
		cls.case("R7", "2025-10-01", d, out_of_remit=1, out_of_remit_reason="The same bins as R1.")
		cls.case("R8", "2025-05-01", d, is_service_request=1, service_request_reason="Empty a bin.")
		cls.case("R0", "2024-10-01", d)
		cls.case("R9", "2024-11-01", c)
		children = cls.case("R6", "2025-06-09", c, procedure=CHILDRENS)
		respond(current_stage(children.name), "2025-06-16", "Not upheld")
		children.reload()
		stage_2 = children.escalate(handler="Administrator", requested_at="2025-06-20 09:00:00")
		investigation = frappe.get_doc("Complaint Investigation", {"complaint_stage": stage_2.name})
		for point, cause in (
			("Visits were cancelled at short notice", d),
			("The assessment took five months", d),
			("Nobody returned calls", c),
			("The social worker was rude", None),
		):
			investigation.append("points", {"point": point, "finding": "Upheld", "root_cause": cause})
		investigation.save()
		# R7 turned out to be R1 again: merged into it (as the merge action records it).
		frappe.db.set_value(
			"Complaint", cls.cases["R7"], {"status": "Merged", "merged_into": cls.cases["R1"]}
		)
		frappe.db.set_value("Complaint Root Cause", x, "disabled", 1)

	def setUp(self):
		super().setUp()
		frappe.db.savepoint("root_cause_test")
		self.addCleanup(frappe.db.rollback, save_point="root_cause_test")

	@classmethod
	def case(cls, key, received, cause, procedure=LGSCO, **more):
		complaint = make_complaint(
			procedure=procedure,
			service_area=cls.area,
			received_at=f"{received} 10:00:00",
			subject=f"Root cause case {key}",
			root_cause=cause,
			**more,
		)
		cls.cases[key] = complaint.name
		return complaint

	def run_report(self, module, **filters):
		return module.execute(frappe._dict({**PERIOD, "service_area": self.area, **filters}))

	def test_complaints_and_points_by_root_cause_beside_the_previous_year(self):
		columns, data, message, chart, summary = self.run_report(complaints_by_root_cause)
		self.assertEqual(
			[c["fieldname"] for c in columns],
			[
				"root_cause",
				"complaints",
				"complaints_pct",
				"previous_complaints",
				"points",
				"previous_points",
			],
		)
		self.assertEqual(columns[1]["label"], "Complaints (2025/26)")
		self.assertEqual(columns[3]["label"], "Complaints (2024/25)")
		rows = {
			r["root_cause"]: (
				r["complaints"],
				r["complaints_pct"],
				r["previous_complaints"],
				r["points"],
				r["previous_points"],
			)
			for r in data
		}
		self.assertEqual(rows[self.delay], (2, 33, 1, 2, 0))
		self.assertEqual(rows[self.communication], (2, 33, 1, 1, 0))
		self.assertEqual(rows[self.retired], (1, 17, 0, 0, 0))  # disabled, listed while it has a case
		self.assertEqual(rows["Not recorded"], (1, 17, 0, 1, 0))
		self.assertEqual(rows["Total"], (6, 100, 2, 4, 0))
		self.assertEqual(data[-1]["root_cause"], "Total")
		self.assertEqual(data[-2]["root_cause"], "Not recorded")
		self.assertTrue(data[-1]["is_total"])
		# Every other enabled root cause has its row, empty: nothing in this suite's area has it.
		ours = {self.delay, self.communication, self.retired, "Not recorded", "Total"}
		others = [r for r in data if r["root_cause"] not in ours]
		self.assertEqual([r["root_cause"] for r in others], sorted(r["root_cause"] for r in others))
		self.assertTrue(all(r["complaints"] == r["points"] == 0 for r in others))
		self.assertEqual(
			{s["label"]: s["value"] for s in summary},
			{"Received": 6, "With a root cause": 5, "No root cause recorded": 1},
		)
		labels = chart["data"]["labels"]
		self.assertEqual(set(labels), {self.delay, self.communication, self.retired, "Not recorded"})
		current = dict(zip(labels, chart["data"]["datasets"][0]["values"], strict=True))
		self.assertEqual(current[self.delay], 2)
		self.assertIn("Received from", message)

	def test_every_report_can_be_narrowed_to_one_root_cause(self):
		_columns, data, *_rest = self.run_report(complaints_by_theme_and_outcome, root_cause=self.delay)
		total = next(r for r in data if r.get("is_total"))
		self.assertEqual((total["total"], total["previous_total"]), (2, 1))  # R1, R2; R0
		_columns, data, *_rest = self.run_report(complaints_received_by_month, root_cause=self.communication)
		self.assertEqual(data[-1]["total"], 2)  # R3 in July, R6 in June
		self.assertEqual(data[-1]["previous_total"], 1)  # R9
		_columns, data, *_rest = self.run_report(complaints_by_root_cause, root_cause=self.delay)
		rows = {r["root_cause"]: r["complaints"] for r in data}
		self.assertEqual((rows[self.delay], rows[self.communication], rows["Total"]), (2, 0, 2))
		# An Ombudsman enquiry is narrowed through its complaint's root cause.
		for ref, key in (("RC-D", "R1"), ("RC-C", "R3")):
			frappe.get_doc(
				{
					"doctype": "Ombudsman Enquiry",
					"ombudsman": "LGSCO",
					"ombudsman_reference": f"{ref}-{frappe.generate_hash(length=6)}",
					"complaint": self.cases[key],
					"received_on": "2025-11-03",
					"enquiry_type": "Enquiry",
				}
			).insert()
		_columns, data, *_rest = self.run_report(ombudsman_enquiries, ombudsman="LGSCO")
		self.assertEqual((data[0]["measure"], data[0]["current"]), ("Enquiries received", "2"))
		_columns, data, *_rest = self.run_report(
			ombudsman_enquiries, root_cause=self.delay, ombudsman="LGSCO"
		)
		self.assertEqual((data[0]["measure"], data[0]["current"]), ("Enquiries received", "1"))
		for bad in ("No such root cause", {"name": self.delay}, [self.delay]):
			with self.assertRaises(ReportFilterError):
				self.run_report(complaints_by_root_cause, root_cause=bad)

	def test_a_duplicate_merged_into_another_complaint_is_never_counted(self):
		_columns, data, *_rest = self.run_report(complaints_by_theme_and_outcome)
		total = next(r for r in data if r.get("is_total"))
		self.assertEqual(total["total"], 6)  # R1-R6; not R7 (merged) nor R8 (a service request)
		_columns, data, *_rest = self.run_report(complaints_received_by_month)
		october = next(r for r in data if r["month"] == "Oct 2025")
		self.assertEqual(october["total"], 0)  # R7, received 1 October 2025, merged
		report = frappe._dict(
			from_date="2025-04-01", to_date="2026-03-31", procedures=[frappe._dict(procedure=LGSCO)]
		)
		refused = {r["complaint"] for r in refused_cases(report)}
		self.assertIn(self.cases["R4"], refused)  # out of remit at intake
		self.assertNotIn(self.cases["R7"], refused)  # out of remit too, but merged away
		# Counted again once it is no longer merged (the statistics read its status).
		frappe.db.set_value("Complaint", self.cases["R7"], "status", "Closed")
		_columns, data, *_rest = self.run_report(complaints_by_theme_and_outcome)
		self.assertEqual(next(r for r in data if r.get("is_total"))["total"], 7)
