// Copyright (c) 2026, complaints_app contributors
// For license information, please see license.txt

{% include "complaints_app/complaint_statistics/report_filters.js" %}

frappe.query_reports["Complaint Timeliness"] = complaints_report({
	stage_number: 1,
	extra: [
		{ fieldname: "first_threshold", label: __("First threshold (working days)"), fieldtype: "Int", default: 10 },
		{ fieldname: "second_threshold", label: __("Second threshold (working days)"), fieldtype: "Int", default: 20 },
		{ fieldname: "calendar_threshold", label: __("Calendar-day threshold"), fieldtype: "Int", default: 28 },
	],
});
