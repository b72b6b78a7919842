"""Training curves drawn as SVG, in pure Python: E_total on a log scale and
the outputs approaching their targets, for one or several runs side by
side (the post's two hidden-layer rules).

No matplotlib: the chart also draws where matplotlib cannot be loaded (the
course in the browser, under Pyodide). Like the network diagram it is
``role="img"`` with a ``<title>`` and a ``<desc>`` that says in words what
the curves show, keeps its text in the theme's ink (light and dark), and
tells runs apart by line style as well as colour.

>>> from mazur_nn import mazur_example
>>> from mazur_nn.course.training import train_with_curves
>>> chart = plot_curves([train_with_curves(mazur_example(), 100, samples=10)])
>>> print(chart)  # doctest: +ELLIPSIS
Training: E_total and the outputs, round by round
hidden layer uses original w: E_total falls from 0.298371109 to 0.020046828 in 100 rounds; ...
>>> chart.to_svg().startswith("<svg")
True
"""

from __future__ import annotations

import math
import zlib
from dataclasses import dataclass
from html import escape

from mazur_nn.core.numbers import format_number
from mazur_nn.course.training import Curves
from mazur_nn.render.svg.palette import BACKGROUND, FONT, INK, SECTION, SIGN

WIDTH, HEIGHT = 680, 330
FONT_SIZE = 12.5
PANEL_TOP, PANEL_BOTTOM = 34, 250  # y of the plot areas
PANELS = ((62, 320), (392, 656))  # x ranges of the two plot areas
COLOURS = (SIGN["positive"], SECTION["error"], SECTION["update"], SIGN["negative"])
DASHES = ("", "7 4", "2 3", "10 3 2 3")
TITLE = "Training: E_total and the outputs, round by round"


def _ticks(low: float, high: float, count: int = 5) -> list[float]:
    """About ``count`` round numbers from ``low`` to ``high``."""
    if high <= low:
        return [low]
    step = 10 ** math.floor(math.log10((high - low) / count))
    for factor in (1, 2, 5, 10):
        if (high - low) / (step * factor) <= count:
            step *= factor
            break
    first = math.ceil(low / step) * step
    return [first + k * step for k in range(int((high - first) / step + 1e-9) + 1)]


def _number(value: float) -> str:
    return f"{value:g}"


@dataclass(frozen=True)
class Chart:
    """The training curves of some runs: SVG in a notebook, words in a terminal."""

    runs: tuple[Curves, ...]

    def describe(self) -> str:
        """What the curves show, one sentence per run."""
        lines = []
        for run in self.runs:
            outputs = ", ".join(
                f"out_{o} {format_number(v[0])} -> {format_number(v[-1])} "
                f"(target {format_number(run.targets[o])})"
                for o, v in run.outputs.items()
            )
            ending = f" ({run.stopped})" if run.stopped else ""
            lines.append(
                f"{run.label}: E_total falls from {format_number(run.E_total[0])} to "
                f"{format_number(run.E_total[-1])} in {run.rounds[-1]} rounds{ending}; {outputs}."
            )
        return "\n".join(lines)

    def __str__(self) -> str:
        return f"{TITLE}\n{self.describe()}"

    __repr__ = __str__

    def to_svg(self) -> str:
        return curves_svg(list(self.runs))

    def _repr_svg_(self) -> str:
        return self.to_svg()

    def _repr_html_(self) -> str:
        return self.to_svg()  # inline: its title and description are read (see Diagram)


def plot_curves(runs: list[Curves]) -> Chart:
    """The chart of ``runs``: E_total (log scale) over the rounds on the
    left, the outputs with their targets on the right, one line style per run."""
    return Chart(tuple(runs))


def _path(points: list[tuple[float, float]]) -> str:
    return "M" + " L".join(f"{x:.1f},{y:.1f}" for x, y in points)


def _text(x: float, y: float, text: str, anchor: str = "middle", extra: str = "") -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{FONT_SIZE}" text-anchor="{anchor}" '
        f'dominant-baseline="middle"{extra}>{escape(text)}</text>'
    )


class _Axes:
    """One plot area: data coordinates to SVG, ticks, the frame."""

    def __init__(self, x_range, x_max: int, y_low: float, y_high: float, log: bool) -> None:
        self.left, self.right = x_range
        self.x_max = max(x_max, 1)
        self.log = log
        self.y_low, self.y_high = (
            (math.log10(y_low), math.log10(y_high)) if log else (y_low, y_high)
        )

    def x(self, rounds: float) -> float:
        return self.left + (self.right - self.left) * rounds / self.x_max

    def y(self, value: float) -> float:
        v = math.log10(max(value, 1e-300)) if self.log else value
        span = (self.y_high - self.y_low) or 1.0
        return PANEL_BOTTOM - (PANEL_BOTTOM - PANEL_TOP) * (v - self.y_low) / span

    def frame(self, title: str) -> list[str]:
        parts = [
            f'<rect x="{self.left}" y="{PANEL_TOP}" width="{self.right - self.left}" '
            f'height="{PANEL_BOTTOM - PANEL_TOP}" fill="none" class="mz-axis"/>',
            _text((self.left + self.right) / 2, PANEL_TOP - 16, title, extra=' font-weight="bold"'),
            _text((self.left + self.right) / 2, PANEL_BOTTOM + 34, "round"),
        ]
        for rounds in _ticks(0, self.x_max, 4):
            x = self.x(rounds)
            parts.append(
                f'<line x1="{x:.1f}" y1="{PANEL_BOTTOM}" x2="{x:.1f}" '
                f'y2="{PANEL_BOTTOM + 4}" class="mz-axis"/>'
            )
            parts.append(_text(x, PANEL_BOTTOM + 14, f"{int(rounds):,}"))
        if self.log:
            ticks = [10.0**k for k in range(math.ceil(self.y_low), math.floor(self.y_high) + 1)]
        else:
            ticks = _ticks(self.y_low, self.y_high, 5)
        for value in ticks:
            y = self.y(value)
            parts.append(
                f'<line x1="{self.left - 4}" y1="{y:.1f}" x2="{self.left}" '
                f'y2="{y:.1f}" class="mz-axis"/>'
            )
            parts.append(_text(self.left - 7, y, _number(value), "end"))
        return parts


def curves_svg(runs: list[Curves], marker: bool = False) -> str:
    """The SVG document of the chart (see :func:`plot_curves`); the same runs
    give the same bytes. ``marker`` adds a vertical line in each panel at
    round 0 (class ``mz-now``), with what a page needs to move it to round
    ``n``: ``x = data-left + (data-right - data-left) * n / data-rounds``.

    >>> from mazur_nn import mazur_example
    >>> from mazur_nn.course.training import train_with_curves
    >>> svg = curves_svg([train_with_curves(mazur_example(), 100, samples=10)], marker=True)
    >>> svg.count('class="mz-now"'), 'data-left="62" data-right="320" data-rounds="100"' in svg
    (2, True)
    """
    rounds = max((r.rounds[-1] for r in runs), default=1)
    errors = [e for r in runs for e in r.E_total if e > 0]
    low = 10 ** math.floor(math.log10(min(errors, default=1e-3)))
    high = 10 ** math.ceil(math.log10(max(errors, default=1.0)))
    values = [v for r in runs for vs in r.outputs.values() for v in vs]
    values += [t for r in runs for t in r.targets.values()]
    lowest, highest = min(values, default=0.0), max(values, default=1.0)
    pad = 0.05 * ((highest - lowest) or 1.0)
    left = _Axes(PANELS[0], rounds, low, high if high > low else low * 10, log=True)
    right = _Axes(PANELS[1], rounds, lowest - pad, highest + pad, log=False)
    body = left.frame("E_total (log scale)")
    body += right.frame("Outputs approaching their targets")
    legend = []
    if marker:
        for axes in (left, right):
            body.append(
                f'<line x1="{axes.left}" y1="{PANEL_TOP}" x2="{axes.left}" y2="{PANEL_BOTTOM}" '
                f'class="mz-now" data-left="{axes.left}" data-right="{axes.right}" '
                f'data-rounds="{axes.x_max}"/>'
            )
    for k, run in enumerate(runs):
        colour, dash = COLOURS[k % len(COLOURS)], DASHES[k % len(DASHES)]
        style = f'stroke="{colour}" stroke-width="2.2" fill="none"'
        style += f' stroke-dasharray="{dash}"' if dash else ""
        errors_path = _path([(left.x(n), left.y(e)) for n, e in zip(run.rounds, run.E_total)])
        body.append(f'<path d="{errors_path}" {style}/>')
        for values_of in run.outputs.values():
            points = [(right.x(n), right.y(v)) for n, v in zip(run.rounds, values_of)]
            body.append(f'<path d="{_path(points)}" {style}/>')
        legend.append((style, run.label + (" (stopped)" if run.stopped else "")))
    if runs:
        for o, t in runs[0].targets.items():
            y = right.y(t)
            body.append(
                f'<line x1="{right.left}" y1="{y:.1f}" x2="{right.right}" y2="{y:.1f}" '
                f'class="mz-target"/>'
            )
            below = y - PANEL_TOP < 24  # no room above the line: write it under
            label = f"target of {o}: {format_number(t)}"
            body.append(_text(right.right - 4, y + (11 if below else -9), label, "end"))
    y = PANEL_BOTTOM + 56
    for style, label in legend:
        body.append(
            f'<line x1="{PANELS[0][0]}" y1="{y}" x2="{PANELS[0][0] + 30}" y2="{y}" {style}/>'
        )
        body.append(_text(PANELS[0][0] + 38, y, label, "start"))
        y += 18
    height = max(HEIGHT, y + 6)
    words = Chart(tuple(runs)).describe()
    key = format(zlib.crc32((TITLE + words).encode()), "08x")
    style = (
        f".mazur-chart{{font-family:{FONT}}} .mazur-chart text{{fill:{INK}}} "
        f".mazur-chart .mz-bg{{fill:{BACKGROUND}}} .mazur-chart .mz-axis{{stroke:{INK};"
        "stroke-width:1}} .mazur-chart .mz-target{stroke:#8C8C8C;stroke-dasharray:4 3}"
    )
    if marker:
        style += f" .mazur-chart .mz-now{{stroke:{INK};stroke-width:1.5;stroke-opacity:.6}}"
    return "\n".join(
        [
            f'<svg xmlns="http://www.w3.org/2000/svg" class="mazur-chart" width="{WIDTH}" '
            f'height="{height}" viewBox="0 0 {WIDTH} {height}" role="img" '
            f'aria-labelledby="mz-chart-title-{key} mz-chart-desc-{key}" '
            'style="max-width:100%;height:auto">',
            f'<title id="mz-chart-title-{key}">{escape(TITLE)}</title>',
            f'<desc id="mz-chart-desc-{key}">{escape(words)}</desc>',
            f"<style>{style}</style>",
            f'<rect width="{WIDTH}" height="{height}" class="mz-bg"/>',
            *body,
            "</svg>",
        ]
    )
