"""What the diagram says in words: its title and description (what a
screen reader reads), the visible caption, each part's tooltip, and where
a click on a part leads.

>>> from mazur_nn import mazur_example
>>> from mazur_nn.course.steps import build_lesson
>>> lesson = build_lesson(mazur_example())
>>> step = lesson.step("net_h1")
>>> title(lesson, step)
'Step 1 of 38: Net input of h1'
>>> description(lesson, step)
'h1 adds up i1 times w1 and i2 times w2, plus the bias b1. net_h1 = 0.3775.'
>>> tooltips(lesson, None)["w5"]
'w5 = 0.4; dE_total/dw5 = 0.082167041'
>>> jump_targets(lesson)["b1"], jump_targets(lesson)["i1"]
('net_h1', 'net_h1')
"""

from __future__ import annotations

from mazur_nn.core.functions import get_activation, get_loss
from mazur_nn.core.numbers import format_number
from mazur_nn.course.steps import SECTIONS, Lesson, Step
from mazur_nn.render.svg.paths import ChainPath
from mazur_nn.render.svg.shown import ShownValues, chain_flow

AFTER = "The diagram shows the values after the update."
BATCH = (
    "The diagram shows example 1's inputs and neuron values; the error and the gradients "
    "are the means over the batch."
)


def error_name(lesson: Lesson) -> str:
    """``E_batch`` for a mini-batch's means (a lesson drawn by
    :meth:`mazur_nn.course.batch.BatchLesson.drawing` has them), else
    ``E_total``."""
    return "E_batch" if "E_batch" in lesson.values else "E_total"


def listed(items) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _shape(lesson: Lesson) -> str:
    return "-".join(map(str, lesson.config.network.sizes))


def title(lesson: Lesson, step: Step | None) -> str:
    """``Step 24 of 38: Gradient of w1``, or the network's name with no step."""
    if step is None:
        return f"The {_shape(lesson)} network"
    return f"Step {step.index + 1} of {len(lesson.steps)}: {step.title}"


def header(lesson: Lesson, step: Step | None) -> str:
    """The small line over the caption: where the step is."""
    if step is None:
        n = lesson.config.network
        return f"{_shape(lesson)} network \u00b7 {', '.join(n.activations)} \u00b7 {n.loss}"
    return f"Step {step.index + 1} of {len(lesson.steps)} \u00b7 {SECTIONS[step.section]}"


def caption(lesson: Lesson, step: Step | None) -> str:
    """The step's quantity and value, as the diagram's big line shows it."""
    if step is None:
        return error_caption(lesson.values["E_total"])
    text = f"{step.title}: {step.name} = {step.shown_value}"
    if step.kind == "update":
        text += f" (was {format_number(lesson.values[step.name.removesuffix('+')])})"
    return text


def error_caption(E_total: float) -> str:  # noqa: N803 (Mazur's name)
    """The caption of the network with no step: its total error.

    >>> error_caption(0.298371109)
    'Total error: E_total = 0.298371109'
    """
    return f"Total error: E_total = {format_number(E_total)}"


def description(lesson: Lesson, step: Step | None, path: ChainPath | None = None) -> str:
    """What the diagram shows, in words, for every kind of step."""
    names = lesson.config.network.names
    if step is None:
        return _network_words(lesson)
    value = f"{step.name} = {step.shown_value}."
    v = ShownValues(lesson, None).text
    batch = error_name(lesson) == "E_batch"
    if step.kind == "update":
        p = step.name.removesuffix("+")
        gradient = (
            f"mean gradient over the batch dE_batch/d{p}" if batch else f"gradient dE_total/d{p}"
        )
        return (
            f"{p} changes from {v(p)} to {step.shown_value}: the old value minus the learning "
            f"rate eta = {v('eta')} times its {gradient} = {v('dE_total/d' + p)}."
            + (f" {BATCH}" if batch else "")
        )
    if step.section == "after":
        if step.kind == "error":
            return (
                f"After one update the total error is {value[:-1]}; it was {v('E_total')}. {AFTER}"
            )
        o = step.name.removeprefix("out_").removesuffix("+")
        t = names.targets[names.neurons[-1].index(o)]
        return (
            f"With the new weights, {o} sends {value[:-1]} (before the update "
            f"{v('out_' + o)}; its target {t} = {v(t)}). {AFTER}"
        )
    if step.kind == "forward":
        n = step.name.split("_", 1)[1]
        if step.name.startswith("net_"):
            layer = next(k for k, ns in enumerate(names.neurons) if n in ns)
            row = names.weight_matrix[layer - 1][names.neurons[layer].index(n)]
            terms = [f"{s} times {w}" for s, w in zip(names.neurons[layer - 1], row)]
            return f"{n} adds up {listed(terms)}, plus the bias {names.bias_of[n]}. {value}"
        layer = next(k for k, ns in enumerate(names.neurons) if n in ns)
        activation = get_activation(lesson.config.network.activations[layer - 1])
        if activation.layerwise:
            nets = [f"net_{m} = {v('net_' + m)}" for m in names.neurons[layer]]
            return (
                f"{n} takes its share of every output through the {activation.words}: "
                f"exp(net_{n}) over the sum of exp of {listed(nets)}. {value}"
            )
        return (
            f"{n} passes net_{n} = {v('net_' + n)} through the {activation.words} activation: "
            f"{value}"
        )
    if step.kind == "error":
        outputs = names.neurons[-1]
        if step.name == "E_total":
            if len(outputs) == 1:
                return f"E_total is the error of {outputs[0]}. {value}"
            return f"E_total adds up the errors of {listed(outputs)}. {value}"
        o = step.name.removeprefix("E_")
        t = names.targets[outputs.index(o)]
        loss = get_loss(lesson.config.network.loss).words
        return (
            f"E_{o} measures how far out_{o} = {v('out_' + o)} is from its target "
            f"{t} = {v(t)}, by {loss}. {value}"
        )
    # the chain rule
    sentences = [_flow_words(lesson, step, path) or step.text, value]
    if batch and step.section == "batch":
        sentences.append(BATCH)
    if path is not None:
        sentences += [z.sentence for z in path.zeros]
        if path.zeros and step.value == 0:
            sentences.append(f"So {step.name} is exactly 0.")
    return " ".join(sentences)


def _flow_words(lesson: Lesson, step: Step, path: ChainPath | None) -> str | None:
    """``The error flows back from E_total through o1 and o2 to h1, then
    along w1 to i1.``, or ``None`` for a step without arrows."""
    if path is None or not path.arrows:
        return None
    names = lesson.config.network.names
    groups = [ns for _, ns in chain_flow(names, step)]
    ending = ""
    last = path.arrows[-1]
    weights = [w for w in step.weights if w in names.weights]
    if weights and len(groups) > 1 and groups[-1] == [last.end]:
        ending = f", then along {weights[0]} to {last.end}"
        groups = groups[:-1]
    if path.arrows[0].start == "E_total":
        words = "The error flows back from E_total"
    else:
        words = f"The path goes back from {listed(groups.pop(0))}"
    middle = [listed(g) for g in groups[:-1]]
    if middle:
        words += " through " + ", then ".join(middle)
    if groups:
        words += f" to {listed(groups[-1])}"
    return words + ending + "."


def _network_words(lesson: Lesson) -> str:
    network = lesson.config.network
    names = network.names
    layers = names.neurons
    parts = [f"inputs {listed(layers[0])}"]
    for k, layer in enumerate(layers[1:-1], start=1):
        which = "" if len(layers) == 3 else f" of layer {k}"
        parts.append(f"hidden neurons{which} {listed(layer)}")
    parts.append(f"output{'s' if len(layers[-1]) > 1 else ''} {listed(layers[-1])}")
    weights, biases = len(names.weights), len(names.biases)
    return (
        f"The {_shape(lesson)} network ({', '.join(network.activations)}): "
        f"{'; '.join(parts)}; {weights} weight{'s' if weights > 1 else ''} and {biases} "
        f"bias{'es' if biases > 1 else ''}. The total error is E_total = "
        f"{format_number(lesson.values['E_total'])}."
    )


def _formula(lesson: Lesson, n: str, layer: int) -> str:
    """out_n's formula as the lesson prints it, else from the registry."""
    try:
        return lesson.step(f"out_{n}").formula
    except KeyError:
        text = get_activation(lesson.config.network.activations[layer - 1]).text
        return text.replace("net", f"net_{n}")


def tooltips(lesson: Lesson, step: Step | None) -> dict[str, str]:
    """Each part's hover text, by its ``data-name``: its formula and value."""
    v = ShownValues(lesson, step)
    values = lesson.values
    names = lesson.config.network.names
    plus = "+" if v.after else ""
    error = error_name(lesson)
    tips = {}
    for k, layer in enumerate(names.neurons):
        for n in layer:
            if k == 0:
                tips[n] = f"{n} = {v.text(n)} (input)"
                continue
            out = f"out_{n}"
            if v.after:
                tip = f"{out}+ = {v.text(out)} (before the update {format_number(values[out])})"
            else:
                tip = f"{out} = {_formula(lesson, n, k)} = {v.text(out)}"
            tip += f"\nnet_{n}{plus} = {v.text('net_' + n)}"
            if k == len(names.neurons) - 1:
                t = names.targets[layer.index(n)]
                tip += f"\ntarget {t} = {v.text(t)}; E_{n}{plus} = {v.text('E_' + n)}"
            tips[n] = tip
    for p in names.parameters:
        tip = f"{p} = {v.text(p)}"
        if v.after:
            tip = f"{p}+ = {v.text(p)} (before the update {format_number(values[p])})"
        elif f"dE_batch/d{p}" in values:
            mean = format_number(values[f"dE_batch/d{p}"])
            tip += f"; dE_batch/d{p} = {mean} (the mean over the batch)"
        elif f"dE_total/d{p}" in values:
            first = " (example 1)" if error == "E_batch" else ""
            tip += f"; dE_total/d{p} = {format_number(values['dE_total/d' + p])}{first}"
        tips[p] = tip
    if error == "E_batch":
        tips["E_total"] = (
            f"E_batch{plus} = the mean of the examples' E_total{plus} = {v.text('E_total')}"
        )
    else:
        errors = " + ".join(f"E_{o}{plus}" for o in names.neurons[-1])
        tips["E_total"] = f"E_total{plus} = {errors} = {v.text('E_total')}"
    return tips


def jump_targets(lesson: Lesson) -> dict[str, str]:
    """Where a click on a part of the diagram leads: its ``data-name`` to the
    name of a step of ``lesson``. A weight leads to its gradient
    (``dE_total/dw5``), a neuron to its output (``out_h1``; an input to the
    first step that uses it), a bias to its gradient if the lesson has one,
    else to its first forward step, ``E_total`` to the total error."""
    names = lesson.config.network.names
    has = {s.name for s in lesson.steps}
    first_use: dict[str, str] = {}
    for s in lesson.steps:
        if s.kind == "forward" and s.section == "forward":
            for part in (*s.neurons, *s.weights):
                first_use.setdefault(part, s.name)
    targets = {}
    for k, layer in enumerate(names.neurons):
        for n in layer:
            targets[n] = first_use[n] if k == 0 else f"out_{n}"
    for w in names.weights:
        targets[w] = f"dE_total/d{w}"
    for b in names.biases:
        targets[b] = f"dE_total/d{b}" if f"dE_total/d{b}" in has else first_use[b]
    targets["E_total"] = "E_total"
    return targets
