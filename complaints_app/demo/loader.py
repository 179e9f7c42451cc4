"""Load the generated council year into a site: bash scripts/run.sh calls this once.

bench --site <site> execute complaints_app.demo.loader.load_demo_data
"""

from __future__ import annotations

import frappe
import frappe.utils.scheduler
from frappe.utils import getdate, today

from complaints_app.alerts.events import assign_running_records
from complaints_app.complaint_statistics.definitions import financial_year
from complaints_app.demo.feedback import load_feedback_demo
from complaints_app.demo.generator import LOCALITIES, SERVICES, CaseSpec, StageSpec, generate_year
from complaints_app.vocabulary import FINDINGS

MARKER = "complaints_app_demo_loaded"
DOMAIN = "demo.council.example"
STAFF = {
	"complaints.manager": ("Complaints Manager", "Children's Complaints Access"),
	"officer.one": ("Complaints Officer", "Children's Complaints Access"),
	"officer.two": ("Complaints Officer", "Children's Complaints Access"),
	"officer.three": ("Complaints Officer",),
	"investigator.one": ("Investigating Officer",),
	"investigator.two": ("Investigating Officer",),
	"independent.one": ("Independent Person",),
	"independent.two": ("Independent Person",),
	"auditor": ("Complaints Auditor",),
}
PANEL = ("Pat Morgan", "Sam Okafor", "Jo Lindqvist", "Ravi Shah", "Helen Price")


def prepare_demo_site() -> None:
	"""What scripts/run.sh needs on its site: the setup wizard done, the scheduler on, the demo year."""
	complete_setup_wizard()
	if frappe.utils.scheduler.is_scheduler_disabled():
		frappe.utils.scheduler.enable_scheduler()
		frappe.db.commit()
	load_demo_data()
	load_feedback_demo()
	assigned = assign_running_records()
	frappe.db.commit()
	if assigned:
		print(f"Gave handlers, investigators and panel members {assigned} ToDos for running records.")


def complete_setup_wizard() -> None:
	"""Finish Frappe's setup wizard as a UK council would (English (UK), Europe/London, GBP)."""
	if frappe.db.get_single_value("System Settings", "setup_complete"):
		return
	from frappe.desk.page.setup_wizard.setup_wizard import setup_complete

	setup_complete(
		{
			"language": "English (United Kingdom)",
			"country": "United Kingdom",
			"timezone": "Europe/London",
			"currency": "GBP",
		}
	)
	frappe.db.commit()
	print("Setup wizard completed: English (United Kingdom), Europe/London, GBP.")


def load_demo_data(seed: int = 2025, count: int = 300) -> None:
	"""Create a seeded year of complaints ending today, once per site."""
	if frappe.db.get_default(MARKER):
		print("Demo data already loaded: nothing to do.")
		return
	frappe.flags.mute_emails = True
	staff = make_staff()
	areas = make_service_areas()
	cases = generate_year(seed=seed, count=count, end=getdate(today()))
	for i, case in enumerate(cases, start=1):
		load_case(case, staff, areas, i)
		if i % 50 == 0:
			frappe.db.commit()
			print(f"  {i}/{len(cases)} complaints")
	make_annual_letter()
	make_public_topics()
	frappe.db.set_default(MARKER, today())
	frappe.db.commit()
	print(f"Loaded {len(cases)} demo complaints.")


# Every figure of an Ombudsman annual letter: Derbyshire's for 2020/21 (seed 003).
SEED_003_LETTER = {
	"council_received": 46,
	"council_premature": 20,
	"council_closed_early": 7,
	"council_detailed": 19,
	"council_upheld": 13,
	"council_upheld_rate": 68,
	"council_compliance_rate": 100,
	"council_remedy_rate": 15,
	"similar_upheld_rate": 71,
	"similar_compliance_rate": 99,
	"similar_remedy_rate": 8,
}


# What the public form offers, in the public's words: (topic, hint, area, procedure, asks about an advocate).
LGSCO_CODE = "LGSCO Complaint Handling Code 2024"
PUBLIC_TOPICS = (
	("Bins and recycling", "Missed collections, bins, bulky waste", "Waste and Recycling", LGSCO_CODE, 0),
	("Roads, pavements and street lights", "Potholes, gritting, street lights", "Highways", LGSCO_CODE, 0),
	("Council Tax", "Bills, discounts, arrears", "Council Tax", LGSCO_CODE, 0),
	("Libraries", "Opening hours, services, staff", "Libraries", LGSCO_CODE, 0),
	("Planning", "Applications, enforcement", "Planning", LGSCO_CODE, 0),
	("School transport", "Getting to school, passes", "School Transport", LGSCO_CODE, 0),
	("Special educational needs (SEND)", "EHC plans, assessments", "SEND", LGSCO_CODE, 0),
	(
		"Children's social care",
		"Social workers, fostering, child protection",
		"Erewash",
		"Children's social care (statutory)",
		1,
	),
	(
		"Adult social care",
		"Care at home, care homes, assessments",
		"Chesterfield",
		"Adult social care (statutory)",
		0,
	),
)


def make_public_topics() -> None:
	"""The demo council's public topics (created once)."""
	for order, (topic, hint, area, procedure, advocate) in enumerate(PUBLIC_TOPICS, start=1):
		if frappe.db.exists("Complaint Public Topic", topic) or not frappe.db.exists(
			"Complaint Service Area", area
		):
			continue
		frappe.get_doc(
			{
				"doctype": "Complaint Public Topic",
				"topic": topic,
				"hint": hint,
				"service_area": area,
				"procedure": procedure,
				"sort_order": order,
				"asks_about_advocate": advocate,
			}
		).insert(ignore_permissions=True)


def make_annual_letter() -> None:
	"""The LGSCO's letter for the last financial year that has ended, with seed 003's figures."""
	year_ending = financial_year(getdate(today())).previous().end
	if frappe.db.exists("Ombudsman Annual Letter", {"ombudsman": "LGSCO", "year_ending": year_ending}):
		return
	frappe.get_doc(
		{
			"doctype": "Ombudsman Annual Letter",
			"ombudsman": "LGSCO",
			"year_ending": year_ending,
			**SEED_003_LETTER,
			"summary": "Demo letter: the figures are Derbyshire's for 2020/21 (seed 003).",
		}
	).insert(ignore_permissions=True)


def make_staff() -> dict[str, str]:
	users = {}
	for key, roles in STAFF.items():
		email = f"{key}@{DOMAIN}"
		if not frappe.db.exists("User", email):
			frappe.get_doc(
				{
					"doctype": "User",
					"email": email,
					"first_name": key.replace(".", " ").title(),
					"send_welcome_email": 0,
				}
			).insert(ignore_permissions=True)
		frappe.get_doc("User", email).add_roles(*roles)
		users[key] = email
	return users


def make_service_areas() -> dict[str, str]:
	"""Every area in the generator, each with a service manager of its own."""
	managers = {}
	for name in sorted({a for areas in SERVICES.values() for a in areas} | set(LOCALITIES)):
		email = f"manager.{frappe.scrub(name).replace('_', '.')}@{DOMAIN}"
		if not frappe.db.exists("User", email):
			frappe.get_doc(
				{"doctype": "User", "email": email, "first_name": f"{name} Manager", "send_welcome_email": 0}
			).insert(ignore_permissions=True)
			frappe.get_doc("User", email).add_roles("Service Manager")
		if not frappe.db.exists("Complaint Service Area", name):
			frappe.get_doc(
				{"doctype": "Complaint Service Area", "service_area_name": name, "manager": email}
			).insert(ignore_permissions=True)
		managers[name] = email
	return managers


def load_case(case: CaseSpec, staff: dict[str, str], areas: dict[str, str], i: int) -> None:
	email = f"{frappe.scrub(case.complainant).replace('_', '.')}.{i}@example.com"
	complaint = frappe.get_doc(
		{
			"doctype": "Complaint",
			"subject": case.subject,
			"procedure": case.procedure,
			"received_at": case.received_at,
			"channel": case.channel,
			"service_area": case.service_area,
			"theme": case.theme,
			"summary": f"{case.subject}: the complainant is unhappy with how the council handled this.",
			"complainant_name": case.complainant,
			"complainant_email": email,
			"is_service_request": int(case.triage == "service request"),
			"service_request_reason": "A first request for a service, handled by the service"
			if case.triage == "service request"
			else None,
			"out_of_remit": int(case.triage == "out of remit"),
			"out_of_remit_reason": "A matter for another organisation"
			if case.triage == "out of remit"
			else None,
			"advocate_offered": int(case.procedure_type == "Children's social care"),
		}
	).insert(ignore_permissions=True)
	officers = [staff["officer.one"], staff["officer.two"], staff["officer.three"]]
	handler = areas.get(case.service_area) or officers[0]
	for number, spec in enumerate(case.stages, start=1):
		if number == 1:
			stage = frappe.get_doc(
				"Complaint Stage", frappe.db.get_value("Complaint", complaint.name, "current_stage")
			)
		else:
			handler = next(o for o in officers if o != handler)
			if case.procedure_type == "Children's social care" and number == 2:
				handler = staff["investigator.one" if i % 2 else "investigator.two"]
			complaint.reload()
			stage = complaint.escalate(handler=handler, requested_at=spec.requested_at)
		fill_stage(stage, spec, handler, staff, i)
	if case.closure:
		complaint.reload()
		complaint.close_with(*case.closure)
	if case.ombudsman:
		make_enquiry(case, complaint.name)


def fill_stage(stage, spec: StageSpec, handler: str, staff: dict[str, str], i: int) -> None:
	stage.reload()
	stage.handler = handler
	stage.acknowledged_on = spec.acknowledged_on
	stage.agreed_response_date = spec.agreed_response_date
	if spec.pause:
		stage.append(
			"pauses", {"from_date": spec.pause[0], "to_date": spec.pause[1], "reason": spec.pause[2]}
		)
	if spec.extension:
		days, reason, agreed_on = spec.extension
		stage.append(
			"extensions",
			{
				"days": days,
				"reason": reason,
				"agreed_by": handler,
				"agreed_on": agreed_on,
				"complainant_informed": 1,
			},
		)
	if stage.stage_record == "Investigation":
		fill_investigation(stage, spec, staff, i)
	elif stage.stage_record == "Review panel":
		fill_panel(stage, spec, i)
	stage.responded_on = spec.responded_on
	stage.outcome = spec.outcome
	stage.save(ignore_permissions=True)


def fill_investigation(stage, spec: StageSpec, staff: dict[str, str], i: int) -> None:
	investigation = frappe.get_doc("Complaint Investigation", {"complaint_stage": stage.name})
	investigation.investigating_officer = stage.handler
	investigation.io_appointed_on = stage.event_at
	investigation.independent_person = staff["independent.one" if i % 2 else "independent.two"]
	investigation.ip_appointed_on = stage.event_at
	investigation.statement_agreed_on = spec.statement_agreed_on
	findings = FINDINGS
	for n in range(1 + i % 3):
		investigation.append(
			"points",
			{
				"point": f"Point {n + 1} of the statement of complaint",
				"finding": findings[(i + n) % 3] if spec.report_date else None,
				"recommendation": "Apologise and review the case plan"
				if (i + n) % 3 == 0 and spec.report_date
				else None,
			},
		)
	investigation.report_date = spec.report_date
	if spec.responded_on and spec.report_date:
		investigation.adjudicating_officer = staff["complaints.manager"]
		investigation.adjudication_date = spec.responded_on
	investigation.save(ignore_permissions=True)
	stage.reload()


def fill_panel(stage, spec: StageSpec, i: int) -> None:
	panel = frappe.get_doc("Complaint Review Panel", {"complaint_stage": stage.name})
	if spec.panel_date:
		for n in range(3):
			panel.append("members", {"member_name": PANEL[(i + n) % len(PANEL)], "is_chair": int(n == 0)})
	panel.panel_date = spec.panel_date
	panel.report_sent_on = spec.report_sent_on
	panel.investigation_adequate = ("Yes", "No")[i % 2] if spec.report_sent_on else None
	panel.council_response_on = spec.council_response_on
	panel.recommendations = "Review the support plan within 20 working days." if spec.report_sent_on else None
	panel.save(ignore_permissions=True)


def make_enquiry(case: CaseSpec, complaint: str) -> None:
	reference, received, decision = case.ombudsman
	enquiry = frappe.get_doc(
		{
			"doctype": "Ombudsman Enquiry",
			"ombudsman": "LGSCO",
			"ombudsman_reference": reference,
			"complaint": complaint,
			"received_on": received,
			"enquiry_type": "Detailed investigation"
			if decision.startswith(("Upheld", "Not upheld"))
			else "Enquiry",
			"decision": decision,
		}
	)
	if decision.startswith("Upheld"):
		enquiry.remedy = "Apology and a symbolic payment"
		enquiry.append(
			"recommendations",
			{
				"recommendation": "Apologise in writing",
				"due_date": received,
				"completed_on": received,
				"evidence": "Letter sent",
			},
		)
	enquiry.insert(ignore_permissions=True)
