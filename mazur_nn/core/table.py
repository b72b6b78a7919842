"""A plain table that shows well in a notebook, a terminal and a handout.

A :class:`Table` prints as aligned text (what nbval compares) and shows as
Markdown in JupyterLab. Every layer returns its tables in this one form, so
it lives in the core (it imports nothing).

>>> print(Table(("quantity", "value"), [("net_h1", "0.3775")]))
quantity | value
-------- | ------
net_h1   | 0.3775
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: Sequence[Sequence[object]]
    title: str = ""

    def to_text(self) -> str:
        widths = [
            max(len(str(r[i])) for r in [self.header, *self.rows]) for i in range(len(self.header))
        ]

        def line(cells):
            return " | ".join(str(c).ljust(w) for c, w in zip(cells, widths)).rstrip()

        rule = " | ".join("-" * w for w in widths)
        lines = ([self.title, ""] if self.title else []) + [line(self.header), rule]
        return "\n".join(lines + [line(r) for r in self.rows])

    def to_markdown(self) -> str:
        def line(cells):
            return "| " + " | ".join(str(c).replace("|", "\\|") for c in cells) + " |"

        lines = [f"**{self.title}**", ""] if self.title else []
        lines += [line(self.header), "|" + "---|" * len(self.header)]
        return "\n".join(lines + [line(r) for r in self.rows])

    def __str__(self) -> str:
        return self.to_text()

    __repr__ = __str__

    def _repr_markdown_(self) -> str:
        return self.to_markdown()
