"""Three independent values for every gradient, side by side.

- ``chain``: the engine's backward pass (the chain rule, in floats);
- ``sympy``: sympy's derivative, at 30 digits (for networks of up to
  ``FLAT_LIMIT`` parameters, ``sympy.diff`` of the whole error written in the
  parameters; for larger ones, the product of sympy-derived factors);
- ``finite_difference``: ``(E(p + h) - E(p - h)) / 2h`` with the forward
  pass only.

Example
-------
>>> from mazur_nn import mazur_example
>>> ex = mazur_example()
>>> result = gradient_check(ex.network, ex.inputs, ex.targets)
>>> round(result.rows["w5"].sympy, 9), result.max_difference < 1e-9
(0.082167041, True)
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy

from mazur_nn.core.network import Network
from mazur_nn.core.numbers import bound
from mazur_nn.core.passes import backward, check_example, finite_difference
from mazur_nn.core.table import Table
from mazur_nn.core.validate import positive_number
from mazur_nn.symbolic.model import PRECISION, for_network

FLAT_LIMIT = 30
DEFAULT_STEP = 1e-6


@dataclass(frozen=True)
class CheckRow:
    parameter: str
    chain: float
    sympy: float
    finite_difference: float

    @property
    def max_difference(self) -> float:
        values = (self.chain, self.sympy, self.finite_difference)
        return max(values) - min(values)


@dataclass(frozen=True)
class GradientCheck:
    rows: dict[str, CheckRow]
    sympy_method: str  # "flat" or "layered"
    step: float

    @property
    def max_difference(self) -> float:
        """The largest difference between any two of the three values."""
        return max(row.max_difference for row in self.rows.values())

    def to_table(self):
        """A :class:`~mazur_nn.render.tables.Table`: chain rule and sympy to 12
        decimals, the finite difference to 10 (its rounding noise is about
        1e-10), and each row's largest difference as a bound."""

        rows = [
            (
                p,
                f"{r.chain:.12f}",
                f"{r.sympy:.12f}",
                f"{r.finite_difference:.10f}",
                bound(r.max_difference),
            )
            for p, r in self.rows.items()
        ]
        header = (
            "parameter",
            "chain rule",
            f"sympy ({self.sympy_method})",
            f"finite difference (h={self.step:g})",
            "largest difference",
        )
        title = f"dE_total/dp three ways: they agree within {bound(self.max_difference)[2:]}"
        return Table(header, rows, title)

    def to_dict(self) -> dict:
        return {
            "sympy_method": self.sympy_method,
            "step": self.step,
            "max_difference": self.max_difference,
            "rows": {
                p: {
                    "chain": r.chain,
                    "sympy": r.sympy,
                    "finite_difference": r.finite_difference,
                    "max_difference": r.max_difference,
                }
                for p, r in self.rows.items()
            },
        }


def sympy_gradients(network: Network, inputs, targets, method: str = "auto"):
    """``(values, method)``: sympy's ``dE_total/dp`` for every parameter."""

    sym = for_network(network)
    if method == "auto":
        method = "flat" if len(network.names.parameters) <= FLAT_LIMIT else "layered"
    if method == "layered":
        values = sym.evaluate(network, inputs, targets)
        return {p: values[f"dE_total/d{p}"] for p in network.names.parameters}, method
    if method != "flat":
        raise ValueError(f"method: {method!r} is not allowed; allowed are auto, flat, layered")

    numbers = {
        sym.symbol(p): sympy.Float(repr(v), PRECISION) for p, v in network.parameters.items()
    }
    numbers.update(
        {
            sym.symbol(n): sympy.Float(repr(float(v)), PRECISION)
            for n, v in zip(network.names.neurons[0], inputs)
        }
    )
    numbers.update(
        {
            sym.symbol(n): sympy.Float(repr(float(v)), PRECISION)
            for n, v in zip(network.names.targets, targets)
        }
    )
    return {
        p: float(sym.flat_gradient(p).xreplace(numbers).evalf(PRECISION))
        for p in network.names.parameters
    }, method


def gradient_check(
    network: Network, inputs, targets, step: float = DEFAULT_STEP, method: str = "auto"
) -> GradientCheck:
    """Chain rule, sympy and finite differences for every parameter."""
    inputs, targets = check_example(network, inputs, targets)
    step = positive_number(step, "step")
    chain = backward(network, inputs, targets).gradients
    symbolic, used = sympy_gradients(network, inputs, targets, method)
    rows = {
        p: CheckRow(p, chain[p], symbolic[p], finite_difference(network, inputs, targets, p, step))
        for p in network.names.parameters
    }
    return GradientCheck(rows, used, step)
