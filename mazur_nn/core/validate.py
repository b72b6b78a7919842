"""Every check of what comes in: one module, one message style.

Every message starts with the field it is about and says what is allowed,
in one of two forms:

- the value is of the right kind but not allowed:
  ``"learning_rate: -1.0 is not allowed; expected a positive finite number"``
  (:func:`not_allowed`);
- the value is not even of the right kind:
  ``"layers: expected a list of layer sizes such as [2, 2, 2], got 'abc'"``
  (:func:`wrong_kind`).

Checks return the value in the form the caller needs (a float, an int, a
tuple, an array) and raise ``ValueError`` or ``TypeError`` otherwise; the
widgets show :func:`error_message` of a check, the CLI prints it on one
line. What a student types is read by :func:`parse_number`, never
evaluated as code.

Arrays (the layer API and the lessons on data) are checked by the
``*_array`` functions at the end; numpy is imported inside them, so
``import mazur_nn`` stays light.

>>> finite_number("0.5", "learning_rate")
Traceback (most recent call last):
...
TypeError: learning_rate: expected a number, got '0.5' (text)
>>> finite_number(float("nan"), "weights[w3]")
Traceback (most recent call last):
...
ValueError: weights[w3]: nan is not allowed; expected a finite number
>>> parse_number(" 0.05 ", "i1"), parse_number("1e-2", "t1")
(0.05, 0.01)
>>> parse_number("__import__('os')", "w1")
Traceback (most recent call last):
...
TypeError: w1: "__import__('os')" is not a number; type a decimal number such as 0.15 or 1.5e-2
"""

from __future__ import annotations

import math
import numbers
import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any

# -- the two message forms ---------------------------------------------------------

ECHO_LIMIT = 60  # characters of what was typed that a message quotes back
# Characters that change how the rest of a line is shown: the bidirectional
# controls (a message must read as it is) and the invisible ones.
_HIDDEN = frozenset(
    "\u061c\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
    "\u2060\u2066\u2067\u2068\u2069\ufeff"
)


def _escaped(character: str) -> str:
    if character in _HIDDEN or not character.isprintable():
        escaped = character.encode("unicode_escape").decode("ascii")
        return escaped if escaped != character else f"\\u{ord(character):04x}"
    return character


def echo(value: object, limit: int = ECHO_LIMIT) -> str:
    r"""What a message quotes of what was typed: at most ``limit`` characters,
    with control, bidirectional and invisible characters escaped (anything
    but text is quoted by its ``repr``).

    >>> echo("0.5\u202e")
    '0.5\\u202e'
    >>> echo("1" * 5000)[-24:]
    '111... (5000 characters)'
    >>> echo("line\nbreak")
    'line\\nbreak'
    """
    text = value if isinstance(value, str) else repr(value)
    shown = "".join(_escaped(c) for c in text[:limit])
    return shown + f"... ({len(text)} characters)" if len(text) > limit else shown


def not_allowed(field: str, shown: object, expected: str) -> ValueError:
    """``field: SHOWN is not allowed; expected EXPECTED`` (``SHOWN`` echoed:
    see :func:`echo`).

    >>> str(not_allowed("patience", 0, "a whole number from 1 to 100"))
    'patience: 0 is not allowed; expected a whole number from 1 to 100'
    """
    return ValueError(f"{field}: {echo(str(shown))} is not allowed; expected {expected}")


def wrong_kind(field: str, expected: str, got: object, error: type = TypeError) -> Exception:
    """``field: expected EXPECTED, got GOT`` (a ``TypeError`` unless ``error``
    says otherwise; ``GOT`` echoed: see :func:`echo`).

    >>> str(wrong_kind("hidden", "a whole number from 1 to 256", repr(0)))
    'hidden: expected a whole number from 1 to 256, got 0'
    """
    return error(f"{field}: expected {expected}, got {echo(str(got))}")


def show(value: object) -> str:
    """A number as a student would type it: ``12``, ``0.5``, ``-1e-07``.

    >>> show(12), show(0.5), show(-1e-07), show(8.0)
    ('12', '0.5', '-1e-07', '8')
    """
    return f"{value:g}" if isinstance(value, float) else str(value)


def error_message(function: Callable[..., object], /, *args: Any, **kwargs: Any) -> str | None:
    """What ``function(*args, **kwargs)`` says about bad input: the message
    of the ``ValueError`` or ``TypeError`` it raises, or ``None`` if it
    accepts the input. Lessons and widgets use it to show the package's messages.

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


# -- numbers --------------------------------------------------------------------------


def is_whole(value: object) -> bool:
    """Whether ``value`` is a whole number (an integer, not a bool).

    >>> is_whole(3), is_whole(3.0), is_whole(True)
    (True, False, False)
    """
    return not isinstance(value, bool) and isinstance(value, numbers.Integral)


def real_number(value: object, field: str) -> float:
    """``value`` as a float, if it is a real number (not a bool, not nan);
    infinities are allowed (a range check says what is).

    >>> real_number("3", "start")
    Traceback (most recent call last):
    ...
    TypeError: start: expected a number, got str '3'
    """
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise wrong_kind(field, "a number", f"{type(value).__name__} {value!r}")
    number = float(value)
    if math.isnan(number):
        raise not_allowed(field, "nan", "a number")
    return number


def finite_number(value: object, field: str) -> float:
    """``value`` as a float, if it is a finite real number (not a bool)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        kind = "text" if isinstance(value, str) else type(value).__name__
        raise wrong_kind(field, "a number", f"{value!r} ({kind})")
    try:
        number = float(value)
    except OverflowError:
        number = math.inf  # a whole number too large for a float
    if not math.isfinite(number):
        raise not_allowed(field, number, "a finite number")
    return number


def positive_number(
    value: object, field: str, expected: str = "a positive finite number", shown=None
) -> float:
    """A finite number greater than zero (a learning rate, a step size).

    >>> positive_number(0, "h")
    Traceback (most recent call last):
    ...
    ValueError: h: 0.0 is not allowed; expected a positive finite number
    """
    number = finite_number(value, field) if shown is None else real_number(value, field)
    if not 0.0 < number < math.inf:
        raise not_allowed(field, number if shown is None else shown(number), expected)
    return number


def number_in_range(value: object, field: str, low: float, high: float) -> float:
    """A number from ``low`` to ``high`` (both included).

    >>> number_in_range(12, "start", -10, 10)
    Traceback (most recent call last):
    ...
    ValueError: start: 12 is not allowed; expected a number from -10 to 10
    """
    number = real_number(value, field)
    if not low <= number <= high:
        raise not_allowed(field, show(number), f"a number from {show(low)} to {show(high)}")
    return number


def non_negative_number(value: object, field: str) -> float:
    """A finite number, 0 or more (a tolerance).

    >>> non_negative_number(-1, "tolerance")
    Traceback (most recent call last):
    ...
    ValueError: tolerance: -1 is not allowed; expected a finite number >= 0
    """
    number = real_number(value, field)
    if not 0 <= number < math.inf:
        raise not_allowed(field, show(number), "a finite number >= 0")
    return number


def _whole_range(low: int, high: int | None) -> str:
    return f"from {low} to {high}" if high is not None else f">= {low}"


def whole_number(value: object, field: str, low: int = 0, high: int | None = None) -> int:
    """A whole number (not a bool, not a float) from ``low`` to ``high``
    (no upper bound if ``high`` is ``None``).

    >>> whole_number(0, "hidden", 1, 256)
    Traceback (most recent call last):
    ...
    ValueError: hidden: expected a whole number from 1 to 256, got 0
    >>> whole_number("3", "seed")
    Traceback (most recent call last):
    ...
    ValueError: seed: expected a whole number >= 0, got '3'
    """
    expected = f"a whole number {_whole_range(low, high)}"
    if not isinstance(value, int) or isinstance(value, bool):
        raise wrong_kind(field, expected, repr(value), ValueError)
    if value < low or (high is not None and value > high):
        raise wrong_kind(field, expected, repr(value), ValueError)
    return value


def whole_value(value: object, field: str, low: int, high: int) -> int:
    """A whole number from ``low`` to ``high`` where ``3.0`` counts as ``3``
    (what a slider or a float field gives).

    >>> whole_value(3.0, "t", 0, 10)
    3
    >>> whole_value(0.5, "patience", 1, 100)
    Traceback (most recent call last):
    ...
    ValueError: patience: 0.5 is not allowed; expected a whole number from 1 to 100
    """
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise wrong_kind(field, "a whole number", f"{type(value).__name__} {value!r}")
    expected = f"a whole number from {low} to {high}"
    if isinstance(value, float) and not value.is_integer():
        raise not_allowed(field, show(value), expected)
    integer = int(value)  # type: ignore[call-overload]  # a Real that is whole
    if not low <= integer <= high:
        raise not_allowed(field, integer, expected)
    return integer


def whole_in_range(
    value: object, field: str, low: int, high: int, high_text: str | None = None
) -> int:
    """A whole number (an integer, not a bool, not ``3.0``) from ``low`` to
    ``high``, in the module's two message forms: anything but a whole number
    is a ``TypeError``, a whole number out of range a ``ValueError``;
    ``high_text`` writes ``high`` in the message.

    >>> whole_in_range(0, "epochs", 1, 10)
    Traceback (most recent call last):
    ...
    ValueError: epochs: 0 is not allowed; expected a whole number from 1 to 10
    >>> whole_in_range("10", "epochs", 1, 10)
    Traceback (most recent call last):
    ...
    TypeError: epochs: expected a whole number from 1 to 10, got '10' (text)
    >>> whole_in_range(1.5, "epochs", 1, 100000)
    Traceback (most recent call last):
    ...
    TypeError: epochs: expected a whole number from 1 to 100000, got 1.5
    >>> whole_in_range(-1, "seed", 0, 2**32 - 1, "2**32 - 1")
    Traceback (most recent call last):
    ...
    ValueError: seed: -1 is not allowed; expected a whole number from 0 to 2**32 - 1
    """
    expected = f"a whole number from {low} to {high if high_text is None else high_text}"
    if not isinstance(value, int) or isinstance(value, bool):
        got = f"{value!r} (text)" if isinstance(value, str) else repr(value)
        raise wrong_kind(field, expected, got)
    if not low <= value <= high:
        raise not_allowed(field, value, expected)
    return value


def choice(value: object, field: str, allowed: Iterable[str]) -> str:
    """One of ``allowed`` (strings).

    >>> choice("sometimes", "hidden_uses", ("original", "updated"))
    Traceback (most recent call last):
    ...
    ValueError: hidden_uses: 'sometimes' is not allowed; allowed are original, updated
    """
    allowed = tuple(allowed)
    if not isinstance(value, str) or value not in allowed:
        raise ValueError(
            f"{field}: {echo(repr(value))} is not allowed; allowed are {', '.join(allowed)}"
        )
    return value


def true_or_false(value: object, field: str) -> bool:
    """A bool (a config's switches).

    >>> true_or_false(1, "update_biases")
    Traceback (most recent call last):
    ...
    TypeError: update_biases: expected true or false, got 1
    """
    if not isinstance(value, bool):
        raise wrong_kind(field, "true or false", repr(value))
    return value


def number_list(
    values: Any, field: str, count: int, names: Sequence[str] | None = None
) -> tuple[float, ...]:
    """Exactly ``count`` finite numbers; ``names`` label them in messages."""
    if isinstance(values, (str, bytes)) or not hasattr(values, "__len__"):
        raise wrong_kind(field, f"a list of {count} numbers", repr(values))
    if len(values) != count:
        expected = f" ({names[0]}..{names[-1]})" if names and count > 1 else ""
        raise ValueError(f"{field}: expected {count} values{expected}, got {len(values)}")
    labels = names or [str(k) for k in range(count)]
    return tuple(finite_number(v, f"{field}[{label}]") for v, label in zip(values, labels))


PROBABILITY_TOLERANCE = 1e-9  # how far from 1 a probability vector's sum may be (rounding)


def probability_vector(
    values: Sequence[float], field: str, names: Sequence[str], needed_by: str
) -> tuple[float, ...]:
    """``values`` if they are a probability vector: each from 0 to 1, adding
    up to 1 within ``PROBABILITY_TOLERANCE`` (the cross-entropy's targets).

    >>> probability_vector((0.25, 0.75), "targets", ("t1", "t2"), "cross_entropy")
    (0.25, 0.75)
    >>> probability_vector((0.01, 0.9), "targets", ("t1", "t2"), "cross_entropy")
    Traceback (most recent call last):
    ...
    ValueError: targets: t1 + t2 = 0.91 is not allowed; cross_entropy needs targets that add ...
    """
    values = tuple(values)
    for name, value in zip(names, values):
        if not 0.0 <= value <= 1.0:
            raise not_allowed(
                f"{field}[{name}]", show(value), f"a number from 0 to 1 ({needed_by})"
            )
    total = math.fsum(values)
    if not abs(total - 1.0) <= PROBABILITY_TOLERANCE:
        rest = round(1.0 - math.fsum(values[:-1]), 12)
        example = " and ".join([*(show(v) for v in values[:-1]), show(rest)])
        raise ValueError(
            f"{field}: {' + '.join(names)} = {show(round(total, 12))} is not allowed; {needed_by} "
            f"needs targets that add up to 1 (within {PROBABILITY_TOLERANCE:g})"
            + (f", such as {example}" if 0.0 <= rest <= 1.0 and len(values) > 1 else "")
        )
    return values


# -- what a student types ------------------------------------------------------------------

_NUMBER = re.compile(r"^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?$")
_DECIMAL_COMMA = re.compile(r"[+-]?[0-9]*,[0-9]+(?:[eE][+-]?[0-9]+)?")
MAX_LENGTH = 40


def parse_number(text: object, field: str) -> float:
    """A finite decimal number from ``text`` (plain or scientific notation)."""
    if not isinstance(text, str):
        raise wrong_kind(field, "text", type(text).__name__)
    stripped = text.strip().replace("\u2212", "-")  # the minus sign MathJax copies
    if not stripped:
        raise ValueError(f"{field}: empty; type a number")
    if _DECIMAL_COMMA.fullmatch(stripped):
        raise TypeError(
            f'{field}: "{echo(stripped)}" is not a number; write the decimal point as a point '
            f"({echo(stripped.replace(',', '.'))}, not {echo(stripped)})"
        )
    if len(stripped) > MAX_LENGTH or not _NUMBER.match(stripped):
        shown = (
            echo(stripped) if len(stripped) <= MAX_LENGTH else echo(stripped[:MAX_LENGTH]) + "..."
        )
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
    return error_message(parse_number, text, field)


# -- checks added for lessons 06-08 (calculus, descent, logistic) ---------------------------


def vector_array(values: object, field: str, length: int | None = None) -> Any:
    """A 1-D float array of finite numbers (``length`` of them, if given);
    the first entry that is not finite is named.

    >>> vector_array([[1.0, 2.0]], "x")
    Traceback (most recent call last):
    ...
    ValueError: x: expected a 1-D array of shape (n,), got shape (1, 2)
    >>> vector_array([0.5], "w", 2)
    Traceback (most recent call last):
    ...
    ValueError: w: expected shape (2,), got (1,)
    """
    array = float_array(values, field, "an array of numbers")
    if array.ndim != 1:
        shape = f"({length or 'n'},)"
        raise wrong_kind(field, f"a 1-D array of shape {shape}", f"shape {array.shape}", ValueError)
    if length is not None and array.shape[0] != length:
        raise wrong_kind(field, f"shape ({length},)", array.shape, ValueError)
    return finite_array(array, field, where=True)


# (end of the checks for lessons 06-08)


# -- checks added for lessons 09-11 (vectorised, xor, capabilities) -------------------------


def parse_whole_number(text: object, field: str, low: int, high: int) -> int:
    """A whole number from ``low`` to ``high`` typed as text: digits only,
    never evaluated.

    >>> parse_whole_number(" 200 ", "epochs", 1, 1000)
    200
    >>> parse_whole_number("2e3", "epochs", 1, 1000)
    Traceback (most recent call last):
    ...
    TypeError: epochs: "2e3" is not a whole number; type digits only, such as 1000
    """
    if not isinstance(text, str):
        raise wrong_kind(field, "text", type(text).__name__)
    stripped = text.strip()
    if not stripped:
        raise ValueError(f"{field}: empty; type a whole number from {low} to {high}")
    if not stripped.isdigit() or len(stripped) > 12:
        raise TypeError(
            f'{field}: "{echo(stripped)}" is not a whole number; type digits only, such as 1000'
        )
    return whole_in_range(int(stripped), field, low, high)


def number_interval(low: object, high: object) -> tuple[float, float]:
    """``(low, high)``: two finite numbers, ``low`` below ``high`` (a range
    to draw or to draw data from).

    >>> number_interval(0, 1)
    (0.0, 1.0)
    >>> number_interval(1.0, 1.0)
    Traceback (most recent call last):
    ...
    ValueError: high: expected a number greater than low = 1.0, got 1.0
    """
    low, high = finite_number(low, "low"), finite_number(high, "high")
    if not low < high:
        raise wrong_kind("high", f"a number greater than low = {low}", high, ValueError)
    return low, high


# (end of the checks for lessons 09-11)


# -- checks added for the exercises ---------------------------------------------------------


def whole_number_or_text(value: object, field: str, low: int, high: int) -> int:
    """A whole number from ``low`` to ``high``, given as a number or as its
    text (from a command line or a text box): ASCII digits with an optional
    sign, at most :data:`MAX_LENGTH` characters (no ``4_2``, no other
    scripts' digits); the message shows what was given (see :func:`echo`).

    >>> whole_number_or_text(" 42", "seed", 0, 100)
    42
    >>> whole_number_or_text("-1", "seed", 0, 100)
    Traceback (most recent call last):
    ...
    ValueError: seed: expected a whole number from 0 to 100, got '-1'
    >>> whole_number_or_text("4_2", "seed", 0, 100)
    Traceback (most recent call last):
    ...
    ValueError: seed: expected a whole number from 0 to 100, got '4_2'
    """
    number = value
    if isinstance(value, str):
        digits = value.strip()
        ok = len(digits) <= MAX_LENGTH and _WHOLE.fullmatch(digits)
        number = int(digits) if ok else None
    if isinstance(number, bool) or not isinstance(number, int) or not low <= number <= high:
        raise wrong_kind(field, f"a whole number from {low} to {high}", repr(value), ValueError)
    return number


_WHOLE = re.compile(r"[+-]?[0-9]+")
_PARTS = re.compile(
    r"[+-]?(?P<whole>[0-9]*)(?:\.(?P<fraction>[0-9]*))?(?:[eE](?P<exponent>[+-]?[0-9]+))?"
)
_GROUPED = re.compile(r"[+-]?[1-9][0-9]{0,2}(?:,[0-9]{3})+")
EXPONENT_DIGITS = 6  # an exponent written with more digits is out of any range


def decimal_exponent(text: str) -> int:
    """The exponent written in a decimal number's text (0 if none), read
    without building the number; more than :data:`EXPONENT_DIGITS` digits
    count as ``±10**EXPONENT_DIGITS``, so ``1e999999999`` costs nothing.

    >>> decimal_exponent("1.5e-3"), decimal_exponent("2"), decimal_exponent("1e999999999")
    (-3, 0, 1000000)
    """
    parts = _PARTS.fullmatch(text.strip())
    if parts is None:
        raise wrong_kind("text", "a decimal number", repr(text), ValueError)
    written = parts["exponent"] or "0"
    if len(written.lstrip("+-").lstrip("0")) > EXPONENT_DIGITS:
        return -(10**EXPONENT_DIGITS) if written.startswith("-") else 10**EXPONENT_DIGITS
    return int(written)


def decimal_order(text: str) -> int | None:
    """The power of ten of the first nonzero digit of a decimal number's
    text (``None`` for zero), read from its digits without building the
    number (see :func:`decimal_exponent`).

    >>> decimal_order("0.0822"), decimal_order("123.4"), decimal_order("8.2e-2")
    (-2, 2, -2)
    >>> decimal_order("0e400") is None, decimal_order("1e-99999999")
    (True, -1000000)
    """
    parts = _PARTS.fullmatch(text.strip())
    if parts is None:
        raise wrong_kind("text", "a decimal number", repr(text), ValueError)
    whole, fraction = (parts["whole"] or "").lstrip("0"), parts["fraction"] or ""
    if whole:
        order = len(whole) - 1
    elif fraction.strip("0"):
        order = -(len(fraction) - len(fraction.lstrip("0")) + 1)
    else:
        return None
    return order + decimal_exponent(text)


def parse_sized_number(text: object, field: str, largest: int = 100) -> float:
    """A decimal number as :func:`parse_number` reads it, with its size
    bounded before it is built: the exponent written and the power of ten
    of its first digit stay within ``largest`` either way (so ``1e308``,
    ``4.9e-324`` and ``0e400`` get a message, never an overflow), and a
    comma that may group thousands (``1,234``) is not taken for a decimal
    comma. Messages quote the text with :func:`echo`.

    >>> parse_sized_number("8.2e-2", "answer")
    0.082
    >>> parse_sized_number("1e-400", "answer")
    Traceback (most recent call last):
    ...
    ValueError: answer: "1e-400" is out of range; type a number from 1e-100 to 1e100 in size, or 0
    >>> parse_sized_number("1,234", "answer")
    Traceback (most recent call last):
    ...
    TypeError: answer: "1,234" is not a number; write no thousands separator (1234) and the \
decimal point as a point (1.234)
    """
    if not isinstance(text, str):
        raise wrong_kind(field, "text", type(text).__name__)
    stripped = text.strip().replace("\u2212", "-")  # the minus sign MathJax copies
    if len(stripped) > MAX_LENGTH or not stripped.isascii():
        raise TypeError(
            f'{field}: "{echo(stripped)}" is not a number; type a decimal number such as 0.15 '
            "or 1.5e-2"
        )
    if _GROUPED.fullmatch(stripped):
        raise TypeError(
            f'{field}: "{stripped}" is not a number; write no thousands separator '
            f"({stripped.replace(',', '')}) and the decimal point as a point "
            f"({stripped.replace(',', '.', 1).replace(',', '')})"
        )
    if _PARTS.fullmatch(stripped):
        order = decimal_order(stripped)
        if abs(decimal_exponent(stripped)) > largest or (
            order is not None and abs(order) > largest
        ):
            raise ValueError(
                f'{field}: "{stripped}" is out of range; type a number from 1e-{largest} to '
                f"1e{largest} in size, or 0"
            )
    return parse_number(stripped, field)


def short_text(value: object, field: str, limit: int) -> str:
    """Text of at most ``limit`` characters (what a file keeps).

    >>> short_text(0.5, "answer_text", 3)
    Traceback (most recent call last):
    ...
    TypeError: answer_text: expected text, got float
    >>> short_text("0.55", "answer_text", 3)
    Traceback (most recent call last):
    ...
    ValueError: answer_text: longer than 3 characters
    """
    if not isinstance(value, str):
        raise wrong_kind(field, "text", type(value).__name__)
    if len(value) > limit:
        raise ValueError(f"{field}: longer than {limit} characters")
    return value


# (end of the checks for the exercises)


# -- checks added for the command line and config files -------------------------------------

# A quoted part of a message: what ``repr`` shows of a typed text.
_QUOTED = re.compile(r"""'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*\"""", re.DOTALL)
_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_NOT_A_BRACKET = re.compile(r"[^\[\]{}]+")
MESSAGE_LIMIT = 400  # characters of a one-line message in all


def quoted(value: object) -> str:
    """What was typed, in quotes, as a message shows it: its ``repr``,
    shortened and escaped by :func:`echo`.

    >>> print(quoted("pdf"), quoted("x\\u202e"), quoted(7))
    'pdf' 'x\\u202e' 7
    """
    return echo(repr(value))


def echo_path(path: str) -> str:
    """A path as a message shows it: escaped as :func:`echo` escapes, and
    if it is longer than ``ECHO_LIMIT`` characters, its end (where the
    file's name is) after ``...``.

    >>> echo_path("/home/ana/" + "course/" * 20 + "net.json")[-15:]
    'course/net.json'
    >>> len(echo_path("/x" * 100))
    60
    """
    if len(path) <= ECHO_LIMIT:
        return echo(path)
    return "..." + echo(path[len(path) - ECHO_LIMIT + 3 :])


def one_line(message: str, limit: int = MESSAGE_LIMIT) -> str:
    r"""``message`` for a terminal line: line breaks made spaces, each
    quoted part longer than :data:`ECHO_LIMIT` shortened as :func:`echo`
    shortens what was typed, control and bidirectional characters escaped,
    at most ``limit`` characters in all.

    >>> print(one_line("loss: unknown loss '" + "x" * 100 + "'\n(see the README)")[-50:])
    xxxxxxxxxxxxx... (102 characters) (see the README)
    """
    flat = " ".join(message.split())

    def shorten(quote: re.Match) -> str:
        text = quote.group(0)
        return echo(text) if len(text) > ECHO_LIMIT else text

    return echo(_QUOTED.sub(shorten, flat), limit)


def json_nesting(text: str, field: str, limit: int) -> str:
    """``text`` (JSON) if its arrays and objects nest at most ``limit``
    deep; brackets inside strings do not count. Checked before parsing, so
    a deep file is a message, never a ``RecursionError``.

    >>> json_nesting('{"layers": [2, 2], "note": "[[["}', "config", 2)
    '{"layers": [2, 2], "note": "[[["}'
    >>> json_nesting("[" * 5000 + "]" * 5000, "config", 20)
    Traceback (most recent call last):
    ...
    ValueError: config: arrays and objects nested more than 20 deep are not allowed
    """
    brackets = _NOT_A_BRACKET.sub("", _JSON_STRING.sub("", text))
    depth = 0
    for bracket in brackets:
        depth += 1 if bracket in "[{" else -1
        if depth > limit:
            raise ValueError(
                f"{field}: arrays and objects nested more than {limit} deep are not allowed"
            )
    return text


JSON_DIGITS = 100  # digits of a whole number in a JSON file (Python refuses 4,301 and more)


def json_whole_number(digits: str) -> int:
    """A whole number written in a JSON file (``json.loads``'s ``parse_int``),
    if it has at most ``JSON_DIGITS`` digits.

    >>> json_whole_number("-12"), json_whole_number("9" * 100) > 0
    (-12, True)
    >>> json_whole_number("9" * 5000)
    Traceback (most recent call last):
    ...
    ValueError: a whole number of 5000 digits is not allowed; expected at most 100 digits
    """
    count = len(digits.lstrip("-"))
    if count > JSON_DIGITS:
        expected = f"expected at most {JSON_DIGITS} digits"
        raise ValueError(f"a whole number of {count} digits is not allowed; {expected}")
    return int(digits)


def unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A JSON object as a dict, if no key appears twice in it (for
    ``json.loads(..., object_pairs_hook=unique_keys)``: a repeated key would
    silently lose one value).

    >>> unique_keys([("layers", [2, 2]), ("layers", [3, 3])])
    Traceback (most recent call last):
    ...
    ValueError: the key 'layers' appears twice; give each key once
    """
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise ValueError(f"the key {quoted(key)} appears twice; give each key once")
        result[key] = value
    return result


# (end of the checks for the command line and config files)


# -- arrays (numpy is imported inside: import mazur_nn stays light) ------------------------


def float_array(values: object, field: str, expected: str = "numbers") -> Any:
    """``values`` as a float array; text, or anything numpy cannot read as
    numbers, is a ``TypeError`` saying ``expected {expected}``.

    >>> float_array([[1, 2]], "X").shape
    (1, 2)
    >>> float_array("abc", "X")
    Traceback (most recent call last):
    ...
    TypeError: X: expected numbers, got text 'abc'
    """
    import numpy as np

    if isinstance(values, (str, bytes)):
        raise wrong_kind(field, expected, f"text {values!r}")
    try:
        return np.array(values, dtype=float)
    except (TypeError, ValueError):
        raise wrong_kind(field, expected, repr(values)) from None


def finite_array(array: Any, field: str, where: bool = False) -> Any:
    """``array`` if every entry is finite; ``where`` names the first bad entry.

    >>> import numpy as np
    >>> finite_array(np.array([1.0, np.inf]), "w", where=True)
    Traceback (most recent call last):
    ...
    ValueError: w: inf at [1] is not allowed; expected finite numbers
    >>> finite_array(np.array([np.nan]), "X")
    Traceback (most recent call last):
    ...
    ValueError: X: NaN or infinite values are not allowed
    """
    import numpy as np

    bad = np.argwhere(~np.isfinite(array))
    if len(bad):
        if not where:
            raise ValueError(f"{field}: NaN or infinite values are not allowed")
        at = ", ".join(str(int(i)) for i in bad[0])
        raise not_allowed(field, f"{array[tuple(bad[0])]} at [{at}]", "finite numbers")
    return array


def array_of_dimensions(values: object, field: str, ndim: int) -> Any:
    """A float array of ``ndim`` dimensions with only finite numbers.

    >>> array_of_dimensions([1, 2], "W", 2)
    Traceback (most recent call last):
    ...
    ValueError: W: expected 2 dimensions, got shape (2,)
    """
    array = float_array(values, field)
    if array.ndim != ndim:
        raise ValueError(f"{field}: expected {ndim} dimensions, got shape {array.shape}")
    return finite_array(array, field)


def read_only(array: Any) -> Any:
    """``array``, made read-only (results handed to a student stay as computed)."""
    array.setflags(write=False)
    return array
