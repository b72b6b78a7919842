"""The checker's verdict on one answer: a number or a formula, as the exercise asks.

Example
-------
>>> from mazur_nn.exercises.bank import exercise
>>> check(exercise("02-dE_total_dw5"), "0.0822").correct
True
>>> check(exercise("02-dE_total_dout_o1"), "t1 - out_o1").mistake
'sign'
"""

from __future__ import annotations

from mazur_nn.core.config import Config
from mazur_nn.exercises.checking.formulas import check_formula
from mazur_nn.exercises.checking.numbers import check_number
from mazur_nn.exercises.model import Exercise
from mazur_nn.exercises.slips.feedback import Feedback


def check(exercise: Exercise, text: str, config: Config | None = None) -> Feedback:
    """The checker's feedback on ``text`` typed for ``exercise``: a number or
    a formula, as the exercise asks (Mazur's example by default)."""
    if exercise.kind == "formula":
        return check_formula(exercise, text, config)
    return check_number(exercise, text, config)
