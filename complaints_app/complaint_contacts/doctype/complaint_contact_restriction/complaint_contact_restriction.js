// Copyright (c) 2026, complaints_app contributors
// For license information, please see license.txt

frappe.ui.form.on("Complaint Contact Restriction", {
	setup(frm) {
		const staff = () => ({ filters: { enabled: 1, user_type: "System User" } });
		frm.set_query("single_point_of_contact", staff);
		frm.set_query("decided_by", staff);
	},
	refresh(frm) {
		const review = frm.doc.review_date;
		const overdue = frm.doc.status === "Active" && review && review < frappe.datetime.get_today();
		frm.set_intro(
			overdue
				? __("The review was due on {0}: decide whether the restriction is still needed.", [
						frappe.datetime.str_to_user(review),
				  ])
				: "",
			"orange"
		);
	},
	status(frm) {
		if (frm.doc.status === "Ended" && !frm.doc.ended_on) {
			frm.set_value("ended_on", frappe.datetime.get_today());
		} else if (frm.doc.status === "Active") {
			frm.set_value("ended_on", null);
		}
	},
});
