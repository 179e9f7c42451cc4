# Copyright (c) 2026, complaints_app contributors
# For license information, please see license.txt
"""The Ombudsman's annual letter: its figures for the council and for similar authorities.

Entered once a year by the Complaints Manager; the "Ombudsman Enquiries" report and the
annual report print these figures beside the council's own.
"""

from __future__ import annotations

import frappe
from frappe import _
from frappe.query_builder import DocType
from frappe.utils import getdate

from complaints_app.complaint_statistics.definitions import Period, financial_year
from complaints_app.complaints.errors import InvalidInputError
from complaints_app.complaints.input_types import ComplaintsDocument

RATES = (
	"council_upheld_rate",
	"council_compliance_rate",
	"council_remedy_rate",
	"similar_upheld_rate",
	"similar_compliance_rate",
	"similar_remedy_rate",
)


class AnnualLetterError(InvalidInputError):
	"""Figures on an annual letter that cannot all be true."""


class OmbudsmanAnnualLetter(ComplaintsDocument):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		council_closed_early: DF.Int
		council_compliance_rate: DF.Percent
		council_detailed: DF.Int
		council_premature: DF.Int
		council_received: DF.Int
		council_remedy_rate: DF.Percent
		council_upheld: DF.Int
		council_upheld_rate: DF.Percent
		letter: DF.Attach | None
		letter_date: DF.Date | None
		ombudsman: DF.Literal["LGSCO", "Housing Ombudsman"]
		similar_compliance_rate: DF.Percent
		similar_remedy_rate: DF.Percent
		similar_upheld_rate: DF.Percent
		summary: DF.TextEditor | None
		title: DF.Data | None
		year_ending: DF.Date
	# end: auto-generated types

	def autoname(self) -> None:
		self.set_title()
		self.name = self.title

	def validate(self) -> None:
		self.set_title()
		self.validate_year()
		self.validate_rates()
		self.validate_counts()

	def set_title(self) -> None:
		year = financial_year(getdate(self.year_ending))
		self.title = _("{0} annual letter {1}").format(self.ombudsman, year.label)

	def validate_year(self) -> None:
		"""A letter is named by its Ombudsman and year: another year is another letter."""
		if not self.is_new() and self.title != self.name:
			frappe.throw(
				_("This is the {0}: record the letter for another year or Ombudsman as a new letter.").format(
					self.name
				),
				AnnualLetterError,
			)

	def validate_rates(self) -> None:
		for fieldname in RATES:
			value = self.get(fieldname)
			if value is not None and not 0 <= float(value) <= 100:
				frappe.throw(
					_("{0} must be a percentage from 0 to 100, not {1}.").format(
						_(self.meta.get_label(fieldname)), value
					),
					AnnualLetterError,
				)

	def validate_counts(self) -> None:
		if (self.council_upheld or 0) > (self.council_detailed or 0):
			frappe.throw(
				_("The letter cannot uphold {0} complaints out of {1} detailed investigations.").format(
					self.council_upheld, self.council_detailed or 0
				),
				AnnualLetterError,
			)


def letter_for(ombudsman: str, period: Period) -> frappe._dict | None:
	"""The letter for the year ending within ``period`` (the latest, if several)."""
	letter = DocType("Ombudsman Annual Letter")
	rows = (
		frappe.qb.from_(letter)
		.select("*")
		.where(
			(letter.ombudsman == ombudsman)
			& (letter.year_ending >= period.start)
			& (letter.year_ending <= period.end)
		)
		.orderby(letter.year_ending, order=frappe.qb.desc)
		.limit(1)
		.run(as_dict=True)
	)
	return rows[0] if rows else None
