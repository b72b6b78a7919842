"""One example through the unit, step by step: its computational graph,
every forward value and every derivative (sympy's check of the chain rule
``dL/dz = dL/da * da/dz = a - y`` is in
:mod:`~mazur_nn.lessons.logistic.derivation`).

Forward::

    u = w . x                  the weighted sum of the pixels
    z = u + b                  plus the bias
    a = sigma(z)               the unit's probability that the picture is a 9
    L = -(y log a + (1 - y) log(1 - a))      the log loss

and backward, by the chain rule, ``dL/da = -y/a + (1 - y)/(1 - a)``,
``da/dz = a (1 - a)``, their product ``dL/dz = a - y``; then
``dL/db = a - y`` and ``dL/dw_k = (a - y) x_k``.

>>> g = forward_graph([2.0, -1.0], 0.0, [1.0, 1.0], 1.0)
>>> g.u, round(g.a, 6), round(g.dL_dz, 6), [round(d, 6) for d in g.dL_dw.tolist()]
(1.0, 0.731059, -0.268941, [-0.268941, -0.268941])
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

import numpy as np

from mazur_nn.core.functions import get_activation
from mazur_nn.core.numbers import format_number
from mazur_nn.core.table import Table
from mazur_nn.core.validate import finite_number, not_allowed, read_only, vector_array
from mazur_nn.lessons.logistic.unit import log_losses, sigmoid

SIGMOID = get_activation("sigmoid")  # its slope in a: da/dz = a (1 - a)


@dataclass(frozen=True, repr=False)
class Graph:
    """The computational graph of one unit for one example: every node's
    forward value and every derivative, named as in the lesson.

    Forward: ``u = w . x``, ``z = u + b``, ``a = sigma(z)``, ``L`` (log loss).
    Local derivatives: ``dL_da = -y/a + (1 - y)/(1 - a)``, ``da_dz = a (1 - a)``;
    ``dz/du = dz/db = 1`` and ``du/dw_k = x_k``. Gradients: ``dL_dz`` (their
    product, ``a - y``), ``dL_du = dL_db = dL_dz``, ``dL_dw = (a - y) x``.
    """

    x: object
    y: float
    w: object
    b: float
    u: float
    z: float
    a: float
    L: float
    dL_da: float
    da_dz: float
    dL_dz: float
    dL_du: float
    dL_db: float
    dL_dw: object

    def __repr__(self) -> str:
        f = partial(format_number, digits=6)
        return (
            f"Graph(one example, y = {f(self.y)}: z = {f(self.z)}, a = {f(self.a)}, "
            f"L = {f(self.L)}; dL/dz = a - y = {f(self.dL_dz)}, dL/db = {f(self.dL_db)})"
        )

    def pixels(self, count: int = 3) -> list[int]:
        """The ``count`` pixels (0-based columns) that add most to ``u``:
        largest ``|w_k x_k|``, then brightest ``x_k``, then first."""
        order = sorted(
            range(len(self.x)), key=lambda k: (-abs(self.w[k] * self.x[k]), -self.x[k], k)
        )
        return order[:count]

    def table(self, pixels: int = 3, digits: int = 6) -> Table:
        """Every node and derivative with its formula and value; the weights
        of the ``pixels`` pixels that add most to ``u`` (pixels counted from 1)."""

        f = partial(format_number, digits=digits)

        rows = [
            ("y", "the label: 1 for a 9, 0 otherwise", f(self.y)),
            ("u", f"w . x = w_1 x_1 + ... + w_{len(self.x)} x_{len(self.x)}", f(self.u)),
            ("z", "u + b", f(self.z)),
            ("a", "sigma(z) = 1 / (1 + e^(-z))", f(self.a)),
            ("L", "-(y log a + (1 - y) log(1 - a))", f(self.L)),
            ("dL/da", "-y/a + (1 - y)/(1 - a)", f(self.dL_da)),
            ("da/dz", "a (1 - a)", f(self.da_dz)),
            ("dL/dz", "dL/da * da/dz = a - y", f(self.dL_dz)),
            ("dL/du", "dL/dz * dz/du = dL/dz * 1", f(self.dL_du)),
            ("dL/db", "dL/dz * dz/db = dL/dz * 1", f(self.dL_db)),
        ]
        for k in self.pixels(pixels):
            rows.append(
                (
                    f"dL/dw_{k + 1}",
                    f"dL/du * x_{k + 1} = {f(self.dL_du)} * {f(self.x[k])}",
                    f(self.dL_dw[k]),
                )
            )
        return Table(
            ("quantity", "formula", "value"),
            rows,
            "One unit, one example: forward values, then the chain rule backward",
        )


def forward_graph(w, b, x, y) -> Graph:
    """Forward and backward through one unit for ONE example ``x`` (shape
    ``(n,)``) with label ``y`` (1 for a 9, 0 otherwise).

    >>> g = forward_graph(np.zeros(3), 0.0, [1.0, 0.5, 0.0], 1.0)
    >>> g.z, g.a, round(g.L, 9), g.dL_da, g.da_dz, g.dL_dz
    (0.0, 0.5, 0.693147181, -2.0, 0.25, -0.5)
    >>> g.dL_dw.tolist()
    [-0.5, -0.25, -0.0]
    """
    x = vector_array(x, "x")
    w = vector_array(w, "w", len(x))
    b = finite_number(b, "b")
    y = finite_number(y, "y")
    if not 0 <= y <= 1:
        raise not_allowed("y", y, "a value from 0 to 1 (1 for a 9)")
    u = float(w @ x)
    z = u + b
    a = float(sigmoid(z))
    L = float(log_losses(z, y))
    with np.errstate(divide="ignore", invalid="ignore"):
        # -y/a + (1 - y)/(1 - a); a term whose factor is 0 is 0 even when a is 0 or 1.
        dL_da = float(
            (-y / np.float64(a) if y else 0.0) + ((1 - y) / np.float64(1 - a) if y != 1 else 0.0)
        )
    da_dz = SIGMOID.slope(z, a)
    dL_dz = a - y  # dL/da * da/dz, simplified (see chain_rule_for_one_unit)
    dL_dw = read_only(dL_dz * x)
    return Graph(
        read_only(x.copy()),
        y,
        read_only(w.copy()),
        b,
        u,
        z,
        a,
        L,
        dL_da,
        da_dz,
        dL_dz,
        dL_dz,
        dL_dz,
        dL_dw,
    )
