"""Training curves drawn: E_total on a log scale and the outputs approaching
their targets, for one or several runs side by side (the post's two
hidden-layer rules).

>>> from mazur_nn import mazur_example
>>> from mazur_nn.course.training import train_with_curves
>>> fig = plot_curves([train_with_curves(mazur_example(), 100, samples=10)])
>>> [ax.get_title() for ax in fig.axes]
['Total error', 'Outputs approaching their targets']
"""

from __future__ import annotations

from mazur_nn.course.training import Curves
from mazur_nn.render.figure import figure


def plot_curves(runs: list[Curves]):
    """A figure: E_total (log scale) over the rounds, and the outputs with
    their targets, one line style per run."""
    fig = figure(10, 3.6)
    left, right = fig.subplots(1, 2)
    styles = ["-", "--", ":", "-."]
    for run, style in zip(runs, styles):
        left.plot(run.rounds, run.E_total, style, label=run.label)
        for o, values in run.outputs.items():
            right.plot(run.rounds, values, style, label=f"out_{o} ({run.label})")
    if runs:
        for o, t in runs[0].targets.items():
            right.axhline(t, color="grey", linewidth=0.8)
            right.annotate(
                f"t for {o} = {t:g}",
                (runs[0].rounds[-1], t),
                ha="right",
                va="bottom",
                fontsize=8,
                color="grey",
            )
    left.set_yscale("log")
    left.set_xlabel("round")
    left.set_ylabel("E_total (log scale)")
    left.set_title("Total error")
    right.set_xlabel("round")
    right.set_title("Outputs approaching their targets")
    left.legend(fontsize=8)
    right.legend(fontsize=7)
    fig.subplots_adjust(left=0.07, right=0.98, bottom=0.15, top=0.9, wspace=0.25)
    return fig
