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
# The decision part of a stage response and of a final response: the outcome, then each point.
DECISION_HTML = (
	"<h3>Our decision</h3>\n"
	"<p>Outcome: <strong>{{ outcome }}</strong></p>\n"
	"{% if response_summary %}<p>{{ response_summary }}</p>\n{% endif %}"
	"{% if points %}<h3>Each part of your complaint</h3>\n<ul>"
	"{% for p in points %}<li>{% if p.point %}{{ p.point }}{% else %}{{ p.theme }}{% endif %}: "
	"<strong>{{ p.outcome }}</strong>{% if p.recommendation %}. What we will do: "
	"{{ p.recommendation }}{% endif %}</li>{% endfor %}</ul>\n{% endif %}"
)

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
	# Correspondence to the complainant (complaint_portal/correspondence.py gives the context, and the
	# letters in complaint_portal/print_format/ print the same body for those who asked for post).
	{
		"name": "Complaints: acknowledgement",
		"subject": "We have received your complaint ({{ reference }})",
		"use_html": 1,
		"response_html": (
			"<p>Dear {{ complainant_name }},</p>\n"
			"<p>Thank you for your complaint about &ldquo;{{ complaint_subject }}&rdquo;, which we received on "
			"{{ received_on }}. Your reference is <strong>{{ reference }}</strong>. Please quote it whenever "
			"you contact us about this complaint.</p>\n"
			"<h3>What happens next</h3>\n"
			"<p>Your complaint is now at this stage of our complaints procedure: <strong>{{ stage_name }}"
			"</strong>. The person handling it will look into what happened and may contact you to understand your complaint and the outcome "
			"you want.</p>\n"
			"{% if response_due %}<p>We aim to send you our response by <strong>{{ response_due }}</strong>. "
			"If we need more time, we will tell you why and give you a new date.</p>\n"
			"{% elif agreed_limit_months %}<p>We will agree with you when we will send our response. "
			"It will be no later than {{ agreed_limit_months }} months after we received your complaint.</p>\n"
			"{% else %}<p>We will tell you when to expect our response.</p>\n{% endif %}"
			"{% if tracking_link %}<p>You can follow the progress of your complaint online: "
			'<a href="{{ tracking_link }}">{{ tracking_link }}</a>. Keep this link private: anyone who has it '
			"can see your complaint.</p>\n{% endif %}"
			"<p>If you need us to make any adjustments to help you take part, or anything changes, please "
			"{{ contact_us }} quoting your reference.</p>\n"
			"<p>Yours sincerely,<br>The Complaints Team</p>"
		),
	},
	{
		"name": "Complaints: stage response",
		"subject": "Our response to your complaint ({{ reference }}): {{ stage_name }}",
		"use_html": 1,
		"response_html": (
			"<p>Dear {{ complainant_name }},</p>\n"
			"<p>This is our {{ stage_name }} response to your complaint about &ldquo;{{ complaint_subject }}"
			"&rdquo; (reference <strong>{{ reference }}</strong>).</p>\n"
			+ DECISION_HTML
			+ "<h3>If you are not satisfied</h3>\n"
			"<p>You can ask for your complaint to go to the next stage of our procedure ({{ next_stage_name }})"
			"{% if escalation_deadline %} until <strong>{{ escalation_deadline }}</strong>{% endif %}. "
			"Tell us which parts of our response you disagree with and why, and what you would like us to "
			"do. {% if tracking_link %}You can ask online: "
			'<a href="{{ tracking_link }}">{{ tracking_link }}</a>, or {{ contact_us }}{% else %}Please '
			"{{ contact_us }}{% endif %} quoting your reference.</p>\n"
			"<p>Yours sincerely,<br>The Complaints Team</p>"
		),
	},
	{
		"name": "Complaints: final response",
		"subject": "Our final response to your complaint ({{ reference }})",
		"use_html": 1,
		"response_html": (
			"<p>Dear {{ complainant_name }},</p>\n"
			"<p>This is our final response to your complaint about &ldquo;{{ complaint_subject }}&rdquo; "
			"(reference <strong>{{ reference }}</strong>). It completes our complaints procedure (last "
			"stage: {{ stage_name }}).</p>\n"
			+ DECISION_HTML
			+ "<h3>If you are still not satisfied: the Ombudsman</h3>\n"
			"<p>You can ask the {{ ombudsman.name }} to look at your complaint. The Ombudsman is "
			"independent, and its service is free.</p>\n"
			'<ul><li>Website: <a href="{{ ombudsman.url }}">{{ ombudsman.website }}</a></li>'
			"<li>Telephone: {{ ombudsman.phone }}</li></ul>\n"
			"<p><strong>{{ ombudsman.time_limit }}</strong></p>\n"
			"<p>Yours sincerely,<br>The Complaints Team</p>"
		),
	},
	{
		"name": "Complaints: extension notice",
		"subject": "We need more time to respond to your complaint ({{ reference }})",
		"use_html": 1,
		"response_html": (
			"<p>Dear {{ complainant_name }},</p>\n"
			"<p>We are sorry, but we need more time to respond to your complaint about &ldquo;"
			"{{ complaint_subject }}&rdquo; (reference <strong>{{ reference }}</strong>), now at this stage: "
			"{{ stage_name }}.</p>\n"
			"<h3>Why we need more time</h3>\n"
			"<p>{{ extension.reason }}</p>\n"
			"<h3>When you will hear from us</h3>\n"
			"<p>We will now send you our response by <strong>{{ response_due }}</strong>"
			"{% if original_response_due and original_response_due != response_due %} (we first aimed "
			"for {{ original_response_due }}){% endif %}.</p>\n"
			"<p>If you are unhappy with this delay, please {{ contact_us }}. You can also contact the "
			'{{ ombudsman.name }}: <a href="{{ ombudsman.url }}">{{ ombudsman.website }}</a>, telephone '
			"{{ ombudsman.phone }}.</p>\n"
			"<p>Yours sincerely,<br>The Complaints Team</p>"
		),
	},
)
