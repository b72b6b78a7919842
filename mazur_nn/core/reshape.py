"""A config's network made larger or smaller, keeping what it can: the
plain functions behind the builder (:mod:`mazur_nn.widgets.builder`).

:func:`reshaped` gives the network new layer sizes (and, if given, new
activations, loss or bias mode). Each weight of the new network that
joins the same two neurons as a weight of the old one (the same layer,
the same neuron it feeds, the same neuron it comes from; the output
layer's weights stay the output layer's) keeps its value; the others are
drawn from ``seed`` as a config file draws them. Biases are kept the same
way (a shared bias becomes each of its neurons' bias; a layer's first
neuron's bias becomes its shared bias). Inputs and targets are kept by
position; a new input is 0.5 and a new target 0.0.

:func:`check_builder_sizes` holds the builder's limits: 0 to
``MAX_HIDDEN_LAYERS`` hidden layers, 1 to ``MAX_BUILDER_NEURONS`` neurons
in each layer (inside the core's own limits), so every network it makes
stays readable in the diagram.

>>> from mazur_nn.core.config import mazur_example
>>> wider = reshaped(mazur_example(), [2, 3, 2], seed=0)
>>> wider.network.names.weight_matrix[0]
(('w1', 'w2'), ('w3', 'w4'), ('w5', 'w6'))
>>> [wider.network.parameters[w] for w in ("w1", "w2", "w3", "w4")]  # kept
[0.15, 0.2, 0.25, 0.3]
>>> wider.network.names.weight_matrix[1][0], wider.network.parameters["w7"]  # was w5
(('w7', 'w8', 'w9'), 0.4)
>>> check_builder_sizes([2, 9, 2])
Traceback (most recent call last):
...
ValueError: layers[2]: 9 is not allowed; expected a whole number from 1 to 8
"""

from __future__ import annotations

from mazur_nn.core.config import Config
from mazur_nn.core.functions import activations_for
from mazur_nn.core.network import MAX_LAYERS, MAX_NEURONS_PER_LAYER, Network
from mazur_nn.core.validate import not_allowed, whole_in_range, wrong_kind

MAX_HIDDEN_LAYERS = MAX_LAYERS - 2  # layers between the inputs and the outputs
MAX_BUILDER_NEURONS = min(8, MAX_NEURONS_PER_LAYER)  # per layer: the diagram stays readable
NEW_INPUT = 0.5
NEW_TARGET = 0.0


def check_builder_sizes(sizes: object) -> tuple[int, ...]:
    """``sizes`` if the builder can show that network: 2 to ``MAX_LAYERS``
    layers of 1 to ``MAX_BUILDER_NEURONS`` neurons (messages name the layer,
    counted from 1)."""
    if not isinstance(sizes, (list, tuple)):
        raise wrong_kind("layers", "a list of layer sizes such as [2, 2, 2]", repr(sizes))
    if not 2 <= len(sizes) <= MAX_LAYERS:
        raise not_allowed(
            "layers",
            f"{len(sizes)} layers",
            f"2 to {MAX_LAYERS} layers (inputs, 0 to {MAX_HIDDEN_LAYERS} hidden layers, outputs)",
        )
    return tuple(
        whole_in_range(size, f"layers[{k}]", 1, MAX_BUILDER_NEURONS)
        for k, size in enumerate(sizes, start=1)
    )


def _old_layer(new: int, new_last: int, old_last: int) -> int | None:
    """The old network's layer (of weights or biases, counted from the
    first non-input one) whose values layer ``new`` keeps: the output
    layer's stay the output layer's."""
    if new == new_last:
        return old_last
    return new if new < old_last else None


def reshaped(
    config: Config,
    sizes,
    *,
    activations=None,
    loss: str | None = None,
    bias_mode: str | None = None,
    seed: int = 0,
) -> Config:
    """``config`` with layer sizes ``sizes`` (see the module's docstring);
    ``activations`` one per non-input layer (kept by default where the layer
    count is the same), ``loss`` and ``bias_mode`` as in a config file."""
    old = config.network
    sizes = list(sizes)
    bias_mode = old.bias_mode if bias_mode is None else bias_mode
    if activations is None:
        activations = _kept_activations(old.activations, len(sizes) - 1)
    drawn = Network.create(sizes, activations, loss or old.loss, bias_mode, seed=seed)
    weights = dict(drawn.parameters)
    old_matrix, new_matrix = old.names.weight_matrix, drawn.names.weight_matrix
    for m, rows in enumerate(new_matrix):
        source = _old_layer(m, len(new_matrix) - 1, len(old_matrix) - 1)
        if source is None:
            continue
        old_rows = old_matrix[source]
        for j, row in enumerate(rows[: len(old_rows)]):
            for k, name in enumerate(row[: len(old_rows[j])]):
                weights[name] = old.parameters[old_rows[j][k]]
    old_bias = old.names.bias_of
    old_neurons, new_neurons = old.names.neurons[1:], drawn.names.neurons[1:]
    for m, neurons in enumerate(new_neurons):
        source = _old_layer(m, len(new_neurons) - 1, len(old_neurons) - 1)
        if source is None:
            continue
        for j, neuron in enumerate(neurons):
            # In shared mode a layer's bias comes from its first neuron's.
            kept = old_neurons[source][j] if j < len(old_neurons[source]) else None
            bias = drawn.names.bias_of[neuron]
            if kept is not None and (bias_mode == "per_neuron" or j == 0):
                weights[bias] = old.parameters[old_bias[kept]]
    inputs = list(config.inputs[: sizes[0]]) + [NEW_INPUT] * (sizes[0] - old.sizes[0])
    targets = list(config.targets[: sizes[-1]]) + [NEW_TARGET] * (sizes[-1] - old.sizes[-1])
    names = drawn.names
    return config.replace(
        layers=sizes,
        activations=list(activations),
        loss=drawn.loss,
        bias_mode=bias_mode,
        weights=[weights[n] for n in names.weights],
        biases=[weights[n] for n in names.biases],
        inputs=inputs,
        targets=targets,
    )


def _kept_activations(old: tuple[str, ...], count: int) -> list[str]:
    """One activation per non-input layer for a network of ``count`` such
    layers: the output layer's stays; a new hidden layer takes the last
    hidden layer's (the output's if there was none)."""
    hidden = list(old[:-1][: count - 1])
    allowed = activations_for(output=False)
    while len(hidden) < count - 1:
        last = hidden[-1] if hidden else old[-1]
        hidden.append(last if last in allowed else allowed[0])
    return [*hidden, old[-1]]


def redrawn(config: Config, seed: int) -> Config:
    """``config`` with every weight and bias drawn from ``seed`` (as a config
    file without ``weights`` and ``biases`` draws them).

    >>> from mazur_nn.core.config import mazur_example
    >>> redrawn(mazur_example(), 0).network.weights == Network.create([2, 2, 2], seed=0).weights
    True
    """
    return config.replace(weights=None, biases=None, seed=seed)
