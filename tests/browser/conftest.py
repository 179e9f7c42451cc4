"""Browser tests of the public side: Playwright (sync API) driving Debian's chromium, with axe-core
run on every public page and a full-page screenshot of each.

``scripts/test.sh`` serves the test site for the length of these tests and runs them with the
browser venv (``ensure_browser_tools`` in scripts/lib.sh). Data is set up through the site's REST
API as Administrator, marked with a run id, and purged at the end (``site_tasks.py``).

Environment (all optional):
	BASE_URL          the served test site                    (http://127.0.0.1:8011)
	ADMIN_PASSWORD    its Administrator password              (admin)
	BENCH_DIR         the bench, for site_tasks.py            (~/frappe-bench)
	TEST_SITE         the site's name, for site_tasks.py      (complaints-test.localhost)
	CHROMIUM          the browser                             (/usr/bin/chromium)
	SCREENSHOTS_DIR   where screenshots and axe-report.json go (tests/browser/screenshots)
	KEEP_TEST_DATA=1  leave the run's data on the site
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
from datetime import datetime, timedelta

import pytest

try:
	import requests
	from browser_support import (
		ACCEPT,
		AXE_JS,
		BASE_URL,
		CHILDRENS,
		CHROMIUM,
		CHROMIUM_ARGS,
		FINDINGS,
		HERE,
		LGSCO,
		SCREENSHOTS,
		TIMEOUT_MS,
		PageChecks,
		Person,
		RunData,
		Site,
		SiteError,
		Topics,
		Visit,
		complaint_values,
		login,
		server_message,
		site_task,
		website_user,
	)
	from playwright.sync_api import sync_playwright
except ImportError:  # the unit-test venv: these tests run in the browser venv (scripts/test.sh)
	collect_ignore_glob = ["test_*.py"]
	FINDINGS = []


@pytest.fixture(scope="session")
def site() -> Site:
	return Site()


@pytest.fixture(scope="session")
def run(site) -> RunData:
	"""Two website users, two topics (with their service areas), an outgoing Email Account when the
	site has none; all purged after the session unless KEEP_TEST_DATA=1."""
	run_id = secrets.token_hex(3)
	site_task("clear-limits")
	areas = {}
	for key, label in (("bins", "Waste and recycling"), ("children", "Children's services")):
		areas[key] = site.insert(
			{"doctype": "Complaint Service Area", "service_area_name": f"{label} {run_id}"}
		)
	since = (datetime.fromisoformat(areas["bins"]["creation"]) - timedelta(minutes=1)).isoformat()
	topics = Topics(bins=f"Bins and recycling {run_id}", children=f"Children's social care {run_id}")
	site.insert(
		{
			"doctype": "Complaint Public Topic",
			"topic": topics.bins,
			"hint": "Missed collections, recycling, bulky waste.",
			"service_area": areas["bins"]["name"],
			"procedure": LGSCO,
			"enabled": 1,
			"sort_order": 1,
		}
	)
	site.insert(
		{
			"doctype": "Complaint Public Topic",
			"topic": topics.children,
			"hint": "Social workers, children in care, care leavers.",
			"service_area": areas["children"]["name"],
			"procedure": CHILDRENS,
			"enabled": 1,
			"sort_order": 2,
			"asks_about_advocate": 1,
		}
	)
	data = RunData(
		run_id=run_id,
		a=website_user(site, f"browser.a.{run_id}@example.com", "Alex"),
		b=website_user(site, f"browser.b.{run_id}@example.com", "Bea"),
		topics=topics,
		since=since,
	)
	outgoing = site.get_list("Email Account", [["enable_outgoing", "=", 1], ["default_outgoing", "=", 1]])
	if not outgoing:
		# Queued, never sent: nothing runs this site's email queue, and this host does not resolve.
		data.made_email_account = site.insert(
			{
				"doctype": "Email Account",
				"email_account_name": f"Complaints browser tests {run_id}",
				"email_id": f"complaints.{run_id}@example.com",
				"enable_outgoing": 1,
				"default_outgoing": 1,
				"smtp_server": "smtp.example.invalid",
				"no_smtp_authentication": 1,
			}
		)["name"]
	yield data
	if os.environ.get("KEEP_TEST_DATA") == "1":
		print(f"\nKEEP_TEST_DATA=1: run {run_id}'s data is left on the site")
		return
	site_task("purge", run_id, data.since, *([data.made_email_account] if data.made_email_account else []))


@pytest.fixture(scope="session")
def submit(run):
	"""Make a complaint through the portal's own endpoint, as a guest or as a signed-in person;
	returns (reference, tracking URL). For setting up; the browser tests fill the form itself."""

	def make(person: Person | None, topic: str, **overrides) -> tuple[str, str]:
		http = requests.Session()
		if person:
			login(http, person.email, person.password)
		who = person.full_name.split()[0] if person else "Guest"
		data = {"doctype": "Complaint", "web_form_name": "complaint"}
		data.update(complaint_values(run, topic, who, **overrides))
		if person:
			data["complainant_email"] = person.email
		response = http.post(BASE_URL + ACCEPT, data={"web_form": "complaint", "data": json.dumps(data)})
		if not response.ok:
			raise SiteError(
				f"submitting a complaint: HTTP {response.status_code}: {server_message(response)}"
			)
		message = response.json()["message"]
		return message["name"], message["tracking_url"]

	return make


# -- the browser ---------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser():
	with sync_playwright() as playwright:
		launched = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
		yield launched
		launched.close()


@pytest.fixture
def visit(browser):
	"""visit(person=None) -> Visit: a fresh context, signed in as ``person`` when given."""
	made = []

	def open_as(person: Person | None = None) -> Visit:
		context = browser.new_context(
			base_url=BASE_URL, viewport={"width": 1280, "height": 900}, locale="en-GB"
		)
		context.set_default_timeout(TIMEOUT_MS)
		made.append(context)
		if person:
			response = context.request.post(
				"/api/method/login", form={"usr": person.email, "pwd": person.password}
			)
			assert response.ok, f"login as {person.email}: HTTP {response.status}"
		return Visit(context)

	yield open_as
	for context in made:
		context.close()


@pytest.fixture(scope="session", autouse=True)
def screenshots_folder():
	assert AXE_JS.exists(), f"{AXE_JS} is missing: run npm ci in {HERE} (scripts/test.sh does)"
	shutil.rmtree(SCREENSHOTS, ignore_errors=True)
	SCREENSHOTS.mkdir(parents=True)
	yield SCREENSHOTS
	(SCREENSHOTS / "axe-report.json").write_text(json.dumps(FINDINGS, indent=1))


@pytest.fixture
def checks() -> PageChecks:
	return PageChecks()


def pytest_terminal_summary(terminalreporter):
	if not FINDINGS:
		return
	write = terminalreporter.write_line
	terminalreporter.section("axe-core on each public page")
	for finding in FINDINGS:
		counts = {}
		for v in finding["violations"]:
			counts[v["impact"]] = counts.get(v["impact"], 0) + 1
		summary = ", ".join(f"{n} {impact}" for impact, n in sorted(counts.items())) or "no violations"
		write(f"{finding['screenshot']}: {summary}")
		for v in finding["violations"]:
			targets = ", ".join(n["target"] for n in v["nodes"][:4])
			write(f"    {v['impact']}: {v['id']} ({v['help']}) on {targets}")
	write(f"screenshots and axe-report.json: {SCREENSHOTS}")
