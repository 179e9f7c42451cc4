"""The shipped doctype JSON offers exactly the words ``complaints_app.vocabulary`` defines (plain pytest, no Frappe).

A Select field's options are stored in the doctype JSON; the controllers, the demo generator and the
reports read the tuples in ``vocabulary.py`` and the ``Status`` enum of the SLA core. Each test
below names the doctype field it reads, so a failure says which one has drifted.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest

from complaints_app.sla import Status
from complaints_app.vocabulary import FINDINGS, OUTCOMES, select_options

DOCTYPES = Path(__file__).resolve().parents[1] / "complaints_app" / "complaints" / "doctype"


@cache
def doctype_fields(doctype: str) -> dict[str, dict]:
	"""The fields of a shipped doctype by fieldname, read from ``doctype/<name>/<name>.json``."""
	path = DOCTYPES / doctype / f"{doctype}.json"
	fields = json.loads(path.read_text(encoding="utf-8"))["fields"]
	names = [f["fieldname"] for f in fields]
	assert len(names) == len(set(names)), f"{path} has a fieldname twice"
	return {f["fieldname"]: f for f in fields}


def select_options_of(doctype: str, fieldname: str) -> str:
	field = doctype_fields(doctype).get(fieldname)
	assert field is not None, f"{doctype}.{fieldname}: no such field in {doctype}.json"
	assert (
		field.get("fieldtype") == "Select"
	), f"{doctype}.{fieldname} is a {field.get('fieldtype')}, not a Select"
	return field.get("options") or ""


CLOCK_STATUSES = "\n".join(["", *(status.value for status in Status)])


@pytest.mark.parametrize(
	("doctype", "fieldname", "expected"),
	[
		pytest.param(doctype, fieldname, expected, id=f"{doctype}.{fieldname}")
		for doctype, fieldname, expected in (
			("complaint_stage", "outcome", select_options(OUTCOMES)),
			("complaint_theme_outcome", "outcome", select_options(OUTCOMES)),
			("complaint", "final_outcome", select_options(OUTCOMES)),
			("complaint_investigation_point", "finding", select_options(FINDINGS)),
			# Blank until the clock first runs, then the SLA core's statuses in their order.
			("complaint_stage", "clock_status", CLOCK_STATUSES),
		)
	],
)
def test_select_options_agree_with_the_vocabulary(doctype, fieldname, expected):
	options = select_options_of(doctype, fieldname)
	# Compared as lists (lossless: joining them gives the strings back) so a failure shows the word that differs.
	assert options.split("\n") == expected.split(
		"\n"
	), f"{doctype}.{fieldname}: the Select options in {doctype}.json disagree with the vocabulary"
