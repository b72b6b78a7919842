"""Back to the course: the sigmoid's slope, derived. sympy differentiates
``out = 1 / (1 + exp(-net))`` and gets the factor of every backward pass,
``dout/dnet = out (1 - out)``.

>>> s = sigmoid_slope()
>>> s.in_out, s.holds()
(out*(1 - out), True)
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy

from mazur_nn.core.functions import get_activation
from mazur_nn.core.validate import finite_number
from mazur_nn.lessons.calculus.expressions import exact, with_exp
from mazur_nn.lessons.calculus.functions import function
from mazur_nn.lessons.calculus.secants import secant_slope
from mazur_nn.symbolic.check import (
    DEFAULT_STEP as CHECK_STEP,  # central differences, as mazur_nn.symbolic.check
)
from mazur_nn.symbolic.functions import sigma

SIGMOID = get_activation("sigmoid")  # the course's slope in floats: out (1 - out)


@dataclass(frozen=True)
class SigmoidSlope:
    """``d out / d net`` for ``out = 1 / (1 + exp(-net))``, derived by sympy,
    and the same as ``out (1 - out)``."""

    net: sympy.Symbol
    out: sympy.Symbol

    @property
    def sigmoid(self) -> sympy.Expr:
        """``1 / (1 + exp(-net))``."""
        return with_exp(sigma(self.net))

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
        out = exact(self.sigmoid, {self.net: net}, "net")
        curve = function("sigmoid(x)")
        return {
            "out": out,
            "out (1 - out)": SIGMOID.slope(net, out),
            "sympy d out/d net": exact(self.derivative, {self.net: net}, "net"),
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
