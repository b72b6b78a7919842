"""The package's ``Dense.backward`` against ``sympy.diff`` at the same
numbers: random ``W``, ``B``, ``X``, ``T`` with two decimals, and the error
``E = 1/2 sum (W X + B - T)^2`` differentiated exactly.

>>> check = dense_backward_check(seed=1, inputs=1, outputs=2, batch=3)
>>> check.largest_difference < 1e-12, check.table().rows[0][0]
(True, 'dE/dw11')
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import sympy

from mazur_nn.core.layers import Dense
from mazur_nn.core.numbers import format_number
from mazur_nn.core.table import Table
from mazur_nn.core.validate import whole_in_range
from mazur_nn.lessons.xor.network import MAX_SEED
from mazur_nn.lessons.xor.sympy_dense import check_sizes, symbolic_dense
from mazur_nn.lessons.xor.text import labelled, matrix_lines


@dataclass(frozen=True)
class BackwardCheck:
    """``Dense.backward`` and ``sympy.diff`` at the same numbers: the layer
    ``W``, ``B``, the batch ``X``, targets ``T`` and the error
    ``E = 1/2 sum (Y - T)^2``. ``package[g]`` and ``sympy[g]`` are the arrays
    for ``g`` in ``"W"``, ``"B"``, ``"X"``."""

    W: object
    B: object
    X: object
    T: object
    package: dict
    sympy: dict

    @property
    def largest_difference(self) -> float:
        return max(float(np.abs(self.package[g] - self.sympy[g]).max()) for g in self.package)

    def table(self) -> Table:
        rows = []
        for g in ("W", "B", "X"):
            name = {"W": "w", "B": "b", "X": "x"}[g]
            for index in _indices(self.package[g].shape):
                a, b = float(self.package[g][index]), float(self.sympy[g][index])
                label = f"{name}{index[0] + 1}" + (f"{index[1] + 1}" if g != "B" else "")
                rows.append(
                    (f"dE/d{label}", format_number(a, 12), format_number(b, 12), _difference(a - b))
                )
        return Table(
            ("gradient", "Dense.backward", "sympy.diff (exact)", "difference"),
            rows,
            "Dense.backward against sympy, E = 1/2 sum of (Y - T)^2",
        )

    def __repr__(self) -> str:
        lines = []
        for name in ("W", "B", "X", "T"):
            lines += labelled(f"{name} = ", matrix_lines(getattr(self, name), ""))
        return "\n".join(lines) + "\n\n" + self.table().to_text()

    def _repr_markdown_(self) -> str:
        values = "  \n".join(
            f"`{name}` = {getattr(self, name).tolist()}" for name in ("W", "B", "X", "T")
        )
        return values + "\n\n" + self.table().to_notebook()


def _indices(shape):
    return [(j, c) for j in range(shape[0]) for c in range(shape[1])]


def _difference(d: float) -> str:
    return "< 1e-12" if abs(d) < 1e-12 else f"{abs(d):.1e}"


def dense_backward_check(seed: int = 0, inputs: int = 2, outputs: int = 2, batch: int = 2):
    """Random ``W``, ``B``, ``X``, ``T`` (two decimals, from ``seed``); the
    gradients of ``E = 1/2 sum (W X + B - T)^2`` from the package's
    ``Dense.backward`` (given ``dE/dY = Y - T``) and from ``sympy.diff`` of
    ``E`` itself, evaluated exactly.

    >>> check = dense_backward_check()
    >>> check.largest_difference < 1e-12
    True
    """
    seed = whole_in_range(seed, "seed", 0, MAX_SEED)
    inputs, outputs, batch = check_sizes(inputs, outputs, batch)
    rng = np.random.default_rng(seed)

    def numbers(rows, columns):
        return np.round(rng.uniform(-1, 1, (rows, columns)), 2)

    W, B = numbers(outputs, inputs), numbers(outputs, 1)
    X, T = numbers(inputs, batch), numbers(outputs, batch)
    dense = Dense(W, B)
    Y = dense.forward(X)
    grads = dense.backward(X, Y - T)
    package = {"W": grads.dW, "B": grads.dB, "X": grads.dX}

    layer = symbolic_dense(inputs, outputs, batch)
    exact = {}
    for symbols, values in ((layer.W, W), (layer.B, B), (layer.X, X)):
        for s, v in zip(symbols, values.ravel()):
            exact[s] = sympy.Rational(repr(float(v)))  # two decimals, exactly
    targets = [sympy.Rational(repr(float(t))) for t in T.ravel()]
    E = sum(((y - t) ** 2 for y, t in zip(layer.Y, targets)), sympy.Integer(0)) / 2
    found = {}
    for g in ("W", "B", "X"):
        M = getattr(layer, g)
        found[g] = np.array(
            [
                [float(sympy.diff(E, M[j, c]).subs(exact)) for c in range(M.shape[1])]
                for j in range(M.shape[0])
            ]
        )
    return BackwardCheck(W, B, X, T, package, found)
