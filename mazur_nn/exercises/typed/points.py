"""Formulas compared at random points, in floats, without ``eval``.

Two formulas are taken as equal when their values agree (within
:data:`RELATIVE`) at :data:`POINTS` random points drawn with a fixed seed,
so the points are the same every run. :func:`value_at` walks the sympy
tree itself (numbers, + * **, exp, log and sigma) and gives ``nan`` where
a formula is undefined.

Example
-------
>>> import sympy
>>> x = sympy.Symbol("out_o1")
>>> points = sample_points(["out_o1"])
>>> all_close([value_at(x * (1 - x), p) for p in points],
...           [value_at(x - x**2, p) for p in points])
True
"""

from __future__ import annotations

import math
import random

from mazur_nn.core.functions import MATH_FUNCTIONS, get_activation

POINTS = 6  # random points a formula is compared at
SEED = 20150317  # the post's date: the points are the same every run
RELATIVE = 1e-9  # two values at a point agree within this (relative)


# The grammar's functions in floats: sigma is the registry's sigmoid, as the engine computes it.
_FUNCTIONS = {
    "exp": MATH_FUNCTIONS["exp"],
    "log": MATH_FUNCTIONS["log"],
    "sigma": get_activation("sigmoid").value,
}


def _eval(expr, point: dict[str, float]) -> float:
    if expr.is_Symbol:
        return point[expr.name]
    if not expr.free_symbols:
        return float(expr)
    args = [_eval(a, point) for a in expr.args]
    if expr.is_Add:
        return math.fsum(args)
    if expr.is_Mul:
        return math.prod(args)
    if expr.is_Pow:
        result = args[0] ** args[1]
        if isinstance(result, complex):
            raise ValueError("complex power")
        return result
    function = _FUNCTIONS.get(type(expr).__name__)
    if function is None or len(args) != 1:
        raise ValueError(f"cannot evaluate {type(expr).__name__}")
    return function(args[0])


def value_at(expr, point: dict[str, float]) -> float:
    """``expr`` at ``point`` (name -> value) in floats; ``nan`` where it is
    undefined (log of a negative, division by zero, overflow).

    >>> import sympy
    >>> x = sympy.Symbol("x")
    >>> value_at(x**2 + sympy.log(x), {"x": 1.0}), value_at(1 / (x - 1), {"x": 1.0})
    (1.0, nan)
    """
    try:
        result = _eval(expr, point)
    except (ArithmeticError, ValueError, TypeError, KeyError):
        return math.nan
    return result if math.isfinite(result) else math.nan


def close(a: float, b: float) -> bool:
    """``a`` and ``b`` are finite and agree within :data:`RELATIVE`.

    >>> close(0.1 + 0.2, 0.3), close(math.nan, math.nan)
    (True, False)
    """
    return math.isfinite(a) and math.isfinite(b) and abs(a - b) <= RELATIVE * max(1.0, abs(b))


def all_close(first, second) -> bool:
    """Every value of ``first`` is :func:`close` to the one of ``second``."""
    return all(close(a, b) for a, b in zip(first, second))


def sample_points(names, count: int = POINTS, seed: int = SEED) -> list[dict[str, float]]:
    """``count`` random points for ``names``: out_*, targets and inputs in
    (0.05, 0.95), net_* in (-2, 2), weights, biases and eta in (-1, 1)."""
    rng = random.Random(seed)
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
