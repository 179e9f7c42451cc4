# Copyright (c) 2026, complaints_app contributors
# For license information, please see license.txt
"""The Complaints Annual Report (LGSCO Complaint Handling Code §8, Housing Ombudsman Code §8).

One report covers a period and one or more procedures under one Ombudsman. It holds what
staff write (the self-assessment against the Code, findings of non-compliance, service
improvements, the governance body's response) and prints, beside it, the figures of the
seven statistics reports (``annual_report``), run when the report is printed. Its service
improvements list the learning actions completed in the period, refreshed with the refused
cases, beside any typed by hand.
"""

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils import cint, getdate, now_datetime

from complaints_app.complaint_statistics import annual_report
from complaints_app.complaint_statistics.code_sections import (
	CODE_STATUS,
	LGSCO,
	code_name,
	code_sections,
)
from complaints_app.complaint_statistics.definitions import financial_year
from complaints_app.complaint_statistics.doctype.ombudsman_annual_letter.ombudsman_annual_letter import (
	letter_for,
)
from complaints_app.complaints.errors import ComplaintsError
from complaints_app.complaints.input_types import ComplaintsDocument

ASSESSMENT_ENTRIES = ("complies", "evidence", "commentary")


class AnnualReportError(ComplaintsError):
	"""An annual report whose period, procedures or contents cannot stand."""


class AnnualReportPeriodError(AnnualReportError):
	"""A reporting period that ends before it starts."""


class NoProcedureError(AnnualReportError):
	"""A report that covers no complaint procedure."""


class MixedOmbudsmenError(AnnualReportError):
	"""Procedures under different Ombudsmen, whose Codes differ, in one report."""


class HomesCountError(AnnualReportError):
	"""A negative number of homes."""


class AnnualLetterMismatchError(AnnualReportError):
	"""An annual letter from the other Ombudsman."""


class SelfAssessmentNotEmptyError(AnnualReportError):
	"""A refill asked for while the self-assessment still has rows."""


class ComplaintsAnnualReport(ComplaintsDocument):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from complaints_app.complaint_statistics.doctype.complaints_annual_report_procedure.complaints_annual_report_procedure import (
			ComplaintsAnnualReportProcedure,
		)
		from complaints_app.complaint_statistics.doctype.complaints_code_assessment.complaints_code_assessment import (
			ComplaintsCodeAssessment,
		)
		from complaints_app.complaint_statistics.doctype.complaints_non_compliance.complaints_non_compliance import (
			ComplaintsNonCompliance,
		)
		from complaints_app.complaint_statistics.doctype.complaints_refused_case.complaints_refused_case import (
			ComplaintsRefusedCase,
		)
		from complaints_app.complaint_statistics.doctype.complaints_service_improvement.complaints_service_improvement import (
			ComplaintsServiceImprovement,
		)

		considered_on: DF.Date | None
		figures_refreshed_at: DF.Datetime | None
		from_date: DF.Date
		governance_body: DF.Data | None
		governance_response: DF.TextEditor | None
		homes: DF.Int
		non_compliance: DF.Table[ComplaintsNonCompliance]
		ombudsman: DF.Literal["", "LGSCO", "Housing Ombudsman"]
		ombudsman_annual_letter: DF.Link | None
		procedures: DF.TableMultiSelect[ComplaintsAnnualReportProcedure]
		refused_cases: DF.Table[ComplaintsRefusedCase]
		self_assessment: DF.Table[ComplaintsCodeAssessment]
		service_improvements: DF.Table[ComplaintsServiceImprovement]
		title: DF.Data | None
		to_date: DF.Date
	# end: auto-generated types

	def validate(self) -> None:
		self.set_default_period()
		self.validate_period()
		self.validate_homes()
		self.set_ombudsman()
		self.set_title()
		self.prefill_self_assessment()
		self.set_annual_letter()
		self.prefill_refused_cases()

	# -- steps -----------------------------------------------------------------

	def set_default_period(self) -> None:
		"""The current financial year, 1 April to 31 March, for a date left blank."""
		year = financial_year(getdate())
		self.from_date = self.from_date or year.start
		self.to_date = self.to_date or year.end

	def validate_period(self) -> None:
		if getdate(self.to_date) < getdate(self.from_date):
			frappe.throw(
				_("The To date ({0}) is before the From date ({1}).").format(
					frappe.format(self.to_date, "Date"), frappe.format(self.from_date, "Date")
				),
				AnnualReportPeriodError,
			)

	def validate_homes(self) -> None:
		if cint(self.homes) < 0:
			frappe.throw(
				_(
					"The number of homes owned cannot be negative ({0}); leave it at 0 if the council is not a landlord."
				).format(self.homes),
				HomesCountError,
			)

	def set_ombudsman(self) -> None:
		"""The one Ombudsman all the procedures come under; a mix is refused, naming each side."""
		names = annual_report.procedure_names(self)
		if not names:
			frappe.throw(_("Choose at least one complaint procedure for the report."), NoProcedureError)
		ombudsman_of = {
			name: frappe.db.get_value("Complaint Procedure", name, "ombudsman") or LGSCO for name in names
		}
		ombudsmen = sorted(set(ombudsman_of.values()))
		if len(ombudsmen) > 1:
			frappe.throw(
				_(
					"A report follows one Ombudsman's Complaint Handling Code, but these procedures come under different Ombudsmen: {0}. Write a separate report for each Ombudsman."
				).format(
					"; ".join(
						_("{0} under the {1}").format(
							", ".join(n for n in names if ombudsman_of[n] == o), _(o)
						)
						for o in ombudsmen
					)
				),
				MixedOmbudsmenError,
				title=_("Procedures under different Ombudsmen"),
			)
		self.ombudsman = ombudsmen[0]

	def set_title(self) -> None:
		if not (self.title or "").strip():
			self.title = _("Complaints annual report {0}").format(annual_report.report_period(self).label)

	def prefill_self_assessment(self) -> None:
		"""One row per Code section on a new report; again if the Ombudsman changes before anything is entered."""
		if self.is_new():
			if not self.self_assessment:
				self.fill_self_assessment()
		elif self.has_value_changed("ombudsman") and self.self_assessment_untouched():
			self.fill_self_assessment()

	def set_annual_letter(self) -> None:
		if not self.ombudsman_annual_letter:
			letter = letter_for(self.ombudsman, annual_report.report_period(self))
			self.ombudsman_annual_letter = letter.name if letter else None
			return
		letter_ombudsman = frappe.db.get_value(
			"Ombudsman Annual Letter", self.ombudsman_annual_letter, "ombudsman"
		)
		if letter_ombudsman and letter_ombudsman != self.ombudsman:
			frappe.throw(
				_("{0} is from the {1}, but the report's procedures come under the {2}.").format(
					self.ombudsman_annual_letter, _(letter_ombudsman), _(self.ombudsman)
				),
				AnnualLetterMismatchError,
			)

	def prefill_refused_cases(self) -> None:
		if self.is_new() and not self.refused_cases:
			self.refresh_figures()

	# -- the self-assessment -------------------------------------------------------

	def fill_self_assessment(self) -> None:
		self.set(
			"self_assessment",
			[
				{"section_number": s.number, "section": _(s.title), "requirement": _(s.requirement)}
				for s in code_sections(self.ombudsman)
			],
		)

	def self_assessment_untouched(self) -> bool:
		return not any((row.get(f) or "").strip() for row in self.self_assessment for f in ASSESSMENT_ENTRIES)

	def refill_self_assessment(self) -> None:
		if self.self_assessment:
			frappe.throw(
				_(
					"The self-assessment already has {0} rows. Delete them first to start again from the Code's sections."
				).format(len(self.self_assessment)),
				SelfAssessmentNotEmptyError,
			)
		self.fill_self_assessment()

	# -- actions ---------------------------------------------------------------------

	def refresh_figures(self) -> None:
		"""List again the complaints refused or out of remit in the period, and the learning actions completed
		in it, from the records as they are now. Service improvements typed by hand are kept."""
		self.set("refused_cases", annual_report.refused_cases(self))
		typed = [row for row in self.service_improvements if not row.learning_action]
		self.set("service_improvements", typed)
		for row in annual_report.improvements_made(self):
			self.append("service_improvements", row)
		self.figures_refreshed_at = now_datetime()

	# -- what the print format calls ---------------------------------------------------

	def annual_figures(self) -> annual_report.AnnualFigures:
		"""The statistics reports for this report, run once per print however many tables ask."""
		if self.flags.annual_figures is None:
			self.flags.annual_figures = annual_report.AnnualFigures(self)
		return self.flags.annual_figures

	def get_tables(self) -> list[frappe._dict]:
		return annual_report.report_tables(self, self.annual_figures())

	def get_tenant_measures(self) -> list[frappe._dict]:
		return annual_report.tenant_measures(self, self.annual_figures())

	def get_letter(self) -> frappe._dict | None:
		return annual_report.letter_figures(self.ombudsman_annual_letter)

	def get_code(self) -> frappe._dict:
		ombudsman = self.ombudsman or LGSCO
		return frappe._dict(name=_(code_name(ombudsman)), status=_(CODE_STATUS[ombudsman]))

	def get_period_label(self) -> str:
		return annual_report.report_period(self).label

	def get_period_note(self) -> str:
		"""The reports' sentence on the period and the previous one, printed once above the tables."""
		return self.annual_figures().period_note


@frappe.whitelist(methods=["POST"])
def refresh_figures(report: str) -> int:
	"""List again the complaints refused in the report's period (the form's "Refresh figures"); returns how many."""
	doc = frappe.get_doc("Complaints Annual Report", report)
	doc.check_permission("write")
	doc.refresh_figures()
	doc.save()
	return len(doc.refused_cases)


@frappe.whitelist(methods=["POST"])
def refill_self_assessment(report: str) -> int:
	"""Fill an emptied self-assessment again with one row per Code section; returns how many."""
	doc = frappe.get_doc("Complaints Annual Report", report)
	doc.check_permission("write")
	doc.refill_self_assessment()
	doc.save()
	return len(doc.self_assessment)
