// Copyright (c) 2026, complaints_app contributors
// For license information, please see license.txt

{% include "complaints_app/complaint_learning/learning_action_button.js" %}

frappe.ui.form.on("Complaint Review Panel", {
	refresh(frm) {
		// The panel's recommendations become the action's "What will change".
		complaints_learning.add_button(frm);
	},
});
