"""The Ombudsmen's contact details, as every letter, email and portal refusal gives them (plain pytest).

The figures are the ones the Codes require a final response to give: LGSCO www.lgo.org.uk,
0300 061 0614, normally within 12 months; Housing Ombudsman www.housing-ombudsman.org.uk,
0300 111 3000, within 12 months of the final response. They are written out here by hand.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from complaints_app.complaint_portal import ombudsman
from complaints_app.complaint_portal.ombudsman import (
	HOUSING_OMBUDSMAN,
	LGSCO,
	contact,
	contact_block,
	contact_details,
)


def test_the_lgsco_block_gives_website_phone_and_time_limit():
	block = contact_block(LGSCO)
	assert "Local Government and Social Care Ombudsman" in block
	assert "www.lgo.org.uk" in block
	assert "0300 061 0614" in block
	assert "within 12 months" in block
	assert "housing" not in block.lower()


def test_the_housing_ombudsman_block_counts_12_months_from_the_final_response():
	block = contact_block(HOUSING_OMBUDSMAN)
	assert "Housing Ombudsman Service" in block
	assert "www.housing-ombudsman.org.uk" in block
	assert "0300 111 3000" in block
	assert "within 12 months of our final response" in block
	assert "lgo.org.uk" not in block


def test_the_procedure_field_values_are_the_keys():
	"""The Complaint Procedure's ``ombudsman`` Select offers exactly these two."""
	assert set(ombudsman.OMBUDSMEN) == {"LGSCO", "Housing Ombudsman"}
	assert contact("LGSCO").phone == "0300 061 0614"
	assert contact("Housing Ombudsman").phone == "0300 111 3000"


def test_an_unknown_ombudsman_is_refused_not_guessed():
	with pytest.raises(ValueError, match="Parliamentary"):
		contact("Parliamentary Ombudsman")
	with pytest.raises(ValueError):
		contact_block("")


def test_details_for_templates_carry_a_working_link_and_the_same_block():
	details = contact_details(HOUSING_OMBUDSMAN)
	assert details["url"] == "https://www.housing-ombudsman.org.uk"
	assert details["website"] == "www.housing-ombudsman.org.uk"
	assert details["block"] == contact_block(HOUSING_OMBUDSMAN)
	assert details["time_limit"] in details["block"]


def test_a_translation_function_is_applied_to_every_sentence():
	shouted = contact_block(LGSCO, translate=str.upper)
	assert "LOCAL GOVERNMENT AND SOCIAL CARE OMBUDSMAN" in shouted
	assert "WITHIN 12 MONTHS" in shouted
	# Addresses and numbers are not words to translate.
	assert "www.lgo.org.uk" in shouted
	assert "0300 061 0614" in shouted


def test_the_module_stays_pure():
	tree = ast.parse(Path(ombudsman.__file__).read_text())
	imported = {
		alias.name.split(".")[0]
		for node in ast.walk(tree)
		if isinstance(node, ast.Import | ast.ImportFrom)
		for alias in (node.names if isinstance(node, ast.Import) else [ast.alias(node.module or "")])
	}
	assert "frappe" not in imported
