// Copyright (c) 2026, complaints_app contributors
// For license information, please see license.txt

frappe.ui.form.on("Member Enquiry", {
	refresh(frm) {
		if (frm.is_new()) return;
		if (!frm.doc.complaint && frappe.model.can_create("Complaint") && frm.perm[0] && frm.perm[0].write) {
			frm.add_custom_button(__("Create complaint"), () => {
				frappe.confirm(
					__("Make a complaint from this enquiry, with {0} as the complainant?", [
						frappe.utils.escape_html(frm.doc.on_behalf_of_name || __("the constituent")),
					]),
					() =>
						frappe
							.call({
								method: "complaints_app.complaint_feedback.doctype.member_enquiry.member_enquiry.create_complaint",
								args: { enquiry: frm.doc.name },
								freeze: true,
							})
							.then((r) => {
								frm.reload_doc();
								frappe.show_alert({
									message: __("Complaint {0} made from this enquiry.", [r.message]),
									indicator: "green",
								});
								frappe.set_route("Form", "Complaint", r.message);
							})
				);
			});
		}
	},
});
