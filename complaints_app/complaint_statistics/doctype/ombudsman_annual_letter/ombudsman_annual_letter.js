// Copyright (c) 2026, complaints_app contributors
// For license information, please see license.txt

frappe.ui.form.on("Ombudsman Annual Letter", {
	refresh(frm) {
		if (!frm.is_new()) {
			frm.add_custom_button(__("Ombudsman Enquiries report"), () => {
				const start = frappe.datetime.add_days(frappe.datetime.add_months(frm.doc.year_ending, -12), 1);
				frappe.set_route("query-report", "Ombudsman Enquiries", {
					from_date: start,
					to_date: frm.doc.year_ending,
					ombudsman: frm.doc.ombudsman,
				});
			});
		}
	},
});
