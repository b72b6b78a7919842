"""The numbers Matt Mazur's post printed, as printed, and where they come from.

Source: "A Step by Step Backpropagation Example", mattmazur.com, 2015-03-17.
Each entry maps a quantity to the text the post shows; :func:`compare`
puts the exact values beside them and says which ones differ and why.

>>> PUBLISHED["dE_total/dw5"]
'0.082167041'
"""

from __future__ import annotations

from dataclasses import dataclass

from mazur_nn.core.config import mazur_example
from mazur_nn.course.values import worked_values

# Quantity -> (printed text, where the value lives: forward, backward,
# gradient, updated).
PUBLISHED = {
    "net_h1": "0.3775",
    "out_h1": "0.593269992",
    "out_h2": "0.596884378",
    "net_o1": "1.105905967",
    "out_o1": "0.75136507",
    "out_o2": "0.772928465",
    "E_o1": "0.274811083",
    "E_o2": "0.023560026",
    "E_total": "0.298371109",
    "dE_total/dout_o1": "0.74136507",
    "dout_o1/dnet_o1": "0.186815602",
    "dnet_o1/dw5": "0.593269992",
    "dE_total/dw5": "0.082167041",
    "delta_o1": "0.138498562",
    "dE_o1/dout_h1": "0.055399425",
    "dE_o2/dout_h1": "-0.019049119",
    "dE_total/dout_h1": "0.036350306",
    "dout_h1/dnet_h1": "0.241300709",
    "dE_total/dw1": "0.000438568",
    "w5+": "0.35891648",
    "w6+": "0.408666186",
    "w7+": "0.511301270",
    "w8+": "0.561370121",
    "w1+": "0.149780716",
    "w2+": "0.19956143",
    "w3+": "0.24975114",
    "w4+": "0.29950229",
}

# What the post printed after training, and what each figure really is.
PUBLISHED_TRAINING = {
    "E_total after 1 round": "0.291027924",
    "out_o1 after 10,000 rounds": "0.015912196",
    "out_o2 after 10,000 rounds": "0.984065734",
    "E_total after 10,000 rounds": "0.0000351085",
}

ERRATA = {
    "dE_o2/dout_h1": (
        "the post rounded its intermediates before multiplying; the exact value "
        "-0.0190491183 rounds to -0.019049118"
    ),
    "E_total after 1 round": (
        "printed by an earlier version of the author's script that back-propagated into the "
        "hidden layer with the already updated w5..w8 (hidden_uses='updated'); the post's own "
        "steps, with the original weights, give 0.291027774"
    ),
    "out_o1 after 10,000 rounds": "the same earlier script (hidden_uses='updated')",
    "out_o2 after 10,000 rounds": "the same earlier script (hidden_uses='updated')",
    "E_total after 10,000 rounds": (
        "matches neither variant: the original-weights rule gives 3.5102e-05, "
        "the updated-weights variant 3.50848e-05"
    ),
}


def decimals(printed: str) -> int:
    """How many decimals a printed number shows.

    >>> decimals("0.3775"), decimals("-0.019049119")
    (4, 9)
    """
    return len(printed.split(".")[1]) if "." in printed else 0


@dataclass(frozen=True)
class Comparison:
    quantity: str
    printed: str
    exact: float

    @property
    def agrees(self) -> bool:
        """The exact value, rounded to the printed decimals, is the printed value."""
        return f"{self.exact:.{decimals(self.printed)}f}" == self.printed

    @property
    def note(self) -> str:
        return "" if self.agrees else ERRATA.get(self.quantity, "differs")


def exact_values(config=None) -> dict[str, float]:
    """The exact (float64) value of every quantity the post printed."""
    return worked_values(config or mazur_example())


def compare(config=None) -> list[Comparison]:
    """Every printed value beside its exact value (Mazur's example by default)."""
    values = exact_values(config)
    return [Comparison(q, printed, values[q]) for q, printed in PUBLISHED.items()]
