"""Loss functions: the error of each output and its slope, side by side.

``E_total`` is always the sum of the per-output errors ``E_o1 + E_o2 + ...``;
each loss says what one output contributes (``n`` is the number of outputs):

- ``half_squared_error`` (Mazur): ``E_ok = 1/2 (t_k - out_ok)^2``
- ``mse``: ``E_ok = (t_k - out_ok)^2 / n`` (so ``E_total`` is the mean)
- ``binary_cross_entropy``: ``E_ok = -(t_k ln out_ok + (1 - t_k) ln(1 - out_ok)) / n``

Squares are written as products: ``x * x`` is correctly rounded everywhere,
while ``x ** 2`` goes through the C library's ``pow``, which can be one unit
in the last place away from it (and from numpy's square).

As for activations, the slope code is used by the engine only; the symbolic
module differentiates :meth:`Loss.sympy_value` itself.

Example
-------
>>> HALF = get_loss("half_squared_error")
>>> round(HALF.value(0.01, 0.75, 2), 6)
0.2738
>>> round(HALF.slope(0.01, 0.75136507, 2), 8)
0.74136507
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import cached_property


@dataclass(frozen=True)
class Loss:
    """One output's error ``E(t, out)`` and its slope ``dE / d out``."""

    name: str
    value_code: str  # Python expression in ``t``, ``out`` and ``n``
    slope_code: str
    description: str
    value: object = field(init=False, repr=False, compare=False)
    slope: object = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Our own constant expressions, compiled once into plain functions.
        namespace = {"log": math.log}
        value = eval(f"lambda t, out, n: {self.value_code}", namespace)  # noqa: S307
        slope = eval(f"lambda t, out, n: {self.slope_code}", namespace)  # noqa: S307
        object.__setattr__(self, "value", value)
        object.__setattr__(self, "slope", slope)

    @cached_property
    def array_functions(self):
        """``(value, slope)`` compiled from the same expressions for numpy
        arrays (the layer API's)."""
        from mazur_nn.core.activations import elementwise

        namespace = {"log": elementwise(math.log)}
        value = eval(f"lambda t, out, n: {self.value_code}", namespace)  # noqa: S307
        slope = eval(f"lambda t, out, n: {self.slope_code}", namespace)  # noqa: S307
        return value, slope

    def sympy_value(self, t, out, n):
        """The error of one output as a sympy expression."""
        import sympy

        if self.name == "half_squared_error":
            return sympy.Rational(1, 2) * (t - out) ** 2
        if self.name == "mse":
            return (t - out) ** 2 / n
        return -(t * sympy.log(out) + (1 - t) * sympy.log(1 - out)) / n


LOSSES = {
    loss.name: loss
    for loss in (
        Loss(
            "half_squared_error",
            "0.5 * (t - out) * (t - out)",
            "-(t - out)",
            "sum of 1/2 (t - out)^2 over the outputs (Mazur's)",
        ),
        Loss("mse", "(t - out) * (t - out) / n", "-2.0 * (t - out) / n", "mean of (t - out)^2"),
        Loss(
            "binary_cross_entropy",
            "-(t * log(out) + (1.0 - t) * log(1.0 - out)) / n",
            "-(t / out - (1.0 - t) / (1.0 - out)) / n",
            "mean of -(t ln out + (1 - t) ln(1 - out)); targets in [0, 1], sigmoid outputs",
        ),
    )
}


def get_loss(name: str) -> Loss:
    """The loss called ``name``; a clear ``ValueError`` otherwise.

    >>> get_loss("hinge")
    Traceback (most recent call last):
    ...
    ValueError: unknown loss 'hinge': allowed are half_squared_error, mse, binary_cross_entropy
    """
    if not isinstance(name, str) or name not in LOSSES:
        raise ValueError(f"unknown loss {name!r}: allowed are {', '.join(LOSSES)}")
    return LOSSES[name]
