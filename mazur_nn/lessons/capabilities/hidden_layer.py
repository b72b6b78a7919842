"""The network with one hidden layer of ``tanh`` neurons that both the
classifier of the circles and the ``x * y`` fit are built from: 2 inputs,
``hidden`` tanh neurons, then one output neuron.

>>> from mazur_nn.core.layers import MSE, Linear
>>> tanh_network(4, 0, Linear(), MSE())
Sequential([Dense(2 -> 4), Tanh(), Dense(4 -> 1), Linear()], mse)
"""

from __future__ import annotations

from mazur_nn.core.layers import Activation, Dense, Loss, Sequential, Tanh
from mazur_nn.core.validate import whole_number
from mazur_nn.lessons.capabilities.limits import MAX_HIDDEN, MAX_SEED


def tanh_network(hidden: int, seed: int, output: Activation, loss: Loss) -> Sequential:
    """2 inputs, ``hidden`` tanh neurons, then one neuron with the ``output``
    activation layer, trained on ``loss``: the first layer's weights are
    drawn with ``seed``, the second's with ``seed + 1``.

    >>> from mazur_nn.core.layers import BinaryCrossEntropy, Sigmoid
    >>> tanh_network(0, 0, Sigmoid(), BinaryCrossEntropy())
    Traceback (most recent call last):
    ...
    ValueError: hidden: expected a whole number from 1 to 256, got 0
    """
    hidden = whole_number(hidden, "hidden", 1, MAX_HIDDEN)
    seed = whole_number(seed, "seed", 0, MAX_SEED)
    layers = [Dense.create(2, hidden, seed), Tanh(), Dense.create(hidden, 1, seed + 1), output]
    return Sequential(layers, loss)
