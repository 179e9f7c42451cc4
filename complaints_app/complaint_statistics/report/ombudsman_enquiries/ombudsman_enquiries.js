// Copyright (c) 2026, complaints_app contributors
// For license information, please see license.txt

{% include "complaints_app/complaint_statistics/report_filters.js" %}

frappe.query_reports["Ombudsman Enquiries"] = complaints_report({
	extra: [
		{
			fieldname: "ombudsman",
			label: __("Ombudsman"),
			fieldtype: "Select",
			options: "LGSCO\nHousing Ombudsman",
			default: "LGSCO",
		},
	],
});
