r"""The function the lesson minimises: a parabola on [-10, 10].

    f(x) = a (x - c)^2,   a > 0,   minimum x* = c,   f'(x) = 2a (x - c)

(``a`` how steep, ``c`` where the minimum is; the lesson uses
:data:`PARABOLA`, ``x^2``).

>>> PARABOLA.formula, PARABOLA.derivative_formula, PARABOLA.minimum
('x^2', '2x', 0.0)
>>> PARABOLA(8), PARABOLA.derivative(8)
(64.0, 16.0)
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from mazur_nn.core.numbers import format_number
from mazur_nn.core.validate import not_allowed, number_in_range, real_number, show


def num(value: float, digits: int = 6) -> str:
    """A value of the lesson for tables and messages, by
    :func:`mazur_nn.core.numbers.format_number`; ``inf`` (a run that
    overflowed) stays ``inf``.

    >>> num(4.096000000001), num(float("-inf")), num(0.8, 9)
    ('4.096', '-inf', '0.8')
    """
    return format_number(value, digits) if math.isfinite(value) else str(value)


DOMAIN = (-10.0, 10.0)
"""Where the parabola lives and is drawn: the interval [-10, 10] of the source."""

MAX_STEEPNESS = 1000.0
"""The largest steepness ``a`` allowed."""


@dataclass(frozen=True)
class Parabola:
    r"""``f(x) = a (x - c)^2`` on [-10, 10]: steepness ``a`` (0 < a <= 1000)
    and minimum ``x* = c`` (in [-10, 10]).

    >>> f = Parabola(a=4, c=2)
    >>> f(3), f.derivative(3)
    (4.0, 8.0)
    >>> f
    Parabola(f(x) = 4(x - 2)^2, f'(x) = 8(x - 2), minimum x* = 2, on [-10, 10])
    """

    a: float = 1.0
    c: float = 0.0

    def __post_init__(self) -> None:
        a = real_number(self.a, "a")
        if not 0 < a <= MAX_STEEPNESS:
            raise not_allowed(
                "a",
                show(a),
                f"a steepness from above 0 to {show(MAX_STEEPNESS)} "
                "(f(x) = a (x - c)^2 needs a > 0)",
            )
        object.__setattr__(self, "a", a)
        object.__setattr__(self, "c", number_in_range(self.c, "c", *DOMAIN))

    def __call__(self, x: float) -> float:
        d = x - self.c
        return self.a * d * d  # d * d, not d ** 2: overflows to inf instead of raising

    def derivative(self, x: float) -> float:
        """``f'(x) = 2a (x - c)``."""
        return 2 * self.a * (x - self.c)

    @property
    def minimum(self) -> float:
        """``x* = c``."""
        return self.c

    @property
    def highest(self) -> float:
        """The largest value of ``f`` on the domain (at one of its ends)."""
        return max(self(DOMAIN[0]), self(DOMAIN[1]))

    def _shift(self, latex: bool = False) -> str:
        if self.c == 0:
            return "x"
        sign = "-" if self.c > 0 else "+"
        inner = f"x {sign} {show(abs(self.c))}"
        return rf"\left({inner}\right)" if latex else f"({inner})"

    @property
    def formula(self) -> str:
        """``f(x)`` as text: ``x^2``, ``4(x - 2)^2``."""
        a = "" if self.a == 1 else show(self.a)
        return f"{a}{self._shift()}^2"

    @property
    def derivative_formula(self) -> str:
        """``f'(x)`` as text: ``2x``, ``8(x - 2)``."""
        return f"{show(2 * self.a)}{self._shift()}"

    @property
    def latex(self) -> str:
        r"""``f(x)`` in LaTeX: ``x^{2}``, ``4 \left(x - 2\right)^{2}``."""
        a = "" if self.a == 1 else show(self.a) + " "
        return f"{a}{self._shift(latex=True)}^{{2}}"

    def __repr__(self) -> str:
        return (
            f"Parabola(f(x) = {self.formula}, f'(x) = {self.derivative_formula}, "
            f"minimum x* = {show(self.c)}, on [{show(DOMAIN[0])}, {show(DOMAIN[1])}])"
        )

    def _repr_latex_(self) -> str:
        shift = self._shift(latex=True)
        return (
            rf"$$f(x) = {self.latex}, \qquad f'(x) = {show(2 * self.a)} {shift}, \qquad "
            rf"x^* = {show(self.c)}, \qquad x \in [{show(DOMAIN[0])}, {show(DOMAIN[1])}]$$"
        )


PARABOLA = Parabola()
"""``f(x) = x^2``: the source's parabola, minimum at 0."""
