# Copyright (c) 2026, complaints_app contributors
# For license information, please see license.txt
"""The audit record of one complaint's anonymisation, written by ``retention.run_daily``."""

from __future__ import annotations

import frappe
from frappe import _

from complaints_app.complaint_retention.errors import RetentionLogChangeError
from complaints_app.complaints.input_types import ComplaintsDocument


class ComplaintRetentionLog(ComplaintsDocument):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		anonymised_on: DF.Date | None
		closed_on: DF.Date | None
		communications_deleted: DF.Int
		complaint: DF.Link
		details: DF.JSON | None
		due_on: DF.Date | None
		files_deleted: DF.Int
		history_deleted: DF.Int
		procedure: DF.Link | None
		records_anonymised: DF.Int
		retention_years: DF.Int
		rule: DF.Data | None
		run_at: DF.Datetime | None
		what_was_anonymised: DF.SmallText | None
	# end: auto-generated types

	def validate(self) -> None:
		self.refuse_changes()

	def refuse_changes(self) -> None:
		"""Written once by the retention job; not even a System Manager edits it (they may delete it)."""
		if not self.is_new():
			frappe.throw(
				_("A retention log is an audit record and cannot be changed."),
				RetentionLogChangeError,
				title=_("Not editable"),
			)
