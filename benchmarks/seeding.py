"""Bulk seeding for site benchmarks: N complaints with their first stages in seconds.

One ``frappe.db.bulk_insert`` per table, not an ``insert()`` per document, so 100,000
cases take seconds rather than hours. Every row is what the controllers would have
written: due dates come from the SLA core with the council's calendar, the stage copies
its procedure row's timescales, and copies of service area and procedure match the
complaint. The alerts, reports and permission benchmarks all use this one helper.

    from seeding import site, seed_cases, remove_seeded
    with site("complaints-test.localhost"):
        names = seed_cases(100_000, running_share=0.6)
        ...
        remove_seeded()
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, timedelta

import frappe
from frappe.query_builder import DocType

from complaints_app.complaints.clocks import council_calendar
from complaints_app.complaints.doctype.complaint_stage.complaint_stage import SNAPSHOT_FIELDS
from complaints_app.setup.defaults import DEFAULT_PROCEDURE, THEMES
from complaints_app.sla import DayUnit, StageClock, Target
from complaints_app.vocabulary import FINDINGS

PREFIX = "BENCH-"
BATCH = 5_000


@contextmanager
def site(name: str) -> Iterator[None]:
	"""Connect to a site from a plain script run with the bench's Python (cwd: the bench's sites/)."""
	frappe.init(site=name)
	frappe.connect()
	frappe.set_user("Administrator")
	try:
		yield
	finally:
		frappe.db.commit()
		frappe.destroy()


def seed_user(email: str, *roles: str) -> str:
	"""A desk user for a benchmark (created once; ``remove_seeded`` leaves users to their benchmark)."""
	if not frappe.db.exists("User", email):
		frappe.get_doc(
			{"doctype": "User", "email": email, "first_name": "Benchmark", "send_welcome_email": 0}
		).insert(ignore_permissions=True)
		frappe.get_doc("User", email).add_roles(*roles)
	return email


def seed_areas(count: int, managers: list[str] | None = None) -> list[str]:
	"""Service areas ``BENCH-AREA-n`` (created once, through the controller: they form the tree)."""
	names = []
	for i in range(count):
		name = f"{PREFIX}AREA-{i:03d}"
		if not frappe.db.exists("Complaint Service Area", name):
			frappe.get_doc(
				{
					"doctype": "Complaint Service Area",
					"service_area_name": name,
					"manager": (managers or [None])[i % len(managers or [None])],
				}
			).insert(ignore_permissions=True)
		names.append(name)
	return names


def seed_cases(
	count: int,
	*,
	areas: list[str] | None = None,
	procedure: str = DEFAULT_PROCEDURE,
	first_day: date = date(2024, 4, 1),
	days: int = 730,
	running_share: float = 0.5,
	acknowledged_share: float = 0.9,
	handlers: list[str] | None = None,
	seed: int = 2026,
) -> list[str]:
	"""Insert ``count`` complaints under ``procedure`` received over ``days`` from ``first_day``.

	A share ``running_share`` of them have stage 1 still running; the rest were answered
	(outcome and in-time flags set, as the stage controller sets them). A share
	``acknowledged_share`` were acknowledged within the procedure's days (never after the last
	day of the span), which starts the clock where the procedure says so. Returns the names.
	"""
	rng = random.Random(seed)
	areas = areas or seed_areas(8)
	handlers = handlers or ["Administrator"]
	config = frappe.get_doc("Complaint Procedure", procedure).stages[0]
	calendar = council_calendar()
	start = frappe.db.count("Complaint", {"name": ["like", f"{PREFIX}%"]})
	last_day = first_day + timedelta(days=days)
	now = datetime.now()
	complaints, stages, names = [], [], []
	for i in range(start, start + count):
		name = f"{PREFIX}{i:07d}"
		received = datetime.combine(
			first_day + timedelta(days=rng.randrange(days)), datetime.min.time()
		) + timedelta(hours=9 + rng.randrange(8))
		area, theme = rng.choice(areas), rng.choice(THEMES)
		target = Target(config.response_days or 10, DayUnit.parse(config.response_unit))
		day0 = StageClock(calendar, received, target).start_day
		acknowledged = calendar.add_working_days(
			day0, rng.randrange(1, (config.acknowledgement_days or 1) + 1)
		)
		if acknowledged > last_day or rng.random() >= acknowledged_share:
			acknowledged = None
		started = acknowledged if acknowledged and config.clock_start_event == "Acknowledged" else received
		clock = StageClock(calendar, started, target)
		running = rng.random() < running_share
		responded = None if running else clock.start_day + timedelta(days=rng.randrange(1, 30))
		if responded:
			clock = StageClock(calendar, started, target, responded_on=responded, max_extension_days=0)
		ack_due = calendar.add_working_days(day0, config.acknowledgement_days or 0)
		outcome = None if running else rng.choice(FINDINGS)
		status = "Open" if running else "Closed"
		complaints.append(
			(
				name,
				"COMP-.YYYY.-.#####",
				now,
				now,
				"Administrator",
				"Administrator",
				0,
				f"Benchmark case {i}",
				procedure,
				received,
				"Web",
				status,
				f"{name}-1",
				config.stage_name,
				1,
				clock.due,
				area,
				theme,
				"Benchmark complaint",
				f"Resident {i % 997}",
				outcome if not running else None,
				outcome,
				responded,
			)
		)
		stage_row = (
			f"{name}-1",
			now,
			now,
			"Administrator",
			"Administrator",
			0,
			name,
			1,
			rng.choice(handlers),
			"Open" if running else "Responded",
			procedure,
			area,
			received,
			started,
			clock.start_day,
			ack_due,
			acknowledged,
			int(bool(acknowledged and acknowledged <= ack_due)),
			clock.original_due,
			clock.due,
			str(clock.target),
			responded,
			outcome,
			int(bool(clock.in_time_original())),
			int(bool(clock.in_time_extended())),
		)
		stages.append(stage_row + tuple(config.get(f) for f in SNAPSHOT_FIELDS))
		names.append(name)
		if len(complaints) >= BATCH:
			_flush(complaints, stages)
	_flush(complaints, stages)
	frappe.db.commit()
	return names


COMPLAINT_FIELDS = [
	"name", "naming_series", "creation", "modified", "owner", "modified_by", "docstatus", "subject",
	"procedure", "received_at", "channel", "status", "current_stage", "current_stage_name",
	"current_stage_number", "response_due", "service_area", "theme", "summary", "complainant_name",
	"final_outcome", "latest_outcome", "closed_on",
]  # fmt: skip
STAGE_FIELDS = [
	"name", "creation", "modified", "owner", "modified_by", "docstatus", "complaint", "stage_number",
	"handler", "workflow_state", "procedure", "service_area", "event_at", "clock_started_at",
	"clock_start_date", "acknowledgement_due", "acknowledged_on", "acknowledged_in_time",
	"original_response_due", "response_due", "response_target",
	"responded_on", "outcome", "in_time_original", "in_time_extended", *SNAPSHOT_FIELDS,
]  # fmt: skip


def _flush(complaints: list, stages: list) -> None:
	if complaints:
		frappe.db.bulk_insert("Complaint", COMPLAINT_FIELDS, complaints, chunk_size=BATCH)
		frappe.db.bulk_insert("Complaint Stage", STAGE_FIELDS, stages, chunk_size=BATCH)
	complaints.clear()
	stages.clear()


def remove_seeded() -> None:
	"""Delete every seeded complaint, stage and area (names start with ``BENCH-``)."""
	for doctype, column in (("Complaint Stage", "complaint"), ("Complaint", "name")):
		table = DocType(doctype)
		frappe.qb.from_(table).delete().where(table[column].like(f"{PREFIX}%")).run()
	area = DocType("Complaint Service Area")
	frappe.qb.from_(area).delete().where(area.name.like(f"{PREFIX}%")).run()
	frappe.db.commit()
