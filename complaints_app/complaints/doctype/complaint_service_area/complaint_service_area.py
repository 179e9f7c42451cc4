# Copyright (c) 2026, complaints_app contributors
# For license information, please see license.txt

from __future__ import annotations

import frappe
from frappe import _
from frappe.query_builder import DocType
from frappe.utils.nestedset import NestedSet

from complaints_app.complaints.input_types import TypedInput


class ComplaintServiceArea(TypedInput, NestedSet):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		disabled: DF.Check
		is_group: DF.Check
		lft: DF.Int
		manager: DF.Link | None
		old_parent: DF.Link | None
		parent_service_area: DF.Link | None
		rgt: DF.Int
		service_area_name: DF.Data
	# end: auto-generated types

	nsm_parent_field = "parent_service_area"

	def validate(self) -> None:
		self.mark_parent_as_group()

	def mark_parent_as_group(self) -> None:
		"""An area with areas below it is a group in the tree view; saying so by hand is not needed."""
		if self.parent_service_area and not frappe.db.get_value(
			"Complaint Service Area", self.parent_service_area, "is_group"
		):
			frappe.db.set_value("Complaint Service Area", self.parent_service_area, "is_group", 1)


@frappe.whitelist()
def get_children(doctype: str, parent: str | None = None, is_root: bool = False, **filters) -> list[dict]:
	"""Tree view: the areas directly below ``parent`` (Frappe's generic method assumes another parent field)."""
	if not frappe.has_permission("Complaint Service Area", "read"):
		frappe.throw(_("Not permitted to read service areas."), frappe.PermissionError)
	area = DocType("Complaint Service Area")
	top = frappe.utils.sbool(is_root) or not parent or parent == doctype
	parent_is = (
		(area.parent_service_area.isnull() | (area.parent_service_area == ""))
		if top
		else (area.parent_service_area == parent)
	)
	return (
		frappe.qb.from_(area)
		.select(area.name.as_("value"), area.name.as_("title"), area.is_group.as_("expandable"))
		.where(parent_is)
		.orderby(area.name)
		.run(as_dict=True)
	)


@frappe.whitelist(methods=["POST"])
def add_node(
	service_area_name: str,
	parent: str | None = None,
	is_root: bool | str = False,
	is_group: bool | str = False,
	manager: str | None = None,
	**kwargs,
) -> str:
	"""Tree view's "Add child": a new area under ``parent``."""
	doc = frappe.get_doc(
		{
			"doctype": "Complaint Service Area",
			"service_area_name": service_area_name,
			"parent_service_area": None if frappe.utils.sbool(is_root) else parent,
			"is_group": int(frappe.utils.sbool(is_group)),
			"manager": manager,
		}
	).insert()
	return doc.name
