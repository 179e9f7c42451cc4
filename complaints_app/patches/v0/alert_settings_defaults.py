"""Complaints Settings gained the alert switches: a site that had saved its settings before gets their defaults.

Frappe applies a field's default only to a new document, and the settings already existed.
"""

import frappe

from complaints_app.alerts.scan import SETTING_OF_KIND

ALERT_FIELDS = {
	*SETTING_OF_KIND.values(),
	"escalate_after_days",
	"statement_within_days",
	"recommendation_due_soon_days",
}


def execute() -> None:
	settings = frappe.get_single("Complaints Settings")
	singles = frappe.qb.Table("tabSingles")
	stored = set(
		frappe.qb.from_(singles)
		.select(singles.field)
		.where(singles.doctype == "Complaints Settings")
		.run(pluck=True)
	)
	missing = [
		df for df in settings.meta.fields if df.fieldname in ALERT_FIELDS - stored and df.default is not None
	]
	for df in missing:
		settings.set(df.fieldname, frappe.utils.cint(df.default))
	if missing:
		settings.flags.ignore_links = True
		settings.save(ignore_permissions=True)
