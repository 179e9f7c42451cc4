from complaints_app.complaints.input_types import ComplaintsDocument


class ComplaintLink(ComplaintsDocument):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		complaint: DF.Link
		note: DF.Data | None
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		relation: DF.Literal["Related", "Duplicate merged here", "Merged into"]
	# end: auto-generated types
	pass
