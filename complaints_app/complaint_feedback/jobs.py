"""The daily job for member enquiries: every open enquiry's clock brought up to today.

Set-based, as the stage clock refresh is (``complaints.clock_refresh``): the open enquiries and
their extensions come in one query, each clock is computed by the pure core through
``enquiries.clock_fields`` (what the controller computes on save), and only what changed is
written, one UPDATE per field and value. An enquiry the core refuses is logged and the batch
goes on; running the job twice on a day changes nothing the second time.

The alerts (due soon, due today, overdue) are the staff alerts' own: the daily alert scan reads
each open enquiry's ``due_date`` (``complaints_app.alerts.scan.enquiry_outgoing``).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

import frappe
from frappe.query_builder import DocType
from frappe.utils import getdate, nowdate

from complaints_app.complaint_feedback import enquiries
from complaints_app.complaint_feedback.enquiries import CLOCK_FIELDS
from complaints_app.complaints import clocks

DOCTYPE = "Member Enquiry"
CHUNK = 1000
# What the clock needs of an enquiry besides its extensions.
ENQUIRY_INPUTS = (
	"name",
	"status",
	"received_on",
	"received_after_cutoff",
	"target_days",
	"agreed_due_date",
	"responded_on",
)


@dataclass
class Refresh:
	checked: int = 0
	updated: int = 0
	failed: int = 0

	def counts(self) -> dict[str, int]:
		return {"checked": self.checked, "updated": self.updated, "failed": self.failed}


def run_daily() -> dict:
	"""Scheduled daily (daily_long): refresh open enquiries' clocks; returns the counts."""
	return {"enquiries": refresh_enquiry_clocks(getdate(nowdate())).counts()}


def load_open_enquiries() -> list[frappe._dict]:
	"""Open enquiries with their ``extensions``, in one query."""
	enquiry, ext = DocType(DOCTYPE), DocType("Member Enquiry Extension")
	rows = (
		frappe.qb.from_(enquiry)
		.left_join(ext)
		.on((ext.parent == enquiry.name) & (ext.parenttype == DOCTYPE))
		.select(
			*(enquiry[f] for f in (*ENQUIRY_INPUTS, *CLOCK_FIELDS)),
			ext.new_due_date.as_("ext_new_due_date"),
			ext.reason.as_("ext_reason"),
			ext.agreed_on.as_("ext_agreed_on"),
		)
		.where(enquiry.status == "Open")
		.orderby(enquiry.name)
		.orderby(ext.idx)
		.run(as_dict=True)
	)
	by_name: dict[str, frappe._dict] = {}
	for row in rows:
		found = by_name.get(row.name)
		if found is None:
			found = by_name[row.name] = frappe._dict(
				{k: v for k, v in row.items() if not k.startswith("ext_")}, extensions=[]
			)
		if row.ext_new_due_date:
			found.extensions.append(
				frappe._dict(
					new_due_date=row.ext_new_due_date, reason=row.ext_reason, agreed_on=row.ext_agreed_on
				)
			)
	return list(by_name.values())


def refresh_enquiry_clocks(today: date | None = None) -> Refresh:
	"""Bring every open enquiry's clock fields up to ``today``, writing only what changed."""
	today = today or getdate(nowdate())
	calendar, policy = clocks.council_calendar(), clocks.clock_policy()
	result = Refresh()
	changes: dict[str, dict] = defaultdict(lambda: defaultdict(list))
	for row in load_open_enquiries():
		result.checked += 1
		try:
			clock = enquiries.build_clock(row, calendar, policy)
			new = enquiries.clock_fields(row, today, clock)
		except Exception:
			result.failed += 1
			frappe.log_error(
				title=f"Member enquiry clock refresh failed for {row.name}",
				reference_doctype=DOCTYPE,
				reference_name=row.name,
			)
			continue
		changed = [f for f in CLOCK_FIELDS if differs(row.get(f), new[f])]
		if changed:
			result.updated += 1
			for f in changed:
				changes[f][new[f]].append(row.name)
	write_changes(changes)
	return result


def differs(stored, computed) -> bool:
	empty = (None, "", 0)
	if stored in empty or computed in empty:
		return (stored in empty) != (computed in empty)
	if isinstance(computed, date):
		return getdate(stored) != computed
	return str(stored) != str(computed)


def write_changes(changes: dict[str, dict]) -> None:
	"""One UPDATE per field, value and thousand enquiries."""
	enquiry = DocType(DOCTYPE)
	for fieldname, by_value in changes.items():
		for value, names in by_value.items():
			for start in range(0, len(names), CHUNK):
				chunk = names[start : start + CHUNK]
				frappe.qb.update(enquiry).set(enquiry[fieldname], value).where(enquiry.name.isin(chunk)).run()
