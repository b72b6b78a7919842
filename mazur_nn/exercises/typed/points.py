"""Formulas compared at random points, without ``eval``, in bounded time.

Two formulas are taken as equal in floats when their values agree (within
:data:`RELATIVE` of the larger) at :data:`POINTS` random points. The
points are fresh for every check (drawn from the operating system's
randomness, never from a public seed), so no wrong formula can be made to
fit them. Where floats cannot tell (a difference below their precision),
:func:`precise_value_at` evaluates at :data:`PRECISION` bits with mpmath,
and :func:`precisely_close` compares within :data:`PRECISE_RELATIVE`.

:func:`value_at` walks the sympy tree itself (numbers, + * **, exp, log,
sigma and tanh) and never asks sympy for a number, so no constant a
student typed is ever expanded: every result larger than :data:`LARGEST`
in size, and ``exp`` of more than :data:`EXP_LARGEST`, counts as undefined
(``nan``), as do log of a number that is not positive and a root of a
negative number.

Example
-------
>>> import sympy
>>> x = sympy.Symbol("out_o1")
>>> points = sample_points(["out_o1"])
>>> all_close([value_at(x * (1 - x), p) for p in points],
...           [value_at(x - x**2, p) for p in points])
True
>>> value_at(sympy.exp(sympy.exp(sympy.exp(100))), {})  # never evaluated by sympy
nan
>>> p = {"out_o1": 0.25}
>>> precisely_close(precise_value_at(x + sympy.Rational(9, 10**10), p), precise_value_at(x, p))
False
"""

from __future__ import annotations

import math
import random

import mpmath

from mazur_nn.core.functions import MATH_FUNCTIONS, get_activation

POINTS = 6  # random points a formula is compared at in floats
PRECISE_POINTS = 8  # more random points, in high precision, where floats cannot tell
RELATIVE = 1e-7  # two float values agree within this, relative to the larger
PRECISION = 256  # bits of the high-precision evaluation (about 77 digits)
PRECISE_RELATIVE = 1e-50  # two precise values agree within this, relative to the larger
LARGEST = 1e300  # any value larger than this in size is undefined (an overflow)
EXP_LARGEST = 690.0  # exp(x) for x above this is undefined; far below, 0
EXP_SMALLEST = -10_000.0  # exp(x) below this is 0 (in floats it is 0 long before)

# The grammar's functions in floats: sigma is the registry's sigmoid, as the engine computes it.
_FLOAT_FUNCTIONS = {
    "exp": MATH_FUNCTIONS["exp"],
    "log": MATH_FUNCTIONS["log"],
    "tanh": MATH_FUNCTIONS["tanh"],
    "sigma": get_activation("sigmoid").value,
}
_PRECISE = mpmath.MPContext()
_PRECISE.prec = PRECISION


class _Undefined(ArithmeticError):
    """A value that is not a finite real number."""


class _Floats:
    """Arithmetic in floats, every result bounded."""

    nan = math.nan

    @staticmethod
    def number(p: int, q: int) -> float:
        return p / q

    e = math.e
    total = staticmethod(math.fsum)
    product = staticmethod(math.prod)

    @staticmethod
    def power(base: float, exponent: float) -> float:
        result = base**exponent
        if isinstance(result, complex):
            raise _Undefined("a root of a negative number")
        return result

    @staticmethod
    def function(name: str, x: float) -> float:
        if name == "exp" and x > EXP_LARGEST:
            raise _Undefined("exp overflows")
        return _FLOAT_FUNCTIONS[name](x)


class _Precise:
    """The same arithmetic in :data:`PRECISION` bits (mpmath)."""

    nan = _PRECISE.nan

    @staticmethod
    def number(p: int, q: int):
        return _PRECISE.mpf(p) / q

    e = _PRECISE.e
    total = staticmethod(_PRECISE.fsum)
    product = staticmethod(_PRECISE.fprod)

    @staticmethod
    def power(base, exponent):
        if base < 0 and exponent != int(exponent):
            raise _Undefined("a root of a negative number")
        if base == 0:
            if exponent < 0:
                raise _Undefined("division by zero")
            return _PRECISE.one if exponent == 0 else _PRECISE.zero
        size = exponent * _PRECISE.log(abs(base))
        if size > EXP_LARGEST:
            raise _Undefined("the power overflows")
        return _PRECISE.zero if size < EXP_SMALLEST else _PRECISE.power(base, exponent)

    @staticmethod
    def function(name: str, x):
        if name == "log":
            if x <= 0:
                raise _Undefined("log of a number that is not positive")
            return _PRECISE.log(x)
        if name == "tanh":
            return _PRECISE.tanh(x)
        if name == "sigma":  # 1 / (1 + exp(-x)), written so that exp never overflows
            small = _Precise.function("exp", -abs(x))
            return 1 / (1 + small) if x >= 0 else small / (1 + small)
        if x > EXP_LARGEST:
            raise _Undefined("exp overflows")
        return _PRECISE.zero if x < EXP_SMALLEST else _PRECISE.exp(x)


def _eval(expr, point: dict, arithmetic):
    """``expr`` at ``point`` in ``arithmetic``; every result bounded."""
    if expr.is_Symbol:
        return point[expr.name]
    if expr.is_Rational:
        return arithmetic.number(int(expr.p), int(expr.q))
    if type(expr).__name__ == "Exp1":  # sympy writes exp(1) as E
        return arithmetic.e
    args = [_eval(a, point, arithmetic) for a in expr.args]
    if expr.is_Add:
        result = arithmetic.total(args)
    elif expr.is_Mul:
        result = arithmetic.product(args)
    elif expr.is_Pow:
        result = arithmetic.power(*args)
    elif type(expr).__name__ in _FLOAT_FUNCTIONS and len(args) == 1:
        result = arithmetic.function(type(expr).__name__, args[0])
    else:
        raise _Undefined(f"cannot evaluate {type(expr).__name__}")
    if not abs(result) <= LARGEST:  # an overflow, or nan
        raise _Undefined("too large")
    return result


_FAILURES = (ArithmeticError, ValueError, TypeError, KeyError, RecursionError)


def value_at(expr, point: dict[str, float]) -> float:
    """``expr`` at ``point`` (name -> value) in floats; ``nan`` where it is
    undefined (log of a negative, division by zero, overflow).

    >>> import sympy
    >>> x = sympy.Symbol("x")
    >>> value_at(x**2 + sympy.log(x), {"x": 1.0}), value_at(1 / (x - 1), {"x": 1.0})
    (1.0, nan)
    """
    try:
        return float(_eval(expr, point, _Floats))
    except _FAILURES:
        return math.nan


def precise_value_at(expr, point: dict[str, float]):
    """``expr`` at ``point`` with :data:`PRECISION` bits (an mpmath number);
    ``nan`` where it is undefined.

    >>> import sympy
    >>> x = sympy.Symbol("x")
    >>> float(precise_value_at(sympy.exp(x) * sympy.exp(-x), {"x": 0.3}))
    1.0
    """
    try:
        return _eval(expr, point, _Precise)
    except _FAILURES:
        return _PRECISE.nan


def close(a: float, b: float) -> bool:
    """``a`` and ``b`` are finite and agree within :data:`RELATIVE` of the
    larger of the two.

    >>> close(0.1 + 0.2, 0.3), close(math.nan, math.nan), close(1e-12, 2e-12)
    (True, False, False)
    """
    return math.isfinite(a) and math.isfinite(b) and abs(a - b) <= RELATIVE * max(abs(a), abs(b))


def all_close(first, second) -> bool:
    """Every value of ``first`` is :func:`close` to the one of ``second``."""
    return all(close(a, b) for a, b in zip(first, second))


def precisely_close(a, b) -> bool:
    """Two values of :func:`precise_value_at` are finite and agree within
    :data:`PRECISE_RELATIVE` of the larger."""
    if not (_PRECISE.isfinite(a) and _PRECISE.isfinite(b)):
        return False
    return abs(a - b) <= PRECISE_RELATIVE * max(abs(a), abs(b))


def sample_points(names, count: int = POINTS, seed: int | None = None) -> list[dict[str, float]]:
    """``count`` random points for ``names``: out_*, targets and inputs in
    (0.05, 0.95), net_* in (-2, 2), weights, biases and eta in (-1, 1).
    Fresh every call (the operating system's randomness) unless ``seed``
    is given (for a test that must repeat itself).

    >>> sample_points(["w1"], seed=1) == sample_points(["w1"], seed=1)
    True
    >>> sample_points(["w1"]) == sample_points(["w1"])
    False
    """
    rng = random.Random(seed) if seed is not None else random.SystemRandom()
    points = []
    for _ in range(count):
        point = {}
        for name in names:
            if name.startswith(("out_", "t", "i")):
                point[name] = rng.uniform(0.05, 0.95)
            elif name.startswith("net_"):
                point[name] = rng.uniform(-2.0, 2.0)
            else:
                point[name] = rng.uniform(-1.0, 1.0)
        points.append(point)
    return points
