"""A worked example: a network, one training example and the training options.

This is what a JSON config file holds (see the README for the format), and
what :func:`mazur_example` returns for the post's numbers.

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
from dataclasses import dataclass
from pathlib import Path

from mazur_nn.core import passes
from mazur_nn.core.network import Network
from mazur_nn.core.validate import choice, positive_number, true_or_false

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
                f"config: unknown key {unknown[0]!r}; allowed keys are {', '.join(KEYS)}"
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
        """Read a JSON config file; errors name the file and the problem."""
        try:
            text = Path(path).read_text(encoding="utf-8")
        except OSError as exc:
            raise ValueError(f"config file {path}: cannot be read ({exc.strerror})") from None
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ValueError(f"config file {path}: not valid JSON ({exc})") from None
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
