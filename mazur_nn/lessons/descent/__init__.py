r"""Lesson 07: gradient descent on a parabola over [-10, 10], one step at a time.

Training a network repeats one move: step against the gradient,
``x_{t+1} = x_t - eta * f'(x_t)``. This package makes that move on the
simplest function that has a minimum, ``f(x) = a (x - c)^2`` (the lesson
uses ``x^2``), records every step, says which stopping rule ended the run,
and shows why the learning rate decides everything: each step multiplies the
distance to the minimum by ``r = 1 - 2 eta a``.

One concept per module; everything is imported from here:

* :mod:`~mazur_nn.lessons.descent.parabola`: the function, :class:`Parabola`, on
  :data:`DOMAIN`;
* :mod:`~mazur_nn.lessons.descent.convergence`: the ratio ``r`` (:func:`ratio`),
  what the steps do (:func:`regime`, :func:`describe_rate`,
  :func:`regimes`), the closed form ``x_t = c + r^t (x_0 - c)``
  (:func:`closed_form`) and :func:`iterations_needed`;
* :mod:`~mazur_nn.lessons.descent.run`: :func:`gradient_descent`, its :class:`Run`
  and the stopping rules (:data:`STOPPING_CRITERIA`);
* :mod:`~mazur_nn.lessons.descent.comparison`: several learning rates side by side
  (:func:`compare`, :class:`Comparison`, :func:`verdict`);
* :mod:`~mazur_nn.lessons.descent.figures`: :func:`plot_run`,
  :func:`plot_comparison`, :func:`plot_distance`;
* :mod:`~mazur_nn.lessons.descent.settings`: settings from what a student types
  (:func:`settings_from_texts`, :func:`settings_problem`, :data:`PRESETS`);
* :mod:`~mazur_nn.lessons.descent.widget`: the :class:`DescentExplorer`.

Every input goes through the checks of :mod:`mazur_nn.core.validate`.

Example
-------
>>> run = gradient_descent(start=8, learning_rate=0.1)
>>> run.ratio, run.stopped_by, run.iterations
(0.8, 'tolerance', 75)
>>> iterations_needed(PARABOLA, start=8, learning_rate=0.1)  # the closed form agrees
75
>>> [verdict(run) for run in compare(start=3, learning_rates=[0.02, 0.4, 1.1]).runs]
['too small', 'right', 'diverging']

The figures (numpy, matplotlib) and the explorer (ipywidgets) are loaded
the first time one of their names is asked for (PEP 562), so
``import mazur_nn.lessons.descent`` stays fast.
"""

from __future__ import annotations

from mazur_nn.lessons import needs

needs("07", "numpy", "matplotlib")  # before anything that imports them

import importlib

from mazur_nn.lessons.descent.comparison import Comparison, compare, verdict
from mazur_nn.lessons.descent.convergence import (
    closed_form,
    describe_rate,
    iterations_needed,
    ratio,
    regime,
    regimes,
)
from mazur_nn.lessons.descent.parabola import DOMAIN, MAX_STEEPNESS, PARABOLA, Parabola
from mazur_nn.lessons.descent.run import MAX_ITERATIONS, STOPPING_CRITERIA, Run, gradient_descent
from mazur_nn.lessons.descent.settings import FIELDS, PRESETS, settings_from_texts, settings_problem

# Loaded when first asked for (PEP 562): the figures and the widget import heavy libraries.
_LATE = dict.fromkeys(("plot_comparison", "plot_distance", "plot_run"), "figures")
_LATE["DescentExplorer"] = "widget"


def __getattr__(name: str):
    """A figure function or the explorer, from its module, imported when first asked for."""
    if name not in _LATE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{_LATE[name]}"), name)


__all__ = [
    "DOMAIN",
    "FIELDS",
    "MAX_ITERATIONS",
    "MAX_STEEPNESS",
    "PARABOLA",
    "PRESETS",
    "STOPPING_CRITERIA",
    "Comparison",
    "DescentExplorer",
    "Parabola",
    "Run",
    "closed_form",
    "compare",
    "describe_rate",
    "gradient_descent",
    "iterations_needed",
    "plot_comparison",
    "plot_distance",
    "plot_run",
    "ratio",
    "regime",
    "regimes",
    "settings_from_texts",
    "settings_problem",
    "verdict",
]
