from complaints_app.setup.defaults import ROLES, STAGE_ACTIONS, STAGE_STATES, STAGE_WORKFLOW

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

# Workflows, workflow states, workflow actions and roles ship as filtered fixtures.
fixtures = [
	{"dt": "Role", "filters": [["role_name", "in", list(ROLES)]]},
	{"dt": "Workflow", "filters": [["name", "in", [STAGE_WORKFLOW]]]},
	{"dt": "Workflow State", "filters": [["name", "in", list(STAGE_STATES)]]},
	{"dt": "Workflow Action Master", "filters": [["name", "in", list(STAGE_ACTIONS)]]},
]

# Permissions enforced on the server
# ----------------------------------
permission_query_conditions = {
	"Complaint": "complaints_app.complaints.permissions.complaint_query",
	"Complaint Stage": "complaints_app.complaints.permissions.case_record_query",
	"Complaint Investigation": "complaints_app.complaints.permissions.investigation_query",
	"Complaint Review Panel": "complaints_app.complaints.permissions.review_panel_query",
	"Ombudsman Enquiry": "complaints_app.complaints.permissions.case_record_query",
}

has_permission = {
	"Complaint": "complaints_app.complaints.permissions.has_complaint_permission",
	"Complaint Stage": "complaints_app.complaints.permissions.has_case_record_permission",
	"Complaint Investigation": "complaints_app.complaints.permissions.has_investigation_permission",
	"Complaint Review Panel": "complaints_app.complaints.permissions.has_review_panel_permission",
	"Ombudsman Enquiry": "complaints_app.complaints.permissions.has_case_record_permission",
}

# Scheduled jobs
# --------------
scheduler_events = {
	"daily": [
		"complaints_app.complaints.jobs.refresh_open_stage_clocks",
	],
}
