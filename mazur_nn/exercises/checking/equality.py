"""Whether a formula equals the right one, decided in bounded time.

Agreeing in floats at a few random points (:mod:`~mazur_nn.exercises.typed.points`)
is not enough: ``out_o1 - t1 + 0.0000000009`` agrees too. So a formula
that agrees is confirmed:

1. *symbolically*, when sympy can finish: their difference, with sigma
   written as exp, each log of a number and each power of a number taken
   as a name of its own (so nothing like ``7**1000000`` is ever worked
   out), is expanded only if :func:`expansion_size` says the result has at
   most :data:`EXPANSION_LIMIT` terms. A difference that expands to 0 is
   0. One that does not is put over one denominator (``cancel``, only when
   it is small), each ``exp`` written as a power of a name: 0 is 0, and if
   nothing but names, numbers and those powers is left, anything else is
   certainly not 0 (a rational function that is not 0 is not 0);
2. else *numerically*: at :data:`~mazur_nn.exercises.typed.points.PRECISE_POINTS`
   fresh points with 256 bits, where a difference a float cannot see is
   still seen.

No step relies on threads or signals (there are none in a browser): every
budget is a size, counted before sympy starts.

Example
-------
>>> import sympy
>>> out, t = sympy.symbols("out_o1 t1", real=True)
>>> equal(out - t, -(t - out), ["out_o1", "t1"])
(True, 'symbolically')
>>> equal(out - t + sympy.Rational(9, 10**10), out - t, ["out_o1", "t1"])
(False, 'symbolically')
>>> s = sympy.Symbol("w1", real=True)
>>> padding = ((out + t + s + 1) / 4) ** 40 * (sigma(s) + sigma(-s) - 1)  # 0, expands hugely
>>> expansion_size(padding.rewrite(sympy.exp)) > EXPANSION_LIMIT
True
>>> equal(out - t + padding, out - t, ["out_o1", "t1", "w1"])
(True, 'numerically')
"""

from __future__ import annotations

from fractions import Fraction
from math import gcd

import sympy

from mazur_nn.exercises.typed.points import (
    PRECISE_POINTS,
    precise_value_at,
    precisely_close,
    sample_points,
)
from mazur_nn.symbolic.functions import sigma

EXPANSION_LIMIT = 600  # terms sympy.expand may make (about 0.1 s)
CANCEL_LIMIT = 120  # terms of the expanded difference that cancel may take
DENOMINATORS, DENOMINATOR_TERMS, DENOMINATOR_POWER = 3, 12, 4  # sums below the line cancel takes


def expansion_size(expr, limit: int = EXPANSION_LIMIT) -> int:
    """How many terms ``sympy.expand(expr)`` makes at most (a product of
    sums multiplies their terms, a power ``(a + b + ...)**k`` makes the
    multinomial count), plus what the arguments of its functions make;
    counting stops above ``limit`` (the result is then ``limit + 1``).

    >>> x, y = sympy.symbols("x y")
    >>> expansion_size((x + y) ** 3), expansion_size((x + y + 1) ** 100, 1000)
    (4, 1001)
    """
    return min(_size(expr, limit), limit + 1)


def _size(expr, limit: int) -> int:
    if expr.is_Atom:
        return 1
    if expr.is_Add:
        return min(sum(_size(a, limit) for a in expr.args), limit + 1)
    if expr.is_Mul:
        total = 1
        for a in expr.args:
            total = min(total * _size(a, limit), limit + 1)
        return total
    if expr.is_Pow and expr.exp.is_Integer:
        terms, power = _size(expr.base, limit), abs(int(expr.exp))
        return _multinomial(terms, power, limit)
    inner = sum(_size(a, limit) for a in expr.args)  # a function, or a power left as it is
    return min(inner, limit + 1)


def _multinomial(terms: int, power: int, limit: int) -> int:
    """The terms of ``(t1 + ... + t_terms)**power``: C(terms + power - 1,
    terms - 1), counted up to ``limit + 1``."""
    count = 1
    for i in range(1, min(terms - 1, power) + 1):
        count = count * (power + terms - 1 - (i - 1)) // i
        if count > limit:
            return limit + 1
    return count


def _as_names(expr):
    """``expr`` with sigma written as exp, and each log of a number and
    each power of a number (``7**x``, ``2**(1/3)*...``) replaced by a name
    of its own, so expanding never works out a huge number; and whether
    it is exact (no such name was needed)."""
    rewritten = expr.replace(lambda e: isinstance(e, sigma), lambda e: e.rewrite(sympy.exp))
    names: dict = {}

    def name_of(e):
        return names.setdefault(e, sympy.Dummy(f"c{len(names)}", real=True))

    def constant_log(e):
        return isinstance(e, sympy.log) and not e.free_symbols

    def number_power(e):
        return e.is_Pow and e.base.is_Number and not e.exp.is_Integer

    rewritten = rewritten.replace(constant_log, name_of)
    rewritten = rewritten.replace(number_power, name_of)
    return rewritten, not names


def _exp_as_powers(expr):
    """``expr`` with each ``exp(c*m)`` (``c`` a rational number, the
    arguments expanded) written ``Y_m**k``, one name ``Y_m = exp(g*m)`` per
    ``m``, ``k = c/g`` whole: a rational function of names if the rest is;
    ``None`` if an argument is still a sum (expanding did not split it)."""
    exps = list(expr.atoms(sympy.exp))
    if any(e.args[0].is_Add for e in exps):
        return None
    coefficients: dict = {}
    for e in exps:
        c, m = e.args[0].as_coeff_Mul()
        coefficients.setdefault(m, []).append(Fraction(int(c.p), int(c.q)))
    bases = {}
    for m, cs in coefficients.items():
        numerator = 0
        for c in cs:
            numerator = gcd(numerator, c.numerator)
        denominator = 1
        for c in cs:
            denominator = denominator * c.denominator // gcd(denominator, c.denominator)
        bases[m] = (sympy.Dummy("Y", positive=True), Fraction(numerator, denominator))
    replacements = {}
    for e in exps:
        c, m = e.args[0].as_coeff_Mul()
        y, g = bases[m]
        replacements[e] = y ** int(Fraction(int(c.p), int(c.q)) / g)
    return expr.xreplace(replacements)


def _cancellable(expr) -> bool:
    """Nothing but names, rational numbers, + * and whole powers, and few
    small sums below the line (at most :data:`DENOMINATORS`, each with at
    most :data:`DENOMINATOR_TERMS` terms and a power up to
    :data:`DENOMINATOR_POWER`), so ``cancel`` finishes quickly."""
    below = set()
    for node in sympy.preorder_traversal(expr):
        if node.is_Atom:
            if not (node.is_Symbol or node.is_Rational):
                return False
        elif not (node.is_Add or node.is_Mul or (node.is_Pow and node.exp.is_Integer)):
            return False
        elif node.is_Pow and node.exp < 0 and node.base.is_Add:
            if -node.exp > DENOMINATOR_POWER or len(node.base.args) > DENOMINATOR_TERMS:
                return False
            below.add(node.base)
    return len(below) <= DENOMINATORS


def symbolic_verdict(difference) -> bool | None:
    """``True`` if ``difference`` is 0, ``False`` if it certainly is not,
    ``None`` if sympy cannot tell within the budgets.

    >>> x = sympy.Symbol("x", real=True)
    >>> symbolic_verdict(sigma(x) - 1 / (1 + sympy.exp(-x)))
    True
    >>> symbolic_verdict(sympy.exp(-x) / (1 + sympy.exp(-x)) - 1 / (sympy.exp(x) + 1))
    True
    >>> symbolic_verdict(sympy.exp(-x) / (1 + sympy.exp(-x)) - sympy.exp(x) / (sympy.exp(x) + 1))
    False
    >>> symbolic_verdict(sympy.log(x**2) - 2 * sympy.log(x)) is None
    True
    """
    named, exact = _as_names(difference)
    if expansion_size(named) > EXPANSION_LIMIT:
        return None
    expanded = sympy.expand(named)
    if expanded == 0:
        return True
    if len(sympy.Add.make_args(expanded)) > CANCEL_LIMIT:
        return None
    powers = _exp_as_powers(expanded)
    if powers is None or not _cancellable(powers):
        return None
    if sympy.cancel(powers) == 0:
        return True
    return False if exact else None


def equal(student, expected, names) -> tuple[bool, str]:
    """Whether ``student`` equals ``expected`` (sympy expressions in
    ``names``), and how that was decided: ``"symbolically"`` or
    ``"numerically"`` (at fresh points, in high precision)."""
    verdict = symbolic_verdict(student - expected)
    if verdict is not None:
        return verdict, "symbolically"
    points = sample_points(names, PRECISE_POINTS)
    same = all(
        precisely_close(precise_value_at(student, p), precise_value_at(expected, p)) for p in points
    )
    return same, "numerically"
