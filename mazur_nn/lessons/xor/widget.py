"""A small widget to train the XOR network: type a learning rate, a number
of epochs and a seed, press *Train* (what is typed is read by
:mod:`~mazur_nn.lessons.xor.settings`, never evaluated). The lesson's
package loads this module, and with it ipywidgets, when the widget is
first asked for.

>>> trainer = XorTrainer(epochs=5, drawing=False)
>>> trainer.record
Epochs(5 epochs: loss 1.170491405 -> 0.256374575)
"""

from __future__ import annotations

import html

import ipywidgets as w

from mazur_nn.core.layers import Epochs
from mazur_nn.core.numbers import format_number
from mazur_nn.lessons.xor.figures import decision_surfaces, loss_curve
from mazur_nn.lessons.xor.network import EPOCHS, LEARNING_RATE, SEED, loss_of, train_xor, xor_data
from mazur_nn.lessons.xor.settings import FIELDS, settings_from_texts
from mazur_nn.widgets.aria import Aria
from mazur_nn.widgets.parts import bundle_with_text, problem_html
from mazur_nn.widgets.picture import Picture, show_figure


class XorTrainer:
    """Type a learning rate, a number of epochs and a seed, press *Train*:
    a progress bar, then the loss curve and the decision surface of the
    trained network, and its four answers.

    A value that is not allowed shows a message (class ``mazur-message``;
    what was typed stays in its box) and the last valid result stays on
    screen. ``widget`` is the ``ipywidgets.VBox`` (class ``mazur-xor``); the
    result line has class ``mazur-xor-result``.

    >>> trainer = XorTrainer(drawing=False)
    >>> trainer.set_text("epochs", "200")
    >>> trainer.train()
    >>> trainer.record
    Epochs(200 epochs: loss 1.170491405 -> 0.031555243)
    >>> trainer.set_text("learning_rate", "abc")
    >>> trainer.train()
    >>> "learning_rate: &quot;abc&quot; is not a number" in trainer.message.value
    True
    >>> len(trainer.record.losses)
    200
    """

    def __init__(
        self,
        learning_rate: float = LEARNING_RATE,
        epochs: int = EPOCHS,
        seed: int = SEED,
        drawing: bool = True,
    ) -> None:
        self.drawing = drawing
        self.record: Epochs | None = None
        start = {"learning_rate": format_number(learning_rate), "epochs": str(epochs)}
        start["seed"] = str(seed)
        self.boxes = {
            field: w.Text(
                value=start[field],
                description=field,
                continuous_update=False,
                layout=w.Layout(width="230px"),
                style={"description_width": "100px"},
            )
            for field in FIELDS
        }
        self.train_button = w.Button(description="Train", button_style="primary")
        self.train_button.on_click(lambda _b: self.train())
        self.progress = w.IntProgress(min=0, max=epochs, description="0 epochs")
        self.message = w.HTML()
        self.message.add_class("mazur-message")
        self.result = w.HTML()
        self.result.add_class("mazur-xor-result")
        self.result.add_class("mazur-live")
        self.loss_image = Picture(width="480px")
        self.surface_image = Picture(width="350px")
        self.errors = w.Output()
        children = [
            w.HBox([*self.boxes.values(), self.train_button]),
            self.progress,
            self.message,
            self.result,
        ]
        if drawing:
            children.append(w.HBox([self.loss_image, self.surface_image]))
        self.widget = w.VBox([*children, self.errors, Aria(scope="mazur-xor")])
        self.widget.add_class("mazur-xor")
        self.train()

    def _repr_mimebundle_(self, **kwargs):
        text = "XOR trainer: run this cell, type a learning rate, epochs and a seed, then Train"
        return bundle_with_text(self.widget, text, **kwargs)

    def set_text(self, field: str, text: str) -> None:
        """Type ``text`` into a box, as a student would (used by tests)."""
        self.boxes[field].value = text

    def _show_problem(self, exc: Exception) -> None:
        """The message of what went wrong; the last valid result stays."""
        self.message.value = problem_html(exc, "the last valid result")

    def train(self) -> None:
        """Train from what the boxes say; show the result or a message."""
        with self.errors:
            texts = {field: box.value for field, box in self.boxes.items()}
            try:
                settings = settings_from_texts(texts)
            except (TypeError, ValueError) as exc:
                self._show_problem(exc)
                return
            epochs = settings["epochs"]
            every = max(1, epochs // 50)
            self.progress.max = epochs
            self.progress.value = 0

            def progress(done, total):
                if done % every == 0 or done == total:
                    self.progress.value = done
                    self.progress.description = f"{done} epochs"

            try:
                record = train_xor(progress=progress, **settings)
            except ValueError as exc:  # the loss became NaN or infinite
                self._show_problem(exc)
                return
            self.message.value = ""
            self.record = record
            X, _ = xor_data()
            outputs = ", ".join(format_number(v, 4) for v in record.network.predict(X)[0])
            self.result.value = html.escape(
                f"after {epochs} epochs: loss {loss_of(record.network):.6f}; "
                f"outputs for (0,0), (0,1), (1,0), (1,1): {outputs}"
            )
            if self.drawing:
                show_figure(self.loss_image, loss_curve(record))
                surfaces = decision_surfaces(record.network, titles=["after training"])
                show_figure(self.surface_image, surfaces)
