"""What a picture of one lesson step shows, whatever draws it: the step
itself (given as a record, an index or a name), the numbers (before the
update, or after it in the lesson's last section) and the chain-rule path
by layer. The SVG diagram and the matplotlib drawing both read these.

>>> from mazur_nn import mazur_example
>>> from mazur_nn.course.steps import build_lesson
>>> lesson = build_lesson(mazur_example())
>>> step = resolve_step(lesson, "dE_total/dw1")
>>> step.index, chain_flow(lesson.config.network.names, step)
(23, [(2, ['o1', 'o2']), (1, ['h1']), (0, ['i1'])])
>>> ShownValues(lesson, lesson.step("E_total+")).text("w5")
'0.35891648'
"""

from __future__ import annotations

from mazur_nn.core.names import Names
from mazur_nn.core.numbers import format_number
from mazur_nn.course.steps import Lesson, Step


def resolve_step(lesson: Lesson, step: Step | int | str | None) -> Step | None:
    """``step`` as a :class:`~mazur_nn.course.steps.Step`: given as one, as
    its index, as its name (``"dE_total/dw5"``) or ``None`` (no step)."""
    if step is None or isinstance(step, Step):
        return step
    if isinstance(step, str):
        return lesson.step(step)
    if isinstance(step, int) and not isinstance(step, bool):
        return lesson.steps[step]
    raise TypeError(f"step: expected a Step, an index, a name or None, got {step!r}")


class ShownValues:
    """Numbers to show: before the update, or after it in the last section."""

    def __init__(self, lesson: Lesson, step: Step | None) -> None:
        self.values = lesson.values
        self.after = step is not None and step.section == "after"

    def __call__(self, name: str) -> float:
        if self.after and f"{name}+" in self.values:
            return self.values[f"{name}+"]
        return self.values[name]

    def text(self, name: str) -> str:
        return format_number(self(name))


def chain_flow(names: Names, step: Step) -> list[tuple[int, list[str]]]:
    """The chain path by layer, outputs first: [(layer, [neurons]), ...].

    For a derivative of the error (``dE...``), the neurons the error comes
    through join the path, e.g. o1 and o2 for ``dE_total/dout_h1``."""
    layer_of = {n: k for k, layer in enumerate(names.neurons) for n in layer}
    shown = list(step.path)
    if step.name.startswith("dE"):
        shown += [n for n in step.neurons if n not in shown]
    by_layer: dict[int, list[str]] = {}
    for n in shown:
        by_layer.setdefault(layer_of[n], []).append(n)
    return [(k, by_layer[k]) for k in sorted(by_layer, reverse=True)]
