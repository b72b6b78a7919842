"""A Dense layer in symbols, differentiated by sympy: ``Y = W X + B 1^T``
for a batch of columns and a generic error ``E`` of all the outputs, so
what ``sympy.diff`` gives holds for *any* error; and sympy matrices as
aligned text.

>>> layer = symbolic_dense(inputs=1, outputs=1, batch=2)
>>> layer.derived["B"]
Matrix([[delta11 + delta12]])
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import sympy

from mazur_nn.core.validate import whole_in_range
from mazur_nn.lessons.xor.text import aligned, column_widths, labelled

MAX_SYMBOLIC_SIZE = 4  # sympy stays quick, and indices stay one digit


def sympy_matrix_lines(label: str, M) -> list[str]:
    """The rows of the sympy matrix ``M``, entries left-aligned in columns,
    ``label`` before the first.

    >>> W = sympy.Matrix(2, 2, sympy.symbols("w11 w12 w21 w22"))
    >>> print("\\n".join(sympy_matrix_lines("W = ", W)))
    W = [w11, w12]
        [w21, w22]
    """
    cells = [[sympy.sstr(M[j, c]) for c in range(M.shape[1])] for j in range(M.shape[0])]
    widths = column_widths(cells)
    rows = [
        "[" + ", ".join(s.ljust(w) for s, w in zip(row, widths)).rstrip() + "]" for row in cells
    ]
    return labelled(label, rows)


@dataclass(frozen=True)
class SymbolicDense:
    """A Dense layer in symbols: ``Y = W X + B 1^T`` for a batch of columns,
    a generic error ``E(y11, y12, ...)``, and ``delta_jc = dE/dy_jc`` (the
    matrix ``G = dE/dY``). ``derived`` holds, for ``"W"``, ``"B"`` and ``"X"``,
    the gradient ``sympy.diff`` gives for ``E(W X + B 1^T)``, with each
    ``dE/dy_jc`` it produces written ``delta_jc``."""

    W: object
    X: object
    B: object
    Y: object
    G: object
    E: object
    derived: dict

    @property
    def sizes(self) -> tuple[int, int, int]:
        """``(inputs, outputs, batch)``."""
        return self.X.shape[0], self.W.shape[0], self.X.shape[1]

    def __repr__(self) -> str:
        inputs, outputs, batch = self.sizes
        lines = [
            f"A Dense layer with {inputs} inputs and {outputs} outputs, "
            f"a batch of {batch} examples (columns)",
        ]
        for name in ("W", "X", "B"):
            lines += sympy_matrix_lines(f"{name} = ", getattr(self, name))
        lines += sympy_matrix_lines("Y = W X + B = ", self.Y)
        lines.append(f"E = {self.E}  (any error of the outputs)")
        lines += sympy_matrix_lines("dE/dY = ", self.G)
        return "\n".join(lines)

    def _repr_latex_(self) -> str:
        L = sympy.latex
        ys = ", ".join(
            f"y_{{{j + 1}{c + 1}}}" for j in range(self.sizes[1]) for c in range(self.sizes[2])
        )
        rows = [
            rf"W &= {L(self.W)}, \quad X = {L(self.X)}, \quad B = {L(self.B)}",
            rf"Y &= W X + B = {L(self.Y)}",
            rf"E &= E\left({ys}\right), \quad \frac{{\partial E}}{{\partial Y}} = {L(self.G)}",
        ]
        return aligned(rows)


def check_sizes(inputs, outputs, batch) -> tuple[int, int, int]:
    """Each size a whole number from 1 to ``MAX_SYMBOLIC_SIZE``."""
    return tuple(
        whole_in_range(v, name, 1, MAX_SYMBOLIC_SIZE)
        for v, name in ((inputs, "inputs"), (outputs, "outputs"), (batch, "batch"))
    )


def symbolic_dense(inputs: int = 2, outputs: int = 2, batch: int = 2) -> SymbolicDense:
    """Build a Dense layer in symbols and differentiate ``E(W X + B 1^T)``
    with ``sympy.diff`` with respect to every ``w``, ``b`` and ``x``.

    ``E`` is an undefined sympy function of all the outputs, so what comes
    out holds for *any* error: sympy writes its partial derivatives as
    ``Subs(Derivative(E(...), ...), ...)``, which are renamed ``delta_jc``.

    >>> layer = symbolic_dense()
    >>> layer.derived["W"][0, 0]
    delta11*x11 + delta12*x12
    """
    return _symbolic_dense(*check_sizes(inputs, outputs, batch))


@lru_cache(maxsize=8)
def _symbolic_dense(inputs: int, outputs: int, batch: int) -> SymbolicDense:
    W = sympy.Matrix(outputs, inputs, lambda j, i: sympy.Symbol(f"w{j + 1}{i + 1}"))
    X = sympy.Matrix(inputs, batch, lambda i, c: sympy.Symbol(f"x{i + 1}{c + 1}"))
    B = sympy.Matrix(outputs, 1, lambda j, _: sympy.Symbol(f"b{j + 1}"))
    G = sympy.Matrix(outputs, batch, lambda j, c: sympy.Symbol(f"delta{j + 1}{c + 1}"))
    Y = W * X + B * sympy.ones(1, batch)
    y_symbols = [sympy.Symbol(f"y{j + 1}{c + 1}") for j in range(outputs) for c in range(batch)]
    E = sympy.Function("E")
    composed = E(*Y)  # E(y11, y12, ..., y21, ...) with every y its expression in w, x, b
    by_position = list(G)  # row by row, as the arguments of E

    def rename(expr):
        """Each ``dE/dy`` sympy wrote (as ``Subs`` or ``Derivative``) -> its ``delta``."""

        def delta(d):
            derivative = d.expr if isinstance(d, sympy.Subs) else d
            ((variable, order),) = derivative.variable_count
            if order != 1:
                raise ValueError(f"unexpected derivative of order {order}")
            k = list(derivative.expr.args).index(variable)
            point = d.point[0] if isinstance(d, sympy.Subs) else variable
            if sympy.expand(point - Y[k]) != 0:
                raise ValueError(f"unexpected point {point} for argument {k + 1} of E")
            return by_position[k]

        # Outermost first: a Subs holds a Derivative of its own.
        renamed = expr.xreplace({d: delta(d) for d in expr.atoms(sympy.Subs)})
        renamed = renamed.xreplace({d: delta(d) for d in renamed.atoms(sympy.Derivative)})
        if renamed.atoms(sympy.Function, sympy.Derivative, sympy.Subs):
            raise ValueError(f"could not rename every derivative in {renamed}")
        return sympy.expand(renamed)

    def gradient(M):
        return M.applyfunc(lambda s: rename(sympy.diff(composed, s)))

    derived = {"W": gradient(W), "B": gradient(B), "X": gradient(X)}
    return SymbolicDense(W, X, B, Y, G, E(*y_symbols), derived)
