// Copyright (c) 2026, complaints_app contributors
// For license information, please see license.txt

frappe.ui.form.on("Compliment", {
	passed_to(frm) {
		if (frm.doc.passed_to && !frm.doc.passed_on) {
			frm.dashboard.set_headline(__("On saving, the compliment is emailed to {0}.", [frappe.utils.escape_html(frm.doc.passed_to)]));
		}
	},
});
