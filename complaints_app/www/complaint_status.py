# Copyright (c) 2026, complaints_app contributors
# For license information, please see license.txt
"""The tracking page: one complaint, opened by its tracking link or by its signed-in complainant."""

from __future__ import annotations

import frappe
from frappe import _

from complaints_app.complaint_portal.portal import PortalAccessError, complaint_view, resolve
from complaints_app.complaint_portal.web_form.complaint.complaint import portal_css

no_cache = 1


def get_context(context):
	context.no_cache = 1
	context.portal_css = portal_css()
	context.title = _("Your complaint")
	token = frappe.form_dict.get("token")
	try:
		name = resolve(token=token, complaint=frappe.form_dict.get("complaint"))
	except PortalAccessError as e:
		context.http_status_code = 403 if frappe.session.user != "Guest" or token else 404
		context.denied = str(e)
		return context
	context.complaint = complaint_view(name)
	context.token = token or ""
	context.just_sent = bool(frappe.form_dict.get("new"))
	context.title = _("Complaint {0}").format(name)
	return context
