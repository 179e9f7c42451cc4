# Copyright (c) 2026, complaints_app contributors
# See license.txt

import frappe
from frappe.tests.utils import FrappeTestCase

from complaints_app.complaint_statistics.doctype.ombudsman_annual_letter.ombudsman_annual_letter import (
	AnnualLetterError,
)
from complaints_app.complaint_statistics.testing import annual_letter


def letter(**values):
	return annual_letter("Housing Ombudsman", values.pop("year_ending", "2031-03-31"), **values)


class TestOmbudsmanAnnualLetter(FrappeTestCase):
	def test_named_by_ombudsman_and_financial_year(self):
		doc = letter(
			council_detailed=19, council_upheld=13, council_upheld_rate=68, similar_upheld_rate=71
		).insert()
		self.assertEqual(doc.name, "Housing Ombudsman annual letter 2030/31")
		with self.assertRaises(frappe.DuplicateEntryError):
			letter().insert()

	def test_another_year_is_another_letter(self):
		doc = letter(year_ending="2033-03-31").insert()
		doc.year_ending = "2034-03-31"
		with self.assertRaisesRegex(AnnualLetterError, "as a new letter"):
			doc.save()

	def test_every_published_figure_is_required(self):
		doc = letter(year_ending="2035-03-31")
		doc.similar_remedy_rate = None
		with self.assertRaises(frappe.MandatoryError):
			doc.insert()

	def test_figures_that_cannot_all_be_true_are_refused(self):
		with self.assertRaisesRegex(AnnualLetterError, "from 0 to 100"):
			letter(similar_upheld_rate=171).insert()
		with self.assertRaisesRegex(AnnualLetterError, "13 complaints out of 9"):
			letter(council_detailed=9, council_upheld=13).insert()
