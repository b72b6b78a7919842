"""Checking a number: right to its digits, a known slip, rounding, or how far off.

A number is right when it is the step's value to the digits the student
gave (:mod:`~mazur_nn.exercises.typed.answers`), and has at least the digits the
exercise asks for. A wrong number is compared with the step's known wrong
values (:mod:`~mazur_nn.exercises.slips.numbers`); one that matches none
that is another quantity of the lesson is named; one within a few units of
its last digit (:data:`ROUNDING_UNITS`) is a rounding slip; one within
:data:`CLOSE` of the value (of the change, for an update) is close; else it
is said how far off it is.

Example
-------
>>> from mazur_nn.exercises.bank import exercise
>>> ex = exercise("02-dE_total_dw5")
>>> check_number(ex, "-0.0822").mistake
'sign'
>>> check_number(ex, "0.09")
✗ Not yet: 10% too large. Check each factor.
"""

from __future__ import annotations

import math

from mazur_nn.core.config import Config
from mazur_nn.core.numbers import format_number
from mazur_nn.course.steps import Lesson, build_lesson
from mazur_nn.exercises.model import Exercise, config_or_default
from mazur_nn.exercises.slips.feedback import Feedback, nice_ratio
from mazur_nn.exercises.slips.numbers import number_variants, other_quantities
from mazur_nn.exercises.typed.answers import (
    format_half_unit,
    half_unit,
    matches,
    parse_answer,
    tolerance_text,
)

CLOSE = 0.005  # closer than this (relative to the value or the update): "close"
ROUNDING_UNITS = 3  # within this many units of the last digit typed: "rounding"


def check_number(exercise: Exercise, text: str, config: Config | None = None) -> Feedback:
    """Feedback on a number typed for ``exercise`` (Mazur's example by default)."""
    config = config_or_default(config)
    try:
        answer = parse_answer(text)
    except (TypeError, ValueError) as exc:
        return Feedback(False, str(exc), "malformed")
    lesson = build_lesson(config)
    exact = lesson.step(exercise.step).value
    name = exercise.step
    if matches(answer, exact):
        exactly = abs(answer.value - exact) <= 1e-12 * max(1.0, abs(exact))  # 0.453 is 0.453
        if exercise.digits and not exactly and answer.significant < exercise.digits:
            given = "none" if answer.significant == 0 else str(answer.significant)
            return Feedback(
                False,
                f"Right as far as it goes, but too few digits: give at least "
                f"{exercise.digits} significant digits (you gave {given}); "
                "with fewer, a common slip would pass for the right answer.",
                "too_few_digits",
                {"needed": exercise.digits, "given": answer.significant},
            )
        return Feedback(True, f"Right: {name} = {format_number(exact)} ({tolerance_text(answer)}).")
    cut = _cut_or_misrounded(answer, exact, exercise.digits)
    if cut is not None:  # the likeliest reading: the right value, not rounded right
        return cut
    hits = [v for v in number_variants(name, config, lesson) if matches(answer, v.value)]
    if hits:
        return _named(sorted(hits, key=lambda v: abs(v.value - answer.value)))
    others = other_quantities(name, config, lesson)
    precise = answer.significant >= exercise.digits  # "0.3" is no particular quantity
    same = [n for n, v in others.items() if precise and matches(answer, v)]
    if same:
        other = min(same, key=lambda n: abs(others[n] - answer.value))
        return Feedback(
            False,
            f"Not yet: that is the value of {other} ({format_number(others[other])}), "
            f"not of {name}.",
            "other_quantity",
            {"quantity": other},
        )
    return _off(answer, exact, _scale(name, exact, lesson))


def _cut_or_misrounded(answer, exact: float, digits: int) -> Feedback | None:
    """Feedback for an answer less than one unit of its last digit from
    ``exact`` (the right value cut off, or its last digit rounded the wrong
    way), with at least two significant digits; None otherwise. This is the
    likeliest reading of such an answer, so it comes before any slip whose
    value the same digits happen to fit; it says neither the value nor
    which way to change the last digit."""
    unit = 2 * half_unit(answer.decimals_shown)
    if answer.significant < min(2, digits) or abs(answer.value - exact) >= unit:
        return None
    if exact and (answer.value > 0) != (exact > 0) and answer.value != 0:
        return None
    fewer = (
        f" give at least {digits} significant digits (you gave {answer.significant}), and"
        if answer.significant < digits
        else ""
    )
    return Feedback(
        False,
        f"Close: your digits are right up to the last one, which is not rounded. Keep every "
        f"digit until the end, then{fewer} round the last digit you give (look at the digit "
        "after it: 5 or more rounds up); do not just cut the rest off. The answer counts as "
        f"right within ± {format_half_unit(answer.decimals_shown)}, half a unit of your last "
        "digit.",
        "rounding",
        {"cut": True},
    )


def _named(hits) -> Feedback:
    """The nearest slip; when others match the typed digits too, all of them."""
    first = hits[0]
    messages = list(dict.fromkeys(v.message for v in hits))
    if len(messages) == 1:
        return Feedback(False, f"Not yet: {first.message}.", first.mistake, dict(first.details))
    listed = "; or ".join(messages)
    details = {**first.details, "also": tuple(v.mistake for v in hits[1:])}
    return Feedback(
        False,
        f"Not yet: at these digits this fits more than one slip: {listed}.",
        first.mistake,
        details,
    )


def _scale(name: str, exact: float, lesson: Lesson) -> float:
    """What a slip is measured against: the value itself, or for an update
    the change it makes (a slip in ``w1+`` hides in the digits after ``w1``)."""
    values = lesson.values
    if name == "E_total+":
        return abs(values["E_total"] - exact) or abs(exact)
    if name.endswith("+") and name[:-1] in values:
        return abs(values[name[:-1]] - exact) or abs(exact)
    return abs(exact)


def _off(answer, exact: float, scale: float | None = None) -> Feedback:
    """How far off a number is that matches no known slip: within a few
    units of its last digit is rounding; close to the value (against
    ``scale``, the change for an update) is a value rounded along the way
    or a small slip; else how far, in words a student can act on."""
    difference = abs(answer.value - exact)
    if exact == 0:
        return Feedback(False, f"Not yet: off by {difference:.3g}.", "off")
    relative = (answer.value - exact) / abs(exact)
    details = {"relative": relative}
    unit = 2 * half_unit(answer.decimals_shown)
    # How far, but never so exactly that the value could be worked back from it.
    off_by = f"{_too(relative)} by less than {_percent_bound(relative)}"
    if difference <= ROUNDING_UNITS * unit and difference < CLOSE * abs(exact):
        return Feedback(
            False,
            f"Close, but {off_by}: outside ± {format_half_unit(answer.decimals_shown)}, half a "
            "unit of your last digit. Keep every digit until the end and round only the "
            "result (round the last digit, do not just cut the rest off).",
            "rounding",
            details,
        )
    if difference < CLOSE * (scale or abs(exact)):
        return Feedback(
            False,
            f"Close, but {off_by}: more than rounding your last digit explains. If you "
            "rounded values along the way, keep more digits of them; otherwise check each "
            "factor.",
            "close",
            details,
        )
    return Feedback(False, f"Not yet: {_how_far(answer.value, exact)} {HINT}", "off", details)


HINT = "Check each factor."


def _too(relative: float) -> str:
    return "too large" if relative > 0 else "too small"


def _percent_bound(relative: float) -> str:
    """The power of ten just above ``|relative|``, in percent: ``"0.01%"``
    for 7.7e-05. Coarse on purpose: a student learns how close they are, not
    digits of the answer.

    >>> _percent_bound(7.7e-05), _percent_bound(-0.004), _percent_bound(0.01)
    ('0.01%', '1%', '1%')
    """
    exponent = math.ceil(math.log10(max(abs(relative), 1e-12) * 100))
    return f"{10.0**exponent:.{max(0, -exponent)}f}%"


def _how_far(value: float, exact: float) -> str:
    """``"10% too large."``, ``"about 30 times too small."``, ``"the sign is
    wrong, and it is 2 times too large."``: how ``value`` differs from ``exact``."""
    if value == 0:
        return "it is not 0."
    sign = "" if (value > 0) == (exact > 0) else "the sign is wrong"
    ratio = abs(value / exact)
    if 2 / 3 < ratio < 1.5:
        size = f"{abs(ratio - 1):.0%} too {'large' if ratio > 1 else 'small'}"
        if sign:
            return f"{sign}, and the size is {size}." if abs(ratio - 1) >= 0.005 else f"{sign}."
        if abs(ratio - 1) < 0.01:
            return f"less than {_percent_bound(ratio - 1)} {_too(ratio - 1)}."
        return f"{size}."
    factor = ratio if ratio > 1 else 1 / ratio
    nice = nice_ratio(factor)
    simple = nice.isdigit() or ("/" in nice and int(nice.split("/")[0]) <= 12)
    times = nice if simple else f"about {factor:.2g}"
    size = f"{times} times too {'large' if ratio > 1 else 'small'}"
    return f"{sign}, and it is {size}." if sign else f"{size}."
