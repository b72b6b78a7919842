"""Old import path, kept for one release: use :mod:`mazur_nn.core.layers`.

>>> from mazur_nn.layers import Dense
>>> Dense.__module__
'mazur_nn.core.layers'
"""

from mazur_nn.core.layers import (
    MSE,
    Activation,
    BinaryCrossEntropy,
    CrossEntropy,
    Dense,
    HalfSquaredError,
    Linear,
    Loss,
    ReLU,
    Sequential,
    Sigmoid,
    Softmax,
    Tanh,
    from_network,
    gradients_by_name,
)

__all__ = [
    "MSE",
    "Activation",
    "BinaryCrossEntropy",
    "CrossEntropy",
    "Dense",
    "HalfSquaredError",
    "Linear",
    "Loss",
    "ReLU",
    "Sequential",
    "Sigmoid",
    "Softmax",
    "Tanh",
    "from_network",
    "gradients_by_name",
]
