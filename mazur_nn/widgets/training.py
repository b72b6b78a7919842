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
from mazur_nn.core.validate import parse_number, parse_whole_number
from mazur_nn.course.training import RULE_LABELS, Curves, train_with_curves
from mazur_nn.render.plots import plot_curves
from mazur_nn.widgets.aria import Aria
from mazur_nn.widgets.parts import example_name, problem_html, text_form


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
        self.result.add_class("mazur-live")
        # The curves as SVG (no matplotlib: it also draws in the browser);
        # hidden until there is a chart.
        self.image = w.HTML(layout=w.Layout(display="none"))
        self.image.add_class("mazur-training-chart")
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
                Aria(scope="mazur-training"),
            ]
        )
        self.add_class("mazur-training")

    def __repr__(self) -> str:
        rules = "both hidden-layer rules" if self.compare else "one rule"
        return text_form(
            f"Training view of {example_name(self.config)} ({rules}): run this cell, then Train"
        )

    def _settings(self):
        rounds = parse_whole_number(self.rounds_box.value, "rounds", 1, 1_000_000)
        rate = parse_number(self.rate_box.value, "learning rate")
        return rounds, self.config.replace(learning_rate=rate)

    def run(self) -> None:
        """Train every rule, each from the same start; a rule whose numbers
        leave float64's range stops there (its curve up to that round is
        kept and shown), and the other rule's run is kept whole."""
        with self.errors:
            try:
                rounds, config = self._settings()
            except (TypeError, ValueError) as exc:
                shown = "the last run" if self.runs else None
                self.message.value = problem_html(exc, shown)
                return
            self.message.value = ""
            rules = ("original", "updated") if self.compare else (config.hidden_uses,)
            self.progress.max = rounds * len(rules)
            self.progress.value = 0
            runs = []
            for k, rule in enumerate(rules):
                label = RULE_LABELS[rule]

                def progress(done, total, k=k, label=label):
                    self.progress.value = k * total + done
                    self.progress.description = f"{label}: {done} of {total} rounds"

                progress(0, rounds)
                curves = train_with_curves(
                    config.replace(hidden_uses=rule),
                    rounds,
                    progress=progress,
                    label=label,
                    on_overflow="stop",
                )
                runs.append(curves)
            self.runs = runs
            self.progress.value = self.progress.max
            stopped = [r for r in runs if r.stopped]
            self.progress.description = (
                f"{len(runs) - len(stopped)} of {len(runs)} runs done"
                if stopped
                else f"done: {rounds} rounds" + (f" x {len(runs)} rules" if len(runs) > 1 else "")
            )
            self.message.value = "<br>".join(
                problem_html(f"{r.label}: {r.stopped}") for r in stopped
            )
            self.result.value = "<br>".join(_result_line(r) for r in runs)
            self.image.value = plot_curves(runs).to_svg()
            self.image.layout.display = None


def _result_line(run: Curves) -> str:
    """One run's result: its last rounds, E_total and outputs."""
    if run.stopped:
        head = f"stopped after {run.rounds[-1]} rounds (the numbers left float64's range)"
    else:
        head = f"after {run.rounds[-1]} rounds"
    outputs = ", ".join(f"out_{o} = {format_number(v[-1])}" for o, v in run.outputs.items())
    return (
        f"<b>{html.escape(run.label)}</b>: {head} E_total = "
        f"{format_number(run.E_total[-1])}, {outputs}"
    )
