"""A deterministic council year of complaints, as plain data (no frappe).

``generate_year(seed, count, end)`` gives the same cases for the same inputs, so
the demo site, tests and benchmarks can share it. Dates are real working-day
arithmetic (England), so clocks, extensions and pauses are consistent.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from complaints_app.setup.defaults import THEMES
from complaints_app.sla import WorkingCalendar
from complaints_app.vocabulary import NOT_UPHELD, PARTIALLY_UPHELD, RESOLVED_INFORMALLY, UPHELD

LOCALITIES = ("Amber Valley", "Bolsover", "Chesterfield", "Derbyshire Dales", "Erewash", "High Peak")
SERVICES = {
	"Corporate": (
		"Waste and Recycling",
		"Highways",
		"Council Tax",
		"Planning",
		"School Transport",
		"Libraries",
	),
	"Children's social care": (*LOCALITIES, "SEND"),
	"Adult social care": LOCALITIES,
	"Schools": ("Schools",),
}
# name, type, weight, response days per stage, extension cap per stage
PROCEDURES = (
	("LGSCO Complaint Handling Code 2024", "Corporate", 45, (10, 20), (10, 20)),
	("Children's social care (statutory)", "Children's social care", 20, (10, 25, 50), (10, 40, 0)),
	("Adult social care (statutory)", "Adult social care", 15, (40,), (0,)),
	("Corporate, calendar days", "Corporate", 10, (20, 20), (10, 10)),
	("Corporate, early resolution", "Corporate", 5, (3, 25, 20), (0, 10, 10)),
	("School complaints", "Schools", 5, (10, 15, 20), (0, 0, 0)),
)
OUTCOMES = ((UPHELD, 20), (PARTIALLY_UPHELD, 30), (NOT_UPHELD, 40), (RESOLVED_INFORMALLY, 10))
FIRST_NAMES = ("Alex", "Sam", "Jo", "Priya", "Tom", "Aisha", "Ben", "Chloe", "Dev", "Ellie", "Femi", "Grace")
SURNAMES = (
	"Smith",
	"Patel",
	"Jones",
	"Khan",
	"Taylor",
	"Brown",
	"Wilson",
	"Evans",
	"Walker",
	"Hughes",
	"Ali",
)
SUBJECTS = {
	"Corporate": (
		"Missed bin collection",
		"Pothole not repaired",
		"Council tax bill error",
		"Planning decision delay",
	),
	"Children's social care": ("Contact arrangements", "Social worker changes", "Support plan not followed"),
	"Adult social care": ("Care package reduced", "Home care visits missed", "Financial assessment"),
	"Schools": ("Bullying not addressed", "Exclusion process", "SEN support"),
}
OMBUDSMAN_DECISIONS = (
	("Premature referral", 35),
	("Closed after initial enquiries", 30),
	("Not upheld", 10),
	("Upheld: maladministration and injustice", 20),
	("Upheld: no further action (council already remedied)", 5),
)


@dataclass
class StageSpec:
	acknowledged_on: date | None = None
	responded_on: date | None = None
	outcome: str | None = None
	pause: tuple[date, date, str] | None = None
	extension: tuple[int, str, date] | None = None
	requested_at: datetime | None = None
	statement_agreed_on: date | None = None
	report_date: date | None = None
	panel_date: date | None = None
	report_sent_on: date | None = None
	council_response_on: date | None = None
	agreed_response_date: date | None = None


@dataclass
class CaseSpec:
	procedure: str
	procedure_type: str
	received_at: datetime
	channel: str
	service_area: str
	theme: str
	subject: str
	complainant: str
	stages: list[StageSpec] = field(default_factory=list)
	triage: str | None = None  # "service request" | "out of remit"
	closure: tuple[str, str] | None = None  # (outcome, reason)
	ombudsman: tuple[str, date, str] | None = None  # (reference, received, decision)


def _pick(rng: random.Random, weighted) -> str:
	return rng.choices([w[0] for w in weighted], weights=[w[-1] for w in weighted])[0]


def generate_year(seed: int = 2025, count: int = 300, end: date | None = None) -> list[CaseSpec]:
	"""``count`` complaints received over the 365 days before ``end``, oldest first."""
	rng = random.Random(seed)
	end = end or date(2026, 3, 31)
	calendar = WorkingCalendar("England")
	start = end - timedelta(days=365)
	cases = []
	for i in range(count):
		name, ptype, _w, days, caps = rng.choices(PROCEDURES, weights=[p[2] for p in PROCEDURES])[0]
		received = calendar.working_day_on_or_after(start + timedelta(days=int(rng.random() * 360)))
		case = CaseSpec(
			procedure=name,
			procedure_type=ptype,
			received_at=datetime.combine(received, time(9 + rng.randrange(8), rng.randrange(60))),
			channel=_pick(
				rng, (("Web", 50), ("Email", 25), ("Phone", 15), ("Letter", 5), ("Councillor/MP", 5))
			),
			service_area=rng.choice(SERVICES[ptype]),
			theme=rng.choice(THEMES),
			subject=rng.choice(SUBJECTS[ptype]),
			complainant=f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}",
		)
		roll = rng.random()
		if roll < 0.05:
			case.triage = "service request"
		elif roll < 0.08:
			case.triage = "out of remit"
		else:
			_stages(rng, calendar, case, days, caps, end)
		if case.stages and case.stages[-1].responded_on and rng.random() < 0.05:
			received_by_ombudsman = case.stages[-1].responded_on + timedelta(days=rng.randrange(20, 90))
			if received_by_ombudsman < end:
				case.ombudsman = (
					f"{25 + i % 2}{rng.randrange(100000, 999999)}",
					received_by_ombudsman,
					_pick(rng, OMBUDSMAN_DECISIONS),
				)
		cases.append(case)
	cases.sort(key=lambda c: c.received_at)
	return cases


def _stages(rng, calendar, case: CaseSpec, days, caps, end: date) -> None:
	opened = case.received_at
	for number, (target, cap) in enumerate(zip(days, caps, strict=True), start=1):
		spec = StageSpec(requested_at=opened if number > 1 else None)
		day0 = calendar.working_day_on_or_after(opened.date())
		spec.acknowledged_on = calendar.add_working_days(day0, rng.randrange(0, 5))
		if case.procedure_type == "Adult social care":
			spec.agreed_response_date = calendar.add_working_days(day0, target + rng.randrange(0, 20))
		if number == 2 and case.procedure_type == "Children's social care":
			spec.statement_agreed_on = calendar.add_working_days(day0, rng.randrange(3, 10))
			day0 = spec.statement_agreed_on
		late = rng.random() < 0.25
		share = 1.0 + rng.random() * 0.5 if late else 0.4 + rng.random() * 0.6
		responded = calendar.add_working_days(day0, max(1, round(target * share)))
		if late and cap and rng.random() < 0.6:
			agreed = calendar.add_working_days(day0, max(1, target - 2))
			spec.extension = (rng.randrange(1, cap + 1), "Complex case: more information needed", agreed)
		if rng.random() < 0.1:
			pause_from = calendar.add_working_days(day0, rng.randrange(1, max(2, target)))
			pause_to = pause_from + timedelta(days=rng.randrange(3, 15))
			if pause_from < responded:
				spec.pause = (
					pause_from,
					pause_to,
					rng.choice(("Waiting for the complainant", "Concurrent court case")),
				)
				paused = calendar.working_days_between(
					pause_from - timedelta(days=1), pause_to - timedelta(days=1)
				)
				responded = calendar.working_day_on_or_after(
					max(pause_to, calendar.add_working_days(responded, paused))
				)
		if rng.random() < 0.04:
			_forget_the_future(spec, end)
			case.stages.append(spec)
			case.closure = ("Withdrawn", "The complainant withdrew the complaint")
			return
		if case.procedure_type == "Children's social care" and number == 2:
			spec.report_date = max(spec.statement_agreed_on, calendar.add_working_days(responded, -3))
		if case.procedure_type == "Children's social care" and number == 3:
			spec.panel_date = calendar.add_working_days(opened.date(), rng.randrange(15, 30))
			spec.report_sent_on = calendar.add_working_days(spec.panel_date, rng.randrange(2, 6))
			responded = calendar.add_working_days(spec.report_sent_on, rng.randrange(5, 16))
			spec.council_response_on = responded
		case.stages.append(spec)
		if responded >= end or (spec.report_sent_on and spec.report_sent_on >= end):
			spec.responded_on = spec.council_response_on = None
			_forget_the_future(spec, end)
			return
		spec.responded_on = responded
		spec.outcome = _pick(rng, OUTCOMES)
		childrens = case.procedure_type == "Children's social care"
		escalate = rng.random() < (0.5 if number > 1 else 0.3 if childrens else 0.15)
		if not escalate or number == len(days) or spec.outcome == "Upheld":
			return
		opened = datetime.combine(calendar.add_working_days(responded, rng.randrange(2, 15)), time(10, 0))
		if opened.date() >= end:
			return


def _forget_the_future(spec: StageSpec, end: date) -> None:
	"""A stage still running at ``end`` keeps only what had happened by then."""
	for name in ("acknowledged_on", "statement_agreed_on", "report_date", "panel_date", "report_sent_on"):
		value = getattr(spec, name)
		if value is not None and value >= end:
			setattr(spec, name, None)
	if spec.pause and spec.pause[1] >= end:
		spec.pause = None
	if spec.extension and spec.extension[2] >= end:
		spec.extension = None
