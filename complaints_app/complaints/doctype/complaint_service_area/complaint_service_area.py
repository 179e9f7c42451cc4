from frappe.model.document import Document


class ComplaintServiceArea(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		disabled: DF.Check
		manager: DF.Link | None
		parent_service_area: DF.Link | None
		service_area_name: DF.Data
	# end: auto-generated types
	pass
