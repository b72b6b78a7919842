"""Training as a film: the network diagram and the training curves, and
what changes in them from frame to frame, for a page to play.

:func:`training_film` trains a config once with the engine (each rule of
the post's errata, when ``compare`` is set), keeping the network every few
rounds (:func:`~mazur_nn.course.training.train_with_curves`), and writes
for every kept round (a *frame*) exactly the texts the diagram shows: each
weight's and bias's label (``w5 = 0.35891648``), each neuron's value, the
total error and the caption; and how each weight is drawn: its sign (the
colour and the line style) and its thickness. Thickness is scaled by the
largest weight of the whole film, so a weight that grows looks thicker.

The pictures are the ones the course already draws: the diagram of
:mod:`~mazur_nn.render.svg` (drawn once, for the frame whose labels are
longest, so every label has room whatever frame is shown; its parts are
found by their ``data-name``) and the chart of
:mod:`~mazur_nn.render.plots` with a marker for the current round. The
widget :class:`mazur_nn.widgets.animation.TrainingAnimation` plays them in
the page, without asking the kernel anything.

>>> from mazur_nn import mazur_example
>>> film = training_film(mazur_example(), rounds=100, frames=10)
>>> print(film)
Training film: 11 frames over 100 rounds, one every 10 rounds
original w5..w8 (post's steps): E_total 0.298371109 -> 0.020046828
updated w5..w8 (post's script): E_total 0.298371109 -> 0.020039752
>>> run = film.runs[0]
>>> run.frames[1].round, run.frames[1].labels[film.parts.index("w5")]
(10, 'w5 = -0.025550144')
"""

from __future__ import annotations

import dataclasses
import math
from bisect import bisect_right
from dataclasses import dataclass, field

from mazur_nn.core.config import Config
from mazur_nn.core.network import Network
from mazur_nn.core.numbers import format_number
from mazur_nn.core.validate import whole_number
from mazur_nn.course.steps import Lesson, build_lesson
from mazur_nn.course.training import RULE_LABELS, Curves, train_with_curves
from mazur_nn.render.plots import curves_svg
from mazur_nn.render.svg.document import MAX_WEIGHT_WIDTH, network_svg, weight_width
from mazur_nn.render.svg.labels import plain_label
from mazur_nn.render.svg.layout import layout
from mazur_nn.render.svg.markup import sign_of
from mazur_nn.render.svg.words import error_caption

MAX_ROUNDS = 1_000_000
MAX_FRAMES = 1_000
SIGNS = {"positive": "+", "negative": "-", "zero": "0"}


@dataclass(frozen=True)
class Frame:
    """What the pictures show after ``round`` rounds: the labels of
    :attr:`Film.parts`, the values of :attr:`Film.neurons`, and for each
    weight of :attr:`Film.weights` its sign (``+``, ``-`` or ``0``, one
    character each) and its line's thickness (px)."""

    round: int
    E_total: str  # noqa: N815 (Mazur's name)
    caption: str
    labels: tuple[str, ...]
    values: tuple[str, ...]
    signs: str
    widths: tuple[float, ...]


@dataclass(frozen=True)
class Run:
    """One rule's frames (``rule`` is ``"original"`` or ``"updated"``)."""

    rule: str
    label: str
    curves: Curves
    frames: tuple[Frame, ...]

    @property
    def stopped(self) -> str | None:
        return self.curves.stopped


@dataclass(frozen=True)
class Film:
    """The pictures of a training (``svg``, the diagram; ``chart``, the
    curves) and each run's frames."""

    rounds: int
    every: int  # rounds between two frames
    parts: tuple[str, ...]  # the weights and biases whose labels change
    weights: tuple[str, ...]
    neurons: tuple[str, ...]  # the neurons whose values change
    svg: str
    chart: str
    caption: str  # the caption the diagram was drawn with
    runs: tuple[Run, ...]
    # What :meth:`at_round` needs to draw any round, not only the kept ones.
    configs: tuple[Config, ...] = field(default=(), repr=False, compare=False)
    changing: tuple[int, ...] = field(default=(), repr=False, compare=False)
    digits: int = field(default=8, repr=False, compare=False)
    largest: float = field(default=1.0, repr=False, compare=False)

    def __str__(self) -> str:
        head = (
            f"Training film: {len(self.runs[0].frames)} frames over "
            f"{self.rounds} rounds, one every {self.every} round{'s' * (self.every != 1)}"
        )
        lines = [head]
        for run in self.runs:
            first, last = run.frames[0], run.frames[-1]
            ending = f" ({run.stopped})" if run.stopped else ""
            lines.append(f"{run.label}: E_total {first.E_total} -> {last.E_total}{ending}")
        return "\n".join(lines)

    __repr__ = __str__

    def at_round(self, run: int, round_: int) -> Frame:
        """The frame of any round of run ``run`` (an index of :attr:`runs`),
        kept or not: the network kept at or before ``round_``, trained the
        rounds in between (the same engine and the same steps as one
        training from round 0, so the same numbers to the last bit).

        >>> from mazur_nn import mazur_example
        >>> film = training_film(mazur_example(), rounds=100, frames=10)
        >>> film.at_round(0, 13).E_total == format_number(mazur_example().train(13).E_total)
        True
        """
        curves = self.runs[run].curves
        round_ = whole_number(round_, "round", 0, curves.rounds[-1])
        kept = bisect_right(curves.rounds, round_) - 1
        network = curves.networks[kept]
        if round_ > curves.rounds[kept]:
            config = dataclasses.replace(self.configs[run], network=network)
            network = config.train(round_ - curves.rounds[kept]).network
        drawn = _frame(self.configs[run], network, round_, self.digits, self.largest)
        return dataclasses.replace(drawn, labels=tuple(drawn.labels[k] for k in self.changing))

    def to_json(self) -> dict:
        """Everything a page needs to play the film, as JSON-ready data."""
        return {
            "rounds": self.rounds,
            "every": self.every,
            "parts": list(self.parts),
            "weights": list(self.weights),
            "neurons": list(self.neurons),
            "caption": self.caption,
            "runs": [
                {
                    "rule": run.rule,
                    "label": run.label,
                    "stopped": run.stopped,
                    "rounds": [f.round for f in run.frames],
                    "E_total": [f.E_total for f in run.frames],
                    "captions": [f.caption for f in run.frames],
                    "labels": [list(f.labels) for f in run.frames],
                    "values": [list(f.values) for f in run.frames],
                    "signs": [f.signs for f in run.frames],
                    "widths": [list(f.widths) for f in run.frames],
                }
                for run in self.runs
            ],
        }


def training_film(
    config: Config, rounds: int = 10_000, frames: int = 200, compare: bool = True
) -> Film:
    """Train ``config`` for ``rounds`` rounds and keep about ``frames + 1``
    frames, evenly spaced (round 0 first, the last round last); with
    ``compare``, once for each hidden-layer rule of the post, each from
    the same start; else with the config's own rule. A run whose numbers
    leave float64's range ends at its last finite state (``Run.stopped``
    says why)."""
    rounds = whole_number(rounds, "rounds", 1, MAX_ROUNDS)
    frames = whole_number(frames, "frames", 1, MAX_FRAMES)
    every = math.ceil(rounds / frames)
    samples = rounds // every  # train_with_curves keeps a network every rounds // samples
    rules = tuple(RULE_LABELS) if compare else (config.hidden_uses,)
    curves = [
        train_with_curves(
            config.replace(hidden_uses=rule),
            rounds,
            samples=samples,
            label=RULE_LABELS[rule],
            on_overflow="stop",
        )
        for rule in rules
    ]
    names = config.network.names
    digits = layout(names, top=0).digits
    largest = max(
        (abs(n.parameters[w]) for c in curves for n in c.networks for w in names.weights),
        default=0.0,
    )
    neurons = tuple(n for layer in names.neurons[1:] for n in layer)

    run_configs = tuple(config.replace(hidden_uses=rule) for rule in rules)
    every_frame = [
        [_frame(run_config, n, r, digits, largest or 1.0) for r, n in zip(c.rounds, c.networks)]
        for run_config, c in zip(run_configs, curves)
    ]
    changing = [
        k
        for k, _ in enumerate(names.parameters)
        if len({f.labels[k] for run in every_frame for f in run}) > 1
    ]
    runs = tuple(
        Run(
            rule,
            c.label,
            c,
            tuple(dataclasses.replace(f, labels=tuple(f.labels[k] for k in changing)) for f in run),
        )
        for rule, c, run in zip(rules, curves, every_frame)
    )
    lesson = _drawn_lesson(config, curves, every_frame)
    svg = network_svg(lesson).replace(' tabindex="0"', "")  # nothing to click in a film
    return Film(
        rounds,
        every,
        tuple(names.parameters[k] for k in changing),
        names.weights,
        neurons,
        svg,
        curves_svg(curves, marker=True),
        error_caption(lesson.values["E_total"]),
        runs,
        run_configs,
        tuple(changing),
        digits,
        largest or 1.0,
    )


def _frame(config: Config, network: Network, round_: int, digits: int, largest: float) -> Frame:
    """What the pictures show for ``network`` after ``round_`` rounds (every
    parameter's label; a weight larger than ``largest`` is drawn as thick
    as the thickest)."""
    names = network.names
    values = dataclasses.replace(config, network=network).forward().values
    p = network.parameters
    neurons = (n for layer in names.neurons[1:] for n in layer)
    return Frame(
        round_,
        format_number(values["E_total"]),
        error_caption(values["E_total"]),
        tuple(plain_label(q, p[q], digits) for q in names.parameters),
        tuple(format_number(values[f"out_{n}"], digits) for n in neurons),
        "".join(SIGNS[sign_of(p[w])] for w in names.weights),
        tuple(round(min(weight_width(p[w], largest), MAX_WEIGHT_WIDTH), 2) for w in names.weights),
    )


def _drawn_lesson(config: Config, curves: list[Curves], frames: list[list[Frame]]) -> Lesson:
    """The lesson the diagram is drawn from: the frame whose labels are
    longest (every label then has room, whatever frame is shown), or the
    next longest if a lesson cannot be built there (its own update would
    leave float64's range)."""
    by_length = sorted(
        (
            (sum(map(len, f.labels)), k, i)
            for k, run in enumerate(frames)
            for i, f in enumerate(run)
        ),
        reverse=True,
    )
    problem = None
    for _, k, i in by_length:
        try:
            return build_lesson(dataclasses.replace(config, network=curves[k].networks[i]))
        except ValueError as exc:
            problem = problem or exc
    raise problem  # type: ignore[misc]  # no frame at all: unreachable, round 0 is one
