// Copyright (c) 2026, complaints_app contributors
// For license information, please see license.txt

const SOURCE_DOCTYPES = {
	Complaint: "Complaint",
	"Stage outcome": "Complaint Stage",
	"Investigation recommendation": "Complaint Investigation",
	"Review panel recommendation": "Complaint Review Panel",
	"Ombudsman recommendation": "Ombudsman Enquiry",
};

frappe.ui.form.on("Learning Action", {
	setup(frm) {
		// Only records of the chosen kind, and of the action's complaint when it has one.
		frm.set_query("source_name", () => {
			const filters = {};
			if (frm.doc.complaint && frm.doc.source_doctype !== "Complaint") {
				filters.complaint = frm.doc.complaint;
			}
			return { filters };
		});
		frm.set_query("action_owner", () => ({ filters: { enabled: 1, user_type: "System User" } }));
	},

	refresh(frm) {
		if (frm.is_new()) return;
		if (frm.doc.overdue) {
			frm.dashboard.add_indicator(
				__("Overdue since {0}", [frappe.datetime.str_to_user(frm.doc.due_date)]),
				"red"
			);
		} else if (frm.doc.status === "Completed") {
			frm.dashboard.add_indicator(
				__("Completed on {0}", [frappe.datetime.str_to_user(frm.doc.completed_on)]),
				"green"
			);
		}
		if (frm.doc.source_doctype && frm.doc.source_name) {
			frm.add_custom_button(__(frm.doc.source_doctype), () =>
				frappe.set_route("Form", frm.doc.source_doctype, frm.doc.source_name)
			);
		}
	},

	source_type(frm) {
		const doctype = SOURCE_DOCTYPES[frm.doc.source_type];
		if (doctype === frm.doc.source_doctype) return;
		frm.set_value("source_doctype", doctype);
		frm.set_value("source_row", "");
		frm.set_value("source_name", doctype === "Complaint" ? frm.doc.complaint || "" : "");
	},

	complaint(frm) {
		if (frm.doc.source_doctype === "Complaint") {
			frm.set_value("source_name", frm.doc.complaint || "");
		}
	},

	status(frm) {
		if (frm.doc.status === "Completed" && !frm.doc.completed_on) {
			frm.set_value("completed_on", frappe.datetime.get_today());
		} else if (frm.doc.status !== "Completed" && frm.doc.completed_on) {
			frm.set_value("completed_on", "");
		}
	},
});
