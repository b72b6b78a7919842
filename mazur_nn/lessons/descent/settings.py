"""What a student types: the settings of a run from the text in the boxes,
and what is wrong with them, in the package's words.

Text is read by :func:`mazur_nn.core.validate.parse_number` (never evaluated as
code); the checks are those of :func:`~mazur_nn.lessons.descent.run.gradient_descent`.

>>> settings_problem(start=3, learning_rate=0.4) is None
True
>>> settings_problem(start=3, learning_rate=0.4, patience=0)
'patience: 0 is not allowed; expected a whole number from 1 to 100000'
"""

from __future__ import annotations

from mazur_nn.core.validate import (
    error_message,
    non_negative_number,
    number_in_range,
    parse_number,
    whole_value,
)
from mazur_nn.lessons.descent.convergence import checked_learning_rate
from mazur_nn.lessons.descent.parabola import DOMAIN
from mazur_nn.lessons.descent.run import MAX_ITERATIONS, gradient_descent

FIELDS = ("learning_rate", "start", "max_iterations", "tolerance", "patience")
"""The boxes of the explorer, one per setting of :func:`gradient_descent`."""

PRESETS = (("too small", 0.02), ("right", 0.4), ("diverging", 1.1))
"""The explorer's buttons: a learning rate that creeps, one that converges, one that diverges."""


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
    missing = [f for f in FIELDS if f not in texts]
    if missing:
        raise ValueError(f"{missing[0]}: missing; expected one of the fields {', '.join(FIELDS)}")
    numbers = {f: parse_number(texts[f], f) for f in FIELDS}
    settings = {
        "learning_rate": checked_learning_rate(numbers["learning_rate"]),
        "start": number_in_range(numbers["start"], "start", *DOMAIN),
        "max_iterations": whole_value(
            numbers["max_iterations"], "max_iterations", 1, MAX_ITERATIONS
        ),
        "tolerance": numbers["tolerance"],
        "patience": whole_value(numbers["patience"], "patience", 1, MAX_ITERATIONS),
    }
    non_negative_number(settings["tolerance"], "tolerance")  # checked last, after the patience
    return settings


def settings_problem(**settings) -> str | None:
    """What is wrong with these :func:`gradient_descent` settings, or ``None``.

    >>> settings_problem(start=12, learning_rate=0.1)
    'start: 12 is not allowed; expected a number from -10 to 10'
    >>> settings_problem(start=3, learning_rate=0.4, function="x^2")
    'function: expected a Parabola, got str'
    """
    # A lambda, not error_message(gradient_descent, **settings): the settings
    # may hold ``function=``, which is also error_message's first parameter.
    return error_message(lambda: gradient_descent(**settings))
