"""The stepper: Previous / Next through every step of a lesson, a menu to
jump to any step, a button per section; it shows the network (a live SVG:
a click on a neuron, a weight or a bias jumps to its step), the formula in
symbols, the numbers, the value and the three-way check.

The logic lives in plain records (:mod:`mazur_nn.course.steps`,
:mod:`mazur_nn.render.svg`); the widget only shows them, so everything it
shows is also tested without a browser. From the keyboard: Tab reaches
every button and every part of the diagram, Enter or Space presses it, the
arrow keys go to the previous and next step while the focus is in the
stepper; each new step is announced to screen readers.

Example
-------
>>> from mazur_nn import mazur_example
>>> stepper = Stepper(mazur_example())
>>> stepper.go_to("dE_total/dw5")
>>> stepper.value_label.value
'dE_total/dw5 = 0.082167041'
>>> stepper.next()
>>> stepper.title.value
'<h3>Gradient of w6</h3>'
"""

from __future__ import annotations

import html

import ipywidgets as w

from mazur_nn.course.steps import SECTIONS, Lesson, Step, build_lesson
from mazur_nn.render.svg import jump_targets, network_svg
from mazur_nn.widgets.aria import Aria
from mazur_nn.widgets.diagram import Diagram
from mazur_nn.widgets.parts import example_name, text_form

_CHECK_STYLE = "font-family: monospace; border-collapse: collapse;"


def _check_html(lesson: Lesson, step: Step) -> str:
    """The step's independent values as a small HTML table."""
    values = lesson.check(step)
    rows = "".join(
        f"<tr><td style='padding-right:1em'>{html.escape(k)}</td><td>{v:.12f}</td></tr>"
        for k, v in values.items()
    )
    table = f"<table style='{_CHECK_STYLE}'>{rows}</table>"
    return f"{table}<div class='mazur-check'>{agreement(values)}</div>"


def agreement(values: dict) -> str:
    """What the independent values of a step say, in words.

    >>> agreement({"engine": 0.5, "sympy": 0.5})
    '2 independent values agree (largest difference 0.0e+00)'
    >>> agreement({"engine": 0.35891648})
    'One value (engine): this step has no second, independent computation'
    """
    if len(values) == 1:
        (source,) = values
        return f"One value ({source}): this step has no second, independent computation"
    spread = max(values.values()) - min(values.values())
    verdict = "agree" if spread < 1e-6 else "DISAGREE"
    return f"{len(values)} independent values {verdict} (largest difference {spread:.1e})"


LEGEND = (
    "<small>Weights: solid line positive, dashed negative, thicker larger; "
    "arrows: the error flowing back; a dotted grey path carries nothing (× 0). "
    "Click a neuron, a weight or a bias to go to its step.</small>"
)


def _code_html(lesson: Lesson, step: Step) -> str:
    """ "See the code": the engine's line for the step, and where the plain
    loops are (the same backprop, written to be read first)."""
    line = lesson.code(step)
    shown = f"<pre>{html.escape(line)}</pre>" if line else ""
    return (
        f"<details class='mazur-code'><summary>See the code</summary>{shown}"
        "<p>The line the engine runs for this step; every line of this network: "
        "<code>mazur_nn.source(network)</code>. The same backpropagation as plain "
        "loops, to read first: <code>mazur_nn/core/reference.py</code>.</p></details>"
    )


class Stepper(w.VBox):
    """Previous / Next through every step, a menu to jump to any step,
    buttons for each section; shows the diagram, the formula in symbols,
    the numbers, the value and the three-way check."""

    def __init__(self, config_or_lesson, start: int | str = 0, drawing: bool = True) -> None:
        lesson = (
            config_or_lesson
            if isinstance(config_or_lesson, Lesson)
            else build_lesson(config_or_lesson)
        )
        self.lesson = lesson
        self.drawing = drawing
        self._targets = jump_targets(lesson)
        self.previous_button = w.Button(description="◀ Previous", tooltip="previous step")
        self.next_button = w.Button(description="Next ▶", tooltip="next step")
        self.jump = w.Dropdown(description="Step", layout=w.Layout(width="320px"))
        self.sections = w.ToggleButtons(
            options=[(title, key) for key, title in SECTIONS.items() if key in lesson.sections],
            style={"button_width": "auto"},
        )
        self.position = w.Label()
        self.position.add_class("mazur-position")
        self.title = w.HTML()
        self.text = w.HTML()
        self.formula = w.HTMLMath(layout=w.Layout(overflow="auto hidden", max_width="100%"))
        self.value_label = w.Label()
        self.value_label.add_class("mazur-value")
        self.check = w.HTML()
        self.code = w.HTML()
        self.diagram = Diagram()
        self.legend = w.HTML(LEGEND)
        self.legend.add_class("mazur-legend")
        self.diagram.on_choose(self._on_choose)
        self.diagram.on_key(lambda key: self.next() if key == "next" else self.previous())
        # Read to screen readers at every step (the diagram's script makes it
        # a polite live region); shown only to them.
        self.announce = w.HTML()
        self.announce.add_class("mazur-announce")
        self.announce.add_class("mazur-visually-hidden")
        self.errors = w.Output()
        self._fill_jump()
        self.previous_button.on_click(lambda _: self.previous())
        self.next_button.on_click(lambda _: self.next())
        self.jump.observe(self._on_jump, names="value")
        self.sections.observe(self._on_section, names="value")
        controls = w.HBox([self.previous_button, self.next_button, self.jump, self.position])
        # What a student needs at each step comes first, so that it fits a
        # 1280 x 720 screen: the buttons, the picture, the formula, the value.
        children = [
            controls,
            self.sections,
            # The step's name and its value on one line, then how it is computed.
            w.HBox([self.title, self.value_label], layout=w.Layout(align_items="baseline")),
            self.formula,
            self.text,
            self.check,
            self.code,
            self.announce,
            self.errors,
        ]
        if drawing:
            children.insert(2, self.diagram)
            children.insert(-2, self.legend)
        # Live regions, pressed section buttons (see mazur_nn.widgets.aria).
        children.append(Aria(scope="mazur-stepper"))
        super().__init__(children)
        self.add_class("mazur-stepper")
        self.index = -1
        self.show(lesson.step(start).index if isinstance(start, str) else start)

    def __repr__(self) -> str:
        example, steps = example_name(self.lesson.config), len(self.lesson.steps)
        return text_form(f"Stepper over {example}, {steps} steps: run this cell to use it")

    # -- navigation ------------------------------------------------------------

    def _fill_jump(self) -> None:
        self.jump.options = [(f"{s.index + 1}. {s.title}", s.index) for s in self.lesson.steps]

    def next(self) -> None:
        self.show(min(self.index + 1, len(self.lesson.steps) - 1))

    def previous(self) -> None:
        self.show(max(self.index - 1, 0))

    def go_to(self, name: str) -> None:
        """Show the step computing ``name`` (``"dE_total/dw5"``)."""
        self.show(self.lesson.step(name).index)

    def _on_jump(self, change) -> None:
        if change["new"] is not None and change["new"] != self.index:
            self.show(change["new"])

    def _on_choose(self, name: str) -> None:
        """A click (or Enter) on a part of the diagram: go to its step."""
        target = self._targets.get(name)
        if target is not None:
            self.go_to(target)

    def _on_section(self, change) -> None:
        first = self.lesson.sections.get(change["new"])
        if first is not None and self.lesson.steps[self.index].section != change["new"]:
            self.show(first)

    # -- showing ------------------------------------------------------------------

    def set_lesson(self, lesson: Lesson) -> None:
        """Show another lesson (the playground's recomputed one) at the same step."""
        same_shape = [s.name for s in lesson.steps] == [s.name for s in self.lesson.steps]
        self.lesson = lesson
        self._targets = jump_targets(lesson)
        if not same_shape:
            self._fill_jump()
        index = min(self.index, len(lesson.steps) - 1) if same_shape else 0
        self.index = -1
        self.show(index)

    def picture(self, step: Step) -> str:
        """The diagram of ``step`` (the batch stepper draws its example's)."""
        return network_svg(self.lesson, step, framed=False)

    def show(self, index: int) -> None:
        with self.errors:
            step = self.lesson.steps[index]
            self.index = index
            # What a student looks at first goes first (each value is a message
            # to the browser): the title, the value and the diagram (about a
            # millisecond to draw), then the formula (MathJax typesets it),
            # then the rest.
            self.title.value = f"<h3>{html.escape(step.title)}</h3>"
            self.position.value = (
                f"step {index + 1} of {len(self.lesson.steps)} · {step.section_title}"
            )
            self.value_label.value = f"{step.name} = {step.shown_value}"
            if self.drawing:
                self.diagram.svg = self.picture(step)
            self.formula.value = f"$$ {step.equation_latex(multiline=True)} $$"
            self.text.value = f"<p>{html.escape(step.text)}</p>"
            self.check.value = _check_html(self.lesson, step)
            self.code.value = _code_html(self.lesson, step)
            self.jump.value = index
            self.sections.value = step.section
            self.previous_button.disabled = index == 0
            self.next_button.disabled = index == len(self.lesson.steps) - 1
            self.announce.value = html.escape(
                f"Step {index + 1} of {len(self.lesson.steps)}: {step.title}. "
                f"{step.name} = {step.shown_value}"
            )
