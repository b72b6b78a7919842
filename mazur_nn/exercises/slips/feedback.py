"""What the checker says, and the known wrong answers it compares with.

:class:`Feedback` is the checker's verdict: right or not, a message in full
sentences, and the mistake's id (``"sign"``, ``"missing_factor"``, ...)
with what it concerns. :class:`Variant` is one known wrong answer, a number
or a formula, with the message that names its slip; :func:`in_gradient` turns a
gradient's slip into the same slip of an update.

Example
-------
>>> Feedback(False, "Not yet: the sign is flipped.", "sign")
✗ Not yet: the sign is flipped.
>>> Variant("sign", "the sign is flipped", value=-0.082167041).value
-0.082167041
>>> nice_ratio(0.5), nice_ratio(2.0), nice_ratio(1.2345678)
('1/2', '2', '1.235')
>>> in_gradient(Variant("sign", "the sign is flipped"), value=0.3).message
'in the gradient: the sign is flipped'
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from fractions import Fraction


@dataclass(frozen=True)
class Feedback:
    """What the checker says: right or not, why, and which mistake (an id
    such as ``"missing_factor"``, ``"sign"``, ``"malformed"``; ``None`` if
    right or unnamed); ``details`` holds what the mistake concerns."""

    correct: bool
    message: str
    mistake: str | None = None
    details: dict = field(default_factory=dict, compare=False)

    def __str__(self) -> str:
        return ("✓ " if self.correct else "✗ ") + self.message

    __repr__ = __str__

    @property
    def unnamed(self) -> bool:
        """Wrong without a named slip: where a hint helps most."""
        return not self.correct and self.mistake in UNNAMED


UNNAMED = ("off", "close", "wrong_factor")


@dataclass(frozen=True)
class Variant:
    """A known wrong answer: ``value`` for a number, ``expr`` for a formula."""

    mistake: str
    message: str
    value: float = math.nan
    expr: object = None
    details: dict = field(default_factory=dict, compare=False)


def nice_ratio(ratio: float) -> str:
    """``ratio`` as a small fraction (``"1/2"``, ``"3"``) when it is one,
    else with four significant digits (``"inf"`` and ``"nan"`` as they are).

    >>> nice_ratio(float("inf")), nice_ratio(1e300), nice_ratio(1.000001)
    ('inf', '1e+300', '1.000001')
    """
    if not math.isfinite(ratio) or abs(ratio) > 1e6:
        return f"{ratio:.4g}"
    fraction = Fraction(ratio).limit_denominator(12)
    if abs(float(fraction) - ratio) <= 1e-9 * max(1.0, abs(ratio)):
        return str(fraction)
    shown = f"{ratio:.4g}"
    return shown if float(shown) != float(fraction) else f"{ratio:.12g}"  # 1.000001, not 1


def in_gradient(v: Variant, **changes) -> Variant:
    """The gradient's slip ``v`` as a slip of an update (``changes``: its
    ``value`` or ``expr`` there)."""
    return Variant(v.mistake, f"in the gradient: {v.message}", details=v.details, **changes)


def update_sign_message(p: str) -> str:
    """What is wrong when ``p+`` moves with the gradient instead of against it."""
    return f"the sign is flipped: {p} moves against its gradient, not with it"
