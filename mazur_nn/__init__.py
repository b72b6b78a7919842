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

from .check import gradient_check
from .config import Config, mazur_example
from .engine import source
from .network import Network
from .passes import (
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
    "source",
    "train",
    "update",
]
__version__ = "0.1.0"
