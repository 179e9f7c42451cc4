# Copyright (c) 2026, complaints_app contributors
# For license information, please see license.txt
"""The public compliment form: the complaint form's topics, in the public's words, and its look."""

from __future__ import annotations

from complaints_app.complaint_portal.doctype.complaint_public_topic.complaint_public_topic import (
	public_topics,
)
from complaints_app.complaint_portal.web_form.complaint.complaint import portal_css

# The introduction links to the complaint form: a link must look like one.
LINK_CSS = ".web-form-introduction a { color: #1d70b8; text-decoration: underline; }\n"


def get_context(context):
	topics = public_topics()
	for df in context.web_form_doc.get("web_form_fields", []):
		if df.get("fieldname") == "public_topic":
			df["options"] = "\n".join(["", *(t.topic for t in topics)])
	context.web_form_doc["complaint_topics"] = topics
	context.style = portal_css() + LINK_CSS
	return context
