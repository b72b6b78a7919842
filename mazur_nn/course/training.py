"""Training curves: E_total and the outputs, round by round, for a config.

:func:`train_with_curves` runs training in chunks so a progress bar can
follow it, and samples the outputs (and the whole network) along the way;
:func:`mazur_nn.render.plots.plot_curves` draws them, and
:mod:`mazur_nn.render.film` animates the sampled networks.

>>> from mazur_nn import mazur_example
>>> curves = train_with_curves(mazur_example(), 1000, samples=10)
>>> curves.rounds[-1], round(curves.E_total[0], 9)
(1000, 0.298371109)
>>> len(curves.networks) == len(curves.rounds), curves.networks[0] == mazur_example().network
(True, True)
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from mazur_nn.core.config import Config
from mazur_nn.core.network import Network
from mazur_nn.core.passes import TrainingDiverged, forward
from mazur_nn.core.validate import choice

# The post's two rules for the hidden layers' update (its errata), as the
# training view, the chart and the animation name them.
RULE_LABELS = {
    "original": "original w5..w8 (post's steps)",
    "updated": "updated w5..w8 (post's script)",
}


@dataclass(frozen=True)
class Curves:
    """``rounds[k]`` rounds done: ``E_total[k]`` and ``outputs[o][k]``
    (E_total after that many updates) and ``networks[k]`` (the network
    then); ``history`` is every round's error. ``stopped`` says why
    training ended early (``on_overflow="stop"``); the curves then end at
    the last state whose numbers were finite."""

    label: str
    rounds: tuple[int, ...]
    E_total: tuple[float, ...]
    outputs: dict[str, tuple[float, ...]]
    targets: dict[str, float]
    history: tuple[float, ...]
    stopped: str | None = None
    networks: tuple[Network, ...] = ()


def train_with_curves(
    config: Config,
    rounds: int,
    samples: int = 200,
    progress=None,
    label: str | None = None,
    on_overflow: str = "raise",
) -> Curves:
    """Train ``rounds`` rounds in up to ``samples`` chunks; ``progress(done,
    rounds)`` is called after each chunk. If the numbers leave float64's
    range, ``on_overflow="raise"`` raises ``TrainingDiverged`` like
    :func:`mazur_nn.train` (naming the round of the whole run); ``"stop"``
    returns the curves up to the last finite state, with the reason in
    ``stopped``.

    >>> from mazur_nn import Config, Network
    >>> linear = Network.create([2, 2, 2], "linear", seed=1)
    >>> curves = train_with_curves(Config(linear, (0.5, 0.1), (0.2, 0.3), 1e6), 100,
    ...                            on_overflow="stop")
    >>> curves.stopped.startswith("training stopped at round"), curves.rounds[-1] < 100
    (True, True)
    """
    choice(on_overflow, "on_overflow", ("raise", "stop"))
    names = config.network.names
    chunk = max(1, rounds // max(1, samples))
    network = config.network
    first = forward(network, config.inputs, config.targets)
    done, marks, errors, networks = 0, [0], [first["E_total"]], [network]
    outs = {o: [first[f"out_{o}"]] for o in names.neurons[-1]}
    history: list[float] = []
    stopped = None
    while done < rounds and stopped is None:
        step = min(chunk, rounds - done)
        result = dataclasses.replace(config, network=network).train(step, on_overflow="stop")
        if result.stopped is not None:
            where = done + len(result.history) + 1
            reason = result.stopped.split(": ", 1)[1]
            stopped = f"training stopped at round {where} of {rounds}: {reason}"
            history.extend(result.history)
            if on_overflow == "raise":
                raise TrainingDiverged(stopped, where, history)
            step = len(result.history)
        network, done = result.network, done + step
        history.extend(result.history if stopped is None else ())
        if step:
            marks.append(done)
            networks.append(network)
            errors.append(result.E_total)
            for o in outs:
                outs[o].append(result.outputs[o])
        if progress is not None:
            progress(done, rounds)
    return Curves(
        label or f"hidden layer uses {config.hidden_uses} w",
        tuple(marks),
        tuple(errors),
        {o: tuple(v) for o, v in outs.items()},
        dict(zip(names.neurons[-1], config.targets)),
        tuple(history),
        stopped,
        tuple(networks),
    )
