"""The forward and backward pass over a batch of ``m`` examples, in the
source's notation: every matrix, computed by the layer API's ``Dense`` and
activation layers and the core's loss expressions.

>>> from mazur_nn import mazur_example
>>> batch = vectorised_pass(mazur_example(), [[0.05, 0.5], [0.1, -0.2]], [[0.01, 0.5], [0.99, 0.5]])
>>> batch.m, batch["dZ[2]"].shape, batch.names()[:4]
(2, (2, 2), ('A[0]', 'Y', 'Z[1]', 'A[1]'))
"""

# ruff: noqa: E741 (l is the source's name for a layer)
from __future__ import annotations

import types
from dataclasses import dataclass

import numpy as np

from mazur_nn.core.functions import get_loss
from mazur_nn.core.layers import Activation, Loss
from mazur_nn.core.validate import finite_array, float_array, read_only, wrong_kind
from mazur_nn.lessons.vectorised.matrix_formulas import quantity_formula
from mazur_nn.lessons.vectorised.model import read_model, shape_text
from mazur_nn.lessons.vectorised.notation import Notation
from mazur_nn.lessons.vectorised.quantities import Quantities, Quantity, matrix_text
from mazur_nn.lessons.vectorised.symbols import (
    QUANTITY,
    backward_names,
    forward_names,
    loss_words,
)


@dataclass(frozen=True, eq=False)
class VectorisedPass:
    """A forward and backward pass over ``m`` examples in the source's
    notation. ``W``, ``b``, ``Z``, ``A``, ``dA``, ``dZ``, ``dW``, ``db`` map a
    layer ``l`` to its matrix (``A[0]`` is ``X``; ``dA`` has layers 1 to
    ``L``); ``losses`` is each example's loss (a row), ``J`` their mean.
    ``batch["dW[1]"]`` is ``batch.dW[1]``; :meth:`show` displays some."""

    notation: Notation
    X: object
    Y: object
    W: types.MappingProxyType
    b: types.MappingProxyType
    Z: types.MappingProxyType
    A: types.MappingProxyType
    dA: types.MappingProxyType
    dZ: types.MappingProxyType
    dW: types.MappingProxyType
    db: types.MappingProxyType
    losses: object
    J: float

    def __getitem__(self, name: str):
        if name == "X":
            return self.X
        if name in ("Y", "J"):
            return getattr(self, name)
        if name == "L":
            return self.losses
        found = QUANTITY.match(name) if isinstance(name, str) else None
        table = getattr(self, found.group(1)) if found else {}
        layer = int(found.group(2)) if found else None
        if layer not in table:
            layers = f"with l from 1 to {self.L} (A[0] = X)"
            raise ValueError(
                f"name: {name!r} is not a quantity of this pass; allowed are X, Y, L, J and "
                f"W[l], b[l], Z[l], A[l], dA[l], dZ[l], dW[l], db[l] {layers}"
            )
        return table[layer]

    @property
    def m(self) -> int:
        return self.notation.m

    @property
    def L(self) -> int:  # noqa: N802
        return self.notation.L

    def names(self) -> tuple[str, ...]:
        """Every quantity's name, in the order the pass computes it."""
        L = self.L
        return ("A[0]", "Y", *forward_names(L), "L", "J", *backward_names(L))

    def quantity(self, name: str) -> Quantity:
        """One quantity with its definition, to display."""
        value = self[name]
        notation = self.notation
        formula = quantity_formula(name, notation.sizes, notation.activations, notation.loss)
        return Quantity(formula, value)

    def show(self, *names: str) -> Quantities:
        """Some quantities (``"Z[1]"``, ``"dW[2]"``, ``"J"``...) together."""
        return Quantities(self.quantity(name) for name in names)

    def __repr__(self) -> str:
        shape = "-".join(map(str, self.notation.sizes))
        head = (
            f"VectorisedPass({shape} network, m = {self.m} examples, "
            f"{loss_words(self.notation.loss)}: J = {matrix_text(self.J)})"
        )
        return head + "\n\n" + repr(self.show(*self.names()))


def _examples(values, field: str, rows: int, what: str):
    """``values`` as a finite float array of ``rows`` rows, one column per
    example (at least one)."""
    array = float_array(values, field)
    columns = f"{what}; one column per example"
    if array.ndim != 2:
        expected = f"2 dimensions ({rows} rows, {columns})"
        raise wrong_kind(field, expected, f"shape {shape_text(array.shape)}", ValueError)
    if array.shape[0] != rows:
        expected = f"{rows} rows ({columns})"
        raise wrong_kind(field, expected, f"shape {shape_text(array.shape)}", ValueError)
    if array.shape[1] == 0:
        raise wrong_kind(field, "at least one example (a column)", "none", ValueError)
    return finite_array(array, field)


def _finite(name: str, value):
    if not np.isfinite(value).all():
        raise ValueError(
            f"{name}: NaN or infinite entries; the numbers left float64's range "
            "(an output at exactly 0 or 1 for cross-entropy?); use smaller weights or inputs"
        )
    return value


def _compute(name: str, make):
    """``make()``, with arithmetic errors and non-finite results named."""
    try:
        with np.errstate(all="ignore"):
            value = make()
    except (OverflowError, ZeroDivisionError, ValueError) as exc:
        raise ValueError(
            f"{name}: the numbers left float64's range ({exc}); use smaller weights or inputs"
        ) from None
    return _finite(name, value)


def vectorised_pass(model, X=None, Y=None) -> VectorisedPass:
    """Forward and backward over the batch ``X`` (shape ``(n[0], m)``) with
    targets ``Y`` (shape ``(n[L], m)``): every matrix of the source's
    notation, computed by the layer API's ``Dense`` and activation layers.

    ``model`` is a :class:`~mazur_nn.core.config.Config`, a
    :class:`~mazur_nn.core.network.Network` or a
    :class:`~mazur_nn.core.layers.Sequential` (Dense and activation layers in
    turn). With a Config, ``X`` and ``Y`` default to its examples: its
    one example (``m = 1``), or its mini-batch.

    >>> from mazur_nn import mazur_example
    >>> one = vectorised_pass(mazur_example())
    >>> one.m, round(float(one.dW[2][0, 0]), 9)  # Mazur's dE_total/dw5
    (1, 0.082167041)
    >>> vectorised_pass(mazur_example(), [[0.05, 0.1]], [[0.01], [0.99]])
    Traceback (most recent call last):
    ...
    ValueError: X: expected 2 rows (n[0] = 2 inputs; one column per example), got shape (1, 2)
    """
    found = read_model(model)
    sizes, L = found.sizes, len(found.sizes) - 1
    if X is None and Y is None and found.config is not None:
        examples = found.config.examples  # one, or a mini-batch (lesson 15)
        X = [[e.inputs[i] for e in examples] for i in range(sizes[0])]
        Y = [[e.targets[i] for e in examples] for i in range(sizes[-1])]
    elif X is None or Y is None:
        missing = "X" if X is None else "Y"
        raise ValueError(f"{missing}: needed (only a Config brings its own one example)")
    X = _examples(X, "X", sizes[0], f"n[0] = {sizes[0]} inputs")
    Y = _examples(Y, "Y", sizes[-1], f"n[{L}] = {sizes[-1]} outputs")
    m = X.shape[1]
    if Y.shape != (sizes[-1], m):
        expected = f"shape {shape_text((sizes[-1], m))} (one column per example of X)"
        raise wrong_kind("Y", expected, shape_text(Y.shape), ValueError)
    if found.loss == "binary_cross_entropy" and ((Y < 0) | (Y > 1)).any():
        raise ValueError("Y: binary_cross_entropy needs targets in [0, 1]")

    acts = [Activation(name) for name in found.activations]
    W = {l: found.dense[l - 1].W.copy() for l in range(1, L + 1)}
    b = {l: found.dense[l - 1].B.copy() for l in range(1, L + 1)}
    Z, A = {}, {0: X}
    for l in range(1, L + 1):
        dense = found.dense[l - 1]
        Z[l] = _compute(f"Z[{l}]", lambda l=l, dense=dense: dense.forward(A[l - 1]))
        A[l] = _compute(f"A[{l}]", lambda l=l: acts[l - 1].forward(Z[l]))
    value, slope = get_loss(found.loss).array_functions
    losses = _compute("L", lambda: value(Y, A[L], sizes[-1]).sum(axis=0, keepdims=True))
    J = _compute("J", lambda: Loss(found.loss).value(A[L], Y))
    dA = {L: _compute(f"dA[{L}]", lambda: slope(Y, A[L], sizes[-1]))}
    dZ, dW, db = {}, {}, {}
    for l in range(L, 0, -1):
        dZ[l] = _compute(f"dZ[{l}]", lambda l=l: acts[l - 1].backward(Z[l], dA[l], A[l]).dX)
        grads = found.dense[l - 1].backward(A[l - 1], dZ[l])
        dW[l] = _finite(f"dW[{l}]", grads.dW / m)
        db[l] = _finite(f"db[{l}]", grads.dB / m)
        if l > 1:
            dA[l - 1] = _finite(f"dA[{l - 1}]", grads.dX)

    def frozen(table):
        return types.MappingProxyType({k: read_only(v) for k, v in sorted(table.items())})

    notation = Notation(sizes, m, found.activations, found.loss)
    return VectorisedPass(
        notation,
        read_only(X),
        read_only(Y),
        frozen(W),
        frozen(b),
        frozen(Z),
        frozen(A),
        frozen(dA),
        frozen(dZ),
        frozen(dW),
        frozen(db),
        read_only(losses),
        float(J),
    )
