# Copyright (c) 2026, complaints_app contributors
# For license information, please see license.txt
"""A learning action: a service improvement with a named owner and a due date (Stockport's learning log).

It comes from a complaint, a stage's outcome, a recommendation of an investigation or review
panel, or an Ombudsman recommendation, and takes its complaint, procedure and (unless one is
chosen) service area from that record. Service Managers reach the actions of their areas and
the ones they own (``complaints_app.complaints.permissions``); ``overdue`` is kept right on
save and by the daily job (``complaint_learning.jobs``); the alerts scan tells the owner and
the area's manager once it is overdue; the annual report lists those completed in its period.
"""

from __future__ import annotations

from datetime import date

import frappe
from frappe import _
from frappe.utils import escape_html, getdate

from complaints_app.complaint_learning.errors import (
	LearningCompletionError,
	LearningOwnerError,
	LearningSourceError,
)
from complaints_app.complaints.input_types import ComplaintsDocument

SOURCE_DOCTYPES = {
	"Complaint": "Complaint",
	"Stage outcome": "Complaint Stage",
	"Investigation recommendation": "Complaint Investigation",
	"Review panel recommendation": "Complaint Review Panel",
	"Ombudsman recommendation": "Ombudsman Enquiry",
}
SOURCE_TYPES = {doctype: source_type for source_type, doctype in SOURCE_DOCTYPES.items()}
# Records whose recommendations are rows; an action can name the row it carries out.
RECOMMENDATION_ROWS = {
	"Complaint Investigation": "Complaint Investigation Point",
	"Ombudsman Enquiry": "Ombudsman Recommendation",
}
OPEN_STATUSES = ("Open", "In progress")
COMPLETED = "Completed"
# An owner must be able to open the action and record its completion.
OWNER_ROLES = frozenset({"Service Manager", "Complaints Officer", "Complaints Manager", "System Manager"})


class LearningAction(ComplaintsDocument):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		action_owner: DF.Link
		complaint: DF.Link | None
		completed_on: DF.Date | None
		due_date: DF.Date
		evidence: DF.Text | None
		evidence_file: DF.Attach | None
		naming_series: DF.Literal["LA-.YYYY.-.#####"]
		overdue: DF.Check
		procedure: DF.Link | None
		service_area: DF.Link
		source_doctype: DF.Link | None
		source_name: DF.DynamicLink | None
		source_row: DF.Data | None
		source_type: DF.Literal[
			"Complaint",
			"Stage outcome",
			"Investigation recommendation",
			"Review panel recommendation",
			"Ombudsman recommendation",
		]
		status: DF.Literal["Open", "In progress", "Completed", "Cancelled"]
		what_will_change: DF.Text
	# end: auto-generated types

	def _validate_links(self):
		# The source's record type follows its kind, before Frappe checks the source against it.
		# A kind that is not text is left to the type check, which names the field.
		if isinstance(self.source_type, str):
			self.set_source_doctype()
		return super()._validate_links()

	def validate(self) -> None:
		self.set_source_doctype()
		self.set_complaint_as_source()
		source = self.validate_source()
		self.validate_source_row()
		self.set_from_source(source)
		self.validate_owner()
		self.validate_completion()
		self.overdue = int(is_overdue(self.status, self.due_date, getdate()))

	# -- steps -----------------------------------------------------------------

	def set_source_doctype(self) -> None:
		"""The kind of source decides the record type."""
		doctype = SOURCE_DOCTYPES.get(self.source_type)
		if doctype is None:
			frappe.throw(
				_("A learning action cannot come from {0}.").format(
					frappe.bold(escape_html(self.source_type) or _("nothing"))
				),
				LearningSourceError,
			)
		self.source_doctype = doctype

	def set_complaint_as_source(self) -> None:
		"""An action from a complaint has the complaint itself as its source."""
		if self.source_doctype == "Complaint":
			self.source_name = self.complaint or self.source_name
			self.source_row = None

	def validate_source(self) -> frappe._dict:
		"""The source exists, belongs to the action's complaint, and the person linking it may open it."""
		if not self.source_name:
			frappe.throw(
				_("Choose the {0} the action comes from.").format(_(self.source_doctype)), LearningSourceError
			)
		source = source_record(self.source_doctype, self.source_name)
		if source is None:
			frappe.throw(
				_("There is no {0} called {1}.").format(_(self.source_doctype), self.source_name),
				LearningSourceError,
			)
		if self.complaint and self.complaint != source.complaint:
			frappe.throw(
				_("{0} {1} belongs to complaint {2}, not to {3}.").format(
					_(self.source_doctype), self.source_name, source.complaint or _("none"), self.complaint
				),
				LearningSourceError,
			)
		if self.source_changed() and not self.flags.ignore_permissions:
			if not frappe.has_permission(self.source_doctype, "read", doc=self.source_name):
				frappe.throw(
					_("You cannot open {0} {1}, so an action cannot be linked to it.").format(
						_(self.source_doctype), self.source_name
					),
					frappe.PermissionError,
				)
		return source

	def validate_source_row(self) -> None:
		"""An Ombudsman recommendation names its row; a row, when named, is one of the source's."""
		if self.source_type == "Ombudsman recommendation" and not self.source_row:
			frappe.throw(
				_("Choose which of the Ombudsman's recommendations the action carries out."),
				LearningSourceError,
			)
		if not self.source_row:
			return
		if not recommendation_row(self.source_doctype, self.source_name, self.source_row):
			frappe.throw(
				_("{0} is not a recommendation of {1} {2}.").format(
					escape_html(self.source_row), _(self.source_doctype), self.source_name
				),
				LearningSourceError,
			)

	def set_from_source(self, source: frappe._dict) -> None:
		self.complaint = source.complaint or None
		self.procedure = source.procedure or None
		self.service_area = self.service_area or source.service_area

	def validate_owner(self) -> None:
		"""The owner opens the action, updates it and gets its alert: a desk user with a role that may write it."""
		if not self.action_owner or not (self.is_new() or self.has_value_changed("action_owner")):
			return
		user = frappe.db.get_value("User", self.action_owner, ["enabled", "user_type"], as_dict=True)
		if (
			not user
			or not user.enabled
			or user.user_type != "System User"
			or not (OWNER_ROLES & set(frappe.get_roles(self.action_owner)))
		):
			frappe.throw(
				_(
					"{0} cannot own a learning action: the owner must be an enabled desk user with the Service Manager, Complaints Officer or Complaints Manager role, to open and update it."
				).format(self.action_owner),
				LearningOwnerError,
			)

	def validate_completion(self) -> None:
		if self.completed_on and getdate(self.completed_on) > getdate():
			frappe.throw(
				_("The action cannot be completed on {0}, a date still to come.").format(
					frappe.format(self.completed_on, "Date")
				),
				LearningCompletionError,
			)
		if self.status == COMPLETED:
			if not self.completed_on:
				frappe.throw(_("Give the date the action was completed."), LearningCompletionError)
			if not (self.evidence or "").strip():
				frappe.throw(
					_("Describe the evidence that the change was made; a file can be attached as well."),
					LearningCompletionError,
				)
		elif self.completed_on:
			frappe.throw(
				_(
					"Only a completed action has a completion date: set the status to Completed, or clear the date."
				),
				LearningCompletionError,
			)

	def source_changed(self) -> bool:
		return (
			self.is_new() or self.has_value_changed("source_name") or self.has_value_changed("source_doctype")
		)


def is_overdue(status: str | None, due_date, today: date) -> bool:
	"""Past its due date and neither completed nor cancelled."""
	return bool(status in OPEN_STATUSES and due_date and getdate(due_date) < today)


def source_record(doctype: str, name: str) -> frappe._dict | None:
	"""The complaint, procedure and service area of a source record (stages and the rest carry copies)."""
	key = "name" if doctype == "Complaint" else "complaint"
	return frappe.db.get_value(
		doctype, name, [f"{key} as complaint", "procedure", "service_area"], as_dict=True
	)


def recommendation_row(doctype: str, name: str, row: str) -> frappe._dict | None:
	"""The recommendation row ``row`` of the source record, with its text and due date, if it is one of its rows."""
	row_doctype = RECOMMENDATION_ROWS.get(doctype)
	if row_doctype is None:
		return None
	fields = ["name", "recommendation"] + (["due_date"] if row_doctype == "Ombudsman Recommendation" else [])
	return frappe.db.get_value(
		row_doctype, {"name": row, "parent": name, "parenttype": doctype}, fields, as_dict=True
	)


@frappe.whitelist()
def new_learning_action(source_doctype: str, source_name: str, source_row: str | None = None) -> dict:
	"""A new, unsaved learning action filled in from its source (the "Learning action" buttons).

	The complaint, service area and source come from the record; a recommendation's text
	becomes "What will change", and an Ombudsman recommendation's due date the action's.
	"""
	source_type = SOURCE_TYPES.get(source_doctype)
	if source_type is None:
		frappe.throw(
			_("A learning action cannot come from a {0}.").format(escape_html(_(source_doctype))),
			LearningSourceError,
		)
	if not frappe.has_permission("Learning Action", "create"):
		frappe.throw(_("Not permitted to create a learning action."), frappe.PermissionError)
	source = source_record(source_doctype, source_name)
	if source is None:
		frappe.throw(
			_("There is no {0} called {1}.").format(_(source_doctype), escape_html(source_name)),
			LearningSourceError,
		)
	if not frappe.has_permission(source_doctype, "read", doc=source_name):
		frappe.throw(
			_("Not permitted to read {0} {1}.").format(_(source_doctype), escape_html(source_name)),
			frappe.PermissionError,
		)
	doc = frappe.new_doc("Learning Action")
	doc.update(
		{
			"source_type": source_type,
			"source_doctype": source_doctype,
			"source_name": source_name,
			"complaint": source.complaint,
			"procedure": source.procedure,
			"service_area": source.service_area,
		}
	)
	if source_row:
		row = recommendation_row(source_doctype, source_name, source_row)
		if row is None:
			frappe.throw(
				_("{0} is not a recommendation of {1} {2}.").format(
					escape_html(source_row), _(source_doctype), escape_html(source_name)
				),
				LearningSourceError,
			)
		doc.update(
			{"source_row": row.name, "what_will_change": row.recommendation, "due_date": row.get("due_date")}
		)
	elif source_doctype == "Complaint Review Panel":
		doc.what_will_change = frappe.db.get_value(source_doctype, source_name, "recommendations")
	return doc.as_dict()
