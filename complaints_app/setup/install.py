"""Install-time defaults: roles, the stage workflow, themes, the shipped procedures and settings.

Everything here is created only when missing, so a council can edit or rename what
ships, and ``bench migrate`` never overwrites a desk edit. Nothing ships as a fixture:
Frappe re-imports fixtures on every migrate, which would silently revert an
administrator's change to the workflow or to a role's settings. The way back to what
ships is explicit: ``restore_default_workflow`` (a button in Complaints Settings).
"""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import frappe
from frappe import _
from frappe.model import no_value_fields
from frappe.utils import to_timedelta

from complaints_app.complaint_feedback.install import ensure_templates
from complaints_app.complaint_learning.install import ensure_root_causes
from complaints_app.complaint_portal.public import FALLBACK_TOPIC
from complaints_app.setup.defaults import (
	DEFAULT_PROCEDURE,
	EMAIL_TEMPLATES,
	PROCEDURES,
	STAGE_WORKFLOW,
	THEMES,
)

# Each person can turn the daily digest off in their own Notification Settings.
CUSTOM_FIELDS = {
	"Notification Settings": [
		{
			"fieldname": "complaints_daily_digest",
			"fieldtype": "Check",
			"label": "Complaints daily digest",
			"default": "1",
			"insert_after": "enable_email_notifications",
			"description": "A morning email listing the complaint stages you handle that are overdue, due today or due soon.",
		}
	]
}

RECORDS = Path(__file__).parent / "records"
# In dependency order: a workflow names its roles, states and actions.
RECORD_FILES = ("role.json", "workflow_state.json", "workflow_action_master.json", "workflow.json")


def after_install() -> None:
	ensure_defaults()


def after_migrate() -> None:
	ensure_defaults()


def before_uninstall() -> None:
	"""The workflow is on our doctypes and the digest field on Frappe's: neither may dangle."""
	from frappe.custom.doctype.custom_field.custom_field import delete_custom_fields

	delete_custom_fields(CUSTOM_FIELDS)
	for name in frappe.get_all("Workflow", filters={"document_type": ["like", "Complaint%"]}, pluck="name"):
		frappe.delete_doc("Workflow", name, ignore_permissions=True, force=True)


def ensure_defaults() -> None:
	from frappe.custom.doctype.custom_field.custom_field import create_custom_fields

	ensure_records()
	create_custom_fields(CUSTOM_FIELDS, update=False)
	for template in EMAIL_TEMPLATES:
		if not frappe.db.exists("Email Template", template["name"]):
			frappe.get_doc({"doctype": "Email Template", **template}).insert(ignore_permissions=True)
	for theme in THEMES:
		if not frappe.db.exists("Complaint Theme", theme):
			frappe.get_doc({"doctype": "Complaint Theme", "theme_name": theme}).insert(
				ignore_permissions=True
			)
	for procedure in PROCEDURES:
		if not frappe.db.exists("Complaint Procedure", procedure["procedure_name"]):
			frappe.get_doc({"doctype": "Complaint Procedure", **procedure}).insert(ignore_permissions=True)
	ensure_public_topic()
	ensure_templates()
	ensure_root_causes()
	fill_new_settings_defaults()
	settings = frappe.get_single("Complaints Settings")
	never_saved = not frappe.db.get_singles_dict("Complaints Settings")
	if never_saved or not settings.default_procedure:
		if never_saved:
			# Frappe gives a new document's Time fields the time of day it was made; no cut-off
			# was chosen yet, so there must be none (or late complaints would start a day late).
			settings.same_day_cutoff = None
		settings.nation = settings.nation or "England"
		settings.default_procedure = settings.default_procedure or DEFAULT_PROCEDURE
		settings.save(ignore_permissions=True)
	clear_machine_cutoff()


def fill_new_settings_defaults() -> list[str]:
	"""Complaints Settings fields added since the settings were last saved get their defaults.

	Frappe applies a default only to a new document. A field the settings already hold (an
	administrator's choice, even "off") is never touched, so a migrate reverts no desk edit.
	"""
	singles = frappe.qb.Table("tabSingles")
	stored = set(
		frappe.qb.from_(singles)
		.select(singles.field)
		.where(singles.doctype == "Complaints Settings")
		.run(pluck=True)
	)
	if not stored:
		return []  # never saved: ensure_defaults saves it whole, defaults included
	meta = frappe.get_meta("Complaints Settings")
	missing = [
		df
		for df in meta.fields
		if df.fieldname not in stored and df.default is not None and df.fieldtype not in no_value_fields
	]
	for df in missing:
		value = frappe.utils.cint(df.default) if df.fieldtype in ("Check", "Int") else df.default
		frappe.db.set_single_value("Complaints Settings", df.fieldname, value, update_modified=False)
	return [df.fieldname for df in missing]


def clear_machine_cutoff() -> bool:
	"""Clear a same-day cut-off that Frappe filled in, not an administrator; True if it did.

	Frappe gives an empty Time field the time of day whenever it makes the settings document
	afresh (at install, and on some saves), so complaints received after, say, 00:26:47
	started their clock a day late. A cut-off an administrator chooses is whole minutes; one
	with seconds came from the machine. It is cleared alone: a full save would also store every
	setting not yet saved (new alert switches, say) as 0.
	"""
	cutoff = frappe.db.get_single_value("Complaints Settings", "same_day_cutoff")
	if not cutoff or not to_timedelta(cutoff) % timedelta(minutes=1):
		return False
	frappe.db.set_single_value("Complaints Settings", "same_day_cutoff", None)
	frappe.clear_document_cache("Complaints Settings", "Complaints Settings")
	return True


def ensure_public_topic() -> None:
	"""The public form needs one topic to offer: "Something else", under the default procedure.

	Councils add their own (in the public's words, each with its area and procedure); this one
	is created only when missing, so an edit or a disabled flag survives migrate.
	"""
	if not frappe.db.exists("Complaint Public Topic", FALLBACK_TOPIC) and frappe.db.exists(
		"Complaint Procedure", DEFAULT_PROCEDURE
	):
		frappe.get_doc(
			{
				"doctype": "Complaint Public Topic",
				"topic": FALLBACK_TOPIC,
				"hint": _("Anything not listed above."),
				"procedure": DEFAULT_PROCEDURE,
				"sort_order": 1000,
			}
		).insert(ignore_permissions=True)


def shipped_records(filename: str) -> list[dict]:
	return json.loads((RECORDS / filename).read_text())


def ensure_records() -> None:
	"""Roles, workflow states and actions, and the stage workflow: each inserted only if its name is free.

	A council's own "Open" or "Closed" workflow state, or its own settings on our roles, stay as they are.
	"""
	for filename in RECORD_FILES:
		for record in shipped_records(filename):
			if not frappe.db.exists(record["doctype"], record["name"]):
				insert_record(record)


def insert_record(record: dict) -> None:
	doc = frappe.get_doc({k: v for k, v in record.items() if k != "modified"})
	doc.flags.ignore_links = True
	doc.insert(ignore_permissions=True)


@frappe.whitelist(methods=["POST"])
def restore_default_workflow() -> str:
	"""Replace the stage workflow with the one that ships, after an administrator asks for it."""
	if not frappe.has_permission("Workflow", "write"):
		frappe.throw(_("Only someone who may edit workflows can restore one."), frappe.PermissionError)
	ensure_records()
	frappe.delete_doc("Workflow", STAGE_WORKFLOW, ignore_permissions=True, force=True)
	(workflow,) = [r for r in shipped_records("workflow.json") if r["name"] == STAGE_WORKFLOW]
	insert_record(workflow)
	frappe.msgprint(_("The stage workflow is back to the one that ships with the app."), alert=True)
	return STAGE_WORKFLOW
