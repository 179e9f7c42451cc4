"""The daily clock refresh, set-based: every running stage in a few queries, one calendar, bulk writes.

It loads the running stages with their pauses and extensions (three queries), computes each
clock with the SLA core through ``clocks.stage_clock_fields`` (the function the stage
controller uses on save), and writes back only what changed: one UPDATE per field and value,
with no document save. ``days_overdue`` changes every day and leaves no Version row; a change
of clock status (on track to overdue, say) is recorded once, as a Version row. A record the
core refuses is logged with ``frappe.log_error`` and the batch goes on.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime

import frappe
from frappe.query_builder import DocType
from frappe.utils import get_datetime, getdate, now_datetime

from complaints_app.complaints import clocks
from complaints_app.complaints.doctype.complaint_stage.complaint_stage import SNAPSHOT_FIELDS
from complaints_app.sla import ClockState, StageClock

RUNNING_STATES = ("Open", "On hold")
CHUNK = 1000
# What the clock needs of a stage besides its copied timescales, and the fields it writes.
STAGE_INPUTS = (
	"name",
	"complaint",
	"procedure",
	"service_area",
	"handler",
	"stage_number",
	"workflow_state",
	"event_at",
	"acknowledged_on",
	"agreed_response_date",
	"responded_on",
	"hold_reason",
)
CLOCK_OUTPUTS = (
	"clock_started_at",
	"clock_start_date",
	"acknowledgement_due",
	"original_response_due",
	"response_due",
	"response_target",
	"clock_status",
	"days_overdue",
	"acknowledged_in_time",
	"in_time_original",
	"in_time_extended",
	"escalation_deadline",
)


@dataclass
class RefreshedStage:
	"""A running stage as the scan saw it: its row, its clock and its state today."""

	row: frappe._dict
	clock: StageClock
	state: ClockState


@dataclass
class Refresh:
	checked: int = 0
	updated: int = 0
	failed: int = 0
	queries: int = 0
	stages: list[RefreshedStage] = field(default_factory=list)

	def counts(self) -> dict[str, int]:
		return {"checked": self.checked, "updated": self.updated, "failed": self.failed}


def load_running_stages(procedure: str | None = None) -> list[frappe._dict]:
	"""Running stages with ``pauses``, ``extensions`` and the investigation's agreed statement date."""
	stage, pause, ext, inv = (
		DocType("Complaint Stage"),
		DocType("Complaint Stage Pause"),
		DocType("Complaint Stage Extension"),
		DocType("Complaint Investigation"),
	)
	running = stage.workflow_state.isin(RUNNING_STATES)
	if procedure:
		running &= stage.procedure == procedure
	rows = (
		frappe.qb.from_(stage)
		.left_join(inv)
		.on(inv.complaint_stage == stage.name)
		.select(
			*(stage[f] for f in (*STAGE_INPUTS, *SNAPSHOT_FIELDS, *CLOCK_OUTPUTS) if f != "stage_name"),
			stage.stage_name,
			inv.statement_agreed_on,
			inv.investigating_officer,
			inv.name.as_("investigation"),
		)
		.where(running)
		.orderby(stage.name)
		.run(as_dict=True)
	)
	by_name = {r.name: r for r in rows}
	for r in rows:
		r.pauses, r.extensions = [], []
	for child, target, fields in (
		(pause, "pauses", (pause.from_date, pause.to_date, pause.reason)),
		(ext, "extensions", (ext.days, ext.reason, ext.agreed_by, ext.agreed_on)),
	):
		children = (
			frappe.qb.from_(child)
			.join(stage)
			.on(child.parent == stage.name)
			.select(child.parent, *fields)
			.where(running & (child.parenttype == "Complaint Stage"))
			.orderby(child.parent, child.idx)
			.run(as_dict=True)
		)
		for c in children:
			if c.parent in by_name:
				by_name[c.parent][target].append(c)
	return rows


def refresh_stage_clocks(procedure: str | None = None, today: date | None = None) -> Refresh:
	"""Bring every running stage's clock fields up to ``today`` (default: today), in bulk."""
	today = today or frappe.utils.getdate()
	calendar, policy = clocks.council_calendar(), clocks.clock_policy()
	result = Refresh()
	changes: dict[str, dict] = defaultdict(lambda: defaultdict(list))
	versions: list[tuple] = []
	for row in load_running_stages(procedure):
		result.checked += 1
		try:
			row.clock_started_at = clocks.clock_start(
				row.clock_start_event, row.event_at, row.acknowledged_on, row.statement_agreed_on
			)
			clock = clocks.build_stage_clock(row, calendar, policy)
			new = clocks.stage_clock_fields(row, today, calendar, policy, clock=clock)
			new["clock_started_at"] = row.clock_started_at
			state = clock.state(today)
		except Exception:
			result.failed += 1
			frappe.log_error(
				title=f"Stage clock refresh failed for {row.name}",
				reference_doctype="Complaint Stage",
				reference_name=row.name,
			)
			continue
		changed = [f for f in CLOCK_OUTPUTS if _differs(row.get(f), new[f])]
		if changed:
			result.updated += 1
			for f in changed:
				changes[f][new[f]].append(row.name)
			if "clock_status" in changed:
				versions.append(_version(row.name, row.clock_status, new["clock_status"]))
			row.update({f: new[f] for f in changed})
		result.stages.append(RefreshedStage(row, clock, state))
	result.queries = write_changes(changes, versions)
	return result


def _empty(value) -> bool:
	return value is None or value == "" or value == 0


def _differs(stored, computed) -> bool:
	if _empty(stored) or _empty(computed):
		return _empty(stored) != _empty(computed)
	if isinstance(stored, datetime) or isinstance(computed, datetime):
		return get_datetime(stored) != get_datetime(computed)
	if isinstance(stored, date) or isinstance(computed, date):
		return getdate(stored) != getdate(computed)
	return str(stored) != str(computed)


def write_changes(changes: dict[str, dict], versions: list[tuple]) -> int:
	"""One UPDATE per field, value and thousand stages; complaints mirror their current stage's due date."""
	stage, complaint = DocType("Complaint Stage"), DocType("Complaint")
	queries = 0
	for fieldname, by_value in changes.items():
		for value, names in by_value.items():
			for start in range(0, len(names), CHUNK):
				chunk = names[start : start + CHUNK]
				frappe.qb.update(stage).set(stage[fieldname], value).where(stage.name.isin(chunk)).run()
				queries += 1
				if fieldname == "response_due":
					(
						frappe.qb.update(complaint)
						.set(complaint.response_due, value)
						.where(complaint.current_stage.isin(chunk))
						.run()
					)
					queries += 1
	if versions:
		frappe.db.bulk_insert(
			"Version",
			["name", "creation", "modified", "owner", "modified_by", "ref_doctype", "docname", "data"],
			versions,
		)
		queries += 1
	return queries


def _version(name: str, before: str | None, after: str) -> tuple:
	now = now_datetime()
	data = {"changed": [["clock_status", before or "", after]], "added": [], "removed": [], "row_changed": []}
	return (
		frappe.generate_hash(length=10),
		now,
		now,
		"Administrator",
		"Administrator",
		"Complaint Stage",
		name,
		json.dumps(data),
	)
