# Copyright (c) 2026, complaints_app contributors
# For license information, please see license.txt
"""A tracking link's token, kept only as its hash; staff may revoke it or shorten its life."""

from __future__ import annotations

from complaints_app.complaints.input_types import ComplaintsDocument


class ComplaintAccessToken(ComplaintsDocument):
	# begin: auto-generated types
	# end: auto-generated types

	# The hash and the complaint are set when the link is issued; staff change only expiry and revocation.
	protected_fields = ("token_hash", "complaint", "issued_to")
