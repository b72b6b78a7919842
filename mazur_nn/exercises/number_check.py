"""Checking a number: right to its digits, a known slip, rounding, or how far off.

A number is right when it is the step's value to the digits the student
gave (:mod:`~mazur_nn.exercises.answers`), and has at least the digits the
exercise asks for. A wrong number is compared with the step's known wrong
values (:mod:`~mazur_nn.exercises.wrong_numbers`); one that matches none
is called a rounding slip when it is within :data:`CLOSE`, else it is
said how far off it is.

Example
-------
>>> from mazur_nn.exercises.bank import exercise
>>> ex = exercise("02-dE_total_dw5")
>>> check_number(ex, "-0.0822").mistake
'sign'
>>> check_number(ex, "0.09")
✗ Not yet: 10% too large. Check each factor, or ask for a hint.
"""

from __future__ import annotations

from .answers import format_half_unit, matches, parse_answer, tolerance_text
from .bank import Exercise, _config, _lesson
from .feedback import Feedback, nice_ratio
from .wrong_numbers import number_variants

CLOSE = 0.005  # a number this close (relative) but outside its tolerance: rounding


def check_number(exercise: Exercise, text: str, config=None) -> Feedback:
    """Feedback on a number typed for ``exercise`` (Mazur's example by default)."""
    from ..symbolic import format_number

    config = _config(config)
    try:
        answer = parse_answer(text)
    except (TypeError, ValueError) as exc:
        return Feedback(False, str(exc), "malformed")
    lesson = _lesson(config)
    exact = lesson.step(exercise.step).value
    name = exercise.step
    if matches(answer, exact):
        if exercise.digits and answer.significant < exercise.digits:
            return Feedback(
                False,
                f"Right as far as it goes, but too few digits: give at least "
                f"{exercise.digits} significant digits (you gave {answer.significant}); "
                "with fewer, a common slip would pass for the right answer.",
                "too_few_digits",
                {"needed": exercise.digits, "given": answer.significant},
            )
        return Feedback(True, f"Right: {name} = {format_number(exact)} ({tolerance_text(answer)}).")
    hits = [v for v in number_variants(name, config, lesson) if matches(answer, v.value)]
    if hits:
        v = min(hits, key=lambda v: abs(v.value - answer.value))
        return Feedback(False, f"Not yet: {v.message}.", v.mistake, dict(v.details))
    return _off(answer, exact)


def _off(answer, exact: float) -> Feedback:
    if exact == 0:
        return Feedback(False, f"Not yet: off by {abs(answer.value):.3g}.", "off")
    relative = (answer.value - exact) / abs(exact)
    direction = "too large" if answer.value > exact else "too small"
    details = {"relative": relative}
    if abs(relative) < CLOSE:
        return Feedback(
            False,
            f"Close, but off by {abs(answer.value - exact):.2g} ({abs(relative) * 100:.2g}%): "
            "outside ± "
            f"{format_half_unit(answer.decimals_shown)}, half a unit of your last digit. "
            "Keep every digit until the end and round only the result (round the last "
            "digit, do not just cut the rest off).",
            "rounding",
            details,
        )
    ratio = answer.value / exact
    nice = nice_ratio(ratio)
    factor = f" It is {nice} times the right value." if "/" in nice or nice.isdigit() else ""
    return Feedback(
        False,
        f"Not yet: {abs(relative):.0%} {direction}.{factor} Check each factor, or ask for a hint.",
        "off",
        details,
    )
