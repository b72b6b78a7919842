"""The three backward formulas of a Dense layer, each checked against what
``sympy.diff`` gives for a generic error ``E(W X + B)``; :data:`MISTAKES`
are plausible slips that the same check rejects.

>>> print(FORMULAS[0].text, "|", MISTAKES[0].text)
dE/dY X^T | dE/dY X (no transpose)
>>> check_dense_formula(FORMULAS[2], inputs=3, outputs=1, batch=2).agrees
True
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import sympy

from mazur_nn.core.validate import choice, wrong_kind
from mazur_nn.lessons.xor.sympy_dense import SymbolicDense, symbolic_dense, sympy_matrix_lines
from mazur_nn.lessons.xor.text import aligned


def _dW(W, X, B, G):
    return G * X.T


def _dB(W, X, B, G):
    return G * sympy.ones(G.shape[1], 1)


def _dX(W, X, B, G):
    return W.T * G


def _dW_no_transpose(W, X, B, G):
    return G * X


def _dB_not_summed(W, X, B, G):
    return G


def _dX_no_transpose(W, X, B, G):
    return W * G


@dataclass(frozen=True)
class Formula:
    """A claimed backward rule of the Dense layer: the gradient with respect
    to ``of`` (``"W"``, ``"B"`` or ``"X"``) as ``rule(W, X, B, G)``, where
    ``G`` is the matrix ``dE/dY``."""

    of: str
    text: str
    latex: str
    rule: Callable

    def __post_init__(self) -> None:
        choice(self.of, "of", ("W", "B", "X"))
        if not callable(self.rule):
            raise wrong_kind("rule", "a function (W, X, B, G) -> Matrix", repr(self.rule))


DEDY = r"\frac{\partial E}{\partial Y}"  # dE/dY, in LaTeX

FORMULAS = (
    Formula("W", "dE/dY X^T", rf"{DEDY} X^{{T}}", _dW),
    Formula("B", "dE/dY summed over the batch", rf"{DEDY} \mathbf{{1}}", _dB),
    Formula("X", "W^T dE/dY", rf"W^{{T}} {DEDY}", _dX),
)
"""The three backward formulas of a Dense layer (``1`` is a column of ones:
multiplying by it sums each row over the batch)."""

MISTAKES = (
    Formula("W", "dE/dY X (no transpose)", rf"{DEDY} X", _dW_no_transpose),
    Formula("B", "dE/dY (not summed: right for one example only)", DEDY, _dB_not_summed),
    Formula("X", "W dE/dY (no transpose)", rf"W {DEDY}", _dX_no_transpose),
)
"""Three plausible slips; :func:`check_dense_formula` rejects each."""


@dataclass(frozen=True)
class FormulaCheck:
    """One claimed formula against ``sympy.diff``: ``derived`` is sympy's
    gradient, ``claimed`` the formula's (``None`` when its shape is wrong),
    ``agrees`` whether they are the same matrix."""

    formula: Formula
    derived: object
    claimed: object
    agrees: bool
    note: str = ""

    @property
    def left(self) -> str:
        return f"dE/d{self.formula.of}"

    def __repr__(self) -> str:
        head = f"{self.left} = {self.formula.text}: sympy agrees: {self.agrees}"
        if self.note:
            head += f" ({self.note})"
        lines = [head, *sympy_matrix_lines("  sympy.diff gives ", self.derived)]
        if not self.agrees and self.claimed is not None:
            lines += sympy_matrix_lines("  the formula gives ", self.claimed)
        return "\n".join(lines)

    def latex_row(self) -> str:
        """Rows of an ``aligned`` block: what sympy derives, then the
        formula (``=`` or ``\\neq``) and the verdict, so a wide matrix never
        shares its line with another."""
        left = rf"\frac{{\partial E}}{{\partial {self.formula.of}}}"
        derived = rf"{left} &= {sympy.latex(self.derived)}"
        if self.agrees:
            claim = rf"&= {self.formula.latex} \quad \checkmark\ \text{{sympy agrees}}"
            return rf"{derived} \\ {claim}"
        shown = sympy.latex(self.claimed) if self.claimed is not None else r"\text{?}"
        verdict = r"\times\ \text{" + (self.note or "sympy disagrees") + "}"
        claim = rf"&\neq {shown} = {self.formula.latex} \quad {verdict}"
        return rf"{derived} \\ {claim}"

    def _repr_latex_(self) -> str:
        return aligned([self.latex_row()])


def check_dense_formula(
    formula: Formula, inputs: int = 2, outputs: int = 2, batch: int = 2
) -> FormulaCheck:
    """Does ``formula`` give what ``sympy.diff`` gives, on a Dense layer of
    these sizes and a generic error ``E``?

    >>> check_dense_formula(FORMULAS[0]).agrees
    True
    >>> check_dense_formula(MISTAKES[0]).agrees
    False
    """
    if not isinstance(formula, Formula):
        raise wrong_kind("formula", "a Formula", type(formula).__name__)
    layer = symbolic_dense(inputs, outputs, batch)
    derived = layer.derived[formula.of]
    try:
        claimed = sympy.Matrix(formula.rule(layer.W, layer.X, layer.B, layer.G))
    except sympy.ShapeError:
        return FormulaCheck(formula, derived, None, False, "its shapes do not fit")
    if claimed.shape != derived.shape:
        note = f"shape {claimed.shape}, expected {derived.shape}"
        return FormulaCheck(formula, derived, claimed, False, note)
    agrees = all(sympy.expand(d - c) == 0 for d, c in zip(derived, claimed))
    return FormulaCheck(formula, derived, claimed.applyfunc(sympy.expand), agrees)


@dataclass(frozen=True)
class FormulasCheck:
    """Several :class:`FormulaCheck` on one :class:`SymbolicDense` layer."""

    layer: SymbolicDense
    checks: tuple

    @property
    def all_agree(self) -> bool:
        return all(check.agrees for check in self.checks)

    def __repr__(self) -> str:
        inputs, outputs, batch = self.layer.sizes
        head = (
            f"The Dense backward formulas against sympy.diff of a generic E(W X + B), "
            f"{inputs} inputs, {outputs} outputs, batch of {batch} "
            f"(delta_jc = dE/dy_jc)"
        )
        return "\n".join([head, *(repr(check) for check in self.checks)])

    def _repr_latex_(self) -> str:
        return aligned([check.latex_row() for check in self.checks])


def dense_formulas_check(
    inputs: int = 2, outputs: int = 2, batch: int = 2, formulas=FORMULAS
) -> FormulasCheck:
    """The three backward formulas of a Dense layer (or ``formulas``, e.g.
    :data:`MISTAKES`), each checked by differentiation with sympy.

    >>> check = dense_formulas_check()
    >>> [c.agrees for c in check.checks]
    [True, True, True]
    >>> [c.agrees for c in dense_formulas_check(formulas=MISTAKES).checks]
    [False, False, False]
    """
    layer = symbolic_dense(inputs, outputs, batch)
    checks = tuple(check_dense_formula(f, inputs, outputs, batch) for f in formulas)
    return FormulasCheck(layer, checks)
