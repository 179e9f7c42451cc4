# Copyright (c) 2026, complaints_app contributors
# For license information, please see license.txt

from complaints_app.complaints.input_types import ComplaintsDocument


class ComplaintsServiceImprovement(ComplaintsDocument):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		complaint: DF.Link | None
		completed_on: DF.Date | None
		improvement: DF.SmallText
		learning_action: DF.Link | None
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		service_area: DF.Link | None
	# end: auto-generated types
	pass
