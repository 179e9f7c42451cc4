"""The demo year's feedback beyond complaints: compliments, member enquiries, learning, restrictions.

Seeded and made once per site (its own marker, so a site with the complaints demo already loaded
gets it on the next ``scripts/run.sh``). Everything is dated within the year before today, like
the complaints, and goes through the doctypes' own validation.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

import frappe
from frappe.utils import add_days, getdate, today

MARKER = "complaints_app_feedback_demo_loaded"

COMPLIMENTS = (
	"Thank you to the crew who came back the same day for our bin.",
	"The librarian went out of her way to find the book my son needed for his exams.",
	"The pothole on our road was fixed within two days of my report. Brilliant.",
	"Our social worker listened and explained everything clearly. We felt supported.",
	"The carers who visit my mother are kind, patient and always on time.",
	"Quick, clear help with my council tax reduction. Thank you.",
	"The planning officer was helpful and explained the process in plain English.",
	"Thank you for sorting out my son's school bus pass so quickly.",
)
FROM_WHOM = (
	"Service user",
	"Family or carer",
	"Professional",
	"Member of the public",
	"Member of the public",
)
CHANNELS = ("Email", "Phone", "Letter", "In person", "Web", "Social media")
TEAMS = (
	"the collection crew",
	"the library team",
	"the highways inspector",
	"the duty team",
	"the care team",
)

ENQUIRIES = (
	("Councillor", "Cllr Amira Hussain", "Long Eaton Central"),
	("Councillor", "Cllr Tom Bradley", "Matlock East"),
	("MP", "Jane Whitfield MP", "Erewash"),
	("MP", "Daniel Osei MP", "Chesterfield"),
	("Senior leader", "Director of Public Health", ""),
)
SUBJECTS = (
	"Repeated missed collections on a resident's street",
	"Delay in an assessment for a constituent's father",
	"Street light out for three weeks near the school",
	"A family waiting for an EHC plan review",
	"Council tax arrears letter sent after a payment plan was agreed",
)
STATUTORY_AREAS = ("Erewash", "Chesterfield", "SEND")

LEARNING = (
	"Crews photograph every missed bin before leaving the street.",
	"Assessment letters now give a named contact and a date for the next step.",
	"Reminder to staff: return calls within one working day, logged in the case system.",
	"The council tax payment plan letter no longer goes out while a plan is being agreed.",
	"Social workers record the child's views at every review, and the manager checks them.",
)


def load_feedback_demo(seed: int = 2025) -> None:
	"""Compliments, member enquiries, root causes, learning actions and two contact restrictions, once."""
	if frappe.db.get_default(MARKER):
		print("Feedback demo already loaded: nothing to do.")
		return
	rng = random.Random(seed)
	end = getdate(today())
	areas = dict(
		frappe.get_all(
			"Complaint Service Area", filters={"lft": [">", 0]}, fields=["name", "manager"], as_list=1
		)
	)
	if not areas:
		return
	counts = {
		"compliments": make_compliments(rng, end, areas),
		"member enquiries": make_member_enquiries(rng, end, areas),
		"root causes": give_root_causes(rng),
		"learning actions": make_learning_actions(rng, end),
		"contact restrictions": make_restrictions(end),
	}
	frappe.db.set_default(MARKER, today())
	frappe.db.commit()
	print("Loaded demo feedback: " + ", ".join(f"{n} {what}" for what, n in counts.items()))


def spread(rng: random.Random, end: date, days: int = 360) -> date:
	return end - timedelta(days=rng.randrange(days))


def make_compliments(rng: random.Random, end: date, areas: dict[str, str]) -> int:
	names = sorted(areas)
	for i in range(80):
		received = spread(rng, end)
		area = rng.choice(names)
		frappe.get_doc(
			{
				"doctype": "Compliment",
				"received_on": received,
				"channel": rng.choice(CHANNELS),
				"service_area": area,
				"from_whom": rng.choice(FROM_WHOM),
				"from_name": f"Resident {i + 1}",
				"what_was_said": rng.choice(COMPLIMENTS),
				"about_staff": rng.choice(TEAMS),
				"passed_to": areas[area],
				"passed_on": min(add_days(received, 2), end),
			}
		).insert(ignore_permissions=True)
	return 80


def make_member_enquiries(rng: random.Random, end: date, areas: dict[str, str]) -> int:
	names = sorted(areas)
	made = 0
	for i in range(30):
		received = spread(rng, end)
		area = rng.choice(names)
		member_type, member, ward = ENQUIRIES[i % len(ENQUIRIES)]
		doc = frappe.get_doc(
			{
				"doctype": "Member Enquiry",
				"subject": rng.choice(SUBJECTS),
				"received_on": received,
				"category": "Statutory" if area in STATUTORY_AREAS else "Corporate",
				"service_area": area,
				"handler": areas[area],
				"member_type": member_type,
				"member_name": member,
				"ward_or_constituency": ward,
				"on_behalf_of_name": f"Constituent {i + 1}",
				"consent": "Written consent",
				"details": "The member asks the council to look into this for their constituent.",
			}
		).insert(ignore_permissions=True)
		# Most are answered, nearly all within the target; the last fortnight's are still open.
		if (end - received).days > 14:
			late = rng.random() < 0.15
			answered = add_days(doc.due_date, rng.randint(1, 6) if late else -rng.randint(0, 5))
			doc.responded_on = max(getdate(answered), received)
			doc.status = "Responded"
			doc.save(ignore_permissions=True)
		made += 1
	return made


def give_root_causes(rng: random.Random) -> int:
	"""Upheld and partly upheld closed complaints get a root cause from the council's list."""
	causes = frappe.get_all("Complaint Root Cause", filters={"disabled": 0}, pluck="name", order_by="name")
	if not causes:
		return 0
	names = frappe.get_all(
		"Complaint",
		filters={"final_outcome": ["in", ["Upheld", "Partially upheld"]]},
		pluck="name",
		order_by="name",
	)
	for name in names:
		frappe.db.set_value("Complaint", name, "root_cause", rng.choice(causes), update_modified=False)
	return len(names)


def make_learning_actions(rng: random.Random, end: date) -> int:
	"""One action for about one upheld complaint in three: most done, a few running, some of them late."""
	rows = frappe.get_all(
		"Complaint",
		filters={"final_outcome": "Upheld", "service_area": ["is", "set"]},
		fields=["name", "service_area", "closed_on"],
		order_by="name",
	)
	managers = dict(frappe.get_all("Complaint Service Area", fields=["name", "manager"], as_list=1))
	made = 0
	for row in rows[::3]:
		owner = managers.get(row.service_area)
		if not owner:
			continue
		start = getdate(row.closed_on or end)
		due = add_days(start, rng.choice((20, 30, 45)))
		doc = {
			"doctype": "Learning Action",
			"source_type": "Complaint",
			"complaint": row.name,
			"service_area": row.service_area,
			"what_will_change": rng.choice(LEARNING),
			"action_owner": owner,
			"due_date": due,
			"status": "Open",
		}
		if getdate(due) < end and rng.random() < 0.75:
			doc.update(
				status="Completed",
				completed_on=min(getdate(add_days(due, -rng.randint(0, 10))), end),
				evidence="Team briefing notes and the updated procedure are on the service's file.",
			)
		frappe.get_doc(doc).insert(ignore_permissions=True)
		made += 1
	return made


def make_restrictions(end: date) -> int:
	"""Two people under the unreasonably persistent contact policy, matched by their email."""
	manager = frappe.db.get_value("User", {"name": ["like", "complaints.manager@%"]}, "name")
	officer = frappe.db.get_value("User", {"name": ["like", "officer.one@%"]}, "name")
	rows = frappe.get_all(
		"Complaint",
		filters={"complainant_email": ["is", "set"]},
		fields=["name", "complainant_name", "complainant_email", "received_at"],
		order_by="received_at asc",
		limit=2,
	)
	if not manager:
		return 0
	terms = (
		("Single point of contact", "Contact only through the named officer, by email."),
		("Limited frequency", "One phone call a week, on Tuesdays between 10am and noon."),
	)
	for row, (kind, text) in zip(rows, terms, strict=False):
		decided = getdate(row.received_at) + timedelta(days=30)
		frappe.get_doc(
			{
				"doctype": "Complaint Contact Restriction",
				"person_name": row.complainant_name,
				"email": row.complainant_email,
				"complaint": row.name,
				"restriction_type": kind,
				"single_point_of_contact": officer if kind == "Single point of contact" else None,
				"restriction": text,
				"reasons": "Over forty contacts in a month about a complaint already answered at stage 2.",
				"decided_by": manager,
				"decided_on": min(decided, end),
				"review_date": add_days(min(decided, end), 180),
				"letter_sent_on": min(decided, end),
			}
		).insert(ignore_permissions=True)
	return len(rows)
