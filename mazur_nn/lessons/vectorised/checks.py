"""The matrix form against the core: for one example (``m = 1``) every
entry of ``dW[l]``, ``db[l]`` is the core's scalar partial, the same float
(:func:`compare_with_core`); for ``m`` examples ``dW``, ``db`` agree four
ways (:func:`check_batch`).

>>> from mazur_nn import mazur_example
>>> compare_with_core(mazur_example()).max_difference
0.0
"""

# ruff: noqa: E741 (l is the source's name for a layer)
from __future__ import annotations

from dataclasses import dataclass

from mazur_nn.core.layers import from_network, gradients_by_name
from mazur_nn.core.numbers import bound
from mazur_nn.core.passes import backward, finite_difference
from mazur_nn.core.table import Table
from mazur_nn.core.validate import positive_number
from mazur_nn.lessons.vectorised.batch import VectorisedPass, vectorised_pass
from mazur_nn.lessons.vectorised.model import read_config
from mazur_nn.lessons.vectorised.names import entry_label, parameter_entries, source_names


def entry_value(record: VectorisedPass, entries) -> float:
    """The sum of the entries' values in ``record``, as the core sums them."""
    values = [float(getattr(record, q)[l][j, k]) for q, l, j, k in entries]
    total = values[0]
    for v in values[1:]:
        total = total + v  # left to right, as the core sums a shared bias
    return total


@dataclass(frozen=True)
class Match:
    """One parameter's partial: by the core and by the matrix form."""

    parameter: str
    source_name: str
    entry: str
    core: float
    matrix: float

    @property
    def difference(self) -> float:
        return self.matrix - self.core


@dataclass(frozen=True)
class CoreComparison:
    """The matrix form against the core's scalar partials, for ``m = 1``."""

    matches: tuple[Match, ...]

    @property
    def max_difference(self) -> float:
        return max(abs(match.difference) for match in self.matches)

    def table(self) -> Table:
        """Every value in full (Python's shortest exact repr): equal strings
        are equal floats."""
        rows = [
            (
                match.parameter,
                match.source_name,
                f"dE_total/d{match.parameter}",
                repr(match.core),
                match.entry,
                repr(match.matrix),
                repr(match.difference),
            )
            for match in self.matches
        ]
        header = ("parameter", "source", "core", "core's value", "matrix entry", "matrix value")
        title = "m = 1: the core's scalar partials and the matrices (largest difference "
        title += f"{self.max_difference!r})"
        return Table((*header, "difference"), rows, title)

    def __repr__(self) -> str:
        return self.table().to_text()

    def _repr_markdown_(self) -> str:
        return self.table().to_notebook()


def compare_with_core(config) -> CoreComparison:
    """For ``config``'s one example (``m = 1``): each parameter's partial
    from the core (:func:`mazur_nn.backward`, ``dE_total/dw1``...) beside
    its entry of ``dW[l]`` or ``db[l]``. They are the same floats.

    >>> from mazur_nn import mazur_example
    >>> result = compare_with_core(mazur_example())
    >>> result.matches[4].entry, result.matches[4].matrix == result.matches[4].core
    ('dW[2][0, 0]', True)
    """
    config = read_config(config)
    if len(config.examples) > 1:
        raise ValueError(
            f"config: a batch of {len(config.examples)} examples; compare_with_core is for one "
            "example (m = 1): check_batch(config) compares a batch"
        )
    record = vectorised_pass(config)
    core = backward(config.network, config.inputs, config.targets).gradients
    sources = source_names(config.network)
    matches = tuple(
        Match(p, sources[p], entry_label(entries), core[p], entry_value(record, entries))
        for p, entries in parameter_entries(config.network).items()
    )
    return CoreComparison(matches)


@dataclass(frozen=True)
class BatchRow:
    parameter: str
    entry: str
    matrix: float
    core_mean: float
    layers: float
    finite_difference: float

    @property
    def max_difference(self) -> float:
        values = (self.matrix, self.core_mean, self.layers, self.finite_difference)
        return max(values) - min(values)


@dataclass(frozen=True)
class BatchCheck:
    """``dW``, ``db`` over ``m`` examples, four ways: the matrix form, the
    mean of the core's ``m`` scalar partials, the layer API's
    ``Sequential.backward`` (its 1/m in ``dA[L]``), and a central finite
    difference of the cost ``J``."""

    m: int
    rows: tuple[BatchRow, ...]
    step: float

    @property
    def max_difference(self) -> float:
        return max(row.max_difference for row in self.rows)

    def table(self) -> Table:
        rows = [
            (
                r.parameter,
                r.entry,
                f"{r.matrix:.12f}",
                f"{r.core_mean:.12f}",
                f"{r.layers:.12f}",
                f"{r.finite_difference:.10f}",
                bound(r.max_difference),
            )
            for r in self.rows
        ]
        header = (
            "parameter",
            "matrix entry",
            "matrix form",
            f"mean of {self.m} core partials",
            "layer API",
            f"finite difference (h={self.step:g})",
            "largest difference",
        )
        title = f"dJ/dp for m = {self.m} examples, four ways: they agree within "
        return Table(header, rows, title + bound(self.max_difference)[2:])

    def __repr__(self) -> str:
        return self.table().to_text()

    def _repr_markdown_(self) -> str:
        return self.table().to_notebook()


def check_batch(config, X=None, Y=None, step: float = 1e-6) -> BatchCheck:
    """The batch gradient of every parameter four ways (see
    :class:`BatchCheck`). The finite difference changes one parameter of
    the core's network and averages the core's ``E_total`` over the batch.
    ``X`` and ``Y`` default to the config's examples (its mini-batch).

    >>> from mazur_nn import mazur_example
    >>> X, Y = [[0.05, 0.5], [0.1, -0.2]], [[0.01, 0.5], [0.99, 0.5]]
    >>> check_batch(mazur_example(), X, Y).max_difference < 1e-9
    True
    """
    config = read_config(config)
    step = positive_number(step, "step")
    network = config.network
    record = vectorised_pass(config, X, Y)
    m = record.m
    examples = [(record.X[:, j].tolist(), record.Y[:, j].tolist()) for j in range(m)]
    singles = [backward(network, x, y).gradients for x, y in examples]
    layers = from_network(network)
    grads = layers.backward(layers.forward(record.X), record.Y)
    by_name = gradients_by_name(network, grads)
    rows = []
    for p, entries in parameter_entries(network).items():
        total = singles[0][p]
        for single in singles[1:]:
            total = total + single[p]
        numeric = 0.0
        for x, y in examples:
            numeric = numeric + finite_difference(network, x, y, p, step)
        rows.append(
            BatchRow(
                p,
                entry_label(entries),
                entry_value(record, entries),
                total / m,
                by_name[p],
                numeric / m,
            )
        )
    return BatchCheck(m, tuple(rows), step)
