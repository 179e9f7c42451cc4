"""A small horizontal bar chart as inline SVG, for printed reports.

Nothing here imports frappe. wkhtmltopdf runs no JavaScript, so the charts the reports
draw in the browser (Frappe Charts) are drawn again here, on the server, from the same
chart data: ``{"data": {"labels": [...], "datasets": [{"name", "values"}]}}``. Bars are
horizontal so that long labels ("Responded within the extended target") stay readable;
several datasets are drawn side by side, or stacked when the report asks for it.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from xml.sax.saxutils import escape, quoteattr

PALETTE = ("#2f5597", "#a5a5a5", "#ed7d31", "#70ad47", "#ffc000", "#5b9bd5", "#9e480e", "#264478")
FONT = "Helvetica, Arial, sans-serif"
FONT_SIZE = 10
CHAR_WIDTH = 0.56 * FONT_SIZE  # an average glyph of the font, for wrapping labels
LINE = 12


@dataclass(frozen=True)
class Layout:
	width: int = 680
	label_width: int = 220
	value_width: int = 44
	bar: int = 11
	gap: int = 8

	@property
	def plot_x(self) -> int:
		return self.label_width + 8

	@property
	def plot_width(self) -> int:
		return self.width - self.plot_x - self.value_width


def nice_step(largest: float, whole: bool) -> float:
	"""A round gridline step (1, 2 or 5 times a power of ten) giving about four to six lines."""
	if largest <= 0:
		return 1
	rough = largest / 5
	power = 10 ** math.floor(math.log10(rough))
	step = next(m * power for m in (1, 2, 5, 10) if m * power >= rough)
	return max(step, 1) if whole else step


def axis_max(largest: float, unit: str, whole: bool) -> tuple[float, float]:
	"""(top of the axis, gridline step); a share is drawn out of 100 unless it exceeds it."""
	if unit == "%" and largest <= 100:
		return 100, 20
	step = nice_step(largest, whole)
	return max(step, math.ceil(largest / step) * step), step


def show_number(value: float, unit: str = "") -> str:
	text = str(int(value)) if float(value).is_integer() else f"{value:.1f}"
	return f"{text}{unit}" if unit == "%" else text


def wrap(text: str, width: float, lines: int = 2) -> list[str]:
	"""``text`` in at most ``lines`` lines of ``width`` pixels; what does not fit ends in an ellipsis."""
	per_line = max(4, int(width / CHAR_WIDTH))
	out: list[str] = []
	for word in text.split():
		if out and len(out[-1]) + 1 + len(word) <= per_line:
			out[-1] += " " + word
		else:
			out.append(word)
	kept = out[:lines]
	if len(out) > lines:
		kept[-1] = kept[-1][: per_line - 1].rstrip() + "…"
	return [line if len(line) <= per_line else line[: per_line - 1].rstrip() + "…" for line in kept]


def _numbers(values: Sequence, length: int) -> list[float]:
	numbers = []
	for v in list(values)[:length]:
		try:
			numbers.append(max(0.0, float(v or 0)))
		except (TypeError, ValueError):
			numbers.append(0.0)
	return numbers + [0.0] * (length - len(numbers))


def bar_chart_svg(
	labels: Sequence[str],
	datasets: Sequence[tuple[str, Sequence]],
	*,
	unit: str = "",
	stacked: bool = False,
	layout: Layout | None = None,
	description: str = "",
) -> str:
	"""An SVG bar chart: one group of bars per label, one bar per dataset (or one stacked bar).

	``datasets`` is a list of (name, values); missing or negative values count as 0.
	Returns "" when there is nothing to draw: no labels, no datasets, or nothing but zeros.
	"""
	layout = layout or Layout()
	labels = [str(label) for label in labels]
	series = [(str(name), _numbers(values, len(labels))) for name, values in datasets]
	if not labels or not series or not any(v for _name, values in series for v in values):
		return ""
	stacked = stacked and len(series) > 1
	totals = [sum(s[1][i] for s in series) for i in range(len(labels))]
	largest = max(totals) if stacked else max(max(s[1]) for s in series)
	whole = all(float(v).is_integer() for _n, values in series for v in values)
	top, step = axis_max(largest, unit, whole)

	parts: list[str] = []
	y = 4
	if len(series) > 1:
		legend, y = _legend(series, layout, y)
		parts.append(legend)
	bars_per_group = 1 if stacked else len(series)
	if bars_per_group > 2:  # thinner bars, so that three or more a label stay on one page
		layout = replace(layout, bar=max(8, layout.bar * 3 // 4))
	heights = [
		max(bars_per_group * layout.bar, len(wrap(label, layout.label_width)) * LINE) for label in labels
	]
	plot_top = y + 4
	plot_bottom = plot_top + sum(heights) + len(labels) * layout.gap
	parts.append(_grid(top, step, unit, layout, plot_top, plot_bottom))

	def x_of(value: float) -> float:
		return layout.plot_x + layout.plot_width * min(value, top) / top

	group_y = plot_top + layout.gap / 2
	for i, (label, group_height) in enumerate(zip(labels, heights, strict=True)):
		bars_y = group_y + (group_height - bars_per_group * layout.bar) / 2
		parts.append(_label(label, layout, group_y + group_height / 2))
		if stacked:
			start = 0.0
			for k, (_name, values) in enumerate(series):
				parts.append(_rect(x_of(start), bars_y, x_of(start + values[i]) - x_of(start), layout.bar, k))
				start += values[i]
			parts.append(
				_value(x_of(start) + 3, bars_y + layout.bar - 2, show_number(start, unit), layout.bar)
			)
		else:
			for k, (_name, values) in enumerate(series):
				bar_y = bars_y + k * layout.bar
				parts.append(_rect(layout.plot_x, bar_y, x_of(values[i]) - layout.plot_x, layout.bar - 1, k))
				parts.append(
					_value(
						x_of(values[i]) + 3, bar_y + layout.bar - 2, show_number(values[i], unit), layout.bar
					)
				)
		group_y += group_height + layout.gap

	# Only the width is given: the chart fills its column and keeps its proportions (viewBox),
	# in a browser and in wkhtmltopdf alike, whatever the page's width in pixels.
	height = int(plot_bottom + LINE + 6)
	title = f"<title>{escape(description)}</title>" if description else ""
	return (
		f'<svg xmlns="http://www.w3.org/2000/svg" width="100%" viewBox="0 0 {layout.width} {height}" '
		f'role="img" font-family={quoteattr(FONT)} font-size="{FONT_SIZE}">{title}{"".join(parts)}</svg>'
	)


def chart_svg(chart: Mapping | None, unit: str = "", **options) -> str:
	"""Draw a Frappe chart definition (what a script report returns as ``chart``)."""
	data = (chart or {}).get("data") or {}
	datasets = [(d.get("name") or "", d.get("values") or []) for d in data.get("datasets") or []]
	stacked = bool(((chart or {}).get("barOptions") or {}).get("stacked"))
	return bar_chart_svg(data.get("labels") or [], datasets, unit=unit, stacked=stacked, **options)


# -- pieces ------------------------------------------------------------------------------


def _legend(series, layout: Layout, y: float) -> tuple[str, float]:
	parts, x = [], float(layout.plot_x)
	for k, (name, _values) in enumerate(series):
		width = 16 + CHAR_WIDTH * len(name) + 14
		if x + width > layout.width and x > layout.plot_x:
			x, y = float(layout.plot_x), y + LINE + 2
		parts.append(_rect(x, y + 1, 10, 10, k))
		parts.append(f'<text x="{x + 14:.1f}" y="{y + 10:.1f}">{escape(name)}</text>')
		x += width
	return "".join(parts), y + LINE + 6


def _grid(top: float, step: float, unit: str, layout: Layout, y0: float, y1: float) -> str:
	parts, n = [], round(top / step)
	for i in range(n + 1):
		value = i * step
		x = layout.plot_x + layout.plot_width * value / top
		parts.append(
			f'<line x1="{x:.1f}" y1="{y0:.1f}" x2="{x:.1f}" y2="{y1:.1f}" '
			f'stroke="{"#888888" if i == 0 else "#dddddd"}" stroke-width="1"/>'
		)
		parts.append(
			f'<text x="{x:.1f}" y="{y1 + LINE:.1f}" text-anchor="middle" font-size="8" fill="#555555">'
			f"{escape(show_number(round(value, 6), unit))}</text>"
		)
	return "".join(parts)


def _label(label: str, layout: Layout, middle: float) -> str:
	lines = wrap(label, layout.label_width)
	first = middle - (len(lines) - 1) * LINE / 2 + FONT_SIZE / 2 - 1
	spans = "".join(
		f'<tspan x="{layout.label_width}" y="{first + i * LINE:.1f}">{escape(line)}</tspan>'
		for i, line in enumerate(lines)
	)
	return f'<text text-anchor="end">{spans}</text>'


def _rect(x: float, y: float, width: float, height: float, colour: int) -> str:
	return (
		f'<rect x="{x:.1f}" y="{y:.1f}" width="{max(width, 0):.1f}" height="{height:.1f}" '
		f'fill="{PALETTE[colour % len(PALETTE)]}"/>'
	)


def _value(x: float, y: float, text: str, bar: int) -> str:
	"""The figure at the end of a bar, small enough not to run into the next bar's."""
	size = min(8, bar - 1)
	return f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" fill="#333333">{escape(text)}</text>'
