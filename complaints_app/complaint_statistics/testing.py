"""Factories for the statistics tests."""

from __future__ import annotations

import frappe

from complaints_app.demo.loader import SEED_003_LETTER

# Every figure an Ombudsman's annual letter publishes (all required).
LETTER_FIGURES = SEED_003_LETTER


def annual_letter(ombudsman: str = "LGSCO", year_ending: str = "2026-03-31", **figures):
	"""An unsaved Ombudsman Annual Letter with every figure filled (``figures`` override them)."""
	return frappe.get_doc(
		{
			"doctype": "Ombudsman Annual Letter",
			"ombudsman": ombudsman,
			"year_ending": year_ending,
			**LETTER_FIGURES,
			**figures,
		}
	)
