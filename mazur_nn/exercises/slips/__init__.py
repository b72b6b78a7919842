"""The named slips: each known wrong answer is computed by making exactly that
slip on the chain-rule structure and the current numbers.

- :mod:`~mazur_nn.exercises.slips.feedback`: :class:`Feedback` (what the
  checker says) and :class:`Variant` (one known wrong answer and its message);
- :mod:`~mazur_nn.exercises.slips.paths`: a slip made in every path of a sum;
- :mod:`~mazur_nn.exercises.slips.outputs`: slips of a definition and of a
  step in outputs and targets alone;
- :mod:`~mazur_nn.exercises.slips.formulas`: :func:`formula_variants`, every
  wrong formula of a step;
- :mod:`~mazur_nn.exercises.slips.after`: wrong values of the error after
  the update;
- :mod:`~mazur_nn.exercises.slips.numbers`: :func:`number_variants`, every
  wrong number of a step, and :func:`other_quantities`.

>>> [v.mistake for v in number_variants("dE_total/dw5")][:3]
['missing_factor', 'missing_factor', 'missing_factor']
"""

from mazur_nn.exercises.slips.feedback import UNNAMED, Feedback, Variant, nice_ratio
from mazur_nn.exercises.slips.formulas import formula_variants
from mazur_nn.exercises.slips.numbers import number_variants, other_quantities

__all__ = [
    "UNNAMED",
    "Feedback",
    "Variant",
    "formula_variants",
    "nice_ratio",
    "number_variants",
    "other_quantities",
]
