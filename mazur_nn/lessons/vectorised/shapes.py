"""Every quantity's shape, read from a pass, beside its gradient's: ``dW[l]``
has the shape of ``W[l]``, ``dZ[l]`` that of ``Z[l]``.

>>> from mazur_nn import mazur_example
>>> from mazur_nn.lessons.vectorised.batch import vectorised_pass
>>> shapes_table(vectorised_pass(mazur_example())).rows[-1]
('Y', '(2, 1)', 'n[2] x m', '-', '-')
"""

# ruff: noqa: E741 (l is the source's name for a layer)
from __future__ import annotations

from mazur_nn.core.table import Table
from mazur_nn.lessons.vectorised.batch import VectorisedPass
from mazur_nn.lessons.vectorised.model import shape_text


def shapes_table(record: VectorisedPass) -> Table:
    """Every quantity's shape, read from the pass, beside its gradient's:
    ``dW[l]`` has the shape of ``W[l]``, ``dZ[l]`` that of ``Z[l]``.

    >>> from mazur_nn import mazur_example
    >>> from mazur_nn.lessons.vectorised import vectorised_pass
    >>> shapes_table(vectorised_pass(mazur_example())).rows[1]
    ('W[1]', '(2, 2)', 'n[1] x n[0]', 'dW[1]', '(2, 2)')
    """
    rows = [("A[0] = X", shape_text(record.X.shape), "n[0] x m", "-", "-")]
    symbols = {"W": "n[{l}] x n[{k}]", "b": "n[{l}] x 1", "Z": "n[{l}] x m", "A": "n[{l}] x m"}
    for l in range(1, record.L + 1):
        for q in ("W", "b", "Z", "A"):
            gradient = f"d{q}[{l}]"
            shape = shape_text(record[gradient].shape) if l in getattr(record, f"d{q}") else "-"
            rows.append(
                (
                    f"{q}[{l}]",
                    shape_text(record[f"{q}[{l}]"].shape),
                    symbols[q].format(l=l, k=l - 1),
                    gradient,
                    shape,
                )
            )
    rows.append(("Y", shape_text(record.Y.shape), f"n[{record.L}] x m", "-", "-"))
    return Table(
        ("quantity", "shape", "in symbols", "gradient", "its shape"),
        rows,
        f"Shapes for m = {record.m} examples: each gradient has its quantity's shape",
    )
