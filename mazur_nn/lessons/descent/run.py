r"""One run of gradient descent on the parabola, and which rule stopped it.

Training a network repeats one move: step against the gradient,
``x_{t+1} = x_t - eta * f'(x_t)``. :func:`gradient_descent` makes that move
on a :class:`~mazur_nn.lessons.descent.parabola.Parabola` and records every step in
a :class:`Run`: ``x_t``, ``f(x_t)``, ``f'(x_t) = 2a (x_t - c)``, and which
stopping criterion ended the run.

**Stopping criteria.** After each step, in this order (the first that holds
ends the run and is recorded in :attr:`Run.stopped_by`):

1. ``"diverged"``: the new ``x`` left the domain [-10, 10] or overflowed
   (``inf``); the run never goes on to NaN. (For ``c = 0`` this happens
   exactly when ``eta > 1/a``; for ``c != 0`` a run that overshoots the
   minimum far enough to leave the drawn domain is stopped too.)
2. ``"tolerance"``: the slope at the new point is flat enough,
   ``|f'(x_t)| <= tolerance``; this is the only criterion that means
   *converged*. It is also checked at the start (0 iterations).
3. ``"no_improvement"``: ``f`` has not gone below the lowest value seen so
   far for ``patience`` iterations in a row.
4. ``"max_iterations"``: ``max_iterations`` steps were made.

>>> run = gradient_descent(start=8, learning_rate=0.1)
>>> run.xs[:4]
(8.0, 6.4, 5.12, 4.096)
>>> run.stopped_by, run.iterations
('tolerance', 75)
>>> gradient_descent(start=3, learning_rate=1.1).stopped_by
'diverged'
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from mazur_nn.core.table import Table
from mazur_nn.core.validate import (
    non_negative_number,
    number_in_range,
    show,
    whole_value,
    wrong_kind,
)
from mazur_nn.lessons.descent.convergence import (
    checked_learning_rate,
    closed_form,
    ratio,
    regime,
)
from mazur_nn.lessons.descent.parabola import DOMAIN, PARABOLA, Parabola, num

STOPPING_CRITERIA = ("diverged", "tolerance", "no_improvement", "max_iterations")
"""What can end a run, in the order they are checked after each step."""

MAX_ITERATIONS = 100_000
"""The most steps (and the largest patience) a run may be given."""


@dataclass(frozen=True)
class Run:
    """One run of gradient descent: every ``x_t``, ``f(x_t)`` and
    ``f'(x_t)`` from ``t = 0`` (the start) to the last step, the settings,
    and ``stopped_by``: ``"diverged"``, ``"tolerance"``,
    ``"no_improvement"`` or ``"max_iterations"`` (see the module's docstring
    for the exact rules)."""

    function: Parabola
    start: float
    learning_rate: float
    max_iterations: int
    tolerance: float
    patience: int
    xs: tuple[float, ...]
    values: tuple[float, ...]
    gradients: tuple[float, ...]
    stopped_by: str

    @property
    def iterations(self) -> int:
        """Steps made (``len(xs) - 1``)."""
        return len(self.xs) - 1

    @property
    def x(self) -> float:
        """Where the run ended."""
        return self.xs[-1]

    @property
    def value(self) -> float:
        """``f`` where the run ended."""
        return self.values[-1]

    @property
    def gradient(self) -> float:
        """``f'`` where the run ended."""
        return self.gradients[-1]

    @property
    def steps(self) -> tuple[float, ...]:
        """``x_{t+1} - x_t = -eta f'(x_t)`` for every step made."""
        return tuple(b - a for a, b in zip(self.xs, self.xs[1:]))

    @property
    def best(self) -> float:
        """The lowest ``f`` reached."""
        return min(self.values)

    @property
    def ratio(self) -> float:
        """``r = 1 - 2 eta a``."""
        return ratio(self.function, self.learning_rate)

    @property
    def regime(self) -> str:
        return regime(self.function, self.learning_rate)

    @property
    def converged(self) -> bool:
        """Stopped by the tolerance: the slope became flat."""
        return self.stopped_by == "tolerance"

    @property
    def diverged(self) -> bool:
        return self.stopped_by == "diverged"

    @property
    def reason(self) -> str:
        """Which criterion stopped the run, after how many iterations, in words."""
        n = self.iterations
        steps = f"{n} iteration{'' if n == 1 else 's'}"
        at = f"x = {num(self.x)}, f(x) = {num(self.value)}"
        if self.stopped_by == "tolerance":
            where = "at the start" if n == 0 else f"after {steps}"
            return (
                f"Converged {where}: stopped by the tolerance, |f'(x)| = "
                f"{num(abs(self.gradient))} ≤ {show(self.tolerance)}; {at}"
            )
        if self.stopped_by == "max_iterations":
            return (
                f"Not converged: stopped by the maximum number of iterations ({n}); "
                f"|f'(x)| = {num(abs(self.gradient))} is still above the tolerance "
                f"{show(self.tolerance)}; {at}"
            )
        if self.stopped_by == "no_improvement":
            return (
                f"Not converged: stopped after {steps} by no improvement, f(x) did not go "
                f"below {num(self.best)} for {self.patience} iterations in a row "
                f"(patience {self.patience}); {at}"
            )
        how = "overflowed to" if not math.isfinite(self.x) else "left [-10, 10]:"
        return f"Diverged after {steps}: x {how} {num(self.x)}"

    def __repr__(self) -> str:
        return (
            f"Run(f(x) = {self.function.formula}, x0 = {show(self.start)}, "
            f"η = {show(self.learning_rate)}, stopped_by={self.stopped_by!r}: {self.reason})"
        )

    def table(self, rows: int = 8) -> Table:
        """The first ``rows`` steps (and the last one) as a text table:
        ``t``, ``x_t``, ``f(x_t)``, ``f'(x_t)`` and the step ``-eta f'(x_t)``."""
        rows = whole_value(rows, "rows", 1, MAX_ITERATIONS + 1)
        shown = list(range(min(rows, len(self.xs))))
        if shown[-1] != self.iterations:
            shown.append(self.iterations)
        body = []
        for k, t in enumerate(shown):
            if k and t != shown[k - 1] + 1:
                body.append(("...", "", "", "", ""))
            step = -self.learning_rate * self.gradients[t] if t < self.iterations else None
            body.append(
                (
                    str(t),
                    num(self.xs[t]),
                    num(self.values[t]),
                    num(self.gradients[t]),
                    "(stopped)" if step is None else num(step),
                )
            )
        return Table(
            ("t", "x_t", "f(x_t)", "f'(x_t)", "step -η f'(x_t)"),
            body,
            f"Gradient descent on f(x) = {self.function.formula} from x0 = "
            f"{show(self.start)} with η = {show(self.learning_rate)} "
            f"(r = 1 - 2ηa = {num(self.ratio, 9)}): stopped by {self.stopped_by}",
        )

    def closed_form_table(self, times=None) -> Table:
        """Each listed ``x_t`` as iterated, beside ``c + r^t (x_0 - c)``
        (:func:`closed_form`); by default ``t`` = 0 to 4 and the last."""
        if times is None:
            times = sorted({*range(min(5, len(self.xs))), self.iterations})
        rows = []
        for t in times:
            t = whole_value(t, "t", 0, self.iterations)
            exact = closed_form(self.function, self.start, self.learning_rate, t)
            gap = abs(self.xs[t] - exact)
            rows.append(
                (str(t), num(self.xs[t]), num(exact), "< 1e-12" if gap < 1e-12 else num(gap))
            )
        return Table(
            ("t", "x_t (iterated)", "x* + r^t (x0 - x*) (closed form)", "difference"),
            rows,
            f"η = {show(self.learning_rate)}, r = 1 - 2ηa = {num(self.ratio, 9)}",
        )


def gradient_descent(
    start: float,
    learning_rate: float,
    max_iterations: int = 100,
    tolerance: float = 1e-6,
    patience: int = 10,
    function: Parabola = PARABOLA,
) -> Run:
    """Minimise ``function`` (a :class:`Parabola`, by default ``x^2``) from
    ``start`` by ``x_{t+1} = x_t - learning_rate * f'(x_t)``; return the
    :class:`Run`.

    Parameters
    ----------
    start : the first ``x``, in [-10, 10].
    learning_rate : ``eta``, a positive finite number.
    max_iterations : at most this many steps, 1 to 100000.
    tolerance : stop (converged) once ``|f'(x_t)| <= tolerance``; 0 or more.
    patience : stop once ``f`` has not gone below its lowest value so far for
        this many iterations in a row, 1 to 100000.

    >>> run = gradient_descent(8, 1.0, patience=3)
    >>> run.xs, run.stopped_by
    ((8.0, -8.0, 8.0, -8.0), 'no_improvement')
    >>> gradient_descent(8, 0.01).stopped_by
    'max_iterations'
    >>> gradient_descent(12, 0.1)
    Traceback (most recent call last):
    ...
    ValueError: start: 12 is not allowed; expected a number from -10 to 10
    """
    if not isinstance(function, Parabola):
        raise wrong_kind("function", "a Parabola", type(function).__name__)
    x = number_in_range(start, "start", *DOMAIN)
    eta = checked_learning_rate(learning_rate)
    max_iterations = whole_value(max_iterations, "max_iterations", 1, MAX_ITERATIONS)
    tolerance = non_negative_number(tolerance, "tolerance")
    patience = whole_value(patience, "patience", 1, MAX_ITERATIONS)

    f, g = function(x), function.derivative(x)
    xs, values, gradients = [x], [f], [g]
    best, stale = f, 0
    stopped_by = "tolerance" if abs(g) <= tolerance else None
    t = 0
    while stopped_by is None:
        t += 1
        x = x - eta * g
        f, g = function(x), function.derivative(x)
        xs.append(x)
        values.append(f)
        gradients.append(g)
        if not (DOMAIN[0] <= x <= DOMAIN[1]):  # also catches inf (never NaN: we stop here)
            stopped_by = "diverged"
        elif abs(g) <= tolerance:
            stopped_by = "tolerance"
        else:
            if f < best:
                best, stale = f, 0
            else:
                stale += 1
            if stale >= patience:
                stopped_by = "no_improvement"
            elif t >= max_iterations:
                stopped_by = "max_iterations"
    return Run(
        function=function,
        start=xs[0],
        learning_rate=eta,
        max_iterations=max_iterations,
        tolerance=tolerance,
        patience=patience,
        xs=tuple(xs),
        values=tuple(values),
        gradients=tuple(gradients),
        stopped_by=stopped_by,
    )
