// Copyright (c) 2026, complaints_app contributors
// For license information, please see license.txt

frappe.listview_settings["Complaint Contact Restriction"] = {
	add_fields: ["status", "review_date"],
	get_indicator(doc) {
		if (doc.status === "Ended") return [__("Ended"), "gray", "status,=,Ended"];
		if (doc.review_date && doc.review_date < frappe.datetime.get_today()) {
			return [__("Review due"), "orange", "status,=,Active"];
		}
		return [__("Active"), "red", "status,=,Active"];
	},
};
