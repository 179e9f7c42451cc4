// Copyright (c) 2026, complaints_app contributors
// For license information, please see license.txt

frappe.query_reports["Complaints Due for Anonymisation"] = {
	filters: [
		{
			fieldname: "as_at",
			label: __("As at"),
			fieldtype: "Date",
			default: frappe.datetime.get_today(),
			reqd: 1,
		},
		{
			fieldname: "procedure",
			label: __("Procedure"),
			fieldtype: "Link",
			options: "Complaint Procedure",
		},
	],
	formatter(value, row, column, data, default_formatter) {
		value = default_formatter(value, row, column, data);
		if (column.fieldname === "action" && data && data.held) {
			value = `<span class="indicator-pill orange">${value}</span>`;
		}
		return value;
	},
};
