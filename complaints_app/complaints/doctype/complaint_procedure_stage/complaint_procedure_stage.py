from complaints_app.complaints.input_types import ComplaintsDocument


class ComplaintProcedureStage(ComplaintsDocument):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		acknowledgement_days: DF.Int
		agreed_date_limit_months: DF.Int
		clock_start_event: DF.Literal["Received", "Acknowledged", "Escalation requested", "Statement agreed"]
		council_response_days: DF.Int
		different_handler_required: DF.Check
		escalation_window_days: DF.Int
		max_extension_days: DF.Int
		panel_report_days: DF.Int
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		response_days: DF.Int
		response_unit: DF.Literal["Working days", "Calendar days", "Agreed date"]
		stage_name: DF.Data
		stage_record: DF.Literal["Plain", "Investigation", "Review panel"]
	# end: auto-generated types
	pass
