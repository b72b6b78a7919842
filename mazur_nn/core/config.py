"""A worked example: a network, one training example and the training options.

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
"""

from __future__ import annotations

import dataclasses
import json
import math
import os
import stat
from dataclasses import dataclass

from mazur_nn.core import passes
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
)
MAX_CONFIG_BYTES = 1_000_000  # the largest network's config, every weight given, is ~200 kB
MAX_CONFIG_DEPTH = 20  # a config nests 2 deep ({"weights": [...]}); JSON allows any depth
# Open without waiting (a FIFO swapped in after the check); the flags POSIX has.
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)


@dataclass(frozen=True)
class Config:
    """A network with its example (inputs, targets) and training options."""

    network: Network
    inputs: tuple[float, ...]
    targets: tuple[float, ...]
    learning_rate: float = 0.5
    update_biases: bool = False
    hidden_uses: str = "original"

    def __post_init__(self) -> None:
        inputs, targets = passes.check_example(self.network, self.inputs, self.targets)
        object.__setattr__(self, "inputs", inputs)
        object.__setattr__(self, "targets", targets)
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
        for key in ("layers", "inputs", "targets"):
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
        return cls(
            network,
            data["inputs"],
            data["targets"],
            data.get("learning_rate", 0.5),
            data.get("update_biases", False),
            data.get("hidden_uses", "original"),
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
        text = json_nesting(_config_text(path, where), where, MAX_CONFIG_DEPTH)
        try:
            data = json.loads(text, object_pairs_hook=unique_keys, parse_int=json_whole_number)
        except json.JSONDecodeError as exc:
            raise ValueError(f"{where}: not valid JSON ({exc})") from None
        except ValueError as exc:  # a key given twice, a whole number of too many digits
            raise ValueError(f"{where}: {exc}") from None
        return cls.from_dict(data)

    def to_dict(self) -> dict:
        return {
            **self.network.to_dict(),
            "inputs": list(self.inputs),
            "targets": list(self.targets),
            "learning_rate": self.learning_rate,
            "update_biases": self.update_biases,
            "hidden_uses": self.hidden_uses,
        }

    def replace(self, **changes) -> Config:
        """A checked copy with some keys of the config format changed."""
        return Config.from_dict({**self.to_dict(), **changes})

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

    # Shortcuts to the passes, with this example's data and options.
    def forward(self) -> passes.Forward:
        return passes.forward(self.network, self.inputs, self.targets)

    def backward(self) -> passes.Backward:
        return passes.backward(self.network, self.inputs, self.targets)

    def update(self, gradients: passes.Backward | None = None) -> Network:
        """The network after one update with this config's options."""
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
