"""Retention rules (plain pytest, no Frappe): when a complaint is due, and what anonymising keeps.

Named cases: the "spring 2019 case" closed on Wednesday 1 May 2019 under a 6-year procedure is
due on Thursday 1 May 2025; the "leap day case" closed on Saturday 29 February 2020 is due on
28 February 2025 under a 5-year rule and on 29 February 2024 under a 4-year one.

The field lists of ``policy.py`` are checked against the shipped doctype JSON: a field added
to a complaint or to one of its records must be put on one side (kept or anonymised) first.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from functools import cache
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from complaints_app.complaint_retention import policy
from complaints_app.complaint_retention.policy import (
	AMOUNTS,
	BLANK,
	KEEP,
	MASK,
	SUBJECT,
	Case,
	RetentionRuleError,
	Standing,
	Wording,
	add_years,
	anonymised_value,
	changes,
	due_on,
)

APP = Path(__file__).resolve().parents[1] / "complaints_app"
SPRING_2019 = date(2019, 5, 1)
LEAP_DAY_2020 = date(2020, 2, 29)


def scrub(name: str) -> str:
	return name.lower().replace(" ", "_")


@cache
def shipped_fields(doctype: str) -> dict[str, str]:
	"""fieldname -> fieldtype of a doctype shipped by any module of the app."""
	paths = list(APP.glob(f"*/doctype/{scrub(doctype)}/{scrub(doctype)}.json"))
	assert len(paths) == 1, f"{doctype}: expected one doctype JSON, found {paths}"
	return {f["fieldname"]: f["fieldtype"] for f in json.loads(paths[0].read_text("utf-8"))["fields"]}


# -- when ------------------------------------------------------------------------------------


def test_spring_2019_case_is_due_six_years_after_closing():
	assert due_on(SPRING_2019, 6) == date(2025, 5, 1)
	case = Case("COMP-2019-00001", "Closed", SPRING_2019, 6)
	assert case.standing(date(2025, 4, 30)) is Standing.NOT_YET_DUE
	assert case.standing(date(2025, 5, 1)) is Standing.DUE
	assert case.is_due(date(2031, 1, 1))


def test_leap_day_closing_falls_due_on_28_february():
	assert due_on(LEAP_DAY_2020, 5) == date(2025, 2, 28)
	assert due_on(LEAP_DAY_2020, 4) == date(2024, 2, 29)
	assert add_years(LEAP_DAY_2020, 1) == date(2021, 2, 28)


def test_zero_years_keeps_for_ever():
	case = Case("COMP-2019-00002", "Closed", SPRING_2019, 0)
	assert case.due_on is None
	assert case.standing(date(2099, 12, 31)) is Standing.KEPT_FOR_EVER


def test_no_period_given_means_the_default_of_six_years():
	assert policy.DEFAULT_RETENTION_YEARS == 6
	assert due_on(SPRING_2019, None) == date(2025, 5, 1)
	assert Case("COMP-2019-00003", "Closed", SPRING_2019, None).years == 6


def test_a_negative_period_is_refused():
	with pytest.raises(RetentionRuleError):
		due_on(SPRING_2019, -1)


@pytest.mark.parametrize("status", sorted(policy.OPEN_STATUSES))
def test_open_complaints_are_never_due(status):
	# A closing date left behind by a complaint reopened for its next stage does not count.
	case = Case("COMP-2019-00004", status, SPRING_2019, 6)
	assert case.standing(date(2040, 1, 1)) is Standing.OPEN


def test_a_closed_complaint_without_a_closing_date_is_never_due():
	assert Case("COMP-2019-00005", "Closed", None, 6).standing(date(2040, 1, 1)) is Standing.OPEN


def test_legal_hold_stops_it_once_past_the_period_and_says_so():
	held = Case("COMP-2019-00006", "Withdrawn", SPRING_2019, 6, legal_hold=True)
	assert held.standing(date(2025, 4, 30)) is Standing.NOT_YET_DUE
	assert held.standing(date(2025, 5, 1)) is Standing.LEGAL_HOLD
	assert not held.is_due(date(2040, 1, 1))


def test_an_anonymised_complaint_is_never_due_again():
	done = Case("COMP-2019-00007", "Closed", SPRING_2019, 6, anonymised_on=date(2025, 5, 2))
	assert done.standing(date(2040, 1, 1)) is Standing.ANONYMISED


@pytest.mark.parametrize("status", ["Closed", "Withdrawn", "Refused", "Out of remit", "Merged"])
def test_every_closing_status_counts_as_closed(status):
	assert Case("COMP-2019-00008", status, SPRING_2019, 6).is_due(date(2025, 5, 1))


@given(
	closed=st.dates(min_value=date(2000, 1, 1), max_value=date(2060, 12, 31)),
	years=st.integers(min_value=1, max_value=40),
)
def test_due_date_is_the_anniversary_and_never_within_a_year(closed, years):
	due = due_on(closed, years)
	assert due.year == closed.year + years
	assert (due.month, due.day) == (closed.month, closed.day) or (closed.month, closed.day) == (2, 29)
	# The job looks only at complaints closed at least this long ago: nothing due is missed.
	assert due - closed >= timedelta(days=policy.SHORTEST_PERIOD_DAYS)
	# Naive reference: the latest day of the same month, `years` later, not after the same day.
	month = []
	for day in range(1, 32):
		try:
			month.append(date(closed.year + years, closed.month, day))
		except ValueError:
			break
	assert due == max(d for d in month if d.day <= closed.day)


# -- the values --------------------------------------------------------------------------------


def test_subject_becomes_neutral_and_names_the_complaint():
	assert anonymised_value(SUBJECT, "Mrs Jones's son's care plan", "COMP-2019-00001") == (
		"Anonymised complaint COMP-2019-00001"
	)


def test_free_text_is_masked_only_where_there_was_text():
	assert anonymised_value(MASK, "Rowena Quill, 4 Elm Road", "C") == "Anonymised"
	assert anonymised_value(MASK, "", "C") == ""
	assert anonymised_value(MASK, None, "C") is None
	assert anonymised_value(MASK, "   ", "C") == "   "


def test_contact_details_are_blanked_and_kept_fields_untouched():
	assert anonymised_value(BLANK, "rowena@example.com", "C") is None
	assert anonymised_value(KEEP, "Upheld", "C") == "Upheld"


def test_a_remedy_keeps_its_sums_of_money_only():
	text = "Apologise to Mr Patel and pay him £1,250.00 for distress and £ 150 for his time."
	assert anonymised_value(AMOUNTS, text, "C") == "Anonymised. Amounts: £1,250.00, £150."
	assert anonymised_value(AMOUNTS, "Apologise to Mr Patel in writing.", "C") == "Anonymised"
	assert anonymised_value(AMOUNTS, None, "C") is None


@pytest.mark.parametrize("treatment", list(policy.Treatment))
@pytest.mark.parametrize("value", ["Rowena Quill paid £300", "", None, "x"])
def test_anonymising_twice_changes_nothing(treatment, value):
	once = anonymised_value(treatment, value, "COMP-2019-00001")
	assert anonymised_value(treatment, once, "COMP-2019-00001") == once
	assert changes({"f": once}, {"f": treatment}, "COMP-2019-00001") == {}


def test_changes_lists_only_what_moves():
	row = {"summary": "My neighbour…", "closure_reason": None, "complainant_email": "a@b.c", "subject": "x"}
	treatments = {"summary": MASK, "closure_reason": MASK, "complainant_email": BLANK, "subject": SUBJECT}
	assert changes(row, treatments, "COMP-1") == {
		"summary": "Anonymised",
		"complainant_email": None,
		"subject": "Anonymised complaint COMP-1",
	}


def test_wording_is_passed_in_so_the_site_can_translate_it():
	words = Wording(placeholder="Dienw", subject="Cwyn ddienw {0}", amounts="Dienw. Symiau: {0}.")
	assert anonymised_value(MASK, "text", "C", words) == "Dienw"
	assert anonymised_value(SUBJECT, "text", "C-1", words) == "Cwyn ddienw C-1"
	assert anonymised_value(AMOUNTS, "pay £5", "C", words) == "Dienw. Symiau: £5."


# -- the field lists against the shipped doctypes ---------------------------------------------


@pytest.mark.parametrize("doctype", sorted(policy.POLICIES))
def test_every_stored_field_is_kept_or_anonymised(doctype):
	record_policy = policy.POLICIES[doctype]
	fields = shipped_fields(doctype)
	missing = policy.unclassified(record_policy, fields.items())
	assert not missing, f"{doctype}: classify {missing} in complaint_retention/policy.py (kept or anonymised)"
	gone = sorted(set(record_policy.fields) - set(fields))
	assert not gone, f"{doctype}: policy.py lists {gone}, which the doctype no longer has"


@pytest.mark.parametrize("doctype", sorted(policy.POLICIES))
def test_every_child_table_has_its_own_policy(doctype):
	record_policy = policy.POLICIES[doctype]
	tables = {f for f, t in shipped_fields(doctype).items() if t in policy.TABLE_TYPES}
	assert tables == set(record_policy.children), doctype
	for child in record_policy.children.values():
		assert policy.POLICIES[child].parent == doctype
		assert policy.POLICIES[child].link == "parent"


@pytest.mark.parametrize(
	"doctype, fieldname",
	[(d, f) for d, names in policy.STATISTICS_FIELDS.items() for f in names],
)
def test_what_the_statistics_read_is_kept(doctype, fieldname):
	assert fieldname in shipped_fields(doctype), f"{doctype}.{fieldname} is not a field"
	assert policy.POLICIES[doctype].fields[fieldname] is KEEP


def test_text_a_report_counts_is_masked_not_emptied():
	for doctype, names in policy.COUNTED_WHEN_PRESENT.items():
		for fieldname in names:
			assert policy.POLICIES[doctype].fields[fieldname] is MASK


def test_the_complainants_details_are_all_anonymised():
	complaint = policy.COMPLAINT.fields
	for fieldname in ("complainant_email", "complainant_phone", "complainant_address", "complainant_user"):
		assert complaint[fieldname] is BLANK, fieldname
	for fieldname in (
		"complainant_name",
		"person_affected",
		"relationship",
		"advocate_name",
		"summary",
		"desired_outcome",
		"closure_reason",
		"vulnerability_notes",
		"reasonable_adjustments",
	):
		assert complaint[fieldname] is MASK, fieldname
	assert complaint["advocate_contact"] is BLANK
	assert complaint["subject"] is SUBJECT


def test_required_text_is_never_emptied():
	"""A required field gets a placeholder, so an anonymised record still opens and saves in desk."""
	for doctype, record_policy in policy.POLICIES.items():
		path = next(APP.glob(f"*/doctype/{scrub(doctype)}/{scrub(doctype)}.json"))
		for f in json.loads(path.read_text("utf-8"))["fields"]:
			if f.get("reqd"):
				assert record_policy.fields.get(f["fieldname"]) is not BLANK, f"{doctype}.{f['fieldname']}"


def test_an_unlisted_custom_field_is_treated_safely():
	assert policy.treatment_for(policy.COMPLAINT, "custom_ward_notes", "Small Text") is MASK
	assert policy.treatment_for(policy.COMPLAINT, "custom_photo", "Attach Image") is BLANK
	assert policy.treatment_for(policy.COMPLAINT, "custom_visit_date", "Date") is KEEP
	assert policy.treatment_for(policy.COMPLAINT, "theme", "Link") is KEEP


def test_the_complainants_user_id_is_forgotten_but_not_the_staffs():
	people = policy.people_to_forget("rowena@example.com", "Rowena@Example.com ", ["web.user@example.com"])
	assert people == {"rowena@example.com", "Rowena@Example.com", "web.user@example.com"}
	assert policy.people_to_forget("Guest", None, ["Administrator"]) == set()
	assert policy.FORGOTTEN_USER == "Guest"
