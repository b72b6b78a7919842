"""Partial derivatives: a function of several variables differentiated in
one of them, the others held constant (each by ``sympy.diff``), checked
against central finite differences. The source's example is
``f(x, y) = x**2 + cos(y)``:

>>> p = partials()
>>> p
f(x, y) = x**2 + cos(y)
∂f/∂x = 2*x
∂f/∂y = -sin(y)
>>> round(p.check({"x": 1, "y": 1}).finite_difference["y"], 9)  # -sin(1)
-0.841470985
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import sympy

from mazur_nn.core.numbers import bound
from mazur_nn.core.table import Table
from mazur_nn.core.validate import finite_number, positive_number, wrong_kind
from mazur_nn.lessons.calculus.expressions import (
    X,
    Y,
    check_expression,
    exact,
    sorted_names,
    symbol_named,
    with_exp,
)
from mazur_nn.lessons.calculus.results import ShownAsTable
from mazur_nn.lessons.calculus.secants import secant_slope
from mazur_nn.symbolic.check import (
    DEFAULT_STEP as CHECK_STEP,  # central differences, as mazur_nn.symbolic.check
)


@dataclass(frozen=True, repr=False)
class PartialsCheck(ShownAsTable):
    """sympy's partial derivatives at a point beside central differences."""

    partials: Partials
    point: dict[str, float]
    sympy: dict[str, float]
    finite_difference: dict[str, float]
    step: float

    @property
    def max_difference(self) -> float:
        return max(abs(self.sympy[k] - self.finite_difference[k]) for k in self.sympy)

    def to_table(self) -> Table:
        rows = [
            (
                f"∂f/∂{k}",
                sympy.sstr(self.partials.derivatives[k]),
                f"{self.sympy[k]:.12f}",
                f"{self.finite_difference[k]:.10f}",
                bound(abs(self.sympy[k] - self.finite_difference[k])),
            )
            for k in self.sympy
        ]
        at = ", ".join(f"{k} = {v:g}" for k, v in self.point.items())
        return Table(
            ("partial", "sympy", "value (sympy)", f"central difference (h={self.step:g})", "diff"),
            rows,
            f"f = {sympy.sstr(self.partials.expr)} at {at}",
        )


@dataclass(frozen=True)
class Partials:
    """A function of several variables and its partial derivatives (each by
    ``sympy.diff``, the other variables held constant)."""

    expr: sympy.Expr
    variables: tuple[sympy.Symbol, ...]

    @property
    def names(self) -> tuple[str, ...]:
        """The variables' names, in order."""
        return tuple(str(v) for v in self.variables)

    @property
    def symbols(self) -> tuple[sympy.Symbol, ...]:
        """Every symbol a point needs: the variables, then any other symbol
        of ``f`` (held constant, by name)."""
        others = sorted(self.expr.free_symbols - set(self.variables), key=str)
        return (*self.variables, *others)

    @property
    def derivatives(self) -> dict[str, sympy.Expr]:
        return {str(v): sympy.diff(self.expr, v) for v in self.variables}

    def point_values(self, point) -> dict[str, float]:
        """``point`` (a dict by name, or a list in the order of :attr:`symbols`)
        as ``{name: float}``, every symbol of ``f`` given once."""
        names = [str(s) for s in self.symbols]
        if isinstance(point, Mapping):
            for key in point:
                if key not in names:
                    raise ValueError(f"{key}: not a symbol of f; f has {', '.join(names)}")
            missing = [n for n in names if n not in point]
            if missing:
                raise ValueError(f"{missing[0]}: missing; the point needs {', '.join(names)}")
            return {n: finite_number(point[n], n) for n in names}
        if isinstance(point, (str, bytes)) or not hasattr(point, "__len__"):
            raise wrong_kind("point", f"{{{', '.join(names)}}} or a list", repr(point))
        if len(point) != len(names):
            raise ValueError(
                f"point: expected {len(names)} values ({', '.join(names)}), got {len(point)}"
            )
        return {n: finite_number(v, n) for n, v in zip(names, point)}

    def _numbers(self, p: dict[str, float]) -> dict[sympy.Symbol, float]:
        return {s: p[str(s)] for s in self.symbols}

    def value(self, point) -> float:
        """``f`` at ``point`` (sympy, 30 digits)."""
        return exact(self.expr, self._numbers(self.point_values(point)), "point")

    def gradient(self, point) -> dict[str, float]:
        """Each partial derivative at ``point`` (sympy, 30 digits)."""
        numbers = self._numbers(self.point_values(point))
        return {k: exact(d, numbers, k) for k, d in self.derivatives.items()}

    def finite_differences(self, point, step: float = CHECK_STEP) -> dict[str, float]:
        """``(f(.., v + h, ..) - f(.., v - h, ..)) / 2h`` for each variable ``v``,
        every other symbol held at its value."""
        numbers = self._numbers(self.point_values(point))
        step = positive_number(step, "step")
        numeric = with_exp(self.expr)
        result = {}
        for v in self.variables:
            fixed = {s: value for s, value in numbers.items() if s != v}
            along = sympy.lambdify(v, numeric.subs(fixed), "math")
            result[str(v)] = secant_slope(along, numbers[v], step, "central")
        return result

    def check(self, point, step: float = CHECK_STEP) -> PartialsCheck:
        p = self.point_values(point)
        return PartialsCheck(self, p, self.gradient(p), self.finite_differences(p, step), step)

    def latex(self) -> str:
        args = ", ".join(sympy.latex(v) for v in self.variables)
        parts = [f"f({args}) = {sympy.latex(self.expr)}"]
        parts += [
            rf"\frac{{\partial f}}{{\partial {sympy.latex(v)}}} = "
            f"{sympy.latex(sympy.diff(self.expr, v))}"
            for v in self.variables
        ]
        return r", \qquad ".join(parts)

    def __repr__(self) -> str:
        args = ", ".join(self.names)
        lines = [f"f({args}) = {sympy.sstr(self.expr)}"]
        lines += [f"∂f/∂{k} = {sympy.sstr(d)}" for k, d in self.derivatives.items()]
        return "\n".join(lines)

    def _repr_latex_(self) -> str:
        return f"${self.latex()}$"


def partials(expr=None, variables=None) -> Partials:
    """The partial derivatives of ``expr`` (default: the source's example
    ``x**2 + cos(y)``) in ``variables`` (default: its symbols, by name).

    >>> partials().gradient({"x": 1.0, "y": 0.0})
    {'x': 2.0, 'y': 0.0}
    """
    expr = X**2 + sympy.cos(Y) if expr is None else check_expression(expr, "expr")
    if variables is None:
        variables = sorted(expr.free_symbols, key=str)
    else:
        if isinstance(variables, (str, sympy.Symbol)):
            variables = [variables]
        chosen = []
        for v in variables:
            name = v.name if isinstance(v, sympy.Symbol) else v
            found = symbol_named(expr, name) if isinstance(name, str) else None
            if found is None:
                raise ValueError(
                    f"variables: {v!r} is not a symbol of f; "
                    f"f has {sorted_names(expr.free_symbols)}"
                )
            chosen.append(found)
        variables = chosen
    if not variables:
        raise ValueError("expr: has no variables to differentiate by")
    return Partials(expr=expr, variables=tuple(variables))
