"""Checking the numbers that come into the lesson, and showing numbers back.

Every check names the field and says what is allowed; the messages show
numbers as a student would type them (:func:`show`).

>>> in_range(12, "start", -10, 10)
Traceback (most recent call last):
...
ValueError: start: 12 is not allowed; expected a number from -10 to 10
>>> whole(0.5, "patience", 1, 100)
Traceback (most recent call last):
...
ValueError: patience: 0.5 is not allowed; expected a whole number from 1 to 100
"""

from __future__ import annotations

import math
from numbers import Real


def show(value) -> str:
    """A number as a student would type it: ``12``, ``0.5``, ``-1e-07``.

    >>> show(12), show(0.5), show(-1e-07), show(8.0)
    ('12', '0.5', '-1e-07', '8')
    """
    return f"{value:g}" if isinstance(value, float) else str(value)


def number(value, field: str) -> float:
    """``value`` as a float, if it is a real number (not a bool, not nan).

    >>> number("3", "start")
    Traceback (most recent call last):
    ...
    TypeError: start: expected a number, got str '3'
    """
    if isinstance(value, bool) or not isinstance(value, Real):
        raise TypeError(f"{field}: expected a number, got {type(value).__name__} {value!r}")
    value = float(value)
    if math.isnan(value):
        raise ValueError(f"{field}: nan is not allowed; expected a number")
    return value


def in_range(value, field: str, low: float, high: float) -> float:
    """A number from ``low`` to ``high`` (both included)."""
    value = number(value, field)
    if not low <= value <= high:
        raise ValueError(
            f"{field}: {show(value)} is not allowed; expected a number "
            f"from {show(low)} to {show(high)}"
        )
    return value


def positive(value, field: str) -> float:
    """A positive finite number (a learning rate).

    >>> positive(0, "learning_rate")
    Traceback (most recent call last):
    ...
    ValueError: learning_rate: 0 is not allowed; expected a positive finite number (> 0)
    """
    value = number(value, field)
    if not (0 < value < math.inf):
        raise ValueError(
            f"{field}: {show(value)} is not allowed; expected a positive finite number (> 0)"
        )
    return value


def non_negative(value, field: str) -> float:
    """A finite number, 0 or more (a tolerance).

    >>> non_negative(-1, "tolerance")
    Traceback (most recent call last):
    ...
    ValueError: tolerance: -1 is not allowed; expected a finite number >= 0
    """
    value = number(value, field)
    if not 0 <= value < math.inf:
        raise ValueError(f"{field}: {show(value)} is not allowed; expected a finite number >= 0")
    return value


def whole(value, field: str, low: int, high: int) -> int:
    """A whole number from ``low`` to ``high``; ``3.0`` counts as ``3``.

    >>> whole(3.0, "t", 0, 10)
    3
    """
    if isinstance(value, bool) or not isinstance(value, Real):
        raise TypeError(f"{field}: expected a whole number, got {type(value).__name__} {value!r}")
    if isinstance(value, float) and not value.is_integer():
        raise ValueError(
            f"{field}: {show(value)} is not allowed; expected a whole number from {low} to {high}"
        )
    integer = int(value)
    if not low <= integer <= high:
        raise ValueError(
            f"{field}: {integer} is not allowed; expected a whole number from {low} to {high}"
        )
    return integer


def num(value: float, digits: int = 6) -> str:
    """A number for tables and messages, by
    :func:`mazur_nn.symbolic.model.format_number` (``inf`` stays ``inf``).

    >>> num(4.096000000001), num(float("-inf")), num(0.8, 9)
    ('4.096', '-inf', '0.8')
    """
    from mazur_nn.core.numbers import format_number

    if not math.isfinite(value):
        return str(value)
    return format_number(value, digits)
