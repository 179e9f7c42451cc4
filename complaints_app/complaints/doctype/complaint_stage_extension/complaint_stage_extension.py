from complaints_app.complaints.input_types import ComplaintsDocument


class ComplaintStageExtension(ComplaintsDocument):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		agreed_by: DF.Link
		agreed_on: DF.Date
		complainant_informed: DF.Check
		days: DF.Int
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		reason: DF.SmallText
	# end: auto-generated types
	pass
