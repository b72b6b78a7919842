"""The examples of a config: one (``inputs``, ``targets``), or a mini-batch
of 1 to ``MAX_EXAMPLES`` given as ``"examples"``.

Each example is checked as a config's one example is
(:func:`mazur_nn.core.passes.check_example`), and a message names the
example by its place in the JSON list, counted from 0 as JSON paths are:
``examples[2].inputs: ...`` is the third example's inputs.

>>> from mazur_nn import mazur_example
>>> network = mazur_example().network
>>> batch = check_examples(network, [{"inputs": [0.05, 0.1], "targets": [0.01, 0.99]},
...                                  {"inputs": [0.5, -0.2], "targets": [0.5, 0.5]}])
>>> batch[1]
Example(inputs=(0.5, -0.2), targets=(0.5, 0.5))
>>> check_examples(network, [{"inputs": [0.05, 0.1], "targets": [0.01, 0.99]},
...                          {"inputs": [0.5], "targets": [0.5, 0.5]}])
Traceback (most recent call last):
...
ValueError: examples[1].inputs: expected 2 values (i1..i2), got 1
>>> check_examples(network, [])
Traceback (most recent call last):
...
ValueError: examples: an empty batch is not allowed; expected 1 to 8 examples
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from mazur_nn.core.network import Network
from mazur_nn.core.passes import check_example
from mazur_nn.core.validate import not_allowed, quoted, wrong_kind

MAX_EXAMPLES = 8
EXAMPLE_KEYS = ("inputs", "targets")
_EXPECTED = f"1 to {MAX_EXAMPLES} examples"


@dataclass(frozen=True)
class Example:
    """One training example: the inputs and their targets."""

    inputs: tuple[float, ...]
    targets: tuple[float, ...]

    def to_dict(self) -> dict:
        return {"inputs": list(self.inputs), "targets": list(self.targets)}


def check_examples(network: Network, examples: object) -> tuple[Example, ...]:
    """``examples`` (a list of ``{"inputs": [...], "targets": [...]}``
    objects, or of :class:`Example`) checked against ``network``'s first
    and last layers."""
    if isinstance(examples, (str, bytes, Mapping)) or not isinstance(examples, (list, tuple)):
        expected = f'a list of {_EXPECTED} such as [{{"inputs": [...], "targets": [...]}}]'
        raise wrong_kind("examples", expected, quoted(examples))
    if not examples:
        raise ValueError(f"examples: an empty batch is not allowed; expected {_EXPECTED}")
    if len(examples) > MAX_EXAMPLES:
        raise not_allowed("examples", f"a batch of {len(examples)} examples", _EXPECTED)
    return tuple(_example(network, k, example) for k, example in enumerate(examples))


def _example(network: Network, k: int, example: object) -> Example:
    field = f"examples[{k}]"
    if isinstance(example, Example):
        example = example.to_dict()
    if not isinstance(example, Mapping):
        expected = 'an object {"inputs": [...], "targets": [...]}'
        raise wrong_kind(field, expected, quoted(example))
    unknown = [key for key in example if key not in EXAMPLE_KEYS]
    if unknown:
        raise ValueError(
            f"{field}: unknown key {quoted(unknown[0])}; allowed keys are inputs, targets"
        )
    missing = [key for key in EXAMPLE_KEYS if key not in example]
    if missing:
        raise ValueError(f"{field}: missing key {missing[0]!r}")
    try:
        inputs, targets = check_example(network, example["inputs"], example["targets"])
    except (TypeError, ValueError) as exc:
        # The message starts with the field (inputs, targets[t1]): put the example first.
        raise type(exc)(f"{field}.{exc}") from None
    return Example(inputs, targets)
