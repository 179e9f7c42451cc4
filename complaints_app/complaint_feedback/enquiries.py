"""The thin bridge between member enquiries and their clock (``enquiry_clock``, pure).

The controller calls ``clock_fields`` on every save and the daily job calls it for every open
enquiry at once: the one place an enquiry's clock fields are computed. The council's calendar
and cut-off are the complaints' own (``complaints.clocks``).
"""

from __future__ import annotations

from datetime import date

import frappe
from frappe.utils import getdate

from complaints_app.complaint_feedback.enquiry_clock import DEFAULT_TARGET_DAYS, EnquiryClock, NewDueDate
from complaints_app.complaints import clocks
from complaints_app.sla import ClockPolicy, WorkingCalendar

SETTINGS = "Complaints Settings"
TARGET_SETTING = "member_enquiry_target_days"
CAP_SETTING = "member_enquiry_max_extension_days"
# The fields the clock sets; nobody types them.
CLOCK_FIELDS = (
	"clock_start_date",
	"original_due_date",
	"due_date",
	"clock_status",
	"days_overdue",
	"response_within_target",
	"response_within_original_target",
)


def setting(fieldname: str) -> int:
	"""A whole-number setting of Complaints Settings, 0 when unset or when this site does not have it yet."""
	if not frappe.get_meta(SETTINGS).has_field(fieldname):
		return 0
	return frappe.utils.cint(frappe.db.get_single_value(SETTINGS, fieldname))


def target_days() -> int:
	"""The response target for enquiries received from now on (Complaints Settings, default 10)."""
	return setting(TARGET_SETTING) or DEFAULT_TARGET_DAYS


def max_extension_days() -> int | None:
	"""The cap on the working days extensions may add, if the council set one."""
	return setting(CAP_SETTING) or None


def build_clock(
	enquiry,
	calendar: WorkingCalendar | None = None,
	policy: ClockPolicy | None = None,
	cap: int | None = None,
) -> EnquiryClock:
	"""An EnquiryClock from a Member Enquiry (a document, or a row with its ``extensions``)."""
	return EnquiryClock(
		calendar or clocks.council_calendar(),
		getdate(enquiry.received_on),
		target_days=frappe.utils.cint(enquiry.target_days) if enquiry.target_days else DEFAULT_TARGET_DAYS,
		agreed_due_date=getdate(enquiry.agreed_due_date) if enquiry.agreed_due_date else None,
		extensions=[
			NewDueDate(getdate(e.new_due_date), e.reason or "", getdate(e.agreed_on) if e.agreed_on else None)
			for e in enquiry.extensions
			if e.new_due_date
		],
		responded_on=getdate(enquiry.responded_on) if enquiry.responded_on else None,
		max_extension_days=cap,
		policy=policy or clocks.clock_policy(),
		received_after_cutoff=bool(frappe.utils.cint(enquiry.received_after_cutoff)),
	)


def clock_fields(enquiry, today: date, clock: EnquiryClock) -> dict:
	"""Every clock-derived field of an enquiry as it stands on ``today``.

	An enquiry closed without a response (withdrawn, or taken on as a complaint) has no clock to show.
	"""
	state = clock.state(today)
	stopped = enquiry.status == "Closed" and not enquiry.responded_on
	return {
		"clock_start_date": clock.start_day,
		"original_due_date": clock.original_due,
		"due_date": clock.due,
		"clock_status": "" if stopped else state.status.value,
		"days_overdue": 0 if stopped else state.days_overdue,
		"response_within_target": int(bool(clock.within_target())),
		"response_within_original_target": int(bool(clock.within_original_target())),
	}
