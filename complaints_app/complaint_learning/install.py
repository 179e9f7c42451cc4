"""The root causes a new site starts with; an administrator edits, disables or adds to them in desk.

Northumberland's Complaints Improvement Framework (seed 002) asks case handlers to categorise
"service process and root cause" and judges complaint handling against the Ombudsman's
principles of accessibility, communication, timeliness, fairness, credibility and
accountability; Stockport (seed 000) and the county panel (seed 001) name delays, capacity
and reliance on partner organisations. The list below follows them. Each is created only
when no root cause of that name exists, so a rename or a description edited in desk
survives ``bench migrate``.
"""

from __future__ import annotations

import frappe

ROOT_CAUSES = (
	(
		"Communication",
		"Information was unclear, wrong or late, or the person was not kept informed.",
	),
	(
		"Delay",
		"The service, a decision or a reply took longer than it should have.",
	),
	(
		"Policy or procedure not followed",
		"Staff did not follow the council's policy, procedure or the law.",
	),
	(
		"Policy or procedure at fault",
		"The policy or procedure itself was unclear, out of date or led to an unfair result.",
	),
	(
		"Decision-making",
		"A decision was not properly made, explained or evidenced.",
	),
	(
		"Staff conduct",
		"The attitude or behaviour of a member of staff.",
	),
	(
		"Accessibility",
		"The service or the complaints process was hard to reach or use, or adjustments were not made.",
	),
	(
		"Record keeping",
		"Records were missing, wrong or not shared with those who needed them.",
	),
	(
		"Capacity and resources",
		"Too few staff, or too little time or money, to deliver the service.",
	),
	(
		"Partner or contractor",
		"A partner organisation or contractor working for the council.",
	),
	(
		"No service failure found",
		"The council acted properly; the complaint arose from a disagreement or a misunderstanding.",
	),
)


def ensure_root_causes() -> int:
	"""Create each shipped root cause whose name is free; returns how many were created."""
	created = 0
	for name, description in ROOT_CAUSES:
		if frappe.db.exists("Complaint Root Cause", name):
			continue
		frappe.get_doc(
			{"doctype": "Complaint Root Cause", "root_cause_name": name, "description": description}
		).insert(ignore_permissions=True)
		created += 1
	return created
