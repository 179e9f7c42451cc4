"""The statistics definitions (``complaint_statistics.definitions``), in plain pytest with no Frappe.

Expected figures are counted by hand, several from seed 003 (Derbyshire 2020/21), whose
published cells the definitions must reproduce from the same counts.
"""

from __future__ import annotations

import subprocess
import sys
from datetime import date

import pytest

from complaints_app.complaint_statistics.definitions import (
	OUTCOME_ROWS,
	REMAINS_OPEN,
	AreaFigures,
	Escalations,
	OmbudsmanFigures,
	Period,
	PeriodError,
	StageTiming,
	Thresholds,
	Timeliness,
	area_figures,
	change,
	compare,
	count_and_percent,
	financial_year,
	outcome_row,
	outcome_totals,
	per_thousand,
	percent,
	stage_summary,
	theme_outcome_table,
)
from complaints_app.sla import Pause, WorkingCalendar, elapsed_days


def test_definitions_import_with_frappe_unimportable():
	code = (
		"import sys; sys.modules['frappe'] = None\n"
		"from complaints_app.complaint_statistics import definitions\n"
		"assert definitions.percent(20, 34) == 59\n"
	)
	result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
	assert result.returncode == 0, result.stderr


# -- periods -----------------------------------------------------------------------


def test_financial_year_runs_april_to_march():
	assert financial_year(date(2026, 11, 25)) == Period(date(2026, 4, 1), date(2027, 3, 31))
	assert financial_year(date(2027, 3, 31)) == Period(date(2026, 4, 1), date(2027, 3, 31))
	assert financial_year(date(2026, 4, 1)).label == "2026/27"


def test_previous_period_is_a_year_earlier_and_leap_days_fold():
	assert Period(date(2020, 4, 1), date(2021, 3, 31)).previous() == Period(
		date(2019, 4, 1), date(2020, 3, 31)
	)
	assert Period(date(2024, 2, 29), date(2024, 3, 31)).previous().start == date(2023, 2, 28)


def test_a_period_ending_with_february_keeps_the_leap_day_a_year_earlier():
	previous = Period(date(2024, 3, 1), date(2025, 2, 28)).previous()
	assert previous == Period(date(2023, 3, 1), date(2024, 2, 29))
	assert Period(date(2025, 3, 1), date(2026, 2, 28)).previous().end == date(2025, 2, 28)
	assert Period(date(2025, 1, 1), date(2025, 12, 31)).previous() == Period(
		date(2024, 1, 1), date(2024, 12, 31)
	)


def test_a_period_that_ends_before_it_starts_is_refused():
	with pytest.raises(PeriodError, match="ends"):
		Period(date(2026, 4, 2), date(2026, 4, 1))


def test_months_of_a_period():
	assert Period(date(2025, 11, 15), date(2026, 2, 1)).months() == [
		(2025, 11),
		(2025, 12),
		(2026, 1),
		(2026, 2),
	]


def test_label_of_a_period_that_is_not_a_financial_year():
	assert Period(date(2026, 1, 1), date(2026, 6, 30)).label == "1 Jan 2026 to 30 Jun 2026"


# -- percentages: seed 003's printed cells --------------------------------------------


@pytest.mark.parametrize(
	("part", "whole", "printed"),
	[
		(20, 34, "20 (59%)"),  # Amber Valley, formally responded to
		(13, 20, "13 (65%)"),  # Amber Valley, within timescale
		(10, 44, "10 (23%)"),  # Chesterfield, within timescale
		(2, 54, "2 (4%)"),  # North East and Bolsover, upheld
		(1, 8, "1 (13%)"),  # 12.5% rounds half up
		(0, 0, "0"),  # nothing to take a share of
	],
)
def test_count_and_percent_prints_as_seed_003(part, whole, printed):
	assert count_and_percent(part, whole) == printed


def test_percent_of_nothing_is_none_not_zero():
	assert percent(0, 0) is None
	assert change(None, 50.0) is None
	assert change(47.0, 61.0) == -14.0


# -- theme and outcome -----------------------------------------------------------------


def test_theme_outcome_table_folds_refused_and_adds_missing_themes():
	counts = {
		("Communication", "Upheld"): 4,
		("Communication", "Refused"): 1,
		("Communication", "Out of remit"): 3,
		("Speed of Service", REMAINS_OPEN): 1,
		(None, "Not upheld"): 2,
		("Retired theme", "Withdrawn"): 1,
	}
	table = theme_outcome_table(counts, ["Communication", "Speed of Service"])
	assert list(table) == list(OUTCOME_ROWS)
	assert table["Out of remit"]["Communication"] == 4
	assert table["Upheld"]["Communication"] == 4
	assert table[REMAINS_OPEN]["Speed of Service"] == 1
	assert table["Not upheld"]["Not recorded"] == 2
	assert table["Withdrawn"]["Retired theme"] == 1
	assert sum(sum(row.values()) for row in table.values()) == 12


def test_outcome_row_of_nothing_is_remains_open():
	assert outcome_row(None) == REMAINS_OPEN
	assert outcome_row("") == REMAINS_OPEN
	assert outcome_row("Refused") == "Out of remit"


def test_outcome_totals_use_the_last_key_by_default():
	assert outcome_totals({("A", "Upheld"): 2, ("B", "Upheld"): 1, ("B", "Refused"): 1})["Upheld"] == 3


# -- by service area -------------------------------------------------------------------


def test_area_figures_reproduce_amber_valley():
	"""Seed 003: 34 received, 20 (59%) responded, 13 (65%) in time, 2 (10%) upheld, 0 open."""
	counts = {
		("Amber Valley", "Upheld", 1): 2,
		("Amber Valley", "Partially upheld", 1): 5,
		("Amber Valley", "Not upheld", 1): 6,
		("Amber Valley", "Not upheld", 0): 7,
		("Amber Valley", "Withdrawn", 0): 4,
		("Amber Valley", "Out of remit", 0): 10,
	}
	figures = area_figures(counts, {"Amber Valley": "Amber Valley"})["Amber Valley"]
	assert figures.cells == {
		"received": "34",
		"responded": "20 (59%)",
		"in_time": "13 (65%)",
		"upheld": "2 (10%)",
		"remained_open": "0",
	}


def test_area_figures_roll_up_to_the_column_and_skip_unmapped_areas():
	counts = {("Ward 1", "Upheld", 1): 1, ("Ward 2", REMAINS_OPEN, 0): 2, ("Elsewhere", "Upheld", 1): 9}
	figures = area_figures(counts, {"Ward 1": "North", "Ward 2": "North"})
	assert list(figures) == ["North"]
	assert figures["North"] == AreaFigures(received=3, responded=1, in_time=1, upheld=1, remained_open=2)
	assert (figures["North"] + AreaFigures(received=1)).received == 4


# -- stage 2 summary ---------------------------------------------------------------------


def test_stage_summary_reproduces_seed_003():
	"""52 requests: 11 on hold, 3 refused, 7 withdrawn, 5 mediation, 26 investigated (1/9/3, 13 open)."""
	counts = {
		(REMAINS_OPEN, 1): 11,
		("Refused", 0): 2,
		("Out of remit", 0): 1,
		("Withdrawn", 0): 7,
		("Resolved informally", 0): 5,
		("Upheld", 0): 1,
		("Partially upheld", 0): 9,
		("Not upheld", 0): 3,
		(REMAINS_OPEN, 0): 13,
	}
	assert stage_summary(counts) == {
		"received": 52,
		"on_hold": 11,
		"refused": 3,
		"withdrawn": 7,
		"mediation": 5,
		"investigated": 26,
		"upheld": 1,
		"partially_upheld": 9,
		"not_upheld": 3,
		"open": 13,
	}


# -- timeliness -----------------------------------------------------------------------------


def timing(days: int | None, calendar_days: int | None = None, original=True, extended=True) -> StageTiming:
	return StageTiming(
		formally_responded=days is not None,
		acknowledgement_due=True,
		acknowledged_in_time=True,
		in_time_original=original,
		in_time_extended=extended,
		working_days=days,
		calendar_days=calendar_days,
	)


def test_timeliness_figures_counted_by_hand():
	stages = [
		timing(5, 7),
		timing(10, 14),
		timing(15, 21, original=False),
		timing(25, 35, original=False, extended=False),
		timing(None),  # not answered: counts only for the acknowledgement
		StageTiming(False, acknowledgement_due=True, acknowledged_in_time=False),
	]
	figures = {
		label: value
		for label, _unit, value in Timeliness(stages, {1: Escalations(4, 1)}).figures(Thresholds())
	}
	assert figures["Acknowledged within timescale"] == pytest.approx(500 / 6)
	assert figures["Formally responded to"] == 4
	assert figures["Responded within the original target"] == 50.0
	assert figures["Responded within the extended target"] == 75.0
	assert figures["Responded within 10 working days"] == 50.0
	assert figures["Responded within 20 working days"] == 75.0
	assert figures["Responded within 28 calendar days"] == 75.0
	assert figures["Median working days to respond"] == 12.5
	assert figures["Mean working days to respond"] == 13.8
	assert figures["Escalation rate, stage 1 to stage 2"] == 25.0


def test_compare_gives_points_of_change_and_keeps_missing_as_none():
	rows = compare([("Acknowledged", "%", 99.0), ("New", "%", 10.0)], [("Acknowledged", "%", 71.0)])
	assert rows[0] == {
		"measure": "Acknowledged",
		"unit": "%",
		"current": 99.0,
		"previous": 71.0,
		"change": 28.0,
	}
	assert rows[1]["previous"] is None and rows[1]["change"] is None


def test_days_to_respond_skip_paused_days_and_count_calendar_days_too():
	england = WorkingCalendar("ENG")
	# Day 0 Monday 2 March 2026; answered Monday 16 March: 10 working days, 14 calendar days.
	assert elapsed_days(england, date(2026, 3, 2), date(2026, 3, 16)) == 10
	assert elapsed_days(england, date(2026, 3, 2), date(2026, 3, 16), working=False) == 14
	# On hold Tuesday 3 to Thursday 5 March (taken off hold on the 5th): 2 working days do not count.
	paused = [Pause(date(2026, 3, 3), date(2026, 3, 5))]
	assert elapsed_days(england, date(2026, 3, 2), date(2026, 3, 16), paused) == 8


# -- Ombudsman ----------------------------------------------------------------------------------


def test_ombudsman_figures_reproduce_derbyshire():
	"""Seed 003: 46 enquiries, 20 premature, 19 detailed, 13 upheld (68%), 15% remedied (2 of 13)."""
	figures = OmbudsmanFigures(received=46)
	figures.count("Enquiry", "Premature referral", None, 20)
	figures.count("Enquiry", "Closed after initial enquiries", None, 5)
	figures.count("Enquiry", "Out of jurisdiction", None, 2)
	figures.count("Detailed investigation", "Not upheld", None, 6)
	figures.count("Detailed investigation", "Upheld: maladministration and injustice", "Complied", 10)
	figures.count("Detailed investigation", "Upheld: maladministration and injustice", "Not complied", 1)
	figures.count("Detailed investigation", "Upheld: no further action (council already remedied)", None, 2)
	values = {key: value for key, _label, _unit, value in figures.rows}
	assert values["received"] == 46
	assert values["premature"] == 20
	assert values["closed_early"] == 7
	assert values["detailed"] == 19
	assert values["upheld"] == 13
	assert percent(13, 19) == 68
	assert round(values["upheld_rate"]) == 68
	assert round(values["remedy_rate"]) == 15
	assert round(values["compliance_rate"]) == 91


def test_tenant_satisfaction_ch01_per_thousand_homes():
	assert per_thousand(57, 12_000) == 4.8
	assert per_thousand(3, 0) is None
