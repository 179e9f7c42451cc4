"""Retention of complaint records: when a complaint is due, and what anonymising it keeps.

Plain Python with no frappe import. The daily job (``retention.py``) and the dry-run report
read these rules; ``tests/test_retention_policy.py`` checks them without a site, and checks
the lists below against the shipped doctype JSON, so a field added later must be put on one
side or the other before the tests pass.

When
----
A complaint is kept for its procedure's ``retention_years`` after it closed, and anonymised
on the anniversary of its closing date that many years later (29 February becomes 28
February). 0 years means the procedure's complaints are kept for ever. A complaint still
open, without a closing date, under a legal hold or already anonymised is never due.

What
----
Every stored field of the complaint and of its records is listed once, with what happens to
it (``Treatment``):

* ``KEEP``: dates, procedure, service area, theme, root cause, statuses, outcomes, stage
  numbers, clocks and in-time flags, the Ombudsman's decisions, the staff involved. The
  statistics reports (``complaint_statistics/definitions.py`` and ``cohort.py``) read only
  these, so every report gives the same cells after the job as before it.
* ``BLANK``: contact details and links to the person (email, phone, address, portal user,
  advocate's contact, attachments' addresses): emptied.
* ``MASK``: names and free text: replaced by a placeholder ("Anonymised") when there was
  any text, so a report that counts "has recommendations" still counts it.
* ``SUBJECT``: the complaint's subject becomes "Anonymised complaint <name>".
* ``AMOUNTS``: an Ombudsman remedy keeps only its sums of money ("Anonymised. Amounts:
  £150."), which the council reports as remedies paid.

Frappe's own records about them (communications, comments, versions, files, queued email,
notifications, activity) are deleted (``DELETED_WITH_THE_CASE``); access tokens are deleted;
the complainant's matching keys (``complaint_contacts``) are forgotten; where the complainant's
portal user id is a row's owner or last editor it becomes ``FORGOTTEN_USER``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import Enum

DEFAULT_RETENTION_YEARS = 6
KEEP_FOR_EVER = 0
# A complaint in one of these is still being handled, whatever its closing date says.
OPEN_STATUSES = frozenset({"Open", "On hold", "Responded"})
# No retention period is shorter than a year, so nothing closed less than this long ago is due.
SHORTEST_PERIOD_DAYS = 365


class RetentionRuleError(ValueError):
	"""A retention period that makes no sense (a negative number of years)."""


class Treatment(Enum):
	KEEP = "keep"
	BLANK = "blank"
	MASK = "mask"
	SUBJECT = "subject"
	AMOUNTS = "amounts"


KEEP, BLANK, MASK, SUBJECT, AMOUNTS = (
	Treatment.KEEP,
	Treatment.BLANK,
	Treatment.MASK,
	Treatment.SUBJECT,
	Treatment.AMOUNTS,
)


# -- when -------------------------------------------------------------------------------


def add_years(day: date, years: int) -> date:
	"""The same day ``years`` later; 29 February becomes 28 February in a year without one."""
	try:
		return day.replace(year=day.year + years)
	except ValueError:
		return day.replace(year=day.year + years, day=28)


def due_on(closed_on: date | None, years: int | None) -> date | None:
	"""The day a complaint closed on ``closed_on`` becomes due; None if never (kept for ever, not closed)."""
	years = DEFAULT_RETENTION_YEARS if years is None else years
	if years < 0:
		raise RetentionRuleError(f"A retention period cannot be negative ({years} years).")
	if closed_on is None or years == KEEP_FOR_EVER:
		return None
	return add_years(closed_on, years)


class Standing(Enum):
	"""Where a complaint stands on a day, as the job and the dry-run report say it."""

	DUE = "Due"
	NOT_YET_DUE = "Not yet due"
	OPEN = "Open"
	KEPT_FOR_EVER = "Kept for ever"
	LEGAL_HOLD = "Legal hold"
	ANONYMISED = "Already anonymised"


@dataclass(frozen=True)
class Case:
	"""What the rule needs to know about one complaint."""

	name: str
	status: str | None
	closed_on: date | None
	retention_years: int | None = DEFAULT_RETENTION_YEARS
	legal_hold: bool = False
	anonymised_on: date | None = None

	@property
	def years(self) -> int:
		return DEFAULT_RETENTION_YEARS if self.retention_years is None else self.retention_years

	@property
	def due_on(self) -> date | None:
		return due_on(self.closed_on, self.retention_years)

	def standing(self, as_at: date) -> Standing:
		"""DUE only if closed, past its period on ``as_at``, not held and not yet anonymised.

		A held complaint is reported as LEGAL_HOLD only once its period has passed (until then
		it is simply not yet due), so the report can list what a hold is holding back.
		"""
		if self.anonymised_on:
			return Standing.ANONYMISED
		if self.status in OPEN_STATUSES or self.closed_on is None:
			return Standing.OPEN
		due = self.due_on
		if due is None:
			return Standing.KEPT_FOR_EVER
		if as_at < due:
			return Standing.NOT_YET_DUE
		return Standing.LEGAL_HOLD if self.legal_hold else Standing.DUE

	def is_due(self, as_at: date) -> bool:
		return self.standing(as_at) is Standing.DUE


# -- what ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class RecordPolicy:
	"""How one doctype's rows that belong to a complaint are treated.

	``link`` says how a row belongs to the complaint: ``name`` (the complaint itself),
	``complaint`` (a record with a Link to it) or ``parent`` (a child row of a record).
	``children`` maps each Table field to its child doctype, which has its own policy.
	"""

	doctype: str
	link: str
	fields: Mapping[str, Treatment]
	children: Mapping[str, str] = field(default_factory=dict)
	parent: str | None = None

	def treated(self) -> dict[str, Treatment]:
		"""The fields that change (everything but KEEP)."""
		return {f: t for f, t in self.fields.items() if t is not KEEP}

	def kept(self) -> tuple[str, ...]:
		return tuple(f for f, t in self.fields.items() if t is KEEP)


COMPLAINT = RecordPolicy(
	"Complaint",
	link="name",
	fields={
		"naming_series": KEEP,
		"subject": SUBJECT,
		"procedure": KEEP,
		"received_at": KEEP,
		"channel": KEEP,
		"status": KEEP,
		"current_stage": KEEP,
		"current_stage_name": KEEP,
		"current_stage_number": KEEP,
		"response_due": KEEP,
		"service_area": KEEP,
		"theme": KEEP,
		"public_topic": KEEP,
		"summary": MASK,
		"desired_outcome": MASK,
		"evidence_1": BLANK,
		"evidence_2": BLANK,
		"evidence_3": BLANK,
		"complainant_name": MASK,
		"complainant_email": BLANK,
		"complainant_phone": BLANK,
		"preferred_contact": KEEP,
		"complainant_address": BLANK,
		"complainant_user": BLANK,
		"on_behalf_of": KEEP,
		"person_affected": MASK,
		"relationship": MASK,
		"consent": KEEP,
		"advocate_offered": KEEP,
		"advocate_name": MASK,
		"advocate_contact": BLANK,
		"advocate_requested": KEEP,
		"reasonable_adjustments": MASK,
		"vulnerability_notes": MASK,
		"is_service_request": KEEP,
		"service_request_reason": MASK,
		"out_of_remit": KEEP,
		"out_of_remit_reason": MASK,
		"final_outcome": KEEP,
		"latest_outcome": KEEP,
		"closure_reason": MASK,
		"closed_on": KEEP,
		"adjustments_review_date": BLANK,
		"root_cause": KEEP,
		"merged_into": KEEP,
		"legal_hold": KEEP,
		"legal_hold_reason": MASK,
		"anonymised_on": KEEP,
	},
	children={"related_complaints": "Complaint Link"},
)

COMPLAINT_LINK = RecordPolicy(
	"Complaint Link",
	link="parent",
	parent="Complaint",
	fields={"complaint": KEEP, "relation": KEEP, "note": MASK},
)

_STAGE_CLOCK = (
	"complaint",
	"stage_number",
	"stage_name",
	"handler",
	"workflow_state",
	"clock_status",
	"days_overdue",
	"procedure",
	"service_area",
	"stage_record",
	"clock_start_event",
	"event_at",
	"clock_started_at",
	"clock_start_date",
	"acknowledgement_due",
	"acknowledged_on",
	"acknowledged_in_time",
	"response_target",
	"agreed_response_date",
	"original_response_due",
	"response_due",
	"max_extension_days",
	"responded_on",
	"outcome",
	"in_time_original",
	"in_time_extended",
	"escalation_deadline",
	"response_days",
	"response_unit",
	"acknowledgement_days",
	"agreed_date_limit_months",
	"escalation_window_days",
	"different_handler_required",
	"panel_report_days",
	"council_response_days",
)

STAGE = RecordPolicy(
	"Complaint Stage",
	link="complaint",
	fields={**dict.fromkeys(_STAGE_CLOCK, KEEP), "hold_reason": MASK, "response_summary": MASK},
	children={
		"pauses": "Complaint Stage Pause",
		"extensions": "Complaint Stage Extension",
		"theme_outcomes": "Complaint Theme Outcome",
	},
)
STAGE_PAUSE = RecordPolicy(
	"Complaint Stage Pause",
	link="parent",
	parent="Complaint Stage",
	fields={"from_date": KEEP, "to_date": KEEP, "reason": MASK},
)
STAGE_EXTENSION = RecordPolicy(
	"Complaint Stage Extension",
	link="parent",
	parent="Complaint Stage",
	fields={
		"days": KEEP,
		"reason": MASK,
		"agreed_by": KEEP,
		"agreed_on": KEEP,
		"complainant_informed": KEEP,
	},
)
THEME_OUTCOME = RecordPolicy(
	"Complaint Theme Outcome",
	link="parent",
	parent="Complaint Stage",
	fields={"point": MASK, "theme": KEEP, "outcome": KEEP},
)

INVESTIGATION = RecordPolicy(
	"Complaint Investigation",
	link="complaint",
	fields=dict.fromkeys(
		(
			"complaint",
			"complaint_stage",
			"procedure",
			"service_area",
			"investigating_officer",
			"io_appointed_on",
			"independent_person",
			"ip_appointed_on",
			"statement_agreed_on",
			"report_date",
			"adjudicating_officer",
			"adjudication_date",
		),
		KEEP,
	),
	children={"points": "Complaint Investigation Point"},
)
INVESTIGATION_POINT = RecordPolicy(
	"Complaint Investigation Point",
	link="parent",
	parent="Complaint Investigation",
	fields={"point": MASK, "finding": KEEP, "recommendation": MASK, "root_cause": KEEP},
)

REVIEW_PANEL = RecordPolicy(
	"Complaint Review Panel",
	link="complaint",
	fields={
		**dict.fromkeys(
			(
				"complaint",
				"complaint_stage",
				"procedure",
				"service_area",
				"request_date",
				"panel_due",
				"panel_date",
				"report_due",
				"report_sent_on",
				"investigation_adequate",
				"council_response_due",
				"council_response_on",
			),
			KEEP,
		),
		# Review Panels counts panels that made recommendations: a placeholder keeps the count.
		"recommendations": MASK,
	},
	children={"members": "Complaint Panel Member"},
)
# The panel's independent members, in their public role; not the complainant's data.
PANEL_MEMBER = RecordPolicy(
	"Complaint Panel Member",
	link="parent",
	parent="Complaint Review Panel",
	fields={"member_name": KEEP, "user": KEEP, "is_chair": KEEP},
)

OMBUDSMAN_ENQUIRY = RecordPolicy(
	"Ombudsman Enquiry",
	link="complaint",
	fields={
		**dict.fromkeys(
			(
				"ombudsman",
				"ombudsman_reference",
				"complaint",
				"received_on",
				"enquiry_type",
				"decision",
				"decision_date",
				"complied",
				"procedure",
				"service_area",
			),
			KEEP,
		),
		"remedy": AMOUNTS,
	},
	children={"recommendations": "Ombudsman Recommendation"},
)
OMBUDSMAN_RECOMMENDATION = RecordPolicy(
	"Ombudsman Recommendation",
	link="parent",
	parent="Ombudsman Enquiry",
	fields={
		"recommendation": AMOUNTS,
		"due_date": KEEP,
		"completed_on": KEEP,
		"overdue": KEEP,
		"evidence": MASK,
	},
)

ESCALATION_REQUEST = RecordPolicy(
	"Complaint Escalation Request",
	link="complaint",
	fields={
		**dict.fromkeys(
			(
				"complaint",
				"from_stage",
				"requested_at",
				"status",
				"decided_by",
				"decided_on",
				"handler",
				"opened_stage",
				"procedure",
				"service_area",
			),
			KEEP,
		),
		"reasons": MASK,
		"decision_reason": MASK,
	},
)

# Copies of the complaint's words kept elsewhere, found by their ``complaint`` field.
ALERT = RecordPolicy(
	"Complaint Alert",
	link="complaint",
	fields={
		**dict.fromkeys(
			(
				"alert_key",
				"kind",
				"recipient",
				"sent_on",
				"reference_doctype",
				"reference_name",
				"complaint",
				"due_date",
			),
			KEEP,
		),
		# "New complaint ...: <subject>"; the bell notification it points to is deleted.
		"subject": MASK,
		"notification": BLANK,
	},
)
REFUSED_CASE = RecordPolicy(
	"Complaints Refused Case",
	link="complaint",
	fields={"complaint": KEEP, "received_on": KEEP, "outcome": KEEP, "reason": MASK},
)

# What the statistics read (complaint_statistics/cohort.py, definitions.py and its reports,
# the annual report and the dashboard): all of it is kept. The free text some of
# them quote (a withdrawal's reason, a panel's recommendations) is masked, not emptied.
STATISTICS_FIELDS: dict[str, tuple[str, ...]] = {
	"Complaint": (
		"received_at",
		"is_service_request",
		"procedure",
		"service_area",
		"theme",
		"root_cause",
		"status",
		"final_outcome",
		"latest_outcome",
		"closed_on",
		"current_stage_number",
		"out_of_remit",
		"channel",
	),
	"Complaint Stage": (
		"complaint",
		"stage_number",
		"stage_record",
		"event_at",
		"clock_start_date",
		"acknowledgement_due",
		"acknowledged_on",
		"acknowledged_in_time",
		"response_due",
		"original_response_due",
		"responded_on",
		"outcome",
		"in_time_original",
		"in_time_extended",
		"workflow_state",
		"procedure",
		"service_area",
	),
	"Complaint Stage Pause": ("from_date", "to_date"),
	"Complaint Stage Extension": ("days", "agreed_on"),
	"Complaint Theme Outcome": ("theme", "outcome"),
	"Complaint Investigation Point": ("finding", "root_cause"),
	"Complaint Review Panel": (
		"complaint",
		"complaint_stage",
		"request_date",
		"panel_due",
		"panel_date",
		"investigation_adequate",
	),
	"Ombudsman Enquiry": (
		"ombudsman",
		"complaint",
		"received_on",
		"enquiry_type",
		"decision",
		"decision_date",
		"complied",
		"procedure",
		"service_area",
	),
	"Ombudsman Recommendation": ("due_date", "completed_on", "overdue"),
}
# Masked, never emptied: a report tests whether there is any text.
COUNTED_WHEN_PRESENT: dict[str, tuple[str, ...]] = {"Complaint Review Panel": ("recommendations",)}

# The complaint and the records that make up the case, in the order they are treated.
CASE_POLICIES: tuple[RecordPolicy, ...] = (
	COMPLAINT,
	COMPLAINT_LINK,
	STAGE,
	STAGE_PAUSE,
	STAGE_EXTENSION,
	THEME_OUTCOME,
	INVESTIGATION,
	INVESTIGATION_POINT,
	REVIEW_PANEL,
	PANEL_MEMBER,
	OMBUDSMAN_ENQUIRY,
	OMBUDSMAN_RECOMMENDATION,
	ESCALATION_REQUEST,
)
COPY_POLICIES: tuple[RecordPolicy, ...] = (ALERT, REFUSED_CASE)
POLICIES: dict[str, RecordPolicy] = {p.doctype: p for p in (*CASE_POLICIES, *COPY_POLICIES)}
# Records of the case (besides the complaint): their comments, files, versions and mail go too.
CASE_RECORD_DOCTYPES = tuple(p.doctype for p in CASE_POLICIES if p.link == "complaint")
# Deleted outright: a portal link's token and the address it was sent to.
DELETED_RECORD_DOCTYPES = ("Complaint Access Token",)
# Frappe's records about the case's records, deleted with their content.
DELETED_WITH_THE_CASE = (
	"Communication",
	"Communication Link",
	"Comment",
	"Version",
	"File",
	"Email Queue",
	"Email Queue Recipient",
	"Notification Log",
	"Activity Log",
)

# Who made or last changed a row. A complaint sent from the portal by a signed-in complainant
# is "owned" by their user id, their email address: on the case's rows it becomes this, while
# staff stay named (they are the council's record of who handled the case).
PERSON_COLUMNS = ("owner", "modified_by")
FORGOTTEN_USER = "Guest"
SYSTEM_USERS = frozenset({"Administrator", "Guest"})


def people_to_forget(
	complainant_user: str | None, complainant_email: str | None, website_users: Iterable[str] = ()
) -> set[str]:
	"""The user ids to replace in ``PERSON_COLUMNS``: the complainant's, and any website user's."""
	people = {p.strip() for p in (complainant_user, complainant_email, *website_users) if p and p.strip()}
	return people - SYSTEM_USERS


# Timeline links Frappe adds by itself from a communication's addresses: they say who wrote,
# not which other record a communication is filed on.
PERSON_LINK_DOCTYPES = frozenset({"Contact"})

# Field types that hold no value of their own (layout) and are not classified.
LAYOUT_TYPES = frozenset(
	{"Section Break", "Column Break", "Tab Break", "HTML", "Button", "Heading", "Fold", "Image"}
)
TABLE_TYPES = frozenset({"Table", "Table MultiSelect"})
# A field nobody classified (a custom field added on a site) of one of these types is treated
# as free text and masked; other types (links, dates, numbers, checks) are kept.
FREE_TEXT_TYPES = frozenset(
	{
		"Data",
		"Small Text",
		"Text",
		"Long Text",
		"Text Editor",
		"Markdown Editor",
		"HTML Editor",
		"Code",
		"JSON",
		"Phone",
		"Autocomplete",
		"Signature",
	}
)
ATTACH_TYPES = frozenset({"Attach", "Attach Image"})


def treatment_for(policy: RecordPolicy, fieldname: str, fieldtype: str) -> Treatment:
	"""The listed treatment; for an unlisted field, MASK free text, BLANK attachments, KEEP the rest."""
	listed = policy.fields.get(fieldname)
	if listed is not None:
		return listed
	if fieldtype in FREE_TEXT_TYPES:
		return MASK
	return BLANK if fieldtype in ATTACH_TYPES else KEEP


def unclassified(policy: RecordPolicy, fields: Iterable[tuple[str, str]]) -> list[str]:
	"""Stored fields (``(fieldname, fieldtype)``) of the doctype that the policy does not list."""
	return [
		name
		for name, fieldtype in fields
		if fieldtype not in LAYOUT_TYPES
		and not (fieldtype in TABLE_TYPES and name in policy.children)
		and name not in policy.fields
	]


# -- the values -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Wording:
	"""The words written in place of personal data (the job passes them translated)."""

	placeholder: str = "Anonymised"
	subject: str = "Anonymised complaint {0}"
	amounts: str = "Anonymised. Amounts: {0}."


ENGLISH = Wording()
AMOUNT_RE = re.compile(r"£\s?\d[\d,]*(?:\.\d{1,2})?")


def amounts_in(text: str) -> list[str]:
	"""Sums of money in pounds as written ("£1,250.00", "£ 150"), normalised to "£1,250.00", "£150"."""
	return [re.sub(r"\s", "", found).rstrip(",") for found in AMOUNT_RE.findall(text or "")]


def has_text(value) -> bool:
	return value is not None and str(value).strip() != ""


def anonymised_value(treatment: Treatment, value, complaint: str, wording: Wording = ENGLISH):
	"""The value a field holds after anonymising; applying it twice gives the same value."""
	if treatment is KEEP:
		return value
	if treatment is BLANK:
		return None
	if treatment is SUBJECT:
		return wording.subject.format(complaint)
	if not has_text(value):
		return value
	if treatment is AMOUNTS:
		found = amounts_in(str(value))
		return wording.amounts.format(", ".join(found)) if found else wording.placeholder
	return wording.placeholder


def changes(
	row: Mapping,
	treatments: Mapping[str, Treatment],
	complaint: str,
	wording: Wording = ENGLISH,
) -> dict:
	"""The fields of ``row`` that anonymising changes, with their new values (empty: nothing to do)."""
	out = {}
	for fieldname, treatment in treatments.items():
		value = row.get(fieldname)
		new = anonymised_value(treatment, value, complaint, wording)
		if not _same(value, new):
			out[fieldname] = new
	return out


def _same(old, new) -> bool:
	return (old if has_text(old) else None) == (new if has_text(new) else None)
