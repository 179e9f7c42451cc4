"""Asking for the next stage from the tracking page: accepted while the window is open (and waiting
for staff where the next stage needs a new handler), refused with the Ombudsman's details after it."""

from __future__ import annotations

from datetime import date, timedelta

from browser_support import PORTAL_METHOD
from playwright.sync_api import expect

REQUEST_FORM = "form.complaint-request[data-action='request_next_stage']"
REFUSAL = ".govuk-inset-text"


def test_a_request_in_the_window_is_accepted_and_waits_for_staff(run, site, submit, visit, checks):
	# LGSCO: no escalation window, and stage 2 needs a different handler, so staff decide.
	reference, _ = submit(run.a, run.topics.bins)
	received_on = date.fromisoformat(site.get_doc("Complaint", reference)["received_at"][:10])
	site.answer_stage(reference, received_on)  # the site's own today, whatever this machine's zone

	a = visit(run.a)
	page = a.new_page()
	assert page.goto(f"/complaint-status?complaint={reference}").status == 200
	form = page.locator(REQUEST_FORM)
	expect(form).to_be_visible()
	expect(page.locator(REFUSAL)).to_have_count(0)
	checks(page, "escalation-form")

	reasons = f"The bins are still missed every week ({run.run_id})."
	page.fill("#complaint-reasons", reasons)
	form.locator("button[type=submit]").click()
	expect(page.locator(".complaint-request-result")).to_contain_text("Thank you. We will write to you about")
	# The page reloads: the request is recorded and cannot be made twice.
	expect(page.locator(REFUSAL)).to_contain_text("You have already asked for the next stage")
	expect(page.locator(REQUEST_FORM)).to_have_count(0)
	checks(page, "escalation-request-pending")

	requests_made = site.get_list(
		"Complaint Escalation Request", [["complaint", "=", reference]], ["name", "status", "reasons"]
	)
	assert [(r["status"], r["reasons"]) for r in requests_made] == [("Pending", reasons)]
	assert site.stage(reference)["workflow_state"] != "Closed"
	assert not a.page_errors, a.page_errors
	checks.assert_accessible()


def test_a_request_after_the_window_is_refused_with_the_ombudsmans_details(run, site, visit, checks):
	# Children's social care: stage 1 has a 20 working-day escalation window. This complaint came in
	# 200 days ago and stage 1 was answered 170 days ago, so the window closed long ago.
	topic = site.get_doc("Complaint Public Topic", run.topics.children)
	today = date.today()
	reference = site.make_complaint(
		today - timedelta(days=200),
		subject=f"Social worker visits ({run.run_id})",
		summary=f"Nobody came to the review meeting ({run.run_id}).",
		public_topic=topic["name"],
		procedure=topic["procedure"],
		service_area=topic["service_area"],
		complainant_name=run.a.full_name,
		complainant_email=run.a.email,
		complainant_user=run.a.email,
	)
	stage = site.answer_stage(reference, today - timedelta(days=170))
	deadline = stage.get("escalation_deadline")
	assert deadline and date.fromisoformat(deadline) < today, f"the window is not closed: {deadline}"

	a = visit(run.a)
	page = a.new_page()
	assert page.goto(f"/complaint-status?complaint={reference}").status == 200
	expect(page.locator(REQUEST_FORM)).to_have_count(0)
	refusal = page.locator(REFUSAL)
	expect(refusal).to_contain_text("The time to ask for")
	expect(refusal).to_contain_text("ended on")
	expect(refusal).to_contain_text("Local Government and Social Care Ombudsman")
	expect(refusal).to_contain_text("www.lgo.org.uk")
	expect(refusal).to_contain_text("0300 061 0614")
	checks(page, "escalation-refused")

	# The server refuses it too, whatever the page offers.
	csrf = page.evaluate("() => window.frappe && frappe.csrf_token")
	response = a.context.request.post(
		PORTAL_METHOD + "request_next_stage",
		form={"complaint": reference, "reasons": "Late, I know."},
		headers={"X-Frappe-CSRF-Token": csrf or ""},
	)
	assert response.status == 417, response.text()
	assert "ended on" in response.text()
	assert site.get_list("Complaint Escalation Request", [["complaint", "=", reference]]) == []
	assert not a.page_errors, a.page_errors
	checks.assert_accessible()
