// Copyright (c) 2026, complaints_app contributors
// For license information, please see license.txt
//
// The public compliment form, in the complaint form's manner (GOV.UK-like): one page, an error
// summary at the top that links to each field, labels tied to their inputs and hints, and a
// confirmation panel with the reference.

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

	// -- the topic's hint ------------------------------------------------------------------
	const topic_field = form.fields_dict.public_topic;
	const show_topic_hint = () => {
		const topic = topics[topic_field.get_value()];
		let $hint = topic_field.$wrapper.find(".complaint-topic-hint");
		if (!$hint.length) {
			$hint = $('<p class="complaint-topic-hint"></p>').appendTo(topic_field.$wrapper);
		}
		$hint.text(topic && topic.hint ? topic.hint : "");
	};
	topic_field && topic_field.$input && topic_field.$input.on("change", show_topic_hint);
	topic_field && show_topic_hint();

	// -- labels, hints and errors tied to their inputs ---------------------------------------
	const field_id = (df) => `compliment-field-${df.fieldname}`;
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

	// -- the error summary -------------------------------------------------------------
	const messages = {
		public_topic: __("Choose what your compliment is about"),
		what_was_said: __("Tell us what you would like to say"),
		from_whom: __("Choose which best describes you"),
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
			.map((e) => `<li><a href="#${field_id(e.df)}">${frappe.utils.escape_html(e.message)}</a></li>`)
			.join("");
		const $summary = $(`<div class="govuk-error-summary" role="alert" tabindex="-1"
			aria-labelledby="compliment-error-title">
			<h2 class="govuk-error-summary__title" id="compliment-error-title">${__(
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
	const errors_in_form = () => {
		const errors = [];
		for (const field of Object.values(form.fields_dict)) {
			const df = field.df;
			if (df.fieldname === "company_website" || !field.get_value) continue;
			const value = field.get_value();
			if (df.reqd && (value === null || value === undefined || String(value).trim() === "")) {
				errors.push({ df, field, message: messages[df.fieldname] || __("Enter {0}", [__(df.label)]) });
			} else if (df.invalid) {
				errors.push({ df, field, message: __("Check {0}", [__(df.label).toLowerCase()]) });
			}
		}
		return errors;
	};
	const send = form.save.bind(form);
	form.save = function () {
		const errors = errors_in_form();
		show_errors(errors);
		if (errors.length) return false;
		return send();
	};

	// -- the confirmation, with the reference -------------------------------------------------
	form.handle_success = (data) => {
		clear_errors();
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
