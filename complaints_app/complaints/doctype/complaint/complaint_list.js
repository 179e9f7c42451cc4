// Copyright (c) 2026, complaints_app contributors
// For license information, please see license.txt

frappe.listview_settings["Complaint"] = {
	add_fields: ["status", "response_due"],
	get_indicator(doc) {
		const colour = {
			Open: "blue",
			"On hold": "grey",
			Responded: "orange",
			Closed: "green",
			Withdrawn: "gray",
			Refused: "red",
			"Out of remit": "gray",
			"Service request": "purple",
			Merged: "gray",
		};
		return [__(doc.status), colour[doc.status] || "blue", `status,=,${doc.status}`];
	},
};
