# Copyright (c) 2026, complaints_app contributors
# See license.txt
"""The Complaints Annual Report on a small housing service whose figures are counted by hand.

Two procedures are made for this suite, copies of the LGSCO procedure's stages: a council
one under the LGSCO and a housing one under the Housing Ombudsman. Every case below is
under the housing procedure, so other suites' cases cannot change a figure. The period is
the financial year 2025/26.

==== ========== ======================================================================
case received   what happened
==== ========== ======================================================================
H1   2025-05-06 acknowledged 7 May, upheld 14 May (5 working days: in time)
H2   2025-07-01 acknowledged 2 Jul, partially upheld 29 Aug (41 working days: late)
H3   2025-09-01 acknowledged 2 Sep, not upheld 9 Sep (in time); stage 2 requested 15 Sep,
                acknowledged 16 Sep, not upheld 1 Oct (in time)
H4   2025-11-03 refused: a concurrent court case
H5   2025-12-01 out of remit at intake: a planning appeal
H6   2026-03-20 open, never acknowledged
H0   2024-10-01 acknowledged 2 Oct, not upheld 9 Oct: the previous period, never counted
==== ========== ======================================================================

With 2,400 homes: CH01 stage 1 = 6 received (H1-H6) / 2,400 x 1,000 = 2.5; stage 2 =
1 (H3) / 2,400 x 1,000 = 0.4. CH02 stage 1 = 2 of the 3 formally answered (H1, H3; H2 was
late) = 67%; stage 2 = 1 of 1 = 100%.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
import threading
import unicodedata
from contextlib import contextmanager
from datetime import date
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import frappe
from frappe.tests.utils import FrappeTestCase

from complaints_app.alerts.testing import AlertTestMixin
from complaints_app.complaint_statistics.annual_report import report_tables
from complaints_app.complaint_statistics.code_sections import (
	HOUSING_OMBUDSMAN,
	LGSCO,
	SECTION_TITLES,
	code_sections,
)
from complaints_app.complaint_statistics.doctype.complaints_annual_report.complaints_annual_report import (
	AnnualLetterMismatchError,
	AnnualReportPeriodError,
	HomesCountError,
	MixedOmbudsmenError,
	NoProcedureError,
	SelfAssessmentNotEmptyError,
	refill_self_assessment,
	refresh_figures,
)
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
from complaints_app.complaint_statistics.testing import annual_letter
from complaints_app.complaints.testing import LGSCO as LGSCO_PROCEDURE
from complaints_app.complaints.testing import current_stage, make_complaint, respond

DOCTYPE = "Complaints Annual Report"
TABLE_HEADINGS = (
	"Complaints by Theme and Outcome",
	"Complaints by Service Area",
	"Stage 2 Summary",
	"Review Panels",
	"Complaint Timeliness",
	"Ombudsman Enquiries",
	"Complaints Received by Month",
)
COURT_CASE = "A concurrent court case covers the same matter."
PLANNING_APPEAL = "A planning appeal: the Planning Inspectorate decides."


def make_procedure(name: str, ombudsman: str, procedure_type: str = "Corporate") -> str:
	"""A copy of the LGSCO procedure's stages under ``ombudsman``."""
	procedure = frappe.copy_doc(frappe.get_doc("Complaint Procedure", LGSCO_PROCEDURE))
	procedure.procedure_name = name
	procedure.procedure_type = procedure_type
	procedure.ombudsman = ombudsman
	procedure.is_active = 1
	return procedure.insert().name


def make_report(*procedures: str, **values):
	doc = {
		"doctype": DOCTYPE,
		"from_date": "2025-04-01",
		"to_date": "2026-03-31",
		"procedures": [{"procedure": p} for p in procedures],
	}
	doc.update(values)
	return frappe.get_doc(doc)


def normalised(text: str) -> str:
	"""The words as a reader sees them: single spaces however the PDF wraps, "fi" for the ligature "ﬁ"."""
	return " ".join(unicodedata.normalize("NFKC", text).split())


class _AssetsOnly(SimpleHTTPRequestHandler):
	def log_message(self, *args) -> None:
		pass


@contextmanager
def assets_served():
	"""Frappe's print stylesheet, served on a free local port while a PDF is made.

	The print view links the stylesheet by the site's URL. A test site such as
	complaints-test.localhost has no DNS entry and no web server need be running, and
	wkhtmltopdf stops with "HostNotFoundError" on a host it cannot resolve. Only the
	bench's ``assets`` folder is served (through a link in an empty folder), never the
	sites' configuration.
	"""
	with tempfile.TemporaryDirectory() as root:
		os.symlink(
			os.path.join(frappe.utils.get_bench_path(), "sites", "assets"), os.path.join(root, "assets")
		)
		server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_AssetsOnly, directory=root))
		threading.Thread(target=server.serve_forever, daemon=True).start()
		saved = frappe.local.conf.get("host_name")
		frappe.local.conf.host_name = f"http://127.0.0.1:{server.server_port}"
		try:
			yield
		finally:
			if saved is None:
				frappe.local.conf.pop("host_name", None)
			else:
				frappe.local.conf.host_name = saved
			server.shutdown()
			server.server_close()


def pdf_text(pdf: bytes) -> str:
	with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
		f.write(pdf)
		f.flush()
		return subprocess.run(["pdftotext", f.name, "-"], capture_output=True, text=True, check=True).stdout


class TestComplaintsAnnualReport(AlertTestMixin, FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		run = cls.start_run()
		cls.council = make_procedure(f"Annual report council {run}", LGSCO)
		cls.housing = make_procedure(f"Annual report housing {run}", HOUSING_OMBUDSMAN, "Housing")
		cls.build_housing_service()

	def setUp(self):
		super().setUp()
		# Each test's own records (reports, letters, a later refusal) go when it ends.
		frappe.db.savepoint("annual_report_test")
		self.addCleanup(frappe.db.rollback, save_point="annual_report_test")

	@classmethod
	def case(cls, key, received, ack=None, responded=None, outcome=None, **more):
		complaint = make_complaint(
			procedure=cls.housing,
			received_at=f"{received} 10:00:00",
			subject=f"Annual report case {key}",
			**more,
		)
		if ack:
			stage = current_stage(complaint.name)
			stage.acknowledged_on = ack
			stage.save()
			if responded:
				respond(stage, responded, outcome)
		cls.cases[key] = complaint.name
		return complaint

	@classmethod
	def build_housing_service(cls):
		cls.cases = {}
		cls.case("H1", "2025-05-06", date(2025, 5, 7), date(2025, 5, 14), "Upheld")
		cls.case("H2", "2025-07-01", date(2025, 7, 2), date(2025, 8, 29), "Partially upheld")
		cls.case("H3", "2025-09-01", date(2025, 9, 2), date(2025, 9, 9), "Not upheld")
		complaint = frappe.get_doc("Complaint", cls.cases["H3"])
		stage_2 = complaint.escalate(handler="Administrator", requested_at="2025-09-15 09:00:00")
		stage_2.reload()
		stage_2.acknowledged_on = date(2025, 9, 16)
		stage_2.save()
		respond(stage_2, date(2025, 10, 1), "Not upheld")
		refused = cls.case("H4", "2025-11-03")
		refused.reload()
		refused.close_with("Refused", COURT_CASE)
		cls.case("H5", "2025-12-01", out_of_remit=1, out_of_remit_reason=PLANNING_APPEAL)
		cls.case("H6", "2026-03-20")
		cls.case("H0", "2024-10-01", date(2024, 10, 2), date(2024, 10, 9), "Not upheld")

	# -- the self-assessment ---------------------------------------------------------

	def assert_code_rows(self, report, ombudsman):
		expected = code_sections(ombudsman)
		self.assertEqual(
			[(r.section_number, r.section, r.requirement) for r in report.self_assessment],
			[(s.number, s.title, s.requirement) for s in expected],
		)
		self.assertEqual([r.section for r in report.self_assessment], [t for _n, t in SECTION_TITLES])

	def test_an_lgsco_report_is_prefilled_with_the_lgsco_code(self):
		report = make_report(self.council).insert()
		self.assertEqual(report.ombudsman, LGSCO)
		self.assertEqual(len(report.self_assessment), 9)
		self.assert_code_rows(report, LGSCO)
		self.assertNotIn("Member Responsible", report.self_assessment[8].requirement)

	def test_a_housing_report_is_prefilled_with_the_housing_ombudsman_code(self):
		report = make_report(self.housing).insert()
		self.assertEqual(report.ombudsman, HOUSING_OMBUDSMAN)
		self.assert_code_rows(report, HOUSING_OMBUDSMAN)
		self.assertIn("Member Responsible for Complaints", report.self_assessment[8].requirement)

	def test_moving_to_the_other_ombudsman_swaps_the_code_until_something_is_entered(self):
		report = make_report(self.council).insert()
		report.set("procedures", [{"procedure": self.housing}])
		report.save()
		self.assert_code_rows(report, HOUSING_OMBUDSMAN)

		report.self_assessment[0].complies = "Yes"
		report.save()
		report.set("procedures", [{"procedure": self.council}])
		report.save()
		self.assertEqual(report.ombudsman, LGSCO)
		self.assertEqual(report.self_assessment[0].complies, "Yes")
		self.assertEqual(
			report.self_assessment[8].requirement, code_sections(HOUSING_OMBUDSMAN)[8].requirement
		)

	def test_refill_only_an_empty_self_assessment(self):
		report = make_report(self.council).insert()
		with self.assertRaises(SelfAssessmentNotEmptyError):
			refill_self_assessment(report.name)
		report.set("self_assessment", [])
		report.save()
		self.assertEqual(refill_self_assessment(report.name), 9)
		report.reload()
		self.assert_code_rows(report, LGSCO)

	# -- what is refused ---------------------------------------------------------------

	def test_procedures_under_two_ombudsmen_are_refused(self):
		with self.assertRaises(MixedOmbudsmenError) as refused:
			make_report(self.council, self.housing).insert()
		message = str(refused.exception)
		self.assertIn(f"{self.council} under the LGSCO", message)
		self.assertIn(f"{self.housing} under the Housing Ombudsman", message)

	def test_a_period_ending_before_it_starts_is_refused(self):
		with self.assertRaises(AnnualReportPeriodError):
			make_report(self.council, from_date="2026-04-01", to_date="2026-03-31").insert()

	def test_a_negative_number_of_homes_is_refused(self):
		with self.assertRaises(HomesCountError):
			make_report(self.housing, homes=-1).insert()

	def test_a_report_needs_a_procedure(self):
		with self.assertRaises(NoProcedureError):
			make_report().insert()

	def test_a_letter_from_the_other_ombudsman_is_refused(self):
		letter = annual_letter("LGSCO", "2019-03-31").insert()
		with self.assertRaises(AnnualLetterMismatchError):
			make_report(self.housing, ombudsman_annual_letter=letter.name).insert()

	# -- defaults ------------------------------------------------------------------------

	def test_the_default_period_is_the_current_financial_year(self):
		with self.freeze_time("2026-11-25 10:00:00"):
			report = make_report(self.council, from_date=None, to_date=None).insert()
		self.assertEqual((str(report.from_date), str(report.to_date)), ("2026-04-01", "2027-03-31"))
		self.assertEqual(report.title, "Complaints annual report 2026/27")

	def housing_letter(self, **figures) -> str:
		"""The Housing Ombudsman's letter for 2025/26, with these figures (it is named after its year)."""
		name = frappe.db.get_value(
			"Ombudsman Annual Letter", {"ombudsman": HOUSING_OMBUDSMAN, "year_ending": "2026-03-31"}
		)
		letter = (
			frappe.get_doc("Ombudsman Annual Letter", name)
			if name
			else annual_letter(HOUSING_OMBUDSMAN, "2026-03-31")
		)
		letter.update(figures)
		return letter.save().name

	def test_the_letter_for_the_year_is_chosen(self):
		name = self.housing_letter(council_received=3)
		self.assertEqual(make_report(self.housing).insert().ombudsman_annual_letter, name)
		self.assertIsNone(make_report(self.housing, to_date="2025-12-31").insert().ombudsman_annual_letter)

	# -- the figures -----------------------------------------------------------------

	def test_refused_cases_are_listed_with_their_reasons(self):
		report = make_report(self.housing).insert()
		listed = [(r.complaint, str(r.received_on), r.outcome, r.reason) for r in report.refused_cases]
		self.assertEqual(
			listed,
			[
				(self.cases["H4"], "2025-11-03", "Refused", COURT_CASE),
				(self.cases["H5"], "2025-12-01", "Out of remit", PLANNING_APPEAL),
			],
		)

		later = make_complaint(procedure=self.housing, received_at="2026-01-12 10:00:00")
		later.reload()
		later.close_with("Refused", "The complainant asked for the matter to be treated as a request.")
		self.assertEqual(refresh_figures(report.name), 3)
		report.reload()
		self.assertEqual(
			[(r.complaint, r.outcome) for r in report.refused_cases],
			[(self.cases["H4"], "Refused"), (self.cases["H5"], "Out of remit"), (later.name, "Refused")],
		)
		self.assertIsNotNone(report.figures_refreshed_at)

	def test_a_refusal_at_a_stage_is_listed_too(self):
		"""Answering stage 2 as Refused leaves the case Closed; Stage 2 Summary counts it, so must this."""
		case = make_complaint(procedure=self.housing, received_at="2026-02-02 10:00:00")
		first = current_stage(case.name)
		first.acknowledged_on = "2026-02-03"
		first.save()
		respond(first, "2026-02-10", "Not upheld")
		case.reload()
		second = case.escalate(handler="Guest", requested_at="2026-02-16 09:00:00")
		second.reload()
		second.response_summary = "A court case covers the same matter."
		second.save()
		respond(second, "2026-02-20", "Refused")
		self.assertEqual(frappe.db.get_value("Complaint", case.name, "status"), "Closed")
		report = make_report(self.housing).insert()
		listed = {r.complaint: (r.outcome, r.reason) for r in report.refused_cases}
		self.assertEqual(listed[case.name], ("Refused", "A court case covers the same matter."))

	def test_tenant_satisfaction_measures_when_homes_are_given(self):
		report = make_report(self.housing, homes=2400).insert()
		measures = {m.code: (m.count, m.result) for m in report.get_tenant_measures()}
		self.assertEqual(
			measures,
			{
				"CH01 (1)": ("6", "2.5"),
				"CH01 (2)": ("1", "0.4"),
				"CH02 (1)": ("3", "67%"),
				"CH02 (2)": ("1", "100%"),
			},
		)
		self.assertEqual(make_report(self.housing).insert().get_tenant_measures(), [])

	def test_the_tables_are_the_reports_run_for_the_period_and_procedures(self):
		report = make_report(self.housing).insert()
		tables = {t.title: t for t in report_tables(report)}
		self.assertEqual(set(tables), set(TABLE_HEADINGS))

		by_month = tables["Complaints Received by Month"]
		total = next(r.cells for r in by_month.rows if r.is_total)
		self.assertEqual(total[by_month.columns.index("Total")], "6")  # H1-H6; H0 is the year before
		self.assertEqual(total[by_month.columns.index(self.housing)], "6")

		for title, module, filters in (
			("Complaints Received by Month", complaints_received_by_month, {}),
			("Complaints by Theme and Outcome", complaints_by_theme_and_outcome, {}),
			("Complaints by Service Area", complaints_by_service_area, {"transpose": 1}),
			("Complaint Timeliness", complaint_timeliness, {}),
			("Stage 2 Summary", stage_2_summary, {}),
			("Review Panels", review_panels, {}),
			("Ombudsman Enquiries", ombudsman_enquiries, {"ombudsman": HOUSING_OMBUDSMAN}),
		):
			columns, data, *_rest = module.execute(
				frappe._dict(
					from_date="2025-04-01", to_date="2026-03-31", procedure=[self.housing], **filters
				)
			)
			first = columns[0]["fieldname"]
			self.assertEqual(tables[title].columns, [c["label"] for c in columns], title)
			self.assertEqual(
				[r.cells[0] for r in tables[title].rows], [str(row[first]) for row in data], title
			)

		stage_2 = tables["Stage 2 Summary"]
		self.assertEqual(stage_2.rows[0].cells[:3], ["2025/26", "1", "0"])  # H3, not on hold
		self.assertIn("<svg", tables["Complaint Timeliness"].chart_svg)

	# -- the PDF -------------------------------------------------------------------------

	def test_the_pdf_holds_every_table_and_the_self_assessment(self):
		report = make_report(
			self.housing,
			homes=2400,
			governance_body="Housing Scrutiny Committee",
			considered_on="2026-06-18",
			governance_response="<p>The committee noted the late stage 1 responses in July.</p>",
		)
		report.append(
			"non_compliance",
			{"source": "Self-assessment", "finding": "Stage 1 extensions were not explained in writing."},
		)
		report.append(
			"service_improvements",
			{
				"improvement": "Repairs appointments are now confirmed by text message.",
				"completed_on": "2026-02-02",
			},
		)
		report.insert()
		letter = self.housing_letter(
			council_received=4, council_detailed=2, council_upheld=1, council_upheld_rate=50,
			similar_upheld_rate=61, summary="<p>The landlord's complaint handling has improved.</p>",
		)  # fmt: skip
		report.ombudsman_annual_letter = letter
		report.self_assessment[0].complies = "Yes"
		report.self_assessment[0].evidence = "Complaints policy, section 2, published on the website."
		report.save()

		with assets_served():
			pdf = frappe.get_print(DOCTYPE, report.name, as_pdf=True)
		self.assertTrue(pdf.startswith(b"%PDF"))
		text = normalised(pdf_text(pdf))

		for heading in TABLE_HEADINGS:
			self.assertIn(heading, text)
		self.assertIn("Self-assessment against the Housing Ombudsman Complaint Handling Code 2024", text)
		for _number, title in SECTION_TITLES:
			self.assertIn(title, text)
		for printed in (
			"Complaints annual report 2025/26",
			"Tenant Satisfaction Measures",
			"CH01 (1)",
			"Complaints policy, section 2, published on the website.",
			COURT_CASE,
			PLANNING_APPEAL,
			"Stage 1 extensions were not explained in writing.",
			"Repairs appointments are now confirmed by text message.",
			"Considered by Housing Scrutiny Committee",
			"The committee noted the late stage 1 responses in July.",
			"Housing Ombudsman annual letter 2025/26",
			"Upheld (% of detailed investigations) 50% 61%",
			"The landlord's complaint handling has improved.",
		):
			self.assertIn(printed, text)
