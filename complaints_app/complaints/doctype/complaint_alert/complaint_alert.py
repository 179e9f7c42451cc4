# Copyright (c) 2026, complaints_app contributors
# For license information, please see license.txt

from complaints_app.complaints.input_types import ComplaintsDocument


class ComplaintAlert(ComplaintsDocument):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		alert_key: DF.Data | None
		complaint: DF.Link | None
		due_date: DF.Date | None
		kind: DF.Literal[
			"New case",
			"Acknowledgement due today",
			"Acknowledgement overdue",
			"Response due soon",
			"Response due today",
			"Response overdue",
			"Overdue, escalated",
			"Statement of complaint not agreed",
			"Review panel meeting due",
			"Review panel report due",
			"Council response to panel due",
			"Ombudsman recommendation due",
			"Escalation window closing",
			"Daily digest",
			"Member enquiry due soon",
			"Member enquiry due today",
			"Member enquiry overdue",
			"Learning action overdue",
			"Contact restriction review due",
			"Reasonable adjustments review due",
		]
		notification: DF.Link | None
		recipient: DF.Link | None
		reference_doctype: DF.Link | None
		reference_name: DF.DynamicLink | None
		sent_on: DF.Date | None
		subject: DF.Data | None
	# end: auto-generated types
	pass
