"""Derivatives, step by step (lesson 06): the limit of a secant, the chain
rule, partial derivatives, and finite differences as a check.

The derivative of ``y = f(x)`` at ``x`` is the limit of the secant's slope
``(f(x + h) - f(x)) / h`` as the step ``h`` shrinks. Here sympy gives the
exact derivative, floats give the secants, and the two are set side by side:

>>> f = function("x**2")
>>> f.derivative
2*x
>>> [round(secant_slope(f, 1.0, h), 9) for h in (1, 0.1, 0.01)]
[3.0, 2.1, 2.01]
>>> round(secant_slope(f, 1.0, 0.1, scheme="central"), 12)  # exact for a parabola
2.0

A function is a name from a small menu (:data:`FUNCTION_NAMES`, each a sympy
expression built here) or a sympy expression passed in. Text is never parsed
as code: a name that is not on the menu is an error naming the field.

>>> function("x**4")
Traceback (most recent call last):
...
ValueError: f: 'x**4' is not on the menu; allowed are x**2, x**3, sin(x), cos(x), exp(x), \
sigmoid(x); for any other function pass a sympy expression

The chain rule on ``y = f(g(x))`` and sympy's own derivative agree:

>>> rule = chain_rule("sin(x)", X**2)
>>> rule.by_rule, rule.direct, rule.holds()
(2*x*cos(x**2), 2*x*cos(x**2), True)

and so do sympy's partial derivatives of ``f(x, y) = x**2 + cos(y)`` and
central finite differences:

>>> p = partials()
>>> p.derivatives
{'x': 2*x, 'y': -sin(y)}
>>> p.check({"x": 1, "y": 1}).max_difference < 1e-9
True

sympy is imported with this module; matplotlib (figures) only inside the
functions that draw.
"""

from __future__ import annotations

import html
import math
from collections.abc import Mapping
from dataclasses import dataclass

import ipywidgets as w
import sympy

from .symbolic import format_number
from .symbolic_functions import sigma
from .tables import Table
from .validation import choice, finite_number, positive_number

X = sympy.Symbol("x", real=True)
Y = sympy.Symbol("y", real=True)
U = sympy.Symbol("u", real=True)  # the outer function's variable in y = f(u), u = g(x)

PRECISION = 30  # decimal digits for the exact (sympy) values
SCHEMES = ("forward", "central", "backward")
DEFAULT_STEPS = tuple(float(f"1e-{k}") for k in range(13))  # 1, 0.1, ..., 1e-12
CHECK_STEP = 1e-6  # central differences in the checks (as mazur_nn.check)

# Okabe-Ito, as the network drawing.
CURVE_COLOR = "#222222"
SECANT_COLOR = "#D55E00"
TANGENT_COLOR = "#0072B2"
CENTRAL_COLOR = "#009E73"
GUIDE_COLOR = "#9A9A9A"


def _menu() -> dict[str, sympy.Expr]:
    return {
        "x**2": X**2,
        "x**3": X**3,
        "sin(x)": sympy.sin(X),
        "cos(x)": sympy.cos(X),
        "exp(x)": sympy.exp(X),
        "sigmoid(x)": sigma(X),
    }


FUNCTION_NAMES = tuple(_menu())


# -- helpers ---------------------------------------------------------------------------


def _with_exp(expr: sympy.Expr) -> sympy.Expr:
    """``expr`` with every ``sigma(a)`` written as ``1 / (1 + exp(-a))``."""
    return expr.replace(sigma, lambda a: 1 / (1 + sympy.exp(-a)))


def _check_expression(expr, field: str) -> sympy.Expr:
    if not isinstance(expr, sympy.Expr):
        raise TypeError(f"{field}: expected a sympy expression, got {expr!r}")
    unknown = sorted(str(f.func) for f in expr.atoms(sympy.core.function.AppliedUndef))
    if unknown:
        raise ValueError(
            f"{field}: {', '.join(unknown)} is an undefined function; "
            "write it out (sympy.sin, sympy.exp, ...)"
        )
    return expr


def _names(symbols) -> str:
    return ", ".join(sorted(str(s) for s in symbols))


def _exact(expr: sympy.Expr, values: Mapping, field: str) -> float:
    """``expr`` at ``values`` (symbol -> float) by sympy at 30 digits. Floats
    go in exactly (their binary value), so the result is the exact derivative
    at the very number the finite differences use."""
    numbers = {s: sympy.Float(v, PRECISION) for s, v in values.items()}
    try:
        result = _with_exp(expr).evalf(PRECISION, subs=numbers)
        number = float(result)
    except (TypeError, ValueError, ZeroDivisionError):
        raise ValueError(
            f"{field}: {sympy.sstr(expr)} has no real value at "
            + ", ".join(f"{s} = {v!r}" for s, v in values.items())
        ) from None
    if not math.isfinite(number):
        raise ValueError(
            f"{field}: {sympy.sstr(expr)} is not finite at "
            + ", ".join(f"{s} = {v!r}" for s, v in values.items())
        )
    return number


def _evaluate(f, at: float, field: str) -> float:
    """``f(at)`` as a finite float; an error naming ``field`` otherwise."""
    try:
        value = f(at)
    except (OverflowError, ValueError, ZeroDivisionError) as exc:
        raise ValueError(f"{field}: f cannot be evaluated at {at!r} ({exc})") from None
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise ValueError(f"{field}: f({at!r}) = {value!r} is not a real number") from None
    if not math.isfinite(number):
        raise ValueError(f"{field}: f({at!r}) = {number} is not finite")
    return number


# -- a function of one variable --------------------------------------------------------


class Curve:
    """A function of one variable ``y = f(x)``: its sympy expression, its
    derivative by ``sympy.diff``, and both as plain float functions.

    >>> s = function("sigmoid(x)")
    >>> s.derivative
    (1 - sigma(x))*sigma(x)
    >>> round(s(0.0), 9), round(s.slope(0.0), 9)
    (0.5, 0.25)
    """

    def __init__(self, expr: sympy.Expr, name: str | None = None, variable=None) -> None:
        expr = _check_expression(expr, "f")
        free = expr.free_symbols
        if variable is None:
            if len(free) > 1:
                raise ValueError(
                    f"f: expected an expression in one variable, got {_names(free)}; "
                    "use partials() for several variables"
                )
            variable = next(iter(free)) if free else X
        self.expr = expr
        self.variable = variable
        self.name = name or sympy.sstr(expr)
        self.derivative = sympy.diff(expr, variable)
        numeric, slope = _with_exp(expr), _with_exp(self.derivative)
        self._value = sympy.lambdify(variable, numeric, "math")
        self._slope = sympy.lambdify(variable, slope, "math")
        self._value_array = sympy.lambdify(variable, numeric, "numpy")

    def __call__(self, x: float) -> float:
        """``f(x)`` in floats."""
        return _evaluate(self._value, finite_number(x, "x"), "x")

    def slope(self, x: float) -> float:
        """``f'(x)`` in floats (the exact derivative, rounded once)."""
        return _evaluate(self._slope, finite_number(x, "x"), "x")

    def exact_slope(self, x: float) -> float:
        """``f'(x)`` computed by sympy at 30 digits, then rounded to a float."""
        return _exact(self.derivative, {self.variable: finite_number(x, "x")}, "x")

    def values(self, xs):
        """``f`` over a numpy array (for plots)."""
        import numpy as np

        with np.errstate(all="ignore"):
            ys = self._value_array(xs)
        return np.broadcast_to(np.asarray(ys, dtype=float), np.shape(xs))

    def latex(self) -> str:
        v = sympy.latex(self.variable)
        return (
            rf"f({v}) = {sympy.latex(self.expr)}, \qquad "
            rf"f'({v}) = {sympy.latex(self.derivative)}"
        )

    def __repr__(self) -> str:
        v = self.variable
        return f"f({v}) = {sympy.sstr(self.expr)},  f'({v}) = {sympy.sstr(self.derivative)}"

    def _repr_latex_(self) -> str:
        return f"${self.latex()}$"


def function(spec, field: str = "f") -> Curve:
    """A :class:`Curve` from a menu name (:data:`FUNCTION_NAMES`), a sympy
    expression in one variable, or a :class:`Curve` (returned as it is).

    >>> function(sympy.sin(X) ** 2).derivative
    2*sin(x)*cos(x)
    """
    if isinstance(spec, Curve):
        return spec
    if isinstance(spec, str):
        menu = _menu()
        if spec not in menu:
            raise ValueError(
                f"{field}: {spec!r} is not on the menu; allowed are {', '.join(menu)}; "
                "for any other function pass a sympy expression"
            )
        return Curve(menu[spec], name=spec)
    if isinstance(spec, sympy.Expr):
        try:
            return Curve(spec)
        except (TypeError, ValueError) as exc:
            raise type(exc)(str(exc).replace("f: ", f"{field}: ", 1)) from None
    raise TypeError(
        f"{field}: expected a name ({', '.join(FUNCTION_NAMES)}) or a sympy expression, "
        f"got {spec!r} ({type(spec).__name__})"
    )


def _callable(f, field: str = "f"):
    """What the secants evaluate: a Curve's float function, or any plain
    float function."""
    if isinstance(f, (Curve, str, sympy.Basic)):
        return function(f, field)._value
    if callable(f):
        return f
    return function(f, field)  # raises the TypeError naming the field


# -- secants -------------------------------------------------------------------------


def secant_slope(f, x: float, h: float, scheme: str = "forward") -> float:
    """The slope of a secant of ``f`` near ``x`` with step ``h > 0``:

    - ``forward``:  ``(f(x + h) - f(x)) / h``, error about ``h/2 |f''(x)|``;
    - ``central``:  ``(f(x + h) - f(x - h)) / 2h``, error about ``h**2/6 |f'''(x)|``;
    - ``backward``: ``(f(x) - f(x - h)) / h``.

    ``f`` is a menu name, a sympy expression, a :class:`Curve` or any Python
    function of one float.

    >>> secant_slope("x**3", 2.0, 0.5, "central")
    12.25
    >>> secant_slope("x**2", float("nan"), 0.1)
    Traceback (most recent call last):
    ...
    ValueError: x: nan is not allowed; expected a finite number
    >>> secant_slope("x**2", 1.0, 0)
    Traceback (most recent call last):
    ...
    ValueError: h: 0.0 is not allowed; expected a positive finite number
    """
    f = _callable(f)
    x = finite_number(x, "x")
    h = positive_number(h, "h")
    scheme = choice(scheme, "scheme", SCHEMES)
    if scheme == "forward":
        y = _evaluate(f, x, "x")  # first: a bad x is named as x
        return (_evaluate(f, x + h, "x + h") - y) / h
    if scheme == "backward":
        return (_evaluate(f, x, "x") - _evaluate(f, x - h, "x - h")) / h
    return (_evaluate(f, x + h, "x + h") - _evaluate(f, x - h, "x - h")) / (2 * h)


@dataclass(frozen=True)
class Secant:
    """One secant of ``f`` through ``(x, f(x))`` and ``(x + h, f(x + h))``,
    beside the tangent at ``x``."""

    curve: Curve
    x: float
    h: float
    y: float  # f(x)
    y_step: float  # f(x + h)
    forward: float  # the secant's slope
    central: float
    exact: float  # f'(x), the tangent's slope (sympy)

    @property
    def forward_error(self) -> float:
        return abs(self.forward - self.exact)

    @property
    def central_error(self) -> float:
        return abs(self.central - self.exact)

    def rows(self) -> list[tuple[str, str]]:
        return [
            ("secant slope (f(x+h) - f(x)) / h", f"{self.forward:.12f}"),
            ("its error", f"{self.forward_error:.1e}"),
            ("central slope (f(x+h) - f(x-h)) / 2h", f"{self.central:.12f}"),
            ("its error", f"{self.central_error:.1e}"),
            ("tangent slope f'(x) (sympy)", f"{self.exact:.12f}"),
        ]

    def __str__(self) -> str:
        title = f"{self.curve.name} at x = {self.x:g}, h = {self.h:.3g}"
        return str(Table(("slope", "value"), self.rows(), title))

    __repr__ = __str__

    def to_html(self) -> str:
        cells = "".join(
            f"<tr><td style='padding-right:1.5em'>{html.escape(k)}</td><td>{v}</td></tr>"
            for k, v in self.rows()
        )
        return f"<table style='font-family: monospace; border-collapse: collapse;'>{cells}</table>"


def secant(f, x: float, h: float) -> Secant:
    """The secant of ``f`` at ``x`` with step ``h``, and the tangent.

    >>> s = secant("x**2", 1.0, 0.5)
    >>> s.forward, s.central, s.exact
    (2.5, 2.0, 2.0)
    """
    curve = function(f)
    x = finite_number(x, "x")
    h = positive_number(h, "h")
    return Secant(
        curve=curve,
        x=x,
        h=h,
        y=_evaluate(curve._value, x, "x"),
        y_step=_evaluate(curve._value, x + h, "x + h"),
        forward=secant_slope(curve, x, h, "forward"),
        central=secant_slope(curve, x, h, "central"),
        exact=curve.exact_slope(x),
    )


# -- the table of shrinking steps ------------------------------------------------------


@dataclass(frozen=True)
class DifferenceRow:
    h: float
    forward: float
    central: float
    forward_error: float
    central_error: float


def _shrink(previous: float | None, error: float) -> str:
    """By how much the error shrank since the previous (10 times larger) h."""
    if previous is None:
        return ""
    if error == 0.0:
        return "exact" if previous == 0.0 else "to 0"
    return f"{previous / error:.3g}"


@dataclass(frozen=True)
class DifferenceTable:
    """Forward and central slopes for shrinking steps, beside the exact
    derivative: truncation error falls like ``h`` (forward) and ``h**2``
    (central) until rounding error, about ``eps |f(x)| / h``, takes over."""

    curve: Curve
    x: float
    exact: float
    rows: tuple[DifferenceRow, ...]

    def errors(self, scheme: str = "forward") -> list[float]:
        scheme = choice(scheme, "scheme", ("forward", "central"))
        return [getattr(r, f"{scheme}_error") for r in self.rows]

    def shrink_factors(self, scheme: str = "forward") -> list[float]:
        """``error(10 h) / error(h)`` for each step but the first: about 10
        (forward) or 100 (central) while truncation dominates."""
        errors = self.errors(scheme)
        return [a / b if b else math.inf for a, b in zip(errors, errors[1:])]

    def best(self, scheme: str = "forward") -> DifferenceRow:
        """The row with the smallest error: the best step for ``scheme``."""
        errors = self.errors(scheme)
        return self.rows[errors.index(min(errors))]

    def to_table(self) -> Table:
        rows = []
        previous_f = previous_c = None
        for r in self.rows:
            rows.append(
                (
                    f"{r.h:.0e}",
                    f"{r.forward:.12f}",
                    f"{r.forward_error:.1e}",
                    _shrink(previous_f, r.forward_error),
                    f"{r.central:.12f}",
                    f"{r.central_error:.1e}",
                    _shrink(previous_c, r.central_error),
                )
            )
            previous_f, previous_c = r.forward_error, r.central_error
        v = self.curve.variable
        title = (
            f"{self.curve.name} at {v} = {self.x:g}: exact f'({v}) = "
            f"{sympy.sstr(self.curve.derivative)} = {self.exact:.12f} (sympy)"
        )
        header = (
            "h",
            "forward slope",
            "error",
            "shrank by",
            "central slope",
            "error",
            "shrank by",
        )
        return Table(header, rows, title)

    def __str__(self) -> str:
        return str(self.to_table())

    __repr__ = __str__

    def _repr_markdown_(self) -> str:
        return self.to_table().to_markdown()


def difference_table(f, x: float, steps=DEFAULT_STEPS) -> DifferenceTable:
    """Forward and central slopes of ``f`` at ``x`` for each step (default
    1, 0.1, ..., 1e-12), with their errors against sympy's derivative.

    >>> t = difference_table("sin(x)", 1.0, steps=(0.1, 0.01, 0.001))
    >>> [round(r, 1) for r in t.shrink_factors("forward")]
    [10.2, 10.0]
    >>> [round(r) for r in t.shrink_factors("central")]
    [100, 100]
    """
    curve = function(f)
    x = finite_number(x, "x")
    if isinstance(steps, (str, bytes)) or not hasattr(steps, "__iter__"):
        raise TypeError(f"steps: expected a list of positive numbers, got {steps!r}")
    steps = [positive_number(h, f"steps[{k}]") for k, h in enumerate(steps)]
    if not steps:
        raise ValueError("steps: empty; give at least one step")
    exact = curve.exact_slope(x)
    rows = []
    for h in steps:
        fwd = secant_slope(curve, x, h, "forward")
        cen = secant_slope(curve, x, h, "central")
        rows.append(DifferenceRow(h, fwd, cen, abs(fwd - exact), abs(cen - exact)))
    return DifferenceTable(curve, x, exact, tuple(rows))


# -- figures --------------------------------------------------------------------------


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
    import numpy as np

    from .drawing import figure

    s = secant(f, x, h)
    if s.h > 10:
        raise ValueError(f"h: {s.h!r} is too large to draw; expected at most 10")
    if ax is None:
        fig = figure(7.0, 4.2)
        ax = fig.subplots()
    fig = ax.figure
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

    >>> fig = plot_errors(difference_table("sin(x)", 1.0))
    >>> sorted(fig.mazur_artists)
    ['central', 'forward', 'h', 'h^2', 'rounding']
    """
    import numpy as np

    from .drawing import figure

    if not isinstance(table, DifferenceTable):
        raise TypeError(f"table: expected a DifferenceTable, got {type(table).__name__}")
    if ax is None:
        fig = figure(7.0, 4.2)
        ax = fig.subplots()
    fig = ax.figure
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
    scale = max(abs(_evaluate(table.curve._value, table.x, "x")), 1.0)
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


# -- the widget -----------------------------------------------------------------------


class SecantExplorer(w.VBox):
    """A slider for ``log10 h`` and one for the point ``x``, a menu of
    functions; the figure and the slopes update as they change. A value the
    function cannot take (say ``log(x)`` at ``x = -1``) shows a message and
    the last valid figure stays."""

    def __init__(
        self,
        f="x**2",
        x: float = 1.0,
        log10_h: float = 0.0,
        x_range: tuple[float, float] = (-3.0, 3.0),
    ) -> None:
        curve = function(f)
        self.curves = {name: function(name) for name in FUNCTION_NAMES}
        if curve.name not in self.curves:
            self.curves = {curve.name: curve, **self.curves}
        low, high = (finite_number(v, f"x_range[{k}]") for k, v in enumerate(x_range))
        if not low < high:
            raise ValueError(f"x_range: expected (low, high) with low < high, got {x_range!r}")
        x = finite_number(x, "x")
        if not low <= x <= high:
            raise ValueError(f"x: {x!r} is not allowed; expected a number from {low} to {high}")
        log10_h = finite_number(log10_h, "log10_h")
        if not -12 <= log10_h <= 0:
            raise ValueError(f"log10_h: {log10_h!r} is not allowed; expected -12 to 0")
        self.function_menu = w.Dropdown(
            options=list(self.curves), value=curve.name, description="f(x)"
        )
        self.x_slider = w.FloatSlider(
            value=x,
            min=low,
            max=high,
            step=0.05,
            description="x",
            continuous_update=False,
            readout_format=".2f",
        )
        self.h_slider = w.FloatSlider(
            value=log10_h,
            min=-12.0,
            max=0.0,
            step=0.25,
            description="log10 h",
            continuous_update=False,
            readout_format=".2f",
        )
        self.h_label = w.HTML()
        self.slopes = w.HTML()
        self.slopes.add_class("mazur-slopes")
        self.message = w.HTML()
        self.message.add_class("mazur-message")
        self.image = w.Image(format="png", layout=w.Layout(width="640px"))
        self.errors = w.Output()
        self.state: Secant | None = None
        for control in (self.function_menu, self.x_slider, self.h_slider):
            control.observe(self._on_change, names="value")
        super().__init__(
            [
                w.HBox([self.function_menu, self.x_slider]),
                w.HBox([self.h_slider, self.h_label]),
                self.message,
                self.slopes,
                self.image,
                self.errors,
            ]
        )
        self.add_class("mazur-secant")
        self.update()

    @property
    def curve(self) -> Curve:
        return self.curves[self.function_menu.value]

    @property
    def h(self) -> float:
        return 10.0**self.h_slider.value

    def _on_change(self, _change=None) -> None:
        self.update()

    def update(self) -> None:
        """Recompute the secant and redraw (sliders call this)."""
        from .drawing import figure_to_png

        with self.errors:
            h = self.h
            self.h_label.value = f"h = 10<sup>{self.h_slider.value:g}</sup> = {h:.3g}"
            try:
                state = secant(self.curve, self.x_slider.value, h)
                fig = plot_secant(self.curve, state.x, state.h)
            except (TypeError, ValueError) as exc:
                self.message.value = (
                    f"<span style='color:#b00020'>⚠ {html.escape(str(exc))}</span>"
                    " <i>(showing the last valid secant)</i>"
                )
                return
            self.message.value = ""
            self.state = state
            self.slopes.value = state.to_html()
            self.image.value = figure_to_png(fig)


# -- the chain rule -------------------------------------------------------------------


def _expression(spec, field: str) -> sympy.Expr:
    """A sympy expression from a menu name, a Curve or a sympy expression."""
    if isinstance(spec, Curve):
        return spec.expr
    if isinstance(spec, str):
        return function(spec, field).expr
    if isinstance(spec, sympy.Expr):
        return _check_expression(spec, field)
    raise TypeError(
        f"{field}: expected a name ({', '.join(FUNCTION_NAMES)}) or a sympy expression, "
        f"got {spec!r} ({type(spec).__name__})"
    )


def _symbol_named(expr: sympy.Expr, name: str):
    return next((s for s in expr.free_symbols if s.name == name), None)


@dataclass(frozen=True)
class ChainValues:
    """The chain rule's factors at one point, beside sympy's derivative and
    a central finite difference of ``y = f(g(x))``."""

    rule: ChainRule
    point: dict[str, float]
    inner: float  # g(x)
    outer_slope: float  # f'(g(x))
    inner_slope: float  # g'(x)
    product: float  # f'(g(x)) * g'(x)
    direct: float  # sympy's dy/dx
    finite_difference: float
    step: float

    @property
    def max_difference(self) -> float:
        values = (self.product, self.direct, self.finite_difference)
        return max(values) - min(values)

    def to_table(self) -> Table:
        """The values to 9 decimals, as the post prints them, and the
        largest difference between the three derivatives."""
        from .check import bound

        x = self.rule.x
        rows = [
            (f"g({x})", format_number(self.inner)),
            (f"f'(g({x}))", format_number(self.outer_slope)),
            (f"g'({x})", format_number(self.inner_slope)),
            (f"f'(g({x})) * g'({x})  (chain rule)", format_number(self.product)),
            (f"dy/d{x}  (sympy)", format_number(self.direct)),
            (f"central difference (h={self.step:g})", format_number(self.finite_difference)),
            ("largest difference of the three", bound(self.max_difference)),
        ]
        at = ", ".join(f"{k} = {format_number(v)}" for k, v in self.point.items())
        return Table(("quantity", "value"), rows, f"y = {sympy.sstr(self.rule.composite)} at {at}")

    def __str__(self) -> str:
        return str(self.to_table())

    __repr__ = __str__

    def _repr_markdown_(self) -> str:
        return self.to_table().to_markdown()


@dataclass(frozen=True)
class ChainRule:
    """``y = f(u)`` with ``u = g(x)``: ``dy/dx = f'(g(x)) * g'(x)``, built from
    the two derivatives, beside ``sympy.diff`` of the composite."""

    outer: sympy.Expr  # f(u)
    inner: sympy.Expr  # g(x)
    x: sympy.Symbol

    @property
    def u(self) -> sympy.Symbol:
        return U

    @property
    def composite(self) -> sympy.Expr:
        """``f(g(x))``."""
        return self.outer.subs(U, self.inner)

    @property
    def outer_slope(self) -> sympy.Expr:
        """``f'(u)``."""
        return sympy.diff(self.outer, U)

    @property
    def inner_slope(self) -> sympy.Expr:
        """``g'(x)``."""
        return sympy.diff(self.inner, self.x)

    @property
    def by_rule(self) -> sympy.Expr:
        """``f'(g(x)) * g'(x)``: the two derivatives, multiplied."""
        return self.outer_slope.subs(U, self.inner) * self.inner_slope

    @property
    def direct(self) -> sympy.Expr:
        """sympy's derivative of ``f(g(x))``."""
        return sympy.diff(self.composite, self.x)

    def holds(self) -> bool:
        """``sympy.simplify(by_rule - direct) == 0`` (with the sigmoid
        written out as ``1 / (1 + exp(-a))``, so its own derivative rule is
        not what is being compared)."""
        difference = _with_exp(self.by_rule) - sympy.diff(_with_exp(self.composite), self.x)
        return sympy.simplify(difference) == 0

    def at(self, x: float, step: float = CHECK_STEP, **values) -> ChainValues:
        """The factors and the derivative at ``x`` (other symbols of ``g``,
        such as ``w`` and ``b``, as keywords), with a central difference.

        >>> rule = chain_rule("sigmoid(x)", sympy.Symbol("w") * X + sympy.Symbol("b"))
        >>> v = rule.at(0.5, w=0.4, b=0.6)
        >>> round(v.product, 9), v.max_difference < 1e-9
        (0.085563879, True)
        """
        others = sorted(self.inner.free_symbols - {self.x}, key=str)
        names = [str(s) for s in others]
        for key in values:
            if key not in names:
                raise ValueError(
                    f"{key}: not a symbol of g; "
                    + (f"g also uses {', '.join(names)}" if names else f"g uses only {self.x}")
                )
        for name in names:
            if name not in values:
                raise ValueError(f"{name}: missing; g uses {', '.join(names)} besides {self.x}")
        point = {str(self.x): finite_number(x, str(self.x))}
        point.update({n: finite_number(values[n], n) for n in names})
        step = positive_number(step, "step")
        numbers = {s: point[str(s)] for s in [self.x, *others]}
        field = str(self.x)
        inner = _exact(self.inner, numbers, field)
        outer_slope = _exact(self.outer_slope, {U: inner}, field)
        inner_slope = _exact(self.inner_slope, numbers, field)
        direct = _exact(self.direct, numbers, field)
        fixed = {s: v for s, v in numbers.items() if s != self.x}
        y = sympy.lambdify(self.x, _with_exp(self.composite).subs(fixed), "math")
        difference = secant_slope(y, point[field], step, "central")
        return ChainValues(
            rule=self,
            point=point,
            inner=inner,
            outer_slope=outer_slope,
            inner_slope=inner_slope,
            product=outer_slope * inner_slope,
            direct=direct,
            finite_difference=difference,
            step=step,
        )

    def latex(self) -> str:
        x = sympy.latex(self.x)

        def factor(expr):
            text = sympy.latex(expr)
            return rf"\left({text}\right)" if isinstance(expr, sympy.Add) else text

        outer_at_g = self.outer_slope.subs(U, self.inner)
        lines = [
            rf"y &= f(u) = {sympy.latex(self.outer)}, \qquad "
            rf"u = g({x}) = {sympy.latex(self.inner)}",
            rf"f'(u) &= {sympy.latex(self.outer_slope)}, \qquad "
            rf"g'({x}) = {sympy.latex(self.inner_slope)}",
            rf"\frac{{dy}}{{d{x}}} &= f'(g({x}))\, g'({x})"
            rf" = {factor(outer_at_g)} \cdot {factor(self.inner_slope)}",
            rf"\text{{sympy: }} \frac{{d}}{{d{x}}} {sympy.latex(self.composite)}"
            rf" &= {sympy.latex(self.direct)}",
        ]
        return r"\begin{aligned} " + r" \\ ".join(lines) + r" \end{aligned}"

    def __str__(self) -> str:
        x = self.x
        return "\n".join(
            [
                f"y = f(g({x})) with f(u) = {sympy.sstr(self.outer)}, g({x}) = "
                f"{sympy.sstr(self.inner)}",
                f"f'(u) = {sympy.sstr(self.outer_slope)},  g'({x}) = "
                f"{sympy.sstr(self.inner_slope)}",
                f"chain rule  f'(g({x}))*g'({x}) = {sympy.sstr(self.by_rule)}",
                f"sympy       dy/d{x}           = {sympy.sstr(self.direct)}",
                f"equal: {self.holds()}",
            ]
        )

    __repr__ = __str__

    def _repr_latex_(self) -> str:
        return f"$${self.latex()}$$"


def chain_rule(outer, inner, x=None) -> ChainRule:
    """``y = f(g(x))`` from ``f`` (a menu name or a sympy expression in one
    variable, which becomes ``u``) and ``g`` (a menu name or a sympy
    expression). ``x`` (a symbol or its name) is the variable to
    differentiate by; it may be left out when ``g`` has one variable or one
    called ``x``.

    >>> chain_rule("exp(x)", "sin(x)").direct
    exp(sin(x))*cos(x)
    >>> chain_rule("x**2", sympy.Symbol("w") * sympy.Symbol("z"))
    Traceback (most recent call last):
    ...
    ValueError: x: g has the variables w, z; say which one to differentiate by (x=...)
    """
    f = _expression(outer, "outer")
    g = _expression(inner, "inner")
    if len(f.free_symbols) > 1:
        raise ValueError(
            f"outer: expected an expression in one variable, got {_names(f.free_symbols)}"
        )
    if f.free_symbols:
        f = f.xreplace({next(iter(f.free_symbols)): U})
    if any(s.name == "u" for s in g.free_symbols):
        raise ValueError("inner: uses u, the name of the outer function's variable; rename it")
    if x is None:
        free = g.free_symbols
        named_x = _symbol_named(g, "x")
        if len(free) == 1:
            x = next(iter(free))
        elif named_x is not None:
            x = named_x
        elif not free:
            x = X
        else:
            raise ValueError(
                f"x: g has the variables {_names(free)}; say which one to differentiate by (x=...)"
            )
    else:
        name = x.name if isinstance(x, sympy.Symbol) else x
        if not isinstance(name, str):
            raise TypeError(f"x: expected a sympy symbol or its name, got {x!r}")
        found = _symbol_named(g, name)
        if found is None:
            raise ValueError(
                f"x: {name!r} is not a variable of g; g has {_names(g.free_symbols) or 'none'}"
            )
        x = found
    return ChainRule(outer=f, inner=g, x=x)


# -- partial derivatives --------------------------------------------------------------


@dataclass(frozen=True)
class PartialsCheck:
    """sympy's partial derivatives at a point beside central differences."""

    partials: Partials
    point: dict[str, float]
    sympy: dict[str, float]
    finite_difference: dict[str, float]
    step: float

    @property
    def max_difference(self) -> float:
        return max(abs(self.sympy[k] - self.finite_difference[k]) for k in self.sympy)

    def to_table(self) -> Table:
        from .check import bound

        rows = [
            (
                f"∂f/∂{k}",
                sympy.sstr(self.partials.derivatives[k]),
                f"{self.sympy[k]:.12f}",
                f"{self.finite_difference[k]:.10f}",
                bound(abs(self.sympy[k] - self.finite_difference[k])),
            )
            for k in self.sympy
        ]
        at = ", ".join(f"{k} = {v:g}" for k, v in self.point.items())
        return Table(
            ("partial", "sympy", "value (sympy)", f"central difference (h={self.step:g})", "diff"),
            rows,
            f"f = {sympy.sstr(self.partials.expr)} at {at}",
        )

    def __str__(self) -> str:
        return str(self.to_table())

    __repr__ = __str__

    def _repr_markdown_(self) -> str:
        return self.to_table().to_markdown()


@dataclass(frozen=True)
class Partials:
    """A function of several variables and its partial derivatives (each by
    ``sympy.diff``, the other variables held constant)."""

    expr: sympy.Expr
    variables: tuple[sympy.Symbol, ...]

    @property
    def names(self) -> tuple[str, ...]:
        """The variables' names, in order."""
        return tuple(str(v) for v in self.variables)

    @property
    def symbols(self) -> tuple[sympy.Symbol, ...]:
        """Every symbol a point needs: the variables, then any other symbol
        of ``f`` (held constant, by name)."""
        others = sorted(self.expr.free_symbols - set(self.variables), key=str)
        return (*self.variables, *others)

    @property
    def derivatives(self) -> dict[str, sympy.Expr]:
        return {str(v): sympy.diff(self.expr, v) for v in self.variables}

    def _point(self, point) -> dict[str, float]:
        names = [str(s) for s in self.symbols]
        if isinstance(point, Mapping):
            for key in point:
                if key not in names:
                    raise ValueError(f"{key}: not a symbol of f; f has {', '.join(names)}")
            missing = [n for n in names if n not in point]
            if missing:
                raise ValueError(f"{missing[0]}: missing; the point needs {', '.join(names)}")
            return {n: finite_number(point[n], n) for n in names}
        if isinstance(point, (str, bytes)) or not hasattr(point, "__len__"):
            raise TypeError(f"point: expected {{{', '.join(names)}}} or a list, got {point!r}")
        if len(point) != len(names):
            raise ValueError(
                f"point: expected {len(names)} values ({', '.join(names)}), got {len(point)}"
            )
        return {n: finite_number(v, n) for n, v in zip(names, point)}

    def _numbers(self, p: dict[str, float]) -> dict[sympy.Symbol, float]:
        return {s: p[str(s)] for s in self.symbols}

    def value(self, point) -> float:
        """``f`` at ``point`` (sympy, 30 digits)."""
        return _exact(self.expr, self._numbers(self._point(point)), "point")

    def gradient(self, point) -> dict[str, float]:
        """Each partial derivative at ``point`` (sympy, 30 digits)."""
        numbers = self._numbers(self._point(point))
        return {k: _exact(d, numbers, k) for k, d in self.derivatives.items()}

    def finite_differences(self, point, step: float = CHECK_STEP) -> dict[str, float]:
        """``(f(.., v + h, ..) - f(.., v - h, ..)) / 2h`` for each variable ``v``,
        every other symbol held at its value."""
        numbers = self._numbers(self._point(point))
        step = positive_number(step, "step")
        numeric = _with_exp(self.expr)
        result = {}
        for v in self.variables:
            fixed = {s: value for s, value in numbers.items() if s != v}
            along = sympy.lambdify(v, numeric.subs(fixed), "math")
            result[str(v)] = secant_slope(along, numbers[v], step, "central")
        return result

    def check(self, point, step: float = CHECK_STEP) -> PartialsCheck:
        p = self._point(point)
        return PartialsCheck(self, p, self.gradient(p), self.finite_differences(p, step), step)

    def latex(self) -> str:
        args = ", ".join(sympy.latex(v) for v in self.variables)
        parts = [f"f({args}) = {sympy.latex(self.expr)}"]
        parts += [
            rf"\frac{{\partial f}}{{\partial {sympy.latex(v)}}} = "
            f"{sympy.latex(sympy.diff(self.expr, v))}"
            for v in self.variables
        ]
        return r", \qquad ".join(parts)

    def __repr__(self) -> str:
        args = ", ".join(self.names)
        lines = [f"f({args}) = {sympy.sstr(self.expr)}"]
        lines += [f"∂f/∂{k} = {sympy.sstr(d)}" for k, d in self.derivatives.items()]
        return "\n".join(lines)

    def _repr_latex_(self) -> str:
        return f"${self.latex()}$"


def partials(expr=None, variables=None) -> Partials:
    """The partial derivatives of ``expr`` (default: the source's example
    ``x**2 + cos(y)``) in ``variables`` (default: its symbols, by name).

    >>> partials().gradient({"x": 1.0, "y": 0.0})
    {'x': 2.0, 'y': 0.0}
    """
    expr = X**2 + sympy.cos(Y) if expr is None else _check_expression(expr, "expr")
    if variables is None:
        variables = sorted(expr.free_symbols, key=str)
    else:
        if isinstance(variables, (str, sympy.Symbol)):
            variables = [variables]
        chosen = []
        for v in variables:
            name = v.name if isinstance(v, sympy.Symbol) else v
            found = _symbol_named(expr, name) if isinstance(name, str) else None
            if found is None:
                raise ValueError(
                    f"variables: {v!r} is not a symbol of f; f has {_names(expr.free_symbols)}"
                )
            chosen.append(found)
        variables = chosen
    if not variables:
        raise ValueError("expr: has no variables to differentiate by")
    return Partials(expr=expr, variables=tuple(variables))


def plot_gradient(p: Partials, point, ax=None, window=None):
    """Contour lines of a function of two variables, with the gradient arrow
    at ``point`` and its two components (the partial derivatives). The arrow
    is perpendicular to the contour line through the point (drawn black):
    the gradient points to where ``f`` grows fastest. ``window`` is
    ``(xmin, xmax, ymin, ymax)``, by default 3 either side of the point.
    Artists in ``fig.mazur_artists``.

    >>> fig = plot_gradient(partials(), {"x": 1, "y": 1})
    >>> sorted(fig.mazur_artists)
    ['contours', 'd/dx', 'd/dy', 'filled', 'gradient', 'level', 'point']
    """
    import numpy as np

    from .drawing import figure

    if not isinstance(p, Partials):
        raise TypeError(f"p: expected Partials (from partials()), got {type(p).__name__}")
    if len(p.symbols) != 2:
        raise ValueError(f"p: a contour plot needs 2 variables, f has {len(p.symbols)}")
    at = p._point(point)
    (a, b) = p.symbols
    na, nb = str(a), str(b)
    ox, oy = at[na], at[nb]
    if window is None:
        window = (ox - 3, ox + 3, oy - 3, oy + 3)
    if isinstance(window, (str, bytes)) or not hasattr(window, "__len__") or len(window) != 4:
        raise ValueError(f"window: expected (xmin, xmax, ymin, ymax), got {window!r}")
    x0, x1, y0, y1 = (finite_number(v, f"window[{k}]") for k, v in enumerate(window))
    if not (x0 < ox < x1 and y0 < oy < y1):
        raise ValueError(f"window: {window!r} must contain the point ({ox:g}, {oy:g})")
    grad = p.gradient(at)
    grad = {na: grad.get(na, 0.0), nb: grad.get(nb, 0.0)}  # 0 along a symbol held constant
    value = p.value(at)
    if ax is None:
        fig = figure(6.4, 5.4)
        ax = fig.subplots()
    fig = ax.figure
    xs = np.linspace(x0, x1, 241)
    ys = np.linspace(y0, y1, 241)
    gx, gy = np.meshgrid(xs, ys)
    f = sympy.lambdify((a, b), _with_exp(p.expr), "numpy")
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


# -- back to the course: the sigmoid's slope ------------------------------------------


@dataclass(frozen=True)
class SigmoidSlope:
    """``d out / d net`` for ``out = 1 / (1 + exp(-net))``, derived by sympy,
    and the same as ``out (1 - out)``."""

    net: sympy.Symbol
    out: sympy.Symbol

    @property
    def sigmoid(self) -> sympy.Expr:
        return 1 / (1 + sympy.exp(-self.net))

    @property
    def derivative(self) -> sympy.Expr:
        """sympy's derivative of ``1 / (1 + exp(-net))``."""
        return sympy.diff(self.sigmoid, self.net)

    @property
    def in_out(self) -> sympy.Expr:
        """The course's factor, ``dout/dnet = out (1 - out)``: sympy's
        derivative of ``sigma(net)`` with ``sigma(net)`` called ``out``."""
        return sympy.diff(sigma(self.net), self.net).subs(sigma(self.net), self.out)

    def holds(self) -> bool:
        """``derivative == out (1 - out)`` with ``out = 1 / (1 + exp(-net))``."""
        return sympy.simplify(self.derivative - self.in_out.subs(self.out, self.sigmoid)) == 0

    def at(self, net: float) -> dict[str, float]:
        """``out``, ``out (1 - out)``, sympy's derivative and a central
        difference at ``net``.

        >>> values = sigmoid_slope().at(1.105905967)
        >>> round(values["out (1 - out)"], 9), round(values["central difference"], 9)
        (0.186815602, 0.186815602)
        """
        net = finite_number(net, "net")
        out = _exact(self.sigmoid, {self.net: net}, "net")
        curve = function("sigmoid(x)")
        return {
            "out": out,
            "out (1 - out)": out * (1 - out),
            "sympy d out/d net": _exact(self.derivative, {self.net: net}, "net"),
            "central difference": secant_slope(curve, net, CHECK_STEP, "central"),
        }

    def latex(self) -> str:
        return (
            rf"\frac{{d\,out}}{{d\,net}} = \frac{{d}}{{d\,net}} {sympy.latex(self.sigmoid)}"
            rf" = {sympy.latex(self.derivative)} = {sympy.latex(self.in_out)}"
        )

    def __repr__(self) -> str:
        return (
            f"d out/d net = d/dnet {sympy.sstr(self.sigmoid)}\n"
            f"            = {sympy.sstr(self.derivative)}\n"
            f"            = {sympy.sstr(self.in_out)}    (equal: {self.holds()})"
        )

    def _repr_latex_(self) -> str:
        return f"$\\displaystyle {self.latex()}$"


def sigmoid_slope() -> SigmoidSlope:
    """The sigmoid's slope, derived: ``dout/dnet = out (1 - out)``.

    >>> s = sigmoid_slope()
    >>> s.derivative
    exp(-net)/(1 + exp(-net))**2
    >>> s.in_out, s.holds()
    (out*(1 - out), True)
    """
    return SigmoidSlope(sympy.Symbol("net", real=True), sympy.Symbol("out", real=True))


__all__ = [
    "DEFAULT_STEPS",
    "FUNCTION_NAMES",
    "X",
    "Y",
    "ChainRule",
    "ChainValues",
    "Curve",
    "DifferenceTable",
    "Partials",
    "PartialsCheck",
    "Secant",
    "SecantExplorer",
    "SigmoidSlope",
    "chain_rule",
    "difference_table",
    "function",
    "partials",
    "plot_errors",
    "plot_gradient",
    "plot_secant",
    "secant",
    "secant_slope",
    "sigmoid_slope",
]
