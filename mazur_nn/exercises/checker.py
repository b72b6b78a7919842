"""Right or wrong, and which mistake: feedback that teaches.

A number is right when it is the step's value to the digits the student
gave (:mod:`~mazur_nn.exercises.answers`). A formula is right when it
equals the step's sympy expression: at several random points (a fixed
seed), confirmed symbolically when the expression is small enough.

A wrong answer is compared with the *known wrong variants* of the step,
each computed the same way as the right answer but with one slip: a
chain-rule factor left out, the sign flipped, one path of a hidden neuron
missing, the weights leaving another hidden neuron, the sigmoid's
derivative written out(1 + out), the updated output weights used for a
hidden gradient, the learning rate not applied. A match names the mistake.
A wrong formula that matches none is divided by the right one: a constant
ratio, or a ratio that is one of the chain-rule factors, is named too.

This module gathers the checker's parts, one concept each:

- :mod:`~mazur_nn.exercises.feedback`: :class:`Feedback`, :class:`Variant`;
- :mod:`~mazur_nn.exercises.points`: formulas compared at random points
  (:func:`sample_points`, :func:`value_at`);
- :mod:`~mazur_nn.exercises.wrong_formulas`: :func:`formula_variants`;
- :mod:`~mazur_nn.exercises.wrong_numbers`: :func:`number_variants`;
- :mod:`~mazur_nn.exercises.number_check`: :func:`check_number`;
- :mod:`~mazur_nn.exercises.formula_check`: :func:`check_formula`;
- :mod:`~mazur_nn.exercises.factor_comparison`: what differs in a formula
  that is none of the known slips.

Example
-------
>>> from mazur_nn.exercises.bank import exercise
>>> ex = exercise("02-dE_total_dw5")
>>> check_number(ex, "0.0822")
✓ Right: dE_total/dw5 = 0.082167041 (your answer counts as right within ± 0.00005, ...).
>>> check_number(ex, "0.4398").mistake
'missing_factor'
>>> check_formula(exercise("02-dE_total_dout_o1"), "t1 - out_o1").mistake
'sign'
"""

from __future__ import annotations

from mazur_nn.exercises.feedback import Feedback, Variant
from mazur_nn.exercises.formula_check import SYMBOLIC_LIMIT, check_formula
from mazur_nn.exercises.number_check import CLOSE, check_number
from mazur_nn.exercises.points import POINTS, RELATIVE, SEED, sample_points, value_at
from mazur_nn.exercises.wrong_formulas import formula_variants
from mazur_nn.exercises.wrong_numbers import number_variants

__all__ = [
    "CLOSE",
    "POINTS",
    "RELATIVE",
    "SEED",
    "SYMBOLIC_LIMIT",
    "Feedback",
    "Variant",
    "check_formula",
    "check_number",
    "formula_variants",
    "number_variants",
    "sample_points",
    "value_at",
]
