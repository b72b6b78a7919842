"""Training curves: E_total and the outputs, round by round, for a config.

:func:`train_with_curves` runs training in chunks so a progress bar can
follow it, and samples the outputs along the way;
:func:`mazur_nn.render.plots.plot_curves` draws them.

>>> from mazur_nn import mazur_example
>>> curves = train_with_curves(mazur_example(), 1000, samples=10)
>>> curves.rounds[-1], round(curves.E_total[0], 9)
(1000, 0.298371109)
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from mazur_nn.core.config import Config
from mazur_nn.core.passes import TrainingDiverged, forward


@dataclass(frozen=True)
class Curves:
    """``rounds[k]`` rounds done: ``E_total[k]`` and ``outputs[o][k]``
    (E_total after that many updates); ``history`` is every round's error."""

    label: str
    rounds: tuple[int, ...]
    E_total: tuple[float, ...]
    outputs: dict[str, tuple[float, ...]]
    targets: dict[str, float]
    history: tuple[float, ...]


def train_with_curves(
    config: Config, rounds: int, samples: int = 200, progress=None, label: str | None = None
) -> Curves:
    """Train ``rounds`` rounds in up to ``samples`` chunks; ``progress(done,
    rounds)`` is called after each chunk. Raises ``TrainingDiverged`` like
    :func:`mazur_nn.train`."""
    names = config.network.names
    chunk = max(1, rounds // max(1, samples))
    network = config.network
    first = forward(network, config.inputs, config.targets)
    done, marks, errors = 0, [0], [first["E_total"]]
    outs = {o: [first[f"out_{o}"]] for o in names.neurons[-1]}
    history: list[float] = []
    while done < rounds:
        step = min(chunk, rounds - done)
        try:
            result = dataclasses.replace(config, network=network).train(step)
        except TrainingDiverged as exc:
            where = done + exc.round
            reason = str(exc).split(": ", 1)[1]
            raise TrainingDiverged(
                f"training stopped at round {where} of {rounds}: {reason}",
                where,
                history + list(exc.history),
            ) from None
        network, done = result.network, done + step
        history.extend(result.history)
        marks.append(done)
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
    )
