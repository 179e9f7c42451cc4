"""What compliments and member enquiries need on a site, created when missing.

``ensure_templates`` is called from the app's install and migrate (``setup/install.py``) and,
should a site lack the template, before the first email that uses it. A council may reword the
template in desk; it is never overwritten.
"""

from __future__ import annotations

import frappe

COMPLIMENT_TEMPLATE = "Complaints: compliment passed on"

EMAIL_TEMPLATES = (
	{
		"name": COMPLIMENT_TEMPLATE,
		"subject": "A compliment for you ({{ reference_name }})",
		"use_html": 1,
		"response_html": (
			"<p>Dear {{ recipient_name }},</p>\n"
			"<p>{{ passed_by }} has passed on a compliment we received on {{ received_on }}"
			"{% if service_area %} about {{ service_area }}{% endif %}"
			"{% if about_staff %}, for {{ about_staff }}{% endif %}.</p>\n"
			"<blockquote>{{ what_was_said }}</blockquote>\n"
			"<p>From: {{ from_whom }}{% if from_name %} ({{ from_name }}){% endif %}</p>\n"
			'<p><a href="{{ link }}">Open it in the complaints system</a></p>\n'
			"<p>Thank you for the difference you made.</p>"
		),
	},
)


def ensure_templates() -> None:
	"""Create the feedback Email Templates that are missing; never change one that exists."""
	for template in EMAIL_TEMPLATES:
		if not frappe.db.exists("Email Template", template["name"]):
			frappe.get_doc({"doctype": "Email Template", **template}).insert(ignore_permissions=True)
