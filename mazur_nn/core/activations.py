"""Activation functions: the value and its slope, side by side.

Each activation is written once, as a Python expression in ``net`` (its
value) and an expression in ``net`` and ``out`` (its slope d out / d net).
The engine pastes these expressions into the code it generates, the layer
API compiles the same expressions for numpy arrays; the
symbolic module does *not* use the slope: it asks sympy to differentiate
:meth:`Activation.sympy_value` instead, so the two are independent checks.

Example
-------
>>> SIGMOID = get_activation("sigmoid")
>>> round(SIGMOID.value(0.3775), 9)
0.593269992
>>> out = SIGMOID.value(1.105905967)
>>> round(SIGMOID.slope(1.105905967, out), 9)
0.186815602
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import cached_property


@dataclass(frozen=True)
class Activation:
    """An activation ``out = f(net)`` and its slope ``d out / d net``."""

    name: str
    value_code: str  # Python expression in ``net``
    slope_code: str  # Python expression in ``net`` and ``out``
    description: str
    value: object = field(init=False, repr=False, compare=False)
    slope: object = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Our own constant expressions, compiled once into plain functions.
        namespace = {"exp": math.exp, "tanh": math.tanh}
        value = eval(f"lambda net: {self.value_code}", namespace)  # noqa: S307
        slope = eval(f"lambda net, out: {self.slope_code}", namespace)  # noqa: S307
        object.__setattr__(self, "value", value)
        object.__setattr__(self, "slope", slope)

    @cached_property
    def array_functions(self):
        """``(value, slope)`` compiled from the same expressions for numpy
        arrays (the layer API's); numpy is imported here, lazily."""
        namespace = {"exp": elementwise(math.exp), "tanh": elementwise(math.tanh)}
        value = eval(f"lambda net: {self.value_code}", namespace)  # noqa: S307
        slope = eval(f"lambda net, out: {self.slope_code}", namespace)  # noqa: S307
        return value, slope

    def sympy_value(self, net):
        """``f(net)`` as a sympy expression (sympy is imported here, lazily)."""
        import sympy

        from mazur_nn.symbolic.functions import sigma

        if self.name == "sigmoid":
            return sigma(net)
        if self.name == "tanh":
            return sympy.tanh(net)
        if self.name == "relu":
            return sympy.Piecewise((net, net > 0), (0, True))
        return net


def elementwise(function):
    """``function`` (from :mod:`math`) applied to every element of an array.

    numpy's own ``exp`` is fast but not always correctly rounded, so it can
    differ from the C library's in the last bit; the course promises the
    same numbers from the engine and from the layer API, so arrays go
    through the very function the engine uses.

    >>> import numpy as np
    >>> elementwise(math.exp)(np.array([0.0, 1.0])).tolist() == [1.0, math.e]
    True
    """
    import numpy

    ufunc = numpy.frompyfunc(function, 1, 1)

    def apply(x):
        result = ufunc(x)
        return result.astype(float) if isinstance(result, numpy.ndarray) else float(result)

    return apply


ACTIVATIONS = {
    a.name: a
    for a in (
        Activation(
            "sigmoid",
            "1.0 / (1.0 + exp(-net))",
            "out * (1.0 - out)",
            "logistic sigmoid 1/(1+e^-net), values in (0, 1)",
        ),
        Activation("tanh", "tanh(net)", "1.0 - out * out", "hyperbolic tangent, values in (-1, 1)"),
        Activation(
            "relu",
            "(net > 0.0) * net + 0.0",  # + 0.0 turns -0.0 into 0.0
            "(net > 0.0) * 1.0",
            "rectified linear max(0, net); slope 0 at net = 0",
        ),
        Activation("linear", "net", "1.0", "identity: out = net"),
    )
}


def get_activation(name: str) -> Activation:
    """The activation called ``name``; a clear ``ValueError`` otherwise.

    >>> get_activation("softmax")
    Traceback (most recent call last):
    ...
    ValueError: unknown activation 'softmax': allowed are sigmoid, tanh, relu, linear
    """
    if not isinstance(name, str) or name not in ACTIVATIONS:
        allowed = ", ".join(ACTIVATIONS)
        raise ValueError(f"unknown activation {name!r}: allowed are {allowed}")
    return ACTIVATIONS[name]
