from complaints_app.complaints.input_types import ComplaintsDocument


class ComplaintInvestigationPoint(ComplaintsDocument):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		finding: DF.Literal["", "Upheld", "Partially upheld", "Not upheld"]
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		point: DF.SmallText
		recommendation: DF.SmallText | None
	# end: auto-generated types
	pass
