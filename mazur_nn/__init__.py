"""mazur_nn: a step-by-step backpropagation tutor.

Reproduces Matt Mazur's 2-2-2 worked example to every published digit and
generalises it to any small fully connected network, with sympy's symbolic
partial derivatives beside every number.

>>> import mazur_nn
>>> ex = mazur_nn.mazur_example()
>>> round(ex.backward().gradients["w5"], 9)
0.082167041

sympy and matplotlib are imported only by the modules that need them, so
``import mazur_nn`` stays fast.
"""

from mazur_nn.core.codegen import source
from mazur_nn.core.config import Config, mazur_example, mazur_softmax_example
from mazur_nn.core.network import Network
from mazur_nn.core.passes import (
    Backward,
    ChainFactor,
    Forward,
    Training,
    TrainingDiverged,
    backward,
    forward,
    train,
    update,
)

__all__ = [
    "Backward",
    "ChainFactor",
    "Config",
    "Forward",
    "Network",
    "Training",
    "TrainingDiverged",
    "backward",
    "forward",
    "gradient_check",
    "mazur_example",
    "mazur_softmax_example",
    "source",
    "train",
    "update",
]
__version__ = "0.1.0"


def __getattr__(name: str):
    """``gradient_check`` needs sympy: it is imported on first use."""
    if name == "gradient_check":
        from mazur_nn.symbolic.check import gradient_check

        return gradient_check
    raise AttributeError(f"module 'mazur_nn' has no attribute {name!r}")
