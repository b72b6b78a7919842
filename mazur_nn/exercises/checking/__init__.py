"""Right or wrong, and which mistake: feedback that teaches.

A number is right when it is the step's value to the digits the student
gave (:mod:`~mazur_nn.exercises.typed.answers`). A formula is right when it
equals the step's sympy expression: decided symbolically by exact
arithmetic modulo a fresh random prime, else at fresh random points in
high precision, never by floats alone.

A wrong answer is compared with the *known wrong variants* of the step
(:mod:`~mazur_nn.exercises.slips`), each computed the same way as the right
answer but with one slip: a chain-rule factor left out, the sign flipped,
one path of a hidden neuron missing, the weights leaving another hidden
neuron, the sigmoid's derivative written out*(1 + out), the updated output
weights used for a hidden gradient, the learning rate not applied. A match
names the mistake. A wrong formula that matches none is divided by the
right one: a constant ratio, or a ratio that is one of the chain-rule
factors, is named too.

- :mod:`~mazur_nn.exercises.checking.numbers`: :func:`check_number`;
- :mod:`~mazur_nn.exercises.checking.formulas`: :func:`check_formula`;
- :mod:`~mazur_nn.exercises.checking.equality`: whether two formulas are
  equal, decided in bounded time;
- :mod:`~mazur_nn.exercises.checking.factors`: what differs in a formula
  that is none of the known slips;
- :mod:`~mazur_nn.exercises.checking.verdict`: :func:`check`, either one as
  the exercise asks.

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

from mazur_nn.exercises.checking.equality import equal
from mazur_nn.exercises.checking.formulas import check_formula
from mazur_nn.exercises.checking.numbers import CLOSE, check_number
from mazur_nn.exercises.checking.verdict import check

__all__ = ["CLOSE", "check", "check_formula", "check_number", "equal"]
