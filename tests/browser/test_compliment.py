"""A guest sends a compliment from /compliment: the errors say what is missing, then the panel gives
the reference, and the council's record has the topic's service area and the channel Web."""

from __future__ import annotations

from playwright.sync_api import expect
from portal_helpers import ERROR_SUMMARY, error_summary_items, reference_on_confirmation

SEND = ".web-form-footer .submit-btn"


def control(name: str) -> str:
	return f"#compliment-field-{name}"


def test_a_guest_sends_a_compliment(run, site, visit, checks):
	page = visit().new_page()
	page.goto("/compliment/new")
	page.wait_for_selector(control("public_topic"), state="visible")
	expect(page.locator("h1")).to_contain_text("compliment")
	checks(page, "compliment-form")

	page.click(SEND)
	expect(page.locator(ERROR_SUMMARY)).to_be_visible()
	assert error_summary_items(page) == [
		"Choose what your compliment is about",
		"Tell us what you would like to say",
		"Choose which best describes you",
	]
	checks(page, "compliment-errors")

	said = f"The crew came back the same day for our bin. Thank you! ({run.run_id})"
	page.locator(control("public_topic")).select_option(run.topics.bins)
	page.locator(control("what_was_said")).fill(said)
	page.locator(control("about_staff")).fill("The Tuesday collection crew")
	page.locator(control("from_whom")).select_option("Member of the public")
	page.locator(control("from_name")).fill("Alex Resident")
	page.locator(control("from_email")).fill(f"compliment.{run.run_id}@example.com")
	page.click(SEND)
	reference = reference_on_confirmation(page)
	assert reference.startswith("COMPL-")
	checks(page, "compliment-sent")

	kept = site.get_doc("Compliment", reference)
	assert (kept["what_was_said"], kept["channel"], kept["from_whom"]) == (
		said,
		"Web",
		"Member of the public",
	)
	topic = site.get_doc("Complaint Public Topic", run.topics.bins)
	assert kept["service_area"] == topic["service_area"]
	assert not kept.get("passed_to")

	checks.assert_accessible()
