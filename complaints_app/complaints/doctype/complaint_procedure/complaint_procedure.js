// Copyright (c) 2026, complaints_app contributors
// For license information, please see license.txt

const PROCEDURE_API = "complaints_app.complaints.doctype.complaint_procedure.complaint_procedure";

frappe.ui.form.on("Complaint Procedure", {
	refresh(frm) {
		if (frm.is_new() || !frm.perm[0]?.write) return;
		frm.add_custom_button(__("Re-apply to running stages"), () => reapply(frm), __("Actions"));
	},
});

// Stages keep the timescales they opened with; this is the explicit way to change running ones.
async function reapply(frm) {
	if (frm.is_dirty()) {
		frappe.msgprint(__("Save the procedure first."));
		return;
	}
	const { message: count } = await frappe.call({
		method: `${PROCEDURE_API}.count_stages_to_reapply`,
		args: { procedure: frm.doc.name },
	});
	if (!count) {
		frappe.msgprint(__("Every running stage already has this procedure's timescales."));
		return;
	}
	frappe.confirm(
		__(
			"{0} running stage(s) opened under different timescales. Give them this procedure's current timescales and recompute their due dates?",
			[count]
		),
		async () => {
			const { message: changed } = await frappe.call({
				method: `${PROCEDURE_API}.reapply_to_running_stages`,
				args: { procedure: frm.doc.name },
				freeze: true,
			});
			frappe.show_alert({
				message: __("{0} stage(s) are being updated in the background.", [changed]),
				indicator: "green",
			});
		}
	);
}
