"""The demo generator is deterministic and internally consistent (plain pytest, no Frappe)."""

from __future__ import annotations

from datetime import date

from complaints_app.demo.generator import generate_year
from complaints_app.sla import WorkingCalendar

END = date(2026, 3, 31)


def test_same_seed_same_year():
	assert generate_year(seed=7, count=60, end=END) == generate_year(seed=7, count=60, end=END)
	assert generate_year(seed=7, count=60, end=END) != generate_year(seed=8, count=60, end=END)


def test_a_lived_in_year():
	cases = generate_year(count=300, end=END)
	assert len(cases) == 300
	assert all(date(2025, 3, 31) <= c.received_at.date() < END for c in cases)
	assert any(len(c.stages) == 3 for c in cases), "a few cases reach a review panel"
	assert any(c.ombudsman for c in cases)
	assert any(s.pause for c in cases for s in c.stages)
	assert any(s.extension for c in cases for s in c.stages)
	assert any(c.stages and c.stages[-1].responded_on is None for c in cases), "some remain open"


def test_nothing_happens_after_the_end_or_before_it_started():
	calendar = WorkingCalendar("England")
	for case in generate_year(count=300, end=END):
		for stage in case.stages:
			for d in (stage.acknowledged_on, stage.responded_on, stage.report_sent_on, stage.panel_date):
				assert d is None or d < END
			if stage.responded_on:
				assert stage.responded_on >= case.received_at.date()
				assert calendar.is_working_day(stage.responded_on)
			if stage.pause:
				assert stage.pause[0] < stage.pause[1] < END
