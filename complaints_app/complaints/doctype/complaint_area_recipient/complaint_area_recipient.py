# Copyright (c) 2026, complaints_app contributors
# For license information, please see license.txt

from complaints_app.complaints.input_types import ComplaintsDocument


class ComplaintAreaRecipient(ComplaintsDocument):
	pass
