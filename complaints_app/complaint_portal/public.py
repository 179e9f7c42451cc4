"""What the public side may see and do, in plain Python (no frappe import).

* **The public fields**, listed once: the portal pages, the tracking link and the portal API
  build every view of a complaint from these tuples and nothing else, so internal notes,
  handler names (unless the council chooses to show them), investigation papers and other
  people's data never reach a complainant.
* **Tracking tokens**: a random token goes in the emailed link; only its SHA-256 hash is kept.
* **Asking for the next stage**: when a complainant may, and the sentence that says why not.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import date

# -- the public fields ---------------------------------------------------------------------

# Of the Complaint: what the complainant told us and where it stands. Not the address, phone,
# vulnerability notes, handler, triage notes or anything staff write.
PUBLIC_COMPLAINT_FIELDS = (
	"name",
	"subject",
	"public_topic",
	"received_at",
	"status",
	"current_stage_name",
	"current_stage_number",
	"response_due",
	"summary",
	"desired_outcome",
	"complainant_name",
	"final_outcome",
	"closed_on",
	"closure_reason",
	"procedure",
)
# Of each Complaint Stage: its name, dates and outcome. ``handler`` only where the council
# chooses to show it (Complaints Settings).
PUBLIC_STAGE_FIELDS = (
	"name",
	"stage_number",
	"stage_name",
	"workflow_state",
	"acknowledged_on",
	"response_due",
	"responded_on",
	"outcome",
	"escalation_deadline",
)
HANDLER_FIELD = "handler"
# The statuses shown to the public, in their words.
PUBLIC_STATUS = {
	"Open": "Being looked at",
	"On hold": "On hold",
	"Responded": "Answered: you can ask for the next stage",
	"Next stage asked for": "You asked for the next stage",
	"Closed": "Closed",
	"Withdrawn": "Withdrawn",
	"Refused": "Not taken forward",
	"Out of remit": "Not something this process can deal with",
	"Merged": "Joined with another complaint about the same matter",
}
# The topic every public form offers (created on install when missing).
FALLBACK_TOPIC = "Something else"
STAGE_STATUS = {"Open": "In progress", "On hold": "On hold", "Responded": "Answered", "Closed": "Closed"}


def public_view(record: dict, fields: tuple[str, ...]) -> dict:
	"""Only ``fields`` of ``record``; a field the record lacks is None."""
	return {f: record.get(f) for f in fields}


# -- tracking tokens -----------------------------------------------------------------------

TOKEN_BYTES = 32


def new_token() -> str:
	"""A random, URL-safe token (256 bits) for a tracking link."""
	return secrets.token_urlsafe(TOKEN_BYTES)


def token_hash(token: str) -> str:
	"""What is stored: the SHA-256 of the token, so a copy of the database opens no complaint."""
	return hashlib.sha256(token.encode("utf-8")).hexdigest()


def looks_like_token(value: object) -> bool:
	"""A cheap shape check before any lookup: a string of URL-safe characters of the right length."""
	if not isinstance(value, str) or not 40 <= len(value) <= 64:
		return False
	return all(c.isalnum() or c in "-_" for c in value)


# -- asking for the next stage ---------------------------------------------------------


@dataclass(frozen=True)
class EscalationFacts:
	"""What decides whether a complainant may ask for the next stage today."""

	status: str
	stage_name: str
	responded_on: date | None
	escalation_deadline: date | None
	next_stage_name: str | None
	pending_request: bool = False


CLOSED_FOR_GOOD = ("Withdrawn", "Refused", "Out of remit", "Service request", "Merged")


def escalation_refusal(facts: EscalationFacts, today: date) -> str | None:
	"""Why the complainant may not ask for the next stage today; None when they may.

	The window is the procedure's: open from the stage's response to its escalation deadline.
	A procedure with no window sets no deadline, and the request stays possible.
	"""
	if facts.status == "Merged":
		return "This complaint was joined with another about the same matter: we deal with them together."
	if facts.status in CLOSED_FOR_GOOD:
		return f"This complaint is closed ({facts.status.lower()}), so it cannot go to another stage."
	if facts.pending_request:
		return "You have already asked for the next stage: we will write to you about it."
	if facts.responded_on is None:
		return f"{facts.stage_name} has not been answered yet. You can ask for the next stage once it has."
	if not facts.next_stage_name:
		return f"{facts.stage_name} is the last stage of this complaints process."
	if facts.escalation_deadline and today > facts.escalation_deadline:
		return (
			f"The time to ask for {facts.next_stage_name} ended on "
			f"{facts.escalation_deadline.day} {facts.escalation_deadline:%B %Y}."
		)
	return None
