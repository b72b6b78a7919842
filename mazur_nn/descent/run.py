r"""Gradient descent on a parabola over [-10, 10], one step at a time.

Training a network repeats one move: step against the gradient,
``x_{t+1} = x_t - eta * f'(x_t)``. This module makes that move on the
simplest function that has a minimum, a parabola

    f(x) = a (x - c)^2,   a > 0,   minimum x* = c,   on [-10, 10]

(``a`` how steep, ``c`` where the minimum is; the lesson uses ``x^2``), and
records every step: ``x_t``, ``f(x_t)``, ``f'(x_t) = 2a (x_t - c)``, and which
stopping criterion ended the run.

**Why the learning rate decides everything.** For a parabola one step is

    x_{t+1} - c = x_t - c - eta * 2a (x_t - c) = (1 - 2 eta a) (x_t - c),

so every step multiplies the distance to the minimum by the same number
``r = 1 - 2 eta a``, and ``x_t = c + r^t (x_0 - c)`` (:func:`closed_form`):

* ``0 < eta < 1/(2a)``: ``0 < r < 1``, creeps towards ``c`` from one side
  (slowly when ``eta`` is small: *too small*);
* ``eta = 1/(2a)``: ``r = 0``, lands on the minimum in one step;
* ``1/(2a) < eta < 1/a``: ``-1 < r < 0``, jumps across the minimum every step
  and still converges;
* ``eta = 1/a``: ``r = -1``, bounces between ``x_0`` and ``2c - x_0`` forever;
* ``eta > 1/a``: ``|r| > 1``, lands further out every step: *diverges*.

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

Example
-------
>>> run = gradient_descent(start=8, learning_rate=0.1)
>>> run.xs[:4]
(8.0, 6.4, 5.12, 4.096)
>>> run.stopped_by, run.iterations
('tolerance', 75)
>>> gradient_descent(start=3, learning_rate=1.1).stopped_by
'diverged'
>>> round(closed_form(Parabola(), start=8, learning_rate=0.1, t=3), 12)
4.096

numpy, matplotlib, ipywidgets and sympy (through
:func:`mazur_nn.symbolic.format_number`) are imported only inside the
functions that need them, so ``import mazur_nn.descent`` stays fast.
"""

from __future__ import annotations

import html
import math
from dataclasses import dataclass
from numbers import Real

from .tables import Table

DOMAIN = (-10.0, 10.0)
"""Where the parabola lives and is drawn: the interval [-10, 10] of the source."""

STOPPING_CRITERIA = ("diverged", "tolerance", "no_improvement", "max_iterations")
MAX_ITERATIONS = 100_000
MAX_STEEPNESS = 1000.0

# Okabe-Ito colours (safe for colour-blind students), as in mazur_nn.drawing.
_BLUE, _ORANGE, _VERMILLION, _GREEN = "#0072B2", "#E69F00", "#D55E00", "#009E73"
_INK, _GREY = "#222222", "#9A9A9A"


# -- checking what comes in ------------------------------------------------------


def _show(value) -> str:
    """A number as a student would type it: ``12``, ``0.5``, ``-1e-07``."""
    return f"{value:g}" if isinstance(value, float) else str(value)


def _number(value, field: str) -> float:
    if isinstance(value, bool) or not isinstance(value, Real):
        raise TypeError(f"{field}: expected a number, got {type(value).__name__} {value!r}")
    value = float(value)
    if math.isnan(value):
        raise ValueError(f"{field}: nan is not allowed; expected a number")
    return value


def _in_range(value, field: str, low: float, high: float) -> float:
    value = _number(value, field)
    if not low <= value <= high:
        raise ValueError(
            f"{field}: {_show(value)} is not allowed; expected a number "
            f"from {_show(low)} to {_show(high)}"
        )
    return value


def _positive(value, field: str) -> float:
    value = _number(value, field)
    if not (0 < value < math.inf):
        raise ValueError(
            f"{field}: {_show(value)} is not allowed; expected a positive finite number (> 0)"
        )
    return value


def _whole(value, field: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, Real):
        raise TypeError(f"{field}: expected a whole number, got {type(value).__name__} {value!r}")
    if isinstance(value, float) and not value.is_integer():
        raise ValueError(
            f"{field}: {_show(value)} is not allowed; expected a whole number from {low} to {high}"
        )
    number = int(value)
    if not low <= number <= high:
        raise ValueError(
            f"{field}: {number} is not allowed; expected a whole number from {low} to {high}"
        )
    return number


def _num(value: float, digits: int = 6) -> str:
    """A number for tables and messages (``inf`` stays ``inf``)."""
    from .symbolic import format_number  # here: mazur_nn.symbolic imports sympy

    if not math.isfinite(value):
        return str(value)
    return format_number(value, digits)


# -- the function -------------------------------------------------------------------


@dataclass(frozen=True)
class Parabola:
    r"""``f(x) = a (x - c)^2`` on [-10, 10]: steepness ``a`` (0 < a <= 1000)
    and minimum ``x* = c`` (in [-10, 10]).

    >>> f = Parabola(a=4, c=2)
    >>> f(3), f.derivative(3)
    (4.0, 8.0)
    >>> f
    Parabola(f(x) = 4(x - 2)^2, f'(x) = 8(x - 2), minimum x* = 2, on [-10, 10])
    """

    a: float = 1.0
    c: float = 0.0

    def __post_init__(self) -> None:
        a = _number(self.a, "a")
        if not 0 < a <= MAX_STEEPNESS:
            raise ValueError(
                f"a: {_show(a)} is not allowed; expected a steepness "
                f"from above 0 to {_show(MAX_STEEPNESS)} (f(x) = a (x - c)^2 needs a > 0)"
            )
        object.__setattr__(self, "a", a)
        object.__setattr__(self, "c", _in_range(self.c, "c", *DOMAIN))

    def __call__(self, x: float) -> float:
        d = x - self.c
        return self.a * d * d  # d * d, not d ** 2: overflows to inf instead of raising

    def derivative(self, x: float) -> float:
        """``f'(x) = 2a (x - c)``."""
        return 2 * self.a * (x - self.c)

    @property
    def minimum(self) -> float:
        """``x* = c``."""
        return self.c

    @property
    def highest(self) -> float:
        """The largest value of ``f`` on the domain (at one of its ends)."""
        return max(self(DOMAIN[0]), self(DOMAIN[1]))

    def _shift(self, latex: bool = False) -> str:
        if self.c == 0:
            return "x"
        sign = "-" if self.c > 0 else "+"
        inner = f"x {sign} {_show(abs(self.c))}"
        return rf"\left({inner}\right)" if latex else f"({inner})"

    @property
    def formula(self) -> str:
        """``f(x)`` as text: ``x^2``, ``4(x - 2)^2``."""
        a = "" if self.a == 1 else _show(self.a)
        return f"{a}{self._shift()}^2"

    @property
    def derivative_formula(self) -> str:
        """``f'(x)`` as text: ``2x``, ``8(x - 2)``."""
        return f"{_show(2 * self.a)}{self._shift()}"

    @property
    def latex(self) -> str:
        r"""``f(x)`` in LaTeX: ``x^{2}``, ``4 \left(x - 2\right)^{2}``."""
        a = "" if self.a == 1 else _show(self.a) + " "
        return f"{a}{self._shift(latex=True)}^{{2}}"

    def __repr__(self) -> str:
        return (
            f"Parabola(f(x) = {self.formula}, f'(x) = {self.derivative_formula}, "
            f"minimum x* = {_show(self.c)}, on [{_show(DOMAIN[0])}, {_show(DOMAIN[1])}])"
        )

    def _repr_latex_(self) -> str:
        shift = self._shift(latex=True)
        return (
            rf"$$f(x) = {self.latex}, \qquad f'(x) = {_show(2 * self.a)} {shift}, \qquad "
            rf"x^* = {_show(self.c)}, \qquad x \in [{_show(DOMAIN[0])}, {_show(DOMAIN[1])}]$$"
        )


PARABOLA = Parabola()
"""``f(x) = x^2``: the source's parabola, minimum at 0."""


def ratio(function: Parabola, learning_rate: float) -> float:
    """``r = 1 - 2 eta a``: what one step multiplies the distance to the minimum by.

    >>> ratio(Parabola(), 0.1), ratio(Parabola(), 0.5), ratio(Parabola(), 1.1)
    (0.8, 0.0, -1.2000000000000002)
    """
    return 1 - 2 * learning_rate * function.a


def regime(function: Parabola, learning_rate: float) -> str:
    """What the steps do for this learning rate, from ``r = 1 - 2 eta a``:
    ``"creeps"`` (0 < r < 1), ``"one step"`` (r = 0), ``"oscillates"``
    (-1 < r < 0, still converges), ``"bounces"`` (r = -1) or ``"diverges"``
    (r < -1).

    >>> [regime(Parabola(), eta) for eta in (0.1, 0.5, 0.9, 1.0, 1.1)]
    ['creeps', 'one step', 'oscillates', 'bounces', 'diverges']
    """
    _positive(learning_rate, "learning_rate")
    r = ratio(function, learning_rate)
    if r > 0:
        return "creeps"
    if r == 0:
        return "one step"
    if r > -1:
        return "oscillates"
    if r == -1:
        return "bounces"
    return "diverges"


_REGIME_TEXT = {
    "creeps": "moves towards x* from one side; each step keeps a fraction r of the distance",
    "one step": "lands on x* in one step",
    "oscillates": "jumps across x* each step, a little closer every time: converges",
    "bounces": "bounces between x0 and 2x* - x0 forever",
    "diverges": "jumps across x* each step, further out every time: diverges",
}


def describe_rate(function: Parabola, learning_rate: float) -> str:
    """One line on why this learning rate converges or not.

    >>> describe_rate(Parabola(), 1.1)
    'η = 1.1 > 1/a = 1: r = 1 - 2ηa = -1.2, so x jumps across x* each step, further out every time: diverges'
    """  # noqa: E501
    kind = regime(function, learning_rate)
    a = function.a
    half, full = _show(1 / (2 * a)), _show(1 / a)
    where = {
        "creeps": f"η = {_show(learning_rate)} < 1/(2a) = {half}",
        "one step": f"η = {_show(learning_rate)} = 1/(2a)",
        "oscillates": f"1/(2a) = {half} < η = {_show(learning_rate)} < 1/a = {full}",
        "bounces": f"η = {_show(learning_rate)} = 1/a",
        "diverges": f"η = {_show(learning_rate)} > 1/a = {full}",
    }[kind]
    r = _num(ratio(function, learning_rate), 9)
    return f"{where}: r = 1 - 2ηa = {r}, so x {_REGIME_TEXT[kind]}"


def regimes(function: Parabola = PARABOLA) -> Table:
    """The five things a learning rate can do on ``function``, with the
    thresholds ``1/(2a)`` and ``1/a`` worked out.

    >>> regimes().rows[1][:3]
    ('η = 1/(2a)', 'η = 0.5', 'r = 0')
    """
    half, full = _show(1 / (2 * function.a)), _show(1 / function.a)
    rows = [
        ("0 < η < 1/(2a)", f"0 < η < {half}", "0 < r < 1", _REGIME_TEXT["creeps"]),
        ("η = 1/(2a)", f"η = {half}", "r = 0", _REGIME_TEXT["one step"]),
        ("1/(2a) < η < 1/a", f"{half} < η < {full}", "-1 < r < 0", _REGIME_TEXT["oscillates"]),
        ("η = 1/a", f"η = {full}", "r = -1", _REGIME_TEXT["bounces"]),
        ("η > 1/a", f"η > {full}", "r < -1", _REGIME_TEXT["diverges"]),
    ]
    return Table(
        ("learning rate", f"for a = {_show(function.a)}", "r = 1 - 2ηa", "what x does"),
        rows,
        f"f(x) = {function.formula}: each step multiplies x - x* by r = 1 - 2ηa",
    )


def closed_form(function: Parabola, start: float, learning_rate: float, t: int) -> float:
    """``x_t = c + r^t (x_0 - c)`` with ``r = 1 - 2 eta a``, without iterating.

    >>> closed_form(Parabola(), start=8, learning_rate=0.5, t=1)
    0.0
    >>> closed_form(Parabola(), start=8, learning_rate=1.0, t=3)
    -8.0
    """
    t = _whole(t, "t", 0, 10**9)
    r = ratio(function, _positive(learning_rate, "learning_rate"))
    distance = _number(start, "start") - function.c
    try:
        factor = r**t
    except OverflowError:  # |r| > 1 and t large
        factor = math.copysign(math.inf, r if t % 2 else 1.0)
    return function.c + factor * distance if distance else function.c


def iterations_needed(
    function: Parabola, start: float, learning_rate: float, tolerance: float = 1e-6
) -> int | None:
    """How many steps until ``|f'(x_t)| <= tolerance``, from the closed form:
    the smallest ``t`` with ``2a |r|^t |x_0 - c| <= tolerance``, that is
    ``t = ceil(log(tolerance / (2a |x_0 - c|)) / log |r|)``; ``None`` when
    it never happens (``|r| >= 1``).

    >>> iterations_needed(Parabola(), 8, 0.1), iterations_needed(Parabola(), 8, 0.5)
    (75, 1)
    >>> iterations_needed(Parabola(), 8, 1.1) is None
    True
    """
    r = abs(ratio(function, _positive(learning_rate, "learning_rate")))
    slope = 2 * function.a * abs(_number(start, "start") - function.c)
    tolerance = _number(tolerance, "tolerance")
    if slope <= tolerance:
        return 0
    if r == 0:
        return 1
    if r >= 1 or tolerance <= 0:
        return None
    return math.ceil(math.log(tolerance / slope) / math.log(r))


# -- the run ------------------------------------------------------------------------------


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
        at = f"x = {_num(self.x)}, f(x) = {_num(self.value)}"
        if self.stopped_by == "tolerance":
            where = "at the start" if n == 0 else f"after {steps}"
            return (
                f"Converged {where}: stopped by the tolerance, |f'(x)| = "
                f"{_num(abs(self.gradient))} ≤ {_show(self.tolerance)}; {at}"
            )
        if self.stopped_by == "max_iterations":
            return (
                f"Not converged: stopped by the maximum number of iterations ({n}); "
                f"|f'(x)| = {_num(abs(self.gradient))} is still above the tolerance "
                f"{_show(self.tolerance)}; {at}"
            )
        if self.stopped_by == "no_improvement":
            return (
                f"Not converged: stopped after {steps} by no improvement, f(x) did not go "
                f"below {_num(self.best)} for {self.patience} iterations in a row "
                f"(patience {self.patience}); {at}"
            )
        how = "overflowed to" if not math.isfinite(self.x) else "left [-10, 10]:"
        return f"Diverged after {steps}: x {how} {_num(self.x)}"

    def __repr__(self) -> str:
        return (
            f"Run(f(x) = {self.function.formula}, x0 = {_show(self.start)}, "
            f"η = {_show(self.learning_rate)}, stopped_by={self.stopped_by!r}: {self.reason})"
        )

    def table(self, rows: int = 8) -> Table:
        """The first ``rows`` steps (and the last one) as a text table:
        ``t``, ``x_t``, ``f(x_t)``, ``f'(x_t)`` and the step ``-eta f'(x_t)``."""
        rows = _whole(rows, "rows", 1, MAX_ITERATIONS + 1)
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
                    _num(self.xs[t]),
                    _num(self.values[t]),
                    _num(self.gradients[t]),
                    "(stopped)" if step is None else _num(step),
                )
            )
        return Table(
            ("t", "x_t", "f(x_t)", "f'(x_t)", "step -η f'(x_t)"),
            body,
            f"Gradient descent on f(x) = {self.function.formula} from x0 = "
            f"{_show(self.start)} with η = {_show(self.learning_rate)} "
            f"(r = 1 - 2ηa = {_num(self.ratio, 9)}): stopped by {self.stopped_by}",
        )

    def closed_form_table(self, times=None) -> Table:
        """Each listed ``x_t`` as iterated, beside ``c + r^t (x_0 - c)``
        (:func:`closed_form`); by default ``t`` = 0 to 4 and the last."""
        if times is None:
            times = sorted({*range(min(5, len(self.xs))), self.iterations})
        rows = []
        for t in times:
            t = _whole(t, "t", 0, self.iterations)
            exact = closed_form(self.function, self.start, self.learning_rate, t)
            gap = abs(self.xs[t] - exact)
            rows.append(
                (str(t), _num(self.xs[t]), _num(exact), "< 1e-12" if gap < 1e-12 else _num(gap))
            )
        return Table(
            ("t", "x_t (iterated)", "x* + r^t (x0 - x*) (closed form)", "difference"),
            rows,
            f"η = {_show(self.learning_rate)}, r = 1 - 2ηa = {_num(self.ratio, 9)}",
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
        raise TypeError(f"function: expected a Parabola, got {type(function).__name__}")
    x = _in_range(start, "start", *DOMAIN)
    eta = _positive(learning_rate, "learning_rate")
    max_iterations = _whole(max_iterations, "max_iterations", 1, MAX_ITERATIONS)
    tolerance = _number(tolerance, "tolerance")
    if not 0 <= tolerance < math.inf:
        raise ValueError(
            f"tolerance: {_show(tolerance)} is not allowed; expected a finite number >= 0"
        )
    patience = _whole(patience, "patience", 1, MAX_ITERATIONS)

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


# -- several learning rates ------------------------------------------------------------


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
                    _show(run.learning_rate),
                    _num(run.ratio, 9),
                    run.regime,
                    run.stopped_by,
                    str(run.iterations),
                    "never" if predicted is None else str(predicted),
                    _num(run.x),
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
            f"f(x) = {first.function.formula} from x0 = {_show(first.start)}, "
            f"tolerance {_show(first.tolerance)}, at most {first.max_iterations} iterations, "
            f"patience {first.patience}",
        )

    def __repr__(self) -> str:
        return self.table().to_text()

    def _repr_markdown_(self) -> str:
        return self.table().to_markdown()


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


# -- figures -------------------------------------------------------------------------------

_MAX_ARROWS = 60


def _clip_step(p0, p1, x_edge, y_top):
    """The segment p0 -> p1 cut where it leaves the box |x| <= x_edge, y <= y_top."""
    (x0, y0), (x1, y1) = p0, p1
    if not (math.isfinite(x1) and math.isfinite(y1)):
        return (math.copysign(x_edge, x1 if not math.isnan(x1) else 1.0), y_top)
    s = 1.0
    if abs(x1) > x_edge:
        s = min(s, (math.copysign(x_edge, x1) - x0) / (x1 - x0))
    if y1 > y_top:
        s = min(s, (y_top - y0) / (y1 - y0))
    return (x0 + s * (x1 - x0), y0 + s * (y1 - y0))


def _status(run: Run) -> str:
    """Three short lines for the picture: the verdict, the criterion and
    when, and where ``x`` ended."""
    x = f"x = {_num(run.x, 4)}"
    if run.diverged:
        return f"diverged at t = {run.iterations}\n{x}\nleft [-10, 10]"
    verdict = "converged" if run.converged else "not converged"
    return f"{verdict}\nstopped by {run.stopped_by} at t = {run.iterations}\n{x}"


def _draw_run(ax, run: Run, title: str | None = None) -> None:
    import numpy as np
    from matplotlib.patches import FancyArrowPatch

    f = run.function
    lo, hi = DOMAIN
    grid = np.linspace(lo, hi, 401)
    ax.plot(grid, f.a * (grid - f.c) ** 2, color=_GREY, linewidth=1.5, zorder=1)
    top = f.highest * 1.12
    x_edge = hi + 0.6
    ax.set_xlim(lo - 0.6, x_edge)
    ax.set_ylim(-0.06 * top, top)
    ax.axvline(f.c, color=_GREEN, linewidth=0.8, linestyle="--", zorder=0)
    ax.plot([f.c], [0], marker="*", markersize=12, color=_GREEN, zorder=4, linestyle="none")
    color = _VERMILLION if run.diverged else _ORANGE
    x_span, y_span = x_edge - (lo - 0.6), top * 1.06
    for t in range(min(run.iterations, _MAX_ARROWS)):
        p0 = (run.xs[t], run.values[t])
        p1 = _clip_step(p0, (run.xs[t + 1], run.values[t + 1]), x_edge, top)
        if math.hypot((p1[0] - p0[0]) / x_span, (p1[1] - p0[1]) / y_span) < 0.012:
            continue  # too short to see an arrow
        ax.add_patch(
            FancyArrowPatch(
                p0, p1, arrowstyle="-|>", mutation_scale=11, color=color, linewidth=1.2, zorder=2
            )
        )
    inside = [(x, y) for x, y in zip(run.xs, run.values) if lo <= x <= hi]
    ax.plot(
        [x for x, _ in inside],
        [y for _, y in inside],
        "o",
        markersize=4,
        color=_BLUE,
        zorder=3,
        gid="points",
    )
    ax.plot([run.start], [run.values[0]], "o", markersize=8, color=_INK, zorder=5)
    ax.annotate(
        f"$x_0 = {_show(run.start)}$",
        (run.start, run.values[0]),
        textcoords="offset points",
        xytext=(0, 8),
        ha="center",
        fontsize=9,
    )
    ax.text(
        0.5,
        0.97,
        _status(run),
        transform=ax.transAxes,
        ha="center",
        va="top",
        fontsize=9,
        color=_VERMILLION if run.diverged else _INK,
        bbox={"boxstyle": "round,pad=0.3", "facecolor": "white", "edgecolor": "#C8C8C8"},
    )
    ax.set_title(
        title
        or f"η = {_show(run.learning_rate)}  (r = 1 − 2ηa = {_num(run.ratio, 4)}): {run.regime}",
        fontsize=10,
    )
    ax.set_xlabel("x")
    ax.set_ylabel(f"$f(x) = {f.latex}$")


def plot_run(run: Run):
    """The parabola on [-10, 10], every point ``(x_t, f(x_t))`` of the run
    and an arrow for each step (the first 60; a step leaving the domain is
    cut at the edge); the start in black, the minimum as a green star."""
    from .drawing import figure

    fig = figure(7.5, 4.2)
    ax = fig.subplots()
    _draw_run(ax, run)
    fig.subplots_adjust(left=0.1, right=0.97, bottom=0.12, top=0.91)
    return fig


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


def plot_comparison(comparison: Comparison):
    """One panel per run, side by side (two rows from four runs on), each
    titled with its learning rate and :func:`verdict`."""
    from .drawing import figure

    runs = comparison.runs
    columns = len(runs) if len(runs) <= 3 else math.ceil(len(runs) / 2)
    rows = math.ceil(len(runs) / columns)
    fig = figure(4.3 * columns, 3.9 * rows)
    axes = fig.subplots(rows, columns, squeeze=False).ravel()
    for ax, run in zip(axes, runs):
        _draw_run(ax, run, title=f"η = {_show(run.learning_rate)}: {verdict(run)}")
    for ax in axes[len(runs) :]:
        ax.set_axis_off()
    fig.subplots_adjust(left=0.06, right=0.98, bottom=0.13, top=0.9, wspace=0.3, hspace=0.45)
    return fig


def plot_distance(comparison: Comparison):
    """``|x_t - x*|`` on a log scale for each run (dots), with the closed
    form ``|r|^t |x_0 - x*|`` as a wide pale line under them: straight lines,
    falling when ``|r| < 1``; the grey line is where the tolerance stops a
    run (``|f'(x)| = 2a |x - x*|``)."""
    from .drawing import figure

    fig = figure(7.5, 4.0)
    ax = fig.subplots()
    colors = [_BLUE, _ORANGE, _VERMILLION, _GREEN, "#CC79A7", "#56B4E9"]
    for k, run in enumerate(comparison.runs):
        color = colors[k % len(colors)]
        c = run.function.c
        ts = range(len(run.xs))
        exact = [
            (t, abs(closed_form(run.function, run.start, run.learning_rate, t) - c)) for t in ts
        ]
        exact = [(t, d) for t, d in exact if 0 < d < math.inf]
        shown = [(t, abs(x - c)) for t, x in zip(ts, run.xs) if 0 < abs(x - c) < math.inf]
        ax.plot(
            [t for t, _ in exact],
            [d for _, d in exact],
            "-",
            color=color,
            linewidth=6,
            alpha=0.25,
            solid_capstyle="round",
        )
        ax.plot(
            [t for t, _ in shown],
            [d for _, d in shown],
            "o",
            markersize=3,
            color=color,
            label=f"η = {_show(run.learning_rate)} (r = {_num(run.ratio, 4)})",
        )
    first = comparison.runs[0]
    tolerance_line = first.tolerance / (2 * first.function.a)
    if tolerance_line > 0:
        ax.axhline(tolerance_line, color=_GREY, linewidth=0.8)
        ax.annotate(
            "tolerance reached",
            (0, tolerance_line),
            textcoords="offset points",
            xytext=(2, 3),
            fontsize=8,
            color=_GREY,
        )
    ax.set_yscale("log")
    ax.set_xlabel("iteration t")
    ax.set_ylabel("|x_t − x*| (log scale)")
    ax.set_title(
        "Distance to the minimum: dots iterated, pale lines the closed form |r|^t |x0 − x*|",
        fontsize=10,
    )
    ax.legend(fontsize=8)
    fig.subplots_adjust(left=0.11, right=0.97, bottom=0.13, top=0.91)
    return fig


# -- what a student types -------------------------------------------------------------------

FIELDS = ("learning_rate", "start", "max_iterations", "tolerance", "patience")


def settings_from_texts(texts: dict[str, str]) -> dict:
    """The keyword arguments of :func:`gradient_descent` from the text a
    student typed (never evaluated as code). Raises ``ValueError`` or
    ``TypeError`` naming the field and what is allowed.

    >>> settings_from_texts({"learning_rate": "0.4", "start": "3", "max_iterations": "100",
    ...                      "tolerance": "1e-6", "patience": "10"})["max_iterations"]
    100
    >>> settings_from_texts({"learning_rate": "0", "start": "3", "max_iterations": "100",
    ...                      "tolerance": "1e-6", "patience": "10"})
    Traceback (most recent call last):
    ...
    ValueError: learning_rate: 0 is not allowed; expected a positive finite number (> 0)
    """
    from .inputs import parse_number

    missing = [f for f in FIELDS if f not in texts]
    if missing:
        raise ValueError(f"{missing[0]}: missing; expected one of the fields {', '.join(FIELDS)}")
    numbers = {f: parse_number(texts[f], f) for f in FIELDS}
    settings = {
        "learning_rate": _positive(numbers["learning_rate"], "learning_rate"),
        "start": _in_range(numbers["start"], "start", *DOMAIN),
        "max_iterations": _whole(numbers["max_iterations"], "max_iterations", 1, MAX_ITERATIONS),
        "tolerance": numbers["tolerance"],
        "patience": _whole(numbers["patience"], "patience", 1, MAX_ITERATIONS),
    }
    if settings["tolerance"] < 0:
        raise ValueError(
            f"tolerance: {_show(settings['tolerance'])} is not allowed; "
            "expected a finite number >= 0"
        )
    return settings


def settings_problem(**settings) -> str | None:
    """What is wrong with these :func:`gradient_descent` settings, or ``None``.

    >>> settings_problem(start=12, learning_rate=0.1)
    'start: 12 is not allowed; expected a number from -10 to 10'
    """
    try:
        gradient_descent(**settings)
    except (TypeError, ValueError) as exc:
        return str(exc)
    return None


# -- the widget -----------------------------------------------------------------------------

PRESETS = (("too small", 0.02), ("right", 0.4), ("diverging", 1.1))


class DescentExplorer:
    """Type a learning rate (or press *too small* / *right* / *diverging*),
    a start, the maximum number of iterations, the tolerance and the
    patience; the picture, the line saying which criterion stopped the run
    after how many iterations, and why the rate converges or not, follow.

    A value that is not allowed shows a message (what was typed stays in its
    box) and the last valid run stays on screen. ``widget`` is the
    ``ipywidgets.VBox`` (class ``mazur-descent``); the explorer displays it
    when it is the last expression of a cell. ipywidgets is imported only
    here, so the numbers above can be used without it.

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
        import ipywidgets as w

        self.function = function
        self.drawing = drawing
        self.run: Run | None = None
        first = gradient_descent(
            start, learning_rate, max_iterations, tolerance, patience, function
        )
        start_values = {
            "learning_rate": _show(first.learning_rate),
            "start": _show(first.start),
            "max_iterations": str(first.max_iterations),
            "tolerance": _show(first.tolerance),
            "patience": str(first.patience),
        }
        self.boxes = {
            field: w.Text(
                value=start_values[field],
                description=field,
                continuous_update=False,
                layout=w.Layout(width="250px"),
                style={"description_width": "110px"},
            )
            for field in FIELDS
        }
        self.preset_buttons = []
        for label, eta in presets:
            button = w.Button(
                description=f"{label} (η = {_show(eta)})", layout=w.Layout(width="auto")
            )
            button.on_click(lambda _b, eta=eta: self.set_text("learning_rate", _show(eta)))
            self.preset_buttons.append(button)
        self.rate_line = w.HTML()
        self.rate_line.add_class("mazur-descent-rate")
        self.message = w.HTML()
        self.message.add_class("mazur-message")
        self.result = w.HTML()
        self.result.add_class("mazur-descent-result")
        self.image = w.Image(format="png", layout=w.Layout(width="700px"))
        self.errors = w.Output()
        for box in self.boxes.values():
            box.observe(self.update, names="value")
        grid = w.GridBox(
            list(self.boxes.values()), layout=w.Layout(grid_template_columns="repeat(3, 260px)")
        )
        children = [grid, w.HBox(self.preset_buttons), self.message, self.result, self.rate_line]
        if drawing:
            children.append(self.image)
        self.widget = w.VBox([*children, self.errors])
        self.widget.add_class("mazur-descent")
        self.update()

    def _repr_mimebundle_(self, **kwargs):
        return self.widget._repr_mimebundle_(**kwargs)

    def set_text(self, field: str, text: str) -> None:
        """Type ``text`` into a box, as a student would (used by tests)."""
        self.boxes[field].value = text

    def update(self, _change=None) -> None:
        """Run again from what the boxes say."""
        with self.errors:
            texts = {field: box.value for field, box in self.boxes.items()}
            try:
                run = gradient_descent(function=self.function, **settings_from_texts(texts))
            except (TypeError, ValueError) as exc:
                # The last valid run stays on screen; what was typed stays in its box.
                self.message.value = (
                    f"<span style='color:#b00020'>⚠ {html.escape(str(exc))}</span>"
                    " <i>(showing the last valid run)</i>"
                )
                return
            self.message.value = ""
            self.run = run
            self.result.value = html.escape(run.reason)
            self.rate_line.value = html.escape(describe_rate(run.function, run.learning_rate))
            if self.drawing:
                from .drawing import figure_to_png

                self.image.value = figure_to_png(plot_run(run))
