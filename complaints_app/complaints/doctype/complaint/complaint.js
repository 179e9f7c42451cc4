// Copyright (c) 2026, complaints_app contributors
// For license information, please see license.txt

const CLOSED = ["Closed", "Withdrawn", "Refused", "Out of remit", "Service request"];

frappe.ui.form.on("Complaint", {
	refresh(frm) {
		if (frm.is_new()) return;
		frm.set_intro(
			frm.doc.response_due && ["Open", "On hold"].includes(frm.doc.status)
				? __("{0} is due on {1}.", [frm.doc.current_stage_name, frappe.datetime.str_to_user(frm.doc.response_due)])
				: ""
		);
		if (frm.doc.current_stage) {
			frm.add_custom_button(__("Current stage"), () =>
				frappe.set_route("Form", "Complaint Stage", frm.doc.current_stage)
			);
		}
		if (CLOSED.includes(frm.doc.status) || !frm.perm[0]?.write) return;
		if (frm.doc.status === "Responded") {
			frm.add_custom_button(__("Escalate"), () => escalate(frm)).addClass("btn-primary");
		}
		for (const outcome of ["Withdrawn", "Refused", "Out of remit"]) {
			frm.add_custom_button(__(outcome), () => close_as(frm, outcome), __("Close as"));
		}
	},
});

function escalate(frm) {
	frappe.prompt(
		[
			{
				fieldname: "handler",
				fieldtype: "Link",
				options: "User",
				label: __("Handler of the next stage"),
				description: __("Some stages must be handled by someone other than the previous handler."),
			},
			{
				fieldname: "requested_at",
				fieldtype: "Datetime",
				label: __("Complainant asked on"),
				default: frappe.datetime.now_datetime(),
				reqd: 1,
			},
		],
		(values) =>
			frappe
				.call({
					method: "complaints_app.complaints.doctype.complaint.complaint.escalate",
					args: { complaint: frm.doc.name, ...values },
					freeze: true,
				})
				.then((r) => {
					frappe.show_alert({ message: __("Escalated: {0}", [r.message]), indicator: "green" });
					frm.reload_doc();
				}),
		__("Escalate to the next stage"),
		__("Escalate")
	);
}

function close_as(frm, outcome) {
	frappe.prompt(
		[{ fieldname: "reason", fieldtype: "Small Text", label: __("Reason"), reqd: 1 }],
		(values) =>
			frappe
				.call({
					method: "complaints_app.complaints.doctype.complaint.complaint.close_complaint",
					args: { complaint: frm.doc.name, outcome, reason: values.reason },
					freeze: true,
				})
				.then(() => frm.reload_doc()),
		__("Close as {0}", [__(outcome)]),
		__("Close complaint")
	);
}
