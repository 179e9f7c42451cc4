// Copyright (c) 2026, complaints_app contributors
// For license information, please see license.txt

const ANNUAL_REPORT_METHODS =
	"complaints_app.complaint_statistics.doctype.complaints_annual_report.complaints_annual_report";

frappe.ui.form.on("Complaints Annual Report", {
	onload(frm) {
		if (frm.is_new() && !frm.doc.from_date) {
			// The financial year, 1 April to 31 March, that today falls in.
			const today = frappe.datetime.str_to_obj(frappe.datetime.get_today());
			const first = today.getMonth() >= 3 ? today.getFullYear() : today.getFullYear() - 1;
			frm.set_value("from_date", `${first}-04-01`);
			frm.set_value("to_date", `${first + 1}-03-31`);
		}
	},

	refresh(frm) {
		if (frm.is_new()) {
			return;
		}
		if (frm.perm[0] && frm.perm[0].write) {
			frm.add_custom_button(__("Refresh figures"), () => refresh_figures(frm));
			if (!(frm.doc.self_assessment || []).length) {
				frm.add_custom_button(__("Refill self-assessment"), () =>
					call_and_reload(frm, "refill_self_assessment")
				);
			}
		}
		frm.add_custom_button(__("Download PDF"), () => download_pdf(frm));
	},
});

function refresh_figures(frm) {
	if (frm.is_dirty()) {
		frappe.msgprint(__("Save the report first, then refresh its figures."));
		return;
	}
	frappe.confirm(
		__(
			"List again the complaints refused or out of remit in the period, and the learning actions completed in it? Rows typed into the refused complaints table will be replaced; service improvements typed by hand are kept."
		),
		() =>
			call_and_reload(frm, "refresh_figures").then((count) =>
				frappe.show_alert({
					message: __("{0} refused complaints and {1} completed learning actions listed.", [
						count,
						(frm.doc.service_improvements || []).filter((row) => row.learning_action).length,
					]),
					indicator: "green",
				})
			)
	);
}

function call_and_reload(frm, method) {
	return frappe
		.call({
			method: `${ANNUAL_REPORT_METHODS}.${method}`,
			args: { report: frm.doc.name },
			freeze: true,
			freeze_message: __("Working…"),
		})
		.then((r) => frm.reload_doc().then(() => r.message));
}

function download_pdf(frm) {
	if (frm.is_dirty()) {
		frappe.msgprint(__("Save the report first: the PDF shows what is saved."));
		return;
	}
	const params = new URLSearchParams({
		doctype: frm.doctype,
		name: frm.doc.name,
		format: "Complaints Annual Report",
		no_letterhead: 0,
	});
	window.open(frappe.urllib.get_full_url(`/api/method/frappe.utils.print_format.download_pdf?${params}`));
}
