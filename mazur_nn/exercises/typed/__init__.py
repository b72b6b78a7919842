"""What a student types, read safely: nothing typed is ever evaluated.

- :mod:`~mazur_nn.exercises.typed.formula`: the restricted formula grammar
  (:func:`parse_formula`; names, numbers, ``+ - * / **``, ``exp``, ``log``,
  ``sigma``), which builds sympy objects itself;
- :mod:`~mazur_nn.exercises.typed.answers`: a number as typed, its digits
  and the tolerance they give (:func:`parse_answer`, :func:`matches`);
- :mod:`~mazur_nn.exercises.typed.points`: formulas compared at random
  points in floats (:func:`sample_points`, :func:`value_at`).

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
    RELATIVE,
    SEED,
    all_close,
    close,
    sample_points,
    value_at,
)

__all__ = [
    "FUNCTIONS",
    "POINTS",
    "RELATIVE",
    "SEED",
    "Answer",
    "FormulaError",
    "all_close",
    "close",
    "format_half_unit",
    "half_unit",
    "matches",
    "parse_answer",
    "parse_formula",
    "rounded_text",
    "sample_points",
    "significant_digits_needed",
    "tolerance_text",
    "value_at",
]
