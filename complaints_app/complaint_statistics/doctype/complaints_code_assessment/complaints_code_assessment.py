# Copyright (c) 2026, complaints_app contributors
# For license information, please see license.txt

from complaints_app.complaints.input_types import ComplaintsDocument


class ComplaintsCodeAssessment(ComplaintsDocument):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		commentary: DF.SmallText | None
		complies: DF.Literal["", "Yes", "No"]
		evidence: DF.SmallText | None
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		requirement: DF.SmallText | None
		section: DF.Data | None
		section_number: DF.Data | None
	# end: auto-generated types
	pass
