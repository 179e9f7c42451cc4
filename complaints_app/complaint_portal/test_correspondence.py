# Copyright (c) 2026, complaints_app contributors
# See license.txt
"""Correspondence to the complainant, and mail arriving in the complaints inbox.

Dates are the Christmas 2025 case: a complaint received on Friday 19 December 2025 under
the LGSCO procedure; stage 1 counts 10 working days from then (22, 23, 24, 29, 30, 31 Dec,
2, 5, 6, 7 Jan), so it is due on Wednesday 7 January 2026. A 5-day extension moves it to
8, 9, 12, 13, 14 Jan: Wednesday 14 January 2026.

The children's procedure gives 20 working days to ask for the next stage. Answered on
Friday 16 January 2026, the window runs 19-23, 26-30 Jan, 2-6, 9-13 Feb: it closes on
Friday 13 February 2026.

Email is queued through a test Email Account and never sent (AlertTestMixin). Mail comes
in through Frappe's own ``InboundMail`` with an Email Account whose "append to" is
Complaint, exactly as the scheduler's mail pull hands each message on.
"""

from __future__ import annotations

import email
from contextlib import contextmanager
from datetime import date
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

import frappe
from frappe.email.receive import InboundMail
from frappe.tests.utils import FrappeTestCase
from frappe.utils import getdate, now_datetime

from complaints_app.alerts.testing import AlertTestMixin
from complaints_app.complaint_portal.correspondence import (
	CorrespondenceNotDueError,
	NoContactDetailsError,
	UnknownCorrespondenceError,
	available_kinds,
	letter_for_print,
	on_incoming_email,
	send,
	send_correspondence,
)
from complaints_app.complaint_statistics.doctype.complaints_annual_report.test_complaints_annual_report import (
	assets_served,
	pdf_text,
)
from complaints_app.complaints.testing import (
	CHILDRENS,
	LGSCO,
	children_case_at,
	current_stage,
	make_complaint,
	make_user,
)

TRACKING = "https://council.example/complaint/track?token=t0k3n-for-tests"
HIGH_STREET = "Flat 2\n14 High Street\nMarket Town\nMT1 4AB"
OMBUDSMAN_LGSCO = ("Local Government and Social Care Ombudsman", "www.lgo.org.uk", "0300 061 0614")
OMBUDSMAN_HOUSING = ("Housing Ombudsman Service", "www.housing-ombudsman.org.uk", "0300 111 3000")


def answer(stage, responded_on: date, outcome: str, points=()):
	"""Record the response with its outcome per point (theme, outcome) as staff do on the form."""
	stage.reload()
	for point, theme, point_outcome in points:
		stage.append("theme_outcomes", {"point": point, "theme": theme, "outcome": point_outcome})
	stage.responded_on = responded_on
	stage.outcome = outcome
	stage.save()
	return stage


def raw_mail(
	sender: str, to: str, subject: str, body: str, in_reply_to: str | None = None
) -> tuple[str, str]:
	"""An RFC 822 message as a mail server hands it over; returns (raw text, its Message-ID)."""
	message_id = make_msgid(domain="mail.example.net")
	msg = EmailMessage()
	msg["From"] = sender
	msg["To"] = to
	msg["Subject"] = subject
	msg["Date"] = format_datetime(now_datetime().astimezone())
	msg["Message-ID"] = message_id
	if in_reply_to:
		msg["In-Reply-To"] = in_reply_to
		msg["References"] = in_reply_to
	msg.set_content(body)
	msg.add_alternative(f"<p>{body}</p>", subtype="html")
	return msg.as_string(), message_id


@contextmanager
def printed_from_desk():
	"""A print made in a desk request (the print view's GET), which the letter's Jinja relies on."""
	had = hasattr(frappe.local, "request")
	saved = getattr(frappe.local, "request", None)
	frappe.local.request = frappe._dict(method="GET", headers={}, path="/printview")
	try:
		yield
	finally:
		if had:
			frappe.local.request = saved
		else:
			del frappe.local.request


class TestCorrespondence(AlertTestMixin, FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.tag = cls.start_run(length=6)
		cls.inbox = frappe.get_doc(
			{
				"doctype": "Email Account",
				"email_account_name": f"Complaints inbox {cls.tag}",
				"email_id": f"complaints-{cls.tag}@council.example",
				"enable_incoming": 1,
				"use_imap": 0,
				"email_server": "127.0.0.1",
				"append_to": "Complaint",
			}
		).insert(ignore_permissions=True)
		cls.manager = make_user(f"corr.manager.{cls.tag}@example.com", "Complaints Manager")
		cls.auditor = make_user(f"corr.auditor.{cls.tag}@example.com", "Complaints Auditor")

	def setUp(self):
		super().setUp()
		frappe.set_user("Administrator")
		self.addCleanup(frappe.set_user, "Administrator")

	# -- helpers -------------------------------------------------------------------------------

	def complaint(self, **overrides):
		n = frappe.generate_hash(length=6)
		values = {
			"complainant_name": "Alex Resident",
			"complainant_email": f"alex.{n}@example.com",
			"received_at": "2025-12-19 10:00:00",
		}
		values.update(overrides)
		complaint = make_complaint(**values)
		complaint.reload()  # its current stage is set after insert
		return complaint

	def lgsco_stage_2(self, procedure: str = LGSCO):
		"""A complaint answered at stage 1, escalated, and answered at stage 2 (the last)."""
		complaint = self.complaint(procedure=procedure)
		answer(current_stage(complaint.name), date(2026, 1, 6), "Not upheld")
		complaint.reload()
		stage = complaint.escalate(handler="Administrator", requested_at="2026-01-12 09:00:00")
		return complaint, answer(stage, date(2026, 2, 2), "Partially upheld")

	def sent(self, name: str):
		comm = frappe.get_doc("Communication", name)
		self.assertEqual(comm.sent_or_received, "Sent")
		self.assertEqual(comm.communication_type, "Communication")
		return comm

	def queued_html(self, comm) -> str:
		"""The HTML part of the one email queued for ``comm``, decoded as the recipient reads it."""
		queued = frappe.get_all(
			"Email Queue",
			filters={"communication": comm.name},
			fields=["name", "status", "reference_doctype", "reference_name"],
		)
		self.assertEqual(len(queued), 1, "exactly one email is queued")
		self.assertEqual(queued[0].status, "Not Sent")
		self.assertEqual(
			(queued[0].reference_doctype, queued[0].reference_name), ("Complaint", comm.reference_name)
		)
		queue = frappe.get_doc("Email Queue", queued[0].name)
		self.assertEqual([r.recipient for r in queue.recipients], [comm.recipients])
		for part in email.message_from_string(queue.message).walk():
			if part.get_content_type() == "text/html":
				return part.get_payload(decode=True).decode(part.get_content_charset() or "utf-8")
		self.fail("the queued email has no HTML part")

	def assert_no_email_to(self, address: str) -> None:
		self.assertFalse(frappe.db.exists("Email Queue Recipient", {"recipient": address}))

	def make_housing_procedure(self) -> str:
		procedure = frappe.copy_doc(frappe.get_doc("Complaint Procedure", LGSCO))
		procedure.procedure_name = f"Housing repairs {self.tag}"
		procedure.procedure_type = "Housing"
		procedure.ombudsman = "Housing Ombudsman"
		procedure.is_active = 1
		return procedure.insert().name

	# -- the acknowledgement ----------------------------------------------------------------

	def test_the_acknowledgement_is_emailed_from_the_portal_with_reference_date_and_link(self):
		complaint = self.complaint(subject="Bins missed <three> weeks")
		with self.set_user("Guest"):  # the portal sends it right after a web submission
			name = send(
				frappe.get_doc("Complaint", complaint.name), "acknowledgement", tracking_link=TRACKING
			)
		comm = self.sent(name)
		self.assertEqual((comm.reference_doctype, comm.reference_name), ("Complaint", complaint.name))
		self.assertEqual(comm.communication_medium, "Email")
		self.assertEqual(comm.recipients, complaint.complainant_email)
		self.assertEqual(comm.subject, f"We have received your complaint ({complaint.name})")
		self.assertIn(
			("Complaint Stage", complaint.current_stage),
			[(link.link_doctype, link.link_name) for link in comm.timeline_links],
		)
		html = self.queued_html(comm)
		for fact in (complaint.name, "19 December 2025", "7 January 2026", TRACKING, "Stage 1"):
			self.assertIn(fact, html)
		# What the public typed is shown as text, never as markup.
		self.assertIn("Bins missed &lt;three&gt; weeks", html)
		self.assertNotIn("<three>", html)

	def test_a_staff_acknowledgement_has_no_tracking_link(self):
		complaint = self.complaint()
		name = send_correspondence(complaint.current_stage, "acknowledgement")
		comm = self.sent(name)
		self.assertIn("7 January 2026", comm.content)
		self.assertNotIn("follow the progress of your complaint online", comm.content)
		self.assertNotIn("{{", comm.content)
		self.assertEqual(frappe.db.get_value("Complaint", complaint.name, "channel"), "Web")

	def test_an_acknowledgement_after_the_response_is_refused(self):
		complaint = self.complaint()
		answer(current_stage(complaint.name), date(2026, 1, 6), "Upheld")
		with self.assertRaises(CorrespondenceNotDueError) as refused:
			send_correspondence(complaint.current_stage, "acknowledgement")
		self.assertIn("answered already", str(refused.exception))

	# -- the stage response ------------------------------------------------------------------

	def test_the_stage_response_gives_the_outcome_per_point_and_how_to_ask_for_stage_2(self):
		complaint = self.complaint()
		stage = answer(
			current_stage(complaint.name),
			date(2026, 1, 6),
			"Partially upheld",
			points=(
				("Collections missed on 3, 10 and 17 December", "Standard of Service", "Upheld"),
				("The call handler was rude", "Officer Behaviour", "Not upheld"),
			),
		)
		stage.response_summary = "The crew missed your street.\nWe have added it to the round."
		stage.save()
		comm = self.sent(send(stage, "stage_response"))
		self.assertEqual((comm.reference_doctype, comm.reference_name), ("Complaint", complaint.name))
		html = self.queued_html(comm)
		for fact in (
			complaint.name,
			"Partially upheld",
			"Collections missed on 3, 10 and 17 December: <strong>Upheld</strong>",
			"The call handler was rude: <strong>Not upheld</strong>",
			"The crew missed your street.<br>We have added it to the round.",
			"(Stage 2)",
		):
			self.assertIn(fact, html)
		self.assertNotIn("Ombudsman", html)

	def test_the_stage_response_gives_the_escalation_deadline_while_the_window_is_open(self):
		complaint = self.complaint(procedure=CHILDRENS)
		stage = answer(current_stage(complaint.name), date(2026, 1, 16), "Not upheld")
		self.assertEqual(getdate(stage.escalation_deadline), date(2026, 2, 13))
		with self.freeze_time("2026-01-19 09:00:00"):
			self.assertEqual([k["kind"] for k in available_kinds(stage.name)], ["stage_response"])
			comm = self.sent(send_correspondence(stage.name, "stage_response"))
			with self.assertRaises(CorrespondenceNotDueError):
				send(stage, "final_response")
		self.assertIn("(Investigation) until <strong>13 February 2026</strong>", comm.content)

	def test_once_the_window_has_closed_it_is_the_final_response(self):
		complaint = self.complaint(procedure=CHILDRENS)
		stage = answer(current_stage(complaint.name), date(2026, 1, 16), "Not upheld")
		with self.freeze_time("2026-02-16 09:00:00"):
			self.assertEqual([k["kind"] for k in available_kinds(stage.name)], ["final_response"])
			with self.assertRaises(CorrespondenceNotDueError) as refused:
				send(stage, "stage_response")
			comm = self.sent(send(stage, "final_response"))
		self.assertIn("until 13 February 2026", str(refused.exception))
		for fact in OMBUDSMAN_LGSCO:
			self.assertIn(fact, comm.content)

	def test_an_investigation_response_lists_each_finding(self):
		complaint, stage = children_case_at(2)
		investigation = frappe.get_doc("Complaint Investigation", {"complaint_stage": stage.name})
		investigation.append(
			"points",
			{
				"point": "The care plan was not reviewed",
				"finding": "Upheld",
				"recommendation": "Review it by March",
			},
		)
		investigation.append(
			"points", {"point": "Contact was cancelled at short notice", "finding": "Not upheld"}
		)
		investigation.save()
		stage = answer(stage, date(2026, 3, 20), "Partially upheld")
		with self.freeze_time("2026-03-23 09:00:00"):
			comm = self.sent(send(stage, "stage_response"))
		self.assertIn(
			"The care plan was not reviewed: <strong>Upheld</strong>. What we will do: Review it by March",
			comm.content,
		)
		self.assertIn("Contact was cancelled at short notice: <strong>Not upheld</strong>", comm.content)
		self.assertIn("(Review panel)", comm.content)

	# -- the final response ------------------------------------------------------------------

	def test_the_final_response_gives_the_lgsco_details_and_time_limit(self):
		complaint, stage = self.lgsco_stage_2()
		self.assertEqual([k["kind"] for k in available_kinds(stage.name)], ["final_response"])
		comm = self.sent(send_correspondence(stage.name, "final_response"))
		self.assertEqual(comm.subject, f"Our final response to your complaint ({complaint.name})")
		html = self.queued_html(comm)
		for fact in (*OMBUDSMAN_LGSCO, "within 12 months", "Partially upheld", complaint.name):
			self.assertIn(fact, html)
		self.assertNotIn("housing-ombudsman", html)

	def test_a_housing_final_response_gives_the_housing_ombudsman(self):
		complaint, stage = self.lgsco_stage_2(procedure=self.make_housing_procedure())
		comm = self.sent(send(stage, "final_response"))
		for fact in (*OMBUDSMAN_HOUSING, "within 12 months of our final response"):
			self.assertIn(fact, comm.content)
		self.assertNotIn("lgo.org.uk", comm.content)

	def test_a_final_response_before_the_response_is_refused(self):
		complaint = self.complaint()
		with self.assertRaises(CorrespondenceNotDueError) as refused:
			send_correspondence(complaint.current_stage, "final_response")
		self.assertIn("has no response yet", str(refused.exception))
		self.assertFalse(frappe.db.exists("Communication", {"reference_name": complaint.name}))

	def test_a_stage_response_on_the_last_stage_is_refused(self):
		complaint, stage = self.lgsco_stage_2()
		with self.assertRaises(CorrespondenceNotDueError) as refused:
			send(stage, "stage_response")
		self.assertIn("last stage", str(refused.exception))

	def test_an_unknown_kind_is_refused(self):
		complaint = self.complaint()
		with self.assertRaises(UnknownCorrespondenceError):
			send_correspondence(complaint.current_stage, "apology")

	# -- the extension notice ----------------------------------------------------------------

	def test_the_extension_notice_gives_the_new_date_and_the_reason(self):
		complaint = self.complaint()
		stage = current_stage(complaint.name)
		with self.assertRaises(CorrespondenceNotDueError):
			send(stage, "extension_notice")  # nothing agreed yet
		stage.add_extension(5, "We are waiting for the crew's <GPS> records.")
		self.assertEqual(
			[k["kind"] for k in available_kinds(stage.name)], ["acknowledgement", "extension_notice"]
		)
		comm = self.sent(send_correspondence(stage.name, "extension_notice"))
		self.assertIn("We are waiting for the crew&#x27;s &lt;GPS&gt; records.", comm.content)
		html = self.queued_html(comm)
		for fact in (
			complaint.name,
			"14 January 2026",
			"7 January 2026",
			"&lt;GPS&gt;",
			*OMBUDSMAN_LGSCO[1:],
		):
			self.assertIn(fact, html)
		self.assertNotIn("<GPS>", html)
		self.assertNotIn("&amp;lt;", html)  # escaped once, not twice

	# -- letters for those who asked for post ------------------------------------------------

	def test_a_letter_preference_gets_a_pdf_letter_and_no_email(self):
		complaint = self.complaint(preferred_contact="Letter", complainant_address=HIGH_STREET)
		with assets_served(), self.set_user("Guest"):
			name = send(
				frappe.get_doc("Complaint", complaint.name), "acknowledgement", tracking_link=TRACKING
			)
		comm = self.sent(name)
		self.assertEqual((comm.reference_doctype, comm.reference_name), ("Complaint", complaint.name))
		self.assertNotEqual(comm.communication_medium, "Email")
		self.assertTrue(comm.has_attachment)
		self.assert_no_email_to(complaint.complainant_email)
		self.assertFalse(frappe.db.exists("Email Queue", {"communication": name}))
		files = frappe.get_all(
			"File",
			filters={"attached_to_doctype": "Communication", "attached_to_name": name},
			fields=["name", "file_name", "is_private"],
		)
		self.assertEqual(len(files), 1)
		self.addCleanup(frappe.delete_doc, "File", files[0].name, ignore_permissions=True, force=True)
		self.assertTrue(files[0].file_name.endswith(".pdf"))
		self.assertTrue(files[0].is_private)
		pdf = frappe.get_doc("File", files[0].name).get_content()
		self.assertTrue(pdf.startswith(b"%PDF"))
		text = " ".join(pdf_text(pdf).split())
		for fact in (
			complaint.name,
			"Alex Resident",
			"14 High Street",
			"MT1 4AB",
			"7 January 2026",
			"write to us",
		):
			self.assertIn(fact, text)
		self.assertNotIn("reply to this email", text)

	def test_a_final_response_letter_carries_the_ombudsman(self):
		complaint, stage = self.lgsco_stage_2()
		complaint.reload()
		complaint.preferred_contact, complaint.complainant_address = "Letter", HIGH_STREET
		complaint.save()
		with assets_served():
			name = send_correspondence(stage.name, "final_response")
		file = frappe.get_doc("File", {"attached_to_doctype": "Communication", "attached_to_name": name})
		self.addCleanup(frappe.delete_doc, "File", file.name, ignore_permissions=True, force=True)
		text = " ".join(pdf_text(file.get_content()).split())
		for fact in (*OMBUDSMAN_LGSCO, "within 12 months", "Partially upheld"):
			self.assertIn(fact, text)
		self.assert_no_email_to(complaint.complainant_email)

	def test_a_letter_without_an_address_is_refused(self):
		complaint = self.complaint(preferred_contact="Letter", complainant_address=None)
		with self.assertRaises(NoContactDetailsError):
			send_correspondence(complaint.current_stage, "acknowledgement")

	def test_the_letter_prints_from_desk_with_the_same_words(self):
		complaint, stage = self.lgsco_stage_2()
		facts = letter_for_print("Complaint Stage", stage.name, "final_response")
		self.assertIn("www.lgo.org.uk", facts["body"])
		with printed_from_desk():
			html = frappe.get_print("Complaint Stage", stage.name, "Complaint Final Response")
		for fact in (*OMBUDSMAN_LGSCO, complaint.name, "Our final response to your complaint"):
			self.assertIn(fact, html)
		# Stage 2 is answered: there is nothing to acknowledge, and the print says so.
		with printed_from_desk(), self.assertRaises(frappe.PrintFormatError) as refused:
			frappe.get_print("Complaint", complaint.name, "Complaint Acknowledgement")
		self.assertIn("answered already", str(refused.exception))

	# -- who may send ------------------------------------------------------------------------

	def test_only_someone_who_may_edit_the_stage_sends(self):
		complaint = self.complaint()
		with self.set_user(self.auditor):
			self.assertEqual(available_kinds(complaint.current_stage), [])
			with self.assertRaises(frappe.PermissionError):
				send_correspondence(complaint.current_stage, "acknowledgement")
		self.assertFalse(frappe.db.exists("Communication", {"reference_name": complaint.name}))
		with self.set_user(self.manager):
			name = send_correspondence(complaint.current_stage, "acknowledgement")
		self.assertEqual(frappe.db.get_value("Communication", name, "reference_name"), complaint.name)

	def test_a_user_who_may_not_print_gets_no_letter(self):
		complaint = self.complaint()
		outsider = make_user(f"corr.outsider.{self.tag}@example.com")
		with self.set_user(outsider), self.assertRaises(frappe.PermissionError):
			letter_for_print("Complaint", complaint.name, "acknowledgement")

	# -- mail arriving in the complaints inbox -----------------------------------------------

	def receive(self, raw: str):
		return InboundMail(raw, frappe.get_doc("Email Account", self.inbox.name)).process()

	def test_an_email_to_the_inbox_becomes_a_complaint_by_email_and_replies_append_to_it(self):
		sender = f"pat.{self.tag}@example.net"
		subject = f"Pothole outside number 12 ({self.tag})"
		raw, first_id = raw_mail(
			f"Pat Resident <{sender}>", self.inbox.email_id, subject, "The pothole has burst my tyre."
		)
		comm = self.receive(raw)
		self.assertEqual(comm.reference_doctype, "Complaint")
		complaint = frappe.get_doc("Complaint", comm.reference_name)
		self.assertEqual(complaint.channel, "Email")
		self.assertEqual((complaint.complainant_email, complaint.complainant_name), (sender, "Pat Resident"))
		self.assertEqual(complaint.subject, subject)
		self.assertEqual(
			complaint.procedure, frappe.db.get_single_value("Complaints Settings", "default_procedure")
		)
		stage = frappe.get_doc("Complaint Stage", complaint.current_stage)
		self.assertEqual((stage.stage_number, stage.workflow_state), (1, "Open"))

		# A reply to the complainant's own mail (In-Reply-To) joins the same complaint.
		reply, _ = raw_mail(sender, self.inbox.email_id, f"Re: {subject}", "Photos attached.", first_id)
		self.assertEqual(self.receive(reply).reference_name, complaint.name)

		# So does a reply to our acknowledgement, and a new mail quoting the reference in its subject.
		ack = frappe.get_doc("Communication", send(complaint, "acknowledgement"))
		reply, _ = raw_mail(
			sender, self.inbox.email_id, f"Re: {ack.subject}", "Thanks.", f"<{ack.message_id}>"
		)
		self.assertEqual(self.receive(reply).reference_name, complaint.name)
		later, _ = raw_mail(sender, self.inbox.email_id, f"More about #{complaint.name}", "It is worse.")
		self.assertEqual(self.receive(later).reference_name, complaint.name)

		self.assertEqual(frappe.db.count("Complaint", {"complainant_email": sender}), 1)
		received = frappe.get_all(
			"Communication",
			filters={
				"reference_doctype": "Complaint",
				"reference_name": complaint.name,
				"sent_or_received": "Received",
			},
			pluck="name",
		)
		self.assertEqual(len(received), 4)
		self.assertEqual(frappe.db.get_value("Complaint", complaint.name, "channel"), "Email")

	def test_an_email_about_a_complaint_logged_by_phone_leaves_its_channel(self):
		sender = f"sam.{self.tag}@example.net"
		complaint = self.complaint(
			channel="Phone", complainant_email=sender, subject=f"Street light out on Mill Lane {self.tag}"
		)
		raw, _ = raw_mail(sender, self.inbox.email_id, f"Re: {complaint.subject}", "Still out tonight.")
		comm = self.receive(raw)
		self.assertEqual(comm.reference_name, complaint.name)
		self.assertEqual(frappe.db.get_value("Complaint", complaint.name, "channel"), "Phone")

	def test_other_communications_are_left_alone(self):
		for doc in (
			frappe._dict(),
			frappe._dict(
				name="x",
				communication_type="Communication",
				communication_medium="Email",
				sent_or_received="Received",
				reference_doctype="Complaint",
				reference_name="COMP-0000-NOPE",
			),
		):
			self.assertIsNone(on_incoming_email(doc))
		todo = frappe.get_doc({"doctype": "ToDo", "description": "Call back"}).insert()
		note = frappe.get_doc(
			{
				"doctype": "Communication",
				"communication_medium": "Email",
				"sent_or_received": "Received",
				"subject": "Unrelated",
				"sender": "someone@example.net",
				"reference_doctype": "ToDo",
				"reference_name": todo.name,
			}
		).insert(ignore_permissions=True)
		self.assertEqual(note.reference_name, todo.name)
