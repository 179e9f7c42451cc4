// Copyright (c) 2026, complaints_app contributors
// For license information, please see license.txt

{% include "complaints_app/complaint_learning/learning_action_button.js" %}

frappe.ui.form.on("Complaint Investigation", {
	setup(frm) {
		// Retired root causes stay on the points that have them, but are not offered again.
		frm.set_query("root_cause", "points", () => ({ filters: { disabled: 0 } }));
	},

	refresh(frm) {
		// A learning action per point with a recommendation, or one for the investigation as a whole.
		const per_point = complaints_learning.add_row_buttons(frm, frm.doc.points, (row) =>
			__("Point {0}", [row.idx])
		);
		if (!per_point) complaints_learning.add_button(frm);
	},
});
