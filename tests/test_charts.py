"""The printed bar charts (``complaint_statistics.charts``): well-formed SVG whose bars match the figures."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest

from complaints_app.complaint_statistics.charts import (
	PALETTE,
	Layout,
	axis_max,
	bar_chart_svg,
	chart_svg,
	nice_step,
	wrap,
)

SVG = "{http://www.w3.org/2000/svg}"


def parse(svg: str) -> ET.Element:
	root = ET.fromstring(svg)
	assert root.tag == f"{SVG}svg"
	return root


def bars(root: ET.Element, colour: str | None = None) -> list[ET.Element]:
	"""The bars, legend swatches (10 x 10) left out."""
	return [
		r
		for r in root.iter(f"{SVG}rect")
		if not (r.get("width") == "10.0" and r.get("height") == "10.0")
		and (colour is None or r.get("fill") == colour)
	]


def texts(root: ET.Element) -> list[str]:
	return ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]


def test_one_bar_per_label_and_dataset_with_widths_in_proportion():
	svg = bar_chart_svg(["North", "South", "East"], [("2025/26", [10, 5, 0]), ("2024/25", [4, 8, 2])])
	root = parse(svg)
	current, previous = bars(root, PALETTE[0]), bars(root, PALETTE[1])
	assert len(current) == len(previous) == 3
	widths = [float(r.get("width")) for r in current]
	assert widths[0] == pytest.approx(2 * widths[1], abs=0.2)
	assert widths[2] == 0
	assert {"North", "South", "East", "2025/26", "2024/25", "10", "5", "8"} <= set(texts(root))


def test_a_single_dataset_has_no_legend():
	root = parse(bar_chart_svg(["Upheld", "Not upheld"], [("Complaints", [3, 7])]))
	assert "Complaints" not in texts(root)
	assert len(list(root.iter(f"{SVG}rect"))) == 2


def test_shares_are_drawn_out_of_100_with_percent_signs():
	root = parse(bar_chart_svg(["Acknowledged within timescale"], [("2025/26", [50])], unit="%"))
	(bar,) = bars(root)
	assert float(bar.get("width")) == pytest.approx(Layout().plot_width / 2, abs=0.2)
	assert {"50%", "0%", "100%"} <= set(texts(root))


def test_stacked_bars_sit_end_to_end_and_show_the_total():
	chart = {
		"data": {
			"labels": ["Apr 25"],
			"datasets": [{"name": "A", "values": [3]}, {"name": "B", "values": [2]}],
		},
		"type": "bar",
		"barOptions": {"stacked": 1},
	}
	root = parse(chart_svg(chart))
	a, b = bars(root, PALETTE[0])[0], bars(root, PALETTE[1])[0]
	assert float(b.get("x")) == pytest.approx(float(a.get("x")) + float(a.get("width")), abs=0.2)
	assert a.get("y") == b.get("y")
	assert "5" in texts(root)


def test_text_is_escaped():
	root = parse(bar_chart_svg(["Rates & <charges>"], [('Tom\'s "team"', [1]), ("B", [2])]))
	assert "Rates & <charges>" in texts(root)
	assert 'Tom\'s "team"' in texts(root)


def test_nothing_to_draw_gives_no_svg():
	assert bar_chart_svg([], [("A", [])]) == ""
	assert bar_chart_svg(["A"], []) == ""
	assert bar_chart_svg(["A", "B"], [("2025/26", [0, 0]), ("2024/25", [0, None])]) == ""
	assert chart_svg(None) == ""
	assert chart_svg({"data": {"labels": [], "datasets": []}}) == ""


def test_missing_and_negative_values_are_drawn_as_nothing():
	root = parse(bar_chart_svg(["A", "B", "C", "D"], [("n", [None, -3, 0, 2])]))
	assert [float(r.get("width")) for r in bars(root)] == [0, 0, 0, Layout().plot_width]


def test_the_chart_fills_its_column_and_keeps_its_proportions():
	"""Only the width is set, as 100%: wkhtmltopdf's page is not 680 pixels wide on every build."""
	short = parse(bar_chart_svg(["A"], [("n", [1])]))
	tall = parse(bar_chart_svg(["A", "B", "C"], [("n", [1, 2, 3])]))
	assert short.get("width") == "100%" and short.get("height") is None
	short_box, tall_box = (list(map(float, r.get("viewBox").split())) for r in (short, tall))
	assert short_box[:3] == [0, 0, Layout().width]
	assert tall_box[3] > short_box[3]


def test_long_labels_wrap_onto_two_lines_and_end_in_an_ellipsis():
	label = "Satisfactory remedy provided by the council (% of upheld) " * 2
	lines = wrap(label, 220)
	assert len(lines) == 2
	assert lines[1].endswith("…")
	assert all(len(line) <= int(220 / (0.56 * 10)) for line in lines)
	assert wrap("Upheld", 220) == ["Upheld"]


def test_gridline_steps_are_round():
	assert nice_step(7, whole=True) == 2
	assert nice_step(3, whole=True) == 1
	assert nice_step(0.3, whole=False) == pytest.approx(0.1)
	assert nice_step(430, whole=True) == 100
	assert axis_max(7, "", whole=True) == (8, 2)
	assert axis_max(0, "", whole=True) == (1, 1)
	assert axis_max(64, "%", whole=False) == (100, 20)


def test_imports_with_frappe_unimportable():
	code = (
		"import sys; sys.modules['frappe'] = None\n"
		"from complaints_app.complaint_statistics import charts\n"
		"assert charts.bar_chart_svg(['a'], [('n', [1])]).startswith('<svg')\n"
	)
	result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
	assert result.returncode == 0, result.stderr


def test_three_or_more_datasets_draw_thinner_bars_with_smaller_figures():
	two = parse(bar_chart_svg(["A"], [("x", [1]), ("y", [2])]))
	three = parse(bar_chart_svg(["A"], [("x", [1]), ("y", [2]), ("z", [3])]))
	assert float(bars(three)[0].get("height")) < float(bars(two)[0].get("height"))
	figure = next(t for t in three.iter(f"{SVG}text") if "".join(t.itertext()) == "3")
	assert int(figure.get("font-size")) < float(bars(two)[0].get("height"))
