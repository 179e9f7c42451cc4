"""A guest makes a complaint with the keyboard alone, gets the acknowledgement with its tracking link,
and the link opens that complaint."""

from __future__ import annotations

import email
import re
import time
from dataclasses import dataclass
from email import policy
from urllib.parse import urlsplit

import pytest
from browser_support import BASE_URL, SCREENSHOTS, TIMEOUT_MS, PageChecks
from playwright.sync_api import expect
from portal_helpers import (
	CHECK_ANSWERS,
	ERROR_SUMMARY,
	FORM,
	SEND,
	choose_with_arrows,
	error_summary_items,
	field,
	follow_first_error,
	press_next,
	reference_on_confirmation,
	tab_to,
	token_of,
	type_into,
	wait_for_form,
)

TRACKING_LINK = re.compile(r"https?://[^\s\"'<>]+/complaint-status\?token=[A-Za-z0-9_\-]+")


@dataclass
class GuestJourney:
	reference: str
	confirmation_url: str
	email: str
	summary: str
	checks: PageChecks
	page_errors: list


@pytest.fixture(scope="module")
def guest(browser, run):
	"""The whole journey, keyboard only: Tab to move, typing and arrow keys to answer, Enter to press.

	Its steps assert as they go (each needs the one before); the tests below assert the outcome."""
	checks = PageChecks()
	context = browser.new_context(base_url=BASE_URL, viewport={"width": 1280, "height": 900}, locale="en-GB")
	context.set_default_timeout(TIMEOUT_MS)
	errors: list = []
	page = context.new_page()
	page.on("pageerror", lambda error: errors.append(f"{page.url}: {error}"))
	summary = f"The bin lorry has missed our street for three weeks ({run.run_id})."
	guest_email = f"guest.{run.run_id}@example.com"
	try:
		page.goto(FORM)
		wait_for_form(page)
		checks(page, "form-1-what-about")

		# Next on an empty required page: the error summary takes the focus, its link moves it on.
		press_next(page)
		expect(page.locator(ERROR_SUMMARY)).to_be_visible()
		expect(page.locator(ERROR_SUMMARY)).to_be_focused()
		assert error_summary_items(page) == ["Choose what your complaint is about"]
		checks(page, "form-1-error-summary")
		follow_first_error(page, "public_topic")
		choose_with_arrows(page, field("public_topic"), run.topics.bins)
		press_next(page)

		expect(page.locator(field("summary"))).to_be_visible()
		expect(page.locator(ERROR_SUMMARY)).to_have_count(0)
		checks(page, "form-2-what-happened")
		press_next(page)
		assert error_summary_items(page) == [
			"Enter what happened",
			"Enter what would you like us to do to put things right",
		]
		follow_first_error(page, "summary")
		page.keyboard.type(summary)
		type_into(page, field("desired_outcome"), "Collect the bins and tell the crew about our street.")
		press_next(page)

		expect(page.locator(field("complainant_name"))).to_be_visible()
		checks(page, "form-3-your-details")
		type_into(page, field("complainant_name"), "Gita Guest")
		type_into(page, field("complainant_email"), guest_email)
		type_into(page, field("complainant_phone"), "01632 960001")
		press_next(page)

		expect(page.locator(field("on_behalf_of"))).to_be_visible()
		checks(page, "form-4-someone-else")
		press_next(page)

		expect(page.locator(field("reasonable_adjustments"))).to_be_visible()
		checks(page, "form-5-support")
		type_into(page, field("reasonable_adjustments"), "Large print letters, please.")
		press_next(page)

		expect(page.locator(CHECK_ANSWERS)).to_be_visible()
		checks(page, "form-6-documents")
		tab_to(page, CHECK_ANSWERS)
		page.keyboard.press("Enter")

		answers = page.locator(".complaint-check-answers")
		expect(answers).to_be_visible()
		expect(answers.locator("h2").first).to_be_focused()
		for shown in (run.topics.bins, summary, "Gita Guest", guest_email, "Large print letters, please."):
			expect(answers.locator(".govuk-summary-list")).to_contain_text(shown)
		checks(page, "check-your-answers")
		tab_to(page, SEND)
		page.keyboard.press("Enter")

		page.wait_for_url(re.compile(r"/complaint-status\?token=[^&]+&new=1"))
		reference = reference_on_confirmation(page)
		checks(page, "confirmation")
	except Exception:
		page.screenshot(path=str(SCREENSHOTS / "failed-guest-journey.png"), full_page=True)
		context.close()
		raise
	yield GuestJourney(reference, page.url, guest_email, summary, checks, errors)
	context.close()


def test_a_guest_completes_the_form_with_the_keyboard_alone_and_gets_a_reference(guest, site):
	complaint = site.get_doc("Complaint", guest.reference)
	assert complaint["channel"] == "Web"
	assert complaint["complainant_email"] == guest.email
	assert complaint["summary"].strip() == guest.summary
	assert not complaint.get("complainant_user")
	stage = site.stage(guest.reference)
	assert stage["response_due"], "stage 1 has no clock"
	assert not guest.page_errors, guest.page_errors


def test_the_acknowledgement_is_queued_with_the_tracking_link(guest, site):
	message = acknowledgement(site, guest)
	links = tracking_links(message)
	assert links, "the acknowledgement carries no tracking link:\n" + email_text(message)[:2000]
	assert {token_of(link) for link in links} == {token_of(guest.confirmation_url)}
	assert guest.reference in email_text(message)


def test_the_emailed_link_opens_the_same_complaint(guest, site, visit, checks):
	links = tracking_links(acknowledgement(site, guest))
	assert links, "the acknowledgement carries no tracking link"
	link = links[0]
	parts = urlsplit(link)
	if f"{parts.scheme}://{parts.netloc}" != BASE_URL:
		print(f"the link names {parts.netloc}; opening its path on {BASE_URL}")
		link = f"{parts.path}?{parts.query}"
	page = visit().new_page()
	response = page.goto(link)
	assert response.status == 200
	expect(page.locator("h1")).to_have_text(f"Your complaint {guest.reference}")
	expect(page.locator("#main-content")).to_contain_text("Being looked at")
	checks(page, "tracking-page-from-email")
	checks.assert_accessible()


def test_every_page_of_the_guest_journey_is_accessible(guest):
	guest.checks.assert_accessible()


# -- reading a queued email ----------------------------------------------------------------------


def acknowledgement(site, guest: GuestJourney, wait_seconds: float = 60) -> str:
	"""The raw message queued to the guest about their complaint (a job after the complaint commits)."""
	deadline = time.monotonic() + wait_seconds
	while True:
		queued = [
			q["message"]
			for q in site.emails_about(guest.reference)
			if guest.email in (q.get("message") or "").lower()
		]
		if queued or time.monotonic() > deadline:
			break
		time.sleep(0.5)
	assert queued, f"no email to {guest.email} about {guest.reference} in the Email Queue"
	return queued[0]


def email_text(raw: str) -> str:
	"""Every text part of a queued MIME message, decoded (quoted-printable, base64)."""
	message = email.message_from_string(raw, policy=policy.default)
	parts = []
	for part in message.walk():
		if part.get_content_maintype() == "text":
			parts.append(part.get_content())
	return "\n".join(parts)


def tracking_links(raw: str) -> list[str]:
	text = email_text(raw).replace("&amp;", "&")
	return list(dict.fromkeys(TRACKING_LINK.findall(text)))
