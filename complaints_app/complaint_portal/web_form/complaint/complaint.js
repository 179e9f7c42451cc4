// Copyright (c) 2026, complaints_app contributors
// For license information, please see license.txt
//
// The public complaint form, made to behave like a GOV.UK service: one topic per page, an
// error summary at the top that links to each field, "check your answers" before sending,
// and the confirmation on the tracking page (the submission returns its link).

{% include "complaints_app/complaint_portal/govuk_form.js" %}

frappe.ready(() => {
	const form = frappe.web_form;
	if (!form || !form.fields_dict) {
		return;
	}
	govuk_form.hide_honeypot(form);
	// The advocate question only where the topic asks it.
	govuk_form.follow_topic(form, govuk_form.topics(), (topic) => {
		const advocate = form.fields_dict.advocate_requested;
		if (advocate) {
			const asked = Boolean(topic && topic.asks_about_advocate);
			advocate.$wrapper.toggle(asked).toggleClass("complaint-not-asked", !asked);
		}
	});

	// -- the error summary -------------------------------------------------------------
	const field_id = (df) => `complaint-field-${df.fieldname}`;
	const error_text = (df) => {
		if (df.fieldname === "public_topic") return __("Choose what your complaint is about");
		return __("Enter {0}", [__(df.label).replace(/\?$/, "").toLowerCase()]);
	};
	const summary = govuk_form.error_summary(field_id, "complaint-error-title");
	const on_page = (field, idx) => $(form.get_page(idx)).has(field.$wrapper[0]).length > 0;
	const page_fields = () =>
		Object.values(form.fields_dict).filter(
			(field) =>
				field.df.fieldname !== "company_website" &&
				field.$wrapper &&
				on_page(field, form.current_section) &&
				!field.$wrapper.hasClass("hide-control")
		);
	const errors_on_page = () => {
		const errors = [];
		for (const field of page_fields()) {
			const df = field.df;
			const value = field.get_value ? field.get_value() : null;
			const mandatory = df.reqd || (df.mandatory_depends_on && form.doc && field.df.reqd);
			if (mandatory && govuk_form.is_empty(value)) {
				errors.push({ df, field, message: error_text(df) });
			} else if (df.invalid) {
				errors.push({ df, field, message: __("Check {0}", [__(df.label).toLowerCase()]) });
			}
		}
		return errors;
	};
	form.validate_section = function () {
		const found = errors_on_page();
		summary.show(found);
		return !found.length;
	};
	govuk_form.tie_labels(form, field_id);

	// -- one question page at a time: say which, and put the keyboard on it ------------------
	const pages = form.page_breaks ? form.page_breaks.length + 1 : 1;
	const toggle_section = form.toggle_section.bind(form);
	form.toggle_section = function () {
		toggle_section();
		$(".complaint-step").remove();
		$(".web-form-wrapper").before(
			`<p class="complaint-step">${__("Step {0} of {1}", [form.current_section + 1, pages])}</p>`
		);
		const first = page_fields().find((field) => field.$input && field.$input.is(":visible"));
		first && first.$input.trigger("focus");
	};
	$(".complaint-step").remove();
	$(".web-form-wrapper").before(`<p class="complaint-step">${__("Step {0} of {1}", [1, pages])}</p>`);

	// -- check your answers, then send ---------------------------------------------------
	const send = form.save.bind(form);
	const answer = (field) => {
		const value = field.get_value ? field.get_value() : "";
		if (field.df.fieldtype === "Check") return value ? __("Yes") : __("No");
		if (field.df.fieldtype === "Attach") return value ? String(value).split(",")[0] : __("None");
		return value ? String(value) : __("Not given");
	};
	const show_check_your_answers = () => {
		const rows = [];
		Object.values(form.fields_dict).forEach((field) => {
			const df = field.df;
			if (["Page Break", "Section Break", "Column Break", "HTML"].includes(df.fieldtype)) return;
			if (df.fieldname === "company_website" || field.$wrapper.hasClass("hide-control")) return;
			if (field.$wrapper.hasClass("complaint-not-asked")) return;
			const page = [0, ...form.page_breaks.toArray().map((_b, i) => i + 1)].find((idx) =>
				on_page(field, idx)
			);
			rows.push(`<div class="govuk-summary-list__row">
				<dt class="govuk-summary-list__key">${frappe.utils.escape_html(__(df.label))}</dt>
				<dd class="govuk-summary-list__value">${frappe.utils.escape_html(answer(field))}</dd>
				<dd class="govuk-summary-list__actions"><a href="#" data-page="${page}">${__(
					"Change"
				)}<span class="sr-only"> ${frappe.utils.escape_html(__(df.label))}</span></a></dd>
			</div>`);
		});
		const $panel = $(`<div class="complaint-check-answers">
			<h2>${__("Check your answers before sending your complaint")}</h2>
			<dl class="govuk-summary-list">${rows.join("")}</dl>
			<h2>${__("Now send your complaint")}</h2>
			<p>${__(
				"By sending this complaint you confirm that the details are correct to the best of your knowledge."
			)}</p>
			<button type="button" class="btn btn-primary complaint-send">${__("Send complaint")}</button>
		</div>`);
		$(".web-form-wrapper, .web-form-footer").hide();
		$(".complaint-check-answers").remove();
		$(".web-form-wrapper").after($panel);
		$panel.find("[data-page]").on("click", function (event) {
			event.preventDefault();
			$panel.remove();
			$(".web-form-wrapper, .web-form-footer").show();
			form.current_section = Number(this.dataset.page);
			form.toggle_section();
		});
		$panel.find(".complaint-send").on("click", () => send());
		$panel.find("h2").first().attr("tabindex", "-1").trigger("focus");
		window.scrollTo(0, 0);
	};
	form.save = function () {
		if (!form.validate_section()) return false;
		show_check_your_answers();
		return false;
	};

	// -- the confirmation is the tracking page, reached with the new complaint's link ----------
	form.handle_success = (data) => {
		window.location.href = data && data.tracking_url ? data.tracking_url : "/complaint-status";
	};
});
