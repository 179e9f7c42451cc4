"""What ships: the eight themes of published council reports and six procedures.

Sources: ../shared/DOMAIN.md and the seed documents (LGSCO Complaint Handling
Code 2024; Children Act 1989 Representations Procedure (England) Regulations
2006; Local Authority Social Services and NHS Complaints (England) Regulations
2009; Stockton 2019 policy; Derbyshire; DfE school complaints guidance).
"""

THEMES = (
	"Access to Service",
	"Communication",
	"Officer Behaviour",
	"Service Decision",
	"Service Policy",
	"Speed of Service",
	"Standard of Service",
	"Use of Data",
)

CHILDRENS_ACCESS_ROLE = "Children's Complaints Access"
ROLES = (
	"Complaints Manager",
	"Complaints Officer",
	"Service Manager",
	"Investigating Officer",
	"Independent Person",
	"Review Panel Member",
	"Complaints Auditor",
	CHILDRENS_ACCESS_ROLE,
)
STAGE_WORKFLOW = "Complaint Stage Flow"
STAGE_STATES = ("Open", "On hold", "Responded", "Closed")
STAGE_ACTIONS = ("Put on hold", "Take off hold", "Record response", "Close stage")
DEFAULT_PROCEDURE = "LGSCO Complaint Handling Code 2024"


def stage(name, days, unit="Working days", **kw):
	row = {
		"stage_name": name,
		"response_days": days,
		"response_unit": unit,
		"clock_start_event": "Received",
		"stage_record": "Plain",
	}
	row.update(kw)
	return row


PROCEDURES = (
	{
		"procedure_name": DEFAULT_PROCEDURE,
		"procedure_type": "Corporate",
		"ombudsman": "LGSCO",
		"legal_basis": "LGSCO Complaint Handling Code (issued under s23(12A) Local Government Act 1974), applied from 1 April 2026.",
		"stages": [
			stage(
				"Stage 1", 10, acknowledgement_days=5, clock_start_event="Acknowledged", max_extension_days=10
			),
			stage(
				"Stage 2",
				20,
				acknowledgement_days=5,
				clock_start_event="Acknowledged",
				max_extension_days=20,
				different_handler_required=1,
			),
		],
	},
	{
		"procedure_name": "Children's social care (statutory)",
		"procedure_type": "Children's social care",
		"ombudsman": "LGSCO",
		"legal_basis": "Children Act 1989 Representations Procedure (England) Regulations 2006.",
		"access_roles": [{"role": CHILDRENS_ACCESS_ROLE}],
		"stages": [
			stage(
				"Local resolution",
				10,
				acknowledgement_days=3,
				max_extension_days=10,
				escalation_window_days=20,
			),
			stage(
				"Investigation",
				25,
				acknowledgement_days=3,
				clock_start_event="Statement agreed",
				stage_record="Investigation",
				max_extension_days=40,
				different_handler_required=1,
				escalation_window_days=20,
			),
			stage(
				"Review panel",
				30,
				acknowledgement_days=3,
				clock_start_event="Escalation requested",
				stage_record="Review panel",
				panel_report_days=5,
				council_response_days=15,
				different_handler_required=1,
			),
		],
	},
	{
		"procedure_name": "Adult social care (statutory)",
		"procedure_type": "Adult social care",
		"ombudsman": "LGSCO",
		"legal_basis": "Local Authority Social Services and National Health Service Complaints (England) Regulations 2009.",
		"stages": [
			stage("Response", 0, unit="Agreed date", acknowledgement_days=3, agreed_date_limit_months=6),
		],
	},
	{
		"procedure_name": "Corporate, early resolution",
		"procedure_type": "Corporate",
		"ombudsman": "LGSCO",
		"legal_basis": "Local policy (Stockton-on-Tees Customer Feedback and Complaints Policy, 2019).",
		"stages": [
			stage("Early resolution", 3, acknowledgement_days=1),
			stage(
				"Stage 1",
				25,
				acknowledgement_days=1,
				clock_start_event="Escalation requested",
				max_extension_days=10,
			),
			stage(
				"Stage 2",
				20,
				acknowledgement_days=1,
				clock_start_event="Escalation requested",
				max_extension_days=10,
				different_handler_required=1,
			),
		],
	},
	{
		"procedure_name": "Corporate, calendar days",
		"procedure_type": "Corporate",
		"ombudsman": "LGSCO",
		"legal_basis": "Local policy: acknowledge within 3 working days, respond within 28 calendar days.",
		"stages": [
			stage("Stage 1", 28, unit="Calendar days", acknowledgement_days=3, max_extension_days=28),
			stage(
				"Stage 2",
				28,
				unit="Calendar days",
				acknowledgement_days=3,
				clock_start_event="Escalation requested",
				max_extension_days=28,
				different_handler_required=1,
			),
		],
	},
	{
		"procedure_name": "School complaints",
		"procedure_type": "Schools",
		"ombudsman": "LGSCO",
		"legal_basis": "Education Act 2002 s29 and DfE best practice guidance; each school sets its own timescales.",
		"stages": [
			stage("Informal", 10, acknowledgement_days=3),
			stage(
				"Formal (headteacher)",
				15,
				acknowledgement_days=3,
				clock_start_event="Escalation requested",
				different_handler_required=1,
			),
			stage(
				"Governors' panel",
				20,
				acknowledgement_days=5,
				clock_start_event="Escalation requested",
				different_handler_required=1,
			),
		],
	},
)

# Email Templates the alerts use; created when missing, so a council can reword them in desk.
EMAIL_TEMPLATES = (
	{
		"name": "Complaints: staff alert",
		"subject": "{{ subject }}",
		"use_html": 1,
		"response_html": (
			"<p>{{ message }}</p>\n"
			'<p><a href="{{ link }}">Open it in the complaints system</a></p>\n'
			"<p>You receive this because you handle or manage this complaint. "
			"Reminders go once, and again only if the date moves.</p>"
		),
	},
	{
		"name": "Complaints: daily digest",
		"subject": "{{ subject }}",
		"use_html": 1,
		"response_html": (
			"{% macro section(title, rows) %}{% if rows %}<h3>{{ title }} ({{ rows|length }})</h3><ul>"
			'{% for r in rows %}<li><a href="{{ r.link }}">{{ r.complaint }}, {{ r.stage }}</a>: due {{ r.due }}'
			"{% if r.days_overdue %}, {{ r.days_overdue }} working days overdue{% endif %}"
			"{% if r.reason %} (on hold: {{ r.reason }}){% endif %}</li>{% endfor %}</ul>{% endif %}{% endmacro %}\n"
			"<p>Your complaint stages this morning.</p>\n"
			'{{ section("Overdue", overdue) }}{{ section("Due today", due_today) }}'
			'{{ section("Due soon", due_soon) }}{{ section("On hold", paused) }}\n'
			"<p>You can turn this email off in your Notification Settings (Complaints daily digest).</p>"
		),
	},
)
