"""The core: pure Python (numpy only in the layer API), never sympy,
matplotlib or ipywidgets.

Names (:mod:`~mazur_nn.core.names`), the registry of activations and losses
(:mod:`~mazur_nn.core.functions`), the one validation module
(:mod:`~mazur_nn.core.validate`), networks and configs, what a network shape
computes (:mod:`~mazur_nn.core.statements`) and the code generated from it
(:mod:`~mazur_nn.core.codegen`), the passes (forward, backward, update,
train), the layer API, and a plain-loop backprop to read first
(:mod:`~mazur_nn.core.reference`).

>>> from mazur_nn.core.config import mazur_example
>>> round(mazur_example().backward().gradients["w5"], 9)
0.082167041
"""
