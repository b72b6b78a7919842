"""Backpropagation in matrix form over a batch of ``m`` examples (lesson 09;
source: a tutorial on a 2-3-1 network, seed 003).

The source's notation: ``m`` examples, ``n`` input variables, layers ``l``,
weights ``w`` and biases ``b``. Layer ``l`` has ``n[l]`` neurons
(``n[0] = n`` inputs); examples are the **columns** of ``X`` and ``Y``::

    W[l]: (n[l], n[l-1])     b[l]: (n[l], 1)     Z[l], A[l]: (n[l], m)

    Z[l] = W[l] A[l-1] + b[l]          A[0] = X
    A[l] = g(Z[l])                     g: the layer's activation
    J    = 1/m * sum over the m columns of L(A[L], Y)

and backward, from the last layer ``L`` down to layer 1 (``*`` is
elementwise, matrices side by side are multiplied)::

    dA[L] = dL/dA[L]                   the loss's slope, column by column
    dZ[l] = dA[l] * g'(Z[l])
    dW[l] = 1/m * dZ[l] A[l-1]^T       (shape of W[l])
    db[l] = 1/m * sum over the m columns of dZ[l]
    dA[l-1] = W[l]^T dZ[l]

**Where 1/m sits.** Column ``j`` of ``dA[l]`` and ``dZ[l]`` is the partial
derivative of example ``j``'s own loss ``L`` (no 1/m): every example keeps
its own column. ``dW[l]`` and ``db[l]`` are the partials of the *cost*
``J``, the mean of the ``m`` losses, so the 1/m comes in there, once. (The
layer API, :mod:`mazur_nn.core.layers`, puts the 1/m into ``dA[L]`` instead:
then its ``dZ`` is this ``dZ`` divided by ``m`` and its ``dW``, ``db`` are
the same.) ``L`` is the core's ``E_total`` of one example: for the lesson's
one sigmoid output and binary cross-entropy ``L(a, y) = -(y ln a + (1 - y)
ln(1 - a))``, and then ``dZ[L] = A[L] - Y``.

The numbers come from the layer API's ``Dense`` and activation layers and
the core's loss expressions: the same engine as the core. So for ``m = 1``
the matrices hold the core's scalar partials to the last bit
(:func:`compare_with_core`), and for ``m > 1`` ``dW``, ``db`` are the mean
of the ``m`` examples' partials (:func:`check_batch`).

Example
-------
>>> from mazur_nn import Config
>>> config = Config.from_dict({"layers": [2, 3, 1], "seed": 3, "inputs": [0.5, 0.2],
...                            "targets": [1], "loss": "binary_cross_entropy"})
>>> batch = vectorised_pass(config, [[0.5, -0.3], [0.2, 0.8]], [[1, 0]])
>>> batch.m, batch.W[1].shape, batch.dW[1].shape, batch.dZ[1].shape
(2, (3, 2), (3, 2), (3, 2))
>>> print(batch.quantity("dW[2]"))
dW[2] = 1/m * dZ[2] A[1]^T    shape (1, 3)
[[0.094091 0.090092 0.015185]]
>>> compare_with_core(config).max_difference  # m = 1: the core's partials, exactly
0.0

The lesson's package, one concept per module, each importing only those
above it:

- :mod:`.model`: reading a Config, a Network or a Sequential;
- :mod:`.symbols`: the quantities' names (``dW[1]``) and the loss's words;
- :mod:`.matrix_formulas`: the formulas as text and LaTeX, activations and
  slopes written from the registry (:class:`Formula`, :class:`Formulas`);
- :mod:`.notation`: the symbols and shapes of a network (:class:`Notation`,
  :func:`layer_table`) and its formulas (:func:`formulas`);
- :mod:`.quantities`: one matrix with its definition (:class:`Quantity`);
- :mod:`.batch`: the pass itself (:func:`vectorised_pass`);
- :mod:`.shapes`: every quantity's shape in a pass (:func:`shapes_table`);
- :mod:`.names`: the course's, the source's and the matrix names
  (:func:`names_table`);
- :mod:`.checks`: the matrix form against the core (:func:`compare_with_core`,
  :func:`check_batch`);
- :mod:`.figures`: every matrix as coloured cells (:func:`draw_matrices`);
  it imports matplotlib, so the package loads it when first asked for.
"""

from mazur_nn.lessons import needs

needs("09", "numpy", "matplotlib")  # before anything that imports them


from mazur_nn.lessons.vectorised.batch import VectorisedPass, vectorised_pass
from mazur_nn.lessons.vectorised.checks import (
    BatchCheck,
    BatchRow,
    CoreComparison,
    Match,
    check_batch,
    compare_with_core,
)
from mazur_nn.lessons.vectorised.matrix_formulas import PARTS, Formula, Formulas
from mazur_nn.lessons.vectorised.names import names_table, parameter_entries, source_names
from mazur_nn.lessons.vectorised.notation import Notation, formulas, layer_table
from mazur_nn.lessons.vectorised.quantities import DECIMALS, Quantities, Quantity
from mazur_nn.lessons.vectorised.shapes import shapes_table
from mazur_nn.lessons.vectorised.symbols import LOSS_WORDS, QUANTITY_NAMES
from mazur_nn.render.figure import INK

__all__ = [
    "CELL",
    "DECIMALS",
    "INK",
    "LOSS_WORDS",
    "PARTS",
    "QUANTITY_NAMES",
    "BatchCheck",
    "BatchRow",
    "CoreComparison",
    "Formula",
    "Formulas",
    "Match",
    "Notation",
    "Quantities",
    "Quantity",
    "VectorisedPass",
    "check_batch",
    "compare_with_core",
    "draw_matrices",
    "formulas",
    "layer_table",
    "names_table",
    "parameter_entries",
    "shapes_table",
    "source_names",
    "vectorised_pass",
]


def __getattr__(name: str):
    """:func:`draw_matrices` and ``CELL`` (inches per matrix cell) come from
    :mod:`.figures`, imported when first asked for: it loads matplotlib
    (PEP 562)."""
    if name in ("CELL", "draw_matrices"):
        from mazur_nn.lessons.vectorised.figures import CELL, draw_matrices

        return {"CELL": CELL, "draw_matrices": draw_matrices}[name]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
