"""The XOR data, the network that learns it and its training: four points
as the columns of ``X``, ``[Dense(2, 3), Tanh(), Dense(3, 1), Tanh()]``
with the MSE loss, and full-batch gradient descent.

>>> X, T = xor_data()
>>> X.shape, T.shape
((2, 4), (1, 4))
>>> round(loss_of(xor_network(0)), 6)
1.170491
"""

from __future__ import annotations

import numpy as np

from mazur_nn.core.layers import MSE, Dense, Epochs, Sequential, Tanh
from mazur_nn.core.validate import positive_number, whole_in_range

SEED = 0
"""The default seed: the first layer's weights come from ``seed``, the
second's from ``seed + 1``. With seed 0, learning rate 0.3 and 1000 epochs
the loss falls at every epoch, from 1.170491 to 0.000362, and the network
learns XOR; every seed from 0 to 11 does the same. (With learning rate 0.5
the loss jumps up for a while around epoch 215 before it settles.)"""
LEARNING_RATE = 0.3
EPOCHS = 1000
MAX_EPOCHS = 100_000
MAX_SEED = 2**32 - 1


def xor_data():
    """``(X, T)``: the four XOR points as the columns of ``X`` (shape
    ``(2, 4)``) and their targets ``T`` (shape ``(1, 4)``).

    >>> X, T = xor_data()
    >>> X.tolist(), T.tolist()
    ([[0.0, 0.0, 1.0, 1.0], [0.0, 1.0, 0.0, 1.0]], [[0.0, 1.0, 1.0, 0.0]])
    """
    X = np.array([[0.0, 0.0, 1.0, 1.0], [0.0, 1.0, 0.0, 1.0]])
    T = np.array([[0.0, 1.0, 1.0, 0.0]])
    return X, T


def xor_network(seed: int = SEED) -> Sequential:
    """``[Dense(2, 3), Tanh, Dense(3, 1), Tanh]`` with the MSE loss, untrained.

    Weights are uniform in ``±1/sqrt(inputs)`` (first layer from ``seed``,
    second from ``seed + 1``), biases 0 (see :meth:`Dense.create`).

    >>> xor_network(0)
    Sequential([Dense(2 -> 3), Tanh(), Dense(3 -> 1), Tanh()], mse)
    """
    seed = whole_in_range(seed, "seed", 0, MAX_SEED - 1)
    return Sequential(
        [Dense.create(2, 3, seed), Tanh(), Dense.create(3, 1, seed + 1), Tanh()], MSE()
    )


def train_xor(
    seed: int = SEED, learning_rate: float = LEARNING_RATE, epochs: int = EPOCHS, progress=None
) -> Epochs:
    """Train :func:`xor_network` on the four points: ``epochs`` rounds of
    forward, backward and update on all four at once.

    Returns the layers' :class:`~mazur_nn.core.layers.Epochs` record: the loss
    before each epoch's update (``losses[0]`` is the untrained network's) and
    the trained network. ``progress(done, total)`` is called after every
    epoch.

    >>> train_xor(epochs=0)
    Traceback (most recent call last):
    ...
    ValueError: epochs: 0 is not allowed; expected a whole number from 1 to 100000
    >>> train_xor(learning_rate=0)
    Traceback (most recent call last):
    ...
    ValueError: learning_rate: 0.0 is not allowed; expected a positive finite number
    """
    learning_rate = positive_number(learning_rate, "learning_rate")
    epochs = whole_in_range(epochs, "epochs", 1, MAX_EPOCHS)
    network = xor_network(seed)
    X, T = xor_data()
    return network.train(X, T, learning_rate, epochs, progress=progress)


def loss_of(network: Sequential) -> float:
    """The network's MSE on the four XOR points.

    >>> round(loss_of(xor_network(0)), 6)
    1.170491
    """
    X, T = xor_data()
    return network.loss.value(network.predict(X), T)
