"""Reading the model a lesson-09 function is given: a Config, a Network or a
Sequential of Dense and activation layers, all read as the same
:class:`Model` (its Dense layers, their activations and the loss).

>>> from mazur_nn import Config
>>> config = Config.from_dict({"layers": [2, 3, 1], "inputs": [0, 0], "targets": [1]})
>>> found = read_model(config)
>>> found.sizes, found.activations, found.loss
((2, 3, 1), ('sigmoid', 'sigmoid'), 'half_squared_error')
>>> read_model("2-3-1")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
TypeError: model: expected a Config, a Network or a Sequential of Dense and ... layers, got str
"""

# ruff: noqa: E741 (l is the source's name for a layer)
from __future__ import annotations

from dataclasses import dataclass

from mazur_nn.core.config import Config
from mazur_nn.core.layers import Activation, Dense, Sequential, from_network
from mazur_nn.core.network import Network
from mazur_nn.core.validate import wrong_kind


@dataclass(frozen=True, eq=False)
class Model:
    """A network as lesson 09 reads it: ``dense`` and ``activations`` from
    layer 1 on, the loss's name, and where it came from."""

    dense: tuple  # Dense layers, layer 1 first
    activations: tuple  # their activations' names, layer 1 first
    loss: str
    network: object  # the core's Network, or None for a Sequential
    config: object  # the Config, or None

    @property
    def sizes(self) -> tuple[int, ...]:
        return (self.dense[0].W.shape[1], *(d.W.shape[0] for d in self.dense))


def read_model(model) -> Model:
    """A Config, a Network or a Sequential (Dense and activation layers in turn)."""
    config = model if isinstance(model, Config) else None
    network = model.network if config is not None else model
    if isinstance(network, Network):
        layers = from_network(network)
    elif isinstance(model, Sequential):
        network, layers = None, model
    else:
        expected = "a Config, a Network or a Sequential of Dense and activation layers"
        raise wrong_kind("model", expected, type(model).__name__)
    dense, acts = layers.layers[0::2], layers.layers[1::2]
    if (
        len(dense) != len(acts)
        or not all(isinstance(d, Dense) for d in dense)
        or not all(isinstance(a, Activation) for a in acts)
    ):
        expected = "Dense and activation layers in turn (Dense, Sigmoid(), Dense, Sigmoid(), ...)"
        raise wrong_kind("model", expected, repr(layers), ValueError)
    for l in range(1, len(dense)):
        if dense[l].W.shape[1] != dense[l - 1].W.shape[0]:
            raise ValueError(
                f"model: W[{l + 1}] has {dense[l].W.shape[1]} columns, expected "
                f"{dense[l - 1].W.shape[0]} (one per neuron of layer {l})"
            )
    return Model(tuple(dense), tuple(a.name for a in acts), layers.loss.name, network, config)


def read_config(config, field: str = "config"):
    """``config`` if it is a Config (a network with its one example)."""
    if not isinstance(config, Config):
        raise wrong_kind(field, "a Config (a network with its example)", repr(config))
    return config


def shape_text(shape) -> str:
    """A shape as the source writes it.

    >>> shape_text((3, 2))
    '(3, 2)'
    """
    return "(" + ", ".join(map(str, shape)) + ")"
