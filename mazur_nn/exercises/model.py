"""An exercise, as a record: what it asks, and how an answer is to be written.

An :class:`Exercise` asks for one step of the worked example: a number
(with the significant digits it needs, :func:`number_rule`) or a formula
in the network's names. It holds no numbers and checks nothing: the bank
(:mod:`~mazur_nn.exercises.bank`) builds exercises and the checker
(:mod:`~mazur_nn.exercises.checking`) answers them, both for a config
that is Mazur's example unless another is given (:func:`config_or_default`).

Example
-------
>>> ex = Exercise("02-dE_total_dw5", "02", "dE_total/dw5", "number", "Gradient of w5",
...               "Compute dE_total/dw5.", "Compute $w_5$.", digits=3)
>>> ex
Exercise 02-dE_total_dw5: Compute dE_total/dw5.
>>> exercise_id("04", "w5+")
'04-w5_plus'
"""

from __future__ import annotations

from dataclasses import dataclass

from mazur_nn.core.config import Config, mazur_example
from mazur_nn.core.validate import wrong_kind
from mazur_nn.exercises.typed.answers import format_half_unit

KINDS = ("number", "formula")


def number_rule(digits: int) -> str:
    """How to write a number answer with ``digits`` significant digits, and
    how close it must be, shown on a neutral example (never the answer).

    >>> print(number_rule(3))  # doctest: +NORMALIZE_WHITESPACE
    Give at least 3 significant digits, as 0.123 or 1.23e-1; your answer counts
    as right within half a unit of its last digit (0.123: within ± 0.0005).
    """
    shown = "123456789"[:digits]
    plain, scientific = f"0.{shown}", f"{shown[0]}.{shown[1:]}e-1".replace(".e", "e")
    return (
        f"Give at least {digits} significant digits, as {plain} or {scientific}; your answer "
        f"counts as right within half a unit of its last digit ({plain}: within "
        f"± {format_half_unit(digits)})."
    )


def exercise_id(lesson_id: str, step: str) -> str:
    """``"02-dE_total_dw5"``, ``"04-w5_plus"``, ``"03-dE_total_dout_h1_via_o1"``:
    safe in file names and keys."""
    return f"{lesson_id}-{step.replace('/', '_').replace('+', '_plus').replace(' ', '_')}"


def config_or_default(config: Config | None) -> Config:
    """``config``, or Mazur's example when it is ``None``.

    >>> config_or_default(None).network.sizes
    (2, 2, 2)
    >>> config_or_default("mazur")
    Traceback (most recent call last):
    ...
    TypeError: config: expected a Config, got str
    """
    if config is None:
        return mazur_example()
    if not isinstance(config, Config):
        raise wrong_kind("config", "a Config", type(config).__name__)
    return config


@dataclass(frozen=True)
class Exercise:
    """One question on one lesson step.

    ``names`` are the names a formula may use (empty for a number);
    ``in_terms_of`` the ones the right formula needs; ``digits`` the
    significant digits a number needs (0 for a formula).
    """

    id: str
    lesson: str
    step: str
    kind: str
    title: str
    prompt: str
    prompt_latex: str
    names: tuple[str, ...] = ()
    in_terms_of: tuple[str, ...] = ()
    digits: int = 0
    rule: str = ""

    @property
    def question_latex(self) -> str:
        """The prompt without its rule (how to write the answer), for
        displays that state the rule once or in smaller print."""
        return self.prompt_latex.removesuffix(self.rule).rstrip()

    def __str__(self) -> str:
        return f"Exercise {self.id}: {self.prompt}"

    __repr__ = __str__

    def _repr_markdown_(self) -> str:
        return f"**Exercise {self.id}.** {self.prompt_latex}"
