// Copyright (c) 2026, complaints_app contributors
// For license information, please see license.txt

frappe.listview_settings["Member Enquiry"] = {
	add_fields: ["status", "clock_status", "days_overdue", "due_date"],
	get_indicator(doc) {
		if (doc.status !== "Open") {
			const colour = doc.clock_status === "Met late" ? "orange" : doc.status === "Closed" ? "gray" : "green";
			const label = doc.clock_status ? `${__(doc.status)}: ${__(doc.clock_status)}` : __(doc.status);
			return [label, colour, `status,=,${doc.status}`];
		}
		const colour = { "On track": "blue", "Due soon": "orange", "Due today": "orange", Overdue: "red" };
		const label =
			doc.clock_status === "Overdue" ? __("Overdue by {0} days", [doc.days_overdue]) : __(doc.clock_status || "Open");
		return [label, colour[doc.clock_status] || "blue", `clock_status,=,${doc.clock_status}`];
	},
};
