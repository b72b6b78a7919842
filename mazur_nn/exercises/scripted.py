"""Answers tried on paper: what the checker says to a list of attempts.

The teacher notebook (``notebooks/teacher/checker.ipynb``; student
notebooks show no verdict) prints these in ordinary cells, so nbval
compares the prompts and the checker's feedback (the widgets show the same feedback, but nbval
never compares widget views). :func:`typical_answers` builds the attempts
from the exercise itself: the right answer, one answer per known mistake
(each computed by the checker's own variants, so it follows any config),
too few digits or a cut-off last digit, malformed text and hostile text.

Example
-------
>>> from mazur_nn.exercises.bank import exercise
>>> ex = exercise("02-dE_total_dw5")
>>> print(try_answers(ex, ["0.4398"]).attempts[0].feedback)  # doctest: +ELLIPSIS
✗ Not yet: missing the factor dout_o1/dnet_o1 = out_o1*(1 - out_o1), the sigmoid's...
>>> tried = try_answers(ex, ["0.08217", "abc"])
>>> [(a.text, a.feedback.correct, a.feedback.mistake) for a in tried.attempts]
[('0.08217', True, None), ('abc', False, 'malformed')]
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import sympy

from mazur_nn.core.config import Config
from mazur_nn.core.validate import wrong_kind
from mazur_nn.exercises.bank import expected_value
from mazur_nn.exercises.checking.numbers import check_number
from mazur_nn.exercises.checking.verdict import check
from mazur_nn.exercises.expressions import expected_expression, formula_text
from mazur_nn.exercises.model import Exercise, config_or_default
from mazur_nn.exercises.slips.feedback import Feedback
from mazur_nn.exercises.slips.formulas import formula_variants
from mazur_nn.exercises.slips.numbers import number_variants
from mazur_nn.exercises.typed.answers import rounded_text

HOSTILE = "__import__('os').system('ls')"


def _scientific(value: float, digits: int) -> str:
    """``value`` in e-notation with ``digits`` significant digits, as a
    student writes it: ``8.21670e-2``.

    >>> _scientific(0.082167041, 5), _scientific(-1234.5, 2)
    ('8.2167e-2', '-1.2e3')
    """
    mantissa, exponent = f"{value:.{digits - 1}e}".split("e")
    return f"{mantissa}e{int(exponent)}"


def _cut(value: float, digits: int) -> str:
    """``value`` with its digits after the ``digits``-th significant one cut
    off, not rounded (the slip the checker calls rounding); 0 stays 0."""
    if value == 0:
        return "0"
    exponent = math.floor(math.log10(abs(value)))
    decimals = max(digits - 1 - exponent, 0)
    scale = 10**decimals
    return f"{math.trunc(value * scale) / scale:.{decimals}f}"


def typical_answers(exercise: Exercise, config=None) -> list[str]:
    """Attempts that show every kind of feedback ``exercise`` can give.

    >>> from mazur_nn.exercises.bank import exercise
    >>> typical_answers(exercise("01-out_h1"))[:3]
    ['0.59327', '5.932700e-1', '0.37750']
    """
    config = config_or_default(config)
    if exercise.kind == "formula":
        return _typical_formulas(exercise, config)
    value = expected_value(exercise, config)
    shown = exercise.digits + 1
    answers = [rounded_text(value, shown), _scientific(value, shown + 2)]
    for variant in number_variants(exercise.step, config):
        answers.append(rounded_text(variant.value, shown))
    answers.append(rounded_text(value, exercise.digits - 1))
    cut = _cut(value, shown)
    if check_number(exercise, cut, config).mistake == "rounding":
        answers.append(cut)
    comma = answers[0].replace(".", ",") if "." in answers[0] else f"{answers[0]},5"
    answers += [comma, f"about {rounded_text(value, 1)}", HOSTILE]
    return list(dict.fromkeys(answers))


def _typical_formulas(exercise: Exercise, config: Config) -> list[str]:
    expected = expected_expression(exercise.step, config)
    right = formula_text(expected)
    answers = [right, formula_text(sympy.expand(expected))]
    answers += [formula_text(v.expr) for v in formula_variants(exercise.step, config)]
    answers += [f"({right}", f"{right} + x", "out_o1.__class__", HOSTILE]
    return list(dict.fromkeys(answers))


@dataclass(frozen=True)
class Attempt:
    """One answer typed and what the checker said."""

    text: str
    feedback: Feedback


@dataclass(frozen=True)
class Attempts:
    """An exercise's prompt and the feedback on each attempt; prints as
    text (what nbval compares) and shows as Markdown in JupyterLab."""

    exercise: Exercise
    attempts: tuple[Attempt, ...]

    def to_text(self) -> str:
        lines = [str(self.exercise), ""]
        for n, a in enumerate(self.attempts, start=1):
            label = f" [{a.feedback.mistake}]" if a.feedback.mistake else ""
            lines += [f"{n}. typed: {a.text}{label}", f"   {a.feedback}"]
        return "\n".join(lines)

    def to_markdown(self) -> str:
        def cell(text: str) -> str:
            return text.replace("|", "\\|").replace("\n", " ")

        lines = [self.exercise._repr_markdown_(), "", "| typed | mistake | feedback |"]
        lines.append("|---|---|---|")
        for a in self.attempts:
            mistake = a.feedback.mistake or ""
            lines.append(f"| `{cell(a.text)}` | {mistake} | {cell(str(a.feedback))} |")
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.to_text()

    __repr__ = __str__

    def _repr_markdown_(self) -> str:
        return self.to_markdown()


def try_answers(exercise: Exercise, answers=None, config=None) -> Attempts:
    """The checker's feedback on each of ``answers`` (the
    :func:`typical_answers` if none are given)."""
    config = config_or_default(config)
    if answers is None:
        answers = typical_answers(exercise, config)
    if isinstance(answers, str):
        raise wrong_kind("answers", "a list of texts", "one text")
    return Attempts(exercise, tuple(Attempt(t, check(exercise, t, config)) for t in answers))


@dataclass(frozen=True)
class Sheet:
    """The exercises of a lesson, numbered: their prompts as text and Markdown."""

    title: str
    exercises: tuple[Exercise, ...]

    def to_text(self) -> str:
        lines = [self.title, ""]
        lines += [f"{n}. [{e.id}] {e.prompt}" for n, e in enumerate(self.exercises, start=1)]
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.to_text()

    __repr__ = __str__

    def _repr_markdown_(self) -> str:
        lines = [f"**{self.title}**", ""]
        lines += [f"{n}. {e.prompt_latex}" for n, e in enumerate(self.exercises, start=1)]
        return "\n".join(lines)


def sheet(exercises, title: str = "Exercises") -> Sheet:
    """``exercises`` as a numbered sheet of prompts."""
    return Sheet(title, tuple(exercises))
