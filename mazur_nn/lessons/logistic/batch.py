"""All ``m`` examples at once: the vectorised gradient of the mean log loss,
``dw = X^T (a - y) / m`` and ``db = mean(a - y)``, and two checks of it (a
loop over the examples, one graph each, and central finite differences).

>>> X, y = [[1.0, 0.0], [0.0, 1.0]], [1.0, 0.0]
>>> fast, slow = gradients([1.0, 1.0], 0.0, X, y), gradients_by_loop([1.0, 1.0], 0.0, X, y)
>>> [round(d, 6) for d in fast.dw.tolist()], round(fast.db, 6)
([-0.134471, 0.365529], 0.231059)
>>> bool(abs(fast.dw - slow.dw).max() < 1e-15)
True
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mazur_nn.core.numbers import format_number
from mazur_nn.core.table import Table
from mazur_nn.core.validate import positive_number, read_only
from mazur_nn.lessons.logistic.graph import forward_graph
from mazur_nn.lessons.logistic.unit import log_losses, sigmoid, unit_arrays


@dataclass(frozen=True, repr=False)
class Gradients:
    """The mean loss over ``m`` examples and its gradient: ``dw`` (shape
    ``(n,)``) and ``db``."""

    dw: object
    db: float
    loss: float
    m: int

    def __repr__(self) -> str:
        k = int(abs(self.dw).argmax())
        return (
            f"Gradients(m = {self.m} examples, n = {len(self.dw)} weights: "
            f"loss = {format_number(self.loss)}, db = {format_number(self.db)}, "
            f"largest |dw_k| is dw_{k + 1} = {format_number(self.dw[k])})"
        )


def gradients(w, b, X, y) -> Gradients:
    r"""The gradient of the mean log loss over the rows of ``X``, vectorised:
    ``a = sigma(X w + b)``, ``dw = X^T (a - y) / m``, ``db = mean(a - y)``.

    ``X`` is ``(m, n)``, ``a - y`` is ``(m,)``, so ``X^T (a - y)`` is ``(n,)``:
    for each pixel, the sum over the examples of ``(a - y) x_k``.

    >>> g = gradients(np.zeros(2), 0.0, [[1.0, 0.0], [0.0, 1.0]], [1.0, 0.0])
    >>> g.dw.tolist(), g.db
    ([-0.25, 0.25], 0.0)
    """
    w, b, X, y = unit_arrays(w, b, X, y)
    z = X @ w + b
    r = sigmoid(z) - y
    m = X.shape[0]
    return Gradients(read_only(X.T @ r / m), float(r.mean()), float(log_losses(z, y).mean()), m)


def gradients_by_loop(w, b, X, y) -> Gradients:
    """The same gradient the slow way: one :func:`forward_graph` per example,
    then the mean of their ``dL/dw`` and ``dL/db`` (a check on :func:`gradients`)."""
    w, b, X, y = unit_arrays(w, b, X, y)
    dw, db, loss = np.zeros(X.shape[1]), 0.0, 0.0
    for x_i, y_i in zip(X, y):
        g = forward_graph(w, b, x_i, float(y_i))
        dw += g.dL_dw
        db += g.dL_db
        loss += g.L
    m = X.shape[0]
    return Gradients(read_only(dw / m), db / m, loss / m, m)


def finite_differences(w, b, X, y, h: float = 1e-6) -> Gradients:
    """The gradient by central differences of :func:`log_loss`, one
    parameter at a time: ``(L(p + h) - L(p - h)) / 2h``; no calculus involved."""
    w, b, X, y = unit_arrays(w, b, X, y)
    h = positive_number(h, "h")

    def loss(w_, b_):
        return float(log_losses(X @ w_ + b_, y).mean())

    dw = np.empty_like(w)
    for k in range(len(w)):
        step = np.zeros_like(w)
        step[k] = h
        dw[k] = (loss(w + step, b) - loss(w - step, b)) / (2 * h)
    db = (loss(w, b + h) - loss(w, b - h)) / (2 * h)
    return Gradients(read_only(dw), db, loss(w, b), X.shape[0])


def _bound(difference: float, bounds=(1e-12, 1e-8, 1e-4)) -> str:
    for bound in bounds:
        if difference < bound:
            return f"< {bound:.0e}".replace("e-0", "e-")
    return f"{difference:.1e}"


def gradient_check(w, b, X, y) -> Table:
    """The vectorised gradient against a loop over the examples and against
    finite differences: the largest difference over ``dw`` and ``db``."""
    fast = gradients(w, b, X, y)
    rows = []
    for label, other in (
        (f"a loop over the {fast.m} examples, one graph each", gradients_by_loop(w, b, X, y)),
        ("central finite differences of the loss, h = 1e-6", finite_differences(w, b, X, y)),
    ):
        difference = max(float(abs(fast.dw - other.dw).max()), abs(fast.db - other.db))
        rows.append((label, _bound(difference)))
    return Table(
        ("computed by", "largest difference from X^T (a - y) / m and mean(a - y)"),
        rows,
        f"The vectorised gradient (all {len(fast.dw)} weights and the bias), checked twice",
    )
