# Copyright (c) 2026, complaints_app contributors
# See license.txt
"""Contact restrictions, the complainant's history, linked and merged complaints, as staff meet them.

Every person in these tests is made for this run (``run``), so nothing another suite left on the
site matches them. Restrictions are decided on Monday 3 November 2025 and reviewed by Friday
1 May 2026; complaints are received on Friday 19 December 2025 (the Christmas 2025 case).
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from urllib.parse import parse_qs, urlparse

import frappe
from frappe.tests.test_api import FrappeAPITestCase
from frappe.tests.utils import FrappeTestCase
from frappe.utils import format_date, getdate, now_datetime, nowdate

from complaints_app.alerts.testing import AlertTestMixin
from complaints_app.complaint_contacts import contact_keys, history
from complaints_app.complaint_contacts.contact_keys import complaint_keys
from complaints_app.complaint_contacts.errors import (
	ComplaintLinkError,
	ContactRestrictionError,
	MergeError,
)
from complaints_app.complaint_contacts.matching import EMAIL, NAME_AND_POSTCODE, PHONE, PersonKeys
from complaints_app.complaint_portal import portal
from complaints_app.complaints.errors import ComplaintClosedError
from complaints_app.complaints.permissions import clear_scope_cache
from complaints_app.complaints.test_permissions import committed, purge, purge_complaint, purge_user
from complaints_app.complaints.testing import (
	CHILDRENS,
	LGSCO,
	current_stage,
	make_complaint,
	make_service_area,
	make_user,
	respond,
)

RESTRICTION = "Complaint Contact Restriction"
DECIDED, REVIEW = date(2025, 11, 3), date(2026, 5, 1)
TERMS = "Contact only by email to the named officer, at most once a week."
ACCEPT = "frappe.website.doctype.web_form.web_form.accept"


def make_restriction(**values):
	doc = {
		"doctype": RESTRICTION,
		"restriction_type": "Limited frequency",
		"restriction": TERMS,
		"reasons": "Forty calls in two weeks about a closed complaint; staff abused on the phone.",
		"decided_by": "Administrator",
		"decided_on": DECIDED,
		"review_date": REVIEW,
		"letter_sent_on": DECIDED + timedelta(days=1),
	}
	doc.update(values)
	return frappe.get_doc(doc).insert(ignore_permissions=True)


def as_user(user: str, fn, *args, **kwargs):
	frappe.set_user(user)
	try:
		return fn(*args, **kwargs)
	finally:
		frappe.set_user("Administrator")


class TestContacts(AlertTestMixin, FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.run_id = cls.start_run()
		cls.officer = make_user(f"contacts.officer.{cls.run_id}@example.com", "Complaints Officer")
		cls.manager = make_user(f"contacts.manager.{cls.run_id}@example.com", "Complaints Manager")
		cls.area_manager = make_user(f"contacts.area.{cls.run_id}@example.com", "Service Manager")
		cls.other_manager = make_user(f"contacts.other.{cls.run_id}@example.com", "Service Manager")
		cls.area = make_service_area(f"Highways {cls.run_id}", manager=cls.area_manager)
		cls.other_area = make_service_area(f"Libraries {cls.run_id}", manager=cls.other_manager)

	def setUp(self):
		super().setUp()
		clear_scope_cache()
		frappe.db.savepoint("contacts_test")

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback(save_point="contacts_test")
		clear_scope_cache()

	# -- people of this run ---------------------------------------------------------------

	def email(self, who: str = "robin") -> str:
		return f"{who}.{self.run_id}@example.com"

	def name_of(self, who: str = "Robin") -> str:
		return f"{who} Ashdown{self.run_id}"

	def phone(self, last: int = 123) -> str:
		"""An Ofcom drama mobile number, different for each run."""
		return f"07700 9{int(self.run_id, 16) % 100:02d}{last:03d}"

	def complaint(self, **values):
		values.setdefault("complainant_name", self.name_of())
		values.setdefault("complainant_email", self.email())
		values.setdefault("service_area", self.area)
		return make_complaint(**values)

	def history_of(self, complaint: str, user: str) -> dict:
		return as_user(user, history.contact_history, complaint)

	# -- duplicate detection ----------------------------------------------------------------

	def test_an_earlier_complaint_is_found_by_email_whatever_its_case_and_spacing(self):
		first = self.complaint(complainant_phone=None)
		second = self.complaint(complainant_email=f"  {self.email().upper()} ", complainant_name="R. A.")
		self.assertEqual(
			contact_keys.find(complaint_keys(second), exclude=second.name),
			{first.name: (EMAIL,)},
		)
		shown = self.history_of(second.name, self.officer)["html"]
		self.assertIn(first.name, shown)
		self.assertNotIn(f">{second.name}<", shown)
		# Staff typing a new complaint: spaces inside the address and capitals are ignored too.
		typed = as_user(
			self.officer,
			history.check_contact,
			complainant_name="Someone",
			complainant_email=f" {self.email('Robin').replace('@', ' @ ').title()}",
		)
		self.assertIn(first.name, typed["html"])
		self.assertIn(second.name, typed["html"])

	def test_an_earlier_complaint_is_found_by_phone_with_and_without_44(self):
		national = self.complaint(complainant_email=self.email("first"), complainant_phone=self.phone())
		international = "+44 " + self.phone()[1:]
		later = self.complaint(
			complainant_email=self.email("second"),
			complainant_name="Someone Else",
			complainant_phone=international,
		)
		self.assertTrue(international.startswith("+44 7700"))
		found = contact_keys.find(complaint_keys(later), exclude=later.name)
		self.assertEqual(found, {national.name: (PHONE,)})
		back = contact_keys.find(complaint_keys(national), exclude=national.name)
		self.assertEqual(back, {later.name: (PHONE,)})
		self.assertIn(national.name, self.history_of(later.name, self.officer)["html"])
		# A longer number with the same digits in it is not the same number.
		other = self.complaint(complainant_email=self.email("third"), complainant_phone=self.phone() + "4")
		self.assertNotIn(other.name, contact_keys.find(complaint_keys(later)))

	def test_an_earlier_complaint_is_found_by_name_and_postcode(self):
		first = self.complaint(
			complainant_email=self.email("post1"),
			complainant_address="1 High Street\nMorpeth\nNE61 2EF",
		)
		neighbour = self.complaint(
			complainant_email=self.email("post2"),
			complainant_name=self.name_of("Jo"),
			complainant_address="1 High Street, Morpeth NE61 2EF",
		)
		later = self.complaint(
			complainant_email=self.email("post3"),
			complainant_name="MR " + self.name_of().upper(),
			complainant_address="Flat 1, 1 High St, Morpeth, ne612ef",
		)
		found = contact_keys.find(complaint_keys(later), exclude=later.name)
		self.assertEqual(found, {first.name: (NAME_AND_POSTCODE,)})
		self.assertNotIn(neighbour.name, self.history_of(later.name, self.officer)["html"])

	def test_the_keys_follow_the_complaint_and_can_be_rebuilt(self):
		first = self.complaint(complainant_email=self.email("keys"))
		later = self.complaint(complainant_email=self.email("keys"))
		keys = complaint_keys(later)
		self.assertEqual(contact_keys.find(keys, later.name), {first.name: (EMAIL,)})
		first.complainant_email = self.email("moved")
		first.save()
		self.assertEqual(contact_keys.find(keys, later.name), {}, "an old email no longer finds it")
		first.complainant_email = self.email("keys")
		first.save()
		frappe.db.delete(contact_keys.KEY_DOCTYPE)
		self.assertEqual(contact_keys.find(keys, later.name), {})
		stored = contact_keys.rebuild()
		self.assertEqual(contact_keys.find(keys, later.name), {first.name: (EMAIL,)})
		fields = ["name", "reference_name", *contact_keys.KEY_FIELDS]
		rows = frappe.get_all(contact_keys.KEY_DOCTYPE, fields=fields, order_by="name")
		self.assertEqual(len(rows), stored)
		self.assertEqual(contact_keys.rebuild(), stored)
		self.assertEqual(frappe.get_all(contact_keys.KEY_DOCTYPE, fields=fields, order_by="name"), rows)
		purge_complaint(first.name, since=now_datetime())
		self.assertFalse(frappe.db.exists(contact_keys.KEY_DOCTYPE, contact_keys.key_name(first.name)))
		self.assertEqual(contact_keys.find(keys, later.name), {})

	def test_the_history_lists_only_what_the_user_may_read_and_hints_at_nothing_else(self):
		mine = self.complaint(complainant_email=self.email("hist"))
		elsewhere = self.complaint(complainant_email=self.email("hist"), service_area=self.other_area)
		childrens = self.complaint(
			complainant_email=self.email("hist"), procedure=CHILDRENS, received_at="2026-01-05 10:00:00"
		)
		restriction = make_restriction(person_name=self.name_of(), email=self.email("hist"))
		latest = self.complaint(complainant_email=self.email("hist"))

		everything = self.history_of(latest.name, self.manager)["html"]
		for name in (mine.name, elsewhere.name, childrens.name, restriction.name):
			self.assertIn(name, everything)

		area = self.history_of(latest.name, self.area_manager)["html"]
		self.assertIn(mine.name, area)
		for hidden in (elsewhere.name, childrens.name, restriction.name):
			self.assertNotIn(hidden, area)
		# Nothing counts or names what is hidden.
		self.assertIn("Complaints (1)", area)
		self.assertNotIn("Contact restrictions", area)

		officer = self.history_of(latest.name, self.officer)["html"]
		self.assertIn(elsewhere.name, officer)
		self.assertIn(restriction.name, officer)
		self.assertNotIn(childrens.name, officer, "children's cases need Children's Complaints Access")

	def test_the_history_lists_member_enquiries_for_the_constituent(self):
		latest = self.complaint(complainant_email=self.email("meq"), complainant_phone=self.phone(456))
		enquiry = self.enquiry(constituent_phone="+44 " + self.phone(456)[1:], service_area=self.area)
		hidden = self.enquiry(constituent_email=self.email("MEQ").upper(), service_area=self.other_area)
		manager = self.history_of(latest.name, self.manager)["html"]
		self.assertIn(enquiry.name, manager)
		self.assertIn(hidden.name, manager)
		area = self.history_of(latest.name, self.area_manager)["html"]
		self.assertIn(enquiry.name, area)
		self.assertNotIn(hidden.name, area)

	def enquiry(self, **values):
		doc = {
			"doctype": "Member Enquiry",
			"subject": f"Pothole outside the school {self.run_id}",
			"received_on": "2026-01-05",
			"category": "Corporate",
			"member_type": "Councillor",
			"member_name": "Cllr Pat Member",
			"ward_or_constituency": "Morpeth North",
			"on_behalf_of_name": self.name_of(),
			"consent": "Written consent",
		}
		doc.update(values)
		return frappe.get_doc(doc).insert(ignore_permissions=True)

	def test_the_history_of_a_complaint_needs_permission_to_read_it(self):
		other = self.complaint(service_area=self.other_area)
		with self.assertRaises(frappe.PermissionError):
			self.history_of(other.name, self.area_manager)

	# -- contact restrictions ---------------------------------------------------------------

	def test_a_restriction_keeps_its_matching_keys_and_checks_its_dates_and_person(self):
		restriction = make_restriction(
			person_name="  Mr " + self.name_of().upper(),
			email=f" {self.email().upper()}",
			phone="+44 " + self.phone()[1:],
			postcode="ne612ef",
		)
		self.assertEqual(restriction.email_key, self.email())
		self.assertEqual(restriction.phone_key, self.phone().replace(" ", ""))
		self.assertEqual(restriction.name_key, self.name_of().lower())
		self.assertEqual(restriction.postcode, "NE61 2EF")
		refused = {
			"the review must come after the decision": {"review_date": DECIDED},
			"a name alone matches nobody": {"person_name": self.name_of(), "email": None},
			"a postcode must be one": {"person_name": self.name_of(), "postcode": "Morpeth", "email": None},
			"an ended restriction has an end date": {"status": "Ended"},
			"an active one has none": {"ended_on": REVIEW},
			"it ends after it was decided": {"status": "Ended", "ended_on": DECIDED - timedelta(days=1)},
			"a single point of contact is named": {"restriction_type": "Single point of contact"},
		}
		for why, values in refused.items():
			with self.subTest(why), self.assertRaises(ContactRestrictionError):
				make_restriction(**{"email": self.email("x"), **values})
		ended = make_restriction(email=self.email("x"), status="Ended", ended_on=REVIEW)
		self.assertEqual(ended.status, "Ended")

	def test_a_restriction_made_from_a_complaint_takes_the_complainants_details(self):
		complaint = self.complaint(
			complainant_phone=self.phone(789), complainant_address="2 Bridge St, Hexham NE46 1AB"
		)
		restriction = make_restriction(complaint=complaint.name)
		self.assertEqual(
			(restriction.person_name, restriction.email, restriction.phone, restriction.postcode),
			(self.name_of(), self.email(), self.phone(789), "NE46 1AB"),
		)

	def test_a_service_manager_cannot_read_restrictions(self):
		restriction = make_restriction(email=self.email("sm"))
		self.assertFalse(frappe.has_permission(RESTRICTION, "read", user=self.area_manager))
		self.assertFalse(frappe.has_permission(RESTRICTION, "read", doc=restriction, user=self.area_manager))
		with self.assertRaises(frappe.PermissionError):
			as_user(self.area_manager, frappe.get_list, RESTRICTION)
		with self.assertRaises(frappe.PermissionError):
			as_user(self.area_manager, frappe.get_doc(RESTRICTION, restriction.name).check_permission, "read")
		self.assertTrue(frappe.has_permission(RESTRICTION, "read", doc=restriction, user=self.officer))
		self.assertFalse(frappe.has_permission(RESTRICTION, "create", user=self.officer))
		self.assertTrue(frappe.has_permission(RESTRICTION, "create", user=self.manager))

	def test_a_complaint_from_a_restricted_person_is_taken_with_a_warning_and_a_comment(self):
		restriction = make_restriction(
			person_name=self.name_of(),
			phone=self.phone(321),
			restriction_type="Single point of contact",
			single_point_of_contact=self.officer,
		)
		with self.freeze_time("2026-01-05 09:00:00"):
			complaint = self.complaint(
				complainant_email=self.email("warned"), complainant_phone="0044 " + self.phone(321)[1:]
			)
			self.assertEqual(current_stage(complaint.name).workflow_state, "Open")
			staff = self.history_of(complaint.name, self.officer)["warnings"]
			area = self.history_of(complaint.name, self.area_manager)["warnings"]
		self.assertEqual(len(staff), 1)
		self.assertIn(restriction.name, staff[0])
		self.assertIn(TERMS, staff[0])
		self.assertIn(f"Review by {format_date(REVIEW)}", staff[0])
		# The area's manager, who may not read restrictions: that there is one and whom to ask.
		self.assertEqual(len(area), 1)
		self.assertNotIn(TERMS, area[0])
		self.assertIn(frappe.utils.get_fullname(self.officer), area[0])
		comments = frappe.get_all(
			"Comment",
			{"reference_doctype": "Complaint", "reference_name": complaint.name, "comment_type": "Info"},
			pluck="content",
		)
		noted = [c for c in comments if restriction.name in c]
		self.assertEqual(len(noted), 1)
		self.assertNotIn(TERMS, noted[0])

	def test_an_ended_restriction_warns_nobody(self):
		make_restriction(email=self.email("ended"), status="Ended", ended_on=date(2026, 1, 2))
		complaint = self.complaint(complainant_email=self.email("ended"))
		self.assertEqual(self.history_of(complaint.name, self.manager)["warnings"], [])

	# -- linking and merging ----------------------------------------------------------------

	def test_a_link_shows_on_both_complaints_and_goes_from_both(self):
		a, b = self.complaint(), self.complaint()
		a.append("related_complaints", {"complaint": b.name, "note": "Same road"})
		a.save()
		b.reload()
		self.assertEqual([(r.complaint, r.relation) for r in b.related_complaints], [(a.name, "Related")])
		a.reload()
		a.set("related_complaints", [])
		a.save()
		b.reload()
		self.assertEqual(b.related_complaints, [])
		with self.assertRaises(ComplaintLinkError):
			a.append("related_complaints", {"complaint": a.name})
			a.save()
		a.reload()
		with self.assertRaises(ComplaintLinkError):
			a.append("related_complaints", {"complaint": b.name, "relation": "Merged into"})
			a.save()

	def test_the_rows_of_linked_complaints_are_listed_only_with_their_complaint(self):
		a, b = self.complaint(), self.complaint()
		a.append("related_complaints", {"complaint": b.name, "note": "Same road, both sides"})
		a.save()

		def parents(user):
			rows = as_user(
				user,
				frappe.get_list,
				"Complaint Link",
				parent_doctype="Complaint",
				fields=["parent", "note"],
				limit_page_length=0,
			)
			return {r.parent for r in rows} & {a.name, b.name}

		self.assertEqual(parents(self.area_manager), {a.name, b.name})
		self.assertEqual(parents(self.other_manager), set(), "another area's manager reads no notes")

	def test_linking_needs_read_access_to_the_other_complaint(self):
		mine = self.complaint()
		theirs = self.complaint(service_area=self.other_area)
		frappe.set_user(self.area_manager)
		mine.reload()
		mine.append("related_complaints", {"complaint": theirs.name})
		with self.assertRaises(ComplaintLinkError):
			mine.save()

	def test_merging_keeps_both_references_and_closes_the_duplicate(self):
		target = self.complaint(subject=f"Pothole on Bridge St {self.run_id}")
		duplicate = self.complaint(subject=f"Pothole (again) {self.run_id}")
		duplicate.append("related_complaints", {"complaint": target.name, "note": "Same pothole"})
		duplicate.save()
		frappe.set_user(self.officer)
		duplicate = frappe.get_doc("Complaint", duplicate.name)
		duplicate.merge_into(target.name, "Sent twice, by the web form and by email")
		frappe.set_user("Administrator")

		duplicate.reload()
		target.reload()
		self.assertEqual((duplicate.status, duplicate.merged_into), ("Merged", target.name))
		self.assertEqual(duplicate.closed_on, getdate(nowdate()))
		self.assertFalse(duplicate.final_outcome)
		self.assertEqual(
			[(r.complaint, r.relation) for r in duplicate.related_complaints], [(target.name, "Merged into")]
		)
		self.assertEqual(
			[(r.complaint, r.relation) for r in target.related_complaints],
			[(duplicate.name, "Duplicate merged here")],
		)
		self.assertEqual(target.status, "Open")
		stage = current_stage(duplicate.name)
		self.assertEqual(stage.workflow_state, "Closed")
		self.assertFalse(stage.responded_on or stage.outcome, "no response or outcome is made up")
		self.assertEqual(current_stage(target.name).workflow_state, "Open")
		for name, words in ((duplicate.name, f"Merged into {target.name}"), (target.name, duplicate.name)):
			comments = frappe.get_all(
				"Comment", {"reference_doctype": "Complaint", "reference_name": name}, pluck="content"
			)
			self.assertTrue(any(words in (c or "") for c in comments), name)
		# The complainant's page says it was joined with another, and promises no reply date.
		view = portal.complaint_view(duplicate.name)
		self.assertEqual(view["status_label"], "Joined with another complaint about the same matter")
		self.assertIsNone(view["response_due"])
		self.assertEqual([s["response_due"] for s in view["stages"]], [None])
		# Status stays Merged whatever recomputes it, and the duplicate goes no further.
		duplicate.refresh_from_stages()
		self.assertEqual(frappe.db.get_value("Complaint", duplicate.name, "status"), "Merged")
		with self.assertRaises(ComplaintClosedError):
			duplicate.close_with("Withdrawn", "Changed their mind")
		with self.assertRaises(ComplaintClosedError):
			duplicate.escalate(handler=self.officer)
		# The merge rows stay: staff cannot remove them by hand.
		target.set("related_complaints", [])
		with self.assertRaises(ComplaintLinkError):
			target.save()

	def test_a_merge_that_would_hide_a_decision_is_refused(self):
		target = self.complaint()
		duplicate = self.complaint()
		with self.assertRaises(MergeError):
			duplicate.merge_into(duplicate.name, "Itself")
		with self.assertRaises(MergeError):
			duplicate.merge_into(target.name, "  ")
		merged = self.complaint()
		merged.merge_into(target.name, "Duplicate")
		with self.assertRaises(MergeError):
			duplicate.merge_into(merged.name, "Into a merged one")
		answered = self.complaint()
		respond(current_stage(answered.name), date(2026, 1, 7))
		answered.reload()
		with self.assertRaises(MergeError):
			duplicate.merge_into(answered.name, "Into a closed one")
		with self.assertRaises(MergeError):
			answered.merge_into(target.name, "A closed one")
		# Open again at stage 2, but stage 1 was answered: not a duplicate.
		answered.escalate(handler=self.officer, requested_at="2026-01-20 09:00:00")
		answered.reload()
		self.assertEqual(answered.status, "Open")
		with self.assertRaises(MergeError):
			answered.merge_into(target.name, "One with a response")
		with self.assertRaises(frappe.PermissionError):
			as_user(self.area_manager, duplicate.merge_into, target.name, "Not theirs to merge")
		duplicate.reload()
		self.assertEqual(duplicate.status, "Open")


class TestRestrictedComplainantOnThePortal(FrappeAPITestCase):
	"""The public form's own route: the request commits, so what it makes is deleted afterwards."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		cls.run_id = frappe.generate_hash(length=6)
		cls.started = now_datetime() - timedelta(seconds=1)
		cls.officer = f"portal.officer.{cls.run_id}@example.com"
		make_user(cls.officer, "Complaints Officer")
		cls.topic = f"Roads {cls.run_id}"
		frappe.get_doc(
			{"doctype": "Complaint Public Topic", "topic": cls.topic, "procedure": LGSCO, "hint": "Roads"}
		).insert(ignore_permissions=True)
		cls.email = f"persistent.{cls.run_id}@example.com"
		cls.restriction = make_restriction(person_name="Sam Persistent", email=cls.email.upper())
		frappe.db.commit()

	@classmethod
	def tearDownClass(cls):
		frappe.set_user("Administrator")
		frappe.db.rollback()
		for name in frappe.get_all(
			"Complaint", {"complainant_email": ["like", f"%{cls.run_id}%"]}, pluck="name"
		):
			committed(purge_complaint, name, since=cls.started)
		committed(purge, RESTRICTION, cls.restriction.name)
		committed(purge, "Complaint Public Topic", cls.topic)
		committed(purge_user, cls.officer)
		for key in frappe.cache.get_keys("complaints_portal:") + frappe.cache.get_keys("rl:"):
			frappe.cache.delete(key)
		super().tearDownClass()

	def test_a_restricted_complainant_submits_and_staff_see_the_banner(self):
		for key in frappe.cache.get_keys("complaints_portal:") + frappe.cache.get_keys("rl:"):
			frappe.cache.delete(key)
		data = {
			"doctype": "Complaint",
			"web_form_name": portal.PORTAL_FORM,
			"public_topic": self.topic,
			"summary": f"The pothole is still there ({self.run_id}).",
			"desired_outcome": "Fill it in.",
			"complainant_name": "Sam Persistent",
			"complainant_email": f" {self.email} ",
			"preferred_contact": "Email",
		}
		response = self.post(self.method(ACCEPT), {"web_form": portal.PORTAL_FORM, "data": json.dumps(data)})
		frappe.db.commit()
		self.assertEqual(response.status_code, 200, response.json)
		message = response.json["message"]
		self.assertTrue(parse_qs(urlparse(message["tracking_url"]).query)["token"][0])
		name = message["name"]
		self.assertEqual(current_stage(name).workflow_state, "Open")

		frappe.set_user(self.officer)
		try:
			warnings = history.contact_history(name)["warnings"]
		finally:
			frappe.set_user("Administrator")
		self.assertEqual(len(warnings), 1)
		self.assertIn(self.restriction.name, warnings[0])
		self.assertIn(TERMS, warnings[0])
		self.assertTrue(
			frappe.db.exists(
				"Comment",
				{
					"reference_doctype": "Complaint",
					"reference_name": name,
					"content": ["like", f"%{self.restriction.name}%"],
				},
			)
		)
		keys = PersonKeys.of(email=self.email)
		self.assertIn(self.restriction.name, history.restriction_matches(keys, active_only=True))
