"""Whether a formula equals the right one, decided in bounded time.

Agreeing in floats at a few random points (:mod:`~mazur_nn.exercises.typed.points`)
is not enough: ``out_o1 - t1 + 0.0000000009`` agrees too. So a formula
that agrees is confirmed:

1. *symbolically*: their difference, with sigma written as exp, each log
   of a number and each power of a number taken as a name of its own (so
   nothing like ``7**1000000`` is ever worked out), each ``exp`` written as
   a power of a name of its own (its argument expanded only if
   :func:`expansion_size` says it makes at most :data:`EXPANSION_LIMIT`
   terms) and anything else that is not a sum, a product or a whole power
   (a log of names, a root) as a name too, is a rational function of
   names. It is evaluated exactly, modulo a fresh random prime, at random
   points, without expanding anything: a value that is not 0 proves it is
   not 0 (said only when no name stands for a part with relations of its
   own); 0 at every point proves it is 0 but for a chance below ``1e-28``
   (Schwartz-Zippel, for a degree up to :data:`DEGREE_LIMIT`);
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
>>> expansion_size(padding.rewrite(sympy.exp)) > EXPANSION_LIMIT  # so it is never expanded
True
>>> equal(out - t + padding, out - t, ["out_o1", "t1", "w1"])
(True, 'symbolically')
>>> equal(sympy.log(out**2), 2 * sympy.log(out), ["out_o1"])  # logs: only numbers can tell
(True, 'numerically')
"""

from __future__ import annotations

import random
from fractions import Fraction
from math import gcd, lcm

import sympy

from mazur_nn.exercises.typed.points import (
    PRECISE_POINTS,
    precise_value_at,
    precisely_close,
    sample_points,
)
from mazur_nn.symbolic.functions import sigma

EXPANSION_LIMIT = 600  # terms sympy.expand may make of exp's argument (about 0.1 s)
PRIME_BITS = 62  # exact evaluation modulo a random prime of this many bits
TRIES = 3  # random points for the exact evaluation
DEGREE_LIMIT = 10**9  # degree up to which 0 at TRIES points means 0 (chance of error < 1e-28)


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
        return _multinomial(_size(expr.base, limit), abs(int(expr.exp)), limit)
    inner = sum(_size(a, limit) for a in expr.args)  # a function, or a power left as it is
    return min(inner, limit + 1)


def _multinomial(terms: int, power: int, limit: int) -> int:
    """The terms of ``(t1 + ... + t_terms)**power``: C(terms + power - 1,
    terms - 1), counted up to ``limit + 1``."""
    count = 1
    for i in range(1, min(terms - 1, power) + 1):
        count = count * (power + terms - i) // i
        if count > limit:
            return limit + 1
    return count


def _as_names(expr):
    """``expr`` with sigma written as exp, and each log of a number and
    each power of a number (``7**x``, ``2**(1/3)``) replaced by a name of
    its own, so expanding never works out a huge number; and whether it is
    exact (no such name was needed)."""
    rewritten = expr.replace(lambda e: isinstance(e, sigma), lambda e: e.rewrite(sympy.exp))
    names: dict = {}

    def name_of(e):
        return names.setdefault(e, sympy.Dummy(f"c{len(names)}", real=True))

    def constant_log(e):
        return isinstance(e, sympy.log) and not e.free_symbols

    def number_power(e):
        return e.is_Pow and e.base.is_Number and not e.exp.is_Integer

    rewritten = rewritten.replace(constant_log, name_of).replace(number_power, name_of)
    return rewritten, not names


def _split_exps(expr):
    """``expr`` with the argument of each ``exp`` expanded and split, so
    ``exp(x*(y + 1))`` is ``exp(x*y)*exp(x)``, as everywhere else; ``None``
    if an argument would expand beyond :data:`EXPANSION_LIMIT` terms."""
    too_large = []

    def split(e):
        if expansion_size(e.args[0]) > EXPANSION_LIMIT:
            too_large.append(e)
            return e
        return sympy.Mul(*(sympy.exp(t) for t in sympy.Add.make_args(sympy.expand(e.args[0]))))

    result = expr.replace(lambda e: isinstance(e, sympy.exp), split)
    return None if too_large else result


def _exp_as_powers(expr):
    """``expr`` (its exps split) with each ``exp(c*m)`` (``c`` a rational
    number, ``E`` as ``exp(1)``) written ``Y_m**k``: one name
    ``Y_m = exp(g*m)`` per ``m``, ``g`` the largest rational that makes
    every ``k = c/g`` whole; and whether every ``m`` is a polynomial (then
    one ``m`` has one way to be written, and the names are independent)."""
    parts = {e: e.args[0].as_coeff_Mul() for e in expr.atoms(sympy.exp)}
    polynomial = all(m.is_polynomial(*m.free_symbols) for _, m in parts.values())
    if expr.has(sympy.E):
        parts[sympy.E] = (sympy.Integer(1), sympy.Integer(1))
    coefficients: dict = {}
    for c, m in parts.values():
        coefficients.setdefault(m, []).append(Fraction(int(c.p), int(c.q)))
    bases = {}
    for m, cs in coefficients.items():
        g = Fraction(gcd(*(c.numerator for c in cs)), lcm(*(c.denominator for c in cs)))
        bases[m] = (sympy.Dummy("Y", positive=True), g)
    replacements = {}
    for e, (c, m) in parts.items():
        y, g = bases[m]
        replacements[e] = y ** int(Fraction(int(c.p), int(c.q)) / g)
    return expr.xreplace(replacements), polynomial


def _as_rational(expr):
    """``expr`` with every part that is not a name, a rational number, a
    sum, a product or a whole power (a log of names, a root, ``pi``) taken
    as a name of its own (``x**(-4*y)`` as the name of ``x**y`` to the
    power -4): a rational function of names; and whether it is exact (no
    such name was needed)."""
    names: dict = {}

    def rebuilt(e):
        if e.is_Symbol or e.is_Rational:
            return e
        if e.is_Add or e.is_Mul or (e.is_Pow and e.exp.is_Integer):
            return e.func(*(rebuilt(a) for a in e.args))
        if e.is_Pow:
            c, m = e.exp.as_coeff_Mul()
            if c.is_Rational and c != 1:
                return rebuilt(sympy.Pow(e.base, m / c.q, evaluate=False)) ** int(c.p)
        return names.setdefault(e, sympy.Dummy(f"f{len(names)}", real=True))

    return rebuilt(expr), not names


def _degree(expr) -> int:
    """A bound on the degree of a rational function's numerator and
    denominator once it is put over one denominator."""
    if expr.is_Symbol:
        return 1
    if expr.is_Atom:
        return 0
    if expr.is_Pow:
        return abs(int(expr.exp)) * _degree(expr.base)
    return sum(_degree(a) for a in expr.args)


def _modular(expr, point: dict, prime: int) -> int:
    """A rational function's value modulo ``prime`` at ``point`` (name ->
    residue); ``ZeroDivisionError`` where a denominator is 0."""
    if expr.is_Symbol:
        return point[expr]
    if expr.is_Rational:
        return int(expr.p) * _inverse(int(expr.q), prime) % prime
    if expr.is_Pow:
        base, power = _modular(expr.base, point, prime), int(expr.exp)
        return pow(base if power >= 0 else _inverse(base, prime), abs(power), prime)
    args = [_modular(a, point, prime) for a in expr.args]
    if expr.is_Add:
        return sum(args) % prime
    result = 1
    for a in args:
        result = result * a % prime
    return result


def _inverse(value: int, prime: int) -> int:
    if value % prime == 0:
        raise ZeroDivisionError("a denominator is 0 here")
    return pow(value, prime - 2, prime)


_WITNESSES = (2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37)  # decide primality below 3.3e24


def _is_prime(n: int) -> bool:
    """Miller-Rabin with the bases that decide every ``n`` below 3.3e24.

    >>> [n for n in range(30) if _is_prime(n)], _is_prime(2**61 - 1)
    ([2, 3, 5, 7, 11, 13, 17, 19, 23, 29], True)
    """
    if n < 2:
        return False
    for p in _WITNESSES:
        if n % p == 0:
            return n == p
    d, r = n - 1, 0
    while d % 2 == 0:
        d, r = d // 2, r + 1
    for a in _WITNESSES:
        x = pow(a, d, n)
        if x in (1, n - 1):
            continue
        for _ in range(r - 1):
            x = x * x % n
            if x == n - 1:
                break
        else:
            return False
    return True


def _random_prime(rng) -> int:
    """A random prime of :data:`PRIME_BITS` bits (a fresh one for every
    check: no formula can be made to vanish modulo it on purpose)."""
    while True:
        n = rng.getrandbits(PRIME_BITS) | (1 << (PRIME_BITS - 1)) | 1
        if _is_prime(n):
            return n


def _zero_modulo_prime(expr) -> bool | None:
    """Whether a rational function is 0: evaluated exactly modulo a fresh
    random prime of :data:`PRIME_BITS` bits at :data:`TRIES` random points.
    A value that is not 0 proves it is not 0 (``False``); 0 at every point,
    for a degree up to :data:`DEGREE_LIMIT`, leaves a chance below ``1e-28``
    that it is not (``True``, Schwartz-Zippel); else ``None``."""
    rng = random.SystemRandom()
    prime = _random_prime(rng)
    zeros = 0
    for _ in range(TRIES):
        point = {s: rng.randrange(1, prime) for s in expr.free_symbols}
        try:
            if _modular(expr, point, prime) != 0:
                return False
        except ZeroDivisionError:
            continue
        zeros += 1
    return True if zeros == TRIES and _degree(expr) <= DEGREE_LIMIT else None


def symbolic_verdict(difference) -> bool | None:
    """``True`` if ``difference`` is 0, ``False`` if it certainly is not,
    ``None`` if this cannot tell within the budgets.

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
    split = _split_exps(named)
    if split is None:
        return None
    powers, polynomial = _exp_as_powers(split)
    rational, only_names = _as_rational(powers)
    zero = _zero_modulo_prime(rational)
    if zero is False and not (exact and polynomial and only_names):
        return None  # a name stands for a part whose relations it does not know
    return zero


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
