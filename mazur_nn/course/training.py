"""Training curves: E_total and the outputs, round by round, for a config.

:func:`train_with_curves` runs training in chunks so a progress bar can
follow it, and samples the outputs along the way; :func:`plot_curves` draws
E_total on a log scale and the outputs approaching their targets, for one
or several runs side by side (the post's two hidden-layer rules).

>>> from mazur_nn import mazur_example
>>> curves = train_with_curves(mazur_example(), 1000, samples=10)
>>> curves.rounds[-1], round(curves.E_total[0], 9)
(1000, 0.298371109)
"""

from __future__ import annotations

from dataclasses import dataclass

from mazur_nn.core.config import Config
from mazur_nn.core.passes import TrainingDiverged, forward, train


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
            result = train(
                network,
                config.inputs,
                config.targets,
                config.learning_rate,
                step,
                update_biases=config.update_biases,
                hidden_uses=config.hidden_uses,
            )
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


def plot_curves(runs: list[Curves]):
    """A figure: E_total (log scale) over the rounds, and the outputs with
    their targets, one line style per run."""
    from mazur_nn.render.figure import figure

    fig = figure(10, 3.6)
    left, right = fig.subplots(1, 2)
    styles = ["-", "--", ":", "-."]
    for run, style in zip(runs, styles):
        left.plot(run.rounds, run.E_total, style, label=run.label)
        for o, values in run.outputs.items():
            right.plot(run.rounds, values, style, label=f"out_{o} ({run.label})")
    if runs:
        for o, t in runs[0].targets.items():
            right.axhline(t, color="grey", linewidth=0.8)
            right.annotate(
                f"t for {o} = {t:g}",
                (runs[0].rounds[-1], t),
                ha="right",
                va="bottom",
                fontsize=8,
                color="grey",
            )
    left.set_yscale("log")
    left.set_xlabel("round")
    left.set_ylabel("E_total (log scale)")
    left.set_title("Total error")
    right.set_xlabel("round")
    right.set_title("Outputs approaching their targets")
    left.legend(fontsize=8)
    right.legend(fontsize=7)
    fig.subplots_adjust(left=0.07, right=0.98, bottom=0.15, top=0.9, wspace=0.25)
    return fig
