"""The pictures of the lesson: a run on its parabola, runs side by side,
and the distance to the minimum on a log scale.

Each function returns a :func:`mazur_nn.render.figure.figure`, which shows itself
as PNG in a notebook. A figure module: it imports numpy and matplotlib, and
only the drawing code imports it (the lesson's package loads it when a
picture is asked for).

>>> from mazur_nn.lessons.descent.run import gradient_descent
>>> fig = plot_run(gradient_descent(start=8, learning_rate=0.1))
>>> fig.axes[0].get_title()
'η = 0.1  (r = 1 − 2ηa = 0.8): creeps'
"""

from __future__ import annotations

import math

import numpy as np
from matplotlib.patches import FancyArrowPatch

from mazur_nn.core.validate import show
from mazur_nn.lessons.descent.comparison import Comparison, verdict
from mazur_nn.lessons.descent.convergence import closed_form
from mazur_nn.lessons.descent.parabola import DOMAIN, num
from mazur_nn.lessons.descent.run import Run
from mazur_nn.render.figure import figure

# Okabe-Ito colours (safe for colour-blind students), as in mazur_nn.render.svg.palette.
_BLUE, _ORANGE, _VERMILLION, _GREEN = "#0072B2", "#E69F00", "#D55E00", "#009E73"
_INK, _GREY = "#222222", "#9A9A9A"

_MAX_ARROWS = 60


def _clip_step(p0, p1, x_edge, y_top):
    """The segment p0 -> p1 cut where it leaves the box |x| <= x_edge, y <= y_top."""
    (x0, y0), (x1, y1) = p0, p1
    if not (math.isfinite(x1) and math.isfinite(y1)):
        return (math.copysign(x_edge, x1 if not math.isnan(x1) else 1.0), y_top)
    s = 1.0
    if abs(x1) > x_edge:
        s = min(s, (math.copysign(x_edge, x1) - x0) / (x1 - x0))
    if y1 > y_top:
        s = min(s, (y_top - y0) / (y1 - y0))
    return (x0 + s * (x1 - x0), y0 + s * (y1 - y0))


def _status(run: Run) -> str:
    """Three short lines for the picture: the verdict, the criterion and
    when, and where ``x`` ended."""
    x = f"x = {num(run.x, 4)}"
    if run.diverged:
        return f"diverged at t = {run.iterations}\n{x}\nleft [-10, 10]"
    verdict = "converged" if run.converged else "not converged"
    return f"{verdict}\nstopped by {run.stopped_by} at t = {run.iterations}\n{x}"


def _columns(points) -> tuple[list[float], list[float]]:
    """``[(x, y), ...]`` as the two lists ``[x, ...]`` and ``[y, ...]``."""
    return [x for x, _ in points], [y for _, y in points]


def _draw_run(ax, run: Run, title: str | None = None) -> None:
    f = run.function
    lo, hi = DOMAIN
    grid = np.linspace(lo, hi, 401)
    ax.plot(grid, f.a * (grid - f.c) ** 2, color=_GREY, linewidth=1.5, zorder=1)
    top = f.highest * 1.12
    x_edge = hi + 0.6
    ax.set_xlim(lo - 0.6, x_edge)
    ax.set_ylim(-0.06 * top, top)
    ax.axvline(f.c, color=_GREEN, linewidth=0.8, linestyle="--", zorder=0)
    ax.plot([f.c], [0], marker="*", markersize=12, color=_GREEN, zorder=4, linestyle="none")
    color = _VERMILLION if run.diverged else _ORANGE
    x_span, y_span = x_edge - (lo - 0.6), top * 1.06
    for t in range(min(run.iterations, _MAX_ARROWS)):
        p0 = (run.xs[t], run.values[t])
        p1 = _clip_step(p0, (run.xs[t + 1], run.values[t + 1]), x_edge, top)
        if math.hypot((p1[0] - p0[0]) / x_span, (p1[1] - p0[1]) / y_span) < 0.012:
            continue  # too short to see an arrow
        ax.add_patch(
            FancyArrowPatch(
                p0, p1, arrowstyle="-|>", mutation_scale=11, color=color, linewidth=1.2, zorder=2
            )
        )
    inside = [(x, y) for x, y in zip(run.xs, run.values) if lo <= x <= hi]
    ax.plot(*_columns(inside), "o", markersize=4, color=_BLUE, zorder=3, gid="points")
    ax.plot([run.start], [run.values[0]], "o", markersize=8, color=_INK, zorder=5)
    ax.annotate(
        f"$x_0 = {show(run.start)}$",
        (run.start, run.values[0]),
        textcoords="offset points",
        xytext=(0, 8),
        ha="center",
        fontsize=9,
    )
    ax.text(
        0.5,
        0.97,
        _status(run),
        transform=ax.transAxes,
        ha="center",
        va="top",
        fontsize=9,
        color=_VERMILLION if run.diverged else _INK,
        bbox={"boxstyle": "round,pad=0.3", "facecolor": "white", "edgecolor": "#C8C8C8"},
    )
    ax.set_title(
        title
        or f"η = {show(run.learning_rate)}  (r = 1 − 2ηa = {num(run.ratio, 4)}): {run.regime}",
        fontsize=10,
    )
    ax.set_xlabel("x")
    ax.set_ylabel(f"$f(x) = {f.latex}$")


def plot_run(run: Run):
    """The parabola on [-10, 10], every point ``(x_t, f(x_t))`` of the run
    and an arrow for each step (the first 60; a step leaving the domain is
    cut at the edge); the start in black, the minimum as a green star."""
    fig = figure(7.5, 4.2)
    ax = fig.subplots()
    _draw_run(ax, run)
    fig.subplots_adjust(left=0.1, right=0.97, bottom=0.12, top=0.91)
    return fig


def plot_comparison(comparison: Comparison):
    """One panel per run, side by side (two rows from four runs on), each
    titled with its learning rate and :func:`verdict`."""
    runs = comparison.runs
    columns = len(runs) if len(runs) <= 3 else math.ceil(len(runs) / 2)
    rows = math.ceil(len(runs) / columns)
    fig = figure(4.3 * columns, 3.9 * rows)
    axes = fig.subplots(rows, columns, squeeze=False).ravel()
    for ax, run in zip(axes, runs):
        _draw_run(ax, run, title=f"η = {show(run.learning_rate)}: {verdict(run)}")
    for ax in axes[len(runs) :]:
        ax.set_axis_off()
    fig.subplots_adjust(left=0.06, right=0.98, bottom=0.13, top=0.9, wspace=0.3, hspace=0.45)
    return fig


def plot_distance(comparison: Comparison):
    """``|x_t - x*|`` on a log scale for each run (dots), with the closed
    form ``|r|^t |x_0 - x*|`` as a wide pale line under them: straight lines,
    falling when ``|r| < 1``; the grey line is where the tolerance stops a
    run (``|f'(x)| = 2a |x - x*|``)."""
    fig = figure(7.5, 4.0)
    ax = fig.subplots()
    colors = [_BLUE, _ORANGE, _VERMILLION, _GREEN, "#CC79A7", "#56B4E9"]
    for k, run in enumerate(comparison.runs):
        color = colors[k % len(colors)]
        c = run.function.c
        ts = range(len(run.xs))
        exact = [
            (t, abs(closed_form(run.function, run.start, run.learning_rate, t) - c)) for t in ts
        ]
        exact = [(t, d) for t, d in exact if 0 < d < math.inf]
        shown = [(t, abs(x - c)) for t, x in zip(ts, run.xs) if 0 < abs(x - c) < math.inf]
        ax.plot(*_columns(exact), "-", color=color, linewidth=6, alpha=0.25, solid_capstyle="round")
        label = f"η = {show(run.learning_rate)} (r = {num(run.ratio, 4)})"
        ax.plot(*_columns(shown), "o", markersize=3, color=color, label=label)
    first = comparison.runs[0]
    tolerance_line = first.tolerance / (2 * first.function.a)
    if tolerance_line > 0:
        ax.axhline(tolerance_line, color=_GREY, linewidth=0.8)
        ax.annotate(
            "tolerance reached",
            (0, tolerance_line),
            textcoords="offset points",
            xytext=(2, 3),
            fontsize=8,
            color=_GREY,
        )
    ax.set_yscale("log")
    ax.set_xlabel("iteration t")
    ax.set_ylabel("|x_t − x*| (log scale)")
    ax.set_title(
        "Distance to the minimum: dots iterated, pale lines the closed form |r|^t |x0 − x*|",
        fontsize=10,
    )
    ax.legend(fontsize=8)
    fig.subplots_adjust(left=0.11, right=0.97, bottom=0.13, top=0.91)
    return fig
