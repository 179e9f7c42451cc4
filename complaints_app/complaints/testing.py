"""Factories for integration tests: build real documents with sensible defaults.

Dates are fixed, named calendars ("the Christmas 2025 case"), never "today",
unless a test is about today.
"""

from __future__ import annotations

from contextlib import contextmanager
from datetime import date, datetime

import frappe

LGSCO = "LGSCO Complaint Handling Code 2024"
CHILDRENS = "Children's social care (statutory)"
ADULTS = "Adult social care (statutory)"
CALENDAR_DAYS = "Corporate, calendar days"
EARLY_RESOLUTION = "Corporate, early resolution"

CHRISTMAS_2025 = datetime(2025, 12, 19, 10, 0)


def make_user(email: str, *roles: str, first_name: str | None = None) -> str:
	if not frappe.db.exists("User", email):
		frappe.get_doc(
			{
				"doctype": "User",
				"email": email,
				"first_name": first_name or email.split("@")[0].replace(".", " ").title(),
				"send_welcome_email": 0,
				"user_type": "System User",
			}
		).insert(ignore_permissions=True)
	user = frappe.get_doc("User", email)
	missing = [r for r in roles if r not in {d.role for d in user.roles}]
	if missing:
		user.add_roles(*missing)
	return email


def make_service_area(name: str, manager: str | None = None, parent: str | None = None) -> str:
	if not frappe.db.exists("Complaint Service Area", name):
		frappe.get_doc(
			{
				"doctype": "Complaint Service Area",
				"service_area_name": name,
				"manager": manager,
				"parent_service_area": parent,
			}
		).insert(ignore_permissions=True)
	return name


def make_complaint(**overrides):
	values = {
		"doctype": "Complaint",
		"subject": "Missed bin collections",
		"procedure": LGSCO,
		"received_at": CHRISTMAS_2025,
		"channel": "Web",
		"summary": "My bins have been missed three weeks running.",
		"complainant_name": "Alex Resident",
		"complainant_email": "alex.resident@example.com",
		"theme": "Standard of Service",
	}
	values.update(overrides)
	return frappe.get_doc(values).insert(ignore_permissions=True)


def current_stage(complaint_name: str):
	name = frappe.db.get_value("Complaint", complaint_name, "current_stage")
	return frappe.get_doc("Complaint Stage", name)


def respond(stage, responded_on: date, outcome: str = "Not upheld"):
	stage.reload()
	stage.responded_on = responded_on
	stage.outcome = outcome
	stage.save()
	return stage


@contextmanager
def council_calendar(nation: str = "England", closures: tuple[date, ...] = (), cutoff: str | None = None):
	"""Temporarily set the council's calendar in Complaints Settings."""
	settings = frappe.get_single("Complaints Settings")
	saved = (settings.nation, [d.as_dict() for d in settings.calendar_days], settings.same_day_cutoff)
	settings.nation = nation
	settings.set(
		"calendar_days", [{"date": d, "kind": "Council closure", "description": "Closed"} for d in closures]
	)
	settings.same_day_cutoff = cutoff
	settings.save(ignore_permissions=True)
	try:
		yield settings
	finally:
		settings.reload()
		settings.nation, settings.same_day_cutoff = saved[0], saved[2]
		settings.set(
			"calendar_days",
			[{"date": d["date"], "kind": d["kind"], "description": d["description"]} for d in saved[1]],
		)
		settings.save(ignore_permissions=True)


def children_case_at(stage_number: int):
	"""A children's complaint received 5 Jan 2026, escalated to ``stage_number`` (2 or 3), each stage answered in time."""
	complaint = make_complaint(procedure=CHILDRENS, received_at="2026-01-05 10:00:00")
	respond(current_stage(complaint.name), date(2026, 1, 16))
	complaint.reload()
	stage = complaint.escalate(handler="Administrator", requested_at="2026-01-20 09:00:00")
	if stage_number == 3:
		respond(stage, date(2026, 2, 20), "Partially upheld")
		complaint.reload()
		stage = complaint.escalate(handler="Guest", requested_at="2026-03-02 09:00:00")
	return complaint, stage


@contextmanager
def app_jobs_inline():
	"""The app's background jobs run inside the request that queues them, as under ``run-tests``.

	Frappe's in-process test client re-initialises ``frappe.local`` for each request, which
	clears ``flags.in_test``; without this, a job queued by a REST call would wait for a worker.
	"""
	from unittest.mock import patch

	enqueue = frappe.enqueue

	def run_now(method, *args, **kwargs):
		if isinstance(method, str) and method.startswith("complaints_app."):
			kwargs["now"] = True
		return enqueue(method, *args, **kwargs)

	with patch.object(frappe, "enqueue", run_now):
		yield
