r"""One sigmoid unit with log loss: is this handwritten digit a 9? (lesson 08)

The smallest network there is, one unit, trained on real pictures. Each
picture is an 8 x 8 grid of grey levels (scikit-learn's bundled digits set,
1797 pictures, read from disk; nothing is downloaded), flattened into a row
of ``n = 64`` numbers in [0, 1]. **Rows are examples**: ``X`` has shape
``(m, n)``, ``y`` shape ``(m,)`` with ``y = 1`` for a 9 and ``0`` for any
other digit, ``w`` shape ``(n,)`` and ``b`` is a number. Pixel ``k``
(counted from 1, as the lesson writes ``x_k``) is row ``(k - 1) // 8``,
column ``(k - 1) % 8`` of the picture.

For one example the unit computes ``u = w . x``, ``z = u + b``, the
probability of a 9 ``a = sigma(z)`` and the log loss ``L`` (its
computational graph, step by step in :mod:`~mazur_nn.lessons.logistic.graph`);
backward, the chain rule gives ``dL/dz = a - y``, then ``dL/db = a - y``
and ``dL/dw_k = (a - y) x_k``. Over ``m`` examples the loss is the mean,
and the gradient is the mean of the examples' gradients, all at once:
``dw = X^T (a - y) / m``, ``db = mean(a - y)``.

The lesson's package, one concept per module (everything is importable
from ``mazur_nn.lessons.logistic`` itself):

- :mod:`~mazur_nn.lessons.logistic.data`: :func:`load_nines`, the digits as "9 or
  not 9", split into training and test (:class:`Digits`);
- :mod:`~mazur_nn.lessons.logistic.unit`: :func:`sigmoid`, :func:`probabilities`,
  :func:`log_loss`, computed so that nothing overflows, and the checks of
  ``w``, ``b``, ``X`` and ``y`` against each other;
- :mod:`~mazur_nn.lessons.logistic.graph`: one example step by step,
  :func:`forward_graph`;
- :mod:`~mazur_nn.lessons.logistic.derivation`: sympy's :func:`chain_rule_for_one_unit`;
- :mod:`~mazur_nn.lessons.logistic.batch`: all examples at once, :func:`gradients`,
  checked by :func:`gradients_by_loop`, :func:`finite_differences` and
  :func:`gradient_check`;
- :mod:`~mazur_nn.lessons.logistic.training`: :func:`train`, full-batch gradient
  descent (:class:`TrainedUnit`), and :func:`settings_from_texts`;
- :mod:`~mazur_nn.lessons.logistic.evaluation`: :func:`metrics`, :func:`evaluate`,
  :func:`misclassified`, :func:`learning_rate_table`,
  :func:`compare_with_sklearn`;
- :mod:`~mazur_nn.lessons.logistic.figures`: the pictures (``plot_*``,
  :func:`draw_graph`);
- :mod:`~mazur_nn.lessons.logistic.widget`: :class:`DigitsTrainer`.

Each name is imported from its module the first time it is asked for (a
PEP 562 ``__getattr__``), so ``import mazur_nn.lessons.logistic`` loads
none of numpy, sympy, matplotlib, scikit-learn and ipywidgets; the modules
import what they use at their top, and scikit-learn loads when the
digits are read.

Example
-------
>>> from mazur_nn.lessons import logistic
>>> data = logistic.load_nines()
>>> data.X_train.shape, data.X_test.shape, int(data.y_test.sum())
((1347, 64), (450, 64), 45)
>>> trained = logistic.train(data)
>>> scores = logistic.evaluate(trained, data)
>>> scores.correct, scores.m
(444, 450)
"""

from mazur_nn.lessons import needs

needs("08", "numpy", "sklearn", "matplotlib")  # before anything that imports them


import importlib

# Where each public name lives.
_MODULES = {
    "batch": (
        "Gradients",
        "finite_differences",
        "gradient_check",
        "gradients",
        "gradients_by_loop",
    ),
    "data": ("Digits", "load_nines"),
    "derivation": ("Derivation", "chain_rule_for_one_unit"),
    "evaluation": (
        "SKLEARN_C",
        "Comparison",
        "Metrics",
        "compare_with_sklearn",
        "evaluate",
        "learning_rate_table",
        "metrics",
        "misclassified",
        "misclassified_table",
    ),
    "figures": (
        "FORWARD",
        "GRADIENT",
        "INK",
        "LOCAL",
        "PIXEL",
        "draw_graph",
        "plot_examples",
        "plot_loss",
        "plot_misclassified",
        "plot_weights",
    ),
    "graph": ("Graph", "forward_graph"),
    "training": (
        "EPOCHS",
        "LEARNING_RATE",
        "MAX_EPOCHS",
        "MAX_LEARNING_RATE",
        "THRESHOLD",
        "TrainedUnit",
        "settings_from_texts",
        "train",
    ),
    "unit": ("log_loss", "probabilities", "sigmoid"),
    "widget": ("DigitsTrainer",),
}
_WHERE = {name: module for module, names in _MODULES.items() for name in names}
__all__ = sorted(_WHERE)


def __getattr__(name: str):
    """``name`` from its module, imported the first time it is asked for."""
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{_WHERE[name]}"), name)


def __dir__() -> list[str]:
    return sorted({*globals(), *_WHERE})
