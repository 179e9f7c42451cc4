// Copyright (c) 2026, complaints_app contributors
// For license information, please see license.txt

{% include "complaints_app/complaint_statistics/report_filters.js" %}

frappe.query_reports["Member Enquiries"] = complaints_report({
	no_procedure: true,
	no_root_cause: true,
	extra: [
		{
			fieldname: "member_type",
			label: __("From"),
			fieldtype: "Select",
			options: ["", "Councillor", "MP", "Senior leader"],
		},
	],
});
