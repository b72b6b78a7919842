"""The unit: ``a = sigma(X w + b)``, one probability of a 9 per row of
``X``, and the mean log loss ``-(1/m) sum(y log a + (1 - y) log(1 - a))``.

Rows are examples: ``X`` is ``(m, n)``, ``y`` is ``(m,)`` with values from
0 to 1, ``w`` is ``(n,)`` and ``b`` a number; :func:`unit_arrays` checks
them against each other.

The course's registry (:mod:`mazur_nn.core.functions`) defines the sigmoid
and the log loss for one number at a time, through the C library's ``exp``.
Here they run over 1,347 pictures at every epoch, so they are written once
for numpy arrays: the sigmoid from ``exp(-|z|)`` and the loss as
``log(1 + e^z) - y z`` (``numpy.logaddexp``), the same functions written so
that nothing overflows and ``log 0`` never happens.

>>> X = [[1.0, 0.0], [0.0, 1.0]]
>>> [round(a, 6) for a in probabilities([2.0, -2.0], 0.0, X).tolist()]
[0.880797, 0.119203]
>>> round(log_loss([2.0, -2.0], 0.0, X, [1.0, 0.0]), 6)  # -log 0.880797
0.126928
"""

from __future__ import annotations

import numpy as np

from mazur_nn.core.validate import (
    finite_array,
    finite_number,
    float_array,
    not_allowed,
    vector_array,
    wrong_kind,
)


def example_matrix(values, field: str = "X"):
    """A 2-D float array ``(m, n)`` of finite numbers, one example per row,
    at least one row.

    >>> example_matrix([1.0, 2.0])
    Traceback (most recent call last):
    ...
    ValueError: X: expected an (m, n) array, one example per row, got shape (2,)
    """
    array = float_array(values, field, "an (m, n) array of numbers")
    if array.ndim != 2 or array.shape[0] == 0 or array.shape[1] == 0:
        raise wrong_kind(
            field, "an (m, n) array, one example per row", f"shape {array.shape}", ValueError
        )
    return finite_array(array, field, where=True)


def label_vector(values, field: str, m: int):
    """``m`` targets, each from 0 to 1 (1 for a 9).

    >>> label_vector([0, 2], "y", 2)
    Traceback (most recent call last):
    ...
    ValueError: y: 2.0 at [1] is not allowed; expected values from 0 to 1
    """
    y = vector_array(values, field, m)
    outside = (y < 0) | (y > 1)
    if outside.any():
        k = int(outside.argmax())
        raise not_allowed(field, f"{y[k]} at [{k}]", "values from 0 to 1")
    return y


def unit_arrays(w, b, X, y=None):
    """The unit's ``w``, ``b``, ``X`` (and ``y``, if given), checked against
    each other.

    >>> w, b, X, y = unit_arrays([0.5, -0.5], 0, [[1, 0], [0, 1]], [1, 0])
    >>> X.shape, b, y.tolist()
    ((2, 2), 0.0, [1.0, 0.0])
    >>> unit_arrays([0.5], 0, [[1, 0], [0, 1]])
    Traceback (most recent call last):
    ...
    ValueError: w: expected shape (2,), got (1,)
    """
    X = example_matrix(X, "X")
    w = vector_array(w, "w", X.shape[1])
    b = finite_number(b, "b")
    if y is None:
        return w, b, X
    return w, b, X, label_vector(y, "y", X.shape[0])


def sigmoid(z):
    """``1 / (1 + e^(-z))``, elementwise, computed from ``e^(-|z|)`` so that
    it never overflows.

    >>> [float(v) for v in sigmoid([0.0, 800.0, -800.0])]
    [0.5, 1.0, 0.0]
    """
    z = np.asarray(z, dtype=float)
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def log_losses(z, y):
    """Each example's log loss ``-(y log a + (1 - y) log(1 - a))`` with
    ``a = sigma(z)``, written as ``log(1 + e^z) - y z``.

    >>> [round(float(v), 9) for v in log_losses(np.array([0.0, 800.0]), np.array([1.0, 1.0]))]
    [0.693147181, 0.0]
    """
    return np.logaddexp(0.0, z) - y * z


def probabilities(w, b, X):
    """``a = sigma(X w + b)``: the unit's probability of a 9 for each row of ``X``.

    >>> probabilities(np.zeros(3), 0.0, np.ones((2, 3))).tolist()
    [0.5, 0.5]
    """
    w, b, X = unit_arrays(w, b, X)
    return sigmoid(X @ w + b)


def log_loss(w, b, X, y) -> float:
    """The mean log loss over the ``m`` rows of ``X``:
    ``-(1/m) sum(y log a + (1 - y) log(1 - a))``.

    >>> round(log_loss(np.zeros(2), 0.0, [[1.0, 0.0]], [1.0]), 9)  # log 2
    0.693147181
    """
    w, b, X, y = unit_arrays(w, b, X, y)
    return float(log_losses(X @ w + b, y).mean())
