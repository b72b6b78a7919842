"""The training view: N rounds with a progress bar, E_total on a log scale
and the outputs approaching their targets; with ``compare=True`` both
hidden-layer rules of the post (its errata) side by side.

>>> from mazur_nn import mazur_example
>>> view = TrainingView(mazur_example(), rounds=100)
>>> view.run()
>>> "100 rounds" in view.progress.description
True
"""

from __future__ import annotations

import html

import ipywidgets as w

from mazur_nn.core.config import Config
from mazur_nn.core.numbers import format_number
from mazur_nn.core.passes import TrainingDiverged
from mazur_nn.core.validate import parse_number
from mazur_nn.course.training import train_with_curves
from mazur_nn.render.figure import figure_to_png
from mazur_nn.render.plots import plot_curves
from mazur_nn.widgets.parts import problem_html


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
