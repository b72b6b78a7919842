"""The tables of the worked example: the post's numbers beside the exact
values, training under both hidden-layer rules, and one gradient's
chain-rule factors (each a :class:`~mazur_nn.core.table.Table`).

>>> summary_table().rows[0]
('net_h1', '0.3775', '0.3775', 'yes')
"""

from __future__ import annotations

from mazur_nn.core.config import mazur_example
from mazur_nn.core.numbers import format_number
from mazur_nn.core.table import Table
from mazur_nn.course.published import ERRATA, PUBLISHED_TRAINING, compare, decimals


def summary_table(config=None) -> Table:
    """The worked example at a glance: every quantity the post printed, its
    exact value, and whether the post's digits agree.

    >>> row = summary_table().rows[0]
    >>> row
    ('net_h1', '0.3775', '0.3775', 'yes')
    """

    rows = [
        (
            c.quantity,
            c.printed,
            f"{c.exact:.{decimals(c.printed)}f}",
            "yes" if c.agrees else f"no: {c.note}",
        )
        for c in compare(config)
    ]
    return Table(
        ("quantity", "post printed", "exact, same decimals", "agrees"),
        rows,
        "Mazur's 2-2-2 example: the post's numbers and the exact values",
    )


def training_table(rounds: int = 10_000) -> Table:
    """The post's printed training results beside both hidden-layer rules:
    the post's own steps (``original`` output weights) and the earlier script
    that printed its headline numbers (``updated`` output weights).

    >>> training_table().rows[0][:3]
    ('E_total after 1 round', '0.291027924', '0.291027774')
    """

    results = {}
    for rule in ("original", "updated"):
        example = mazur_example(hidden_uses=rule)
        long = example.train(rounds)
        results[rule] = {
            "E_total after 1 round": example.train(1).E_total,
            "out_o1 after 10,000 rounds": long.outputs["o1"],
            "out_o2 after 10,000 rounds": long.outputs["o2"],
            "E_total after 10,000 rounds": long.E_total,
        }
    rows = []
    for quantity, printed in PUBLISHED_TRAINING.items():
        original, updated = (format_number(results[r][quantity]) for r in ("original", "updated"))
        rows.append((quantity, printed, original, updated, ERRATA[quantity]))
    return Table(
        (
            "quantity",
            "post printed",
            "original w5..w8 (post's steps)",
            "updated w5..w8 (post's script)",
            "why",
        ),
        rows,
        "Training: what the post printed, and what each hidden-layer rule gives",
    )


def chain_table(backward, parameter: str) -> Table:
    """The chain-rule factors of one gradient, with the paths of a sum
    indented under it, and their product.

    >>> from mazur_nn import mazur_example
    >>> print(chain_table(mazur_example().backward(), "w5").rows[-1])
    ('product = dE_total/dw5', '0.082167041')
    """

    rows = []

    def add(factor, depth):
        rows.append(("    " * depth + factor.name, format_number(factor.value)))
        for term in factor.terms:
            for part in term:
                add(part, depth + 1)

    for factor in backward.chain[parameter]:
        add(factor, 0)
    rows.append((f"product = dE_total/d{parameter}", format_number(backward.gradients[parameter])))
    return Table(("factor", "value"), rows, f"dE_total/d{parameter} by the chain rule")
