"""A mini-batch as a lesson: each example's passes, the means, one update.

:func:`build_batch_lesson` walks, for each example of a batch config, the
forward pass, the errors and the chain rule of every layer (the
one-example lesson's steps, titled "example 2 of 3"), then the section
``batch``: the batch error ``E_batch`` (the mean of the examples'
``E_total``) and each gradient's mean ``dE_batch/dp``; then the one update
``p+ = p - eta * dE_batch/dp`` and the batch error after it. A
:class:`BatchLesson` is a :class:`~mazur_nn.course.steps.Lesson` (the
stepper shows it), and :meth:`BatchLesson.drawing` gives the one-example
lesson and step whose diagram shows a step's numbers.

:func:`stochastic_table` puts batch gradient descent beside stochastic
(one update per example, in order).

Example
-------
>>> from mazur_nn.core.batch import mazur_batch
>>> lesson = build_batch_lesson(mazur_batch())
>>> lesson.steps[0].title, lesson.steps[0].value
('Net input of h1 (example 1 of 3)', 0.3775)
>>> print(lesson.step("dE_batch/dw5").equation_text())
dE_batch/dw5 = (dE_total/dw5^(1) + dE_total/dw5^(2) + dE_total/dw5^(3)) / 3
             = (0.082167041 + 0.027965264 + 0.064494915) / 3
             = 0.058209073
>>> print(lesson.step("w5+").equation_text())
w5+ = w5 - eta * dE_batch/dw5
    = 0.4 - 0.5 * 0.058209073
    = 0.370895463
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from mazur_nn.core import batch
from mazur_nn.core.config import Config
from mazur_nn.core.names import latex_name
from mazur_nn.core.numbers import format_number
from mazur_nn.core.passes import forward
from mazur_nn.core.table import Table
from mazur_nn.course.steps import Lesson, Step, Steps, build_lesson

EXAMPLE_SECTIONS = ("forward", "error", "output", "hidden")


def _example_name(name: str, k: int, latex: bool) -> str:
    """Example ``k``'s (from 0) value of a quantity: ``dE_total/dw5^(1)``."""
    if latex:
        return rf"\left({latex_name(name)}\right)^{{({k + 1})}}"
    return f"{name}^({k + 1})"


def _number(value: float, latex: bool) -> str:
    """A number in a formula: a negative one in brackets."""
    shown = format_number(value, latex=latex)
    return f"({shown})" if value < 0 and not latex else shown


def _mean_sides(name: str, values: list[float], latex: bool) -> tuple[str, str]:
    """``(a^(1) + a^(2)) / m`` in symbols and in numbers."""
    m = len(values)
    symbols = [_example_name(name, k, latex) for k in range(m)]
    numbers = [_number(v, latex) for v in values]
    if m == 1:
        return symbols[0], numbers[0]
    if latex:
        return (
            rf"\frac{{1}}{{{m}}}\left({' + '.join(symbols)}\right)",
            rf"\frac{{1}}{{{m}}}\left({' + '.join(numbers)}\right)",
        )
    return f"({' + '.join(symbols)}) / {m}", f"({' + '.join(numbers)}) / {m}"


def _step(index, section, kind, name, title, text, sides, value, **parts) -> Step:
    (formula, numbers), (latex, latex_numbers) = sides
    return Step(
        index,
        section,
        kind,
        name,
        title,
        text,
        formula,
        numbers,
        latex,
        latex_numbers,
        value,
        **parts,
    )


@dataclass(frozen=True)
class BatchLesson(Lesson):
    """The steps of a batch: ``lessons[k]`` is example ``k``'s one-example
    lesson; ``origin[i]`` is ``(k, j)`` when step ``i`` is step ``j`` of
    example ``k``'s lesson, ``None`` for a step of the batch (its means,
    the update, the error after it); ``values`` holds the batch's numbers
    (``E_batch``, ``dE_batch/dw5``, ``w5+``, ``E_batch+``)."""

    lessons: tuple[Lesson, ...] = ()
    origin: tuple[tuple[int, int] | None, ...] = ()
    gradients: batch.BatchBackward | None = field(default=None, repr=False)

    @property
    def m(self) -> int:
        return len(self.lessons)

    def example_of(self, step: Step) -> int | None:
        """The example (from 0) a step belongs to, or ``None``."""
        found = self.origin[step.index]
        return None if found is None else found[0]

    def step(self, name: str, example: int | None = None) -> Step:
        """The step computing ``name``; for an example's quantity
        (``"net_h1"``) the first example's, or ``example``'s (from 0)."""
        for s in self.steps:
            if s.name == name and (example is None or self.example_of(s) in (example, None)):
                return s
        raise KeyError(f"no step computes {name!r}")

    def each(self, name: str) -> Steps:
        """The step computing ``name`` in every example, to show together.

        >>> from mazur_nn import mazur_example
        >>> [s.title for s in build_batch_lesson(mazur_example()).each("E_total")]
        ['Total error (example 1 of 1)']
        """
        found = Steps(s for s in self.steps if s.name == name and self.example_of(s) is not None)
        if not found:
            raise KeyError(f"no example's step computes {name!r}")
        return found

    def drawing(self, step: Step) -> tuple[Lesson, Step]:
        """A lesson and step whose diagram shows ``step``: the example's
        numbers (for a step of the batch, the first example's network with
        the batch's gradient, update and error put in), numbered as this
        lesson's steps ("Step 42 of 99"). A step of the batch's diagram also
        has the batch's own names (``E_batch``, ``dE_batch/dw5``), so its
        words say that its numbers are means over the batch."""
        found = self.origin[step.index]
        if found is not None:
            k, j = found
            single = self.lessons[k]
            return Lesson(single.config, self.steps, single.values), step
        first = self.lessons[0]
        shown = Lesson(first.config, self.steps, {**first.values, **self._shown, **self.values})
        like = first.step(step.name.replace("E_batch", "E_total"))
        # The diagram's words name the batch's quantity (dE_batch/dw5, E_batch+);
        # E_batch, a mean of the examples' errors, is told by its own words.
        kind = "chain" if step.name == "E_batch" else like.kind
        return shown, replace(
            like,
            index=step.index,
            section=step.section,
            kind=kind,
            name=step.name,
            title=step.title,
            text=step.text,
            value=step.value,
        )

    @property
    def _shown(self) -> dict[str, float]:
        """The batch's numbers under the one-example names the diagram reads."""
        renamed = {k.replace("E_batch", "E_total"): v for k, v in self.values.items()}
        updated = self.config.network.with_parameters(
            {p: self.values[f"{p}+"] for p in self.config.network.names.parameters}
        )
        first = self.config.examples[0]
        after = forward(updated, first.inputs, first.targets).values
        return {**{f"{k}+": v for k, v in after.items()}, **renamed}

    def check(self, step: Step) -> dict[str, float]:
        """An example's step: that example's independent values. The
        batch's mean of a gradient: the mean of the chain rule, the mean of
        sympy's values and a central difference of the batch error."""
        found = self.origin[step.index]
        if found is not None:
            k, j = found
            return self.lessons[k].check(self.lessons[k].steps[j])
        result = {"chain rule" if step.kind == "chain" else "engine": step.value}
        single = step.name.replace("E_batch", "E_total")
        if step.section == "batch":
            checks = [lesson.check(lesson.step(single)) for lesson in self.lessons]
            result["sympy"] = batch.mean(c["sympy"] for c in checks)
            if step.kind == "chain":
                p = step.name.removeprefix("dE_batch/d")
                result["finite difference"] = _difference(self.config, p)
        return result

    def code(self, step: Step) -> str | None:
        found = self.origin[step.index]
        if found is None:
            return None
        k, j = found
        return self.lessons[k].code(self.lessons[k].steps[j])


def _difference(config: Config, p: str, h: float = 1e-6) -> float:
    """A central difference of the batch error in ``p``."""
    network, value = config.network, config.network.parameters[p]
    plus = batch.error(network.with_parameters({p: value + h}), config.examples)
    minus = batch.error(network.with_parameters({p: value - h}), config.examples)
    return (plus - minus) / (2 * h)


def build_batch_lesson(config: Config) -> BatchLesson:
    """Every step of one round of batch gradient descent for ``config``."""
    gradients = batch.backward(config)
    m = len(config.examples)
    lessons = tuple(build_lesson(config.example(k)) for k in range(m))
    steps: list[Step] = []
    origin: list[tuple[int, int] | None] = []
    for k, lesson in enumerate(lessons):
        for s in lesson.steps:
            if s.section in EXAMPLE_SECTIONS:
                title = f"{s.title} (example {k + 1} of {m})"
                steps.append(replace(s, index=len(steps), title=title))
                origin.append((k, s.index))

    names = config.network.names
    values: dict[str, float] = {"E_batch": gradients.E_total, "eta": config.learning_rate}
    updated = batch.update(config, gradients)
    values.update({f"{p}+": v for p, v in updated.parameters.items()})
    outputs = names.neurons[-1]

    def add(section, kind, name, title, text, sides, **parts):
        values[name] = sides[-1]
        steps.append(
            _step(len(steps), section, kind, name, title, text, sides[:2], sides[-1], **parts)
        )
        origin.append(None)

    def mean_sides(name, each):
        return (*(_mean_sides(name, each, latex) for latex in (False, True)), batch.mean(each))

    add(
        "batch",
        "error",
        "E_batch",
        "Batch error: the mean",
        f"The batch's error is the mean of the {m} examples' E_total: the one number batch "
        "gradient descent makes smaller.",
        mean_sides("E_total", list(gradients.errors)),
        neurons=outputs,
    )
    moved = [p for p in names.backward_order if p in names.weights or config.update_biases]
    for p in moved:
        add(
            "batch",
            "chain",
            f"dE_batch/d{p}",
            f"Mean gradient of {p}",
            f"The derivative of a mean is the mean of the derivatives: add up the {m} "
            f"examples' dE_total/d{p} and divide by {m}.",
            mean_sides(f"dE_total/d{p}", [g.gradients[p] for g in gradients.examples]),
            weights=(p,),
        )
    for p in moved:
        old, new, g = config.network.parameters[p], updated.parameters[p], gradients.gradients[p]
        text = (
            f"{p} - eta * dE_batch/d{p}",
            f"{_number(old, False)} - {format_number(config.learning_rate)} * {_number(g, False)}",
        )
        times = r" \cdot "
        latex = (
            rf"{latex_name(p)} - \eta{times}{latex_name(f'dE_batch/d{p}')}",
            f"{format_number(old, latex=True)} - {format_number(config.learning_rate, latex=True)}"
            f"{times}{format_number(g, latex=True)}",
        )
        add(
            "update",
            "update",
            f"{p}+",
            f"New {p}",
            f"One step against the batch's mean gradient, scaled by the learning rate "
            f"eta = {format_number(config.learning_rate)}: one update for all {m} examples.",
            (text, latex, new),
            weights=(p,),
        )
    after = [forward(updated, e.inputs, e.targets)["E_total"] for e in config.examples]
    add(
        "after",
        "error",
        "E_batch+",
        "Batch error after one update",
        f"The forward pass of every example again, with the new weights: the batch error was "
        f"{format_number(gradients.E_total)}.",
        mean_sides("E_total+", after),
        neurons=outputs,
    )
    return BatchLesson(config, tuple(steps), values, lessons, tuple(origin), gradients)


def stochastic_table(config: Config) -> Table:
    """Batch gradient descent beside stochastic: every parameter that moves
    and the batch error, at the start, after the one batch update, and
    after each of stochastic gradient descent's updates (one per example,
    in order).

    >>> from mazur_nn import mazur_example
    >>> print(stochastic_table(mazur_example()).rows[0])
    ('w5', '0.4', '0.35891648', '0.35891648')
    """
    names = config.network.names
    moved = [p for p in names.parameters if p in names.weights or config.update_biases]
    start, updated = config.network, batch.update(config)
    steps = batch.stochastic(config)
    networks = [start, updated, *(s.network for s in steps)]
    m = len(config.examples)
    header = (
        "quantity",
        "start",
        "batch: 1 update",
        *(f"stochastic: after example {s.example + 1}" for s in steps),
    )
    rows = [
        (p, *(format_number(n.parameters[p]) for n in networks))
        for p in sorted(moved, key=names.backward_order.index)
    ]
    rows.append(("E_batch", *(format_number(batch.error(n, config.examples)) for n in networks)))
    title = (
        f"One batch update (the mean of {m} gradients) against {m} stochastic "
        f"update{'s' * (m != 1)} (one per example, in order)"
    )
    return Table(header, rows, title)


def training_table(config: Config, rounds: int = 1000, every: int = 10) -> Table:
    """The batch error while training ``rounds`` rounds both ways: batch
    gradient descent (one update a round) and stochastic (one update per
    example, so ``m`` updates a round), at round 0, ``every`` and each
    tenfold after it, and at the end.

    >>> from mazur_nn import mazur_example
    >>> [row[0] for row in training_table(mazur_example(), 100).rows]
    ['0', '10', '100']
    """
    trained = {mode: batch.train(config, rounds, mode) for mode in batch.MODES}
    marks = [0]
    while every < rounds:
        marks.append(every)
        every *= 10
    marks.append(rounds)

    def at(mode: str, r: int) -> str:
        run = trained[mode]
        return format_number(run.history[r] if r < run.rounds else run.E_total)

    m = len(config.examples)
    header = ("round", "E_batch, batch (1 update a round)", f"E_batch, stochastic ({m} a round)")
    rows = [(str(r), at("batch", r), at("stochastic", r)) for r in marks]
    title = f"Training on the {m} examples, learning rate {format_number(config.learning_rate)}"
    return Table(header, rows, title)
