"""Secants (lesson 06): the derivative of ``y = f(x)`` at ``x`` is the limit
of the secant's slope ``(f(x + h) - f(x)) / h`` as the step ``h`` shrinks.
sympy gives the exact derivative, floats give the secants, and the two are
set side by side, one step (:func:`secant`) or a table of shrinking steps
(:func:`difference_table`).

>>> [round(secant_slope("x**2", 1.0, h), 9) for h in (1, 0.1, 0.01)]
[3.0, 2.1, 2.01]
>>> round(secant_slope("x**2", 1.0, 0.1, scheme="central"), 12)  # exact for a parabola
2.0
"""

from __future__ import annotations

import html
import math
from dataclasses import dataclass

import sympy

from mazur_nn.core.table import Table
from mazur_nn.core.validate import choice, finite_number, positive_number, wrong_kind
from mazur_nn.lessons.calculus.expressions import evaluate
from mazur_nn.lessons.calculus.functions import Curve, float_function, function
from mazur_nn.lessons.calculus.results import ShownAsTable

SCHEMES = ("forward", "central", "backward")
DEFAULT_STEPS = tuple(float(f"1e-{k}") for k in range(13))  # 1, 0.1, ..., 1e-12


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
    f = float_function(f)
    x = finite_number(x, "x")
    h = positive_number(h, "h")
    scheme = choice(scheme, "scheme", SCHEMES)
    if scheme == "forward":
        y = evaluate(f, x, "x")  # first: a bad x is named as x
        return (evaluate(f, x + h, "x + h") - y) / h
    if scheme == "backward":
        return (evaluate(f, x, "x") - evaluate(f, x - h, "x - h")) / h
    return (evaluate(f, x + h, "x + h") - evaluate(f, x - h, "x - h")) / (2 * h)


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
        y=evaluate(curve.numeric, x, "x"),
        y_step=evaluate(curve.numeric, x + h, "x + h"),
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


@dataclass(frozen=True, repr=False)
class DifferenceTable(ShownAsTable):
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
        raise wrong_kind("steps", "a list of positive numbers", repr(steps))
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
