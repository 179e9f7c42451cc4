# Copyright (c) 2026, complaints_app contributors
# For license information, please see license.txt

from __future__ import annotations

import frappe
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
