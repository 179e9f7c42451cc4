from complaints_app.complaints.input_types import ComplaintsDocument


class ComplaintRootCause(ComplaintsDocument):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		description: DF.SmallText | None
		disabled: DF.Check
		root_cause_name: DF.Data
	# end: auto-generated types
	pass
