"""A signed-in complainant makes a complaint and sees their own complaints, and nobody else's."""

from __future__ import annotations

import re

from playwright.sync_api import expect
from portal_helpers import SEND, fill_form_with_mouse, reference_on_confirmation


def test_a_signed_in_complainant_sees_their_own_complaints_and_not_anothers(run, site, submit, visit, checks):
	b_secret = f"Bea's neighbour dispute, private ({run.run_id})"
	b_reference, _ = submit(run.b, run.topics.bins, summary=b_secret)

	a = visit(run.a)
	page = a.new_page()
	a_summary = f"Alex: the recycling box was not returned ({run.run_id})."
	fill_form_with_mouse(
		page,
		{
			"public_topic": run.topics.bins,
			"summary": a_summary,
			"desired_outcome": "Return the box.",
			"complainant_name": run.a.full_name,
			"complainant_email": run.a.email,
		},
		checks,
		name="signed-in-form",
	)
	checks(page, "signed-in-check-your-answers")
	page.click(SEND)
	page.wait_for_url(re.compile(r"/complaint-status\?token=[^&]+&new=1"))
	a_reference = reference_on_confirmation(page)
	checks(page, "signed-in-confirmation")
	assert site.get_doc("Complaint", a_reference)["complainant_user"] == run.a.email

	response = page.goto("/my-complaints")
	assert response.status == 200
	expect(page.locator("h1")).to_have_text("My complaints")
	listed = [
		t.strip() for t in page.locator("#main-content table tbody tr td:first-child").all_inner_texts()
	]
	assert a_reference in listed
	assert b_reference not in listed
	expect(page.locator("#main-content")).not_to_contain_text(b_secret)
	checks(page, "my-complaints")

	page.get_by_role("link", name=a_reference, exact=True).click()
	page.wait_for_url(re.compile(rf"/complaint-status\?complaint={re.escape(a_reference)}$"))
	expect(page.locator("h1")).to_have_text(f"Your complaint {a_reference}")
	checks(page, "complaint-by-reference")

	response = page.goto(f"/complaint-status?complaint={b_reference}")
	assert response.status == 403
	expect(page.locator("h1")).to_have_text("We cannot show this complaint")
	body = page.locator("body").inner_text()
	assert b_secret not in body
	assert run.b.full_name not in body
	checks(page, "another-persons-complaint-refused")

	assert not a.page_errors, a.page_errors
	checks.assert_accessible()
