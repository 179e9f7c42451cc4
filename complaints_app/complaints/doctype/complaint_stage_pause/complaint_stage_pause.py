from complaints_app.complaints.input_types import ComplaintsDocument


class ComplaintStagePause(ComplaintsDocument):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from_date: DF.Date
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		reason: DF.SmallText
		to_date: DF.Date | None
	# end: auto-generated types
	pass
