// Copyright (c) 2026, complaints_app contributors
// For license information, please see license.txt

frappe.listview_settings["Learning Action"] = {
	add_fields: ["status", "overdue", "due_date"],
	get_indicator(doc) {
		if (doc.status === "Completed") return [__("Completed"), "green", "status,=,Completed"];
		if (doc.status === "Cancelled") return [__("Cancelled"), "gray", "status,=,Cancelled"];
		if (doc.overdue) return [__("Overdue"), "red", "overdue,=,1"];
		return [__(doc.status), doc.status === "In progress" ? "blue" : "orange", `status,=,${doc.status}`];
	},
};
