"""sympy expressions as numbers: the lesson's symbols, an expression checked
before use, its exact value (sympy at 30 digits) and a float function's
value, each with an error that names the field.

>>> exact(X**2 + Y, {X: 0.5, Y: 1.0}, "x")
1.25
>>> exact(sympy.log(X), {X: -1.0}, "x")
Traceback (most recent call last):
...
ValueError: x: log(x) has no real value at x = -1.0
>>> with_exp(sigma(2 * X))
1/(1 + exp(-2*x))
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import sympy

from mazur_nn.core.validate import wrong_kind
from mazur_nn.symbolic.functions import sigma
from mazur_nn.symbolic.model import PRECISION  # decimal digits for the exact (sympy) values

X = sympy.Symbol("x", real=True)
Y = sympy.Symbol("y", real=True)
U = sympy.Symbol("u", real=True)  # the outer function's variable in y = f(u), u = g(x)


def with_exp(expr: sympy.Expr) -> sympy.Expr:
    """``expr`` with every ``sigma(a)`` written as ``1 / (1 + exp(-a))``
    (sigma's own rewrite rule), so floats and ``simplify`` see the formula."""
    return expr.rewrite(sigma, sympy.exp)


def check_expression(expr, field: str) -> sympy.Expr:
    """``expr`` if it is a sympy expression with no undefined functions.

    >>> check_expression(sympy.Function("g")(X), "f")
    Traceback (most recent call last):
    ...
    ValueError: f: g is an undefined function; write it out (sympy.sin, sympy.exp, ...)
    """
    if not isinstance(expr, sympy.Expr):
        raise wrong_kind(field, "a sympy expression", repr(expr))
    unknown = sorted(str(f.func) for f in expr.atoms(sympy.core.function.AppliedUndef))
    if unknown:
        raise ValueError(
            f"{field}: {', '.join(unknown)} is an undefined function; "
            "write it out (sympy.sin, sympy.exp, ...)"
        )
    return expr


def sorted_names(symbols) -> str:
    """The symbols' names, sorted: ``"w, x"``."""
    return ", ".join(sorted(str(s) for s in symbols))


def symbol_named(expr: sympy.Expr, name: str):
    """The symbol of ``expr`` called ``name``, or ``None``."""
    return next((s for s in expr.free_symbols if s.name == name), None)


def exact(expr: sympy.Expr, values: Mapping, field: str) -> float:
    """``expr`` at ``values`` (symbol -> float) by sympy at 30 digits. Floats
    go in exactly (their binary value), so the result is the exact derivative
    at the very number the finite differences use."""
    numbers = {s: sympy.Float(v, PRECISION) for s, v in values.items()}
    try:
        result = with_exp(expr).evalf(PRECISION, subs=numbers)
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


def evaluate(f, at: float, field: str) -> float:
    """``f(at)`` as a finite float; an error naming ``field`` otherwise.

    >>> evaluate(math.log, -1.0, "x")
    Traceback (most recent call last):
    ...
    ValueError: x: f cannot be evaluated at -1.0 (math domain error)
    """
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
