"""The explorer: type the settings of a run, or press a preset, and watch
the picture, which rule stopped the run, and why the rate converges or not.

A widget module: it imports ipywidgets, and the lesson's package loads it
only when the explorer is asked for, so the rest of the lesson works without it.

>>> [label for label, _ in PRESETS]
['too small', 'right', 'diverging']
"""

from __future__ import annotations

import html

import ipywidgets as w

from mazur_nn.core.validate import show
from mazur_nn.lessons.descent.convergence import describe_rate
from mazur_nn.lessons.descent.figures import plot_run
from mazur_nn.lessons.descent.parabola import PARABOLA, Parabola
from mazur_nn.lessons.descent.run import Run, gradient_descent
from mazur_nn.lessons.descent.settings import FIELDS, PRESETS, settings_from_texts
from mazur_nn.widgets.aria import Aria
from mazur_nn.widgets.parts import bundle_with_text, problem_html
from mazur_nn.widgets.picture import Picture, show_figure

BOX = {
    "continuous_update": False,
    "layout": {"width": "250px"},
    "style": {"description_width": "110px"},
}
"""How each setting's box looks (read when the student presses Enter or leaves it)."""


class DescentExplorer:
    """Type a learning rate (or press *too small* / *right* / *diverging*),
    a start, the maximum number of iterations, the tolerance and the
    patience; the picture, the line saying which criterion stopped the run
    after how many iterations, and why the rate converges or not, follow.

    A value that is not allowed shows a message (what was typed stays in its
    box) and the last valid run stays on screen. ``widget`` is the
    ``ipywidgets.VBox`` (class ``mazur-descent``); the explorer displays it
    when it is the last expression of a cell.

    >>> explorer = DescentExplorer(drawing=False)
    >>> explorer.set_text("learning_rate", "1.1")
    >>> explorer.run.stopped_by
    'diverged'
    >>> explorer.set_text("learning_rate", "abc")
    >>> "learning_rate: &quot;abc&quot; is not a number" in explorer.message.value
    True
    >>> explorer.run.learning_rate
    1.1
    """

    def __init__(
        self,
        function: Parabola = PARABOLA,
        start: float = 3.0,
        learning_rate: float = 0.4,
        max_iterations: int = 100,
        tolerance: float = 1e-6,
        patience: int = 10,
        presets=PRESETS,
        drawing: bool = True,
    ) -> None:
        self.function = function
        self.drawing = drawing
        self.run: Run | None = None
        first = gradient_descent(
            start, learning_rate, max_iterations, tolerance, patience, function
        )
        typed = {field: show(getattr(first, field)) for field in FIELDS}
        self.boxes = {
            field: w.Text(value=typed[field], description=field, **BOX) for field in FIELDS
        }
        self.preset_buttons = []
        for label, eta in presets:
            button = w.Button(
                description=f"{label} (η = {show(eta)})", layout=w.Layout(width="auto")
            )
            button.on_click(lambda _b, eta=eta: self.set_text("learning_rate", show(eta)))
            self.preset_buttons.append(button)
        self.rate_line = w.HTML().add_class("mazur-descent-rate")
        self.message = w.HTML().add_class("mazur-message")
        self.result = w.HTML().add_class("mazur-descent-result").add_class("mazur-live")
        self.image = Picture(width="700px")
        self.errors = w.Output()
        for box in self.boxes.values():
            box.observe(self.update, names="value")
        grid = w.GridBox(
            list(self.boxes.values()), layout=w.Layout(grid_template_columns="repeat(3, 260px)")
        )
        children = [grid, w.HBox(self.preset_buttons), self.message, self.result, self.rate_line]
        if drawing:
            children.append(self.image)
        self.widget = w.VBox([*children, self.errors, Aria(scope="mazur-descent")])
        self.widget.add_class("mazur-descent")
        self.update()

    def update(self, _change=None) -> None:
        """Run again from what the boxes say."""
        with self.errors:
            texts = {field: box.value for field, box in self.boxes.items()}
            try:
                run = gradient_descent(function=self.function, **settings_from_texts(texts))
            except (TypeError, ValueError) as exc:
                # The last valid run stays on screen; what was typed stays in its box.
                self.message.value = problem_html(exc, "the last valid run")
                return
            self.message.value = ""
            self.run = run
            self.result.value = html.escape(run.reason)
            self.rate_line.value = html.escape(describe_rate(run.function, run.learning_rate))
            if self.drawing:
                show_figure(self.image, plot_run(run))

    def set_text(self, field: str, text: str) -> None:
        """Type ``text`` into a box, as a student would (used by tests)."""
        self.boxes[field].value = text

    def _repr_mimebundle_(self, **kwargs):
        text = "Gradient descent explorer on a parabola: run this cell to type settings and watch"
        return bundle_with_text(self.widget, text, **kwargs)
