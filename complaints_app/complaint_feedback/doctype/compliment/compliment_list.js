// Copyright (c) 2026, complaints_app contributors
// For license information, please see license.txt

frappe.listview_settings["Compliment"] = {
	add_fields: ["passed_to", "passed_on", "channel"],
	get_indicator(doc) {
		return doc.passed_on
			? [__("Passed on"), "green", "passed_on,is,set"]
			: [__("Not passed on"), "orange", "passed_on,is,not set"];
	},
};
