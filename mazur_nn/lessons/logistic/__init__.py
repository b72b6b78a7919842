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
  :func:`log_loss`, computed so that nothing overflows;
- :mod:`~mazur_nn.lessons.logistic.graph`: one example step by step,
  :func:`forward_graph`, and sympy's :func:`chain_rule_for_one_unit`;
- :mod:`~mazur_nn.lessons.logistic.batch`: all examples at once, :func:`gradients`,
  checked by :func:`gradients_by_loop`, :func:`finite_differences` and
  :func:`gradient_check`;
- :mod:`~mazur_nn.lessons.logistic.training`: :func:`train`, full-batch gradient
  descent (:class:`TrainedUnit`);
- :mod:`~mazur_nn.lessons.logistic.evaluation`: :func:`metrics`, :func:`evaluate`,
  :func:`misclassified`, :func:`learning_rate_table`,
  :func:`compare_with_sklearn`;
- :mod:`~mazur_nn.lessons.logistic.figures`: the pictures (``plot_*``,
  :func:`draw_graph`);
- :mod:`~mazur_nn.lessons.logistic.widget`: :class:`DigitsTrainer`;
- :mod:`~mazur_nn.lessons.logistic.checks`: the checks of what comes in.

numpy, sympy, matplotlib, scikit-learn and ipywidgets are imported inside
the functions that use them, so ``import mazur_nn`` stays fast.

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

from mazur_nn.lessons.logistic.batch import (
    Gradients,
    finite_differences,
    gradient_check,
    gradients,
    gradients_by_loop,
)
from mazur_nn.lessons.logistic.data import Digits, load_nines
from mazur_nn.lessons.logistic.evaluation import (
    SKLEARN_C,
    Comparison,
    Metrics,
    compare_with_sklearn,
    evaluate,
    learning_rate_table,
    metrics,
    misclassified,
    misclassified_table,
)
from mazur_nn.lessons.logistic.figures import (
    FORWARD,
    GRADIENT,
    INK,
    LOCAL,
    PIXEL,
    draw_graph,
    plot_examples,
    plot_loss,
    plot_misclassified,
    plot_weights,
)
from mazur_nn.lessons.logistic.graph import (
    Derivation,
    Graph,
    chain_rule_for_one_unit,
    forward_graph,
)
from mazur_nn.lessons.logistic.training import (
    EPOCHS,
    LEARNING_RATE,
    MAX_EPOCHS,
    MAX_LEARNING_RATE,
    THRESHOLD,
    TrainedUnit,
    train,
)
from mazur_nn.lessons.logistic.unit import log_loss, probabilities, sigmoid
from mazur_nn.lessons.logistic.widget import DigitsTrainer, settings_from_texts

__all__ = [
    "EPOCHS",
    "FORWARD",
    "GRADIENT",
    "INK",
    "LEARNING_RATE",
    "LOCAL",
    "MAX_EPOCHS",
    "MAX_LEARNING_RATE",
    "PIXEL",
    "SKLEARN_C",
    "THRESHOLD",
    "Comparison",
    "Derivation",
    "Digits",
    "DigitsTrainer",
    "Gradients",
    "Graph",
    "Metrics",
    "TrainedUnit",
    "chain_rule_for_one_unit",
    "compare_with_sklearn",
    "draw_graph",
    "evaluate",
    "finite_differences",
    "forward_graph",
    "gradient_check",
    "gradients",
    "gradients_by_loop",
    "learning_rate_table",
    "load_nines",
    "log_loss",
    "metrics",
    "misclassified",
    "misclassified_table",
    "plot_examples",
    "plot_loss",
    "plot_misclassified",
    "plot_weights",
    "probabilities",
    "settings_from_texts",
    "sigmoid",
    "train",
]
