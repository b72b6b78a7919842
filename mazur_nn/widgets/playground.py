"""The playground: change inputs, targets, every weight and bias, the
learning rate and the activation, and every step and the diagram recompute.

What the student types is read by :func:`config_from_texts` (numbers
only, never evaluated); a value that is not allowed shows a message inside
the widget, the last valid state stays on screen and the typed text is kept.

>>> from mazur_nn import mazur_example
>>> example = mazur_example()
>>> texts = {p: str(v) for p, v in example.network.parameters.items()}
>>> texts |= {"i1": "0.05", "i2": "0.1", "t1": "0.01", "t2": "0.99", "learning_rate": "0.5"}
>>> config_from_texts(example, {**texts, "w5": "0.5"}, "(as given)").network.parameters["w5"]
0.5
>>> config_from_texts(example, {**texts, "w5": "2 + 2"}, "(as given)")
Traceback (most recent call last):
...
TypeError: w5: "2 + 2" is not a number; type a decimal number such as 0.15 or 1.5e-2
"""

from __future__ import annotations

from collections.abc import Callable

import ipywidgets as w

from mazur_nn.core.config import Config
from mazur_nn.core.functions import ACTIVATIONS, get_activation
from mazur_nn.core.numbers import format_number
from mazur_nn.core.validate import parse_number
from mazur_nn.course.steps import Lesson, build_lesson
from mazur_nn.widgets.aria import Aria
from mazur_nn.widgets.fields import GridCell, NumberGrid
from mazur_nn.widgets.parts import example_name, problem_html, text_form
from mazur_nn.widgets.stepper import Stepper


def config_from_texts(base: Config, texts: dict[str, str], activation: str) -> Config:
    """A checked config from the playground's text boxes (plain function,
    tested without widgets). Raises ``ValueError``/``TypeError`` naming the
    field."""
    names = base.network.names
    numbers = {field: parse_number(text, field) for field, text in texts.items()}
    activations = base.network.activations
    if activation == "(as given)":
        chosen = list(activations)
    elif get_activation(activations[-1]).layerwise:  # the menu sets the hidden layers
        chosen = [activation] * (len(activations) - 1) + [activations[-1]]
    else:
        chosen = [activation] * len(activations)
    return base.replace(
        inputs=[numbers[n] for n in names.neurons[0]],
        targets=[numbers[t] for t in names.targets],
        weights={p: numbers[p] for p in names.weights},
        biases={p: numbers[p] for p in names.biases},
        learning_rate=numbers["learning_rate"],
        activations=chosen,
    )


def menu_activations(config: Config) -> tuple[str, ...]:
    """The activations the playground's menu sets: every layer's, or with a
    softmax output (an output layer's only) the hidden layers'.

    >>> from mazur_nn import mazur_example
    >>> menu_activations(mazur_example())
    ('sigmoid', 'sigmoid')
    """
    activations = config.network.activations
    if get_activation(activations[-1]).layerwise:
        return activations[:-1]
    return activations


def field_of(message: str) -> str:
    """The box a message is about: ``w5`` in ``"w5: ..."``, ``t2`` in
    ``"targets[t2]: ..."``.

    >>> field_of("targets[t2]: nan is not allowed"), field_of("learning_rate: -1.0 ...")
    ('t2', 'learning_rate')
    """
    head = message.split(":", 1)[0]
    return head.split("[", 1)[1].rstrip("]") if "[" in head else head


class Playground(w.VBox):
    """Change inputs, targets, every weight and bias, the learning rate and
    the activation; every step and the diagram recompute at once."""

    # every activation of the registry that any layer may have (not the softmax,
    # which only an output layer may have: with a softmax output, the menu
    # sets the hidden layers' activation and the softmax stays)
    ACTIVATIONS = tuple(name for name, a in ACTIVATIONS.items() if not a.layerwise)

    def __init__(self, config: Config, activation_menu: bool = True) -> None:
        self.base = config
        self.config = config
        # Every number in one widget: a new shape is one message, not a widget a box.
        self.grid = NumberGrid()
        self.grid.observe(self._on_change, names="values")
        self.boxes: dict[str, GridCell] = {}  # the boxes of this network, in order
        self.activation = w.Dropdown(description="activation")
        self.activation_menu = activation_menu
        self.message = w.HTML()
        self.message.add_class("mazur-message")
        self.summary = w.HTML()
        self.summary.add_class("mazur-summary")
        self.reset_button = w.Button(
            description="Reset to the example", layout=w.Layout(width="auto")
        )
        self.reset_button.on_click(lambda _: self.reset())
        self.stepper = Stepper(build_lesson(config))
        self._listeners: list[Callable[[Lesson], None]] = []
        self._lay_out(config)
        self.activation.observe(self._on_change, names="value")
        super().__init__(
            [
                # The boxes wrap to the width there is: none is cut off at 800 px.
                self.grid,
                w.HBox([self.activation, self.reset_button]),
                self.message,
                self.summary,
                self.stepper,
                Aria(scope="mazur-playground"),
            ]
        )
        self.add_class("mazur-playground")
        self._show_summary()

    def _lay_out(self, config: Config) -> None:
        """A box for every number of ``config``'s network, holding its value
        (the browser reuses boxes by field: a new shape moves only what
        changed), and the activation menu for its activations."""
        self._holding = True
        try:
            values = _numbers_of(config)
            self.grid.show({field: repr(float(value)) for field, value in values.items()})
            self.boxes = {field: self.grid.cell(field) for field in values}
            acts = set(menu_activations(config))
            if not self.activation_menu:
                options, value = ["(as given)"], "(as given)"
            elif len(acts) == 1:
                options, value = list(self.ACTIVATIONS), next(iter(acts))
            else:
                options, value = ["(as given)", *self.ACTIVATIONS], "(as given)"
            self.activation.options = options
            self.activation.value = value
            self.activation.description = (
                "activation" if acts == set(config.network.activations) else "hidden"
            )
            self.activation.layout.display = None if self.activation_menu else "none"
        finally:
            self._holding = False

    def on_change(self, callback: Callable[[Lesson], None]) -> None:
        """Call ``callback(lesson)`` after every recomputation (the builder
        keeps its JSON up to date with it)."""
        self._listeners.append(callback)

    def set_config(self, config: Config) -> Lesson | None:
        """Show another network (another shape too: the builder's), its numbers
        in the boxes; it becomes what *Reset* puts back. Returns its lesson."""
        self.base = config
        self._lay_out(config)
        return self._on_change()

    _holding = False

    def _on_change(self, _change=None) -> Lesson | None:
        """Read every box; show the new steps, or say what cannot be used.
        Returns the new lesson (``None`` if nothing changed on screen)."""
        if self._holding:
            return None
        with self.stepper.errors:
            texts = {f: box.value for f, box in self.boxes.items()}
            try:
                config = config_from_texts(self.base, texts, self.activation.value)
                lesson = build_lesson(config)
            except (TypeError, ValueError) as exc:
                # Keep the last valid state on screen and what was typed in the
                # boxes; mark the box that cannot be used.
                self.message.value = problem_html(exc, "the last valid numbers")
                bad = field_of(str(exc))
                # targets that do not add up to 1 (cross_entropy): every target box
                marked = self.base.network.names.targets if bad == "targets" else bad
                self.grid.mark_only(marked, str(exc))
                return None
            self.message.value = ""
            self.grid.mark_only(None)
            self.config = config
            self.stepper.lesson_for_summary = lesson
            self._show_summary(lesson)  # the numbers first, then the stepper and its picture
            self.stepper.set_lesson(lesson)
            for listener in self._listeners:
                listener(lesson)
            return lesson
        return None

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

    def __repr__(self) -> str:
        return text_form(
            f"Playground of {example_name(self.base)}: change any number, every step recomputes; "
            "run this cell"
        )

    def set_text(self, field: str, text: str) -> None:
        """Type ``text`` into a box, as a student would (used by tests)."""
        self.boxes[field].value = text

    def reset(self) -> None:
        """Put the example's numbers back (one recomputation, not one per box)."""
        self._lay_out(self.base)
        self._on_change()


def _numbers_of(config: Config) -> dict[str, float]:
    """Every number a student can type, by the box's name, in the boxes'
    order: inputs, targets, weights, biases, the learning rate."""
    names = config.network.names
    return {
        **dict(zip(names.neurons[0], config.inputs)),
        **dict(zip(names.targets, config.targets)),
        **config.network.parameters,
        "learning_rate": config.learning_rate,
    }
