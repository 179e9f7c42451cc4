// Copyright (c) 2026, complaints_app contributors
// For license information, please see license.txt

frappe.ui.form.on("Complaints Settings", {
	refresh(frm) {
		if (!frappe.model.can_write("Workflow")) return;
		// Desk edits to the workflow survive migrates; this is the one way back to what ships.
		frm.add_custom_button(
			__("Restore the default stage workflow"),
			() =>
				frappe.confirm(
					__(
						"Replace the Complaint Stage Flow workflow, with every change made to it in desk, by the one that ships with the app?"
					),
					() =>
						frappe.call({
							method: "complaints_app.setup.install.restore_default_workflow",
							freeze: true,
						})
				),
			__("Actions")
		);
	},
});
