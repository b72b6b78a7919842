r"""Layers, and a network that learns XOR (lesson 10).

XOR answers 1 when exactly one of its two inputs is 1. No straight line
separates its two classes, so one neuron cannot learn it; a hidden layer
can. The network is the source's ("Neural Networks + Math Intuition", after
The Independent Code), built from the layer API of :mod:`mazur_nn.core.layers`::

    [Dense(2, 3), Tanh(), Dense(3, 1), Tanh()]    loss: MSE

- ``Dense``: ``Y = W X + B``; backward ``dE/dW = dE/dY X^T``,
  ``dE/dB = dE/dY`` summed over the batch, ``dE/dX = W^T dE/dY``.
- ``Tanh``: ``Y = tanh(X)``; backward ``dE/dX = dE/dY * (1 - tanh(X)^2)``
  (elementwise).
- ``MSE``: ``E = mean((Y - T)^2)``; ``dE/dY = 2 (Y - T) / 4`` for the four
  points.

**Examples are columns**: ``X`` has shape ``(2, 4)``, one column per XOR
point, and every layer's output has one column per point. Training is
full-batch gradient descent: every epoch is one forward pass on all four
points, one backward pass, one update.

**The one difference from the source.** The source's
``backward(output_gradient, learning_rate)`` changes ``W`` and ``B`` while it
goes back. Here ``backward`` only returns the gradients, and ``update``
returns a *new* network; the old one is unchanged. So you can look at every
gradient before anything moves (:func:`one_step`), and the source's numbers
are the same.

What the lesson uses, one concept per module:

- :mod:`.network`: :func:`xor_data`, :func:`xor_network`, :func:`train_xor`:
  the data, the network (seed ``0`` by default) and its training;
- :mod:`.results` and :mod:`.figures`: :func:`predictions_table`,
  :func:`loss_table`, :func:`loss_curve`, :func:`decision_surfaces`: what
  the network answers, and how it got there;
- :mod:`.step`: :func:`one_step`, one training step, layer by layer, as
  text (written by :mod:`.text`);
- :mod:`.sympy_dense`: :func:`symbolic_dense`, a Dense layer in symbols;
- :mod:`.dense_formulas`: :func:`dense_formulas_check`, the three Dense
  backward formulas derived by ``sympy.diff`` for a generic error ``E(Y)``;
  :data:`MISTAKES` are wrong versions of them, which the same check rejects;
- :mod:`.backward_check`: :func:`dense_backward_check`, the package's
  ``Dense.backward`` against sympy at random numbers;
- :mod:`.settings` and :mod:`.widget`: :class:`XorTrainer`, a small widget
  (learning rate, epochs, seed, *Train*), and how it reads what is typed
  (:func:`settings_from_texts`);
- :mod:`.text`: matrices as aligned text (:class:`TextBlock`).

numpy and sympy are imported with the modules that compute; matplotlib at
the first drawing; ipywidgets when :class:`XorTrainer` is first asked for.

Example
-------
>>> record = train_xor(seed=0, learning_rate=0.3, epochs=1000)
>>> record
Epochs(1000 epochs: loss 1.170491405 -> 0.00036233)
>>> [round(float(y), 1) for y in record.network.predict(xor_data()[0])[0]]
[0.0, 1.0, 1.0, 0.0]
"""

from mazur_nn.lessons import needs

needs("10", "numpy", "matplotlib")  # before anything that imports them


from mazur_nn.core.numbers import format_number
from mazur_nn.lessons.xor.backward_check import BackwardCheck, dense_backward_check
from mazur_nn.lessons.xor.dense_formulas import (
    FORMULAS,
    MISTAKES,
    Formula,
    FormulaCheck,
    FormulasCheck,
    check_dense_formula,
    dense_formulas_check,
)
from mazur_nn.lessons.xor.figures import decision_surfaces, loss_curve
from mazur_nn.lessons.xor.network import (
    EPOCHS,
    LEARNING_RATE,
    MAX_EPOCHS,
    MAX_SEED,
    SEED,
    loss_of,
    train_xor,
    xor_data,
    xor_network,
)
from mazur_nn.lessons.xor.results import loss_table, predictions_table
from mazur_nn.lessons.xor.settings import FIELDS, settings_from_texts
from mazur_nn.lessons.xor.step import StepWalk, one_step
from mazur_nn.lessons.xor.sympy_dense import MAX_SYMBOLIC_SIZE, SymbolicDense, symbolic_dense
from mazur_nn.lessons.xor.text import TextBlock

__all__ = [
    "EPOCHS",
    "FIELDS",
    "FORMULAS",
    "LEARNING_RATE",
    "MAX_EPOCHS",
    "MAX_SEED",
    "MAX_SYMBOLIC_SIZE",
    "MISTAKES",
    "SEED",
    "BackwardCheck",
    "Formula",
    "FormulaCheck",
    "FormulasCheck",
    "StepWalk",
    "SymbolicDense",
    "TextBlock",
    "XorTrainer",
    "check_dense_formula",
    "decision_surfaces",
    "dense_backward_check",
    "dense_formulas_check",
    "format_number",
    "loss_curve",
    "loss_of",
    "loss_table",
    "one_step",
    "predictions_table",
    "settings_from_texts",
    "symbolic_dense",
    "train_xor",
    "xor_data",
    "xor_network",
]


def __getattr__(name: str):
    """:class:`XorTrainer`, the lesson's widget, is imported when first asked
    for: its module loads ipywidgets (PEP 562)."""
    if name == "XorTrainer":
        from mazur_nn.lessons.xor.widget import XorTrainer

        return XorTrainer
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
