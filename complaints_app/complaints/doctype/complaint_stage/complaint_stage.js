// Copyright (c) 2026, complaints_app contributors
// For license information, please see license.txt

{% include "complaints_app/complaint_learning/learning_action_button.js" %}

frappe.ui.form.on("Complaint Stage", {
	before_workflow_action(frm) {
		// Putting a stage on hold needs a reason, saved before the workflow writes the pause.
		if (frm.selected_workflow_action !== "Put on hold" || frm.doc.hold_reason) return;
		frappe.dom.unfreeze();
		return new Promise((resolve, reject) => {
			let given = false;
			const dialog = frappe.prompt(
				[{ fieldname: "hold_reason", fieldtype: "Small Text", label: __("Reason for hold"), reqd: 1 }],
				async (values) => {
					given = true;
					await frm.set_value("hold_reason", values.hold_reason);
					await frm.save();
					frappe.dom.freeze();
					resolve();
				},
				__("Put on hold"),
				__("Put on hold")
			);
			// Closing the prompt without a reason cancels the action. The prompt hides itself
			// before calling back, so look once the callback has had its turn.
			dialog.onhide = () => setTimeout(() => given || reject(new Error("cancelled")), 0);
		});
	},
	refresh(frm) {
		if (frm.is_new()) return;
		const colour = { "On track": "green", "Due soon": "orange", "Due today": "orange", Overdue: "red", Paused: "grey", Met: "green", "Met late": "red" };
		if (frm.doc.clock_status) {
			frm.dashboard.add_indicator(
				frm.doc.clock_status === "Overdue"
					? __("Overdue by {0} days", [frm.doc.days_overdue])
					: __(frm.doc.clock_status),
				colour[frm.doc.clock_status] || "blue"
			);
		}
		frm.add_custom_button(__("Complaint"), () => frappe.set_route("Form", "Complaint", frm.doc.complaint));
		if (!frm.doc.responded_on && frm.doc.workflow_state !== "Closed" && frm.perm[0]?.write && frm.doc.max_extension_days) {
			frm.add_custom_button(__("Extend"), () => extend(frm));
		}
		if (frm.perm[0]?.write) add_send_buttons(frm);
		// What the stage's outcome taught: a learning action from it.
		complaints_learning.add_button(frm);
	},
});

// "Send to complainant": only the letters that fit the stage now (the server decides, and refuses
// any other). Each is emailed, or made into a PDF letter to print and post if they asked for post.
function add_send_buttons(frm) {
	const stage = frm.doc.name;
	frappe
		.xcall("complaints_app.complaint_portal.correspondence.available_kinds", { stage })
		.then((kinds) => {
			if (frm.doc.name !== stage) return; // the form moved on meanwhile
			for (const { kind, label } of kinds || []) {
				frm.add_custom_button(label, () => send_to_complainant(frm, kind, label), __("Send to complainant"));
			}
		});
}

function send_to_complainant(frm, kind, label) {
	frappe.confirm(
		__("Send the {0} to the complainant? It is logged on the complaint.", [label.toLowerCase()]),
		() =>
			frappe
				.call({
					method: "complaints_app.complaint_portal.correspondence.send_correspondence",
					args: { stage: frm.doc.name, kind },
					freeze: true,
					freeze_message: __("Sending..."),
				})
				.then(({ message: name }) => {
					frm.reload_doc();
					return frappe.db.get_value("Communication", name, "communication_medium").then(({ message }) => {
						if (message?.communication_medium === "Email") {
							frappe.show_alert({ message: __("{0} emailed to the complainant.", [label]), indicator: "green" });
						} else {
							frappe.msgprint(
								__("The complainant asked for post. The letter is attached to {0}: print it and post it.", [
									`<a href="/app/communication/${encodeURIComponent(name)}">${__("this communication")}</a>`,
								]),
								__("Letter ready to print")
							);
						}
					});
				})
	);
}

function extend(frm) {
	const used = (frm.doc.extensions || []).reduce((total, row) => total + (row.days || 0), 0);
	frappe.prompt(
		[
			{
				fieldname: "days",
				fieldtype: "Int",
				label: __("Days"),
				reqd: 1,
				description: __("{0} of {1} days already used.", [used, frm.doc.max_extension_days]),
			},
			{ fieldname: "reason", fieldtype: "Small Text", label: __("Reason"), reqd: 1 },
			{ fieldname: "complainant_informed", fieldtype: "Check", label: __("Complainant informed"), default: 1 },
		],
		(values) =>
			frappe
				.call({
					method: "complaints_app.complaints.doctype.complaint_stage.complaint_stage.extend_stage",
					args: { stage: frm.doc.name, ...values },
					freeze: true,
				})
				.then(() => frm.reload_doc()),
		__("Agree an extension"),
		__("Extend")
	);
}
