"""Moving through the public pages as a person would: with the keyboard alone, or with a mouse."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

from playwright.sync_api import expect

FORM = "/complaint/new"
NEXT = ".web-form-footer .btn-next"
CHECK_ANSWERS = ".web-form-footer .submit-btn"
SEND = ".complaint-check-answers .complaint-send"
ERROR_SUMMARY = ".govuk-error-summary"
PANEL = ".govuk-panel"
REFERENCE = ".govuk-panel .govuk-panel__body strong"

DESCRIBE_FOCUS = """() => {
	const e = document.activeElement;
	if (!e || e === document.body) return "(body)";
	const text = (e.getAttribute("aria-label") || e.innerText || e.value || "").trim().slice(0, 40);
	return `${e.tagName.toLowerCase()}${e.id ? "#" + e.id : ""}${e.className ? "." + String(e.className).trim().split(/\\s+/).join(".") : ""} "${text}"`;
}"""


def field(name: str) -> str:
	"""The form control of a web form field (the app's script gives each its id)."""
	return f"#complaint-field-{name}"


def focus_matches(page, selector: str) -> bool:
	return page.evaluate("(s) => !!document.activeElement && document.activeElement.matches(s)", selector)


def tab_to(page, selector: str, limit: int = 150) -> None:
	"""Press Tab until ``selector`` has the focus, as a keyboard user would; fails if it never does."""
	path = []
	for _ in range(limit):
		if focus_matches(page, selector):
			return
		page.keyboard.press("Tab")
		path.append(page.evaluate(DESCRIBE_FOCUS))
	raise AssertionError(
		f"{selector} never took the focus in {limit} presses of Tab on {page.url}; the focus went to: "
		+ " > ".join(dict.fromkeys(path))
	)


def type_into(page, selector: str, text: str) -> None:
	tab_to(page, selector)
	page.keyboard.type(text)


def choose_with_arrows(page, selector: str, value: str) -> None:
	"""Choose an option of a focused <select> with the arrow keys (no list opened, no mouse)."""
	tab_to(page, selector)
	options = page.locator(selector).locator("option").count()
	for _ in range(options + 1):
		if page.locator(selector).input_value() == value:
			return
		page.keyboard.press("ArrowDown")
	raise AssertionError(f"{value!r} could not be chosen in {selector} with the arrow keys")


def press_next(page) -> None:
	tab_to(page, NEXT)
	page.keyboard.press("Enter")


def wait_for_form(page) -> None:
	"""The web form is built by script after the page loads; the app's script then names the fields."""
	page.wait_for_selector(field("public_topic"), state="visible")


def current_page_title(page) -> str:
	"""The visible page of the multi-page form: its page-break label, or "first" for the first."""
	return page.evaluate(
		"""() => {
			const visible = [...document.querySelectorAll(".page-break")].find((p) => p.offsetParent !== null);
			if (!visible) return "first";
			const title = visible.querySelector(".section-head, h4, .section-title");
			return title ? title.innerText.trim() : "untitled";
		}"""
	)


def error_summary_items(page) -> list[str]:
	return [t.strip() for t in page.locator(f"{ERROR_SUMMARY} li").all_inner_texts()]


def follow_first_error(page, expected_field: str) -> None:
	"""From the focused error summary, Tab to its first link and press Enter: the field gets the focus."""
	tab_to(page, f"{ERROR_SUMMARY} li:first-child a")
	page.keyboard.press("Enter")
	expect(page.locator(field(expected_field))).to_be_focused()


def reference_on_confirmation(page) -> str:
	expect(page.locator(PANEL)).to_be_visible()
	reference = page.locator(REFERENCE).inner_text().strip()
	assert re.fullmatch(r"[A-Z][A-Z0-9-]*\d", reference), f"no reference in the panel: {reference!r}"
	return reference


def token_of(url: str) -> str:
	values = parse_qs(urlsplit(url).query).get("token")
	assert values, f"no token in {url}"
	return values[0]


# -- with a mouse: for journeys whose subject is not the keyboard ---------------------------------


def fill_form_with_mouse(page, values: dict, checks=None, name: str = "form") -> None:
	"""Fill the form page by page (select, fill, click Next), then click "Check your answers"."""
	page.goto(FORM)
	wait_for_form(page)
	for _ in range(10):
		for fieldname, value in values.items():
			control = page.locator(field(fieldname))
			if not control.is_visible():
				continue
			if control.evaluate("(e) => e.tagName") == "SELECT":
				control.select_option(value)
			else:
				control.fill(value)
		if checks:
			checks(page, f"{name}-{current_page_title(page).lower().replace(' ', '-')}")
		if page.locator(NEXT).is_visible():
			page.click(NEXT)
			expect(page.locator(ERROR_SUMMARY)).to_have_count(0)
		else:
			break
	page.click(CHECK_ANSWERS)
	expect(page.locator(".complaint-check-answers")).to_be_visible()
