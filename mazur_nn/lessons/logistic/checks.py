"""Checking what comes in: whole numbers and arrays of finite numbers, each
error naming the field and what is allowed.

Rows are examples: ``X`` is ``(m, n)``, ``y`` is ``(m,)`` with values from
0 to 1, ``w`` is ``(n,)`` and ``b`` a number. numpy is imported inside the
functions.

>>> w, b, X, y = _unit([0.5, -0.5], 0, [[1, 0], [0, 1]], [1, 0])
>>> X.shape, b, y.tolist()
((2, 2), 0.0, [1.0, 0.0])
>>> _unit([0.5], 0, [[1, 0], [0, 1]])
Traceback (most recent call last):
...
ValueError: w: expected shape (2,), got (1,)
"""

from __future__ import annotations

import numbers

from mazur_nn.core.validate import finite_number


def _whole(value) -> bool:
    """Whether ``value`` is a whole number (an integer, not a bool)."""
    return not isinstance(value, bool) and isinstance(value, numbers.Integral)


def _read_only(array):
    """``array``, made read-only (results handed to a student stay as computed)."""
    array.setflags(write=False)
    return array


def _floats(value, field: str, what: str):
    """``value`` as a float array; text, or anything numpy cannot read as
    numbers, is a ``TypeError`` saying ``expected {what}``."""
    import numpy as np

    if isinstance(value, (str, bytes)):
        raise TypeError(f"{field}: expected {what}, got text {value!r}")
    try:
        return np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        raise TypeError(f"{field}: expected {what}, got {value!r}") from None


def _vector(value, field: str, length: int | None = None):
    """A 1-D float array of finite numbers (``length`` of them, if given)."""
    array = _floats(value, field, "an array of numbers")
    if array.ndim != 1:
        raise ValueError(
            f"{field}: expected a 1-D array of shape ({length if length else 'n'},), "
            f"got shape {array.shape}"
        )
    if length is not None and array.shape[0] != length:
        raise ValueError(f"{field}: expected shape ({length},), got {array.shape}")
    _finite(array, field)
    return array


def _finite(array, field: str) -> None:
    """Raises a ``ValueError`` at the first entry that is NaN or infinite, saying where."""
    import numpy as np

    bad = np.argwhere(~np.isfinite(array))
    if len(bad):
        where = ", ".join(str(int(i)) for i in bad[0])
        raise ValueError(
            f"{field}: {array[tuple(bad[0])]} at [{where}] is not allowed; expected finite numbers"
        )


def _matrix(value, field: str = "X"):
    """A 2-D float array ``(m, n)`` of finite numbers, at least one row."""
    array = _floats(value, field, "an (m, n) array of numbers")
    if array.ndim != 2 or array.shape[0] == 0 or array.shape[1] == 0:
        raise ValueError(
            f"{field}: expected an (m, n) array, one example per row, got shape {array.shape}"
        )
    _finite(array, field)
    return array


def _labels(value, field: str, m: int):
    """``m`` targets, each from 0 to 1 (1 for a 9)."""
    y = _vector(value, field, m)
    if ((y < 0) | (y > 1)).any():
        k = int(((y < 0) | (y > 1)).argmax())
        raise ValueError(f"{field}: {y[k]} at [{k}] is not allowed; expected values from 0 to 1")
    return y


def _unit(w, b, X, y=None):
    """The unit's ``w``, ``b``, ``X`` (and ``y``, if given), checked against each other."""
    X = _matrix(X, "X")
    w = _vector(w, "w", X.shape[1])
    b = finite_number(b, "b")
    if y is None:
        return w, b, X
    return w, b, X, _labels(y, "y", X.shape[0])
