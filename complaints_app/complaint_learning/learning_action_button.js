// The "Learning action" buttons of the stage, investigation, review panel and Ombudsman enquiry
// forms, pulled into each form's script by an include directive. The server fills the new action
// in from its source (complaint, service area, the recommendation's text and due date).
window.complaints_learning = {
	can_create() {
		return frappe.model.can_create("Learning Action");
	},

	open(source_doctype, source_name, source_row) {
		return frappe
			.call({
				method: "complaints_app.complaint_learning.doctype.learning_action.learning_action.new_learning_action",
				args: { source_doctype, source_name, source_row: source_row || null },
				freeze: true,
			})
			.then(({ message }) => {
				frappe.model.sync(message);
				frappe.set_route("Form", message.doctype, message.name);
			});
	},

	// One "Learning action" button under Create, for the record as a whole.
	add_button(frm) {
		if (frm.is_new() || !this.can_create()) return;
		frm.add_custom_button(__("Learning action"), () => this.open(frm.doctype, frm.doc.name), __("Create"));
	},

	// One button per saved recommendation row, each carrying out that recommendation.
	add_row_buttons(frm, rows, label) {
		if (frm.is_new() || !this.can_create()) return 0;
		const saved = (rows || []).filter((row) => !row.__islocal && (row.recommendation || "").trim());
		for (const row of saved) {
			frm.add_custom_button(
				`${label(row)}: ${this.short(row.recommendation)}`,
				() => this.open(frm.doctype, frm.doc.name, row.name),
				__("Learning action")
			);
		}
		return saved.length;
	},

	short(text, length = 50) {
		const line = (text || "").trim().split("\n")[0];
		return line.length <= length ? line : `${line.slice(0, length - 1).trimEnd()}…`;
	},
};
