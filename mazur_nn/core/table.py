"""A plain table that shows well in a notebook, a terminal and a handout.

A :class:`Table` prints as aligned text (what nbval compares) and shows as
Markdown in JupyterLab. Every layer returns its tables in this one form, so
it lives in the core (it imports nothing).

In a notebook (:meth:`Table.to_notebook`) the Markdown table sits in a
region of its own that scrolls sideways when the table is wider than the
cell (at 800 px, a table of six numbers is), not JupyterLab's output area,
and that takes the keyboard's focus and has a name (WCAG 2.1.1; axe-core's
``scrollable-region-focusable``). A handout's Markdown has no such region.

>>> print(Table(("quantity", "value"), [("net_h1", "0.3775")]))
quantity | value
-------- | ------
net_h1   | 0.3775
"""

from __future__ import annotations

import dataclasses
import html
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

    def to_notebook(self) -> str:
        """The Markdown a notebook shows: the title, then the table in a
        named region that scrolls sideways and that the keyboard reaches.

        >>> print(Table(("quantity", "value"), [("net_h1", "0.3775")], "One").to_notebook())
        **One**
        <BLANKLINE>
        <div class="mazur-scroll" role="region" tabindex="0" aria-label="Table: One" \
style="overflow-x:auto">
        <BLANKLINE>
        | quantity | value |
        |---|---|
        | net_h1 | 0.3775 |
        <BLANKLINE>
        </div>
        """
        name = self.title or ", ".join(self.header)
        label = html.escape(f"Table: {name}", quote=True).replace("\n", " ")
        region = (
            f'<div class="mazur-scroll" role="region" tabindex="0" aria-label="{label}" '
            'style="overflow-x:auto">'
        )
        lines = [f"**{self.title}**", ""] if self.title else []
        untitled = dataclasses.replace(self, title="")
        return "\n".join([*lines, region, "", untitled.to_markdown(), "", "</div>"])

    def __str__(self) -> str:
        return self.to_text()

    __repr__ = __str__

    def _repr_markdown_(self) -> str:
        return self.to_notebook()
