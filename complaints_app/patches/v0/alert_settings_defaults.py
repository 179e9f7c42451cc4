"""Complaints Settings gained the alert switches: a site that had saved its settings before gets their defaults.

Frappe applies a field's default only to a new document, and the settings already existed.
"""

import frappe


def execute() -> None:
	settings = frappe.get_single("Complaints Settings")
	singles = frappe.qb.Table("tabSingles")
	stored = set(
		frappe.qb.from_(singles)
		.select(singles.field)
		.where(singles.doctype == "Complaints Settings")
		.run(pluck=True)
	)
	changed = False
	for df in settings.meta.fields:
		if (
			df.default is not None
			and df.fieldname not in stored
			and (
				df.fieldname.startswith("alert_")
				or df.fieldname
				in (
					"daily_digest",
					"escalate_after_days",
					"statement_within_days",
					"recommendation_due_soon_days",
				)
			)
		):
			settings.set(df.fieldname, frappe.utils.cint(df.default))
			changed = True
	if changed:
		settings.flags.ignore_links = True
		settings.save(ignore_permissions=True)
