"""How the lesson's tables and reprs write their numbers: accuracies as
percentages, losses and outputs to a fixed number of decimals, and a term
that follows another with its sign.

>>> percent(0.68), decimals(-0.00001), decimals(0.25, 6), signed(-0.4025)
('68.0 %', '0.0000', '0.250000', '- 0.4025')
"""

from __future__ import annotations


def percent(fraction: float) -> str:
    """A fraction as a percentage to one decimal: ``68.0 %``."""
    return f"{100 * fraction:.1f} %"


def decimals(value: float, digits: int = 4) -> str:
    """``value`` to ``digits`` decimals, with no ``-0.0000``."""
    text = f"{value:.{digits}f}"
    return "0." + "0" * digits if text == "-0." + "0" * digits else text


def signed(value: float) -> str:
    """``+ 0.4025`` or ``- 0.4025``, to follow another term."""
    return f"{'-' if value < 0 else '+'} {abs(value):.4f}"
