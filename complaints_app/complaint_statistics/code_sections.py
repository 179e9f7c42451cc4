"""The nine sections of the Complaint Handling Code, as the annual self-assessment lists them.

Nothing here imports frappe. The LGSCO Complaint Handling Code 2024 (issued under
s23(12A) Local Government Act 1974; the Ombudsman applies it from 1 April 2026) and the
Housing Ombudsman Complaint Handling Code 2024 (statutory since 1 April 2024) share the
same nine sections. What each asks is summarised here in our own words, once for a
council and once for a landlord; the Codes themselves are the authority.
"""

from __future__ import annotations

from dataclasses import dataclass

LGSCO = "LGSCO"
HOUSING_OMBUDSMAN = "Housing Ombudsman"
OMBUDSMEN = (LGSCO, HOUSING_OMBUDSMAN)

CODE_NAMES = {
	LGSCO: "LGSCO Complaint Handling Code 2024",
	HOUSING_OMBUDSMAN: "Housing Ombudsman Complaint Handling Code 2024",
}
CODE_STATUS = {
	LGSCO: (
		"Issued by the Local Government and Social Care Ombudsman under section 23(12A) of the "
		"Local Government Act 1974; the Ombudsman applies it to complaints from 1 April 2026."
	),
	HOUSING_OMBUDSMAN: (
		"Statutory since 1 April 2024 (Social Housing (Regulation) Act 2023); a landlord must "
		"comply with it and the Housing Ombudsman monitors compliance."
	),
}

SECTION_TITLES = (
	("1", "Definitions"),
	("2", "Exclusions"),
	("3", "Accessibility and awareness"),
	("4", "Complaint handling staff"),
	("5", "The complaint handling process"),
	("6", "Complaint stages"),
	("7", "Putting things right"),
	("8", "Self-assessment, reporting and compliance"),
	("9", "Scrutiny and oversight: continuous learning and improvement"),
)

_REQUIREMENTS = {
	LGSCO: (
		"A complaint is any expression of dissatisfaction, however made, with what the council did or "
		"failed to do or with the standard of its service. A service request is not a complaint, but "
		"dissatisfaction with how one was handled is.",
		"The council declines a complaint only for reasons its policy sets out and that are fair "
		"(for example a matter in legal proceedings), tells the person why in writing, and tells them "
		"they can go to the Ombudsman.",
		"People can complain in any way that suits them, with reasonable adjustments under the Equality "
		"Act 2010. The policy, its stages and timescales, and how to reach the Ombudsman are published "
		"and easy to find.",
		"A named person or team is accountable for complaint handling, has the authority and time to "
		"resolve complaints and can reach senior staff; staff who handle complaints are trained and "
		"supported.",
		"One procedure with two stages for every complaint. Complaints are acknowledged within 5 working "
		"days with the council's understanding of them and the outcome sought; records are kept, and any "
		"restriction on contact is proportionate and reviewed.",
		"Stage 1 answered within 10 working days of acknowledgement, extendable by up to 10 with reasons. "
		"Stage 2 acknowledged within 5 working days and answered within 20 (up to 20 more), by someone "
		"not involved at stage 1. Each answer covers every point and gives the Ombudsman's details.",
		"Where something went wrong the council says so, sets out how it will put it right (apology, "
		"action, financial remedy, change of practice), considers the Ombudsman's guidance on remedies "
		"and does what it promised.",
		"Each year the council reports its complaint handling performance and service improvements, with "
		"this self-assessment, to its governing body, publishes the report with the governing body's "
		"response, and sends the self-assessment to the Ombudsman; it reassesses after a significant "
		"change.",
		"Complaints are used to learn and improve: themes and trends are reported to senior leaders and "
		"elected members, and a senior officer and a member-level lead oversee complaint handling.",
	),
	HOUSING_OMBUDSMAN: (
		"A complaint is any expression of dissatisfaction, however made, with the landlord's action or "
		"inaction or the standard of its service, by one or more residents. Service requests are "
		"recorded and monitored; dissatisfaction with one is a complaint.",
		"The landlord refuses a complaint only for reasons its policy sets out, applied fairly and never "
		"as a blanket rule, explains the decision in writing and tells the resident they can go to the "
		"Housing Ombudsman.",
		"Residents can complain through several channels, with reasonable adjustments under the Equality "
		"Act 2010. The policy is published and publicised, including how to reach the Housing Ombudsman, "
		"and residents are encouraged to complain.",
		"A complaints officer or team has the authority and autonomy to act and access to staff at all "
		"levels; complaint handling is treated as a core service, resourced and supported by training.",
		"A single two-stage policy for all complaints. The landlord acknowledges within 5 working days, "
		"sets out its understanding of the complaint and the outcomes sought, keeps a full record, and "
		"follows a policy when it restricts contact.",
		"Stage 1 answered within 10 working days of acknowledgement; stage 2 answered within 20 working "
		"days of acknowledging the escalation, by someone not involved at stage 1. Extensions (up to 10 "
		"and 20 working days) are explained, with the Housing Ombudsman's details.",
		"Where something went wrong the landlord acknowledges it and puts it right (apology, repairs or "
		"other action, compensation, change of policy), taking account of the Housing Ombudsman's "
		"remedies guidance, and does what it promised.",
		"Each year the landlord publishes a complaints performance and service improvement report with "
		"this self-assessment and its governing body's response, and submits them to the Housing "
		"Ombudsman, as the statutory Code requires; it reassesses after a significant change.",
		"The landlord learns from complaints and reports trends. A Member Responsible for Complaints on "
		"the governing body has lead responsibility for complaints and receives regular reports; a senior "
		"lead is accountable for complaint handling.",
	),
}


class UnknownOmbudsmanError(ValueError):
	"""An Ombudsman whose Code this module does not know."""


@dataclass(frozen=True)
class CodeSection:
	number: str
	title: str
	requirement: str


def code_sections(ombudsman: str) -> tuple[CodeSection, ...]:
	"""The nine sections of ``ombudsman``'s Code, in order, each with what it asks."""
	if ombudsman not in _REQUIREMENTS:
		raise UnknownOmbudsmanError(f"There is no Complaint Handling Code for {ombudsman!r}.")
	return tuple(
		CodeSection(number, title, requirement)
		for (number, title), requirement in zip(SECTION_TITLES, _REQUIREMENTS[ombudsman], strict=True)
	)


def code_name(ombudsman: str) -> str:
	if ombudsman not in CODE_NAMES:
		raise UnknownOmbudsmanError(f"There is no Complaint Handling Code for {ombudsman!r}.")
	return CODE_NAMES[ombudsman]
