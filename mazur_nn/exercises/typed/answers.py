"""Reading a number a student types, and how close it has to be.

The tolerance follows the digits the student gave: half a unit in the last
digit (``0.0822`` is right within 0.00005, ``8.2167e-2`` within 5e-7),
plus a tiny floor for float noise. The text is read by
:func:`mazur_nn.core.validate.parse_sized_number`, never evaluated: its
size is bounded before it is built (from 1e-100 to 1e100, or 0), so no
number typed overflows a tolerance or a ratio.

Example
-------
>>> answer = parse_answer("0.0822")
>>> answer.value, answer.decimals_shown, answer.significant
(0.0822, 4, 3)
>>> tolerance_text(answer)
'your answer counts as right within ± 0.00005, half a unit of its last digit'
>>> matches(answer, 0.082167041), matches(answer, 0.0821)
(True, False)
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from mazur_nn.core.validate import parse_sized_number

FLOAT_FLOOR = 1e-12  # relative slack for float noise, never a real digit
LARGEST = 100  # a typed number's exponent, and its size, stay within 1e-100 .. 1e100
_PARTS = re.compile(r"^[+-]?(?P<whole>\d*)(?:\.(?P<fraction>\d*))?(?:[eE](?P<exponent>[+-]?\d+))?$")


@dataclass(frozen=True)
class Answer:
    """A number as typed: its value, how many decimals it shows (after the
    exponent is applied, so ``8.2167e-2`` shows 6), how many significant
    digits it has, and the tolerance those digits give."""

    value: float
    decimals_shown: int
    tolerance: float
    significant: int = 1
    text: str = ""


def _digits(text: str) -> tuple[int, int]:
    """``(decimals shown, significant digits)`` of a number's text.

    >>> _digits("8.2167e-2"), _digits("+3"), _digits("0.0822"), _digits("1.5e3")
    ((6, 5), (0, 1), (4, 3), (-2, 2))
    """
    parts = _PARTS.match(text.strip())
    whole, fraction = parts["whole"] or "", parts["fraction"] or ""
    exponent = int(parts["exponent"] or 0)
    significant = len((whole + fraction).lstrip("0"))
    return len(fraction) - exponent, significant


def half_unit(decimals_shown: int) -> float:
    """Half a unit in the last digit of a number showing ``decimals_shown``.

    >>> half_unit(4), half_unit(0), half_unit(-2)
    (5e-05, 0.5, 50.0)
    """
    return 0.5 * 10.0**-decimals_shown


def parse_answer(text: str, field: str = "answer") -> Answer:
    """The :class:`Answer` a student typed; ``TypeError``/``ValueError``
    naming ``field`` if it is not a number.

    >>> round(parse_answer("8.2167e-2").tolerance, 12)
    5e-07
    >>> parse_answer("import os")
    Traceback (most recent call last):
    ...
    TypeError: answer: "import os" is not a number; type a decimal number such as 0.15 or 1.5e-2
    >>> parse_answer("1e308")
    Traceback (most recent call last):
    ...
    ValueError: answer: "1e308" is out of range; type a number from 1e-100 to 1e100 in size, or 0
    """
    value = parse_sized_number(text, field, LARGEST)
    decimals_shown, significant = _digits(text.replace("\u2212", "-"))
    tolerance = half_unit(decimals_shown) + FLOAT_FLOOR * abs(value)
    return Answer(value, decimals_shown, tolerance, significant, text.strip())


def format_half_unit(decimals_shown: int) -> str:
    """Half a unit of the last digit, written out: ``0.00005``, ``5e-09``, ``50``.

    >>> format_half_unit(4), format_half_unit(8), format_half_unit(0), format_half_unit(-2)
    ('0.00005', '5e-09', '0.5', '50')
    """
    if decimals_shown < 0:
        return str(5 * 10 ** (-decimals_shown - 1))
    if decimals_shown <= 5:
        return f"{half_unit(decimals_shown):.{decimals_shown + 1}f}"
    return f"{half_unit(decimals_shown):.0e}"


def tolerance_text(answer: Answer) -> str:
    """How close ``answer`` has to be, in words (for the prompt and the feedback).

    >>> tolerance_text(parse_answer("8.2167e-2"))
    'your answer counts as right within ± 5e-07, half a unit of its last digit'
    """
    shown = format_half_unit(answer.decimals_shown)
    return f"your answer counts as right within ± {shown}, half a unit of its last digit"


def matches(answer: Answer, exact: float) -> bool:
    """``answer`` is ``exact`` to the digits it shows.

    >>> matches(parse_answer("0.08216704"), 0.082167040564)
    True
    >>> matches(parse_answer("0.0821670"), 0.082167040564)
    True
    >>> matches(parse_answer("0.08216"), 0.082167040564)
    False
    """
    return abs(answer.value - float(exact)) <= answer.tolerance


def rounded_text(value: float, digits: int) -> str:
    """``value`` rounded to ``digits`` significant digits as a student types
    it: plainly when that is short, trailing zeros kept, else in e-notation.

    >>> rounded_text(0.082167041, 4), rounded_text(0.4, 3), rounded_text(4.4e-7, 2)
    ('0.08217', '0.400', '4.4e-07')
    """
    digits = max(digits, 1)
    text = f"{value:#.{digits}g}".rstrip(".")  # keeps trailing zeros: 0.400
    if "e" in text and -5 <= math.floor(math.log10(abs(value))) < 0:
        text = f"{value:.{digits - 1 - math.floor(math.log10(abs(value)))}f}"
    return text


def significant_digits_needed(
    exact: float, others, at_least: int = 3, at_most: int = 7, negligible: float = 1e-7
) -> int:
    """The fewest significant digits (from ``at_least``) at which neither
    ``exact``, correctly rounded, passes for any value in ``others``, nor
    any of ``others``, rounded the same way, passes for ``exact``. Values
    within ``negligible`` (relative) of ``exact`` are no real difference and
    are left out; ``at_most`` caps what a student is asked for.

    >>> significant_digits_needed(0.1497807161, [0.1498176393, 0.1495614322])
    5
    >>> significant_digits_needed(0.082167, [0.4398])
    3
    >>> significant_digits_needed(-0.99585, [-1.00488])  # -1.00 would pass for -0.996
    4
    """
    exact = float(exact)
    others = [
        float(v) for v in others if abs(float(v) - exact) > negligible * max(abs(exact), 1e-300)
    ]

    def typed(value: float, digits: int) -> Answer:
        return parse_answer(rounded_text(value, digits))

    for digits in range(at_least, at_most + 1):
        right = typed(exact, digits)
        if not any(matches(right, v) for v in others) and not any(
            matches(typed(v, digits), exact) for v in others
        ):
            return digits
    return at_most
