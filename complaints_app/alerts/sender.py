"""Sending an alert: a log row that claims its key, a desk notification and an email, in one transaction.

Each alert is a ``Complaint Alert`` row whose unique ``alert_key`` is (record, kind, the due
date it refers to, recipient). The row, the Notification Log (the desk bell) and the Email
Queue row are written together under one savepoint, so a crash leaves either all three or
none; the next run sends exactly the alerts still missing. Emails use the Email Template
``Complaints: staff alert``, which an administrator can edit in desk.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

import frappe
from frappe.query_builder import DocType
from frappe.utils import get_url_to_form

from complaints_app.alerts.rules import ROLE, USER, Alert, AlertKind, alert_key

ALERT_TEMPLATE = "Complaints: staff alert"
COMMIT_EVERY = 200


@dataclass(frozen=True)
class Outgoing:
	"""One alert to one person about one record."""

	kind: AlertKind
	doctype: str
	name: str
	complaint: str | None
	due: date | None
	recipient: str
	subject: str
	message: str
	phase: str = ""
	part: str = ""  # a row of the record the alert is about (an Ombudsman recommendation)

	@property
	def key(self) -> str:
		return alert_key(self.doctype, self.name, self.kind, self.due, self.recipient, self.phase, self.part)


class Recipients:
	"""Turns (user | role) recipients into enabled desk users, with one query per role."""

	def __init__(self) -> None:
		self._roles: dict[str, list[str]] = {}
		self._enabled: set[str] | None = None

	def users(self, recipients: Iterable[tuple[str, str]]) -> list[str]:
		found: list[str] = []
		for kind, value in recipients:
			for user in [value] if kind == USER else self.role(value) if kind == ROLE else []:
				if user not in found and user in self.enabled():
					found.append(user)
		return found

	def enabled(self) -> set[str]:
		if self._enabled is None:
			user = DocType("User")
			self._enabled = set(
				frappe.qb.from_(user)
				.select(user.name)
				.where((user.enabled == 1) & (user.user_type == "System User"))
				.run(pluck=True)
			) | {"Administrator"}
		return self._enabled

	def role(self, role: str) -> list[str]:
		if role not in self._roles:
			has_role = DocType("Has Role")
			self._roles[role] = (
				frappe.qb.from_(has_role)
				.select(has_role.parent)
				.where((has_role.role == role) & (has_role.parenttype == "User"))
				.distinct()
				.run(pluck=True)
			)
		return [u for u in self._roles[role] if u != "Administrator"]


def expand(
	alerts: Iterable[Alert],
	doctype: str,
	name: str,
	complaint: str | None,
	describe,
	recipients: Recipients,
	part: str = "",
) -> list[Outgoing]:
	"""One Outgoing per alert and person; ``describe(alert)`` gives (subject, message)."""
	out = []
	for alert in alerts:
		subject, message = describe(alert)
		for user in recipients.users(alert.recipients):
			out.append(
				Outgoing(
					alert.kind, doctype, name, complaint, alert.due, user, subject, message, alert.phase, part
				)
			)
	return out


def may_read(alert: Outgoing) -> bool:
	"""An alert names a case: it goes only to someone who may open it (a restricted procedure hides it)."""
	if alert.doctype == "User":
		return alert.name == alert.recipient
	return frappe.has_permission(alert.doctype, "read", doc=alert.name, user=alert.recipient)


def already_sent(keys: list[str]) -> set[str]:
	log = DocType("Complaint Alert")
	sent: set[str] = set()
	for start in range(0, len(keys), 1000):
		chunk = keys[start : start + 1000]
		sent |= set(
			frappe.qb.from_(log).select(log.alert_key).where(log.alert_key.isin(chunk)).run(pluck=True)
		)
	return sent


def send_all(outgoing: list[Outgoing], today: date, commit_every: int | None = None) -> dict[str, int]:
	"""Send the alerts not yet in the log to people who may open their record; returns the counts.

	``commit_every`` is for the daily job alone, so a long run keeps what it has sent.
	"""
	unique = list({o.key: o for o in outgoing}.values())
	sent_before = already_sent([o.key for o in unique])
	pending = [o for o in unique if o.key not in sent_before and may_read(o)]
	counts = {"sent": 0, "already sent": len(sent_before), "failed": 0}
	for n, alert in enumerate(pending, start=1):
		frappe.db.savepoint("complaint_alert")
		try:
			send_one(alert, today)
			counts["sent"] += 1
		except frappe.DuplicateEntryError:
			frappe.db.rollback(save_point="complaint_alert")  # another run sent it meanwhile
		except frappe.QueryDeadlockError:
			raise  # the database rolled the whole transaction back; the next run sends what is missing
		except Exception:
			frappe.db.rollback(save_point="complaint_alert")
			counts["failed"] += 1
			frappe.log_error(
				title=f"Complaint alert failed: {alert.kind.value} for {alert.name}",
				reference_doctype=alert.doctype,
				reference_name=alert.name,
			)
		except BaseException:
			# Killed mid-alert: none of its three rows may stay, so the next run sends it whole.
			frappe.db.rollback(save_point="complaint_alert")
			raise
		if commit_every and n % commit_every == 0 and not frappe.flags.in_test:
			frappe.db.commit()
	return counts


def send_one(alert: Outgoing, today: date) -> None:
	"""The log row first (it claims the key), then the bell and the email, all in this transaction."""
	entry = log(alert, today)
	notification = frappe.get_doc(
		{
			"doctype": "Notification Log",
			"for_user": alert.recipient,
			"from_user": "Administrator",
			"type": "Alert",
			"document_type": alert.doctype,
			"document_name": alert.name,
			"subject": alert.subject,
			"email_content": alert.message,
		}
	).insert(ignore_permissions=True)
	entry.db_set("notification", notification.name, update_modified=False)
	email(
		alert.recipient,
		ALERT_TEMPLATE,
		reference=(alert.doctype, alert.name),
		subject=alert.subject,
		message=alert.message,
		link=link(alert),
	)


def log(alert: Outgoing, today: date):
	"""The ``Complaint Alert`` row; its unique key refuses a second copy (DuplicateEntryError)."""
	return frappe.get_doc(
		{
			"doctype": "Complaint Alert",
			"alert_key": alert.key,
			"kind": alert.kind.value,
			"recipient": alert.recipient,
			"sent_on": today,
			"reference_doctype": alert.doctype,
			"reference_name": alert.name,
			"complaint": alert.complaint,
			"due_date": alert.due,
			"subject": alert.subject[:400],
		}
	).insert(ignore_permissions=True)


def link(alert: Outgoing) -> str:
	return get_url_to_form(alert.doctype, alert.name)


def email(recipient: str, template: str, reference: tuple[str, str] | None = None, **args) -> None:
	"""Queue an email from an Email Template (created on install, editable in desk), traceable to its record."""
	address = frappe.db.get_value("User", recipient, "email")
	if not address:
		return
	doc = frappe.get_cached_doc("Email Template", template)
	if not outgoing_email_configured():
		return  # the desk notification still goes; email waits for an outgoing Email Account
	frappe.sendmail(
		recipients=[address],
		subject=frappe.render_template(doc.subject, args),
		message=frappe.render_template(doc.response_html or doc.response or "", args),
		reference_doctype=reference[0] if reference else None,
		reference_name=reference[1] if reference else None,
		now=False,
		delayed=True,
	)


def outgoing_email_configured() -> bool:
	"""A council may run without outgoing email (a new site, the demo); then only the bell rings."""
	return bool(frappe.db.exists("Email Account", {"enable_outgoing": 1, "default_outgoing": 1}))
