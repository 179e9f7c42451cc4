"""What the browser tests share: the settings, the site's REST API as Administrator, the people
and topics of one run, and the page checks (a full-page screenshot and axe-core on each page)."""

from __future__ import annotations

import json
import os
import secrets
import subprocess
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from urllib.parse import quote

import requests

HERE = Path(__file__).resolve().parent
AXE_JS = HERE / "node_modules" / "axe-core" / "axe.min.js"
BASE_URL = os.environ.get("BASE_URL", "http://127.0.0.1:8011").rstrip("/")
ADMIN_PASSWORD = os.environ.get("ADMIN_PASSWORD", "admin")
BENCH_DIR = Path(os.environ.get("BENCH_DIR", Path.home() / "frappe-bench"))
TEST_SITE = os.environ.get("TEST_SITE", "complaints-test.localhost")
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
SCREENSHOTS = Path(os.environ.get("SCREENSHOTS_DIR", HERE / "screenshots"))
# Playwright cannot download a browser here: it drives Debian's, with nothing phoning home.
CHROMIUM_ARGS = [
	"--no-sandbox",
	"--disable-gpu",
	"--disable-background-networking",
	"--disable-component-update",
	"--disable-sync",
	"--no-first-run",
]
LGSCO = "LGSCO Complaint Handling Code 2024"
CHILDRENS = "Children's social care (statutory)"
ACCEPT = "/api/method/frappe.website.doctype.web_form.web_form.accept"
PORTAL_METHOD = "/api/method/complaints_app.complaint_portal.portal."
SERIOUS = ("serious", "critical")
TIMEOUT_MS = 20_000

# Every axe finding of the session, printed at the end (pytest_terminal_summary).
FINDINGS: list[dict] = []


# -- the site's REST API as Administrator ------------------------------------------------------


class SiteError(AssertionError):
	"""A REST call the tests needed was refused; the message carries the server's."""


def server_message(response) -> str:
	try:
		body = response.json()
	except ValueError:
		return response.text[:500]
	messages = []
	for raw in json.loads(body.get("_server_messages") or "[]"):
		try:
			messages.append(json.loads(raw).get("message", raw))
		except (ValueError, AttributeError):
			messages.append(raw)
	return " | ".join([*messages, str(body.get("exception") or body.get("exc_type") or "")]).strip(" |")


def login(http, email: str, password: str) -> None:
	response = http.post(f"{BASE_URL}/api/method/login", data={"usr": email, "pwd": password}, timeout=30)
	if not response.ok:
		raise SiteError(f"login as {email}: HTTP {response.status_code}: {server_message(response)}")


class Site:
	"""The test site's REST API as Administrator, with a session cookie from /api/method/login."""

	def __init__(self) -> None:
		self.http = requests.Session()
		login(self.http, "Administrator", ADMIN_PASSWORD)

	def call(self, method: str, path: str, **kwargs) -> dict:
		response = self.http.request(method, BASE_URL + path, timeout=60, **kwargs)
		if not response.ok:
			raise SiteError(f"{method} {path}: HTTP {response.status_code}: {server_message(response)}")
		return response.json()

	def get_list(self, doctype: str, filters=None, fields=("name",), order_by: str | None = None) -> list:
		params = {"filters": json.dumps(filters or []), "fields": json.dumps(list(fields))}
		params["limit_page_length"] = 500
		if order_by:
			params["order_by"] = order_by
		return self.call("GET", f"/api/resource/{quote(doctype)}", params=params)["data"]

	def get_doc(self, doctype: str, name: str) -> dict:
		return self.call("GET", f"/api/resource/{quote(doctype)}/{quote(name)}")["data"]

	def insert(self, doc: dict) -> dict:
		return self.call("POST", f"/api/resource/{quote(doc['doctype'])}", json=doc)["data"]

	def update(self, doctype: str, name: str, values: dict) -> dict:
		return self.call("PUT", f"/api/resource/{quote(doctype)}/{quote(name)}", json=values)["data"]

	def make_complaint(self, received_on: date, **values) -> str:
		"""A complaint as staff record one received on an earlier day (stage 1 opens on insert)."""
		doc = {"doctype": "Complaint", "channel": "Web", "received_at": f"{received_on.isoformat()} 10:00:00"}
		return self.insert({**doc, **values})["name"]

	def stage(self, complaint: str, number: int = 1) -> dict:
		rows = self.get_list(
			"Complaint Stage", [["complaint", "=", complaint], ["stage_number", "=", number]], ["name"]
		)
		assert rows, f"complaint {complaint} has no stage {number}"
		return self.get_doc("Complaint Stage", rows[0]["name"])

	def answer_stage(self, complaint: str, responded_on: date, outcome: str = "Not upheld") -> dict:
		"""Record stage 1's response as staff would (the workflow moves it to Responded)."""
		stage = self.stage(complaint)
		return self.update(
			"Complaint Stage", stage["name"], {"responded_on": responded_on.isoformat(), "outcome": outcome}
		)

	def emails_about(self, complaint: str) -> list[dict]:
		return self.get_list(
			"Email Queue",
			[["reference_doctype", "=", "Complaint"], ["reference_name", "=", complaint]],
			["name", "message", "status", "creation"],
			order_by="creation asc",
		)


def site_task(*args: str) -> None:
	"""Run site_tasks.py inside the test site with the bench's Python (see that file)."""
	python = BENCH_DIR / "env" / "bin" / "python"
	if not python.exists():
		print(f"\n(no bench at {BENCH_DIR}: site task {args[0]} skipped)")
		return
	subprocess.run(
		[str(python), str(HERE / "site_tasks.py"), TEST_SITE, *args],
		cwd=BENCH_DIR / "sites",
		check=True,
		timeout=300,
	)


# -- the data of one run ----------------------------------------------------------------------


@dataclass(frozen=True)
class Person:
	email: str
	password: str
	full_name: str


@dataclass(frozen=True)
class Topics:
	bins: str  # LGSCO: no escalation window; stage 2 needs a different handler
	children: str  # children's social care: stage 1 has a 20 working-day escalation window


@dataclass
class RunData:
	run_id: str
	a: Person
	b: Person
	topics: Topics
	made_email_account: str | None = None
	since: str = ""


def website_user(site: Site, email: str, first_name: str) -> Person:
	password = f"Pw-{secrets.token_urlsafe(12)}-9!"
	site.insert(
		{
			"doctype": "User",
			"email": email,
			"first_name": first_name,
			"last_name": "Resident",
			"user_type": "Website User",
			"send_welcome_email": 0,
			"new_password": password,
		}
	)
	return Person(email=email, password=password, full_name=f"{first_name} Resident")


def complaint_values(run: RunData, topic: str, who: str, **overrides) -> dict:
	values = {
		"public_topic": topic,
		"summary": f"{who}: my bins were missed three weeks running ({run.run_id}).",
		"desired_outcome": "Collect them, and stop missing them.",
		"complainant_name": f"{who} Resident",
		"complainant_email": f"{who.lower()}.{run.run_id}@example.com",
		"preferred_contact": "Email",
	}
	values.update(overrides)
	return values


@dataclass
class Visit:
	"""A browser context (one person, or a guest) with the uncaught script errors of its pages."""

	context: object
	page_errors: list = field(default_factory=list)

	def new_page(self):
		page = self.context.new_page()
		page.on("pageerror", lambda error: self.page_errors.append(f"{page.url}: {error}"))
		return page


# -- each page: a full-page screenshot and axe-core ------------------------------------------------

AXE_RUN = """async () => {
	const result = await axe.run(document, {resultTypes: ["violations"]});
	return result.violations.map((v) => ({
		id: v.id, impact: v.impact, help: v.help, tags: v.tags,
		nodes: v.nodes.map((n) => ({target: n.target.join(" "), html: n.html.replace(/\\s+/g, " ").slice(0, 240),
			summary: (n.failureSummary || "").replace(/\\s+/g, " ").slice(0, 400)})),
	}));
}"""


class PageChecks:
	"""``checks(page, name)``: a full-page screenshot of the page as it is, then axe-core on it.

	The findings of every page are kept; ``assert_accessible()`` fails on any serious or critical
	violation among the pages this object checked. The rest are printed at the end of the run.
	"""

	counter = 0

	def __init__(self) -> None:
		self.findings: list[dict] = []

	def __call__(self, page, name: str) -> list[dict]:
		page.wait_for_load_state("load")
		PageChecks.counter += 1
		shot = SCREENSHOTS / f"{PageChecks.counter:02d}-{name}.png"
		page.screenshot(path=str(shot), full_page=True)
		if not page.evaluate("() => typeof window.axe !== 'undefined'"):
			page.add_script_tag(path=str(AXE_JS))
		violations = page.evaluate(AXE_RUN)
		finding = {"page": name, "url": page.url, "screenshot": shot.name, "violations": violations}
		self.findings.append(finding)
		FINDINGS.append(finding)
		return violations

	def serious(self) -> list[str]:
		return [
			f"{f['page']} ({f['url']}): {v['id']} [{v['impact']}] {v['help']}: "
			+ "; ".join(f"{n['target']} {n['html']}" for n in v["nodes"][:5])
			for f in self.findings
			for v in f["violations"]
			if v["impact"] in SERIOUS
		]

	def assert_accessible(self) -> None:
		assert self.findings, "no page was checked"
		serious = self.serious()
		assert not serious, "serious or critical axe-core violations:\n" + "\n".join(serious)
