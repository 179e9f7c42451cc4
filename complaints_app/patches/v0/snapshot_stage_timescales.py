"""Stages now keep the timescales they opened with: give existing stages their procedure row's values.

Until now every save read the procedure row by position, so this copies what those stages were
already using; later procedure edits no longer move them. One UPDATE per procedure row.
"""

import frappe
from frappe.query_builder import DocType

from complaints_app.complaints.doctype.complaint_stage.complaint_stage import SNAPSHOT_FIELDS


def execute() -> None:
	stage, row = DocType("Complaint Stage"), DocType("Complaint Procedure Stage")
	rows = (
		frappe.qb.from_(row)
		.select(row.parent, row.idx, *(row[f] for f in SNAPSHOT_FIELDS if f != "stage_name"))
		.where(row.parenttype == "Complaint Procedure")
		.run(as_dict=True)
	)
	for config in rows:
		query = frappe.qb.update(stage)
		for field in SNAPSHOT_FIELDS:
			if field != "stage_name":
				query = query.set(stage[field], config[field])
		query.where(
			(stage.procedure == config.parent)
			& (stage.stage_number == config.idx)
			& (stage.response_unit.isnull() | (stage.response_unit == ""))
		).run()
