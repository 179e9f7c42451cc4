# Copyright (c) 2026, complaints_app contributors
# For license information, please see license.txt
"""A complaint's contact details as matching keys; written by ``complaint_contacts.contact_keys`` only."""

from complaints_app.complaints.input_types import ComplaintsDocument


class ComplaintContactKey(ComplaintsDocument):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		email_key: DF.Data | None
		name_key: DF.Data | None
		phone_key: DF.Data | None
		postcode_key: DF.Data | None
		reference_doctype: DF.Link | None
		reference_name: DF.DynamicLink | None
	# end: auto-generated types
	pass
