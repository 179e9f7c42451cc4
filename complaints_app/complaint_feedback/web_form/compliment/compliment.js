// Copyright (c) 2026, complaints_app contributors
// For license information, please see license.txt
//
// The public compliment form, in the complaint form's manner (GOV.UK-like): one page, an error
// summary at the top that links to each field, labels tied to their inputs and hints, and a
// confirmation panel with the reference.

{% include "complaints_app/complaint_portal/govuk_form.js" %}

frappe.ready(() => {
	const form = frappe.web_form;
	if (!form || !form.fields_dict) {
		return;
	}
	const field_id = (df) => `compliment-field-${df.fieldname}`;
	govuk_form.hide_honeypot(form);
	govuk_form.follow_topic(form, govuk_form.topics());
	govuk_form.tie_labels(form, field_id);

	// -- the error summary -------------------------------------------------------------
	const messages = {
		public_topic: __("Choose what your compliment is about"),
		what_was_said: __("Tell us what you would like to say"),
		from_whom: __("Choose which best describes you"),
	};
	const summary = govuk_form.error_summary(field_id, "compliment-error-title");
	const errors_in_form = () => {
		const errors = [];
		for (const field of Object.values(form.fields_dict)) {
			const df = field.df;
			if (df.fieldname === "company_website" || !field.get_value) continue;
			const value = field.get_value();
			if (df.reqd && govuk_form.is_empty(value)) {
				errors.push({ df, field, message: messages[df.fieldname] || __("Enter {0}", [__(df.label)]) });
			} else if (df.invalid) {
				errors.push({ df, field, message: __("Check {0}", [__(df.label).toLowerCase()]) });
			}
		}
		return errors;
	};
	const send = form.save.bind(form);
	form.save = function () {
		const found = errors_in_form();
		summary.show(found);
		if (found.length) return false;
		return send();
	};

	// -- the confirmation, with the reference -------------------------------------------------
	form.handle_success = (data) => {
		summary.clear();
		const reference = data && data.name ? frappe.utils.escape_html(data.name) : "";
		$(".web-form-container").hide();
		$(".web-form-container").after(`<div class="complaint-portal" role="status">
			<div class="govuk-panel">
				<h1>${__("Compliment sent")}</h1>
				${reference ? `<div class="govuk-panel__body">${__("Your reference")}<strong>${reference}</strong></div>` : ""}
			</div>
			<p>${__("Thank you. We will pass your compliment on to the people it is about.")}</p>
			<p><a href="/compliment/new">${__("Send another compliment")}</a></p>
		</div>`);
		window.scrollTo(0, 0);
	};
});
