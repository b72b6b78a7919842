"""A function of one variable, ``y = f(x)``: a name from a small menu
(:data:`FUNCTION_NAMES`, each a sympy expression built here) or a sympy
expression, with its exact derivative by ``sympy.diff``. Text is never
parsed as code: a name that is not on the menu is an error naming the field.

>>> f = function("x**2")
>>> f.derivative
2*x
>>> f(3.0), f.slope(3.0)
(9.0, 6.0)
>>> function("tanh(x)", "outer")
Traceback (most recent call last):
...
ValueError: outer: 'tanh(x)' is not on the menu; allowed are x**2, x**3, sin(x), cos(x), \
exp(x), sigmoid(x); for any other function pass a sympy expression
"""

from __future__ import annotations

import numpy as np
import sympy

from mazur_nn.core.validate import finite_number, wrong_kind
from mazur_nn.lessons.calculus.expressions import (
    X,
    check_expression,
    evaluate,
    exact,
    sorted_names,
    with_exp,
)
from mazur_nn.symbolic.functions import sigma


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
        expr = check_expression(expr, "f")
        free = expr.free_symbols
        if variable is None:
            if len(free) > 1:
                raise wrong_kind(
                    "f",
                    "an expression in one variable",
                    f"{sorted_names(free)}; use partials() for several variables",
                    ValueError,
                )
            variable = next(iter(free)) if free else X
        self.expr = expr
        self.variable = variable
        self.name = name or sympy.sstr(expr)
        self.derivative = sympy.diff(expr, variable)
        numeric, slope = with_exp(expr), with_exp(self.derivative)
        self.numeric = sympy.lambdify(variable, numeric, "math")  # f in floats, unchecked
        self._slope = sympy.lambdify(variable, slope, "math")
        self._value_array = sympy.lambdify(variable, numeric, "numpy")

    def __call__(self, x: float) -> float:
        """``f(x)`` in floats."""
        return evaluate(self.numeric, finite_number(x, "x"), "x")

    def slope(self, x: float) -> float:
        """``f'(x)`` in floats (the exact derivative, rounded once)."""
        return evaluate(self._slope, finite_number(x, "x"), "x")

    def exact_slope(self, x: float) -> float:
        """``f'(x)`` computed by sympy at 30 digits, then rounded to a float."""
        return exact(self.derivative, {self.variable: finite_number(x, "x")}, "x")

    def values(self, xs):
        """``f`` over a numpy array (for plots)."""
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
    raise wrong_kind(
        field,
        f"a name ({', '.join(FUNCTION_NAMES)}) or a sympy expression",
        f"{spec!r} ({type(spec).__name__})",
    )


def expression(spec, field: str) -> sympy.Expr:
    """A sympy expression, in any number of variables, from a menu name, a
    :class:`Curve` or a sympy expression.

    >>> expression("sin(x)", "outer")
    sin(x)
    """
    if isinstance(spec, sympy.Expr):
        return check_expression(spec, field)
    return function(spec, field).expr  # a name or a Curve; anything else: the TypeError


def float_function(f, field: str = "f"):
    """What the secants evaluate: a Curve's float function, or any plain
    float function."""
    if isinstance(f, (Curve, str, sympy.Basic)):
        return function(f, field).numeric
    if callable(f):
        return f
    return function(f, field)  # raises the TypeError naming the field
