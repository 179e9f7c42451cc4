"""What the alert integration tests share: email queued but never sent, settings per test, a scan on a day."""

from __future__ import annotations

import frappe
from frappe.tests.utils import change_settings

from complaints_app.complaints.jobs import run_daily


class AlertTestMixin:
	"""Mix into a FrappeTestCase; ``alert_settings`` are applied to Complaints Settings for each test.

	Email is queued through a test Email Account and, muted, never sent: Frappe's own "send now" in
	tests (its assignment notifications) would otherwise commit the test's transaction. Frappe
	caches the outgoing account per process, so the cache is forgotten on the way in and out.
	"""

	alert_settings: dict = {}

	@classmethod
	def start_run(cls, length: int = 5) -> str:
		"""As Administrator, with mail queued and never sent: returns this run's id for naming records."""
		frappe.set_user("Administrator")
		run = frappe.generate_hash(length=length)
		cls.queue_email_without_sending(run)
		return run

	@classmethod
	def queue_email_without_sending(cls, run: str) -> None:
		frappe.get_doc(
			{
				"doctype": "Email Account",
				"email_account_name": f"Complaints alerts {run}",
				"email_id": f"complaints-alerts-{run}@example.com",
				"enable_outgoing": 1,
				"default_outgoing": 1,
				"smtp_server": "127.0.0.1",
				"no_smtp_authentication": 1,
			}
		).insert(ignore_permissions=True)
		frappe.local.outgoing_email_account = {}
		cls.emails_were_muted = frappe.flags.mute_emails
		frappe.flags.mute_emails = True

	@classmethod
	def tearDownClass(cls):
		frappe.flags.mute_emails = cls.emails_were_muted
		frappe.local.outgoing_email_account = {}  # the account goes with the rollback
		super().tearDownClass()

	def setUp(self):
		settings = change_settings("Complaints Settings", self.alert_settings)
		settings.__enter__()
		self.addCleanup(settings.__exit__, None, None, None)

	def scan_on(self, day: str):
		"""The daily job as the scheduler runs it, at 08:00 on ``day``."""
		with self.freeze_time(f"{day} 08:00:00"):
			return run_daily()
