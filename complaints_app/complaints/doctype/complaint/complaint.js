// Copyright (c) 2026, complaints_app contributors
// For license information, please see license.txt

const CLOSED = ["Closed", "Withdrawn", "Refused", "Out of remit", "Service request", "Merged"];
const MERGEABLE = ["Open", "On hold"];
const CONTACT_FIELDS = ["complainant_name", "complainant_email", "complainant_phone", "complainant_address"];
const CONTACTS = "complaints_app.complaint_contacts.history";

frappe.ui.form.on("Complaint", {
	setup(frm) {
		frm.set_query("complaint", "related_complaints", () => ({
			filters: [["name", "!=", frm.doc.name || ""]],
		}));
		// Retired root causes stay on old complaints but are not offered for new ones.
		frm.set_query("root_cause", () => ({ filters: { disabled: 0 } }));
	},
	refresh(frm) {
		if (frm.is_new()) {
			check_contact(frm);
			return;
		}
		frm.set_intro(intro(frm));
		show_previous_contact(frm);
		if (frm.doc.current_stage) {
			frm.add_custom_button(__("Current stage"), () =>
				frappe.set_route("Form", "Complaint Stage", frm.doc.current_stage)
			);
		}
		if (frappe.model.can_create("Complaint Contact Restriction")) {
			frm.add_custom_button(__("Restrict contact…"), () => restrict_contact(frm), __("Actions"));
		}
		if (CLOSED.includes(frm.doc.status) || !frm.perm[0]?.write) return;
		if (frm.doc.status === "Responded") {
			frm.add_custom_button(__("Escalate"), () => escalate(frm)).addClass("btn-primary");
		}
		for (const outcome of ["Withdrawn", "Refused", "Out of remit"]) {
			frm.add_custom_button(__(outcome), () => close_as(frm, outcome), __("Close as"));
		}
		if (MERGEABLE.includes(frm.doc.status) && frappe.user.has_role(["Complaints Officer", "Complaints Manager"])) {
			frm.add_custom_button(__("Merge into…"), () => merge_into(frm), __("Actions"));
		}
	},
	complainant_name: (frm) => check_contact_soon(frm),
	complainant_email: (frm) => check_contact_soon(frm),
	complainant_phone: (frm) => check_contact_soon(frm),
	complainant_address: (frm) => check_contact_soon(frm),
});

function intro(frm) {
	if (frm.doc.status === "Merged" && frm.doc.merged_into) {
		return __("This complaint was a duplicate: it is handled under {0}.", [
			`<a href="/app/complaint/${encodeURIComponent(frm.doc.merged_into)}">${frappe.utils.escape_html(
				frm.doc.merged_into
			)}</a>`,
		]);
	}
	if (frm.doc.response_due && ["Open", "On hold"].includes(frm.doc.status)) {
		return __("{0} is due on {1}.", [frm.doc.current_stage_name, frappe.datetime.str_to_user(frm.doc.response_due)]);
	}
	return "";
}

// Previous contact from this person, and the warning when their contact is restricted.
function show_previous_contact(frm) {
	frappe
		.call({ method: `${CONTACTS}.contact_history`, args: { complaint: frm.doc.name } })
		.then((r) => render_contact(frm, r.message));
}

function check_contact(frm) {
	if (!CONTACT_FIELDS.some((f) => frm.doc[f])) return render_contact(frm, { warnings: [], html: "" });
	const args = Object.fromEntries(CONTACT_FIELDS.map((f) => [f, frm.doc[f] || ""]));
	frappe.call({ method: `${CONTACTS}.check_contact`, args }).then((r) => render_contact(frm, r.message));
}

function check_contact_soon(frm) {
	if (!frm.is_new()) return;
	clearTimeout(frm._contact_timer);
	frm._contact_timer = setTimeout(() => check_contact(frm), 600);
}

function render_contact(frm, contact) {
	const warnings = (contact && contact.warnings) || [];
	frm.get_field("previous_contact_html").$wrapper.html((contact && contact.html) || "");
	if (!warnings.length) {
		if (frm.is_new()) frm.set_intro("");
		return;
	}
	const lines = warnings.map((w) => `<p><strong>${frappe.utils.escape_html(w)}</strong></p>`);
	const due = frm.is_new() ? "" : intro(frm);
	frm.set_intro("");
	frm.set_intro(lines.join("") + (due ? `<p>${due}</p>` : ""), "red");
}

function merge_into(frm) {
	const dialog = new frappe.ui.Dialog({
		title: __("Merge {0} into another complaint", [frm.doc.name]),
		fields: [
			{
				fieldname: "into",
				fieldtype: "Link",
				options: "Complaint",
				label: __("Merge into"),
				reqd: 1,
				get_query: () => ({
					filters: [
						["name", "!=", frm.doc.name],
						["status", "in", MERGEABLE],
					],
				}),
			},
			{
				fieldname: "note",
				fieldtype: "Small Text",
				label: __("Why they are the same matter"),
				reqd: 1,
			},
			{
				fieldname: "what_happens",
				fieldtype: "HTML",
				options: `<p class="text-muted small">${__(
					"Both complaints keep their references and list each other. This one is closed as Merged and its open stage is closed without a response. Nothing is copied or moved."
				)}</p>`,
			},
		],
		primary_action_label: __("Merge"),
		primary_action(values) {
			frappe
				.call({
					method: "complaints_app.complaints.doctype.complaint.complaint.merge_complaint",
					args: { complaint: frm.doc.name, into: values.into, note: values.note },
					freeze: true,
				})
				.then(() => {
					dialog.hide();
					frappe.show_alert({ message: __("Merged into {0}", [values.into]), indicator: "green" });
					frm.reload_doc();
				});
		},
	});
	dialog.show();
}

function restrict_contact(frm) {
	frappe.new_doc("Complaint Contact Restriction", {
		complaint: frm.doc.name,
		person_name: frm.doc.complainant_name,
		email: frm.doc.complainant_email,
		phone: frm.doc.complainant_phone,
	});
}

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
