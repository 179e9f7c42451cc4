# Copyright (c) 2026, complaints_app contributors
# See license.txt
"""The public side over HTTP, as the public reaches it: submitting, tracking, asking, withdrawing,
and what two complainants and a guest can and cannot reach.

Requests go through Frappe's own WSGI app (FrappeAPITestCase), so every route is the real one.
The app commits what a request does, so this suite marks what it makes with its run id and
deletes it in tearDownClass.
"""

from __future__ import annotations

import base64
import json
import random
from datetime import timedelta
from urllib.parse import parse_qs, urlparse

import frappe
from frappe.tests.test_api import FrappeAPITestCase
from frappe.utils import add_days, now_datetime, nowdate

from complaints_app.complaint_portal import intake, portal
from complaints_app.complaint_portal.public import PUBLIC_COMPLAINT_FIELDS, token_hash
from complaints_app.complaints.test_permissions import (
	committed,
	log_out,
	login,
	purge,
	purge_complaint,
	purge_user,
)
from complaints_app.complaints.testing import LGSCO, app_jobs_inline, current_stage, make_user, respond

ACCEPT = "frappe.website.doctype.web_form.web_form.accept"
FUZZ_SUBMISSIONS = 320
SECRET = "The neighbour's dog bites; nobody else should read this."


class TestPortal(FrappeAPITestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		# The acknowledgement and the new-case alerts are jobs: run them inside the submission.
		cls.enterClassContext(app_jobs_inline())
		frappe.set_user("Administrator")
		cls.run_id = frappe.generate_hash(length=6)
		cls.started = now_datetime() - timedelta(seconds=1)
		cls.made_users = []
		cls.topic = f"Bins {cls.run_id}"
		frappe.get_doc(
			{"doctype": "Complaint Public Topic", "topic": cls.topic, "procedure": LGSCO, "hint": "Bins"}
		).insert(ignore_permissions=True)
		cls.user_a = cls.website_user(f"portal.a.{cls.run_id}@example.com")
		cls.user_b = cls.website_user(f"portal.b.{cls.run_id}@example.com")
		# Mail is queued through this account and never sent (nothing sends the queue in tests).
		cls.account = frappe.get_doc(
			{
				"doctype": "Email Account",
				"email_account_name": f"Complaints portal {cls.run_id}",
				"email_id": f"complaints-{cls.run_id}@example.com",
				"enable_outgoing": 1,
				"default_outgoing": 1,
				"smtp_server": "127.0.0.1",
				"no_smtp_authentication": 1,
			}
		).insert(ignore_permissions=True)
		frappe.db.commit()
		cls.clear_limits()

	@classmethod
	def tearDownClass(cls):
		frappe.set_user("Administrator")
		frappe.db.rollback()
		for name in frappe.get_all("Complaint", {"subject": ["like", f"%{cls.run_id}%"]}, pluck="name"):
			committed(purge_complaint, name, since=cls.started)
		for name in frappe.get_all(
			"Complaint", {"complainant_email": ["like", f"%{cls.run_id}%"]}, pluck="name"
		):
			committed(purge_complaint, name, since=cls.started)
		committed(purge, "Complaint Public Topic", cls.topic)
		committed(purge, "Email Account", cls.account.name)
		for user in cls.made_users:
			committed(log_out, user, since=cls.started)
			committed(purge_user, user)
		cls.clear_limits()
		super().tearDownClass()

	@classmethod
	def website_user(cls, email: str) -> str:
		if not frappe.db.exists("User", email):
			frappe.get_doc(
				{
					"doctype": "User",
					"email": email,
					"first_name": email.split("@")[0],
					"user_type": "Website User",
					"send_welcome_email": 0,
				}
			).insert(ignore_permissions=True)
		cls.made_users.append(email)
		return email

	@classmethod
	def clear_limits(cls):
		"""Forget the per-IP counts (the portal's own, and frappe.rate_limiter's)."""
		for prefix in ("complaints_portal:", "rl:"):
			for key in frappe.cache.get_keys(prefix):
				frappe.cache.delete(key)

	# -- helpers ------------------------------------------------------------------------------

	def get(self, path, params=None, **kwargs):
		return self.fresh(super().get(path, params, **kwargs), params)

	def post(self, path, data=None, **kwargs):
		return self.fresh(super().post(path, data, **kwargs), data)

	def with_session(self, sid: str):
		self.TEST_CLIENT.set_cookie("sid", sid)
		return self

	def fresh(self, response, params):
		"""After a request: see what it committed, and carry no session into the next one."""
		frappe.db.commit()
		self.TEST_CLIENT._cookies.clear()
		return response

	def form(self, **values) -> dict:
		data = {
			"doctype": "Complaint",
			"web_form_name": portal.PORTAL_FORM,
			"public_topic": self.topic,
			"summary": f"My bins were missed three weeks running ({self.run_id}).",
			"desired_outcome": "Collect them and stop missing them.",
			"complainant_name": "Alex Resident",
			"complainant_email": f"alex.{self.run_id}@example.com",
			"preferred_contact": "Email",
		}
		data.update(values)
		return data

	def submit(self, sid: str | None = None, **values):
		self.clear_limits()
		return self.post(
			self.method(ACCEPT),
			{"web_form": portal.PORTAL_FORM, "data": json.dumps(self.form(**values)), "sid": sid or ""},
		)

	def submitted(self, sid: str | None = None, **values) -> tuple[str, str]:
		"""(complaint name, token) of a successful submission."""
		response = self.submit(sid, **values)
		self.assertEqual(response.status_code, 200, response.json)
		message = response.json["message"]
		token = parse_qs(urlparse(message["tracking_url"]).query)["token"][0]
		return message["name"], token

	def page(self, path: str, sid: str | None = None):
		return self.get(path, {"sid": sid} if sid else None)

	# -- submitting ---------------------------------------------------------------------------

	def test_a_guest_submission_makes_a_web_complaint_with_stage_1_and_an_acknowledgement(self):
		name, token = self.submitted()
		complaint = frappe.get_doc("Complaint", name)
		self.assertEqual((complaint.channel, complaint.procedure), ("Web", LGSCO))
		self.assertTrue(complaint.subject.startswith(self.topic))
		self.assertIsNone(complaint.complainant_user)
		self.assertTrue(current_stage(name).response_due or current_stage(name).acknowledgement_due)
		stored = frappe.get_all("Complaint Access Token", {"complaint": name}, pluck="token_hash")
		self.assertEqual(stored, [token_hash(token)])
		self.assertNotIn(
			token, json.dumps(frappe.get_all("Complaint Access Token", fields=["*"]), default=str)
		)
		sent = frappe.get_all(
			"Communication",
			{"reference_doctype": "Complaint", "reference_name": name, "sent_or_received": "Sent"},
			["name", "content"],
		)
		self.assertTrue(any(token in (c.content or "") for c in sent), "the acknowledgement carries the link")
		queued = frappe.get_all(
			"Email Queue", {"communication": ["in", [c.name for c in sent]]}, pluck="status"
		)
		self.assertEqual(queued, ["Not Sent"])

	def test_a_signed_in_submission_belongs_to_its_user(self):
		sid = login(self.user_a)
		name, _token = self.submitted(sid)
		self.assertEqual(frappe.db.get_value("Complaint", name, "complainant_user"), self.user_a)

	def test_the_reply_method_needs_its_contact_detail(self):
		response = self.submit(preferred_contact="Letter", complainant_address="")
		self.assertEqual(response.status_code, 417)
		self.assertIn("give your postal address", response.json["exception"])

	def test_the_honeypot_stops_a_bot_and_makes_nothing(self):
		before = frappe.db.count("Complaint")
		response = self.submit(company_website="http://spam.example.com")
		self.assertEqual(response.status_code, 417)
		self.assertEqual(frappe.db.count("Complaint"), before)

	def test_guest_submissions_are_rate_limited_per_ip(self):
		self.clear_limits()
		limit, portal.SUBMISSIONS_PER_HOUR = portal.SUBMISSIONS_PER_HOUR, 2
		try:
			codes = [
				self.post(
					self.method(ACCEPT), {"web_form": portal.PORTAL_FORM, "data": json.dumps(self.form())}
				).status_code
				for _ in range(3)
			]
		finally:
			portal.SUBMISSIONS_PER_HOUR = limit
			self.clear_limits()
		self.assertEqual(codes, [200, 200, 429])

	def test_html_in_a_field_is_sanitised(self):
		name, _token = self.submitted(summary=f"<script>alert('x')</script><b>Bold</b> {self.run_id}")
		summary = frappe.db.get_value("Complaint", name, "summary")
		self.assertNotIn("<script", summary)

	def test_uploads_are_checked_by_type_and_size_and_kept_private(self):
		pdf = "data:application/pdf;base64," + base64.b64encode(b"%PDF-1.4 evidence").decode()
		name, _token = self.submitted(evidence_1=f"photo-letter.pdf,{pdf}")
		url = frappe.db.get_value("Complaint", name, "evidence_1")
		self.assertTrue(url.startswith("/private/files/"), url)
		exe = "data:application/octet-stream;base64," + base64.b64encode(b"MZ").decode()
		response = self.submit(evidence_1=f"run-me.exe,{exe}")
		self.assertEqual(response.status_code, 417)
		self.assertIn("not a file type we can take", response.json["exception"])
		limit, intake.MAX_FILE_BYTES = intake.MAX_FILE_BYTES, 10
		try:
			response = self.submit(evidence_1=f"big.pdf,{pdf}")
		finally:
			intake.MAX_FILE_BYTES = limit
		self.assertEqual(response.status_code, 417)
		self.assertIn("larger than 10 MB", response.json["exception"])

	# -- tracking -------------------------------------------------------------------------------

	def test_the_tracking_link_shows_the_public_fields_only(self):
		name, token = self.submitted(summary=f"{SECRET[:20]} {self.run_id}")
		frappe.db.set_value("Complaint", name, "vulnerability_notes", SECRET)
		frappe.db.commit()
		response = self.page(f"/complaint-status?token={token}")
		self.assertEqual(response.status_code, 200)
		html = response.get_data(as_text=True)
		self.assertIn(name, html)
		self.assertNotIn(SECRET, html)
		view = portal.complaint_view(name)
		self.assertLessEqual(
			set(view) - {"status_label", "stages", "letters", "documents", "escalation", "can_withdraw"},
			set(PUBLIC_COMPLAINT_FIELDS),
		)

	def test_tampered_expired_and_revoked_links_open_nothing(self):
		name, token = self.submitted()
		tampered = token[:-1] + ("A" if token[-1] != "A" else "B")
		self.assertEqual(self.page(f"/complaint-status?token={tampered}").status_code, 403)
		record = frappe.get_value("Complaint Access Token", {"complaint": name}, "name")
		frappe.db.set_value("Complaint Access Token", record, "expires_on", add_days(nowdate(), -1))
		frappe.db.commit()
		self.assertEqual(self.page(f"/complaint-status?token={token}").status_code, 403)
		frappe.db.set_value(
			"Complaint Access Token", record, {"expires_on": add_days(nowdate(), 30), "revoked": 1}
		)
		frappe.db.commit()
		response = self.page(f"/complaint-status?token={token}")
		self.assertEqual(response.status_code, 403)
		self.assertNotIn(name, response.get_data(as_text=True))

	def test_token_lookups_are_rate_limited(self):
		self.clear_limits()
		limit, portal.LOOKUPS_PER_HOUR = portal.LOOKUPS_PER_HOUR, 2
		try:
			codes = [self.page(f"/complaint-status?token={'x' * 43}").status_code for _ in range(3)]
		finally:
			portal.LOOKUPS_PER_HOUR = limit
			self.clear_limits()
		self.assertEqual(codes[:2], [403, 403])
		self.assertEqual(codes[2], 429)

	# -- asking for the next stage, withdrawing -------------------------------------------------

	def answer_stage_1(self, name: str):
		frappe.set_user("Administrator")
		stage = current_stage(name)
		stage.acknowledged_on = stage.acknowledged_on or nowdate()
		stage.save()
		respond(stage, nowdate(), "Not upheld")
		frappe.db.commit()

	def test_asking_for_the_next_stage_waits_for_staff_when_it_needs_a_new_handler(self):
		name, token = self.submitted()
		response = self.post(
			self.method("complaints_app.complaint_portal.portal.request_next_stage"),
			{"token": token, "reasons": "Not answered properly"},
		)
		self.assertEqual(response.status_code, 417)
		self.assertIn("has not been answered yet", response.json["exception"])
		self.answer_stage_1(name)
		response = self.post(
			self.method("complaints_app.complaint_portal.portal.request_next_stage"),
			{"token": token, "reasons": "The bins are still missed."},
		)
		self.assertEqual(response.status_code, 200, response.json)
		self.assertEqual(response.json["message"]["status"], "Pending")
		request = frappe.get_doc("Complaint Escalation Request", {"complaint": name})
		self.assertEqual((request.status, request.reasons), ("Pending", "The bins are still missed."))
		again = self.post(
			self.method("complaints_app.complaint_portal.portal.request_next_stage"),
			{"token": token, "reasons": "Again"},
		)
		self.assertIn("already asked", again.json["exception"])

	def test_outside_the_window_the_request_is_refused_with_the_ombudsman(self):
		name, token = self.submitted()
		self.answer_stage_1(name)
		# As if the procedure's window had ended yesterday (the LGSCO procedure ships with none).
		stage = current_stage(name)
		frappe.db.set_value("Complaint Stage", stage.name, "escalation_deadline", add_days(nowdate(), -1))
		frappe.db.commit()
		response = self.post(
			self.method("complaints_app.complaint_portal.portal.request_next_stage"),
			{"token": token, "reasons": "Late"},
		)
		self.assertEqual(response.status_code, 417)
		self.assertIn("ended on", response.json["exception"])
		self.assertIn("lgo.org.uk", response.json["exception"])

	def test_a_complainant_can_withdraw(self):
		name, token = self.submitted()
		response = self.post(
			self.method("complaints_app.complaint_portal.portal.withdraw"),
			{"token": token, "reason": "Sorted out on the phone"},
		)
		self.assertEqual(response.status_code, 200, response.json)
		self.assertEqual(frappe.db.get_value("Complaint", name, "status"), "Withdrawn")

	# -- two complainants and a guest ------------------------------------------------------------

	def test_one_complainant_reaches_nothing_of_another(self):
		sid_a, sid_b = login(self.user_a), login(self.user_b)
		mine, _ = self.submitted(sid_a)
		pdf = "data:application/pdf;base64," + base64.b64encode(b"%PDF-1.4 B's letter").decode()
		theirs, token_b = self.submitted(
			sid_b, evidence_1=f"b-letter.pdf,{pdf}", summary=f"{SECRET} {self.run_id}"
		)
		stage_b = frappe.db.get_value("Complaint", theirs, "current_stage")
		file_b = frappe.get_value("File", {"attached_to_name": theirs}, ["name", "file_url"], as_dict=True)
		denied = {
			"REST read": self.get(self.resource("Complaint", theirs), {"sid": sid_a}),
			"REST list": self.get(self.resource("Complaint"), {"sid": sid_a}),
			"REST stage": self.get(self.resource("Complaint Stage", stage_b), {"sid": sid_a}),
			"client.get": self.get(
				self.method("frappe.client.get"), {"sid": sid_a, "doctype": "Complaint", "name": theirs}
			),
			"client.get_list": self.get(
				self.method("frappe.client.get_list"), {"sid": sid_a, "doctype": "Complaint"}
			),
			"client.get_count": self.get(
				self.method("frappe.client.get_count"), {"sid": sid_a, "doctype": "Complaint"}
			),
			# The session goes as a cookie here: reportview passes every form field on to its query.
			"report view": self.with_session(sid_a).post(
				self.method("frappe.desk.reportview.get"),
				{"doctype": "Complaint", "fields": json.dumps(["name", "summary"])},
			),
			"search": self.get(
				self.method("frappe.desk.search.search_link"),
				{"sid": sid_a, "doctype": "Complaint", "txt": theirs},
			),
			"file URL": self.get(file_b.file_url, {"sid": sid_a}),
			"portal page": self.page(f"/complaint-status?complaint={theirs}", sid_a),
			"portal download": self.get(
				self.method("complaints_app.complaint_portal.portal.download"),
				{"sid": sid_a, "file": file_b.name, "complaint": theirs},
			),
			"download with own complaint": self.get(
				self.method("complaints_app.complaint_portal.portal.download"),
				{"sid": sid_a, "file": file_b.name, "complaint": mine},
			),
			"withdraw": self.post(
				self.method("complaints_app.complaint_portal.portal.withdraw"),
				{"sid": sid_a, "complaint": theirs, "reason": "x"},
			),
		}
		for route, response in denied.items():
			with self.subTest(route=route):
				body = response.get_data(as_text=True)
				self.assertNotIn(SECRET, body)
				self.assertNotIn("B's letter", body)
				if route == "search":
					self.assertNotIn(theirs, json.dumps(response.json.get("message", [])))
				else:
					self.assertIn(
						response.status_code, (403, 404), (route, response.status_code, body[-800:])
					)
		self.assertEqual(frappe.db.get_value("Complaint", theirs, "status"), "Open")
		mine_page = self.page("/my-complaints", sid_a).get_data(as_text=True)
		self.assertIn(mine, mine_page)
		self.assertNotIn(theirs, mine_page)
		own = self.get(
			self.method("complaints_app.complaint_portal.portal.download"),
			{"file": file_b.name, "token": token_b},
		)
		self.assertEqual(own.status_code, 200)
		self.assertIn(b"B's letter", own.data)

	def test_a_guest_can_create_a_complaint_and_nothing_else(self):
		name, _token = self.submitted()
		for response in (
			self.get(self.resource("Complaint", name)),
			self.get(self.resource("Complaint")),
			self.get(self.method("frappe.client.get"), {"doctype": "Complaint", "name": name}),
			self.post(self.resource("Complaint"), {"subject": "x", "summary": "y"}),
			self.get(self.resource("Complaint Access Token")),
		):
			self.assertIn(response.status_code, (403, 404), response.get_data(as_text=True)[:200])
		self.assertEqual(self.page(f"/complaint-status?complaint={name}").status_code, 404)
		self.assertIn(self.page("/my-complaints").status_code, (301, 302))

	# -- fuzzed submissions ------------------------------------------------------------------------

	def test_fuzzed_submissions_never_give_a_server_error(self):
		rng = random.Random(2026)
		bad = (
			None, "", " ", 12345, -1, 1e309, [], {}, ["a"], {"x": 1}, "x" * 5000, "<img src=x onerror=alert(1)>",
			"' OR 1=1 --", "\u0000", "😀" * 50, "2026-13-45", True, "Letter", "Email", "nobody@", "+44 (0)",
		)  # fmt: skip
		fields = [
			"public_topic", "summary", "desired_outcome", "complainant_name", "complainant_email",
			"complainant_phone", "complainant_address", "preferred_contact", "on_behalf_of",
			"person_affected", "relationship", "consent", "reasonable_adjustments", "advocate_requested",
			"evidence_1", "name", "doctype", "received_at", "status", "procedure", "service_area",
		]  # fmt: skip
		limit, portal.SUBMISSIONS_PER_HOUR = portal.SUBMISSIONS_PER_HOUR, 10_000
		codes: dict[int, int] = {}
		errors = []
		try:
			for i in range(FUZZ_SUBMISSIONS):
				values = {rng.choice(fields): rng.choice(bad) for _ in range(rng.randint(1, 4))}
				if i % 10 == 0:
					data = rng.choice(["not json", "[]", "null", json.dumps({"summary": None})])
				else:
					data = json.dumps(self.form(**values), default=str)
				response = self.post(self.method(ACCEPT), {"web_form": portal.PORTAL_FORM, "data": data})
				codes[response.status_code] = codes.get(response.status_code, 0) + 1
				if response.status_code >= 500:
					errors.append(
						(values, response.json.get("exception") if response.is_json else response.status)
					)
		finally:
			portal.SUBMISSIONS_PER_HOUR = limit
			self.clear_limits()
		print(f"\n{FUZZ_SUBMISSIONS} fuzzed submissions: {dict(sorted(codes.items()))}")
		self.assertEqual(errors, [])
		self.assertGreater(codes.get(200, 0), 0)
		self.assertGreater(sum(n for code, n in codes.items() if 400 <= code < 500), 0)
