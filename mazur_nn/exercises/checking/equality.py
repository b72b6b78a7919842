"""Whether a formula equals the right one, decided in bounded time.

Agreeing in floats at a few random points (:mod:`~mazur_nn.exercises.typed.points`)
is not enough: ``out_o1 - t1 + 0.0000000009`` agrees too. So equality is
decided:

1. *symbolically*, by exact arithmetic modulo a fresh random prime of
   :data:`PRIME_BITS` bits, at :data:`TRIES` random points. Both formulas
   are read as rational functions of names: each ``exp(c*m)`` (``sigma(x)``
   is ``1/(1 + exp(-x))``) is a power of a name ``Z_m`` of its own, its
   argument expanded into monomials ``m`` by this module (at most
   :data:`TERMS` terms), with ``exp(k*log(a)) = a**k``; anything else that
   is not a sum, a product or a whole power (a log, a root, a power of a
   number) is a name of its own too. Equal values at every point prove the
   two equal, but for a chance below ``1e-28`` (Schwartz-Zippel, for a
   degree up to :data:`DEGREE_LIMIT`); a value that differs proves them
   different, when no name stands for a part with relations of its own;
2. else *numerically*: at :data:`~mazur_nn.exercises.typed.points.PRECISE_POINTS`
   fresh points with 256 bits, where a difference a float cannot see is
   still seen.

Nothing here asks sympy to build, expand or simplify anything: the sympy
trees are only read, so no input can make sympy work out ``7**1000000``
or loop in its own simplifications, and every step is bounded by the size
of the formulas (no threads or signals, which a browser does not have).

Example
-------
>>> import sympy
>>> from mazur_nn.symbolic.functions import sigma
>>> out, t, w = sympy.symbols("out_o1 t1 w1", real=True)
>>> equal(out - t, -(t - out), ["out_o1", "t1"])
(True, 'symbolically')
>>> equal(out - t + sympy.Rational(9, 10**10), out - t, ["out_o1", "t1"])
(False, 'symbolically')
>>> padding = ((out + t + w + 1) / 4) ** 40 * (sigma(w) + sigma(-w) - 1)  # 0, never expanded
>>> equal(out - t + padding, out - t, ["out_o1", "t1", "w1"])
(True, 'symbolically')
>>> equal(sympy.log(out**2), 2 * sympy.log(out), ["out_o1"])  # logs: only numbers can tell
(True, 'numerically')
"""

from __future__ import annotations

import random
from fractions import Fraction
from math import lcm

from mazur_nn.exercises.typed.points import (
    PRECISE_POINTS,
    precise_value_at,
    precisely_close,
    sample_points,
)

PRIME_BITS = 62  # exact evaluation modulo a random prime of this many bits
TRIES = 3  # random points for the exact evaluation
DEGREE_LIMIT = 10**9  # degree up to which equal at TRIES points means equal (error < 1e-28)
TERMS = 600  # monomials an argument of exp may expand into

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


class _TooLarge(Exception):
    """An argument of exp expands into more than :data:`TERMS` monomials."""


def _kind(node) -> str:
    return type(node).__name__


def _monomial_product(a: frozenset, b: frozenset) -> frozenset:
    powers = dict(a)
    for key, power in b:
        powers[key] = powers.get(key, 0) + power
    return frozenset((k, p) for k, p in powers.items() if p)


def _times(a: dict, b: dict) -> dict:
    if len(a) * len(b) > TERMS * 4:
        raise _TooLarge
    result: dict = {}
    for ma, ca in a.items():
        for mb, cb in b.items():
            m = _monomial_product(ma, mb)
            result[m] = result.get(m, 0) + ca * cb
    result = {m: c for m, c in result.items() if c}
    if len(result) > TERMS:
        raise _TooLarge
    return result


class _Exact:
    """Two or more sympy trees evaluated exactly modulo a random prime,
    with every exp a power of an independent name (see the module)."""

    def __init__(self, trees) -> None:
        self.rng = random.SystemRandom()
        self.prime = _random_prime(self.rng)
        self.exact = True  # no name stands for a part with relations of its own
        self.polynomials: dict = {}  # argument of exp -> its monomials, or None: too large
        self.denominators: dict = {}  # monomial -> lcm of its coefficients' denominators
        self.point: dict = {}
        for tree in trees:
            self._collect(tree)

    # -- pass 1: the arguments of exp, as polynomials -----------------------------

    def _collect(self, node) -> None:
        kind = _kind(node)
        if kind in ("exp", "sigma"):
            self._register(node.args[0])
        elif kind == "Exp1":
            self.denominators.setdefault(frozenset(), 1)
        for arg in node.args:
            self._collect(arg)

    def _register(self, argument) -> None:
        if argument in self.polynomials:
            return
        try:
            polynomial = self._polynomial(argument)
        except _TooLarge:
            self.polynomials[argument], self.exact = None, False
            return
        self.polynomials[argument] = polynomial
        for m, c in polynomial.items():
            if not _is_log_alone(m, c):
                self.denominators[m] = lcm(self.denominators.get(m, 1), c.denominator)
                if any(_kind(key) != "Symbol" for key, _ in m):
                    self.exact = False  # exp of a log, a root...: relations of its own

    def _polynomial(self, node) -> dict:
        """``node`` expanded into ``{monomial: coefficient}``; a monomial is a
        frozenset of ``(factor, power)``, a factor a name or any other part."""
        if node.is_Symbol:
            return {frozenset({(node, 1)}): Fraction(1)}
        if node.is_Rational:
            value = Fraction(int(node.p), int(node.q))
            return {frozenset(): value} if value else {}
        if node.is_Add:
            result: dict = {}
            for arg in node.args:
                for m, c in self._polynomial(arg).items():
                    result[m] = result.get(m, 0) + c
            return {m: c for m, c in result.items() if c}
        if node.is_Mul:
            result = {frozenset(): Fraction(1)}
            for arg in node.args:
                result = _times(result, self._polynomial(arg))
            return result
        if node.is_Pow and node.exp.is_Integer and node.exp >= 0:
            base, result = self._polynomial(node.base), {frozenset(): Fraction(1)}
            power = int(node.exp)
            if len(base) == 1:
                ((m, c),) = base.items()
                return {frozenset((k, p * power) for k, p in m): c**power}
            if power > TERMS:
                raise _TooLarge
            for _ in range(power):
                result = _times(result, base)
            return result
        return {frozenset({(node, 1)}): Fraction(1)}  # a part of its own (a log, a root)

    # -- pass 2: values modulo the prime ---------------------------------------------

    def _name(self, key) -> int:
        if key not in self.point:
            self.point[key] = self.rng.randrange(1, self.prime)
        return self.point[key]

    def _inverse(self, value: int) -> int:
        if value % self.prime == 0:
            raise ZeroDivisionError("a denominator is 0 here")
        return pow(value, self.prime - 2, self.prime)

    def _power(self, base: int, exponent: int) -> int:
        if exponent < 0:
            return pow(self._inverse(base), -exponent, self.prime)
        return pow(base, exponent, self.prime)

    def _exp(self, argument, sign: int = 1) -> int:
        polynomial = self.polynomials[argument]
        if polynomial is None:
            return self._name(("exp", argument, sign))
        result = 1
        for m, c in polynomial.items():
            if _is_log_alone(m, c):  # exp(k*log(a)) = a**k
                ((log, _),) = m
                factor = self._power(self.value(log.args[0]), sign * int(c))
            else:
                whole = c * self.denominators[m]  # Z_m = exp(m / denominator)
                factor = self._power(self._name(("Z", m)), sign * int(whole))
            result = result * factor % self.prime
        return result

    def value(self, node) -> int:
        """``node``'s value at the current point; ``ZeroDivisionError`` where
        a denominator is 0."""
        if node.is_Symbol:
            return self._name(node)
        if node.is_Rational:
            return int(node.p) * self._inverse(int(node.q)) % self.prime
        kind = _kind(node)
        if node.is_Add:
            return sum(self.value(a) for a in node.args) % self.prime
        if node.is_Mul:
            result = 1
            for a in node.args:
                result = result * self.value(a) % self.prime
            return result
        if node.is_Pow and node.exp.is_Integer:
            return self._power(self.value(node.base), int(node.exp))
        if kind == "exp":
            return self._exp(node.args[0])
        if kind == "sigma":  # 1 / (1 + exp(-x))
            return self._inverse(1 + self._exp(node.args[0], -1))
        if kind == "Exp1":
            return self._power(self._name(("Z", frozenset())), self.denominators[frozenset()])
        self.exact = False
        if node.is_Pow:  # x**(-4*y) is (x**y)**-4: one name for x**y
            c, m = node.exp.as_coeff_Mul()
            if c.is_Rational:
                return self._power(self._name(("root", node.base, m, int(c.q))), int(c.p))
        return self._name(node)  # a log, tanh, a root of a number...: a name of its own

    def degree(self, node) -> int:
        """A bound on the degree of numerator and denominator of ``node`` as
        a rational function of the names."""
        if node.is_Symbol:
            return 1
        if node.is_Rational:
            return 0
        if node.is_Pow and node.exp.is_Integer:
            return abs(int(node.exp)) * self.degree(node.base)
        kind = _kind(node)
        if kind in ("exp", "sigma"):
            polynomial = self.polynomials[node.args[0]]
            if polynomial is None:
                return 2
            total = 2
            for m, c in polynomial.items():
                if _is_log_alone(m, c):
                    ((log, _),) = m
                    total += abs(int(c)) * self.degree(log.args[0])
                else:
                    total += abs(int(c * self.denominators[m]))
            return total
        if node.is_Add or node.is_Mul:
            return sum(self.degree(a) for a in node.args)
        return 1 if node.args or kind != "Exp1" else abs(self.denominators[frozenset()])

    def new_point(self) -> None:
        self.point = {}


def _is_log_alone(monomial: frozenset, coefficient: Fraction) -> bool:
    """The monomial is ``log(a)`` alone with a whole coefficient: ``exp``
    of it is ``a`` to that power."""
    if len(monomial) != 1 or coefficient.denominator != 1:
        return False
    ((factor, power),) = monomial
    return power == 1 and _kind(factor) == "log"


def symbolic_verdict(first, second) -> bool | None:
    """``True`` if ``first`` equals ``second``, ``False`` if it certainly does
    not, ``None`` if exact arithmetic cannot tell (see the module).

    >>> import sympy
    >>> from mazur_nn.symbolic.functions import sigma
    >>> x = sympy.Symbol("x", real=True)
    >>> symbolic_verdict(sigma(x), 1 / (1 + sympy.exp(-x)))
    True
    >>> symbolic_verdict(sympy.exp(-x) / (1 + sympy.exp(-x)), 1 / (sympy.exp(x) + 1))
    True
    >>> symbolic_verdict(sympy.exp(-x) / (1 + sympy.exp(-x)), sympy.exp(x) / (sympy.exp(x) + 1))
    False
    >>> symbolic_verdict(sympy.log(x**2), 2 * sympy.log(x)) is None
    True
    """
    exact = _Exact((first, second))
    same_everywhere = 0
    for _ in range(TRIES):
        exact.new_point()
        try:
            different = exact.value(first) != exact.value(second)
        except ZeroDivisionError:
            continue
        if different:
            return False if exact.exact else None
        same_everywhere += 1
    degree = exact.degree(first) + exact.degree(second)
    return True if same_everywhere == TRIES and degree <= DEGREE_LIMIT else None


def equal(student, expected, names) -> tuple[bool, str]:
    """Whether ``student`` equals ``expected`` (sympy expressions in
    ``names``), and how that was decided: ``"symbolically"`` or
    ``"numerically"`` (at fresh points, in high precision)."""
    verdict = symbolic_verdict(student, expected)
    if verdict is not None:
        return verdict, "symbolically"
    points = sample_points(names, PRECISE_POINTS)
    same = all(
        precisely_close(precise_value_at(student, p), precise_value_at(expected, p)) for p in points
    )
    return same, "numerically"
