# Copyright (c) 2026, complaints_app contributors
# For license information, please see license.txt
"""The public complaint form: the topics in the public's words, and the portal's look."""

from __future__ import annotations

import frappe

from complaints_app.complaint_portal.doctype.complaint_public_topic.complaint_public_topic import (
	public_topics,
)


def get_context(context):
	topics = public_topics()
	for df in context.web_form_doc.get("web_form_fields", []):
		if df.get("fieldname") == "public_topic":
			df["options"] = "\n".join(["", *(t.topic for t in topics)])
	context.web_form_doc["complaint_topics"] = topics
	context.style = portal_css()
	return context


def portal_css() -> str:
	return frappe.read_file(frappe.get_app_path("complaints_app", "complaint_portal", "portal.css")) or ""
