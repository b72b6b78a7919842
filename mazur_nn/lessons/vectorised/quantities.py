"""One quantity of a pass (a matrix, or the cost ``J``) with its definition,
shown rounded to :data:`DECIMALS` decimals: as numpy prints it, or as a
LaTeX matrix.

>>> print(matrix_text([[0.1234567, -0.0000001]]))
[[0.123457 0.000000]]
>>> print(latex_matrix([[0.5], [1]]))
\\begin{bmatrix}0.500000 \\\\ 1.000000\\end{bmatrix}
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mazur_nn.lessons.vectorised.matrix_formulas import Formula, aligned
from mazur_nn.lessons.vectorised.model import shape_text

DECIMALS = 6  # how matrices are printed


def _rounded(value):
    """``value`` as a float array rounded to ``DECIMALS``, with no ``-0``."""
    return np.round(np.asarray(value, dtype=float), DECIMALS) + 0.0


def matrix_text(value) -> str:
    """An array (or a number) rounded to ``DECIMALS``, as numpy prints it."""
    rounded = _rounded(value)
    if rounded.ndim == 0:
        return f"{float(rounded):.{DECIMALS}f}"
    return np.array2string(
        rounded, precision=DECIMALS, floatmode="fixed", suppress_small=True, max_line_width=100
    )


def latex_matrix(value) -> str:
    """An array (or a number) rounded to ``DECIMALS``, as a LaTeX matrix."""
    rounded = _rounded(value)
    if rounded.ndim == 0:
        return f"{float(rounded):.{DECIMALS}f}"
    rows = [" & ".join(f"{x:.{DECIMALS}f}" for x in row) for row in rounded]
    return r"\begin{bmatrix}" + r" \\ ".join(rows) + r"\end{bmatrix}"


@dataclass(frozen=True, eq=False)
class Quantity:
    """One quantity of a pass: its name, definition and value (a matrix, or
    the cost ``J``), shown rounded to ``DECIMALS`` decimals."""

    formula: Formula
    value: object

    @property
    def name(self) -> str:
        return self.formula.name

    @property
    def shape(self) -> tuple[int, ...]:
        return tuple(np.shape(self.value))

    def __repr__(self) -> str:
        head = f"{self.name} = {self.formula.text}"
        if not self.shape:
            return f"{head} = {matrix_text(self.value)}"
        return f"{head}    shape {shape_text(self.shape)}\n{matrix_text(self.value)}"

    def latex_line(self) -> str:
        """``name &= definition = value``; a matrix goes on a row of its own
        below its definition (``\\ &= value``), so the line fits 800 px."""
        f = self.formula
        shape = rf" \quad {self.shape[0]} \times {self.shape[1]}" if self.shape else ""
        if f.name in ("X", "Y"):
            return f"{f.latex_name} &= {latex_matrix(self.value)}{shape}"
        if self.shape:
            return rf"{f.latex_name} &= {f.latex} \\ &= {latex_matrix(self.value)}{shape}"
        return f"{f.latex_name} &= {f.latex} = {latex_matrix(self.value)}"

    def _repr_latex_(self) -> str:
        return aligned([self.latex_line()])


class Quantities(tuple):
    """Several quantities shown together."""

    def __repr__(self) -> str:
        return "\n\n".join(map(repr, self))

    def _repr_latex_(self) -> str:
        lines = [q.latex_line() for q in self]
        return aligned(lines, " \\\\[4pt]\n")
