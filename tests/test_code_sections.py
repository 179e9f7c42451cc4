"""The Complaint Handling Code sections of the annual self-assessment (``code_sections``), with no Frappe."""

from __future__ import annotations

import subprocess
import sys

import pytest

from complaints_app.complaint_statistics.code_sections import (
	HOUSING_OMBUDSMAN,
	LGSCO,
	UnknownOmbudsmanError,
	code_name,
	code_sections,
)

TITLES = [
	"Definitions",
	"Exclusions",
	"Accessibility and awareness",
	"Complaint handling staff",
	"The complaint handling process",
	"Complaint stages",
	"Putting things right",
	"Self-assessment, reporting and compliance",
	"Scrutiny and oversight: continuous learning and improvement",
]


@pytest.mark.parametrize("ombudsman", [LGSCO, HOUSING_OMBUDSMAN])
def test_nine_sections_in_the_codes_order(ombudsman):
	sections = code_sections(ombudsman)
	assert [s.number for s in sections] == [str(n) for n in range(1, 10)]
	assert [s.title for s in sections] == TITLES
	assert all(len(s.requirement) > 80 for s in sections)


def test_each_section_is_worded_for_a_council_or_for_a_landlord():
	council, landlord = code_sections(LGSCO), code_sections(HOUSING_OMBUDSMAN)
	for c, h in zip(council, landlord, strict=True):
		assert c.requirement != h.requirement, c.title
	for word in ("landlord", "resident", "Housing Ombudsman"):
		assert not any(word in s.requirement for s in council), word
	assert not any("council" in s.requirement for s in landlord)
	assert sum("Housing Ombudsman" in s.requirement for s in landlord) >= 4


def test_the_housing_code_names_the_member_responsible_for_complaints():
	scrutiny = {s.number: s for s in code_sections(HOUSING_OMBUDSMAN)}["9"]
	assert "Member Responsible for Complaints" in scrutiny.requirement
	assert not any("Member Responsible" in s.requirement for s in code_sections(LGSCO))


def test_stage_timescales_are_the_codes():
	for ombudsman in (LGSCO, HOUSING_OMBUDSMAN):
		stages = {s.number: s for s in code_sections(ombudsman)}["6"].requirement
		assert "10 working days" in stages and "20" in stages, ombudsman
		acknowledged = {s.number: s for s in code_sections(ombudsman)}["5"].requirement
		assert "5 working days" in acknowledged, ombudsman


def test_code_names():
	assert code_name(LGSCO) == "LGSCO Complaint Handling Code 2024"
	assert code_name(HOUSING_OMBUDSMAN) == "Housing Ombudsman Complaint Handling Code 2024"


@pytest.mark.parametrize("call", [code_sections, code_name])
def test_an_unknown_ombudsman_is_refused(call):
	with pytest.raises(UnknownOmbudsmanError, match="Parliamentary"):
		call("Parliamentary Ombudsman")


def test_imports_with_frappe_unimportable():
	code = (
		"import sys; sys.modules['frappe'] = None\n"
		"from complaints_app.complaint_statistics import code_sections\n"
		"assert len(code_sections.code_sections('LGSCO')) == 9\n"
	)
	result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
	assert result.returncode == 0, result.stderr
