"""Several learning rates from the same start, side by side.

:func:`compare` makes one :class:`~mazur_nn.lessons.descent.run.Run` per learning
rate; the :class:`Comparison` shows them as a table, with the iterations the
closed form predicts; :func:`verdict` says what each learning rate was.

>>> rates = compare(3, (0.02, 0.4, 1.1))
>>> [(run.regime, run.stopped_by) for run in rates.runs]
[('creeps', 'max_iterations'), ('creeps', 'tolerance'), ('diverges', 'diverged')]
>>> [verdict(run) for run in rates.runs]
['too small', 'right', 'diverging']
"""

from __future__ import annotations

from dataclasses import dataclass

from mazur_nn.core.table import Table
from mazur_nn.core.validate import show
from mazur_nn.lessons.descent.convergence import iterations_needed
from mazur_nn.lessons.descent.parabola import num
from mazur_nn.lessons.descent.run import Run, gradient_descent


@dataclass(frozen=True)
class Comparison:
    """Runs from the same start with different learning rates; shows as a
    table (learning rate, r, what the steps do, which criterion stopped the
    run, iterations counted and predicted by the closed form)."""

    runs: tuple[Run, ...]

    def table(self) -> Table:
        rows = []
        for run in self.runs:
            predicted = iterations_needed(run.function, run.start, run.learning_rate, run.tolerance)
            rows.append(
                (
                    show(run.learning_rate),
                    num(run.ratio, 9),
                    run.regime,
                    run.stopped_by,
                    str(run.iterations),
                    "never" if predicted is None else str(predicted),
                    num(run.x),
                )
            )
        first = self.runs[0]
        return Table(
            (
                "η",
                "r = 1 - 2ηa",
                "the steps",
                "stopped by",
                "iterations",
                "closed form: iterations to tolerance",
                "x at the end",
            ),
            rows,
            f"f(x) = {first.function.formula} from x0 = {show(first.start)}, "
            f"tolerance {show(first.tolerance)}, at most {first.max_iterations} iterations, "
            f"patience {first.patience}",
        )

    def __repr__(self) -> str:
        return self.table().to_text()

    def _repr_markdown_(self) -> str:
        return self.table().to_notebook()


def compare(start: float, learning_rates, **settings) -> Comparison:
    """:func:`gradient_descent` from ``start`` once per learning rate (the
    other ``settings`` shared).

    >>> [run.stopped_by for run in compare(3, (0.02, 0.4, 1.1)).runs]
    ['max_iterations', 'tolerance', 'diverged']
    """
    rates = tuple(learning_rates)
    if not rates:
        raise ValueError("learning_rates: expected at least one learning rate")
    return Comparison(tuple(gradient_descent(start, eta, **settings) for eta in rates))


def verdict(run: Run) -> str:
    """The learning rate in a word, for this run: ``"right"`` (it
    converged), ``"diverging"``, ``"too small"`` (creeping, not there yet),
    ``"too large (slow)"`` (oscillating, not there yet) or ``"bouncing"``.

    >>> [verdict(run) for run in compare(3, (0.02, 0.4, 1.1)).runs]
    ['too small', 'right', 'diverging']
    """
    if run.converged:
        return "right"
    if run.diverged or run.regime == "diverges":
        return "diverging"
    return {"creeps": "too small", "oscillates": "too large (slow)", "bounces": "bouncing"}.get(
        run.regime, "not converged"
    )
