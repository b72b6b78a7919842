"""Exercises with instant feedback (lessons 01 to 04 and a final quiz).

The package is built in one-way floors; each module imports only from the
floors below it (and from the core, sympy's model and the lesson steps):

1. :mod:`~mazur_nn.exercises.variant`: Mazur's network on numbers drawn
   from a seed (the quiz's, and the lesson exercises' on a student's own
   numbers), and the progress keys that name the seed;
   :mod:`~mazur_nn.exercises.typed`: what a student types, read safely: the
   restricted formula grammar (never ``eval`` or ``sympify``), numbers as
   typed with their tolerance, formulas compared at random points;
2. :mod:`~mazur_nn.exercises.model`: the :class:`Exercise` record and the
   rule for writing a number; :mod:`~mazur_nn.exercises.chain`: the chain
   rule's structure of a network, read from the engine's statements
   (factors of a product, paths of a sum, which neuron, which layer);
   :mod:`~mazur_nn.exercises.expressions`: the right formulas, in the names
   a student can type;
3. :mod:`~mazur_nn.exercises.slips`: the named slips, each computed by making
   exactly that slip (wrong formulas, wrong numbers, the feedback record);
4. :mod:`~mazur_nn.exercises.checking`: right or wrong, and which mistake;
   :mod:`~mazur_nn.exercises.bank`: the exercises of each lesson (a number
   asks for enough digits that no slip passes for it);
5. :mod:`~mazur_nn.exercises.hints`: the hint ladder;
   :mod:`~mazur_nn.exercises.quiz`: a quiz on fresh numbers from a seed, and
   its key (:mod:`~mazur_nn.exercises.sheets` writes papers and keys);
   :mod:`~mazur_nn.exercises.progress`: answers kept across kernel
   restarts; :mod:`~mazur_nn.exercises.scripted`: the feedback on answers
   tried on paper (what the notebooks print, so nbval compares it);
   :mod:`~mazur_nn.exercises.classroom`: a roster, a class secret and each
   student's seed; :mod:`~mazur_nn.exercises.grading`: the gradebook, every
   collected answer checked again;
6. :mod:`~mazur_nn.exercises.widget`: the exercise, lesson panel and quiz
   widgets (import them from there: only they load ipywidgets).

Everything but the widgets is importable from here.

Example
-------
>>> ex = exercises_for("02")[2]
>>> check(ex, "0.4398").mistake
'missing_factor'
>>> print(hints(ex, level=1))  # doctest: +NORMALIZE_WHITESPACE
dE_total/dw5 is a product of three chain-rule factors:
dE_total/dout_o1 * dout_o1/dnet_o1 * dnet_o1/dw5
"""

from mazur_nn.exercises.bank import (
    LESSONS,
    all_exercises,
    exercise,
    exercises_for,
    expected_value,
    formula_exercise,
    number_exercise,
)
from mazur_nn.exercises.chain import Chain, chain_of
from mazur_nn.exercises.checking import check, check_formula, check_number
from mazur_nn.exercises.expressions import expected_expression, formula_names, formula_text
from mazur_nn.exercises.hints import HINT_LEVELS, hints, ingredients
from mazur_nn.exercises.model import Exercise, number_rule
from mazur_nn.exercises.progress import ProgressStore
from mazur_nn.exercises.quiz import (
    QUESTIONS,
    answer_key,
    numbers_table,
    quiz_config,
    quiz_exercises,
    render_key,
)
from mazur_nn.exercises.scripted import HOSTILE, sheet, try_answers, typical_answers
from mazur_nn.exercises.slips import (
    Feedback,
    Variant,
    formula_variants,
    number_variants,
    other_quantities,
)
from mazur_nn.exercises.typed import FormulaError, parse_answer, parse_formula
from mazur_nn.exercises.variant import practice_seed, progress_key, variant_config

__all__ = [
    "HINT_LEVELS",
    "HOSTILE",
    "LESSONS",
    "QUESTIONS",
    "Chain",
    "Exercise",
    "Feedback",
    "FormulaError",
    "ProgressStore",
    "Variant",
    "all_exercises",
    "answer_key",
    "chain_of",
    "check",
    "check_formula",
    "check_number",
    "exercise",
    "exercises_for",
    "expected_expression",
    "expected_value",
    "formula_exercise",
    "formula_names",
    "formula_text",
    "formula_variants",
    "hints",
    "ingredients",
    "number_exercise",
    "number_rule",
    "number_variants",
    "numbers_table",
    "other_quantities",
    "parse_answer",
    "parse_formula",
    "practice_seed",
    "progress_key",
    "quiz_config",
    "quiz_exercises",
    "render_key",
    "sheet",
    "try_answers",
    "typical_answers",
    "variant_config",
]
