"""Install-time defaults: themes, the shipped procedures and settings.

Each default is created only when missing, so councils can edit or rename
what ships and a migrate never overwrites their changes.
"""

from __future__ import annotations

import frappe
from frappe.utils.fixtures import sync_fixtures

from complaints_app.setup.defaults import DEFAULT_PROCEDURE, PROCEDURES, THEMES


def after_install() -> None:
	# Frappe syncs fixtures after this hook; the shipped procedures need the roles now.
	sync_fixtures("complaints_app")
	ensure_defaults()


def after_migrate() -> None:
	ensure_defaults()


def before_uninstall() -> None:
	"""Workflows are fixtures on our doctypes; they would dangle once the doctypes are gone."""
	for name in frappe.get_all("Workflow", filters={"document_type": ["like", "Complaint%"]}, pluck="name"):
		frappe.delete_doc("Workflow", name, ignore_permissions=True, force=True)


def ensure_defaults() -> None:
	for theme in THEMES:
		if not frappe.db.exists("Complaint Theme", theme):
			frappe.get_doc({"doctype": "Complaint Theme", "theme_name": theme}).insert(
				ignore_permissions=True
			)
	for procedure in PROCEDURES:
		if not frappe.db.exists("Complaint Procedure", procedure["procedure_name"]):
			frappe.get_doc({"doctype": "Complaint Procedure", **procedure}).insert(ignore_permissions=True)
	settings = frappe.get_single("Complaints Settings")
	if not settings.nation or not settings.default_procedure:
		settings.nation = settings.nation or "England"
		settings.default_procedure = settings.default_procedure or DEFAULT_PROCEDURE
		settings.save(ignore_permissions=True)
