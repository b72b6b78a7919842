"""The batch stepper: the stepper over a mini-batch's lesson
(:func:`mazur_nn.course.batch.build_batch_lesson`): each example's forward
and backward pass, labelled "example 2 of 3", then the means, the one
update and the batch error after it. The diagram shows the current
example's numbers (for a step of the batch: the first example's network
with the batch's gradient, update and error), and a click on it stays in
the current example.

>>> from mazur_nn.core.batch import mazur_batch
>>> stepper = BatchStepper(mazur_batch())
>>> stepper.go_to("dE_batch/dw5")
>>> stepper.value_label.value
'dE_batch/dw5 = 0.058209073'
>>> stepper.show(stepper.lesson.step("out_h1", example=1).index)
>>> stepper.title.value
'<h3>Output of h1 (example 2 of 3)</h3>'
>>> stepper.diagram.receive({"event": "choose", "name": "w5"})
>>> stepper.title.value
'<h3>Gradient of w5 (example 2 of 3)</h3>'
"""

from __future__ import annotations

from mazur_nn.course.batch import BatchLesson, build_batch_lesson
from mazur_nn.course.steps import Step
from mazur_nn.render.svg import network_svg
from mazur_nn.widgets.parts import example_name, text_form
from mazur_nn.widgets.stepper import Stepper


class BatchStepper(Stepper):
    """Previous / Next through a batch's steps (see the module)."""

    lesson: BatchLesson

    def __init__(self, config_or_lesson, start: int | str = 0, drawing: bool = True) -> None:
        lesson = (
            config_or_lesson
            if isinstance(config_or_lesson, BatchLesson)
            else build_batch_lesson(config_or_lesson)
        )
        super().__init__(lesson, start, drawing)

    def __repr__(self) -> str:
        lesson = self.lesson
        return text_form(
            f"Batch stepper over {example_name(lesson.config)}, {lesson.m} examples, "
            f"{len(lesson.steps)} steps: run this cell to use it"
        )

    def picture(self, step: Step) -> str:
        single, drawn = self.lesson.drawing(step)
        return network_svg(single, drawn, framed=False)

    def go_to(self, name: str) -> None:
        """Show the step computing ``name`` in the current example (or the
        batch's step of that name)."""
        current = self.lesson.example_of(self.lesson.steps[self.index]) if self.index >= 0 else None
        self.show(self.lesson.step(name, example=current).index)
