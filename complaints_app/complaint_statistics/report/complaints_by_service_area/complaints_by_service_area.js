// Copyright (c) 2026, complaints_app contributors
// For license information, please see license.txt

{% include "complaints_app/complaint_statistics/report_filters.js" %}

frappe.query_reports["Complaints by Service Area"] = complaints_report({
	stage_number: 1,
	extra: [
		{
			fieldname: "transpose",
			label: __("One row per area"),
			fieldtype: "Check",
			default: 0,
		},
	],
});
