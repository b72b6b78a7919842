"""The chain rule on ``y = f(g(x))``: ``dy/dx = f'(g(x)) * g'(x)``, built
from the two derivatives, beside sympy's derivative of the composite and,
at a point, a central finite difference.

>>> rule = chain_rule("sin(x)", X**2)
>>> rule.by_rule, rule.direct, rule.holds()
(2*x*cos(x**2), 2*x*cos(x**2), True)
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy

from mazur_nn.core.numbers import bound, format_number
from mazur_nn.core.table import Table
from mazur_nn.core.validate import finite_number, positive_number, wrong_kind
from mazur_nn.lessons.calculus.expressions import U, X, exact, sorted_names, symbol_named, with_exp
from mazur_nn.lessons.calculus.functions import expression
from mazur_nn.lessons.calculus.results import ShownAsTable
from mazur_nn.lessons.calculus.secants import secant_slope
from mazur_nn.symbolic.check import (
    DEFAULT_STEP as CHECK_STEP,  # central differences, as mazur_nn.symbolic.check
)
from mazur_nn.symbolic.check import CheckRow


@dataclass(frozen=True, repr=False)
class ChainValues(ShownAsTable):
    """The chain rule's factors at one point, beside sympy's derivative and
    a central finite difference of ``y = f(g(x))``."""

    rule: ChainRule
    point: dict[str, float]
    inner: float  # g(x)
    outer_slope: float  # f'(g(x))
    inner_slope: float  # g'(x)
    product: float  # f'(g(x)) * g'(x)
    direct: float  # sympy's dy/dx
    finite_difference: float
    step: float

    @property
    def max_difference(self) -> float:
        """The largest difference between the three derivatives: the chain
        rule's, sympy's and the central difference, as for the network's
        gradients (:class:`mazur_nn.symbolic.check.CheckRow`)."""
        three = CheckRow(str(self.rule.x), self.product, self.direct, self.finite_difference)
        return three.max_difference

    def to_table(self) -> Table:
        """The values to 9 decimals, as the post prints them, and the
        largest difference between the three derivatives."""
        x = self.rule.x
        rows = [
            (f"g({x})", format_number(self.inner)),
            (f"f'(g({x}))", format_number(self.outer_slope)),
            (f"g'({x})", format_number(self.inner_slope)),
            (f"f'(g({x})) * g'({x})  (chain rule)", format_number(self.product)),
            (f"dy/d{x}  (sympy)", format_number(self.direct)),
            (f"central difference (h={self.step:g})", format_number(self.finite_difference)),
            ("largest difference of the three", bound(self.max_difference)),
        ]
        at = ", ".join(f"{k} = {format_number(v)}" for k, v in self.point.items())
        return Table(("quantity", "value"), rows, f"y = {sympy.sstr(self.rule.composite)} at {at}")


@dataclass(frozen=True)
class ChainRule:
    """``y = f(u)`` with ``u = g(x)``: ``dy/dx = f'(g(x)) * g'(x)``, built from
    the two derivatives, beside ``sympy.diff`` of the composite."""

    outer: sympy.Expr  # f(u)
    inner: sympy.Expr  # g(x)
    x: sympy.Symbol

    @property
    def u(self) -> sympy.Symbol:
        return U

    @property
    def composite(self) -> sympy.Expr:
        """``f(g(x))``."""
        return self.outer.subs(U, self.inner)

    @property
    def outer_slope(self) -> sympy.Expr:
        """``f'(u)``."""
        return sympy.diff(self.outer, U)

    @property
    def inner_slope(self) -> sympy.Expr:
        """``g'(x)``."""
        return sympy.diff(self.inner, self.x)

    @property
    def by_rule(self) -> sympy.Expr:
        """``f'(g(x)) * g'(x)``: the two derivatives, multiplied."""
        return self.outer_slope.subs(U, self.inner) * self.inner_slope

    @property
    def direct(self) -> sympy.Expr:
        """sympy's derivative of ``f(g(x))``."""
        return sympy.diff(self.composite, self.x)

    def holds(self) -> bool:
        """``sympy.simplify(by_rule - direct) == 0`` (with the sigmoid
        written out as ``1 / (1 + exp(-a))``, so its own derivative rule is
        not what is being compared)."""
        difference = with_exp(self.by_rule) - sympy.diff(with_exp(self.composite), self.x)
        return sympy.simplify(difference) == 0

    def at(self, x: float, step: float = CHECK_STEP, **values) -> ChainValues:
        """The factors and the derivative at ``x`` (other symbols of ``g``,
        such as ``w`` and ``b``, as keywords), with a central difference.

        >>> rule = chain_rule("sigmoid(x)", sympy.Symbol("w") * X + sympy.Symbol("b"))
        >>> v = rule.at(0.5, w=0.4, b=0.6)
        >>> round(v.product, 9), v.max_difference < 1e-9
        (0.085563879, True)
        """
        others = sorted(self.inner.free_symbols - {self.x}, key=str)
        names = [str(s) for s in others]
        for key in values:
            if key not in names:
                raise ValueError(
                    f"{key}: not a symbol of g; "
                    + (f"g also uses {', '.join(names)}" if names else f"g uses only {self.x}")
                )
        for name in names:
            if name not in values:
                raise ValueError(f"{name}: missing; g uses {', '.join(names)} besides {self.x}")
        point = {str(self.x): finite_number(x, str(self.x))}
        point.update({n: finite_number(values[n], n) for n in names})
        step = positive_number(step, "step")
        numbers = {s: point[str(s)] for s in [self.x, *others]}
        field = str(self.x)
        inner = exact(self.inner, numbers, field)
        outer_slope = exact(self.outer_slope, {U: inner}, field)
        inner_slope = exact(self.inner_slope, numbers, field)
        direct = exact(self.direct, numbers, field)
        fixed = {s: v for s, v in numbers.items() if s != self.x}
        y = sympy.lambdify(self.x, with_exp(self.composite).subs(fixed), "math")
        difference = secant_slope(y, point[field], step, "central")
        return ChainValues(
            rule=self,
            point=point,
            inner=inner,
            outer_slope=outer_slope,
            inner_slope=inner_slope,
            product=outer_slope * inner_slope,
            direct=direct,
            finite_difference=difference,
            step=step,
        )

    def latex(self) -> str:
        x = sympy.latex(self.x)

        def factor(expr):
            text = sympy.latex(expr)
            return rf"\left({text}\right)" if isinstance(expr, sympy.Add) else text

        outer_at_g = self.outer_slope.subs(U, self.inner)
        lines = [
            rf"y &= f(u) = {sympy.latex(self.outer)}, \qquad "
            rf"u = g({x}) = {sympy.latex(self.inner)}",
            rf"f'(u) &= {sympy.latex(self.outer_slope)}, \qquad "
            rf"g'({x}) = {sympy.latex(self.inner_slope)}",
            rf"\frac{{dy}}{{d{x}}} &= f'(g({x}))\, g'({x})"
            rf" = {factor(outer_at_g)} \cdot {factor(self.inner_slope)}",
            rf"\text{{sympy: }} \frac{{d}}{{d{x}}} {sympy.latex(self.composite)}"
            rf" &= {sympy.latex(self.direct)}",
        ]
        return r"\begin{aligned} " + r" \\ ".join(lines) + r" \end{aligned}"

    def __str__(self) -> str:
        x = self.x
        return "\n".join(
            [
                f"y = f(g({x})) with f(u) = {sympy.sstr(self.outer)}, g({x}) = "
                f"{sympy.sstr(self.inner)}",
                f"f'(u) = {sympy.sstr(self.outer_slope)},  g'({x}) = "
                f"{sympy.sstr(self.inner_slope)}",
                f"chain rule  f'(g({x}))*g'({x}) = {sympy.sstr(self.by_rule)}",
                f"sympy       dy/d{x}           = {sympy.sstr(self.direct)}",
                f"equal: {self.holds()}",
            ]
        )

    __repr__ = __str__

    def _repr_latex_(self) -> str:
        return f"$${self.latex()}$$"


def chain_rule(outer, inner, x=None) -> ChainRule:
    """``y = f(g(x))`` from ``f`` (a menu name or a sympy expression in one
    variable, which becomes ``u``) and ``g`` (a menu name or a sympy
    expression). ``x`` (a symbol or its name) is the variable to
    differentiate by; it may be left out when ``g`` has one variable or one
    called ``x``.

    >>> chain_rule("exp(x)", "sin(x)").direct
    exp(sin(x))*cos(x)
    >>> chain_rule("x**2", sympy.Symbol("w") * sympy.Symbol("z"))
    Traceback (most recent call last):
    ...
    ValueError: x: g has the variables w, z; say which one to differentiate by (x=...)
    """
    f = expression(outer, "outer")
    g = expression(inner, "inner")
    if len(f.free_symbols) > 1:
        raise wrong_kind(
            "outer", "an expression in one variable", sorted_names(f.free_symbols), ValueError
        )
    if f.free_symbols:
        f = f.xreplace({next(iter(f.free_symbols)): U})
    if any(s.name == "u" for s in g.free_symbols):
        raise ValueError("inner: uses u, the name of the outer function's variable; rename it")
    if x is None:
        free = g.free_symbols
        named_x = symbol_named(g, "x")
        if len(free) == 1:
            x = next(iter(free))
        elif named_x is not None:
            x = named_x
        elif not free:
            x = X
        else:
            raise ValueError(
                f"x: g has the variables {sorted_names(free)}; "
                "say which one to differentiate by (x=...)"
            )
    else:
        name = x.name if isinstance(x, sympy.Symbol) else x
        if not isinstance(name, str):
            raise wrong_kind("x", "a sympy symbol or its name", repr(x))
        found = symbol_named(g, name)
        if found is None:
            raise ValueError(
                f"x: {name!r} is not a variable of g; "
                f"g has {sorted_names(g.free_symbols) or 'none'}"
            )
        x = found
    return ChainRule(outer=f, inner=g, x=x)
