"""Clear errors for values of the wrong type, for every doctype of the app.

Frappe v15 hands a REST body's values to the database nearly as they come, so a list
in a Link field, an object in a Data field or "2026-13-45" in a Date field ended as
an HTTP 500 from MariaDB or from Python. Every controller of the app inherits
``TypedInput``, which checks each value against its field type before Frappe
validates links or touches the database, and refuses a bad one with
``InvalidInputError`` (HTTP 417) and a sentence that names the field.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from decimal import Decimal

import frappe
from frappe import _
from frappe.model.base_document import BaseDocument
from frappe.model.document import Document

from complaints_app.complaints.errors import InvalidInputError, ProtectedFieldError

DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
TIME_RE = re.compile(r"^\d{1,2}:\d{2}(:\d{2}(\.\d{1,6})?)?$")
INT_RE = re.compile(r"^[+-]?\d+$")
TEXT_TYPES = frozenset(
	{
		"Data",
		"Link",
		"Dynamic Link",
		"Select",
		"Small Text",
		"Text",
		"Long Text",
		"Text Editor",
		"Markdown Editor",
		"HTML Editor",
		"Code",
		"Phone",
		"Read Only",
		"Autocomplete",
		"Password",
		"Attach",
		"Attach Image",
		"Color",
		"Signature",
		"Barcode",
		"Icon",
	}
)


class Refused(ValueError):
	"""Why a value does not fit its field (becomes the sentence the user reads)."""


def _text(value, df) -> str:
	if isinstance(value, str):
		return value
	if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
		raise Refused(_("expected text, got {0}").format(_kind(value)))
	return str(value)


def _date(value, df) -> date | str:
	if isinstance(value, datetime):
		return value.date()
	if isinstance(value, date):
		return value
	if isinstance(value, str) and DATE_RE.match(value):
		try:
			date.fromisoformat(value)
			return value
		except ValueError:
			pass
	raise Refused(_("expected a date as YYYY-MM-DD, got {0}").format(_shown(value)))


def _datetime(value, df) -> datetime | str:
	if isinstance(value, datetime | date):
		return value
	if isinstance(value, str) and DATE_RE.match(value[:10]):
		try:
			parsed = datetime.fromisoformat(value)
		except ValueError:
			parsed = None
		if parsed is not None and parsed.tzinfo is None:
			return value
	raise Refused(_("expected a date and time as YYYY-MM-DD HH:MM:SS, got {0}").format(_shown(value)))


def _time(value, df) -> time | timedelta | str:
	if isinstance(value, time | timedelta):
		return value
	if isinstance(value, str) and TIME_RE.match(value):
		hours, minutes, *rest = value.split(":")
		if int(hours) < 24 and int(minutes) < 60 and (not rest or float(rest[0]) < 60):
			return value
	raise Refused(_("expected a time as HH:MM:SS, got {0}").format(_shown(value)))


def _int(value, df) -> int:
	if isinstance(value, bool):
		return int(value)
	if isinstance(value, int):
		return value
	if isinstance(value, float | Decimal) and math.isfinite(value) and value == int(value):
		return int(value)
	if isinstance(value, str) and INT_RE.match(value.strip()):
		return int(value.strip())
	raise Refused(_("expected a whole number, got {0}").format(_shown(value)))


def _check(value, df) -> int:
	number = _int(value, df) if not isinstance(value, str) or INT_RE.match(value.strip()) else None
	if number not in (0, 1):
		raise Refused(_("expected 0 or 1, got {0}").format(_shown(value)))
	return number


def _float(value, df) -> float | int | Decimal:
	if isinstance(value, bool):
		return int(value)
	if isinstance(value, int | float | Decimal) and math.isfinite(value):
		return value
	if isinstance(value, str):
		try:
			number = float(value)
		except ValueError:
			number = None
		if number is not None and math.isfinite(number):
			return number
	raise Refused(_("expected a number, got {0}").format(_shown(value)))


CHECKS: dict[str, Callable] = {
	**{fieldtype: _text for fieldtype in TEXT_TYPES},
	"Date": _date,
	"Datetime": _datetime,
	"Time": _time,
	"Int": _int,
	"Duration": _int,
	"Check": _check,
	"Float": _float,
	"Currency": _float,
	"Percent": _float,
	"Rating": _float,
}


def _kind(value) -> str:
	if isinstance(value, list | tuple):
		return _("a list")
	if isinstance(value, dict):
		return _("an object")
	if isinstance(value, bool):
		return _("true or false")
	return _("a number") if isinstance(value, int | float | Decimal) else type(value).__name__


def _shown(value) -> str:
	if isinstance(value, str):
		return frappe.bold(value if len(value) <= 40 else value[:40] + "…")
	return _kind(value)


def _plain(value) -> str:
	return "" if value in (None, "", 0) else str(value)


def _where(doc: BaseDocument, df) -> str:
	label = _(df.label or df.fieldname)
	if not doc.get("parentfield"):
		return label
	table = frappe.get_meta(doc.parenttype).get_label(doc.parentfield)
	return _("{0}, row {1}: {2}").format(_(table), doc.idx or "?", label)


def check_input_types(doc: BaseDocument) -> None:
	"""Refuse, naming the field, any value that does not fit its field type; normalise the ones that do."""
	for record in (doc, *doc.get_all_children()):
		for df in record.meta.fields:
			value = record.get(df.fieldname)
			check = CHECKS.get(df.fieldtype)
			if check is None or value is None or value == "":
				continue
			try:
				record.set(df.fieldname, check(value, df))
				if df.fieldname == "naming_series" and value not in (df.options or "").split("\n"):
					raise Refused(
						_("expected one of the document's naming series, got {0}").format(_shown(value))
					)
			except Refused as refused:
				frappe.throw(
					_("{0}: {1}.").format(_where(record, df), refused),
					InvalidInputError,
					title=_("Invalid value"),
				)


class TypedInput:
	"""Mixin for every controller of the app: bad input is refused before Frappe uses it.

	``protected_fields`` are read-only fields the app sets itself at one moment (a stage's
	timescales when it opens, a complaint's outcome when it closes). Frappe does not stop a
	REST body from changing a read-only field, so a saved document refuses a change to them
	unless the code doing it says so (``allows_protected_changes``).
	"""

	protected_fields: tuple[str, ...] = ()

	def allows_protected_changes(self) -> bool:
		return bool(self.flags.allow_protected_changes)

	def refuse_protected_changes(self) -> None:
		if not self.protected_fields or self.is_new() or self.allows_protected_changes():
			return
		before = self.get_doc_before_save()
		if before is None:
			return
		for fieldname in self.protected_fields:
			if _plain(self.get(fieldname)) != _plain(before.get(fieldname)):
				frappe.throw(
					_("{0} is set by the app and cannot be changed here.").format(
						_(self.meta.get_label(fieldname))
					),
					ProtectedFieldError,
					title=_("Not editable"),
				)

	def set(self, key, value, as_value=False):
		if value is not None and key in self._table_fieldnames and not isinstance(value, list | tuple):
			frappe.throw(
				_("{0}: expected a list of rows, got {1}.").format(
					_(self.meta.get_label(key)), _kind(value) if not isinstance(value, str) else _("text")
				),
				InvalidInputError,
				title=_("Invalid value"),
			)
		return super().set(key, value, as_value=as_value)

	def append(self, key, value=None):
		if value is not None and not isinstance(value, dict | BaseDocument):
			frappe.throw(
				_("{0}: each row must be an object, not {1}.").format(
					_(self.meta.get_label(key)), _kind(value) if not isinstance(value, str) else _("text")
				),
				InvalidInputError,
				title=_("Invalid value"),
			)
		return super().append(key, value)

	def _validate_links(self):
		# Frappe's first look at the values (insert and save alike); links are checked next.
		check_input_types(self)
		self.refuse_protected_changes()
		return super()._validate_links()


class ComplaintsDocument(TypedInput, Document):
	"""Base class of the app's doctype controllers."""
