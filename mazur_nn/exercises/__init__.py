"""Exercises with instant feedback (lessons 01 to 04 and a final quiz).

- :mod:`~mazur_nn.exercises.formula`: reads a formula a student types, with
  a restricted grammar (never ``eval`` or ``sympify``);
- :mod:`~mazur_nn.exercises.answers`: reads a number and its tolerance;
- :mod:`~mazur_nn.exercises.checker`: right or wrong, and which mistake (its
  parts: :mod:`~mazur_nn.exercises.feedback`, :mod:`~mazur_nn.exercises.points`,
  :mod:`~mazur_nn.exercises.wrong_numbers`, :mod:`~mazur_nn.exercises.wrong_formulas`,
  :mod:`~mazur_nn.exercises.wrong_paths`,
  :mod:`~mazur_nn.exercises.number_check`, :mod:`~mazur_nn.exercises.formula_check`,
  :mod:`~mazur_nn.exercises.factor_comparison`);
- :mod:`~mazur_nn.exercises.bank`: the exercises of each lesson and their hints;
- :mod:`~mazur_nn.exercises.quiz`: a quiz on fresh numbers from a seed, and its key;
- :mod:`~mazur_nn.exercises.progress`: answers kept across kernel restarts;
- :mod:`~mazur_nn.exercises.scripted`: the feedback on answers tried on paper
  (what the notebooks print, so nbval compares it);
- :mod:`~mazur_nn.exercises.widget`: the exercise, lesson panel and quiz widgets.
"""
