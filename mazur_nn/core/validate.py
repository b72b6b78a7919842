"""Checks for user-supplied values, each raising an error that names the
field and what is allowed.

>>> finite_number("0.5", "learning_rate")
Traceback (most recent call last):
...
TypeError: learning_rate: expected a number, got '0.5' (text)
>>> finite_number(float("nan"), "weights[w3]")
Traceback (most recent call last):
...
ValueError: weights[w3]: nan is not allowed; expected a finite number
"""

from __future__ import annotations

import math
import numbers


def finite_number(value, field: str) -> float:
    """``value`` as a float, if it is a finite real number (not a bool)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        kind = "text" if isinstance(value, str) else type(value).__name__
        raise TypeError(f"{field}: expected a number, got {value!r} ({kind})")
    try:
        number = float(value)
    except OverflowError:
        number = math.inf  # a whole number too large for a float
    if not math.isfinite(number):
        raise ValueError(f"{field}: {number} is not allowed; expected a finite number")
    return number


def positive_number(value, field: str) -> float:
    """A finite number greater than zero (a learning rate, a step size)."""
    number = finite_number(value, field)
    if number <= 0.0:
        raise ValueError(f"{field}: {number} is not allowed; expected a positive finite number")
    return number


def number_list(values, field: str, count: int, names=None) -> tuple[float, ...]:
    """Exactly ``count`` finite numbers; ``names`` label them in messages."""
    if isinstance(values, (str, bytes)) or not hasattr(values, "__len__"):
        raise TypeError(f"{field}: expected a list of {count} numbers, got {values!r}")
    if len(values) != count:
        expected = f" ({names[0]}..{names[-1]})" if names and count > 1 else ""
        raise ValueError(f"{field}: expected {count} values{expected}, got {len(values)}")
    labels = names or [str(k) for k in range(count)]
    return tuple(finite_number(v, f"{field}[{label}]") for v, label in zip(values, labels))


def choice(value, field: str, allowed) -> str:
    """One of ``allowed`` (strings)."""
    if value not in allowed:
        raise ValueError(f"{field}: {value!r} is not allowed; allowed are {', '.join(allowed)}")
    return value
