"""The clickable parts of the course: a stepper, a playground and a
training view (ipywidgets).

The logic lives in plain functions and records (:mod:`mazur_nn.course.steps`,
:mod:`mazur_nn.core.passes`); the widgets only show them, so everything they
show is also tested without a browser. Callbacks run inside an ``Output``
so that an unexpected error shows in the widget and the notebook keeps
working; a value that is not allowed shows a message inside the widget and
the last valid state stays on screen, with what the student typed kept.

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
import threading

import ipywidgets as w

from mazur_nn.core.config import Config
from mazur_nn.core.numbers import format_number
from mazur_nn.core.passes import TrainingDiverged
from mazur_nn.core.validate import parse_number
from mazur_nn.course.steps import SECTIONS, Lesson, Step, build_lesson
from mazur_nn.widgets.parts import problem_html

_DRAWING_LOCK = threading.Lock()
_CHECK_STYLE = "font-family: monospace; border-collapse: collapse;"


def _check_html(lesson: Lesson, step: Step) -> str:
    """The step's independent values as a small HTML table."""
    values = lesson.check(step)
    rows = "".join(
        f"<tr><td style='padding-right:1em'>{html.escape(k)}</td><td>{v:.12f}</td></tr>"
        for k, v in values.items()
    )
    spread = max(values.values()) - min(values.values())
    verdict = "agree" if spread < 1e-6 else "DISAGREE"
    return (
        f"<table style='{_CHECK_STYLE}'>{rows}</table>"
        f"<div class='mazur-check'>{len(values)} independent values {verdict} "
        f"(largest difference {spread:.1e})</div>"
    )


class Stepper(w.VBox):
    """Previous / Next through every step, a menu to jump to any step,
    buttons for each section; shows the drawing, the formula in symbols,
    the numbers, the value and the three-way check."""

    def __init__(self, config_or_lesson, start: int | str = 0, drawing: bool = True) -> None:
        lesson = (
            config_or_lesson
            if isinstance(config_or_lesson, Lesson)
            else build_lesson(config_or_lesson)
        )
        self.lesson = lesson
        self.drawing = drawing
        self._png_cache: dict[int, bytes] = {}
        self.previous_button = w.Button(description="◀ Previous", tooltip="previous step")
        self.next_button = w.Button(description="Next ▶", tooltip="next step")
        self.jump = w.Dropdown(description="Step", layout=w.Layout(width="420px"))
        self.sections = w.ToggleButtons(
            options=[(title, key) for key, title in SECTIONS.items() if key in lesson.sections],
            style={"button_width": "auto"},
        )
        self.position = w.Label()
        self.title = w.HTML()
        self.text = w.HTML()
        self.formula = w.HTMLMath(layout=w.Layout(overflow="auto hidden", max_width="100%"))
        self.value_label = w.Label()
        self.value_label.add_class("mazur-value")
        self.check = w.HTML()
        self.image = w.Image(format="png", layout=w.Layout(width="640px"))
        self.errors = w.Output()
        self._fill_jump()
        self.previous_button.on_click(lambda _: self.previous())
        self.next_button.on_click(lambda _: self.next())
        self.jump.observe(self._on_jump, names="value")
        self.sections.observe(self._on_section, names="value")
        controls = w.HBox([self.previous_button, self.next_button, self.jump, self.position])
        children = [
            controls,
            self.sections,
            self.title,
            self.text,
            self.formula,
            self.value_label,
            self.check,
            self.errors,
        ]
        if drawing:
            children.insert(3, self.image)
        super().__init__(children)
        self.add_class("mazur-stepper")
        self.index = -1
        self.show(lesson.step(start).index if isinstance(start, str) else start)

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

    def _on_section(self, change) -> None:
        first = self.lesson.sections.get(change["new"])
        if first is not None and self.lesson.steps[self.index].section != change["new"]:
            self.show(first)

    # -- showing ------------------------------------------------------------------

    def set_lesson(self, lesson: Lesson) -> None:
        """Show another lesson (the playground's recomputed one) at the same step."""
        same_shape = [s.name for s in lesson.steps] == [s.name for s in self.lesson.steps]
        self.lesson = lesson
        self._png_cache = {}
        if not same_shape:
            self._fill_jump()
        index = min(self.index, len(lesson.steps) - 1) if same_shape else 0
        self.index = -1
        self.show(index)

    def show(self, index: int) -> None:
        with self.errors:
            step = self.lesson.steps[index]
            self.index = index
            # Texts first: they reach the browser before the picture is drawn.
            self.title.value = f"<h3>{html.escape(step.title)}</h3>"
            self.position.value = (
                f"step {index + 1} of {len(self.lesson.steps)} · {step.section_title}"
            )
            self.text.value = f"<p>{html.escape(step.text)}</p>"
            self.formula.value = f"$$ {step.equation_latex(multiline=True)} $$"
            self.value_label.value = f"{step.name} = {step.shown_value}"
            self.check.value = _check_html(self.lesson, step)
            self.jump.value = index
            self.sections.value = step.section
            self.previous_button.disabled = index == 0
            self.next_button.disabled = index == len(self.lesson.steps) - 1
            if self.drawing:
                self.image.value = self._png(index)
                self._prefetch(index)

    def _png(self, index: int, lesson: Lesson | None = None, cache=None) -> bytes:
        """The drawing of one step, drawn once per lesson. Only one thread
        draws at a time: matplotlib is not made for several at once."""
        lesson = lesson or self.lesson
        cache = self._png_cache if cache is None else cache
        with _DRAWING_LOCK:
            if index not in cache:
                from mazur_nn.render.drawing import draw_network
                from mazur_nn.render.figure import figure_to_png

                cache[index] = figure_to_png(draw_network(lesson, lesson.steps[index]))
        return cache[index]

    def _prefetch(self, index: int) -> None:
        """Draw the neighbouring steps in the background while the student
        reads, so that Next and Previous find their picture ready."""
        lesson, cache = self.lesson, self._png_cache
        wanted = [
            i
            for i in (index + 1, index + 2, index - 1)
            if 0 <= i < len(lesson.steps) and i not in cache
        ]
        if not wanted:
            return

        def work():
            for i in wanted:
                if self.lesson is not lesson:  # the playground moved on
                    return
                self._png(i, lesson, cache)

        # Not a daemon: Python waits for it at exit instead of killing it mid-drawing.
        threading.Thread(target=work, name="mazur-prefetch").start()


# -- playground -----------------------------------------------------------------


def _config_from_texts(base: Config, texts: dict[str, str], activation: str) -> Config:
    """A checked config from the playground's text boxes (plain function,
    tested without widgets). Raises ``ValueError``/``TypeError`` naming the
    field."""
    names = base.network.names
    numbers = {field: parse_number(text, field) for field, text in texts.items()}
    return base.replace(
        inputs=[numbers[n] for n in names.neurons[0]],
        targets=[numbers[t] for t in names.targets],
        weights={p: numbers[p] for p in names.weights},
        biases={p: numbers[p] for p in names.biases},
        learning_rate=numbers["learning_rate"],
        activations=activation if activation != "(as given)" else list(base.network.activations),
    )


class Playground(w.VBox):
    """Change inputs, targets, every weight and bias, the learning rate and
    the activation; every step and the drawing recompute at once."""

    ACTIVATIONS = ("sigmoid", "tanh", "relu", "linear")

    def __init__(self, config: Config) -> None:
        self.base = config
        self.config = config
        names = config.network.names
        fields = (
            list(names.neurons[0])
            + list(names.targets)
            + list(names.parameters)
            + ["learning_rate"]
        )
        start = {
            **config.network.parameters,
            **dict(zip(names.neurons[0], config.inputs)),
            **dict(zip(names.targets, config.targets)),
            "learning_rate": config.learning_rate,
        }
        self.boxes = {
            f: w.Text(
                value=repr(float(start[f])),
                description=f,
                continuous_update=False,
                layout=w.Layout(width="200px"),
                style={"description_width": "95px"},
            )
            for f in fields
        }
        acts = set(config.network.activations)
        self.activation = w.Dropdown(
            options=list(self.ACTIVATIONS) if len(acts) == 1 else ["(as given)", *self.ACTIVATIONS],
            value=next(iter(acts)) if len(acts) == 1 else "(as given)",
            description="activation",
        )
        self.message = w.HTML()
        self.message.add_class("mazur-message")
        self.summary = w.HTML()
        self.summary.add_class("mazur-summary")
        self.reset_button = w.Button(
            description="Reset to the example", layout=w.Layout(width="auto")
        )
        self.reset_button.on_click(lambda _: self.reset())
        self.stepper = Stepper(build_lesson(config))
        for box in self.boxes.values():
            box.observe(self._on_change, names="value")
        self.activation.observe(self._on_change, names="value")
        grid = w.GridBox(
            list(self.boxes.values()),
            layout=w.Layout(grid_template_columns="repeat(4, 210px)"),
        )
        super().__init__(
            [
                grid,
                w.HBox([self.activation, self.reset_button]),
                self.message,
                self.summary,
                self.stepper,
            ]
        )
        self.add_class("mazur-playground")
        self._show_summary()

    _holding = False

    def _on_change(self, _change=None) -> None:
        if self._holding:
            return
        with self.stepper.errors:
            texts = {f: box.value for f, box in self.boxes.items()}
            try:
                config = _config_from_texts(self.base, texts, self.activation.value)
                lesson = build_lesson(config)
            except (TypeError, ValueError) as exc:
                # Keep the last valid state on screen and what was typed in the boxes.
                self.message.value = problem_html(exc, "the last valid numbers")
                return
            self.message.value = ""
            self.config = config
            self.stepper.lesson_for_summary = lesson
            self._show_summary(lesson)  # the numbers first, then the stepper and its picture
            self.stepper.set_lesson(lesson)

    def _show_summary(self, lesson: Lesson | None = None) -> None:
        lesson = lesson or self.stepper.lesson
        v = lesson.values
        outputs = ", ".join(
            f"out_{o} = {format_number(v['out_' + o])}"
            for o in lesson.config.network.names.neurons[-1]
        )
        self.summary.value = (
            f"<b>E_total = {format_number(v['E_total'])}</b> · {outputs} · "
            f"after one update E_total = {format_number(v['E_total+'])}"
        )

    def set_text(self, field: str, text: str) -> None:
        """Type ``text`` into a box, as a student would (used by tests)."""
        self.boxes[field].value = text

    def reset(self) -> None:
        """Put the example's numbers back (one recomputation, not one per box)."""
        names = self.base.network.names
        values = {
            **self.base.network.parameters,
            **dict(zip(names.neurons[0], self.base.inputs)),
            **dict(zip(names.targets, self.base.targets)),
            "learning_rate": self.base.learning_rate,
        }
        self._holding = True
        try:
            for field, box in self.boxes.items():
                box.value = repr(float(values[field]))
            self.activation.value = (
                self.activation.options[0]
                if len(set(self.base.network.activations)) > 1
                else self.base.network.activations[0]
            )
        finally:
            self._holding = False
        self._on_change()


# -- training view ----------------------------------------------------------------


class TrainingView(w.VBox):
    """Run N rounds with a progress bar; plot E_total (log scale) and the
    outputs; with ``compare=True`` run both hidden-layer rules of the post
    (its errata) side by side."""

    def __init__(self, config: Config, rounds: int = 10_000, compare: bool = True) -> None:
        self.config = config
        self.compare = compare
        wide = {"description_width": "initial"}
        self.rounds_box = w.Text(
            value=str(rounds), description="rounds", continuous_update=False, style=wide
        )
        self.rate_box = w.Text(
            value=repr(config.learning_rate),
            description="learning rate",
            continuous_update=False,
            style=wide,
        )
        self.run_button = w.Button(description="Train", button_style="primary")
        self.progress = w.IntProgress(min=0, max=rounds, description="0 rounds", style=wide)
        self.message = w.HTML()
        self.message.add_class("mazur-message")
        self.result = w.HTML()
        self.result.add_class("mazur-training-result")
        self.image = w.Image(format="png", layout=w.Layout(width="900px"))
        self.errors = w.Output()
        self.runs = []
        self.run_button.on_click(lambda _: self.run())
        super().__init__(
            [
                w.HBox([self.rounds_box, self.rate_box, self.run_button]),
                self.progress,
                self.message,
                self.result,
                self.image,
                self.errors,
            ]
        )
        self.add_class("mazur-training")

    def _settings(self):
        text = self.rounds_box.value.strip()
        if not text.isdigit() or not 1 <= int(text) <= 1_000_000:
            raise ValueError(
                f'rounds: "{text}" is not allowed; expected a whole number from 1 to 1000000'
            )
        rate = parse_number(self.rate_box.value, "learning rate")
        return int(text), self.config.replace(learning_rate=rate)

    def run(self) -> None:
        from mazur_nn.course.training import train_with_curves
        from mazur_nn.render.figure import figure_to_png
        from mazur_nn.render.plots import plot_curves

        with self.errors:
            try:
                rounds, config = self._settings()
            except (TypeError, ValueError) as exc:
                self.message.value = problem_html(exc)
                return
            self.message.value = ""
            rules = ("original", "updated") if self.compare else (config.hidden_uses,)
            self.progress.max = rounds * len(rules)
            runs = []
            try:
                for k, rule in enumerate(rules):

                    def progress(done, total, k=k):
                        self.progress.value = k * total + done
                        self.progress.description = f"{done} rounds"

                    label = {
                        "original": "original w5..w8 (post's steps)",
                        "updated": "updated w5..w8 (post's script)",
                    }[rule]
                    runs.append(
                        train_with_curves(
                            config.replace(hidden_uses=rule), rounds, progress=progress, label=label
                        )
                    )
            except TrainingDiverged as exc:
                self.message.value = problem_html(exc)
                return
            self.runs = runs
            self.result.value = "<br>".join(
                f"<b>{html.escape(r.label)}</b>: after {r.rounds[-1]} rounds E_total = "
                f"{format_number(r.E_total[-1])}, "
                + ", ".join(f"out_{o} = {format_number(v[-1])}" for o, v in r.outputs.items())
                for r in runs
            )
            self.image.value = figure_to_png(plot_curves(runs))
