# Copyright (c) 2026, complaints_app contributors
# For license information, please see license.txt

from complaints_app.complaints.input_types import ComplaintsDocument


class MemberEnquiryExtension(ComplaintsDocument):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		agreed_on: DF.Date
		new_due_date: DF.Date
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		reason: DF.SmallText
	# end: auto-generated types
	pass
