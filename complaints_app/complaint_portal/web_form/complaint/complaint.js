// Copyright (c) 2026, complaints_app contributors
// For license information, please see license.txt
//
// The public complaint form, made to behave like a GOV.UK service: one topic per page, an
// error summary at the top that links to each field, "check your answers" before sending,
// and the confirmation on the tracking page (the submission returns its link).

frappe.ready(() => {
	const form = frappe.web_form;
	if (!form || !form.fields_dict) {
		return;
	}
	const topics = (frappe.web_form_doc.complaint_topics || []).reduce((out, topic) => {
		out[topic.topic] = topic;
		return out;
	}, {});

	// -- the honeypot: invisible to people, filled by simple bots ------------------------
	const trap = form.fields_dict.company_website;
	if (trap) {
		trap.$wrapper.addClass("complaint-honeypot").attr("aria-hidden", "true");
		trap.$input.attr({ tabindex: "-1", autocomplete: "off" });
	}

	// -- the topic's hint, and the advocate question only where it applies -------------------
	const topic_field = form.fields_dict.public_topic;
	const show_topic_hint = () => {
		const topic = topics[topic_field.get_value()];
		let $hint = topic_field.$wrapper.find(".complaint-topic-hint");
		if (!$hint.length) {
			$hint = $('<p class="complaint-topic-hint"></p>').appendTo(topic_field.$wrapper);
		}
		$hint.text(topic && topic.hint ? topic.hint : "");
		const advocate = form.fields_dict.advocate_requested;
		if (advocate) {
			const asked = Boolean(topic && topic.asks_about_advocate);
			advocate.$wrapper.toggle(asked).toggleClass("complaint-not-asked", !asked);
		}
	};
	topic_field.$input && topic_field.$input.on("change", show_topic_hint);
	show_topic_hint();

	// -- the error summary -------------------------------------------------------------
	const field_id = (df) => `complaint-field-${df.fieldname}`;
	const error_text = (df) => {
		if (df.fieldname === "public_topic") return __("Choose what your complaint is about");
		return __("Enter {0}", [__(df.label).replace(/\?$/, "").toLowerCase()]);
	};
	const clear_errors = () => {
		$(".govuk-error-summary").remove();
		$(".complaint-error-message").remove();
		$(".complaint-field-error").removeClass("complaint-field-error");
	};
	const show_errors = (errors) => {
		clear_errors();
		if (!errors.length) return;
		const items = errors
			.map(
				(e) =>
					`<li><a href="#${field_id(e.df)}">${frappe.utils.escape_html(e.message)}</a></li>`
			)
			.join("");
		const $summary = $(`<div class="govuk-error-summary" role="alert" tabindex="-1"
			aria-labelledby="complaint-error-title">
			<h2 class="govuk-error-summary__title" id="complaint-error-title">${__(
				"There is a problem"
			)}</h2><ul class="govuk-error-summary__list">${items}</ul></div>`);
		$(".web-form-wrapper").before($summary);
		for (const e of errors) {
			e.field.$wrapper.addClass("complaint-field-error");
			e.field.$wrapper
				.find(".control-label, label")
				.first()
				.after(
					`<p class="complaint-error-message"><span class="sr-only">${__(
						"Error:"
					)}</span> ${frappe.utils.escape_html(e.message)}</p>`
				);
		}
		$summary.find("a").on("click", function (event) {
			event.preventDefault();
			const target = document.getElementById(this.getAttribute("href").slice(1));
			target && target.focus();
		});
		$summary.trigger("focus");
		window.scrollTo(0, 0);
	};
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
			if (mandatory && (value === null || value === undefined || String(value).trim() === "")) {
				errors.push({ df, field, message: error_text(df) });
			} else if (df.invalid) {
				errors.push({ df, field, message: __("Check {0}", [__(df.label).toLowerCase()]) });
			}
		}
		return errors;
	};
	form.validate_section = function () {
		const errors = errors_on_page();
		show_errors(errors);
		return !errors.length;
	};
	// Frappe's labels have no "for": tie each label, hint and error to its input.
	for (const field of Object.values(form.fields_dict)) {
		if (!field.$input) continue;
		const id = field_id(field.df);
		field.$input.attr("id", id);
		field.$wrapper.find("label.control-label").first().attr("for", id);
		const $hint = field.$wrapper.find(".help-box").first();
		if ($hint.length) {
			$hint.attr("id", `${id}-hint`);
			field.$input.attr("aria-describedby", `${id}-hint`);
		}
	}

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
