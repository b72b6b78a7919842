"""What a student types, read safely: nothing typed is ever evaluated.

- :mod:`~mazur_nn.exercises.typed.formula`: the restricted formula grammar
  (:func:`parse_formula`; names, numbers, ``+ - * / **``, ``exp``, ``log``,
  ``sigma``), which builds sympy objects itself;
- :mod:`~mazur_nn.exercises.typed.answers`: a number as typed, its digits
  and the tolerance they give (:func:`parse_answer`, :func:`matches`);
- :mod:`~mazur_nn.exercises.typed.points`: formulas compared at fresh
  random points, in floats and in high precision, every value bounded
  (:func:`sample_points`, :func:`value_at`, :func:`precise_value_at`).

>>> parse_formula("out_o1 - t1", ["out_o1", "t1"])
out_o1 - t1
>>> matches(parse_answer("0.0822"), 0.082167041)
True
"""

from mazur_nn.exercises.typed.answers import (
    Answer,
    format_half_unit,
    half_unit,
    matches,
    parse_answer,
    rounded_text,
    significant_digits_needed,
    tolerance_text,
)
from mazur_nn.exercises.typed.formula import FUNCTIONS, FormulaError, parse_formula
from mazur_nn.exercises.typed.points import (
    POINTS,
    PRECISE_POINTS,
    RELATIVE,
    all_close,
    close,
    precise_value_at,
    precisely_close,
    sample_points,
    value_at,
)

__all__ = [
    "FUNCTIONS",
    "POINTS",
    "PRECISE_POINTS",
    "RELATIVE",
    "Answer",
    "FormulaError",
    "all_close",
    "close",
    "format_half_unit",
    "half_unit",
    "matches",
    "parse_answer",
    "parse_formula",
    "precise_value_at",
    "precisely_close",
    "rounded_text",
    "sample_points",
    "significant_digits_needed",
    "tolerance_text",
    "value_at",
]
