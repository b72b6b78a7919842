"""What a network cannot do: learn ``x * y`` on a range and use it outside.

A network with one hidden layer of ``tanh`` neurons and a linear output
(:func:`product_network`), trained on ``x * y`` for points in ``[0, 1]^2``
(:func:`fit_product`), is close there (:func:`inside_error`) and hopeless
at ``(10, 10)`` (:func:`extrapolation_table`, :func:`diagonal_plot`): its
``tanh`` neurons saturate, so its output can never pass a bound
(:func:`output_bound`). It learned the function on a range, not
multiplication.

Everything is seeded; the training (about a second) is cached.

Example
-------
>>> output_bound(fit_product()).bound < 10 * 10  # the true x*y at (10, 10)
True
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from mazur_nn.core.layers import MSE, Linear
from mazur_nn.core.table import Table
from mazur_nn.core.validate import (
    finite_number,
    float_array,
    number_interval,
    positive_number,
    whole_number,
    wrong_kind,
)
from mazur_nn.lessons.capabilities.formats import decimals
from mazur_nn.lessons.capabilities.hidden_layer import tanh_network
from mazur_nn.lessons.capabilities.limits import MAX_HIDDEN, MAX_PRODUCT_POINTS, MAX_SEED
from mazur_nn.lessons.capabilities.separable import point_columns
from mazur_nn.render.figure import figure
from mazur_nn.render.surfaces import grid

SATURATED = 0.99  # |tanh(net)| above this: the neuron is saturated
# Where the x*y network is tried: inside its training square, then far outside.
PRODUCT_POINTS = ((0.5, 0.5), (0.2, 0.9), (1.0, 1.0), (2.0, 3.0), (5.0, 5.0), (10.0, 10.0))


def point_pairs(values, field: str = "points"):
    """``(x, y)`` pairs (a list of them) as a ``(2, k)`` array, one point per
    column.

    >>> point_pairs([(0.5, 0.5), (10, 10)]).tolist()
    [[0.5, 10.0], [0.5, 10.0]]
    """
    array = float_array(values, field, "(x, y) pairs of numbers")
    if array.ndim != 2 or array.shape[1] != 2 or array.shape[0] < 1:
        raise wrong_kind(field, "a list of (x, y) pairs", f"shape {array.shape}", ValueError)
    return point_columns(array.T, field)


def product_data(m: int = 50, seed: int = 0, low=0.0, high=1.0):
    """``(X, T)``: ``m`` points uniform in ``[low, high]^2`` (``seed``)
    and their products ``x * y``.

    >>> X, T = product_data(4, seed=0)
    >>> X.shape, T.shape, bool(abs(T[0, 0] - X[0, 0] * X[1, 0]) < 1e-15)
    ((2, 4), (1, 4), True)
    """
    m = whole_number(m, "m", 4, MAX_PRODUCT_POINTS)
    seed = whole_number(seed, "seed", 0, MAX_SEED)
    low, high = number_interval(low, high)
    X = np.random.default_rng(seed).uniform(low, high, (2, m))
    return X, (X[0] * X[1])[None, :]


@dataclass(frozen=True, eq=False)
class ProductFit:
    """A 2-hidden-1 network (tanh, then a linear output) trained on
    ``x * y`` for points in ``[low, high]^2``."""

    network: object  # the trained Sequential
    training: object  # its Epochs
    m: int
    low: float
    high: float

    @property
    def hidden(self) -> int:
        return self.network.layers[0].shape[1]

    def predict(self, points):
        """The network's ``x * y`` for ``points`` of shape ``(2, k)``."""
        return self.network.predict(point_columns(points))

    def hidden_outputs(self, points):
        """The hidden neurons' ``tanh`` outputs, shape ``(hidden, k)``."""
        forward = self.network.forward(point_columns(points))
        return forward.inputs[2]

    def __repr__(self) -> str:
        losses = self.training.losses
        square = f"[{self.low:g}, {self.high:g}]^2"
        return (
            f"ProductFit(2-{self.hidden}-1, tanh then linear, trained on x*y for {self.m} points "
            f"in {square}: loss {decimals(losses[0])} -> {losses[-1]:.2e} in {len(losses)} epochs)"
        )


def product_network(hidden: int = 16, seed: int = 0):
    """``hidden`` tanh neurons and a linear output, with the mean squared
    error: a regression network.

    >>> product_network(4)
    Sequential([Dense(2 -> 4), Tanh(), Dense(4 -> 1), Linear()], mse)
    """
    return tanh_network(hidden, seed, Linear(), MSE())


def fit_product(
    hidden: int = 16,
    m: int = 50,
    seed: int = 0,
    learning_rate=0.2,
    epochs: int = 2000,
    low=0.0,
    high=1.0,
) -> ProductFit:
    """:func:`product_network` trained by full-batch gradient descent on
    :func:`product_data`. Cached: the same arguments give the same result at
    once.

    >>> fit_product(hidden=0)
    Traceback (most recent call last):
    ...
    ValueError: hidden: expected a whole number from 1 to 256, got 0
    """
    hidden = whole_number(hidden, "hidden", 1, MAX_HIDDEN)
    m = whole_number(m, "m", 4, MAX_PRODUCT_POINTS)
    seed = whole_number(seed, "seed", 0, MAX_SEED)
    learning_rate = positive_number(learning_rate, "learning_rate")
    low, high = number_interval(low, high)
    return _fit_product(hidden, m, seed, learning_rate, epochs, low, high)


@lru_cache(maxsize=8)
def _fit_product(hidden, m, seed, learning_rate, epochs, low, high) -> ProductFit:
    X, T = product_data(m, seed, low, high)
    training = product_network(hidden, seed).train(X, T, learning_rate, epochs)
    return ProductFit(training.network, training, m, low, high)


def _check_fit(fit) -> ProductFit:
    if not isinstance(fit, ProductFit):
        raise wrong_kind("fit", "a ProductFit (see fit_product())", type(fit).__name__)
    return fit


def extrapolation_table(fit: ProductFit, points=PRODUCT_POINTS):
    """The network's ``x * y`` against the true product, inside the
    training square and outside it, with how many hidden neurons saturate
    (``|tanh| > 0.99``)."""
    fit = _check_fit(fit)
    P = point_pairs(points)
    predicted = fit.predict(P)[0]
    saturated = (abs(fit.hidden_outputs(P)) > SATURATED).sum(axis=0)
    rows = []
    for k in range(P.shape[1]):
        x, y = P[:, k]
        inside = fit.low <= x <= fit.high and fit.low <= y <= fit.high
        rows.append(
            (
                f"{x:g}",
                f"{y:g}",
                f"{x * y:g}",
                decimals(predicted[k]),
                decimals(predicted[k] - x * y),
                "yes" if inside else "no",
                f"{int(saturated[k])} of {fit.hidden}",
            )
        )
    return Table(
        ("x", "y", "true x*y", "network", "error", "inside the training square", "saturated tanh"),
        rows,
        f"x*y learned on [{fit.low:g}, {fit.high:g}]^2, tried inside and outside",
    )


def inside_error(fit: ProductFit, steps: int = 21) -> float:
    """The largest ``|network - x * y|`` on a ``steps`` x ``steps`` grid
    covering the training square."""
    fit = _check_fit(fit)
    steps = whole_number(steps, "steps", 2, 1000)
    _, _, P = grid((fit.low, fit.high), (fit.low, fit.high), steps)
    return float(np.abs(fit.predict(P)[0] - P[0] * P[1]).max())


@dataclass(frozen=True)
class OutputBound:
    """``|output| <= |b| + sum_j |v_j|``: with ``|tanh| <= 1``, the
    network's output can never leave this bound, whatever the input. Far
    out along the diagonal every hidden neuron is saturated at
    ``sign(w_j1 + w_j2)``, so the output levels off at ``diagonal_limit``."""

    bias: float
    weights: float  # sum of |v_j|, the output layer's weights
    hidden: int
    diagonal_limit: float  # b + sum_j v_j sign(w_j1 + w_j2)

    @property
    def bound(self) -> float:
        return abs(self.bias) + self.weights

    def __repr__(self) -> str:
        return (
            f"OutputBound(|output| <= |b| + sum of the {self.hidden} |v_j| = "
            f"{abs(self.bias):.4f} + {self.weights:.4f} = {self.bound:.4f} for every input; "
            f"along x = y it levels off at {self.diagonal_limit:.4f})"
        )


def output_bound(fit: ProductFit) -> OutputBound:
    """The largest output the fitted network can ever give: each hidden
    output is a ``tanh``, between -1 and 1, so the linear output
    ``v . h + b`` stays within ``|b| + sum |v_j|``; and the value it
    levels off at along ``x = y``."""
    fit = _check_fit(fit)
    first, last = fit.network.layers[0], fit.network.layers[2]
    v, b = last.W[0], float(last.B[0, 0])
    limit = b + float(v @ np.sign(first.W[:, 0] + first.W[:, 1]))
    return OutputBound(b, float(np.abs(v).sum()), fit.hidden, limit)


def diagonal_plot(fit: ProductFit, high=10.0, steps: int = 201):
    """The network's ``x * y`` and the true one along the diagonal
    ``x = y`` from 0 to ``high``, the training range shaded: the whole way
    (left) and near the training square (right)."""
    fit = _check_fit(fit)
    high = finite_number(high, "high")
    if not high > fit.high:
        raise ValueError(f"high: expected a number above the training range's {fit.high}")
    steps = whole_number(steps, "steps", 2, 10_000)
    bound = output_bound(fit).bound
    fig = figure(9.0, 3.8)
    for ax, end in zip(fig.subplots(1, 2), (high, min(high, 2.0 * fit.high))):
        x = np.linspace(min(0.0, fit.low), end, steps)
        ax.axvspan(fit.low, fit.high, color="#009E73", alpha=0.15, label="training range")
        ax.plot(x, x * x, color="#222222", linewidth=2.0, label="true x*y = x^2")
        ax.plot(
            x,
            fit.predict(np.vstack([x, x]))[0],
            color="#D55E00",
            linewidth=2.2,
            linestyle="--",
            label="network",
        )
        if end == high:
            ax.axhline(bound, color="#0072B2", linewidth=1.0, linestyle=":", label="output bound")
        ax.set_xlabel("x = y")
        ax.set_title(f"x*y along the diagonal x = y, 0 to {end:g}", fontsize=10)
        ax.legend(loc="upper left", fontsize=8)
    fig.tight_layout()
    return fig
