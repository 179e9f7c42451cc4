"""Who a complainant can go to after the council, and how: the one place the Ombudsmen's details live.

A pure module (no ``frappe``): letters, emails and the portal's refusals all take the
contact details from here. The complaint procedure's ``ombudsman`` field ("LGSCO" or
"Housing Ombudsman") names the one that applies.

Sources: the LGSCO Complaint Handling Code 2024 and the Housing Ombudsman Complaint
Handling Code 2024 require a final response (and an extension notice) to give the
Ombudsman's contact details and the time limit for going to them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

LGSCO = "LGSCO"
HOUSING_OMBUDSMAN = "Housing Ombudsman"


def _(text: str) -> str:
	"""Marks a sentence for translation; callers pass ``frappe._`` to translate it."""
	return text


@dataclass(frozen=True)
class OmbudsmanContact:
	key: str
	name: str
	website: str
	phone: str
	time_limit: str

	@property
	def url(self) -> str:
		return f"https://{self.website}"


_CONTACTS = {
	LGSCO: OmbudsmanContact(
		key=LGSCO,
		name=_("Local Government and Social Care Ombudsman"),
		website="www.lgo.org.uk",
		phone="0300 061 0614",
		time_limit=_(
			"You should normally contact the Ombudsman within 12 months of becoming aware of the problem."
		),
	),
	HOUSING_OMBUDSMAN: OmbudsmanContact(
		key=HOUSING_OMBUDSMAN,
		name=_("Housing Ombudsman Service"),
		website="www.housing-ombudsman.org.uk",
		phone="0300 111 3000",
		time_limit=_("You must contact the Ombudsman within 12 months of our final response."),
	),
}
OMBUDSMEN = tuple(_CONTACTS)


def contact(ombudsman: str) -> OmbudsmanContact:
	"""The contact details of ``ombudsman`` (a procedure's ``ombudsman`` value); ValueError for any other."""
	try:
		return _CONTACTS[ombudsman]
	except KeyError:
		raise ValueError(f"Unknown Ombudsman {ombudsman!r}: expected one of {', '.join(OMBUDSMEN)}") from None


def contact_block(ombudsman: str, translate: Callable[[str], str] = _) -> str:
	"""One plain-text paragraph: who the Ombudsman is, their website and phone, and the time limit.

	``translate`` is ``frappe._`` on a site; the default leaves the English as it is.
	"""
	c = contact(ombudsman)
	return " ".join(
		(
			translate(_("If you are not satisfied, you can ask the {0} to look at your complaint.")).format(
				translate(c.name)
			),
			translate(_("Website: {0}. Telephone: {1}.")).format(c.website, c.phone),
			translate(c.time_limit),
		)
	)


def contact_details(ombudsman: str, translate: Callable[[str], str] = _) -> dict[str, str]:
	"""The same facts as a mapping, for templates: name, website, url, phone, time_limit and block."""
	c = contact(ombudsman)
	return {
		"key": c.key,
		"name": translate(c.name),
		"website": c.website,
		"url": c.url,
		"phone": c.phone,
		"time_limit": translate(c.time_limit),
		"block": contact_block(ombudsman, translate),
	}
