// Copyright (c) 2026, complaints_app contributors
// For license information, please see license.txt

frappe.listview_settings["Complaint Stage"] = {
	add_fields: ["clock_status", "days_overdue", "response_due", "workflow_state"],
	has_indicator_for_draft: true,
	get_indicator(doc) {
		const colour = {
			"On track": "green",
			"Due soon": "orange",
			"Due today": "orange",
			Overdue: "red",
			Paused: "grey",
			Met: "green",
			"Met late": "red",
		};
		if (!doc.clock_status) return [__(doc.workflow_state), "gray", `workflow_state,=,${doc.workflow_state}`];
		const label =
			doc.clock_status === "Overdue" ? __("Overdue by {0} days", [doc.days_overdue]) : __(doc.clock_status);
		return [label, colour[doc.clock_status] || "blue", `clock_status,=,${doc.clock_status}`];
	},
};
