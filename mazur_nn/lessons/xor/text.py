"""Matrices as aligned text, for the step-by-step walk and the checks:
numbers to 6 decimals right-aligned in columns, a label in front of the
first row; and LaTeX lines as display math.

>>> import numpy as np
>>> for line in labelled("W = ", matrix_lines(np.array([[0.5, -1.25], [2, 0]]), "")):
...     print(line)
W = [0.5  -1.25]
    [  2      0]
>>> shape_text(np.zeros((1, 4)))
'shape (1, 4)'
"""

from __future__ import annotations

from dataclasses import dataclass

from mazur_nn.core.numbers import format_number


@dataclass(frozen=True)
class TextBlock:
    """Text that shows as itself (no quotes) in a notebook."""

    text: str

    def __repr__(self) -> str:
        return self.text


def shape_text(A) -> str:
    """``shape (rows, columns)`` of the matrix ``A``."""
    return f"shape ({A.shape[0]}, {A.shape[1]})"


def labelled(label: str, rows: list[str]) -> list[str]:
    """``label`` before the first row, the others indented to match."""
    pad = " " * len(label)
    return [(label if k == 0 else pad) + row for k, row in enumerate(rows)]


def column_widths(cells: list[list[str]]) -> list[int]:
    """The width of each column of a grid of texts.

    >>> column_widths([["1", "-0.5"], ["10", "2"]])
    [2, 4]
    """
    return [max(len(row[c]) for row in cells) for c in range(len(cells[0]))]


def _cell(value: float) -> str:
    text = format_number(round(float(value), 6), 6)
    return "0" if text == "-0" else text


def matrix_lines(A, indent: str = "  ") -> list[str]:
    """The rows of ``A``, numbers to 6 decimals, right-aligned in columns."""
    cells = [[_cell(v) for v in row] for row in A]
    widths = column_widths(cells)
    return [
        indent + "[" + "  ".join(s.rjust(w) for s, w in zip(row, widths)) + "]" for row in cells
    ]


def aligned(lines: list[str]) -> str:
    r"""LaTeX lines, aligned at their ``&``, as display math.

    >>> print(aligned([r"Y &= W X + B", r"E &= E(Y)"]))
    $$\begin{aligned}
    Y &= W X + B \\
    E &= E(Y)
    \end{aligned}$$
    """
    return "$$\\begin{aligned}\n" + " \\\\\n".join(lines) + "\n\\end{aligned}$$"
