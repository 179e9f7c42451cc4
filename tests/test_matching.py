"""Matching a person across complaints, enquiries and contact restrictions (plain pytest, no Frappe).

Every expected key is written out by hand. Phone numbers are Ofcom's drama numbers (07700 900xxx,
0191 498 0xxx) and postcodes are real formats of the kind people type.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from complaints_app.complaint_contacts.matching import (
	EMAIL,
	NAME_AND_POSTCODE,
	PHONE,
	PersonKeys,
	extract_postcode,
	match_reasons,
	normalise_email,
	normalise_name,
	normalise_phone,
	normalise_postcode,
	phone_tail,
	same_person,
)


@pytest.mark.parametrize(
	"typed",
	[
		"alex.resident@example.com",
		"  Alex.Resident@Example.COM ",
		"ALEX.RESIDENT@EXAMPLE.COM",
		"alex.resident @ example.com",
		"alex. resident@exam ple.com\n",
		"mailto:Alex.Resident@example.com",
	],
)
def test_an_email_is_the_same_whatever_its_case_and_spacing(typed):
	assert normalise_email(typed) == "alex.resident@example.com"


@pytest.mark.parametrize("typed", ["", None, "   ", "alex.resident", "@example.com", "alex@", "a@b@c.com"])
def test_what_is_not_an_email_gives_no_key(typed):
	assert normalise_email(typed) == ""


@pytest.mark.parametrize(
	"typed",
	[
		"07700900123",
		"07700 900123",
		"07700 900 123",
		"+44 7700 900123",
		"+447700900123",
		"+44 (0)7700 900123",
		"0044 7700 900123",
		"0044-7700-900-123",
		"44 7700 900123",
		"(07700) 900-123",
		"077.00.900.123",
		"7700 900123",
		"07700 900123 ext. 45",
		"07700 900123 or 0191 498 0000",
		"07700 900123 / 0191 498 0000",
	],
)
def test_a_uk_mobile_is_the_same_with_and_without_44(typed):
	assert normalise_phone(typed) == "07700900123"


@pytest.mark.parametrize(
	("typed", "key"),
	[
		("0191 498 0000", "01914980000"),
		("+44 191 498 0000", "01914980000"),
		("(0191) 498-0000", "01914980000"),
		("+1 212 555 0100", "+12125550100"),
		("00353 1 555 0100", "+35315550100"),
	],
)
def test_landlines_and_other_countries(typed, key):
	assert normalise_phone(typed) == key


@pytest.mark.parametrize("typed", ["", None, "none", "n/a", "999", "12345", "1" * 16, "ring me"])
def test_what_is_not_a_phone_number_gives_no_key(typed):
	assert normalise_phone(typed) == ""


def test_the_phone_tail_is_the_same_for_every_way_of_writing_one_number():
	assert {phone_tail(normalise_phone(p)) for p in ("+44 7700 900123", "07700900123")} == {"700900123"}


@pytest.mark.parametrize(
	("typed", "key"),
	[
		("SW1A 1AA", "SW1A 1AA"),
		("sw1a1aa", "SW1A 1AA"),
		(" sw1a  1aa ", "SW1A 1AA"),
		("M1 1AE", "M1 1AE"),
		("m11ae", "M1 1AE"),
		("B33 8TH", "B33 8TH"),
		("CR2 6XH", "CR2 6XH"),
		("DN55 1PT", "DN55 1PT"),
		("W1A 0AX", "W1A 0AX"),
		("NE61 2EF", "NE61 2EF"),
		("gir0aa", "GIR 0AA"),
	],
)
def test_a_postcode_is_the_same_whatever_its_case_and_spacing(typed, key):
	assert normalise_postcode(typed) == key


@pytest.mark.parametrize("typed", ["", None, "SW1A", "1AA", "SW1A 1AAA", "ASW1A 1AA", "12345", "County Hall"])
def test_what_is_not_a_postcode_gives_no_key(typed):
	assert normalise_postcode(typed) == ""


@pytest.mark.parametrize(
	("address", "key"),
	[
		("1 High Street\nMorpeth\nNorthumberland\nNE61 2EF", "NE61 2EF"),
		("Flat 2, 10 Downing St, London sw1a2aa", "SW1A 2AA"),
		("c/o 4 Mill Lane, Hexham, ne46 3aa (was NE46 1AB until May)", "NE46 1AB"),
		("County Hall, Morpeth", ""),
		("Unit 12, Riverside Court", ""),
		("Flat B12 3CK", ""),
		("", ""),
		(None, ""),
	],
)
def test_the_postcode_is_found_in_an_address(address, key):
	assert extract_postcode(address) == key


@pytest.mark.parametrize(
	("typed", "key"),
	[
		("Alex Resident", "alex resident"),
		("  ALEX   resident ", "alex resident"),
		("Mr Alex Resident", "alex resident"),
		("Mrs. Alex Resident", "alex resident"),
		("Dr. Alex Resident", "alex resident"),
		("Siobhán O'Brien", "siobhan obrien"),
		("SIOBHAN O’BRIEN", "siobhan obrien"),
		("Ann-Marie Smith-Jones", "ann marie smith jones"),
		("Mr", "mr"),
		("", ""),
	],
)
def test_a_name_ignores_case_spacing_punctuation_accents_and_titles(typed, key):
	assert normalise_name(typed) == key


def test_people_match_on_email_or_phone_or_name_and_postcode():
	complaint = PersonKeys.of(
		name="Alex Resident",
		email="alex.resident@example.com",
		phone="07700 900123",
		address="1 High Street, Morpeth NE61 2EF",
	)
	assert complaint.postcode == "NE61 2EF"
	by_email = PersonKeys.of(name="A. Resident", email=" ALEX.Resident@Example.com")
	by_phone = PersonKeys.of(name="Someone Else", phone="+44 7700 900 123")
	by_name_and_postcode = PersonKeys.of(name="MR ALEX RESIDENT", postcode="ne612ef")
	assert match_reasons(complaint, by_email) == (EMAIL,)
	assert match_reasons(complaint, by_phone) == (PHONE,)
	assert match_reasons(complaint, by_name_and_postcode) == (NAME_AND_POSTCODE,)
	assert match_reasons(complaint, complaint) == (EMAIL, PHONE, NAME_AND_POSTCODE)


def test_a_name_alone_or_a_postcode_alone_is_not_a_match():
	complaint = PersonKeys.of(name="Alex Resident", address="1 High Street, Morpeth NE61 2EF")
	assert not same_person(complaint, PersonKeys.of(name="Alex Resident"))
	assert not same_person(complaint, PersonKeys.of(name="Alex Resident", postcode="NE61 2EG"))
	assert not same_person(complaint, PersonKeys.of(name="Sam Resident", postcode="NE61 2EF"))
	# Another household member: same postcode, different name.
	assert not same_person(complaint, PersonKeys.of(name="Jo Resident", address="1 High Street NE61 2EF"))


def test_missing_details_never_match_each_other():
	nobody = PersonKeys.of(name="", email="", phone="", address="")
	assert nobody.is_empty()
	assert not same_person(nobody, nobody)
	assert PersonKeys.of(name="Alex Resident").is_empty()
	assert not PersonKeys.of(phone="07700 900123").is_empty()


@given(
	st.lists(st.sampled_from([" ", "-", "(", ")", "."]), min_size=0, max_size=6),
	st.sampled_from(["07700 900123", "+44 7700 900123", "0044 7700 900123", "+44 (0)7700 900123"]),
)
def test_separators_anywhere_inside_a_number_change_nothing(separators, number):
	digits = list(number)
	for i, sep in enumerate(separators):
		digits.insert(min(len(digits), 1 + 2 * i), sep)
	assert normalise_phone("".join(digits)) == "07700900123"


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789.", min_size=1, max_size=20))
def test_an_email_key_is_its_own_key(local):
	key = normalise_email(f" {local.upper()} @Example.ORG")
	assert key == f"{local}@example.org"
	assert normalise_email(key) == key
