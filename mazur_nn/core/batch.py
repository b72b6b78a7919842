"""A mini-batch: the mean error, the mean gradient, one update.

A config's ``examples`` (see :mod:`mazur_nn.core.examples`) are a batch of
``m`` examples. Its error is the mean of each example's ``E_total``, and
the gradient of that mean is the mean of the examples' gradients (the
derivative of a sum is the sum of the derivatives):

    E_batch = (E_total(1) + ... + E_total(m)) / m
    dE_batch/dp = (dE_total(1)/dp + ... + dE_total(m)/dp) / m

:func:`backward` runs each example's forward and backward pass (the core's
:func:`~mazur_nn.core.passes.backward`, nothing changed) and takes the
means; :func:`update` then moves every parameter once against the mean
gradient (**batch gradient descent**). :func:`stochastic` is the other
way: one update per example, in order, each from the network the previous
one left (**stochastic gradient descent**), so the second example's
gradient is taken at other weights. :func:`train` repeats either.

Example
-------
>>> config = mazur_batch()  # Mazur's network, the post's example and two more
>>> gradients = backward(config)
>>> [round(g.gradients["w5"], 9) for g in gradients.examples]
[0.082167041, 0.027965264, 0.064494915]
>>> round(gradients.gradients["w5"], 9), round(update(config, gradients).parameters["w5"], 9)
(0.058209073, 0.370895463)
>>> [round(s.network.parameters["w5"], 9) for s in stochastic(config)]
[0.35891648, 0.345118382, 0.312491933]
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cached_property

from mazur_nn.core.config import Config, mazur_example
from mazur_nn.core.examples import Example
from mazur_nn.core.network import Network
from mazur_nn.core.numbers import format_number
from mazur_nn.core.passes import (
    MAX_ROUNDS,
    Backward,
    TrainingDiverged,
    forward,
    step_against,
)
from mazur_nn.core.passes import backward as example_backward
from mazur_nn.core.validate import choice, whole_number

MODES = ("batch", "stochastic")
# The post's example first, then two more (lesson 15's batch).
MAZUR_BATCH = (
    {"inputs": [0.05, 0.10], "targets": [0.01, 0.99]},
    {"inputs": [0.50, -0.20], "targets": [0.50, 0.50]},
    {"inputs": [0.30, 0.70], "targets": [0.20, 0.80]},
)


def mazur_batch() -> Config:
    """Mazur's network and options with a batch of three examples: the
    post's, then two more (:data:`MAZUR_BATCH`).

    >>> mazur_batch().example(0) == mazur_example()
    True
    """
    return mazur_example().replace(examples=list(MAZUR_BATCH))


def mean(values: Iterable[float]) -> float:
    """The mean, summed left to right (as the report writes it out).

    >>> mean([0.25, 0.5, 0.75])
    0.5
    """
    values = list(values)
    total = values[0]
    for value in values[1:]:
        total = total + value
    return total / len(values)


@dataclass(frozen=True)
class BatchBackward:
    """Each example's backward pass (``examples[k]``, a
    :class:`~mazur_nn.core.passes.Backward`), and their means: ``E_total``
    (the batch error) and ``gradients`` (parameter -> the mean of the
    examples' ``dE_total/dp``)."""

    config: Config
    examples: tuple[Backward, ...]

    @property
    def network(self) -> Network:
        return self.config.network

    @property
    def m(self) -> int:
        return len(self.examples)

    @property
    def errors(self) -> tuple[float, ...]:
        """Each example's ``E_total``."""
        return tuple(b.forward["E_total"] for b in self.examples)

    @property
    def E_total(self) -> float:  # noqa: N802 (Mazur's name)
        """The batch error: the mean of the examples' ``E_total``."""
        return mean(self.errors)

    @cached_property
    def gradients(self) -> dict[str, float]:
        return {
            p: mean(b.gradients[p] for b in self.examples) for p in self.network.names.parameters
        }


def backward(config: Config) -> BatchBackward:
    """Every example's forward and backward pass, and the mean gradient."""
    return BatchBackward(
        config,
        tuple(example_backward(config.network, e.inputs, e.targets) for e in config.examples),
    )


def error(network: Network, examples: Sequence[Example]) -> float:
    """The batch error of ``network``: the mean of the examples' ``E_total``."""
    return mean(forward(network, e.inputs, e.targets)["E_total"] for e in examples)


def update(config: Config, gradients: BatchBackward | None = None) -> Network:
    """The network after one step against the batch's mean gradient."""
    gradients = gradients or backward(config)
    if gradients.network != config.network:
        raise ValueError("update: the gradients were computed for a different network")
    return step_against(
        config.network, gradients.gradients, config.learning_rate, config.update_biases
    )


@dataclass(frozen=True)
class StochasticStep:
    """One update of stochastic gradient descent: example ``example`` (from
    0), its gradients at the weights before, and the network after."""

    example: int
    gradients: Backward
    network: Network


def stochastic(config: Config) -> tuple[StochasticStep, ...]:
    """One update per example, in order, each from the network the one
    before left."""
    network, steps = config.network, []
    for k, e in enumerate(config.examples):
        gradients = example_backward(network, e.inputs, e.targets)
        network = step_against(
            network, gradients.gradients, config.learning_rate, config.update_biases
        )
        steps.append(StochasticStep(k, gradients, network))
    return tuple(steps)


@dataclass(frozen=True)
class BatchTraining:
    """``history[r]`` is the batch error before round ``r + 1`` (a round is
    one update of the batch, or one update per example); ``network`` the
    network after every round, ``E_total`` its batch error."""

    mode: str
    history: tuple[float, ...]
    network: Network
    E_total: float  # noqa: N815 (Mazur's name)

    @property
    def rounds(self) -> int:
        return len(self.history)

    def __repr__(self) -> str:
        return (
            f"BatchTraining({self.mode}, {self.rounds} rounds: batch error "
            f"{format_number(self.E_total)})"
        )


def train(config: Config, rounds: int, mode: str = "batch") -> BatchTraining:
    """``rounds`` rounds of batch (``mode="batch"``: one update from the mean
    gradient) or stochastic (``"stochastic"``: one update per example)
    gradient descent. Raises
    :class:`~mazur_nn.core.passes.TrainingDiverged`, naming the round, if
    the numbers leave float64's range.

    >>> from mazur_nn import mazur_example
    >>> round(train(mazur_example(), 1).E_total, 9)  # one example: lesson 04's round
    0.291027774
    """
    rounds = whole_number(rounds, "rounds", 0, MAX_ROUNDS)
    choice(mode, "mode", MODES)
    network, history = config.network, []
    for r in range(rounds):
        try:
            history.append(error(network, config.examples))
            step = replace(config, network=network)
            network = update(step) if mode == "batch" else stochastic(step)[-1].network
        except ValueError as exc:
            raise TrainingDiverged(
                f"training stopped at round {r + 1} of {rounds}: {exc}", r + 1, history[:r]
            ) from None
    try:
        final = error(network, config.examples)
    except ValueError as exc:
        raise TrainingDiverged(
            f"training stopped at round {rounds} of {rounds}: {exc}", rounds, history[:-1]
        ) from None
    return BatchTraining(mode, tuple(history), network, final)
