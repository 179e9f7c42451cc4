"""The words published complaint statistics use, defined once.

Plain Python with no frappe import: doctype Select options, controllers, the demo
generator and (later) reports all read these tuples, and a unit test
(``tests/test_vocabulary.py``) proves the shipped doctype JSON agrees with them.
"""

from __future__ import annotations

# The outcome of a stage, or of one theme or point within it (seed 003's table rows).
UPHELD = "Upheld"
PARTIALLY_UPHELD = "Partially upheld"
NOT_UPHELD = "Not upheld"
WITHDRAWN = "Withdrawn"
RESOLVED_INFORMALLY = "Resolved informally"
REFUSED = "Refused"
OUT_OF_REMIT = "Out of remit"

# What an investigation finds on a point of complaint.
FINDINGS = (UPHELD, PARTIALLY_UPHELD, NOT_UPHELD)
# How a stage (or the case) ends.
OUTCOMES = (*FINDINGS, WITHDRAWN, RESOLVED_INFORMALLY, REFUSED, OUT_OF_REMIT)
# The outcomes staff can close a complaint with before any stage is answered.
CLOSING_OUTCOMES = (WITHDRAWN, REFUSED, OUT_OF_REMIT)


def select_options(values: tuple[str, ...], blank: bool = True) -> str:
	"""The Select ``options`` string of a doctype field offering ``values``."""
	return "\n".join(("", *values) if blank else values)
