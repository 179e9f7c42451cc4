# Copyright (c) 2026, complaints_app contributors
# For license information, please see license.txt
"""What the public chooses on the complaint form, in their words, and where it leads."""

from __future__ import annotations

import frappe
from frappe import _

from complaints_app.complaints.errors import ProcedureConfigError
from complaints_app.complaints.input_types import ComplaintsDocument


class ComplaintPublicTopic(ComplaintsDocument):
	# begin: auto-generated types
	# end: auto-generated types

	def validate(self) -> None:
		self.topic = (self.topic or "").strip()
		if self.enabled and not frappe.db.get_value("Complaint Procedure", self.procedure, "is_active"):
			frappe.throw(
				_("{0} is not an active procedure: the public could not complain under it.").format(
					self.procedure
				),
				ProcedureConfigError,
			)


def public_topics() -> list[dict]:
	"""The topics shown on the public form, in their order."""
	t = frappe.qb.DocType("Complaint Public Topic")
	return (
		frappe.qb.from_(t)
		.select(t.topic, t.hint, t.asks_about_advocate)
		.where(t.enabled == 1)
		.orderby(t.sort_order)
		.orderby(t.topic)
		.run(as_dict=True)
	)
