"""Names of every quantity, following Matt Mazur's post.

One hidden layer (Mazur's case): inputs ``i1, i2, ...``, hidden neurons
``h1, h2, ...``, outputs ``o1, o2, ...``, targets ``t1, t2, ...``.
Several hidden layers: neuron ``k`` of hidden layer ``l`` is ``h{l}_{k}``
(``h1_1``, ``h1_2``, ..., ``h2_1``, ...).

Each neuron ``n`` has ``net_n`` (weighted sum plus bias) and ``out_n``
(activation of ``net_n``); each output has an error ``E_on``; their sum is
``E_total``.

Weights are numbered ``w1 .. wN`` layer by layer, then by the neuron they
feed, then by the neuron they come from, which gives Mazur's ``w1 .. w8``.
Biases: ``shared`` mode has one bias per layer, ``b1`` (first hidden layer),
``b2``, ...; ``per_neuron`` mode names each bias after its neuron: ``b_h1``,
``b_o2``.

Example
-------
>>> names = Names((2, 2, 2), "shared")
>>> names.neurons
(('i1', 'i2'), ('h1', 'h2'), ('o1', 'o2'))
>>> names.weight_matrix[1]
(('w5', 'w6'), ('w7', 'w8'))
>>> names.biases
('b1', 'b2')
>>> latex_name("dE_total/dw5")
'\\\\frac{\\\\partial E_{total}}{\\\\partial w_{5}}'
"""

from __future__ import annotations

import re
from functools import cached_property

BIAS_MODES = ("shared", "per_neuron")


class Names:
    """Every name of a network with layer sizes ``sizes`` (input layer first)."""

    def __init__(self, sizes: tuple[int, ...], bias_mode: str) -> None:
        self.sizes = tuple(sizes)
        self.bias_mode = bias_mode

    @cached_property
    def neurons(self) -> tuple[tuple[str, ...], ...]:
        """Neuron names per layer, the input layer first."""
        last = len(self.sizes) - 1
        layers = []
        for layer, size in enumerate(self.sizes):
            if layer == 0:
                prefix = "i"
            elif layer == last:
                prefix = "o"
            elif last == 2:
                prefix = "h"
            else:
                prefix = f"h{layer}_"
            layers.append(tuple(f"{prefix}{k}" for k in range(1, size + 1)))
        return tuple(layers)

    @cached_property
    def targets(self) -> tuple[str, ...]:
        return tuple(f"t{k}" for k in range(1, self.sizes[-1] + 1))

    @cached_property
    def weight_matrix(self) -> tuple[tuple[tuple[str, ...], ...], ...]:
        """``weight_matrix[l][j][k]``: the weight from neuron ``k`` of layer
        ``l`` to neuron ``j`` of layer ``l + 1`` (``l = 0`` is the input layer)."""
        count = 0
        layers = []
        for fan_in, fan_out in zip(self.sizes, self.sizes[1:]):
            rows = []
            for _ in range(fan_out):
                rows.append(tuple(f"w{count + k}" for k in range(1, fan_in + 1)))
                count += fan_in
            layers.append(tuple(rows))
        return tuple(layers)

    @cached_property
    def weights(self) -> tuple[str, ...]:
        return tuple(w for layer in self.weight_matrix for row in layer for w in row)

    @cached_property
    def bias_of(self) -> dict[str, str]:
        """The bias name feeding each non-input neuron."""
        result = {}
        for layer, neurons in enumerate(self.neurons[1:], start=1):
            for neuron in neurons:
                shared = f"b{layer}"
                result[neuron] = shared if self.bias_mode == "shared" else f"b_{neuron}"
        return result

    @cached_property
    def biases(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(self.bias_of.values()))

    @cached_property
    def layer_biases(self) -> tuple[tuple[str, ...], ...]:
        """Bias names per non-input layer (one each in shared mode)."""
        return tuple(
            tuple(dict.fromkeys(self.bias_of[n] for n in neurons)) for neurons in self.neurons[1:]
        )

    @cached_property
    def parameters(self) -> tuple[str, ...]:
        """All parameters: weights first, then biases."""
        return self.weights + self.biases

    def layer_parameters(self, layer: int) -> tuple[str, ...]:
        """The weights and biases feeding layer ``layer + 1`` (0: the first hidden layer)."""
        weights = tuple(w for row in self.weight_matrix[layer] for w in row)
        return weights + self.layer_biases[layer]

    @cached_property
    def backward_order(self) -> tuple[str, ...]:
        """The parameters in the order backpropagation reaches them: output layer first.

        >>> Names((2, 2, 2), "shared").backward_order
        ('w5', 'w6', 'w7', 'w8', 'b2', 'w1', 'w2', 'w3', 'w4', 'b1')
        """
        layers = reversed(range(len(self.sizes) - 1))
        return tuple(p for layer in layers for p in self.layer_parameters(layer))

    @cached_property
    def forward(self) -> tuple[str, ...]:
        """Forward quantities in the order they are computed."""
        result = []
        for neurons in self.neurons[1:]:
            for n in neurons:
                result += [f"net_{n}", f"out_{n}"]
        return tuple(result)

    @cached_property
    def errors(self) -> tuple[str, ...]:
        return tuple(f"E_{o}" for o in self.neurons[-1]) + ("E_total",)


_FRACTION = re.compile(r"^d(\w+)/d(\w+)$")
_SUBSCRIPTED = re.compile(r"^(net|out|E|delta|b)_(\w+)$")
_INDEXED = re.compile(r"^([a-z])(\d+)$")


def latex_name(name: str) -> str:
    """LaTeX for a quantity's name: ``net_h1`` -> ``net_{h1}``,
    ``w5`` -> ``w_{5}``, ``dE_o1/dout_h1`` -> a partial-derivative fraction,
    ``delta_o1`` -> ``\\delta_{o1}``, ``w5+`` -> ``w_{5}^{+}``.

    >>> latex_name("out_h1")
    'out_{h1}'
    >>> latex_name("delta_o1")
    '\\\\delta_{o1}'
    >>> print(latex_name("dE_total/dout_h1_1 via h2_1"))
    \\frac{\\partial E_{total}}{\\partial out_{h1,1}}\\ (\\text{via } h2,1)
    """
    if name.endswith("+"):
        return latex_name(name[:-1]) + "^{+}"
    if " via " in name:  # one path of a sum over paths: "dE_total/dout_h1_1 via h2_1"
        quantity, neuron = name.split(" via ", 1)
        return rf"{latex_name(quantity)}\ (\text{{via }} {neuron.replace('_', ',')})"
    fraction = _FRACTION.match(name)
    if fraction:
        top, bottom = (latex_name(part) for part in fraction.groups())
        return rf"\frac{{\partial {top}}}{{\partial {bottom}}}"
    subscripted = _SUBSCRIPTED.match(name)
    if subscripted:
        head, sub = subscripted.groups()
        head = r"\delta" if head == "delta" else head
        return f"{head}_{{{sub.replace('_', ',')}}}"
    indexed = _INDEXED.match(name)
    if indexed:
        return f"{indexed.group(1)}_{{{indexed.group(2)}}}"
    return name
