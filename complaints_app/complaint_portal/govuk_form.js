// Copyright (c) 2026, complaints_app contributors
// For license information, please see license.txt
//
// What the public web forms (complaint, compliment) share, included by each form's script:
// the topics from the page, the hidden honeypot, the topic's hint, labels and hints tied to
// their inputs, and a GOV.UK error summary that links to each field.

const govuk_form = {
	// The Complaint Public Topic records the page was built with, by name.
	topics() {
		return (frappe.web_form_doc.complaint_topics || []).reduce((out, topic) => {
			out[topic.topic] = topic;
			return out;
		}, {});
	},

	// The honeypot: invisible to people, filled by simple bots.
	hide_honeypot(form) {
		const trap = form.fields_dict.company_website;
		if (trap) {
			trap.$wrapper.addClass("complaint-honeypot").attr("aria-hidden", "true");
			trap.$input.attr({ tabindex: "-1", autocomplete: "off" });
		}
	},

	// Shows the chosen topic's hint under the field, now and on each change; then ``also(topic)``.
	follow_topic(form, topics, also) {
		const topic_field = form.fields_dict.public_topic;
		if (!topic_field) return;
		const show = () => {
			const topic = topics[topic_field.get_value()];
			let $hint = topic_field.$wrapper.find(".complaint-topic-hint");
			if (!$hint.length) {
				$hint = $('<p class="complaint-topic-hint"></p>').appendTo(topic_field.$wrapper);
			}
			$hint.text(topic && topic.hint ? topic.hint : "");
			also && also(topic);
		};
		topic_field.$input && topic_field.$input.on("change", show);
		show();
	},

	// Frappe's labels have no "for": tie each label, hint and error to its input.
	tie_labels(form, field_id) {
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
	},

	is_empty(value) {
		return value === null || value === undefined || String(value).trim() === "";
	},

	// { show(errors), clear() } for errors of the shape { df, field, message }.
	error_summary(field_id, title_id) {
		const clear = () => {
			$(".govuk-error-summary").remove();
			$(".complaint-error-message").remove();
			$(".complaint-field-error").removeClass("complaint-field-error");
		};
		const show = (errors) => {
			clear();
			if (!errors.length) return;
			const items = errors
				.map(
					(e) =>
						`<li><a href="#${field_id(e.df)}">${frappe.utils.escape_html(e.message)}</a></li>`
				)
				.join("");
			const $summary = $(`<div class="govuk-error-summary" role="alert" tabindex="-1"
				aria-labelledby="${title_id}">
				<h2 class="govuk-error-summary__title" id="${title_id}">${__(
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
		return { show, clear };
	},
};
