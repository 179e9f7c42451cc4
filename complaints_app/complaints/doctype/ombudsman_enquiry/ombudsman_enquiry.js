// Copyright (c) 2026, complaints_app contributors
// For license information, please see license.txt

{% include "complaints_app/complaint_learning/learning_action_button.js" %}

frappe.ui.form.on("Ombudsman Enquiry", {
	refresh(frm) {
		// One per recommendation: the action carries it out, with its text and due date.
		complaints_learning.add_row_buttons(frm, frm.doc.recommendations, (row) =>
			__("Recommendation {0}", [row.idx])
		);
	},
});
