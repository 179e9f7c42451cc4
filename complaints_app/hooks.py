from complaints_app.complaints.permissions import (
	CASE_CHILD_DOCTYPES,
	RECORD_RULE_DOCTYPES,
	SCOPE_SOURCES,
)

SCOPE_EVENTS = ("after_insert", "on_update", "on_trash")

app_name = "complaints_app"
app_title = "Complaints"
app_publisher = "complaints_app contributors"
app_description = (
	"Complaint handling for UK councils: procedures, working-day clocks, investigations, "
	"review panels, Ombudsman enquiries and annual statistics"
)
app_email = "complaints-app@users.noreply.github.com"
app_license = "mit"

required_apps = []

# Types and typed APIs
# --------------------
export_python_type_annotations = True
require_type_annotated_api_methods = True

# Installation
# ------------
after_install = "complaints_app.setup.install.after_install"
after_migrate = "complaints_app.setup.install.after_migrate"
before_uninstall = "complaints_app.setup.install.before_uninstall"

# Roles, workflow states and actions and the stage workflow are created when missing
# (complaints_app/setup/install.py), never as fixtures: a migrate must not revert desk edits.

# Permissions enforced on the server
# ----------------------------------
# One rule for every case doctype (complaints_app/complaints/permissions.py).
permission_query_conditions = {
	doctype: "complaints_app.complaints.permissions.query_condition"
	for doctype in (*RECORD_RULE_DOCTYPES, *CASE_CHILD_DOCTYPES)
}
has_permission = {
	doctype: "complaints_app.complaints.permissions.has_case_permission" for doctype in RECORD_RULE_DOCTYPES
}

# Frappe v15 routes that skip record permissions; for the app's doctypes they go through the list query.
override_whitelisted_methods = {
	"frappe.website.doctype.web_form.web_form.accept": "complaints_app.complaint_portal.portal.accept",
	"frappe.client.get_count": "complaints_app.complaints.permissions.get_count",
	"frappe.desk.search.search_link": "complaints_app.complaints.permissions.search_link",
	"frappe.desk.search.search_widget": "complaints_app.complaints.permissions.search_widget",
	"frappe.desk.listview.get_group_by_count": "complaints_app.complaints.permissions.get_group_by_count",
	"frappe.desk.doctype.dashboard_chart.dashboard_chart.get": "complaints_app.complaint_statistics.dashboard.dashboard_chart",
}

# Who may reach what is computed once per request; these change it. Alerts that follow an
# event (complaints_app/alerts/events.py): a new case tells its area's work queue, people set
# on a stage, investigation or panel get a ToDo.
CLEAR_SCOPE = "complaints_app.complaints.permissions.clear_scope_cache"
SYNC_ASSIGNMENTS = "complaints_app.alerts.events.sync_assignments"
doc_events = {doctype: {event: [CLEAR_SCOPE] for event in SCOPE_EVENTS} for doctype in SCOPE_SOURCES}
# Sent by a worker after the complaint commits (complaints_app/complaints/background.py).
doc_events["Complaint"] = {"after_insert": ["complaints_app.complaints.background.tell_work_queue_later"]}
# Mail to the complaints inbox that became a complaint: its channel is Email.
doc_events["Communication"] = {
	"after_insert": ["complaints_app.complaint_portal.correspondence.on_incoming_email"]
}
for _doctype in ("Complaint Stage", "Complaint Investigation", "Complaint Review Panel"):
	doc_events.setdefault(_doctype, {}).setdefault("on_update", []).append(SYNC_ASSIGNMENTS)
for _doctype in (
	"Complaint",
	"Complaint Stage",
	"Complaint Review Panel",
	"Ombudsman Enquiry",
	"Member Enquiry",
	"Learning Action",
	"Complaint Contact Restriction",
):
	doc_events.setdefault(_doctype, {}).setdefault("on_trash", []).append(
		"complaints_app.alerts.events.forget_alerts"
	)

# Scheduled jobs
# --------------
# Clocks, escalation windows, Ombudsman compliance, then staff alerts and digests.
scheduler_events = {
	"daily_long": [
		"complaints_app.complaints.jobs.run_daily",
		"complaints_app.complaint_feedback.jobs.run_daily",
		"complaints_app.complaint_learning.jobs.run_daily",
		"complaints_app.complaint_retention.retention.run_daily",
	],
}
