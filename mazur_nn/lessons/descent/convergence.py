r"""Why the learning rate decides everything: the ratio ``r = 1 - 2 eta a``
and the closed form of a run.

For the parabola ``f(x) = a (x - c)^2`` one step is

    x_{t+1} - c = x_t - c - eta * 2a (x_t - c) = (1 - 2 eta a) (x_t - c),

so every step multiplies the distance to the minimum by the same number
``r = 1 - 2 eta a`` (:func:`ratio`), and ``x_t = c + r^t (x_0 - c)``
(:func:`closed_form`). What the steps do (:func:`regime`):

* ``0 < eta < 1/(2a)``: ``0 < r < 1``, creeps towards ``c`` from one side
  (slowly when ``eta`` is small: *too small*);
* ``eta = 1/(2a)``: ``r = 0``, lands on the minimum in one step;
* ``1/(2a) < eta < 1/a``: ``-1 < r < 0``, jumps across the minimum every step
  and still converges;
* ``eta = 1/a``: ``r = -1``, bounces between ``x_0`` and ``2c - x_0`` forever;
* ``eta > 1/a``: ``|r| > 1``, lands further out every step: *diverges*.

>>> from mazur_nn.lessons.descent.parabola import PARABOLA
>>> ratio(PARABOLA, 0.1), regime(PARABOLA, 0.1)
(0.8, 'creeps')
>>> round(closed_form(PARABOLA, start=8, learning_rate=0.1, t=3), 12)
4.096
>>> iterations_needed(PARABOLA, start=8, learning_rate=0.1, tolerance=1e-6)
75
"""

from __future__ import annotations

import math

from mazur_nn.core.table import Table
from mazur_nn.core.validate import positive_number, real_number, show, whole_value
from mazur_nn.lessons.descent.parabola import PARABOLA, Parabola, num


def checked_learning_rate(value: object) -> float:
    """A learning rate ``eta``: a positive finite number.

    >>> checked_learning_rate(0)
    Traceback (most recent call last):
    ...
    ValueError: learning_rate: 0 is not allowed; expected a positive finite number (> 0)
    """
    return positive_number(
        value, "learning_rate", expected="a positive finite number (> 0)", shown=show
    )


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
    checked_learning_rate(learning_rate)
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
    half, full = show(1 / (2 * a)), show(1 / a)
    where = {
        "creeps": f"η = {show(learning_rate)} < 1/(2a) = {half}",
        "one step": f"η = {show(learning_rate)} = 1/(2a)",
        "oscillates": f"1/(2a) = {half} < η = {show(learning_rate)} < 1/a = {full}",
        "bounces": f"η = {show(learning_rate)} = 1/a",
        "diverges": f"η = {show(learning_rate)} > 1/a = {full}",
    }[kind]
    r = num(ratio(function, learning_rate), 9)
    return f"{where}: r = 1 - 2ηa = {r}, so x {_REGIME_TEXT[kind]}"


def regimes(function: Parabola = PARABOLA) -> Table:
    """The five things a learning rate can do on ``function``, with the
    thresholds ``1/(2a)`` and ``1/a`` worked out.

    >>> regimes().rows[1][:3]
    ('η = 1/(2a)', 'η = 0.5', 'r = 0')
    """
    half, full = show(1 / (2 * function.a)), show(1 / function.a)
    rows = [
        ("0 < η < 1/(2a)", f"0 < η < {half}", "0 < r < 1", _REGIME_TEXT["creeps"]),
        ("η = 1/(2a)", f"η = {half}", "r = 0", _REGIME_TEXT["one step"]),
        ("1/(2a) < η < 1/a", f"{half} < η < {full}", "-1 < r < 0", _REGIME_TEXT["oscillates"]),
        ("η = 1/a", f"η = {full}", "r = -1", _REGIME_TEXT["bounces"]),
        ("η > 1/a", f"η > {full}", "r < -1", _REGIME_TEXT["diverges"]),
    ]
    return Table(
        ("learning rate", f"for a = {show(function.a)}", "r = 1 - 2ηa", "what x does"),
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
    t = whole_value(t, "t", 0, 10**9)
    r = ratio(function, checked_learning_rate(learning_rate))
    distance = real_number(start, "start") - function.c
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
    r = abs(ratio(function, checked_learning_rate(learning_rate)))
    slope = 2 * function.a * abs(real_number(start, "start") - function.c)
    tolerance = real_number(tolerance, "tolerance")
    if slope <= tolerance:
        return 0
    if r == 0:
        return 1
    if r >= 1 or tolerance <= 0:
        return None
    return math.ceil(math.log(tolerance / slope) / math.log(r))
