# Copyright (c) 2026, complaints_app contributors
# For license information, please see license.txt
"""My complaints: the signed-in complainant's own complaints."""

from __future__ import annotations

import frappe
from frappe import _

from complaints_app.complaint_portal.portal import my_complaints
from complaints_app.complaint_portal.web_form.complaint.complaint import portal_css

no_cache = 1


def get_context(context):
	if frappe.session.user == "Guest":
		frappe.local.flags.redirect_location = "/login?redirect-to=/my-complaints"
		raise frappe.Redirect
	context.no_cache = 1
	context.portal_css = portal_css()
	context.title = _("My complaints")
	context.complaints = my_complaints()
	return context
