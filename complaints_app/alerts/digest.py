"""The daily digest: one email each working morning to each person with stages to act on.

It lists the person's stages that are overdue, due today and due soon, with links, and the
stages of theirs that are paused with the reason. Nobody with nothing to do gets one; nothing
goes at weekends or on the council's bank holidays and closure days; each person can turn it
off in their Notification Settings ("Complaints daily digest"). Each digest is logged like an
alert, so a second run the same day sends nothing.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

import frappe
from frappe import _
from frappe.utils import get_url_to_form

from complaints_app.alerts import sender
from complaints_app.alerts.rules import AlertKind
from complaints_app.alerts.scan import alert_policy
from complaints_app.complaints import clocks
from complaints_app.complaints.clock_refresh import RefreshedStage
from complaints_app.sla import Status

DIGEST_TEMPLATE = "Complaints: daily digest"
OPT_OUT_FIELD = "complaints_daily_digest"
SECTIONS = (
	(Status.OVERDUE, "overdue"),
	(Status.DUE_TODAY, "due_today"),
	(Status.DUE_SOON, "due_soon"),
	(Status.PAUSED, "paused"),
)


def digest_lists(stages: list[RefreshedStage]) -> dict[str, dict[str, list[dict]]]:
	"""Per handler: their stages by section, each with what the email shows."""
	lists: dict[str, dict[str, list[dict]]] = defaultdict(lambda: {key: [] for _status, key in SECTIONS})
	keys = dict(SECTIONS)
	for refreshed in stages:
		row, state = refreshed.row, refreshed.state
		if not row.handler or state.status not in keys:
			continue
		lists[row.handler][keys[state.status]].append(
			{
				"name": row.name,
				"complaint": row.complaint,
				"stage": row.stage_name,
				"due": frappe.format(state.due, "Date") if state.due else _("not set while paused"),
				"days_overdue": state.days_overdue,
				"reason": row.hold_reason or "",
				"link": get_url_to_form("Complaint Stage", row.name),
			}
		)
	return {
		user: sections
		for user, sections in lists.items()
		if sections["overdue"] or sections["due_today"] or sections["due_soon"]
	}


def opted_out(users: list[str]) -> set[str]:
	if not users or not frappe.get_meta("Notification Settings").has_field(OPT_OUT_FIELD):
		return set()
	return set(
		frappe.get_all(
			"Notification Settings", filters={"name": ["in", users], OPT_OUT_FIELD: 0}, pluck="name"
		)
	)


def send_digests(today: date, stages: list[RefreshedStage]) -> dict[str, int]:
	"""One digest per person with something to do, on the council's working days only."""
	counts = {"sent": 0, "already sent": 0, "failed": 0}
	if AlertKind.DIGEST not in alert_policy().enabled or not clocks.council_calendar().is_working_day(today):
		return counts
	lists = digest_lists(stages)
	declined = opted_out(list(lists))
	users = [u for u in sender.Recipients().users(("user", u) for u in lists) if u not in declined]
	for user in users:  # a handler set by hand on a case hidden from them sees none of it
		for key, rows in lists[user].items():
			lists[user][key] = [
				r for r in rows if frappe.has_permission("Complaint Stage", "read", doc=r["name"], user=user)
			]
	users = [u for u in users if lists[u]["overdue"] or lists[u]["due_today"] or lists[u]["due_soon"]]
	outgoing = [
		sender.Outgoing(
			AlertKind.DIGEST,
			"User",
			user,
			None,
			today,
			user,
			_("Complaints: {0} overdue, {1} due today, {2} due soon").format(
				len(lists[user]["overdue"]), len(lists[user]["due_today"]), len(lists[user]["due_soon"])
			),
			"",
		)
		for user in users
	]
	sent_before = sender.already_sent([o.key for o in outgoing])
	counts["already sent"] = len(sent_before)
	for digest in outgoing:
		if digest.key in sent_before:
			continue
		frappe.db.savepoint("complaint_digest")
		try:
			sender.log(digest, today)
			sender.email(
				digest.recipient,
				DIGEST_TEMPLATE,
				reference=("User", digest.recipient),
				subject=digest.subject,
				**lists[digest.recipient],
			)
			counts["sent"] += 1
		except Exception:
			frappe.db.rollback(save_point="complaint_digest")
			counts["failed"] += 1
			frappe.log_error(title=f"Complaints daily digest failed for {digest.recipient}")
	return counts
