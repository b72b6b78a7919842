"""The activations that make the bends, and their derivatives.

Each activation's value comes from the course's own expression (as the
layers compute it, :mod:`mazur_nn.core.functions`); its derivative is derived
by sympy from :func:`~mazur_nn.symbolic.functions.activation_expression`, an
independent check. :func:`activation_curves` gives both at some points,
:func:`activation_gallery` draws them, :func:`activation_formulas` writes
the formulas out, with the derivative in terms of ``out`` where it can be.

Example
-------
>>> print(activation_formulas(["tanh"]).table().rows[0][1:4])
('tanh(net)', '1 - tanh(net)**2', '1 - out**2')
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import sympy

from mazur_nn.core.functions import elementwise_activation, get_activation
from mazur_nn.core.table import Table
from mazur_nn.core.validate import (
    finite_array,
    finite_number,
    float_array,
    number_interval,
    whole_number,
    wrong_kind,
)
from mazur_nn.lessons.capabilities.formats import decimals
from mazur_nn.render.figure import figure
from mazur_nn.symbolic.functions import activation_expression, sigma

GALLERY = ("sigmoid", "tanh", "relu", "linear")
NET, OUT = sympy.Symbol("net", real=True), sympy.Symbol("out", real=True)


def _sympy_forms(name: str):
    """``(f in net, f' in net, f' in out or None)``, derived by sympy from
    the course's :func:`~mazur_nn.symbolic.functions.activation_expression`."""
    value = activation_expression(name, NET)
    explicit = value.replace(sigma, lambda a: 1 / (1 + sympy.exp(-a)))
    slope = sympy.diff(explicit, NET)
    in_out = sympy.diff(value, NET).subs(value, OUT)
    in_out = None if NET in in_out.free_symbols else in_out
    return explicit, slope, in_out


def activation_curves(name: str, x):
    """``(values, slopes)`` of the activation at the points ``x``: the
    values from the course's own expression (as the layers compute them),
    the slopes from sympy's derivative, computed independently.

    >>> values, slopes = activation_curves("tanh", [0.0, 1.0])
    >>> values.round(6).tolist(), slopes.round(6).tolist()
    ([0.0, 0.761594], [1.0, 0.419974])
    """
    activation = elementwise_activation(name)
    x = float_array(x, "x")
    if x.ndim != 1 or x.size < 1:
        raise wrong_kind("x", "a list of numbers", f"shape {x.shape}", ValueError)
    finite_array(x, "x")
    slope = sympy.lambdify(NET, _sympy_forms(name)[1], "numpy")
    values = np.asarray(activation.array_functions[0](x), dtype=float)
    slopes = np.broadcast_to(np.asarray(slope(x), dtype=float), x.shape).copy()
    return values, slopes


def activation_gallery(names=GALLERY, low=-5.0, high=5.0, steps: int = 201):
    """Each activation (solid) and its derivative (dashed) on ``[low, high]``."""
    names = _activation_names(names)
    low, high = number_interval(low, high)
    steps = whole_number(steps, "steps", 2, 10_000)
    x = np.linspace(low, high, steps)
    columns = min(len(names), 2)
    rows = -(-len(names) // columns)
    fig = figure(4.2 * columns, 3.0 * rows)
    axes = np.atleast_1d(fig.subplots(rows, columns)).ravel()
    for ax, name in zip(axes, names):
        values, slopes = activation_curves(name, x)
        ax.axhline(0, color="#999999", linewidth=0.8)
        ax.axvline(0, color="#999999", linewidth=0.8)
        ax.plot(x, values, color="#0072B2", linewidth=2.2, label=f"{name}(net)")
        ax.plot(x, slopes, color="#D55E00", linewidth=2.0, linestyle="--", label="derivative")
        ax.set_title(get_activation(name).description, fontsize=9)
        ax.set_xlabel("net")
        ax.legend(loc="upper left", fontsize=8)
    for ax in axes[len(names) :]:
        ax.set_visible(False)
    fig.tight_layout()
    return fig


def _activation_names(names) -> tuple[str, ...]:
    if isinstance(names, str) or not hasattr(names, "__iter__"):
        raise wrong_kind("names", "a list of activation names", repr(names))
    names = tuple(names)
    if not names:
        raise ValueError("names: expected at least one activation")
    for name in names:
        elementwise_activation(name)
    return names


def _text(expr) -> str:
    """sympy's plain text, with a Piecewise as ``a if c, else b``."""
    if isinstance(expr, sympy.Piecewise):
        parts = [
            sympy.sstr(e) if c is sympy.true else f"{sympy.sstr(e)} if {sympy.sstr(c)}"
            for e, c in expr.args
        ]
        return ", else ".join(parts)
    return sympy.sstr(expr)


@dataclass(frozen=True)
class Formulas:
    """Each activation, its derivative in ``net`` and (where it can be
    written so) in ``out``, and the derivative at two points."""

    rows: tuple  # (name, f, f', f' in out or None, f'(a), f'(b)) with sympy objects
    at: tuple[float, float]

    def _numbers(self, row) -> tuple[str, str]:
        return decimals(row[4], 6), decimals(row[5], 6)

    def table(self):
        a, b = (decimals(v, 0) for v in self.at)
        rows = [
            (r[0], _text(r[1]), _text(r[2]), _text(r[3]) if r[3] is not None else "-")
            + self._numbers(r)
            for r in self.rows
        ]
        return Table(
            ("activation", "f(net)", "f'(net)", "f' in terms of out", f"f'({a})", f"f'({b})"),
            rows,
            "Activations and their derivatives, derived by sympy",
        )

    def latex(self) -> str:
        """Two tables, one above the other (six columns side by side are
        wider than a notebook at 800 px): each activation and its derivative
        in ``net``; then the derivative in ``out`` and its two values."""
        a, b = (decimals(v, 0) for v in self.at)
        forms = [
            r"\begin{array}{l|c|c}",
            r"\text{activation} & f(net) & f'(net) \\ \hline",
        ]
        values = [
            r"\begin{array}{l|c|r|r}",
            rf"\text{{activation}} & f' \text{{ in terms of }} out & f'({a}) & f'({b}) \\ \hline",
        ]
        for r in self.rows:
            in_out = sympy.latex(r[3]) if r[3] is not None else "-"
            fa, fb = self._numbers(r)
            name = r[0].replace("_", r"\_")  # leaky_relu: "_" is not text in MathJax
            forms.append(rf"\text{{{name}}} & {sympy.latex(r[1])} & {sympy.latex(r[2])} \\[4pt]")
            values.append(rf"\text{{{name}}} & {in_out} & {fa} & {fb} \\[4pt]")
        forms.append(r"\end{array}")
        values.append(r"\end{array}")
        return "\n".join([r"\begin{array}{c}", *forms, r"\\[12pt]", *values, r"\end{array}"])

    def __repr__(self) -> str:
        return self.table().to_text()

    def _repr_latex_(self) -> str:
        return f"$$\n{self.latex()}\n$$"


def activation_formulas(names=GALLERY, at=(0.0, 5.0)) -> Formulas:
    """Each activation's formula and derivative, derived by sympy, and the
    derivative's value at the two points ``at`` (default 0 and 5: how
    steep it is in the middle and far out, where it saturates).

    >>> print(activation_formulas(["sigmoid"]).table().rows[0][3])
    out*(1 - out)
    """
    names = _activation_names(names)
    if isinstance(at, str) or not hasattr(at, "__len__") or len(at) != 2:
        raise wrong_kind("at", "two numbers", repr(at), ValueError)
    at = (finite_number(at[0], "at[0]"), finite_number(at[1], "at[1]"))
    rows = []
    for name in names:
        f, slope, in_out = _sympy_forms(name)
        _, values = activation_curves(name, list(at))
        rows.append((name, f, slope, in_out, float(values[0]), float(values[1])))
    return Formulas(tuple(rows), at)
