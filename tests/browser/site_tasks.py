"""The two things the browser tests do inside the test site rather than over HTTP.

Run with the bench's Python from its ``sites`` folder (``browser_support.site_task`` does):

	python site_tasks.py SITE clear-limits
	python site_tasks.py SITE purge RUN_ID SINCE [EMAIL_ACCOUNT]

* ``clear-limits`` forgets the per-IP request counters: every request of the browser tests comes
  from 127.0.0.1, as do the integration tests' and earlier runs', which would otherwise have used
  up the hourly submission limit.
* ``purge`` deletes what one run made (its complaints with their stages, tokens, requests and
  queued mail, its topics, service areas, users and the Email Account it added), with the
  helpers the integration tests clean up with, so the test site is left as the run found it.
"""

from __future__ import annotations

import sys

import frappe
from frappe.utils import get_datetime


def clear_limits() -> None:
	"""The portal's own counters and frappe.rate_limiter's (``rl:<method>:<ip>...``) on this site."""
	for prefix in ("complaints_portal:", "rl:"):
		for key in frappe.cache.get_keys(prefix):
			frappe.cache.delete(key)


def purge(run_id: str, since: str, email_account: str | None) -> None:
	from complaints_app.complaints.test_permissions import (
		committed,
		log_out,
		purge_complaint,
		purge_user,
	)
	from complaints_app.complaints.test_permissions import (
		purge as purge_one,
	)

	started = get_datetime(since)
	marked = {"complainant_email": ["like", f"%{run_id}%"]}
	users = frappe.get_all("User", {"name": ["like", f"%{run_id}%@example.com"]}, pluck="name")
	complaints = set(frappe.get_all("Complaint", marked, pluck="name"))
	if users:
		complaints |= set(frappe.get_all("Complaint", {"complainant_user": ["in", users]}, pluck="name"))
	for name in sorted(complaints):
		committed(purge_complaint, name, since=started)
	compliments = frappe.get_all("Compliment", {"what_was_said": ["like", f"%{run_id}%"]}, pluck="name")
	for name in compliments:
		committed(purge_one, "Compliment", name)
	for topic in frappe.get_all("Complaint Public Topic", {"topic": ["like", f"%{run_id}%"]}, pluck="name"):
		committed(purge_one, "Complaint Public Topic", topic)
	for area in frappe.get_all("Complaint Service Area", {"name": ["like", f"%{run_id}%"]}, pluck="name"):
		committed(purge_one, "Complaint Service Area", area)
	for user in users:
		committed(log_out, user, since=started)
		committed(purge_user, user)
	if email_account and frappe.db.exists("Email Account", email_account):
		committed(purge_one, "Email Account", email_account)
	clear_limits()
	print(f"purged run {run_id}: {len(complaints)} complaints, {len(users)} users")


def main(site: str, task: str, *args: str) -> None:
	frappe.init(site=site, sites_path=".")
	frappe.connect()
	try:
		frappe.set_user("Administrator")
		if task == "clear-limits":
			clear_limits()
		elif task == "purge":
			purge(args[0], args[1], args[2] if len(args) > 2 else None)
		else:
			raise SystemExit(f"unknown task {task}")
		frappe.db.commit()
	finally:
		frappe.destroy()


if __name__ == "__main__":
	main(*sys.argv[1:])
