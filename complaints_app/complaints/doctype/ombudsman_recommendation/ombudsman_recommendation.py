from complaints_app.complaints.input_types import ComplaintsDocument


class OmbudsmanRecommendation(ComplaintsDocument):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		completed_on: DF.Date | None
		due_date: DF.Date | None
		evidence: DF.SmallText | None
		overdue: DF.Check
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		recommendation: DF.SmallText
	# end: auto-generated types
	pass
