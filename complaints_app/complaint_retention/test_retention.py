# Copyright (c) 2026, complaints_app contributors
# See license.txt
"""Retention on a real site: the 2018/19 council anonymised on Monday 30 June 2025.

Every case below was received in 2017-2019 under a service-area tree made for this suite. Each
complainant's personal data carries a marker unique to the case and the run, so the search for
it after the job reads the whole database tables, not a few chosen fields.

========== ============ ========== ================================================================
case       procedure    closed on  what it has
========== ============ ========== ================================================================
upheld     LGSCO (6 y)  2018-05-15 sent from the portal by a signed-in complainant; every personal
                                   field, a pause and an extension, theme outcomes, an attachment,
                                   a leaflet shared with the held case, an email with an attached
                                   letter, a note filed only on the stage's timeline, a comment, an
                                   edit (a Version), queued email, a bell notification and its
                                   alert, a portal token, an Ombudsman enquiry upheld with a £300
                                   remedy
childrens  children's   2018-11-01 three stages: an investigation with a point and its root cause,
                                   an accepted request for the next stage, a review panel with
                                   recommendations
withdrawn  LGSCO        2018-07-20 withdrawn, with the complainant's reason
remit      LGSCO        2018-08-01 out of remit at intake, with the reason
previous   LGSCO        2017-06-12 the previous period's case
held       LGSCO        2018-09-10 under a legal hold: every field, file and note must stay
not_due    LGSCO        2019-09-02 due on 2 September 2025, after the run
for_ever   calendar (0) 2018-10-08 its procedure keeps complaints for ever
open       LGSCO        -          received 5 November 2018, never answered
========== ============ ========== ================================================================

The job runs twice on 30 June 2025 in ``setUpClass``; the tests read what it left.
"""

from __future__ import annotations

import importlib
import json
import os
from datetime import date
from pathlib import Path
from unittest.mock import patch

import frappe
from frappe.desk.query_report import run as run_report
from frappe.query_builder import DocType
from frappe.tests.utils import FrappeTestCase
from frappe.utils import escape_html, getdate
from pypika import Table
from pypika.terms import Criterion

from complaints_app.alerts.testing import AlertTestMixin
from complaints_app.complaint_retention import policy, retention
from complaints_app.complaint_retention.errors import RetentionLogChangeError
from complaints_app.complaint_retention.report.complaints_due_for_anonymisation import (
	complaints_due_for_anonymisation as dry_run_report,
)
from complaints_app.complaints.testing import (
	CALENDAR_DAYS,
	CHILDRENS,
	LGSCO,
	current_stage,
	make_complaint,
	make_service_area,
	make_user,
	respond,
)

PERIOD = {"from_date": "2018-04-01", "to_date": "2019-03-31"}
PREVIOUS_PERIOD = {"from_date": "2017-04-01", "to_date": "2018-03-31"}
RUN_ON = "2025-06-30 08:00:00"  # Monday 30 June 2025
AS_AT = date(2025, 6, 30)
ANONYMISED = ("upheld", "childrens", "withdrawn", "remit", "previous")
UNTOUCHED = ("held", "not_due", "for_ever", "open")
REPORT_PACKAGES = ("complaint_statistics", "complaint_feedback")
PERSON_ACCOUNTS = ("User", "Contact")
# Everywhere a complainant's words could be left: the case's tables and Frappe's own.
SEARCHED = (
	*policy.POLICIES,
	*policy.DELETED_RECORD_DOCTYPES,
	*policy.DELETED_WITH_THE_CASE,
	"Complaint Retention Log",
	"Complaint Contact Key",
	"Deleted Document",
)


def report_modules():
	"""Every script report of the statistics and feedback modules (feedback's, once they exist)."""
	for package in REPORT_PACKAGES:
		base = Path(frappe.get_app_path("complaints_app", package, "report"))
		if not base.is_dir():
			continue
		for folder in sorted(base.iterdir()):
			if (folder / f"{folder.name}.py").exists():
				yield importlib.import_module(f"complaints_app.{package}.report.{folder.name}.{folder.name}")


def rows_mentioning(doctype: str, text: str) -> list[str]:
	"""Names of the rows of ``doctype`` with ``text`` in any column.

	Comments on the complainant's own user account or contact are left out: the account is the
	person's, not the case's, and retention leaves it alone (it may serve later complaints).
	"""
	t = DocType(doctype)
	columns = frappe.db.get_table_columns(doctype)
	query = frappe.qb.from_(t).select(t.name).where(Criterion.any([t[c].like(f"%{text}%") for c in columns]))
	if doctype == "Comment":
		query = query.where(t.reference_doctype.notin(PERSON_ACCOUNTS))
	return query.run(pluck=True)


def in_global_search(text: str) -> int:
	g = Table("__global_search")
	return len(frappe.qb.from_(g).select(g.name).where(g.content.like(f"%{text}%")).run())


class TestRetention(AlertTestMixin, FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.run_id = run = cls.start_run()
		cls.root = make_service_area(f"Retention Council {run}")
		cls.area = make_service_area(f"Retention Housing {run}", parent=cls.root)
		cls.officer = make_user(f"retention.officer.{run}@example.com", "Complaints Officer")
		cls.cases, cls.markers, cls.phones, cls.texts = {}, {}, {}, {}
		cls.build_council()
		cls.files_on_disk = {key: cls.disk_paths(name) for key, name in cls.cases.items()}
		cls.before = cls.all_reports()
		cls.dry_run_before = dry_run_report.execute({"as_at": AS_AT})
		cls.held_before = cls.everything_of(cls.cases["held"])
		cls.untouched_before = {key: cls.everything_of(cls.cases[key]) for key in UNTOUCHED}
		cls.modified_before = cls.modified_of_records()
		with cls.freeze_time(cls, RUN_ON):
			cls.first = retention.run_daily()
			cls.state_after_first = cls.state()
			cls.second = retention.run_daily()
			cls.state_after_second = cls.state()
		cls.after = cls.all_reports()
		cls.dry_run_after = dry_run_report.execute({"as_at": AS_AT})
		cls.held_after = cls.everything_of(cls.cases["held"])
		cls.untouched_after = {key: cls.everything_of(cls.cases[key]) for key in UNTOUCHED}

	# -- the council ------------------------------------------------------------------------

	@classmethod
	def marker(cls, key: str) -> str:
		return f"qz{key}{cls.run_id}".lower()

	@classmethod
	def person(cls, key: str) -> dict:
		"""A complainant whose every detail carries this case's marker."""
		marker = cls.marker(key)
		# Distinct for each case of the run, different from run to run.
		phone = f"07700 9{(int(cls.run_id, 36) + len(cls.phones)) % 100000:05d}"
		cls.markers[key], cls.phones[key] = marker, phone
		return {
			"complainant_name": f"Rowena Quill {marker}",
			"complainant_email": f"{marker}@example.com",
			"complainant_phone": phone,
			"complainant_address": f"4 Elm Road, {marker}, DE1 1AA",
			"summary": f"My son {marker} has had no care plan since March.",
			"desired_outcome": f"A meeting with {marker}'s social worker.",
			"subject": f"Care plan for {marker}",
			"on_behalf_of": 1,
			"person_affected": f"Tom Quill {marker}",
			"relationship": f"Mother of {marker}",
			"consent": "Parental responsibility",
			"advocate_offered": 1,
			"advocate_name": f"Ada Advocate {marker}",
			"advocate_contact": f"advocate.{marker}@example.com",
			"reasonable_adjustments": f"Large print letters for {marker}",
			"vulnerability_notes": f"{marker} is a carer",
			"adjustments_review_date": "2018-12-01",
		}

	@classmethod
	def case(
		cls, key, procedure, received, ack=None, responded=None, outcome=None, theme="Communication", **more
	):
		complaint = make_complaint(
			procedure=procedure,
			service_area=cls.area,
			theme=theme,
			received_at=f"{received} 10:00:00",
			**{**cls.person(key), **more},
		)
		cls.cases[key] = complaint.name
		if frappe.db.get_value("Complaint", complaint.name, "current_stage"):
			stage = current_stage(complaint.name)
			if ack:
				stage.acknowledged_on = ack
				stage.save()
			if responded:
				respond(stage, responded, outcome)
		return complaint

	@classmethod
	def build_council(cls):
		cls.build_upheld()
		cls.build_childrens()
		withdrawn = cls.case("withdrawn", LGSCO, "2018-07-02", "2018-07-03")
		withdrawn.reload()
		withdrawn.close_with("Withdrawn", f"{cls.markers['withdrawn']} has moved to Leeds.")
		frappe.db.set_value("Complaint", withdrawn.name, "closed_on", "2018-07-20")
		cls.case(
			"remit",
			LGSCO,
			"2018-08-01",
			out_of_remit=1,
			out_of_remit_reason=f"A parking fine; {cls.marker('remit')} was told of the tribunal.",
		)
		frappe.db.set_value("Complaint", cls.cases["remit"], "closed_on", "2018-08-01")
		cls.case("previous", LGSCO, "2017-06-05", "2017-06-06", "2017-06-12", "Not upheld")
		cls.build_held()
		cls.case("not_due", LGSCO, "2019-08-27", "2019-08-28", "2019-09-02", "Upheld")
		frappe.db.set_value("Complaint Procedure", CALENDAR_DAYS, "retention_years", 0)
		cls.case("for_ever", CALENDAR_DAYS, "2018-10-01", None, "2018-10-08", "Not upheld")
		cls.case("open", LGSCO, "2018-11-05", "2018-11-06")

	@classmethod
	def build_upheld(cls):
		complaint = cls.case("upheld", LGSCO, "2018-05-08")
		marker, name = cls.markers["upheld"], complaint.name
		# Sent from the portal by a signed-in complainant: their user id owns the complaint and its stage.
		portal_user = frappe.get_doc(
			{
				"doctype": "User",
				"email": f"{marker}@example.com",
				"first_name": "Rowena",
				"user_type": "Website User",
				"send_welcome_email": 0,
			}
		).insert(ignore_permissions=True)
		frappe.db.set_value("Complaint", name, "complainant_user", portal_user.name, update_modified=False)
		for doctype, record in (("Complaint", name), ("Complaint Stage", current_stage(name).name)):
			t = DocType(doctype)
			frappe.qb.update(t).set(t.owner, portal_user.name).where(t.name == record).run()
		complaint = frappe.get_doc("Complaint", name)
		complaint.complainant_address = f"12 New Street, {marker}, DE1 2BB"
		complaint.save(
			ignore_version=False
		)  # a Version with the old and new address (tests skip it by default)
		complaint.add_comment("Comment", f"Phoned {marker} on {cls.phones['upheld']}")
		cls.attach(f"{marker}-photo.txt", "Complaint", name, b"photo of the flat", field="evidence_1")
		# The same leaflet is attached to the held case too: Frappe stores it once, and it must stay.
		cls.shared_url = frappe.db.get_value(
			"File", cls.attach("leaflet.txt", "Complaint", name, cls.leaflet()), "file_url"
		)
		stage = current_stage(name)
		stage.acknowledged_on = "2018-05-09"
		stage.append(
			"pauses", {"from_date": "2018-05-10", "to_date": "2018-05-11", "reason": f"{marker} in hospital"}
		)
		stage.append(
			"extensions",
			{
				"days": 2,
				"reason": f"{marker} asked for time",
				"agreed_by": "Administrator",
				"agreed_on": "2018-05-10",
			},
		)
		stage.save(ignore_version=False)
		stage.reload()
		stage.append(
			"theme_outcomes", {"point": f"{marker}'s calls", "theme": "Communication", "outcome": "Upheld"}
		)
		stage.response_summary = f"We apologise to {marker}."
		stage.save(ignore_version=False)
		respond(stage, "2018-05-15", "Upheld")
		email = cls.communication(
			name, f"Re: {marker}", f"Dear {marker}, your complaint...", reference=("Complaint", name)
		)
		cls.attach(f"letter-{marker}.txt", "Communication", email, b"the letter")
		timeline_only = cls.communication(
			name, f"Call note {marker}", f"{marker} phoned", links=[("Complaint Stage", stage.name)]
		)
		cls.elsewhere = cls.communication(
			name,
			"Council-wide note",
			"not about anyone",
			reference=("User", "Administrator"),
			links=[("Complaint", name)],
			sender=("complaints@example.com", "Complaints Team"),
		)
		cls.timeline_only = timeline_only
		frappe.sendmail(
			recipients=[f"{marker}@example.com"],
			subject=f"Your complaint, {marker}",
			message=f"Dear {marker}",
			reference_doctype="Complaint",
			reference_name=name,
			now=False,
		)
		notification = frappe.get_doc(
			{
				"doctype": "Notification Log",
				"for_user": "Administrator",
				"type": "Alert",
				"document_type": "Complaint",
				"document_name": name,
				"subject": f"New complaint {name}: Care plan for {marker}",
			}
		).insert(ignore_permissions=True)
		frappe.get_doc(
			{
				"doctype": "Complaint Alert",
				"alert_key": f"retention-{name}",
				"kind": "New case",
				"recipient": "Administrator",
				"sent_on": "2018-05-08",
				"reference_doctype": "Complaint",
				"reference_name": name,
				"complaint": name,
				"subject": f"New complaint {name}: Care plan for {marker}",
				"notification": notification.name,
			}
		).insert(ignore_permissions=True)
		frappe.get_doc(
			{
				"doctype": "Complaint Access Token",
				"complaint": name,
				"token_hash": frappe.generate_hash(length=40),
				"issued_to": f"{marker}@example.com",
				"expires_on": "2018-08-08",
			}
		).insert(ignore_permissions=True)
		cls.remedy = f"Apologise to {marker} and pay £300 for the distress."
		enquiry = frappe.get_doc(
			{
				"doctype": "Ombudsman Enquiry",
				"ombudsman": "LGSCO",
				"ombudsman_reference": f"18 004 {cls.run_id}",
				"complaint": name,
				"received_on": "2018-10-01",
				"enquiry_type": "Detailed investigation",
				"decision": "Upheld: maladministration and injustice",
				"decision_date": "2018-12-03",
				"remedy": cls.remedy,
				"recommendations": [
					{
						"recommendation": f"Pay {marker} £300",
						"due_date": "2019-01-03",
						"completed_on": "2018-12-20",
						"evidence": f"Bank transfer to {marker}",
					}
				],
			}
		).insert()
		cls.enquiry = enquiry.name

	@classmethod
	def build_childrens(cls):
		complaint = cls.case(
			"childrens",
			CHILDRENS,
			"2018-06-04",
			"2018-06-05",
			"2018-06-15",
			"Not upheld",
			theme="Service Decision",
		)
		marker, name = cls.markers["childrens"], complaint.name
		first_stage = complaint.reload().current_stage
		second = complaint.escalate(handler=cls.officer, requested_at="2018-06-20 09:00:00")
		frappe.get_doc(
			{
				"doctype": "Complaint Escalation Request",
				"complaint": name,
				"from_stage": first_stage,
				"requested_at": "2018-06-20 09:00:00",
				"reasons": f"{marker} was not listened to",
				"status": "Accepted",
				"handler": cls.officer,
				"opened_stage": second.name,
			}
		).insert(ignore_permissions=True)
		investigation = frappe.get_doc("Complaint Investigation", {"complaint_stage": second.name})
		cls.root_cause = (
			frappe.get_doc(
				{"doctype": "Complaint Root Cause", "root_cause_name": f"Care plan not reviewed {cls.run_id}"}
			)
			.insert(ignore_permissions=True)
			.name
		)
		frappe.db.set_value("Complaint", name, "root_cause", cls.root_cause, update_modified=False)
		investigation.append(
			"points",
			{
				"point": f"{marker}'s plan was late",
				"finding": "Upheld",
				"recommendation": f"Review {marker}'s plan",
				"root_cause": cls.root_cause,
			},
		)
		investigation.statement_agreed_on = "2018-06-25"
		investigation.save()
		respond(second, "2018-09-03", "Partially upheld")
		complaint.reload()
		panel_stage = complaint.escalate(handler="Administrator", requested_at="2018-09-20 09:00:00")
		panel = frappe.get_doc("Complaint Review Panel", {"complaint_stage": panel_stage.name})
		for member, chair in (("Pat Chair", 1), ("Sam Member", 0), ("Jo Member", 0)):
			panel.append("members", {"member_name": member, "is_chair": chair})
		panel.panel_date = "2018-10-15"
		panel.investigation_adequate = "Yes"
		cls.recommendations = f"Apologise to {marker} in writing and review the plan."
		panel.recommendations = cls.recommendations
		panel.save()
		respond(panel_stage, "2018-11-01", "Upheld")

	@classmethod
	def build_held(cls):
		held = cls.case("held", LGSCO, "2018-09-03", "2018-09-04", "2018-09-10", "Not upheld")
		marker = cls.markers["held"]
		frappe.db.set_value(
			"Complaint", held.name, {"legal_hold": 1, "legal_hold_reason": "Claim in the county court"}
		)
		held.add_comment("Comment", f"Solicitor for {marker} called")
		cls.attach(f"{marker}-evidence.txt", "Complaint", held.name, b"held evidence", field="evidence_1")
		cls.attach("leaflet.txt", "Complaint", held.name, cls.leaflet())
		cls.communication(held.name, f"Re: {marker}", f"Dear {marker}", reference=("Complaint", held.name))

	@classmethod
	def leaflet(cls) -> bytes:
		return f"How to complain ({cls.run_id})".encode()

	@classmethod
	def attach(cls, file_name, doctype, name, content, field=None) -> str:
		saved = frappe.get_doc(
			{
				"doctype": "File",
				"file_name": file_name,
				"attached_to_doctype": doctype,
				"attached_to_name": name,
				"attached_to_field": field,
				"is_private": 1,
				"content": content,
			}
		).insert(ignore_permissions=True)
		if field:
			frappe.db.set_value(doctype, name, field, saved.file_url, update_modified=False)
		return saved.name

	@classmethod
	def communication(cls, complaint, subject, content, reference=(None, None), links=(), sender=None) -> str:
		marker = next(m for k, m in cls.markers.items() if cls.cases.get(k) == complaint)
		sender = sender or (f"{marker}@example.com", f"Rowena Quill {marker}")
		comm = frappe.get_doc(
			{
				"doctype": "Communication",
				"communication_type": "Communication",
				"communication_medium": "Email",
				"sent_or_received": "Received",
				"sender": sender[0],
				"sender_full_name": sender[1],
				"subject": subject,
				"content": content,
				"reference_doctype": reference[0],
				"reference_name": reference[1],
			}
		)
		for doctype, name in links:
			comm.add_link(doctype, name)
		comm.insert(ignore_permissions=True)
		return comm.name

	# -- what the tests compare ---------------------------------------------------------------

	@classmethod
	def all_reports(cls) -> dict:
		"""Every report's full output for the period and the previous year, each stage where it has one."""
		out = {}
		for module in report_modules():
			for period in (PERIOD, PREVIOUS_PERIOD):
				for extra in ({}, {"stage_number": 2}, {"stage_number": 3}, {"transpose": 1}):
					filters = frappe._dict({**period, "service_area": cls.root, **extra})
					key = (module.__name__, period["from_date"], tuple(sorted(extra.items())))
					out[key] = json.loads(frappe.as_json(module.execute(filters)))
		return out

	@classmethod
	def records_of(cls, complaint: str) -> dict[str, list[str]]:
		return retention.footprints([complaint])[complaint].records

	@classmethod
	def everything_of(cls, complaint: str) -> dict:
		"""Every row of the complaint, its records and children, and Frappe's records about them."""
		footprint = retention.footprints([complaint])[complaint]
		out = {}
		for doctype, names in footprint.records.items():
			out[doctype] = frappe.get_all(
				doctype, filters={"name": ["in", names]}, fields=["*"], order_by="name"
			)
		for record_policy in policy.CASE_POLICIES:
			if record_policy.link == "parent":
				out[record_policy.doctype] = frappe.get_all(
					record_policy.doctype,
					filters={"parent": ["in", footprint.records.get(record_policy.parent, [""])]},
					fields=["*"],
					order_by="name",
				)
		for doctype, names in (
			("Communication", footprint.communications),
			("File", [f.name for f in footprint.files]),
			("Comment", footprint.comments),
			("Version", footprint.versions),
			("Email Queue", footprint.email_queue),
		):
			out[doctype] = frappe.get_all(
				doctype, filters={"name": ["in", names or [""]]}, fields=["*"], order_by="name"
			)
		return json.loads(frappe.as_json(out))

	@classmethod
	def modified_of_records(cls) -> dict:
		out = {}
		for complaint in cls.cases.values():
			for doctype, names in cls.records_of(complaint).items():
				if doctype in policy.DELETED_RECORD_DOCTYPES:
					continue
				for name in names:
					out[(doctype, name)] = str(frappe.db.get_value(doctype, name, "modified"))
		return out

	@classmethod
	def state(cls) -> dict:
		"""Everything of every case, the logs, and the site's count of each kind the job deletes."""
		return {
			"cases": {key: cls.everything_of(name) for key, name in cls.cases.items()},
			"modified": cls.modified_of_records(),
			"logs": frappe.get_all("Complaint Retention Log", fields=["*"], order_by="name"),
			"counts": {d: frappe.db.count(d) for d in policy.DELETED_WITH_THE_CASE},
		}

	@classmethod
	def disk_paths(cls, complaint: str) -> list[str]:
		files = retention.footprints([complaint])[complaint].files
		return [frappe.get_doc("File", f.name).get_full_path() for f in files]

	def log_of(self, key: str):
		return frappe.get_doc("Complaint Retention Log", {"complaint": self.cases[key]})

	# -- the statistics -----------------------------------------------------------------------

	def test_every_report_gives_identical_cells_after_anonymisation(self):
		self.assertGreaterEqual(len({key[0] for key in self.before}), 7, "all seven statistics reports ran")
		self.assertEqual(set(self.before), set(self.after))
		quoted = escape_html(self.recommendations)
		for key, before in self.before.items():
			columns, data, message, chart, summary = before
			after = self.after[key]
			self.assertEqual(after[0], columns, f"columns of {key}")
			self.assertEqual(after[1], data, f"cells of {key}")
			self.assertEqual(after[3], chart, f"chart of {key}")
			self.assertEqual(after[4], summary, f"summary of {key}")
			# Review Panels quotes the panel's recommendations under its table: only those words change.
			self.assertEqual(
				after[2], (message or "").replace(quoted, "Anonymised") or message, f"note of {key}"
			)

	def test_the_council_is_really_in_the_reports(self):
		"""The comparison above is of figures, not of empty tables."""
		key = (
			"complaints_app.complaint_statistics.report.complaints_by_theme_and_outcome.complaints_by_theme_and_outcome",
			"2018-04-01",
			(),
		)
		rows = {row["outcome"]: row for row in self.after[key][1]}
		# upheld, childrens, withdrawn, remit, held, for_ever, open (not_due and previous are in other years)
		self.assertEqual(rows["Total received"]["total"], 7)
		self.assertEqual(rows["Total received"]["previous_total"], 1)
		self.assertEqual(rows["Upheld"]["total"], 1)
		panels = ("complaints_app.complaint_statistics.report.review_panels.review_panels", "2018-04-01", ())
		measures = {row["measure"]: row["current"] for row in self.after[panels][1]}
		self.assertEqual(measures["Panels that made recommendations"], "1")
		self.assertIn(escape_html(self.recommendations), self.before[panels][2])
		self.assertNotIn(self.markers["childrens"], self.after[panels][2])
		causes = (
			"complaints_app.complaint_statistics.report.complaints_by_root_cause.complaints_by_root_cause",
			"2018-04-01",
			(),
		)
		rows = {row["root_cause"]: row for row in self.after[causes][1]}
		self.assertEqual((rows[self.root_cause]["complaints"], rows[self.root_cause]["points"]), (1, 1))

	# -- the job's counts and its audit record --------------------------------------------------

	def test_the_first_run_anonymises_the_five_past_their_period(self):
		self.assertEqual(self.first["anonymised"], len(ANONYMISED), self.first)
		self.assertEqual(self.first["held"], 1)
		self.assertEqual(self.first["failed"], 0)
		self.assertEqual(
			self.first["files_deleted"], 2
		)  # from disk: the photo and the letter, not the leaflet
		for key in ANONYMISED:
			self.assertEqual(
				str(frappe.db.get_value("Complaint", self.cases[key], "anonymised_on")), "2025-06-30", key
			)
		for key in UNTOUCHED:
			self.assertIsNone(frappe.db.get_value("Complaint", self.cases[key], "anonymised_on"), key)

	def test_running_twice_changes_nothing(self):
		self.assertEqual(self.second["anonymised"], 0, self.second)
		self.assertEqual(self.second["failed"], 0)
		self.assertEqual(self.second["files_deleted"], 0)
		self.assertEqual(self.state_after_second, self.state_after_first)

	def test_rewritten_without_saving(self):
		"""No save: no modified timestamp moves, and no Version is written with the old values."""
		self.assertEqual(self.state_after_first["modified"], self.modified_before)

	def test_the_audit_record_says_what_when_and_under_which_rule(self):
		log = self.log_of("upheld")
		self.assertEqual(log.name, f"RET-{self.cases['upheld']}")
		self.assertEqual(log.procedure, LGSCO)
		self.assertEqual(log.retention_years, 6)
		self.assertEqual(log.rule, f"{LGSCO}: 6 years after closure")
		self.assertEqual(str(log.closed_on), "2018-05-15")
		self.assertEqual(str(log.due_on), "2024-05-15")
		self.assertEqual(str(log.anonymised_on), "2025-06-30")
		self.assertEqual(str(log.run_at)[:10], "2025-06-30")
		self.assertEqual(log.files_deleted, 3)
		self.assertEqual(log.communications_deleted, 2)  # the email, and the note filed only on the stage
		details = json.loads(log.details)
		self.assertIn("complainant_email", details["fields"]["Complaint"])
		self.assertIn("complainant_name", details["fields"]["Complaint"])
		self.assertEqual(details["fields"]["Ombudsman Enquiry"], ["remedy"])
		self.assertEqual(details["deleted"]["Complaint Access Token"], 1)
		self.assertGreaterEqual(details["deleted"]["Version"], 1)
		self.assertIn("Complaint Stage Pause: 1 anonymised (reason)", log.what_was_anonymised)
		self.assertNotIn(self.markers["upheld"], log.as_json())
		self.assertEqual(
			frappe.db.count(
				"Complaint Retention Log", {"complaint": ["in", [self.cases[k] for k in self.cases]]}
			),
			len(ANONYMISED),
		)

	def test_the_audit_record_cannot_be_changed_or_repeated(self):
		log = self.log_of("withdrawn")
		log.files_deleted = 5
		with self.assertRaises(RetentionLogChangeError):
			log.save(ignore_permissions=True)
		duplicate = frappe.get_doc(
			{"doctype": "Complaint Retention Log", "complaint": self.cases["withdrawn"]}
		)
		with self.assertRaises(frappe.DuplicateEntryError):
			duplicate.insert(ignore_permissions=True)

	def test_only_a_system_manager_may_delete_the_audit_record(self):
		log = self.log_of("previous")
		manager = make_user(f"retention.manager.{self.run_id}@example.com", "Complaints Manager")
		auditor = make_user(f"retention.auditor.{self.run_id}@example.com", "Complaints Auditor")
		officer = self.officer
		admin = make_user(f"retention.sysman.{self.run_id}@example.com", "System Manager")
		self.assertTrue(frappe.has_permission("Complaint Retention Log", "read", log, user=manager))
		self.assertTrue(frappe.has_permission("Complaint Retention Log", "read", log, user=auditor))
		self.assertFalse(frappe.has_permission("Complaint Retention Log", "read", log, user=officer))
		self.assertFalse(frappe.has_permission("Complaint Retention Log", "write", log, user=manager))
		self.assertFalse(frappe.has_permission("Complaint Retention Log", "delete", log, user=manager))
		self.assertFalse(frappe.has_permission("Complaint Retention Log", "create", user=manager))
		self.assertTrue(frappe.has_permission("Complaint Retention Log", "delete", log, user=admin))

	# -- what is kept and what is gone ----------------------------------------------------------

	def test_the_complaint_keeps_its_statistics_and_loses_the_person(self):
		row = frappe.db.get_value("Complaint", self.cases["upheld"], "*", as_dict=True)
		self.assertEqual(row.subject, f"Anonymised complaint {row.name}")
		self.assertEqual(row.owner, "Guest")  # was the complainant's portal user id
		self.assertEqual(frappe.db.get_value("Complaint Stage", row.current_stage, "owner"), "Guest")
		self.assertEqual(frappe.db.get_value("Complaint", self.cases["childrens"], "owner"), "Administrator")
		self.assertEqual(row.complainant_name, "Anonymised")
		self.assertEqual(row.summary, "Anonymised")
		for fieldname in (
			"complainant_email",
			"complainant_phone",
			"complainant_address",
			"complainant_user",
			"advocate_contact",
			"evidence_1",
			"adjustments_review_date",
		):
			self.assertIsNone(row.get(fieldname), fieldname)
		self.assertEqual(
			(row.procedure, row.service_area, row.theme, row.status, row.final_outcome, str(row.closed_on)),
			(LGSCO, self.area, "Communication", "Closed", "Upheld", "2018-05-15"),
		)
		self.assertEqual(
			(row.on_behalf_of, row.advocate_offered, row.consent), (1, 1, "Parental responsibility")
		)
		stage = frappe.db.get_value("Complaint Stage", row.current_stage, "*", as_dict=True)
		self.assertEqual(
			(str(stage.responded_on), stage.outcome, stage.stage_number), ("2018-05-15", "Upheld", 1)
		)
		self.assertEqual(stage.response_summary, "Anonymised")
		outcome = frappe.get_all(
			"Complaint Theme Outcome", {"parent": stage.name}, ["point", "theme", "outcome"]
		)
		self.assertEqual(outcome, [{"point": "Anonymised", "theme": "Communication", "outcome": "Upheld"}])

	def test_the_ombudsman_decision_and_the_sums_paid_are_kept(self):
		enquiry = frappe.get_doc("Ombudsman Enquiry", self.enquiry)
		self.assertEqual(enquiry.decision, "Upheld: maladministration and injustice")
		self.assertEqual(str(enquiry.decision_date), "2018-12-03")
		self.assertEqual(enquiry.remedy, "Anonymised. Amounts: £300.")
		self.assertEqual(enquiry.recommendations[0].recommendation, "Anonymised. Amounts: £300.")
		self.assertEqual(enquiry.recommendations[0].evidence, "Anonymised")
		self.assertEqual(str(enquiry.recommendations[0].completed_on), "2018-12-20")

	def test_an_anonymised_complaint_still_opens_and_saves(self):
		complaint = frappe.get_doc("Complaint", self.cases["childrens"])
		complaint.save()  # every required field still has a value
		self.assertEqual(complaint.complainant_name, "Anonymised")

	def test_personal_data_is_gone_from_every_table(self):
		for key in ANONYMISED:
			for text in (self.markers[key], self.phones[key]):
				for doctype in SEARCHED:
					self.assertEqual(rows_mentioning(doctype, text), [], f"{key}: {text} in {doctype}")
				self.assertEqual(in_global_search(text), 0, f"{key}: {text} in the global search")

	def test_the_files_are_deleted_from_disk_unless_another_case_shares_them(self):
		paths = self.files_on_disk["upheld"]
		self.assertEqual(len(paths), 3)
		shared = [p for p in paths if p.endswith(self.shared_url.rsplit("/", 1)[-1])]
		self.assertEqual(len(shared), 1)
		for path in paths:
			self.assertEqual(os.path.exists(path), path in shared, path)
		self.assertEqual(self.log_of("upheld").files_deleted, 3)  # its three File records

	def test_a_note_filed_elsewhere_stays_but_leaves_the_complaints_timeline(self):
		self.assertTrue(frappe.db.exists("Communication", self.elsewhere))
		self.assertFalse(
			frappe.db.exists(
				"Communication Link", {"parent": self.elsewhere, "link_name": self.cases["upheld"]}
			)
		)
		self.assertFalse(frappe.db.exists("Communication", self.timeline_only))

	def test_a_held_complaint_is_untouched(self):
		self.assertEqual(self.held_after, self.held_before)
		self.assertEqual(
			self.held_after["Complaint"][0]["complainant_name"], f"Rowena Quill {self.markers['held']}"
		)
		self.assertEqual(len(self.held_after["File"]), 2)
		self.assertEqual(len(self.held_after["Communication"]), 1)
		self.assertTrue(self.held_after["Comment"])
		for path in self.files_on_disk["held"]:
			self.assertTrue(os.path.exists(path), path)
		self.assertFalse(frappe.db.exists("Complaint Retention Log", {"complaint": self.cases["held"]}))

	def test_complaints_not_due_are_untouched(self):
		for key in UNTOUCHED:
			self.assertEqual(self.untouched_after[key], self.untouched_before[key], key)
			self.assertTrue(rows_mentioning("Complaint", self.markers[key]), key)

	# -- the dry run ----------------------------------------------------------------------------

	def dry_run_rows(self, output) -> dict[str, dict]:
		mine = {name: key for key, name in self.cases.items()}
		return {mine[row["complaint"]]: row for row in output[1] if row["complaint"] in mine}

	def test_the_dry_run_lists_what_the_job_then_did(self):
		rows = self.dry_run_rows(self.dry_run_before)
		self.assertEqual(set(rows), {*ANONYMISED, "held"})
		upheld = rows["upheld"]
		self.assertEqual(upheld["action"], "Anonymise")
		self.assertEqual((upheld["procedure"], upheld["retention_years"]), (LGSCO, 6))
		self.assertEqual((str(upheld["closed_on"]), str(upheld["due_on"])), ("2018-05-15", "2024-05-15"))
		# the complaint, its stage, its Ombudsman enquiry and its portal token
		self.assertEqual(upheld["records"], 4)
		for key in ANONYMISED:
			log = self.log_of(key)
			self.assertEqual(rows[key]["files"], log.files_deleted, key)
			self.assertEqual(rows[key]["communications"], log.communications_deleted, key)
		self.assertEqual(
			rows["childrens"]["records"], 1 + 3 + 1 + 1 + 1
		)  # stages, investigation, panel, request

	def test_the_dry_run_shows_a_held_complaint_as_excluded(self):
		held = self.dry_run_rows(self.dry_run_before)["held"]
		self.assertEqual(held["action"], "Excluded: legal hold")
		self.assertEqual(held["legal_hold_reason"], "Claim in the county court")
		self.assertEqual(set(self.dry_run_rows(self.dry_run_after)), {"held"})
		summary = {item["label"]: item["value"] for item in self.dry_run_after[4]}
		self.assertEqual(summary["To anonymise"], 0)

	def test_the_dry_run_looks_ahead(self):
		"""On 2 September 2025 the not-due case joins; a wrong date is refused."""
		rows = self.dry_run_rows(dry_run_report.execute({"as_at": "2025-09-02"}))
		self.assertEqual(set(rows), {"held", "not_due"})
		self.assertEqual(set(self.dry_run_rows(dry_run_report.execute({"as_at": "2025-09-01"}))), {"held"})
		with self.assertRaises(frappe.ValidationError):
			dry_run_report.execute({"as_at": "2025-13-45"})
		with self.assertRaises(frappe.ValidationError):
			dry_run_report.execute({"as_at": "2025-09-02", "procedure": "No such procedure"})

	def test_the_dry_run_is_for_managers_auditors_and_system_managers_only(self):
		service_manager = make_user(f"retention.sm.{self.run_id}@example.com", "Service Manager")
		auditor = make_user(f"retention.auditor.{self.run_id}@example.com", "Complaints Auditor")
		try:
			frappe.set_user(service_manager)
			with self.assertRaises(frappe.PermissionError):
				run_report(dry_run_report.REPORT, filters={"as_at": "2025-06-30"})
			with self.assertRaises(frappe.PermissionError):
				dry_run_report.execute({"as_at": "2025-06-30"})
			frappe.set_user(self.officer)
			with self.assertRaises(frappe.PermissionError):
				dry_run_report.execute({"as_at": "2025-06-30"})
			frappe.set_user(auditor)
			result = run_report(dry_run_report.REPORT, filters={"as_at": "2025-06-30"})
			self.assertIn(self.cases["held"], [row["complaint"] for row in result["result"]])
		finally:
			frappe.set_user("Administrator")

	# -- one bad record --------------------------------------------------------------------------

	def test_one_failing_complaint_is_logged_rolled_back_and_the_rest_go_on(self):
		good = make_complaint(
			service_area=self.area, received_at="2018-04-03 10:00:00", complainant_name=f"Good {self.run_id}"
		)
		respond(current_stage(good.name), "2018-04-10", "Not upheld")
		bad = make_complaint(
			service_area=self.area, received_at="2018-04-04 10:00:00", complainant_name=f"Bad {self.run_id}"
		)
		respond(current_stage(bad.name), "2018-04-11", "Not upheld")
		rewrite = retention.rewrite

		def failing(record_policy, where, complaint, result):
			if complaint == bad.name and record_policy.doctype == "Complaint Stage":
				raise RuntimeError("disk full")
			return rewrite(record_policy, where, complaint, result)

		logged_before = set(frappe.get_all("Error Log", {"reference_name": bad.name}, pluck="name"))
		with patch.object(retention, "rewrite", failing), self.freeze_time(RUN_ON):
			counts = retention.run_daily()
		# Error Log is MyISAM: it outlives the test's rollback, so this test removes its own entry.
		logged = set(frappe.get_all("Error Log", {"reference_name": bad.name}, pluck="name")) - logged_before
		self.addCleanup(frappe.db.delete, "Error Log", {"name": ("in", list(logged) or [""])})
		self.assertEqual((counts["anonymised"], counts["failed"]), (1, 1), counts)
		self.assertEqual(frappe.db.get_value("Complaint", good.name, "complainant_name"), "Anonymised")
		# The complaint's own fields were rewritten before the failure: the savepoint undid them.
		self.assertEqual(frappe.db.get_value("Complaint", bad.name, "complainant_name"), f"Bad {self.run_id}")
		self.assertIsNone(frappe.db.get_value("Complaint", bad.name, "anonymised_on"))
		self.assertFalse(frappe.db.exists("Complaint Retention Log", {"complaint": bad.name}))
		self.assertEqual(len(logged), 1)
		self.assertEqual(
			frappe.db.get_value("Error Log", logged.pop(), "method"),
			f"Complaint retention failed for {bad.name}",
		)
		with self.freeze_time(RUN_ON):
			again = retention.run_daily()
		self.assertEqual((again["anonymised"], again["failed"]), (1, 0), again)
		self.assertEqual(frappe.db.get_value("Complaint", bad.name, "complainant_name"), "Anonymised")

	# -- the field lists against the site's doctypes (custom fields included) -------------------

	def test_every_field_on_the_site_is_kept_or_anonymised(self):
		for doctype, record_policy in policy.POLICIES.items():
			fields = [(df.fieldname, df.fieldtype) for df in frappe.get_meta(doctype).fields]
			self.assertEqual(policy.unclassified(record_policy, fields), [], doctype)

	def test_a_custom_text_field_on_the_site_would_be_anonymised(self):
		meta = frappe.get_meta("Complaint")
		meta.fields.append(frappe._dict(fieldname="custom_ward_notes", fieldtype="Small Text"))
		try:
			self.assertEqual(retention.treatments(policy.COMPLAINT)["custom_ward_notes"], policy.MASK)
			self.assertEqual(
				policy.unclassified(policy.COMPLAINT, [("custom_ward_notes", "Small Text")]),
				["custom_ward_notes"],
			)
		finally:
			meta.fields.pop()
