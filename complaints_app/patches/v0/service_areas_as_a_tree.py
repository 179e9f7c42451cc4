"""Service areas became a nested set: number the existing tree and mark the areas that have children."""

import frappe
from frappe.query_builder import DocType
from frappe.utils.nestedset import rebuild_tree


def execute() -> None:
	area = DocType("Complaint Service Area")
	parents = (
		frappe.qb.from_(area)
		.select(area.parent_service_area)
		.where(area.parent_service_area.isnotnull() & (area.parent_service_area != ""))
		.distinct()
		.run(pluck=True)
	)
	if parents:
		frappe.qb.update(area).set(area.is_group, 1).where(area.name.isin(parents)).run()
	rebuild_tree("Complaint Service Area")
