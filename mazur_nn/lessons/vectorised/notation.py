"""The source's notation for a network and a batch of ``m`` examples: its
symbols (``m``, ``n[l]``, ``W[l]``, ``dZ[l]``...), what each means, the
shape of every matrix, as tables, and the network's formulas in it.

>>> from mazur_nn import Config
>>> config = Config.from_dict({"layers": [2, 3, 1], "inputs": [0, 0], "targets": [1]})
>>> notation = Notation.of(config, m=4)
>>> notation.shape("dW", 2), notation.shape("dZ", 2)
((1, 3), (1, 4))
"""

# ruff: noqa: E741 (l is the source's name for a layer)
from __future__ import annotations

from dataclasses import dataclass

from mazur_nn.core.table import Table
from mazur_nn.core.validate import choice, whole_number, wrong_kind
from mazur_nn.lessons.vectorised.matrix_formulas import Formulas, network_formulas
from mazur_nn.lessons.vectorised.model import read_model, shape_text
from mazur_nn.lessons.vectorised.symbols import QUANTITY_NAMES, loss_words


@dataclass(frozen=True)
class Notation:
    """The source's notation for one network and a batch of ``m`` examples:
    ``sizes`` are ``n[0], n[1], ..., n[L]``.

    >>> from mazur_nn import Config
    >>> config = Config.from_dict({"layers": [2, 3, 1], "inputs": [0, 0], "targets": [1]})
    >>> notation = Notation.of(config, m=4)
    >>> notation.L, notation.n(1), notation.shape("W", 1), notation.shape("Z", 2)
    (2, 3, (3, 2), (1, 4))
    """

    sizes: tuple[int, ...]
    m: int
    activations: tuple[str, ...]
    loss: str

    @classmethod
    def of(cls, model, m: int = 1) -> Notation:
        found = read_model(model)
        return cls(found.sizes, whole_number(m, "m", 1), found.activations, found.loss)

    @property
    def L(self) -> int:  # noqa: N802 (the source's name)
        """The number of layers with weights (the output layer's ``l``)."""
        return len(self.sizes) - 1

    def n(self, l: int) -> int:
        """``n[l]``: the neurons of layer ``l`` (``n[0]``: the inputs)."""
        if isinstance(l, bool) or not isinstance(l, int) or not 0 <= l <= self.L:
            raise wrong_kind("l", f"a layer from 0 to {self.L}", repr(l), ValueError)
        return self.sizes[l]

    def shape(self, quantity: str, l: int) -> tuple[int, int]:
        """The shape of ``quantity`` (``"W"``, ``"dZ"``...) of layer ``l``."""
        choice(quantity, "quantity", QUANTITY_NAMES)
        if quantity in ("W", "dW"):
            return (self.n(l), self.n(l - 1))
        if quantity in ("b", "db"):
            return (self.n(l), 1)
        return (self.n(l), self.m)

    def glossary(self) -> Table:
        """Every symbol, what it means, and its value or shape here."""
        L, m = self.L, self.m
        each = ", ".join
        rows = [
            ("m", "examples in the batch: the columns of X and Y", str(m)),
            ("n = n[0]", "input variables: the rows of X", str(self.sizes[0])),
            ("l", "a layer: l = 0 the inputs, l = L the output layer", f"0 .. {L} (L = {L})"),
            ("n[l]", "neurons of layer l", each(f"n[{l}] = {self.n(l)}" for l in range(1, L + 1))),
            (
                "W[l]",
                "weights into layer l: W[l][j, k] joins neuron k of layer l-1 to neuron j",
                each(f"W[{l}] {shape_text(self.shape('W', l))}" for l in range(1, L + 1)),
            ),
            (
                "b[l]",
                "biases of layer l, one row per neuron (a bias shared by the layer: in every row)",
                each(f"b[{l}] {shape_text(self.shape('b', l))}" for l in range(1, L + 1)),
            ),
            (
                "Z[l], A[l]",
                "net inputs and outputs of layer l, one column per example; A[0] = X",
                each(f"Z[{l}] {shape_text(self.shape('Z', l))}" for l in range(1, L + 1)),
            ),
            ("g", "the activation: A[l] = g(Z[l])", each(self.activations)),
            ("L(a, y), J", "one example's loss; the cost J is its mean", loss_words(self.loss)),
            ("dW[l], db[l]", "dJ/dW[l], dJ/db[l]: the cost's gradient (with the 1/m)", ""),
            ("dZ[l], dA[l]", "column j: dL/dZ[l], dL/dA[l] of example j (no 1/m)", ""),
        ]
        shape = "-".join(map(str, self.sizes))
        return Table(
            ("symbol", "meaning", "here"), rows, f"The notation: a {shape} network, m = {m}"
        )

    def layer_table(self) -> Table:
        """Per layer ``l``: ``n[l]``, the activation and the shapes of
        ``W[l]``, ``b[l]``, ``Z[l]`` and ``A[l]`` for ``m`` examples."""
        rows = [
            ("0", "input", str(self.sizes[0]), "-", "-", "-", shape_text((self.sizes[0], self.m)))
        ]
        for l in range(1, self.L + 1):
            rows.append(
                (
                    str(l),
                    "output" if l == self.L else "hidden",
                    str(self.n(l)),
                    self.activations[l - 1],
                    shape_text(self.shape("W", l)),
                    shape_text(self.shape("b", l)),
                    shape_text(self.shape("Z", l)),
                )
            )
        header = ("l", "layer", "n[l]", "g", "W[l]", "b[l]", "Z[l], A[l] (A[0] = X)")
        return Table(header, rows, f"Layer by layer, for m = {self.m} examples")

    def formulas(self, part: str = "all") -> Formulas:
        """:func:`~mazur_nn.lessons.vectorised.formulas` of this network."""
        return network_formulas(self.sizes, self.activations, self.loss, part)

    def __repr__(self) -> str:
        return self.glossary().to_text()

    def _repr_markdown_(self) -> str:
        return self.glossary().to_notebook()


def layer_table(model, m: int = 1) -> Table:
    """``Notation.of(model, m).layer_table()``.

    >>> from mazur_nn import Config
    >>> config = Config.from_dict({"layers": [2, 3, 1], "inputs": [0, 0], "targets": [1]})
    >>> layer_table(config, 4).rows[1]
    ('1', 'hidden', '3', 'sigmoid', '(3, 2)', '(3, 1)', '(3, 4)')
    """
    return Notation.of(model, m).layer_table()


def formulas(model, part: str = "all") -> Formulas:
    """The matrix formulas of ``model``'s forward pass (with the cost),
    backward pass or update, written out layer by layer as the source does
    (``part`` is one of :data:`~mazur_nn.lessons.vectorised.PARTS`).

    >>> from mazur_nn import Config
    >>> config = Config.from_dict({"layers": [2, 3, 1], "inputs": [0, 0], "targets": [1],
    ...                            "loss": "binary_cross_entropy"})
    >>> print(formulas(config, "backward"))
    Backward, layer by layer (matrices side by side are multiplied, * is elementwise)
    dA[2] = -(Y / A[2] - (1 - Y) / (1 - A[2]))
    dZ[2] = dA[2] * A[2] * (1 - A[2]) = A[2] - Y
    dW[2] = 1/m * dZ[2] A[1]^T
    db[2] = 1/m * sum over the m columns of dZ[2]
    dA[1] = W[2]^T dZ[2]
    dZ[1] = dA[1] * A[1] * (1 - A[1])
    dW[1] = 1/m * dZ[1] A[0]^T
    db[1] = 1/m * sum over the m columns of dZ[1]
    """
    notation = model if isinstance(model, Notation) else Notation.of(model)
    return notation.formulas(part)
