"""Reading what a student types: numbers only, never evaluated as code.

>>> parse_number(" 0.05 ", "i1")
0.05
>>> parse_number("1e-2", "t1")
0.01
>>> parse_number("__import__('os')", "w1")
Traceback (most recent call last):
...
TypeError: w1: "__import__('os')" is not a number; type a decimal number such as 0.15 or 1.5e-2
"""

from __future__ import annotations

import math
import re

_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
MAX_LENGTH = 40


def parse_number(text: str, field: str) -> float:
    """A finite decimal number from ``text`` (plain or scientific notation)."""
    if not isinstance(text, str):
        raise TypeError(f"{field}: expected text, got {type(text).__name__}")
    stripped = text.strip().replace("\u2212", "-")  # the minus sign MathJax copies
    if not stripped:
        raise ValueError(f"{field}: empty; type a number")
    if re.fullmatch(r"[+-]?\d*,\d+(?:[eE][+-]?\d+)?", stripped):
        raise TypeError(
            f'{field}: "{stripped}" is not a number; write the decimal point as a point '
            f"({stripped.replace(',', '.')}, not {stripped})"
        )
    if len(stripped) > MAX_LENGTH or not _NUMBER.match(stripped):
        shown = stripped if len(stripped) <= MAX_LENGTH else stripped[:MAX_LENGTH] + "..."
        raise TypeError(
            f'{field}: "{shown}" is not a number; type a decimal number such as 0.15 or 1.5e-2'
        )
    value = float(stripped)
    if not math.isfinite(value):
        raise ValueError(f"{field}: {stripped} is too large; expected a finite number")
    return value


def number_problem(text: str, field: str) -> str | None:
    """What is wrong with ``text`` as a number, or ``None`` if it is one.

    >>> number_problem("abc", "w1")
    'w1: "abc" is not a number; type a decimal number such as 0.15 or 1.5e-2'
    """
    try:
        parse_number(text, field)
    except (TypeError, ValueError) as exc:
        return str(exc)
    return None


def error_message(function, /, *args, **kwargs) -> str | None:
    """What ``function(*args, **kwargs)`` says about bad input: the message
    of the ``ValueError`` or ``TypeError`` it raises, or ``None`` if it
    accepts the input. Lessons use it to show the package's messages.

    >>> error_message(parse_number, "abc", "w1")
    'w1: "abc" is not a number; type a decimal number such as 0.15 or 1.5e-2'
    >>> error_message(parse_number, "0.5", "w1") is None
    True
    """
    try:
        function(*args, **kwargs)
    except (TypeError, ValueError) as exc:
        return str(exc)
    return None


def problem_html(error, kept: str | None = None) -> str:
    """How a widget shows a value it cannot use: the message in red, and
    what stays on screen meanwhile.

    >>> problem_html(ValueError("w1: <bad>"), "the last valid numbers")
    "<span style='color:#b00020'>⚠ w1: &lt;bad&gt;</span> <i>(showing the last valid numbers)</i>"
    """
    import html

    shown = f"<span style='color:#b00020'>⚠ {html.escape(str(error))}</span>"
    return f"{shown} <i>(showing {kept})</i>" if kept else shown
