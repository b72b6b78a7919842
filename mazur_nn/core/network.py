"""A small fully connected network: its shape and its parameters.

A :class:`Network` is an immutable value. It is checked when it is made, so
every later step can trust it. Change a parameter with
:meth:`Network.with_parameters`, which returns a new network.

Example
-------
>>> net = Network.create([2, 2, 2], weights=[0.15, 0.2, 0.25, 0.3, 0.4, 0.45, 0.5, 0.55],
...                      biases=[0.35, 0.6])
>>> net.parameters["w5"], net.parameters["b2"]
(0.4, 0.6)
>>> Network.create([2, 2, 2], weights=[0.1] * 7, biases=[0.35, 0.6])
Traceback (most recent call last):
...
ValueError: weights: expected 8 values (w1..w8), got 7
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import cached_property

from mazur_nn.core.functions import get_activation, get_loss
from mazur_nn.core.names import BIAS_MODES, Names
from mazur_nn.core.validate import (
    choice,
    echo,
    finite_number,
    is_whole,
    number_list,
    whole_number,
    wrong_kind,
)

MAX_NEURONS_PER_LAYER = 32


class Parameters(Mapping):
    """A read-only ``name -> value`` mapping that prints like a dict.

    >>> Parameters([("w1", 0.15), ("b1", 0.35)])
    {'w1': 0.15, 'b1': 0.35}
    """

    def __init__(self, items) -> None:
        self._values = dict(items)

    def __getitem__(self, name: str) -> float:
        return self._values[name]

    def __iter__(self):
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def __repr__(self) -> str:
        return repr(self._values)

    def _repr_pretty_(self, printer, cycle) -> None:
        printer.pretty(self._values)


MAX_LAYERS = 6


@dataclass(frozen=True)
class Network:
    """Layer sizes (input first), one activation per non-input layer, a loss,
    a bias mode, and the weights ``w1..wN`` and biases in naming order."""

    sizes: tuple[int, ...]
    activations: tuple[str, ...]
    loss: str
    bias_mode: str
    weights: tuple[float, ...]
    biases: tuple[float, ...]

    @classmethod
    def create(
        cls,
        sizes,
        activations="sigmoid",
        loss="half_squared_error",
        bias_mode="shared",
        weights=None,
        biases=None,
        seed=None,
    ) -> Network:
        """Check everything and build a network.

        ``activations`` is one name for every layer or a list with one per
        non-input layer. ``weights`` and ``biases`` are lists in naming order
        or mappings from names to values; what is left out is drawn from
        ``seed`` (default 0): uniform in [-1, 1], rounded to two decimals so
        students can follow the numbers by hand.
        """
        sizes = _check_sizes(sizes)
        layer_count = len(sizes) - 1
        if isinstance(activations, str):
            activations = [activations] * layer_count
        if isinstance(activations, (list, tuple)) and len(activations) != layer_count:
            raise ValueError(
                f"activations: expected {layer_count} names (one per non-input layer), "
                f"got {len(activations)}"
            )
        if not isinstance(activations, (list, tuple)):
            raise TypeError(
                f"activations: expected a name or a list of names, got {echo(repr(activations))}"
            )
        for name in activations:
            _named_field("activations", get_activation, name)
        _named_field("loss", get_loss, loss)
        choice(bias_mode, "bias_mode", BIAS_MODES)
        _check_layerwise(activations, sizes)
        needed = get_loss(loss).outputs
        if needed and activations[-1] not in needed:
            raise ValueError(
                f"loss: {loss} needs outputs in (0, 1); use {' or '.join(needed)} as the "
                f"output layer's activation, not {activations[-1]}"
            )
        names = Names(sizes, bias_mode)
        rng = random.Random(0 if seed is None else whole_number(seed, "seed"))
        weights = _parameter_values(weights, names.weights, "weights", rng)
        biases = _parameter_values(biases, names.biases, "biases", rng)
        return cls(sizes, tuple(activations), loss, bias_mode, weights, biases)

    @cached_property
    def names(self) -> Names:
        return Names(self.sizes, self.bias_mode)

    @cached_property
    def parameters(self) -> Mapping[str, float]:
        """Every parameter by name, weights first, then biases (read-only)."""
        return Parameters(zip(self.names.parameters, self.weights + self.biases))

    def with_parameters(self, changes: dict) -> Network:
        """A copy with some parameters changed by name, checked.

        >>> Network.create([1, 1], weights=[0.5], biases=[0.0]).with_parameters({"w1": 2}).weights
        (2.0,)
        """
        unknown = sorted(set(changes) - set(self.names.parameters))
        if unknown:
            raise ValueError(
                f"unknown parameter {echo(repr(unknown[0]))}: this network has "
                f"{', '.join(self.names.parameters)}"
            )
        merged = {**self.parameters}
        for name, value in changes.items():
            merged[name] = finite_number(value, name)
        values = [merged[name] for name in self.names.parameters]
        count = len(self.weights)
        return replace(self, weights=tuple(values[:count]), biases=tuple(values[count:]))

    def to_dict(self) -> dict:
        """The network as plain JSON-ready data (the config file's keys)."""
        return {
            "layers": list(self.sizes),
            "activations": list(self.activations),
            "loss": self.loss,
            "bias_mode": self.bias_mode,
            "weights": list(self.weights),
            "biases": list(self.biases),
        }


def _named_field(field: str, lookup, name):
    """``lookup(name)``, its error prefixed by the config field it came from."""
    try:
        return lookup(name)
    except ValueError as exc:
        raise ValueError(f"{field}: {exc}") from None


def _check_layerwise(activations, sizes) -> None:
    """A layerwise activation (the softmax) only in the output layer, and
    only with 2 outputs or more (one output would always be exactly 1)."""
    for layer, name in enumerate(activations, start=1):
        if not get_activation(name).layerwise:
            continue
        if layer != len(activations):
            raise ValueError(
                f"activations: {name} is allowed only in the output layer (its outputs add "
                f"up to 1), not in hidden layer {layer}"
            )
        if sizes[-1] < 2:
            raise ValueError(
                f"activations: {name} needs 2 outputs or more (with one output it is always "
                f"exactly 1), got {sizes[-1]}"
            )


def _check_sizes(sizes) -> tuple[int, ...]:
    if isinstance(sizes, (str, bytes)) or not isinstance(sizes, (list, tuple)):
        raise wrong_kind("layers", "a list of layer sizes such as [2, 2, 2]", repr(sizes))
    if not 2 <= len(sizes) <= MAX_LAYERS:
        expected = f"2 to {MAX_LAYERS} layer sizes (input, hidden..., output)"
        raise wrong_kind("layers", expected, len(sizes), ValueError)
    for size in sizes:
        if not is_whole(size):
            raise TypeError(f"layers: every size must be a whole number, got {echo(repr(size))}")
        if not 1 <= size <= MAX_NEURONS_PER_LAYER:
            raise ValueError(
                f"layers: a layer size must be from 1 to {MAX_NEURONS_PER_LAYER}, got {size}"
            )
    return tuple(sizes)


def _parameter_values(values, names, field, rng) -> tuple[float, ...]:
    if values is None:
        return tuple(round(rng.uniform(-1.0, 1.0), 2) for _ in names)
    if isinstance(values, dict):
        unknown = sorted(set(values) - set(names))
        if unknown:
            raise ValueError(
                f"{field}: unknown name {echo(repr(unknown[0]))}; allowed are {', '.join(names)}"
            )
        missing = [n for n in names if n not in values]
        if missing:
            raise ValueError(f"{field}: missing {', '.join(missing)}")
        values = [values[n] for n in names]
    return number_list(values, field, len(names), names)
