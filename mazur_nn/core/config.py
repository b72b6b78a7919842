"""A worked example: a network, its training example (or a mini-batch of
examples) and the training options.

This is what a JSON config file holds (see the README for the format), and
what :func:`mazur_example` returns for the post's numbers. A config file is
read only if it is a regular file of at most ``MAX_CONFIG_BYTES``, UTF-8,
nested at most ``MAX_CONFIG_DEPTH`` deep and with no key given twice
(:meth:`Config.from_json`): a device, a FIFO or a folder is refused before
it is opened, so reading one never blocks or runs out of memory.

Example
-------
>>> ex = mazur_example()
>>> ex.network.sizes, ex.inputs, ex.targets, ex.learning_rate
((2, 2, 2), (0.05, 0.1), (0.01, 0.99), 0.5)
>>> Config.from_dict({"layers": [2, 2], "inputs": [1, 2], "targets": [0, 1], "speed": 3})
Traceback (most recent call last):
...
ValueError: config: unknown key 'speed'; allowed keys are layers, activations, loss, ...

A mini-batch is given as ``"examples"`` instead of ``inputs`` and
``targets`` (see :mod:`mazur_nn.core.examples`; the passes over it are in
:mod:`mazur_nn.core.batch`). ``inputs`` and ``targets`` are then the first
example's, and the one-example passes below refuse to run:

>>> batch = Config.from_dict({"layers": [1, 1], "examples": [
...     {"inputs": [1], "targets": [0]}, {"inputs": [2], "targets": [1]}]})
>>> len(batch.examples), batch.example(1).inputs
(2, (2.0,))
>>> batch.backward()
Traceback (most recent call last):
...
ValueError: config: this config has a batch of 2 examples; ... mazur_nn.core.batch
"""

from __future__ import annotations

import dataclasses
import json
import math
import os
import stat
from dataclasses import dataclass

from mazur_nn.core import passes
from mazur_nn.core.examples import Example, check_examples
from mazur_nn.core.network import Network
from mazur_nn.core.validate import (
    choice,
    echo_path,
    json_nesting,
    json_whole_number,
    positive_number,
    quoted,
    true_or_false,
    unique_keys,
    whole_number,
)

KEYS = (
    "layers",
    "activations",
    "loss",
    "bias_mode",
    "weights",
    "biases",
    "seed",
    "inputs",
    "targets",
    "learning_rate",
    "update_biases",
    "hidden_uses",
    "examples",
)
MAX_CONFIG_BYTES = 1_000_000  # the largest network's config, every weight given, is ~200 kB
MAX_CONFIG_DEPTH = 20  # a config nests 2 deep ({"weights": [...]}); JSON allows any depth
# Open without waiting (a FIFO swapped in after the check); the flags POSIX has.
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)


@dataclass(frozen=True)
class Config:
    """A network with its example (inputs, targets) and training options.

    ``examples`` is a mini-batch (1 to 8 examples), the first of which is
    ``inputs`` and ``targets``; left out, it is that one example."""

    network: Network
    inputs: tuple[float, ...]
    targets: tuple[float, ...]
    learning_rate: float = 0.5
    update_biases: bool = False
    hidden_uses: str = "original"
    examples: tuple[Example, ...] = ()

    def __post_init__(self) -> None:
        inputs, targets = passes.check_example(self.network, self.inputs, self.targets)
        object.__setattr__(self, "inputs", inputs)
        object.__setattr__(self, "targets", targets)
        examples = check_examples(self.network, self.examples or [Example(inputs, targets)])
        if examples[0] != Example(inputs, targets):
            raise ValueError("examples: the first example must be the config's inputs and targets")
        object.__setattr__(self, "examples", examples)
        if len(examples) > 1 and self.hidden_uses != "original":
            raise ValueError(
                f"hidden_uses: {self.hidden_uses!r} is not allowed with a batch of examples; "
                "expected 'original' (the post's printed variant is for its one example)"
            )
        object.__setattr__(
            self, "learning_rate", positive_number(self.learning_rate, "learning_rate")
        )
        true_or_false(self.update_biases, "update_biases")
        choice(self.hidden_uses, "hidden_uses", passes.HIDDEN_USES)

    @classmethod
    def from_dict(cls, data: dict) -> Config:
        """Build from the keys of a config file (see the README)."""
        if not isinstance(data, dict):
            raise TypeError(f"config: expected a JSON object, got {type(data).__name__}")
        unknown = [k for k in data if k not in KEYS]
        if unknown:
            raise ValueError(
                f"config: unknown key {quoted(unknown[0])}; allowed keys are {', '.join(KEYS)}"
            )
        batch = "examples" in data
        given = [key for key in ("inputs", "targets") if key in data]
        if batch and given:
            raise ValueError(
                f"config: {given[0]!r} and 'examples' are both given; give either 'inputs' and "
                "'targets' (one example) or 'examples' (a batch)"
            )
        for key in ("layers",) if batch else ("layers", "inputs", "targets"):
            if key not in data:
                raise ValueError(f"config: missing key {key!r}")
        network = Network.create(
            data["layers"],
            activations=data.get("activations", "sigmoid"),
            loss=data.get("loss", "half_squared_error"),
            bias_mode=data.get("bias_mode", "shared"),
            weights=data.get("weights"),
            biases=data.get("biases"),
            seed=data.get("seed"),
        )
        examples = check_examples(network, data["examples"]) if batch else ()
        first = examples[0] if examples else Example(data["inputs"], data["targets"])
        return cls(
            network,
            first.inputs,
            first.targets,
            data.get("learning_rate", 0.5),
            data.get("update_biases", False),
            data.get("hidden_uses", "original"),
            examples,
        )

    @classmethod
    def from_json(cls, path) -> Config:
        """Read a JSON config file; errors (``ValueError``) name the file and
        the problem.

        >>> Config.from_json(".")
        Traceback (most recent call last):
        ...
        ValueError: config file .: a folder; expected a JSON file
        """
        where = f"config file {echo_path(os.fsdecode(path))}"
        return cls.from_json_text(_config_text(path, where), where)

    @classmethod
    def from_json_text(cls, text: str, where: str = "config") -> Config:
        """Build from a config file's text (what the builder's Load box
        takes), with a file's limits: at most ``MAX_CONFIG_BYTES`` bytes,
        nested at most ``MAX_CONFIG_DEPTH`` deep, no key given twice.
        Errors (``ValueError``, ``TypeError``) start with ``where``.

        >>> Config.from_json_text('{"layers": [1, 1], "layers": [2, 1]}')
        Traceback (most recent call last):
        ...
        ValueError: config: the key 'layers' appears twice; give each key once
        """
        if not isinstance(text, str):
            raise TypeError(f"{where}: expected JSON text, got {type(text).__name__}")
        if len(text.encode("utf-8", "surrogatepass")) > MAX_CONFIG_BYTES:
            raise ValueError(f"{where}: longer than {MAX_CONFIG_BYTES} bytes; a config is smaller")
        text = json_nesting(text, where, MAX_CONFIG_DEPTH)
        try:
            data = json.loads(text, object_pairs_hook=unique_keys, parse_int=json_whole_number)
        except json.JSONDecodeError as exc:
            raise ValueError(f"{where}: not valid JSON ({exc})") from None
        except ValueError as exc:  # a key given twice, a whole number of too many digits
            raise ValueError(f"{where}: {exc}") from None
        return cls.from_dict(data)

    def to_dict(self) -> dict:
        """The config file's keys: ``inputs`` and ``targets`` for one example,
        ``examples`` for a batch of several."""
        if len(self.examples) > 1:
            example: dict = {"examples": [e.to_dict() for e in self.examples]}
        else:
            example = {"inputs": list(self.inputs), "targets": list(self.targets)}
        return {
            **self.network.to_dict(),
            **example,
            "learning_rate": self.learning_rate,
            "update_biases": self.update_biases,
            "hidden_uses": self.hidden_uses,
        }

    def replace(self, **changes) -> Config:
        """A checked copy with some keys of the config format changed
        (``examples`` takes the place of ``inputs`` and ``targets``)."""
        base = self.to_dict()
        if "examples" in changes:
            base.pop("inputs", None), base.pop("targets", None)
        return Config.from_dict({**base, **changes})

    def problem_with(self, **changes) -> str | None:
        """What is wrong with these changes (the message of the error
        :meth:`replace` would raise), or ``None`` if they are fine.

        >>> mazur_example().problem_with(learning_rate=-1)
        'learning_rate: -1.0 is not allowed; expected a positive finite number'
        """
        try:
            self.replace(**changes)
        except (TypeError, ValueError) as exc:
            return str(exc)
        return None

    def example(self, k: int) -> Config:
        """The same network and options with only example ``k`` (from 0).

        >>> mazur_example().example(0) == mazur_example()
        True
        """
        whole_number(k, "example", 0, len(self.examples) - 1)
        chosen = self.examples[k]
        return dataclasses.replace(
            self, inputs=chosen.inputs, targets=chosen.targets, examples=(chosen,)
        )

    def _one_example(self) -> None:
        """Refuse a one-example pass on a batch: it would quietly use the first."""
        if len(self.examples) > 1:
            raise ValueError(
                f"config: this config has a batch of {len(self.examples)} examples; a pass "
                "over one example needs config.example(k), and the batch's mean gradient "
                "and update are in mazur_nn.core.batch"
            )

    # Shortcuts to the passes, with this example's data and options.
    def forward(self) -> passes.Forward:
        self._one_example()
        return passes.forward(self.network, self.inputs, self.targets)

    def backward(self) -> passes.Backward:
        self._one_example()
        return passes.backward(self.network, self.inputs, self.targets)

    def update(self, gradients: passes.Backward | None = None) -> Network:
        """The network after one update with this config's options."""
        self._one_example()
        gradients = gradients or self.backward()
        return passes.update(
            self.network,
            gradients,
            self.learning_rate,
            update_biases=self.update_biases,
            hidden_uses=self.hidden_uses,
        )

    def with_parameters(self, changes: dict) -> Config:
        """A copy whose network has some parameters changed by name.

        >>> mazur_example().with_parameters({"w5": 0.5}).network.parameters["w5"]
        0.5
        """
        return dataclasses.replace(self, network=self.network.with_parameters(changes))

    def train(self, rounds: int, on_overflow: str = "raise") -> passes.Training:
        self._one_example()
        return passes.train(
            self.network,
            self.inputs,
            self.targets,
            self.learning_rate,
            rounds,
            update_biases=self.update_biases,
            hidden_uses=self.hidden_uses,
            on_overflow=on_overflow,
        )


def _config_text(path, where: str) -> str:
    """The text of the config file ``path``: a regular file of at most
    ``MAX_CONFIG_BYTES`` (checked before it is opened and again once it is
    open), UTF-8 (a byte-order mark is allowed)."""
    if os.fsdecode(path) == "":
        raise ValueError(f"{where}: the path is empty; expected the path of a JSON file")
    try:
        info = os.stat(path)
    except OSError as exc:
        raise ValueError(f"{where}: cannot be read ({exc.strerror})") from None
    except ValueError:  # a NUL character in the path
        raise ValueError(f"{where}: cannot be read (the path holds a NUL character)") from None
    _check_file(info, where)
    try:
        descriptor = os.open(path, _OPEN_FLAGS)
    except OSError as exc:
        raise ValueError(f"{where}: cannot be read ({exc.strerror})") from None
    try:
        with open(descriptor, "rb") as file:
            _check_file(os.fstat(file.fileno()), where)
            data = file.read(MAX_CONFIG_BYTES + 1)
    except OSError as exc:
        raise ValueError(f"{where}: cannot be read ({exc.strerror})") from None
    if len(data) > MAX_CONFIG_BYTES:  # a file that grew, or one whose size stat does not know
        raise ValueError(f"{where}: longer than {MAX_CONFIG_BYTES} bytes; a config file is smaller")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        byte = f"0x{data[exc.start]:02x}"
        raise ValueError(f"{where}: not UTF-8 text (byte {byte} at position {exc.start})") from None


def _check_file(info: os.stat_result, where: str) -> None:
    """A regular file of at most ``MAX_CONFIG_BYTES``: reading it cannot
    block (a FIFO, a terminal) or go on forever (``/dev/zero``)."""
    if stat.S_ISDIR(info.st_mode):
        raise ValueError(f"{where}: a folder; expected a JSON file")
    if not stat.S_ISREG(info.st_mode):
        raise ValueError(
            f"{where}: not a regular file (a device, FIFO or socket); expected a JSON file"
        )
    if info.st_size > MAX_CONFIG_BYTES:
        raise ValueError(
            f"{where}: {info.st_size} bytes is not allowed; expected at most {MAX_CONFIG_BYTES} "
            "bytes (1 MB)"
        )


def mazur_example(*, hidden_uses: str = "original", update_biases: bool = False) -> Config:
    """Matt Mazur's 2-2-2 example (2015): the post's weights, biases, inputs,
    targets and learning rate; sigmoid everywhere, half squared error, one
    bias shared by each layer, biases not updated.

    >>> round(mazur_example().train(1).E_total, 9)
    0.291027774
    >>> round(mazur_example(hidden_uses="updated").train(1).E_total, 9)
    0.291027924
    """
    network = Network.create(
        [2, 2, 2],
        activations="sigmoid",
        loss="half_squared_error",
        bias_mode="shared",
        weights=[0.15, 0.20, 0.25, 0.30, 0.40, 0.45, 0.50, 0.55],
        biases=[0.35, 0.60],
    )
    return Config(network, (0.05, 0.10), (0.01, 0.99), 0.5, update_biases, hidden_uses)


def mazur_softmax_example() -> Config:
    """Mazur's network with a softmax output layer and the cross-entropy:
    the post's weights, biases, inputs and learning rate; its targets 0.01
    and 0.99 already add up to 1, so they are a probability vector as they
    stand (normalised, they are unchanged).

    >>> ex = mazur_softmax_example()
    >>> ex.network.activations, ex.network.loss, ex.targets
    (('sigmoid', 'softmax'), 'cross_entropy', (0.01, 0.99))
    >>> round(ex.forward()["out_o1"], 9)
    0.470281212
    """
    mazur = mazur_example()
    targets = [t / math.fsum(mazur.targets) for t in mazur.targets]
    network = Network.create(
        list(mazur.network.sizes),
        activations=["sigmoid", "softmax"],
        loss="cross_entropy",
        bias_mode="shared",
        weights=list(mazur.network.weights),
        biases=list(mazur.network.biases),
    )
    return Config(network, mazur.inputs, tuple(targets), mazur.learning_rate)
