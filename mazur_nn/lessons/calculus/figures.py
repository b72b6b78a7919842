"""The lesson's figures: a secant beside the tangent, the errors of the
slopes as the step shrinks, and a gradient on a contour plot, each on a
:func:`mazur_nn.render.figure.figure` (which loads matplotlib at the first
drawing). Each figure keeps the artists that stand for something in
``fig.mazur_artists``.

>>> fig = plot_secant("sin(x)", 1.0, 0.5)
>>> sorted(fig.mazur_artists)
['curve', 'points', 'rise', 'run', 'secant', 'tangent']
"""

from __future__ import annotations

import math

import numpy as np
import sympy

from mazur_nn.core.numbers import format_number
from mazur_nn.core.validate import finite_number, wrong_kind
from mazur_nn.lessons.calculus.expressions import evaluate, with_exp
from mazur_nn.lessons.calculus.partial_derivatives import Partials
from mazur_nn.lessons.calculus.secants import DifferenceTable, secant
from mazur_nn.render.figure import figure

# Okabe-Ito, as the network diagram (mazur_nn.render.svg.palette).
CURVE_COLOR = "#222222"
SECANT_COLOR = "#D55E00"
TANGENT_COLOR = "#0072B2"
CENTRAL_COLOR = "#009E73"
GUIDE_COLOR = "#9A9A9A"


def _axes(ax, width: float, height: float):
    """``(figure, axes)``: those of ``ax``, or a new figure of ``width`` x
    ``height`` inches with one axes."""
    if ax is None:
        ax = figure(width, height).subplots()
    return ax.figure, ax


def plot_secant(f, x: float, h: float, ax=None):
    """The curve, the secant through ``(x, f(x))`` and ``(x + h, f(x + h))``
    with its rise over run, and the tangent at ``x``. The artists are kept in
    ``fig.mazur_artists`` (``"curve"``, ``"secant"``, ``"tangent"``,
    ``"points"``, ``"run"``, ``"rise"``).

    >>> fig = plot_secant("x**2", 1.0, 0.5)
    >>> line = fig.mazur_artists["secant"]
    >>> xs, ys = line.get_xdata(), line.get_ydata()
    >>> float((ys[1] - ys[0]) / (xs[1] - xs[0]))
    2.5
    """
    s = secant(f, x, h)
    if s.h > 10:
        raise ValueError(f"h: {s.h!r} is too large to draw; expected at most 10")
    fig, ax = _axes(ax, 7.0, 4.2)
    span = max(1.5, 1.25 * s.h)
    xs = np.linspace(s.x - span, s.x + span, 401)
    ys = s.curve.values(xs)
    finite = ys[np.isfinite(ys)]
    low, high = (finite.min(), finite.max()) if finite.size else (s.y - 1, s.y + 1)
    pad = 0.12 * max(high - low, 1e-9)
    ends = np.array([xs[0], xs[-1]])
    artists = {}
    (artists["curve"],) = ax.plot(
        xs, ys, color=CURVE_COLOR, lw=2, label=f"y = {s.curve.name}", zorder=3
    )
    (artists["tangent"],) = ax.plot(
        ends,
        s.y + s.exact * (ends - s.x),
        color=TANGENT_COLOR,
        lw=1.8,
        label=f"tangent, slope f'(x) = {format_number(s.exact)}",
        zorder=2,
    )
    (artists["secant"],) = ax.plot(
        ends,
        s.y + s.forward * (ends - s.x),
        color=SECANT_COLOR,
        lw=1.8,
        ls="--",
        label=f"secant, slope Δy/Δx = {format_number(s.forward)}",
        zorder=4,
    )
    # Rise over run: Δx = h along, Δy = f(x + h) - f(x) up.
    corner = (s.x + s.h, s.y)
    (artists["run"],) = ax.plot(
        [s.x, corner[0]], [s.y, corner[1]], color=SECANT_COLOR, lw=1, ls=":", zorder=4
    )
    (artists["rise"],) = ax.plot(
        [corner[0], corner[0]], [s.y, s.y_step], color=SECANT_COLOR, lw=1, ls=":", zorder=4
    )
    if s.h >= 0.08 * span:
        ax.annotate(
            "Δx = h",
            (s.x + s.h / 2, s.y),
            xytext=(0, -12),
            textcoords="offset points",
            ha="center",
            color=SECANT_COLOR,
        )
        ax.annotate(
            "Δy",
            (corner[0], (s.y + s.y_step) / 2),
            xytext=(5, 0),
            textcoords="offset points",
            va="center",
            color=SECANT_COLOR,
        )
    (artists["points"],) = ax.plot(
        [s.x, s.x + s.h],
        [s.y, s.y_step],
        "o",
        color=SECANT_COLOR,
        markersize=6,
        zorder=5,
    )
    ax.set_xlim(xs[0], xs[-1])
    ax.set_ylim(low - pad, high + pad)
    ax.set_xlabel("x")
    ax.set_ylabel("y")
    ax.grid(alpha=0.3)
    ax.legend(loc="best", fontsize=9)
    ax.set_title(
        f"x = {s.x:g}, h = {s.h:.3g}: the secant's slope is off by {s.forward_error:.2g}",
        fontsize=11,
    )
    fig.mazur_artists = artists
    return fig


def plot_errors(table: DifferenceTable, ax=None):
    """The errors of a :class:`DifferenceTable` on log-log axes, h shrinking
    to the right, with guide lines for ``h``, ``h**2`` and rounding
    (``eps |f(x)| / h``). Artists in ``fig.mazur_artists`` (``"forward"``,
    ``"central"``, ``"h"``, ``"h^2"``, ``"rounding"``).

    >>> from mazur_nn.lessons.calculus import difference_table
    >>> fig = plot_errors(difference_table("sin(x)", 1.0))
    >>> sorted(fig.mazur_artists)
    ['central', 'forward', 'h', 'h^2', 'rounding']
    """
    if not isinstance(table, DifferenceTable):
        raise wrong_kind("table", "a DifferenceTable", type(table).__name__)
    fig, ax = _axes(ax, 7.0, 4.2)
    hs = np.array([r.h for r in table.rows])
    artists = {}
    floor = 1e-17  # an exact zero error is drawn at the bottom instead of vanishing
    for scheme, color, marker in (
        ("forward", SECANT_COLOR, "o"),
        ("central", CENTRAL_COLOR, "s"),
    ):
        errors = np.maximum(np.array(table.errors(scheme)), floor)
        (artists[scheme],) = ax.loglog(
            hs, errors, marker=marker, color=color, lw=1.8, label=f"{scheme} difference"
        )
    fine = np.geomspace(hs.min(), hs.max(), 50)
    first = table.rows[0]
    # Guides through the first point: how truncation error alone would fall.
    (artists["h"],) = ax.loglog(
        fine,
        max(first.forward_error, floor) * fine / first.h,
        color=GUIDE_COLOR,
        ls="--",
        lw=1,
        label="∝ h",
    )
    (artists["h^2"],) = ax.loglog(
        fine,
        max(first.central_error, floor) * (fine / first.h) ** 2,
        color=GUIDE_COLOR,
        ls=":",
        lw=1.2,
        label="∝ h²",
    )
    eps = np.finfo(float).eps
    scale = max(abs(evaluate(table.curve.numeric, table.x, "x")), 1.0)
    (artists["rounding"],) = ax.loglog(
        fine, eps * scale / fine, color=GUIDE_COLOR, ls="-.", lw=1, label="rounding ∝ ε/h"
    )
    top = max(max(table.errors("forward")), max(table.errors("central")), floor) * 5
    ax.set_ylim(floor / 2, top)
    ax.set_xlim(hs.max() * 2, hs.min() / 2)  # h shrinks to the right
    ax.set_xlabel("step h (shrinking →)")
    ax.set_ylabel("|slope − f'(x)|")
    ax.grid(alpha=0.3, which="major")
    ax.legend(loc="upper center", fontsize=9)
    ax.set_title(f"{table.curve.name} at x = {table.x:g}: error of the slope", fontsize=11)
    fig.mazur_artists = artists
    return fig


def plot_gradient(p: Partials, point, ax=None, window=None):
    """Contour lines of a function of two variables, with the gradient arrow
    at ``point`` and its two components (the partial derivatives). The arrow
    is perpendicular to the contour line through the point (drawn black):
    the gradient points to where ``f`` grows fastest. ``window`` is
    ``(xmin, xmax, ymin, ymax)``, by default 3 either side of the point.
    Artists in ``fig.mazur_artists``.

    >>> from mazur_nn.lessons.calculus import partials
    >>> fig = plot_gradient(partials(), {"x": 1, "y": 1})
    >>> sorted(fig.mazur_artists)
    ['contours', 'd/dx', 'd/dy', 'filled', 'gradient', 'level', 'point']
    """
    if not isinstance(p, Partials):
        raise wrong_kind("p", "Partials (from partials())", type(p).__name__)
    if len(p.symbols) != 2:
        raise ValueError(f"p: a contour plot needs 2 variables, f has {len(p.symbols)}")
    at = p.point_values(point)
    (a, b) = p.symbols
    na, nb = str(a), str(b)
    ox, oy = at[na], at[nb]
    if window is None:
        window = (ox - 3, ox + 3, oy - 3, oy + 3)
    if isinstance(window, (str, bytes)) or not hasattr(window, "__len__") or len(window) != 4:
        raise wrong_kind("window", "(xmin, xmax, ymin, ymax)", repr(window), ValueError)
    x0, x1, y0, y1 = (finite_number(v, f"window[{k}]") for k, v in enumerate(window))
    if not (x0 < ox < x1 and y0 < oy < y1):
        raise ValueError(f"window: {window!r} must contain the point ({ox:g}, {oy:g})")
    grad = p.gradient(at)
    grad = {na: grad.get(na, 0.0), nb: grad.get(nb, 0.0)}  # 0 along a symbol held constant
    value = p.value(at)
    fig, ax = _axes(ax, 6.4, 5.4)
    xs = np.linspace(x0, x1, 241)
    ys = np.linspace(y0, y1, 241)
    gx, gy = np.meshgrid(xs, ys)
    f = sympy.lambdify((a, b), with_exp(p.expr), "numpy")
    with np.errstate(all="ignore"):
        zs = np.broadcast_to(np.asarray(f(gx, gy), dtype=float), gx.shape)
    artists = {}
    artists["filled"] = ax.contourf(gx, gy, zs, levels=16, cmap="Greys", alpha=0.45)
    artists["contours"] = ax.contour(gx, gy, zs, levels=16, colors=GUIDE_COLOR, linewidths=0.6)
    artists["level"] = ax.contour(gx, gy, zs, levels=[value], colors=CURVE_COLOR, linewidths=1.5)
    fig.colorbar(artists["filled"], ax=ax, shrink=0.85, label=f"f({na}, {nb})")
    length = math.hypot(grad[na], grad[nb])
    room = 0.3 * min(x1 - x0, y1 - y0)
    scale = min(1.0, room / length) if length else 1.0

    def arrow(dx, dy, color, style, width, text, offset, align):
        tip = (ox + scale * dx, oy + scale * dy)
        artist = ax.annotate(
            "",
            xy=tip,
            xytext=(ox, oy),
            arrowprops={"arrowstyle": "-|>", "color": color, "lw": width, "ls": style},
            zorder=5,
        )
        ax.annotate(
            text,
            tip,
            xytext=offset,
            textcoords="offset points",
            ha=align,
            va="center",
            color=color,
            fontsize=10,
            zorder=6,
            bbox={"boxstyle": "round,pad=0.2", "fc": "white", "ec": "none", "alpha": 0.85},
        )
        return artist

    dx, dy = format_number(grad[na], 3), format_number(grad[nb], 3)
    # Labels away from the gradient: above or below the x-arrow, beside the y-arrow.
    right = grad[na] >= 0
    above = (0, 12) if grad[nb] <= 0 else (0, -12)
    beside, beside_align = ((-8, 0), "right") if right else ((8, 0), "left")
    ahead, ahead_align = ((10, 0), "left") if right else ((-10, 0), "right")
    artists["d/dx"] = arrow(
        grad[na], 0.0, "#B8860B", "--", 1.6, f"∂f/∂{na} = {dx}", above, "center"
    )
    artists["d/dy"] = arrow(
        0.0, grad[nb], TANGENT_COLOR, "--", 1.6, f"∂f/∂{nb} = {dy}", beside, beside_align
    )
    artists["gradient"] = arrow(
        grad[na], grad[nb], SECANT_COLOR, "-", 2.6, "∇f", ahead, ahead_align
    )
    (artists["point"],) = ax.plot([ox], [oy], "o", color=CURVE_COLOR, zorder=6)
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_aspect("equal")
    ax.set_xlabel(na)
    ax.set_ylabel(nb)
    scaled = "" if scale == 1.0 else f"; arrows drawn {scale:.2g}× as long"
    ax.set_title(
        f"f = {sympy.sstr(p.expr)}:  ∇f({ox:g}, {oy:g}) = ({dx}, {dy}){scaled}",
        fontsize=10,
    )
    fig.mazur_artists = artists
    return fig
