from complaints_app.complaints.input_types import ComplaintsDocument


class ComplaintThemeOutcome(ComplaintsDocument):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		outcome: DF.Literal[
			"",
			"Upheld",
			"Partially upheld",
			"Not upheld",
			"Withdrawn",
			"Resolved informally",
			"Refused",
			"Out of remit",
		]
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		point: DF.SmallText | None
		theme: DF.Link
	# end: auto-generated types
	pass
