"""The unit: ``a = sigma(X w + b)``, one probability of a 9 per row of
``X``, and the mean log loss ``-(1/m) sum(y log a + (1 - y) log(1 - a))``.

Numerically the sigmoid is computed from ``exp(-|z|)`` and the loss as
``log(1 + e^z) - y z`` (``numpy.logaddexp``), the same function written so
that nothing overflows and ``log 0`` never happens. numpy is imported
inside the functions.

>>> X = [[1.0, 0.0], [0.0, 1.0]]
>>> [round(a, 6) for a in probabilities([2.0, -2.0], 0.0, X).tolist()]
[0.880797, 0.119203]
>>> round(log_loss([2.0, -2.0], 0.0, X, [1.0, 0.0]), 6)  # -log 0.880797
0.126928
"""

from __future__ import annotations

from mazur_nn.lessons.logistic.checks import _unit


def sigmoid(z):
    """``1 / (1 + e^(-z))``, elementwise, computed from ``e^(-|z|)`` so that
    it never overflows.

    >>> [float(v) for v in sigmoid([0.0, 800.0, -800.0])]
    [0.5, 1.0, 0.0]
    """
    import numpy as np

    z = np.asarray(z, dtype=float)
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def _losses(z, y):
    """Each example's log loss ``-(y log a + (1 - y) log(1 - a))`` with
    ``a = sigma(z)``, written as ``log(1 + e^z) - y z``."""
    import numpy as np

    return np.logaddexp(0.0, z) - y * z


def probabilities(w, b, X):
    """``a = sigma(X w + b)``: the unit's probability of a 9 for each row of ``X``.

    >>> import numpy as np
    >>> probabilities(np.zeros(3), 0.0, np.ones((2, 3))).tolist()
    [0.5, 0.5]
    """
    w, b, X = _unit(w, b, X)
    return sigmoid(X @ w + b)


def log_loss(w, b, X, y) -> float:
    """The mean log loss over the ``m`` rows of ``X``:
    ``-(1/m) sum(y log a + (1 - y) log(1 - a))``.

    >>> import numpy as np
    >>> round(log_loss(np.zeros(2), 0.0, [[1.0, 0.0]], [1.0]), 9)  # log 2
    0.693147181
    """
    w, b, X, y = _unit(w, b, X, y)
    return float(_losses(X @ w + b, y).mean())
