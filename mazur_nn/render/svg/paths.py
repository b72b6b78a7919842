"""A chain-rule step's path as arrows, and where it carries nothing.

The error flows back from ``E_total`` through the neurons of the step's
path, layer by layer (:func:`~mazur_nn.render.svg.shown.chain_flow`). Each
arrow carries the product of the chain's factors so far; the factors are
read from the lesson's values by name: ``dE_total/dout_o1`` on the arrow
from ``E_total`` to ``o1``, the slope ``dout_h1/dnet_h1`` of each neuron
the error passes through, the weight between two neurons, and at the end
of a gradient's path the value its weight's source sends
(``dnet_h1/dw1 = i1``). A factor that is exactly 0 (a dead ReLU, a
saturated sigmoid, a zero weight or input) stops the flow: the arrows
after it carry nothing, and a :class:`Zero` says where and why, in words.

>>> from mazur_nn import Config
>>> from mazur_nn.course.steps import build_lesson
>>> lesson = build_lesson(Config.from_dict({
...     "layers": [1, 1, 1], "inputs": [1.0], "targets": [0.1],
...     "activations": ["relu", "sigmoid"], "weights": [-1.0, 0.5], "biases": [0.0, 0.0]}))
>>> path = chain_path(lesson, lesson.step("dE_total/dw1"))
>>> [(a.start, a.end, a.nothing) for a in path.arrows]
[('E_total', 'o1', False), ('o1', 'h1', False), ('h1', 'i1', True)]
>>> path.zeros[0].at
'h1'
>>> print(path.zeros[0].sentence)
Nothing flows back through h1 (× 0): the slope of the relu at h1 is 0, a dead ReLU
(net_h1 = -1 is not above 0).
"""

from __future__ import annotations

from dataclasses import dataclass

from mazur_nn.core.functions import get_activation
from mazur_nn.core.numbers import format_number
from mazur_nn.course.steps import Lesson, Step
from mazur_nn.render.svg.shown import chain_flow

NOTHING = "\u00d7 0"  # the mark of a factor that is exactly 0


@dataclass(frozen=True)
class Arrow:
    """One arrow of the path: from ``start`` (``E_total`` or a neuron) back
    to ``end``; ``nothing`` if the error it carries is exactly 0."""

    start: str
    end: str
    nothing: bool = False

    @property
    def key(self) -> str:
        return f"{self.start}->{self.end}"


@dataclass(frozen=True)
class Zero:
    """Where a factor of the path is exactly 0: a neuron (its slope) or an
    arrow's key (``"o1->h1"``), and the sentence that says why."""

    at: str
    sentence: str


@dataclass(frozen=True)
class ChainPath:
    arrows: tuple[Arrow, ...] = ()
    zeros: tuple[Zero, ...] = ()


def chain_path(lesson: Lesson, step: Step | None) -> ChainPath:
    """The arrows of a chain-rule step, and its zero factors (none for
    other steps)."""
    if step is None or step.kind != "chain":
        return ChainPath()
    names = lesson.config.network.names
    values = lesson.values
    layer_of = {n: k for k, layer in enumerate(names.neurons) for n in layer}
    flow = chain_flow(names, step)
    error_step = step.name.startswith("dE")
    gradient = _gradient_weight(step)
    arrows: list[Arrow] = []
    zeros: list[Zero] = []
    reaches: dict[str, bool] = {}
    if flow and error_step and flow[0][0] == len(names.neurons) - 1:
        for o in flow[0][1]:
            nothing = values[f"dE_total/dout_{o}"] == 0
            arrows.append(Arrow("E_total", o, nothing))
            reaches[o] = not nothing
            if nothing:
                target = names.targets[names.neurons[-1].index(o)]
                zeros.append(
                    Zero(
                        f"E_total->{o}",
                        f"Nothing flows from E_total to {o} ({NOTHING}): out_{o} equals "
                        f"its target {target}.",
                    )
                )
    elif flow:
        for a in flow[0][1]:
            arriving = values.get(f"dE_total/dout_{a}", 1.0) if error_step else 1.0
            reaches[a] = arriving != 0
            if not reaches[a] and len(flow) > 1:
                zeros.append(Zero(a, f"No error reaches {a} ({NOTHING}): dE_total/dout_{a} = 0."))
    for (k, upper), (k_next, lower) in zip(flow, flow[1:]):
        if k_next != k - 1:
            continue
        for a in upper:
            passes = reaches.get(a, False)
            if error_step and passes and values[f"dout_{a}/dnet_{a}"] == 0:
                passes = False
                zeros.append(Zero(a, _slope_sentence(lesson, a, layer_of[a])))
            for b in lower:
                w = names.weight_matrix[k - 1][names.neurons[k].index(a)][
                    names.neurons[k - 1].index(b)
                ]
                if w == gradient:  # the last factor: what the weight's source sends
                    factor = values[b if k - 1 == 0 else f"out_{b}"]
                    why = f"Nothing comes back along {w} ({NOTHING}): {b} sends 0."
                else:
                    factor = values[w]
                    why = f"Nothing flows along {w} from {a} to {b} ({NOTHING}): {w} is 0."
                carried = passes and factor != 0
                if passes and factor == 0:
                    zeros.append(Zero(f"{a}->{b}", why))
                arrows.append(Arrow(a, b, not carried))
                reaches[b] = reaches.get(b, False) or carried
    if not arrows and step.value == 0:  # a slope, a bias's gradient: mark the dead neurons
        for n in step.neurons:
            slope = values.get(f"dout_{n}/dnet_{n}")
            if slope == 0:
                zeros.append(Zero(n, _slope_sentence(lesson, n, layer_of[n])))
    return ChainPath(tuple(arrows), tuple(zeros))


def _gradient_weight(step: Step) -> str | None:
    """The weight a gradient step (``dE_total/dw5``, ``dnet_o1/dw5``) is about."""
    for w in step.weights:
        if step.name == f"dE_total/d{w}" or step.name.endswith(f"/d{w}"):
            return w
    return None


def _slope_sentence(lesson: Lesson, n: str, layer: int) -> str:
    name = lesson.config.network.activations[layer - 1]
    words = get_activation(name).words
    net, out = lesson.values[f"net_{n}"], lesson.values[f"out_{n}"]
    if name == "relu":
        why = f", a dead ReLU (net_{n} = {format_number(net)} is not above 0)"
    elif name in ("sigmoid", "tanh"):
        why = f", a saturated {words} (out_{n} = {format_number(out)})"
    else:
        why = ""
    return f"Nothing flows back through {n} ({NOTHING}): the slope of the {words} at {n} is 0{why}."
