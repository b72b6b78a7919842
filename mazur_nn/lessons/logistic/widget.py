"""The lesson's widget: type a learning rate and a number of epochs, press
**Train**, watch the progress bar, read the test scores and the loss curve.

A widget module: it imports ipywidgets, and the lesson's package loads it
only when the trainer is asked for. What the boxes say is read by
:func:`~mazur_nn.lessons.logistic.training.settings_from_texts`.

>>> trainer = DigitsTrainer(epochs=5)
>>> trainer.run()
>>> trainer.progress.value, trainer.message.value
(5, '')
"""

from __future__ import annotations

import ipywidgets as w

from mazur_nn.lessons.logistic.data import Digits, load_nines, loaded_digits
from mazur_nn.lessons.logistic.evaluation import Metrics, evaluate
from mazur_nn.lessons.logistic.figures import plot_loss
from mazur_nn.lessons.logistic.training import (
    EPOCHS,
    LEARNING_RATE,
    TrainedUnit,
    checked_epochs,
    checked_learning_rate,
    settings_from_texts,
    train,
)
from mazur_nn.widgets.aria import Aria
from mazur_nn.widgets.parts import bundle_with_text, problem_html
from mazur_nn.widgets.picture import Picture, show_figure


class DigitsTrainer:
    """Type a learning rate and a number of epochs, press **Train**: a
    progress bar follows the epochs, then the test accuracy, precision and
    recall and the loss curve show. A value that is not allowed shows a
    message (class ``mazur-message``) and the last result stays on screen.

    ``trainer.box`` is the ipywidgets ``VBox`` (class ``mazur-digits``); the
    trainer shows itself as that box in a notebook.
    """

    def __init__(
        self,
        data: Digits | None = None,
        learning_rate: float = LEARNING_RATE,
        epochs: int = EPOCHS,
    ) -> None:
        self.data = loaded_digits(data if data is not None else load_nines())
        rate, epochs = checked_learning_rate(learning_rate), checked_epochs(epochs)
        wide = {"description_width": "initial"}
        self.rate_box = w.Text(
            value=f"{rate:g}", description="learning rate", continuous_update=False, style=wide
        )
        self.epochs_box = w.Text(
            value=str(epochs), description="epochs", continuous_update=False, style=wide
        )
        self.train_button = w.Button(description="Train", button_style="primary")
        self.progress = w.IntProgress(
            min=0, max=epochs, value=0, description="0 epochs", style=wide
        )
        self.message = w.HTML().add_class("mazur-message")
        invitation = "Press <b>Train</b> to train the unit from w = 0, b = 0."
        self.result = w.HTML(invitation).add_class("mazur-digits-result").add_class("mazur-live")
        self.image = Picture(width="640px")
        self.errors = w.Output()
        self.trained: TrainedUnit | None = None
        self.scores: Metrics | None = None
        self.train_button.on_click(lambda _: self.run())
        self.box = w.VBox(
            [
                w.HBox([self.rate_box, self.epochs_box, self.train_button]),
                self.progress,
                self.message,
                self.result,
                self.image,
                self.errors,
                Aria(scope="mazur-digits"),
            ]
        )
        self.box.add_class("mazur-digits")

    def _repr_mimebundle_(self, **kwargs):
        text = "Digits trainer (is it a 9?): run this cell, type a learning rate and epochs, Train"
        return bundle_with_text(self.box, text, **kwargs)

    def set_text(self, field: str, text: str) -> None:
        """Type ``text`` into the ``"learning_rate"`` or ``"epochs"`` box (tests)."""
        {"learning_rate": self.rate_box, "epochs": self.epochs_box}[field].value = text

    def _show_problem(self, exc: Exception) -> None:
        self.message.value = problem_html(exc, "the last result")

    def run(self) -> None:
        """Train with the typed settings (what **Train** does)."""
        with self.errors:
            try:
                rate, epochs = settings_from_texts(self.rate_box.value, self.epochs_box.value)
            except (TypeError, ValueError) as exc:
                self._show_problem(exc)
                return
            self.message.value = ""
            self.progress.max = epochs
            self.progress.value = 0
            self.progress.description = "0 epochs"

            def progress(done: int, total: int) -> None:
                self.progress.value = done
                self.progress.description = f"{done} epochs"

            trained = train(self.data, rate, epochs, progress=progress)
            scores = evaluate(trained, self.data)
            self.trained, self.scores = trained, scores
            self.result.value = (
                f"<b>after {epochs} epochs at learning rate {rate:g}</b>: test {scores.summary()}; "
                f"training loss {trained.train_loss[-1]:.6f}, test loss {trained.test_loss[-1]:.6f}"
            )
            show_figure(self.image, plot_loss(trained))
