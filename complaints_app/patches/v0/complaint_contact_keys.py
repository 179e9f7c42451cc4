"""Complaints saved before contact matching existed: store their complainants' matching keys.

Without them, "Previous contact from this person" would find no complaint made before the
upgrade (the keys are written when a complaint is saved). ``rebuild`` rewrites them all and can
run again at any time with the same result.
"""

from complaints_app.complaint_contacts.contact_keys import rebuild


def execute() -> None:
	rebuild()
