"""Factories for learning action tests: real documents with sensible defaults."""

from __future__ import annotations

from datetime import date

import frappe

from complaints_app.complaints.testing import LGSCO, make_complaint

UPHELD = "Upheld: maladministration and injustice"


def make_upheld_enquiry(complaint: str, *recommendations: tuple[str, date], decided: str = "2026-03-02"):
	"""An LGSCO detailed investigation of ``complaint``, upheld on ``decided``, with its recommendations."""
	return frappe.get_doc(
		{
			"doctype": "Ombudsman Enquiry",
			"ombudsman": "LGSCO",
			"ombudsman_reference": f"25 {frappe.generate_hash(length=8)}",
			"complaint": complaint,
			"received_on": "2026-01-12",
			"enquiry_type": "Detailed investigation",
			"decision": UPHELD,
			"decision_date": decided,
			"recommendations": [{"recommendation": text, "due_date": due} for text, due in recommendations],
		}
	).insert(ignore_permissions=True)


def make_learning_action(owner: str, service_area: str | None = None, **overrides):
	"""A learning action from a new LGSCO complaint (received 2 June 2025), due Thursday 30 April 2026."""
	complaint = (
		overrides.pop("complaint", None)
		or make_complaint(procedure=LGSCO, service_area=service_area, received_at="2025-06-02 10:00:00").name
	)
	values = {
		"doctype": "Learning Action",
		"source_type": "Complaint",
		"complaint": complaint,
		"what_will_change": "Crews photograph each bin left unemptied and say why on the council's app.",
		"action_owner": owner,
		"service_area": service_area,
		"due_date": "2026-04-30",
	}
	values.update(overrides)
	return frappe.get_doc(values).insert(ignore_permissions=True)


def copy_procedure(name: str) -> str:
	"""A copy of the LGSCO procedure, so an annual report of it sees only the cases a test makes."""
	procedure = frappe.copy_doc(frappe.get_doc("Complaint Procedure", LGSCO))
	procedure.procedure_name = name
	procedure.is_active = 1
	return procedure.insert(ignore_permissions=True).name
