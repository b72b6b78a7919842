"""What networks can and cannot do (source: "Neural Networks: Everything you
Wanted to Know").

The universal approximation theorem says one hidden layer is enough to
approximate any continuous function *on a given range*. This package shows
both halves of that sentence with the layer API (:mod:`mazur_nn.core.layers`),
one concept per module:

- :mod:`~mazur_nn.lessons.capabilities.separable`: points on two circles, one
  inside the other, are not linearly separable. :func:`best_line` tries
  every straight line that matters and still gets about two thirds right.
- :mod:`~mazur_nn.lessons.capabilities.classifiers` (**can**): a network with one
  hidden layer of a few ``tanh`` neurons (:func:`one_hidden_layer`) bends
  its boundary round the inner circle and gets nearly all of them
  (:func:`compare_classifiers`).
- :mod:`~mazur_nn.lessons.capabilities.gallery`: the activations that make the
  bends, their derivatives derived by sympy (:func:`activation_formulas`)
  and drawn (:func:`activation_gallery`).
- :mod:`~mazur_nn.lessons.capabilities.extrapolation` (**cannot**): a network
  trained on ``x * y`` for points in ``[0, 1]^2`` (:func:`fit_product`) is
  close there and hopeless at ``(10, 10)``: its ``tanh`` neurons saturate,
  so its output can never pass a bound (:func:`output_bound`). It learned
  the function on a range, not multiplication (:func:`extrapolation_table`,
  :func:`diagonal_plot`).

Two small modules serve them all: :mod:`~mazur_nn.lessons.capabilities.limits`
(how far the arguments may go) and :mod:`~mazur_nn.lessons.capabilities.formats`
(how the tables write numbers); :mod:`~mazur_nn.lessons.capabilities.hidden_layer`
builds the network with one hidden layer of ``tanh`` neurons that the
classifier and the ``x * y`` fit share.

Examples are columns, as in the layer API: ``X`` has shape ``(2, m)``,
labels and targets ``(1, m)``. Everything is seeded, so the same call gives
the same numbers. scikit-learn is imported only when the circles or its
logistic regression are asked for; matplotlib at the first drawing. The
trainings (about a second each) are cached.

Example
-------
>>> points = circles(100, seed=0)
>>> points
Points(100 on two circles: 50 inner (label 1), 50 outer (label 0))
>>> best_line(points).accuracy  # no straight line does better
0.68
>>> fit = fit_product()
>>> round(float(fit.predict([[0.5], [0.5]])[0, 0]), 2), float(fit.predict([[10], [10]])[0, 0]) < 10
(0.25, True)
"""

from __future__ import annotations

from mazur_nn.lessons import needs

needs("11", "numpy", "sklearn", "matplotlib")  # before anything that imports them

from mazur_nn.lessons.capabilities.classifiers import (
    Classifier,
    Comparison,
    compare_classifiers,
    hidden_size_table,
    linear_classifier,
    one_hidden_layer,
    train_classifier,
)
from mazur_nn.lessons.capabilities.extrapolation import (
    PRODUCT_POINTS,
    SATURATED,
    OutputBound,
    ProductFit,
    diagonal_plot,
    extrapolation_table,
    fit_product,
    inside_error,
    output_bound,
    product_data,
    product_network,
)
from mazur_nn.lessons.capabilities.gallery import (
    GALLERY,
    Formulas,
    activation_curves,
    activation_formulas,
    activation_gallery,
)
from mazur_nn.lessons.capabilities.hidden_layer import tanh_network
from mazur_nn.lessons.capabilities.limits import MAX_HIDDEN, MAX_POINTS
from mazur_nn.lessons.capabilities.separable import (
    BestLine,
    Line,
    Points,
    accuracy,
    best_line,
    circles,
    xor,
)

__all__ = [
    "GALLERY",
    "MAX_HIDDEN",
    "MAX_POINTS",
    "PRODUCT_POINTS",
    "SATURATED",
    "BestLine",
    "Classifier",
    "Comparison",
    "Formulas",
    "Line",
    "OutputBound",
    "Points",
    "ProductFit",
    "accuracy",
    "activation_curves",
    "activation_formulas",
    "activation_gallery",
    "best_line",
    "circles",
    "compare_classifiers",
    "diagonal_plot",
    "extrapolation_table",
    "fit_product",
    "hidden_size_table",
    "inside_error",
    "linear_classifier",
    "one_hidden_layer",
    "output_bound",
    "product_data",
    "product_network",
    "tanh_network",
    "train_classifier",
    "xor",
]
