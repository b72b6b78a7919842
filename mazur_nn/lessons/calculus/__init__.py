"""Derivatives, step by step (lesson 06): the limit of a secant, the chain
rule, partial derivatives, and finite differences as a check.

The derivative of ``y = f(x)`` at ``x`` is the limit of the secant's slope
``(f(x + h) - f(x)) / h`` as the step ``h`` shrinks. Here sympy gives the
exact derivative, floats give the secants, and the two are set side by side:

>>> f = function("x**2")
>>> f.derivative
2*x
>>> [round(secant_slope(f, 1.0, h), 9) for h in (1, 0.1, 0.01)]
[3.0, 2.1, 2.01]
>>> round(secant_slope(f, 1.0, 0.1, scheme="central"), 12)  # exact for a parabola
2.0

A function is a name from a small menu (:data:`FUNCTION_NAMES`, each a sympy
expression built here) or a sympy expression passed in. Text is never parsed
as code: a name that is not on the menu is an error naming the field.

>>> function("x**4")
Traceback (most recent call last):
...
ValueError: f: 'x**4' is not on the menu; allowed are x**2, x**3, sin(x), cos(x), exp(x), \
sigmoid(x); for any other function pass a sympy expression

The chain rule on ``y = f(g(x))`` and sympy's own derivative agree:

>>> rule = chain_rule("sin(x)", X**2)
>>> rule.by_rule, rule.direct, rule.holds()
(2*x*cos(x**2), 2*x*cos(x**2), True)

and so do sympy's partial derivatives of ``f(x, y) = x**2 + cos(y)`` and
central finite differences:

>>> p = partials()
>>> p.derivatives
{'x': 2*x, 'y': -sin(y)}
>>> p.check({"x": 1, "y": 1}).max_difference < 1e-9
True

One concept per module:

- :mod:`.functions`: ``y = f(x)`` from the menu or a sympy expression, and its derivative;
- :mod:`.secants`: secant slopes, and the table of their errors as ``h`` shrinks;
- :mod:`.chain`: the chain rule on ``y = f(g(x))``;
- :mod:`.partial_derivatives`: partial derivatives, checked by finite differences;
- :mod:`.sigmoid`: back to the course, ``dout/dnet = out (1 - out)`` derived;
- :mod:`.figures`: the secant, the errors and the gradient, drawn;
- :mod:`.widget`: the secant explorer (sliders for ``x`` and ``h``);
- :mod:`.expressions` and :mod:`.results`: what those share (the symbols, sympy
  at 30 digits, results shown as tables).

sympy, numpy and ipywidgets (the explorer) are imported with this package;
matplotlib at the first drawing, by :func:`mazur_nn.render.figure.figure`.
"""

from mazur_nn.lessons import needs

needs("06", "numpy", "matplotlib")  # before anything that imports them


from mazur_nn.lessons.calculus.chain import ChainRule, ChainValues, chain_rule
from mazur_nn.lessons.calculus.expressions import X, Y
from mazur_nn.lessons.calculus.figures import plot_errors, plot_gradient, plot_secant
from mazur_nn.lessons.calculus.functions import FUNCTION_NAMES, Curve, function
from mazur_nn.lessons.calculus.partial_derivatives import Partials, PartialsCheck, partials
from mazur_nn.lessons.calculus.secants import (
    DEFAULT_STEPS,
    DifferenceTable,
    Secant,
    difference_table,
    secant,
    secant_slope,
)
from mazur_nn.lessons.calculus.sigmoid import SigmoidSlope, sigmoid_slope
from mazur_nn.lessons.calculus.widget import SecantExplorer

__all__ = [
    "DEFAULT_STEPS",
    "FUNCTION_NAMES",
    "X",
    "Y",
    "ChainRule",
    "ChainValues",
    "Curve",
    "DifferenceTable",
    "Partials",
    "PartialsCheck",
    "Secant",
    "SecantExplorer",
    "SigmoidSlope",
    "chain_rule",
    "difference_table",
    "function",
    "partials",
    "plot_errors",
    "plot_gradient",
    "plot_secant",
    "secant",
    "secant_slope",
    "sigmoid_slope",
]
