"""The registry: every activation and every loss, each defined once.

An entry holds everything the course knows about its function:

- ``value_code`` and ``slope_code``: Python expressions that the engine
  pastes into the code it generates (:mod:`mazur_nn.core.codegen`) and
  that the layer API compiles for numpy arrays (:attr:`Activation.array_functions`);
- ``sympy_code``: the same function written for sympy, which
  :mod:`mazur_nn.symbolic.functions` reads; sympy *differentiates* it
  itself and never sees ``slope_code``, so sympy's numbers are an
  independent check of the engine's;
- ``latex``: the definition as a student reads it, and ``words``: how a
  sentence names it ("the sigmoid", "half the squared difference");
- ``description``: one line for menus and error messages.

Adding an entry here is all it takes: the engine, sympy, the steps, the
exercises, the layer API, the playground, the CLI and the diagram read
the registry (``leaky_relu`` was added that way; ``tests/core/test_functions.py``
checks it through the engine, sympy and finite differences).

Activations are expressions in ``net`` (and ``out`` for the slope); losses
in ``t``, ``out`` and ``n`` (the number of outputs). ``E_total`` is always
the sum of the outputs' errors.

One activation couples its layer: the softmax (``layerwise=True``, output
layer only). Its value is written in ``net`` and ``nets`` (the tuple of its
layer's net inputs), so every output depends on every net input of its
layer, and it has two slopes: ``dout_ok/dnet_ok`` (``slope_code``, in
``out``) and ``dout_ok/dnet_oj`` for ``j != k`` (``cross_slope_code``, in
``out`` and ``other`` = ``out_oj``): together the Jacobian
``out_ok (delta_kj - out_oj)``. It also gives ``log_code``, the log of its
output computed without forming the output (``net - logsumexp(nets)``); a
loss written in ``log_out`` (the cross-entropy) uses it, so no ``log(0)``
is taken however saturated the outputs are. Squares are written as products: ``x * x``
is correctly rounded everywhere, while ``x ** 2`` goes through the C
library's ``pow``, which can be one unit in the last place away from it.

Example
-------
>>> SIGMOID = get_activation("sigmoid")
>>> round(SIGMOID.value(0.3775), 9)
0.593269992
>>> out = SIGMOID.value(1.105905967)
>>> round(SIGMOID.slope(1.105905967, out), 9)
0.186815602
>>> HALF = get_loss("half_squared_error")
>>> round(HALF.slope(0.01, 0.75136507, 2), 8)
0.74136507
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from mazur_nn.core.validate import echo


def exp(x: float) -> float:
    """``e**x`` with IEEE arithmetic's answer past float64's range: ``inf``
    (``math.exp`` raises ``OverflowError`` instead). So the sigmoid
    ``1 / (1 + exp(-net))`` of a very negative ``net`` is exactly 0.0, as
    float64 rounds it, and its slope ``out (1 - out)`` is exactly 0.

    >>> exp(0.0), exp(1000.0), 1.0 / (1.0 + exp(20000.0))
    (1.0, inf, 0.0)
    """
    try:
        return math.exp(x)
    except OverflowError:
        return math.inf


def logsumexp(nets: Sequence[float]) -> float:
    """``log(exp(net_1) + ... + exp(net_K))`` computed stably: the largest
    ``net`` is taken out first, so no ``exp`` overflows and the sum is at
    least 1 (its log is never ``log(0)``). The terms are added left to right.

    >>> logsumexp((0.0, 0.0)) == math.log(2.0), logsumexp((1000.0, 0.0))
    (True, 1000.0)
    """
    largest = max(nets)
    return largest + math.log(sum(math.exp(net - largest) for net in nets))


# What the expressions may call: the C library's functions (exp past its
# range gives inf), the same ones for the engine, the compiled functions
# here and the layer API.
MATH_FUNCTIONS: dict[str, Callable[..., float]] = {
    "exp": exp,
    "log": math.log,
    "tanh": math.tanh,
    "logsumexp": logsumexp,
}


def _compile(arguments: str, code: str, namespace: dict[str, Any]) -> Callable[..., Any]:
    """A function from one of the registry's own constant expressions."""
    return eval(f"lambda {arguments}: {code}", dict(namespace))  # noqa: S307 (our own code)


def elementwise(function: Callable[[float], float]) -> Callable[[Any], Any]:
    """``function`` (from :mod:`math`) applied to every element of an array.

    numpy's own ``exp`` is fast but not always correctly rounded, so it can
    differ from the C library's in the last bit; the course promises the
    same numbers from the engine and from the layer API, so arrays go
    through the very function the engine uses.

    >>> import numpy as np
    >>> elementwise(exp)(np.array([0.0, 1.0, 1000.0])).tolist() == [1.0, math.e, math.inf]
    True
    """
    import numpy  # only the layer API works on arrays; import mazur_nn stays light

    ufunc = numpy.frompyfunc(function, 1, 1)

    def apply(x: Any) -> Any:
        with numpy.errstate(over="ignore"):  # exp past its range gives inf, on purpose
            result = ufunc(x)
        return result.astype(float) if isinstance(result, numpy.ndarray) else float(result)

    return apply


def fill_log_out(code: str, log_out: str) -> str:
    """A loss's code with ``log_out`` (the log of the output) written as the
    code ``log_out`` gives.

    >>> fill_log_out("-t * log_out", "(net_o1 - logsumexp((net_o1, net_o2)))")
    '-t * (net_o1 - logsumexp((net_o1, net_o2)))'
    """
    return re.sub(r"\blog_out\b", lambda _: log_out, code)


def _array_namespace() -> dict[str, Any]:
    return {
        name: elementwise(function)
        for name, function in MATH_FUNCTIONS.items()
        if name != "logsumexp"  # a function of a whole layer, not of one element
    }


@dataclass(frozen=True)
class Activation:
    """An activation ``out = f(net)`` and its slope ``d out / d net``."""

    name: str
    value_code: str  # Python, in ``net``
    slope_code: str  # Python, in ``net`` and ``out``
    sympy_code: str  # sympy, in ``net`` (``sigma`` is the logistic sigmoid)
    text: str  # f(net) for reading, in ``net``: "sigmoid(net)"
    latex: str  # the same in LaTeX: "\\sigma(net)"
    slope_text: str  # f' for reading, in ``net`` and ``out``: "out * (1 - out)"
    slope_latex: str
    words: str  # how a sentence names it, as in "the sigmoid activation"
    description: str
    layerwise: bool = False  # its outputs depend on every net input of the layer (softmax)
    cross_slope_code: str = ""  # layerwise: dout_k/dnet_j (j != k), in ``out`` and ``other``
    log_code: str = ""  # layerwise: log(out) without forming out, in ``net`` and ``nets``

    @property
    def output_only(self) -> bool:
        """Allowed on the output layer only: an activation of the whole layer
        (the softmax); the builder's menus read it."""
        return self.layerwise

    @cached_property
    def value(self) -> Callable[..., float]:
        """``f(net)`` as a Python function (compiled at its first use); a
        layerwise activation's is ``f(net, nets)``, ``nets`` its layer's net inputs."""
        arguments = "net, nets" if self.layerwise else "net"
        return _compile(arguments, self.value_code, MATH_FUNCTIONS)

    def layer_values(self, nets: Sequence[float]) -> list[float]:
        """The outputs of a layer whose net inputs are ``nets``.

        >>> [round(v, 6) for v in get_activation("softmax").layer_values((1.0, 2.0))]
        [0.268941, 0.731059]
        """
        nets = tuple(nets)
        if self.layerwise:
            return [self.value(net, nets) for net in nets]
        return [self.value(net) for net in nets]

    def jacobian(self, nets: Sequence[float], outs: Sequence[float]) -> list[list[float]]:
        """``jacobian[k][j] = dout_k/dnet_j`` of a layer (diagonal for an
        elementwise activation).

        >>> get_activation("softmax").jacobian((0.0, 0.0), (0.5, 0.5))
        [[0.25, -0.25], [-0.25, 0.25]]
        """
        size = len(outs)
        result = [[0.0] * size for _ in range(size)]
        for k in range(size):
            for j in range(size):
                if j == k:
                    result[k][j] = self.slope(nets[k], outs[k])
                elif self.layerwise:
                    result[k][j] = self.cross_slope(outs[k], outs[j])
        return result

    @cached_property
    def cross_slope(self) -> Callable[[float, float], float]:
        """``dout_k/dnet_j`` (``j != k``) of a layerwise activation, a
        function of ``out`` (``out_k``) and ``other`` (``out_j``)."""
        return _compile("out, other", self.cross_slope_code or "0.0", MATH_FUNCTIONS)

    @cached_property
    def slope(self) -> Callable[[float, float], float]:
        """``f'`` as a Python function of ``net`` and ``out``."""
        return _compile("net, out", self.slope_code, MATH_FUNCTIONS)

    @cached_property
    def array_functions(self) -> tuple[Callable[..., Any], Callable[..., Any]]:
        """``(value, slope)`` compiled from the same expressions for numpy
        arrays (the layer API's)."""
        namespace = _array_namespace()
        return _compile("net", self.value_code, namespace), _compile(
            "net, out", self.slope_code, namespace
        )


@dataclass(frozen=True)
class Loss:
    """One output's error ``E(t, out)`` and its slope ``dE / d out``."""

    name: str
    value_code: str  # Python, in ``t``, ``out`` and ``n``
    slope_code: str
    sympy_code: str
    text: str  # E for reading, in ``t``, ``out`` and ``n``
    latex: str
    words: str  # "half the squared difference"
    description: str
    outputs: tuple[str, ...] = ()  # the output activations it needs (any if empty)
    targets: str = "any"  # "any", "unit_interval" (each in [0, 1]) or "probability"

    @cached_property
    def value(self) -> Callable[[float, float, int], float]:
        """``E(t, out, n)`` as a Python function (compiled at its first use)."""
        return _compile("t, out, n", self.plain_value_code, MATH_FUNCTIONS)

    @property
    def plain_value_code(self) -> str:
        """``value_code`` with ``log_out`` written as ``log(out)``."""
        return fill_log_out(self.value_code, "log(out)")

    @cached_property
    def slope(self) -> Callable[[float, float, int], float]:
        """``dE/dout`` as a Python function of ``t``, ``out`` and ``n``."""
        return _compile("t, out, n", self.slope_code, MATH_FUNCTIONS)

    @cached_property
    def array_functions(self) -> tuple[Callable[..., Any], Callable[..., Any]]:
        """``(value, slope)`` compiled from the same expressions for numpy arrays."""
        namespace = _array_namespace()
        return _compile("t, out, n", self.plain_value_code, namespace), _compile(
            "t, out, n", self.slope_code, namespace
        )


ACTIVATIONS: dict[str, Activation] = {
    a.name: a
    for a in (
        Activation(
            name="sigmoid",
            value_code="1.0 / (1.0 + exp(-net))",
            slope_code="out * (1.0 - out)",
            sympy_code="sigma(net)",
            text="sigmoid(net)",
            latex=r"\sigma(net)",
            slope_text="out * (1 - out)",
            slope_latex=r"out (1 - out)",
            words="sigmoid",
            description="logistic sigmoid 1/(1+e^-net), values in (0, 1)",
        ),
        Activation(
            name="tanh",
            value_code="tanh(net)",
            slope_code="1.0 - out * out",
            sympy_code="tanh(net)",
            text="tanh(net)",
            latex=r"\tanh(net)",
            slope_text="1 - out * out",
            slope_latex=r"1 - out^2",
            words="tanh",
            description="hyperbolic tangent, values in (-1, 1)",
        ),
        Activation(
            name="relu",
            value_code="(net > 0.0) * net + 0.0",  # + 0.0 turns -0.0 into 0.0
            slope_code="(net > 0.0) * 1.0",
            sympy_code="Piecewise((net, net > 0), (0, True))",
            text="max(0, net)",
            latex=r"\max(0, net)",
            slope_text="(net > 0)",
            slope_latex=r"[net > 0]",
            words="relu",
            description="rectified linear max(0, net); slope 0 at net = 0",
        ),
        Activation(
            name="linear",
            value_code="net",
            slope_code="1.0",
            sympy_code="net",
            text="net",
            latex="net",
            slope_text="1",
            slope_latex="1",
            words="linear",
            description="identity: out = net",
        ),
        Activation(
            name="leaky_relu",
            value_code="(net > 0.0) * net + (net <= 0.0) * (0.01 * net)",
            slope_code="(net > 0.0) * 1.0 + (net <= 0.0) * 0.01",
            sympy_code="Piecewise((net, net > 0), (0.01 * net, True))",
            text="max(0.01 net, net)",
            latex=r"\max(0.01\,net, net)",
            slope_text="(net > 0) + 0.01 (net <= 0)",
            slope_latex=r"[net > 0] + 0.01\,[net \le 0]",
            words="leaky ReLU",
            description="leaky rectified linear: net above 0, else 0.01 net",
        ),
        Activation(
            name="softmax",
            value_code="exp(net - logsumexp(nets))",
            slope_code="out * (1.0 - out)",
            sympy_code="exp(net) / Add(*[exp(x) for x in nets])",
            text="exp(net) / (sum of exp(net_j) over the layer)",
            latex=r"\frac{e^{net}}{\sum_j e^{net_j}}",
            slope_text="out_k * (delta_kj - out_j)",
            slope_latex=r"out_k (\delta_{kj} - out_j)",
            words="softmax",
            description="softmax exp(net_k) / sum_j exp(net_j): the output layer's outputs "
            "are positive and add up to 1 (output layer only)",
            layerwise=True,
            cross_slope_code="-out * other",
            log_code="net - logsumexp(nets)",
        ),
    )
}

LOSSES: dict[str, Loss] = {
    loss.name: loss
    for loss in (
        Loss(
            name="half_squared_error",
            value_code="0.5 * (t - out) * (t - out)",
            slope_code="-(t - out)",
            sympy_code="Rational(1, 2) * (t - out)**2",
            text="1/2 (t - out)^2",
            latex=r"\frac{1}{2}(t - out)^2",
            words="half the squared difference",
            description="sum of 1/2 (t - out)^2 over the outputs (Mazur's)",
        ),
        Loss(
            name="mse",
            value_code="(t - out) * (t - out) / n",
            slope_code="-2.0 * (t - out) / n",
            sympy_code="(t - out)**2 / n",
            text="(t - out)^2 / n",
            latex=r"\frac{(t - out)^2}{n}",
            words="the squared difference divided by the number of outputs",
            description="mean of (t - out)^2",
        ),
        Loss(
            name="binary_cross_entropy",
            value_code="-(t * log(out) + (1.0 - t) * log(1.0 - out)) / n",
            slope_code="-(t / out - (1.0 - t) / (1.0 - out)) / n",
            sympy_code="-(t * log(out) + (1 - t) * log(1 - out)) / n",
            text="-(t ln(out) + (1 - t) ln(1 - out)) / n",
            latex=r"-\frac{t \ln out + (1 - t) \ln(1 - out)}{n}",
            words="the cross-entropy, divided by the number of outputs",
            description="mean of -(t ln out + (1 - t) ln(1 - out)); targets in [0, 1], "
            "sigmoid outputs",
            outputs=("sigmoid", "softmax"),
            targets="unit_interval",
        ),
        Loss(
            name="cross_entropy",
            value_code="-t * log_out + 0.0",  # + 0.0 turns -0.0 (t = 0 or out = 1) into 0.0
            slope_code="-t / out",
            sympy_code="-t * log(out)",
            text="-t ln(out)",
            latex=r"-t \ln out",
            words="minus the target times the log of the output",
            description="sum of -t ln out over the outputs; targets a probability vector "
            "(each >= 0, adding up to 1), softmax or sigmoid outputs",
            outputs=("softmax", "sigmoid"),
            targets="probability",
        ),
    )
}


def get_activation(name: str) -> Activation:
    """The activation called ``name``; a clear ``ValueError`` otherwise.

    >>> get_activation("swish")
    Traceback (most recent call last):
    ...
    ValueError: unknown activation 'swish': allowed are sigmoid, tanh, relu, linear...
    """
    if not isinstance(name, str) or name not in ACTIVATIONS:
        allowed = ", ".join(ACTIVATIONS)
        raise ValueError(f"unknown activation {echo(repr(name))}: allowed are {allowed}")
    return ACTIVATIONS[name]


def activations_for(output: bool) -> tuple[str, ...]:
    """The activations a layer may have: every one on the output layer,
    those not marked ``output_only`` on a hidden layer (the builder's menus).

    >>> activations_for(output=False)[:3], "sigmoid" in activations_for(output=True)
    (('sigmoid', 'tanh', 'relu'), True)
    """
    return tuple(name for name, a in ACTIVATIONS.items() if output or not a.output_only)


def elementwise_activation(name: str) -> Activation:
    """The activation called ``name`` if it is a function of one ``net``
    (a curve, an elementwise layer); the softmax is not.

    >>> elementwise_activation("softmax")
    Traceback (most recent call last):
    ...
    ValueError: activation: softmax depends on every net input of its layer, not on one net; ...
    """
    activation = get_activation(name)
    if activation.layerwise:
        allowed = ", ".join(n for n, a in ACTIVATIONS.items() if not a.layerwise)
        raise ValueError(
            f"activation: {name} depends on every net input of its layer, not on one net; "
            f"allowed are {allowed}"
        )
    return activation


def get_loss(name: str) -> Loss:
    """The loss called ``name``; a clear ``ValueError`` otherwise.

    >>> get_loss("hinge")
    Traceback (most recent call last):
    ...
    ValueError: unknown loss 'hinge': allowed are half_squared_error, mse, binary_cross_entropy, ...
    """
    if not isinstance(name, str) or name not in LOSSES:
        raise ValueError(f"unknown loss {echo(repr(name))}: allowed are {', '.join(LOSSES)}")
    return LOSSES[name]
