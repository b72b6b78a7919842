"""The source's symbols for the quantities of a pass: ``W[l]``, ``b[l]``,
``Z[l]``, ``A[l]`` and the gradients ``dA[l]``, ``dZ[l]``, ``dW[l]``,
``db[l]``; how such a name is read and written in LaTeX, and how a sentence
names the loss (the registry's ``words``, :mod:`mazur_nn.core.functions`).

>>> QUANTITY.match("dW[1]").groups(), latex_symbol("dW[1]"), latex_symbol("J")
(('dW', '1'), 'dW^{[1]}', 'J')
>>> loss_words("binary_cross_entropy"), loss_words("half_squared_error")
('binary cross-entropy', 'half the squared difference')
>>> forward_names(1), backward_names(2)[:5]
(['Z[1]', 'A[1]'], ['dA[2]', 'dZ[2]', 'dW[2]', 'db[2]', 'dA[1]'])
"""

# ruff: noqa: E741 (l is the source's name for a layer)

from __future__ import annotations

import re
from types import MappingProxyType

from mazur_nn.core.functions import LOSSES, get_loss

QUANTITY_NAMES = ("W", "b", "Z", "A", "dA", "dZ", "dW", "db")
QUANTITY = re.compile(r"^(dW|db|dZ|dA|W|b|Z|A)\[(\d+)\]$")
"""A quantity of layer ``l``: ``dW[1]`` -> ``("dW", "1")``."""

_SOURCE_LOSS_NAMES = {"binary_cross_entropy": "binary cross-entropy"}
"""The source's name for its loss, which the lesson's outputs show; the
registry's words for it read "the cross-entropy, divided by the number of
outputs"."""


def loss_words(loss: str) -> str:
    """How a sentence names the loss ``loss``: the registry's ``words`` (the
    source's name for the binary cross-entropy)."""
    return _SOURCE_LOSS_NAMES.get(loss) or get_loss(loss).words


LOSS_WORDS = MappingProxyType({name: loss_words(name) for name in LOSSES})
""":func:`loss_words` of every loss in the registry."""


def latex_symbol(name: str) -> str:
    """``dW[1]`` -> ``dW^{[1]}``; ``X``, ``J`` unchanged."""
    found = QUANTITY.match(name)
    return f"{found.group(1)}^{{[{found.group(2)}]}}" if found else name


def forward_names(L: int) -> list[str]:
    """The quantities the forward pass computes, in order, for ``L`` layers."""
    return [q for l in range(1, L + 1) for q in (f"Z[{l}]", f"A[{l}]")]


def backward_names(L: int) -> list[str]:
    """The quantities the backward pass computes, in order, from ``dA[L]``."""
    names = [f"dA[{L}]"]
    for l in range(L, 0, -1):
        names += [f"dZ[{l}]", f"dW[{l}]", f"db[{l}]"] + ([f"dA[{l - 1}]"] if l > 1 else [])
    return names
