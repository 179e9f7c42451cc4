"""Work that follows a save but need not hold up its answer: run by a worker once the save commits.

A complaint's new-case alerts and the portal's acknowledgement are sent this way, so the person
submitting (a member of the public, or staff in desk) gets their answer as soon as the complaint is
stored. The job runs only if the transaction commits, so an alert never names a complaint that was
rolled back, and a failure in it never undoes the complaint.

Under ``bench run-tests`` (no worker) the job runs at once, in the same transaction, so a test
sees its effect immediately.
"""

from __future__ import annotations

import frappe

from complaints_app.alerts.events import tell_work_queue

JOB_TIMEOUT = 300  # seconds: one complaint's alerts or acknowledgement


def later(method: str, **kwargs) -> None:
	"""Run ``method(**kwargs)`` on the short queue after this transaction commits."""
	frappe.enqueue(
		method,
		queue="short",
		timeout=JOB_TIMEOUT,
		enqueue_after_commit=True,
		now=bool(frappe.flags.in_test),
		**kwargs,
	)


def tell_work_queue_later(doc, method: str | None = None) -> None:
	"""Complaint after_insert: the area's work queue hears of the new case once it is committed."""
	if frappe.flags.in_import or frappe.flags.in_patch:
		return
	later("complaints_app.complaints.background.tell_work_queue_of", complaint=doc.name)


def tell_work_queue_of(complaint: str) -> None:
	"""The job: the complaint as stored, told to its area's work queue (nothing if it is gone)."""
	if frappe.db.exists("Complaint", complaint):
		tell_work_queue(frappe.get_doc("Complaint", complaint))
