"""How the lesson's results show themselves: a result with a ``to_table()``
prints as that :class:`~mazur_nn.render.tables.Table` (aligned text, what nbval
compares) and shows as its Markdown in JupyterLab.

>>> from dataclasses import dataclass
>>> from mazur_nn.render.tables import Table
>>> @dataclass(frozen=True, repr=False)
... class Slope(ShownAsTable):
...     value: float
...
...     def to_table(self):
...         return Table(("quantity", "value"), [("slope", f"{self.value:g}")])
>>> Slope(2.5)
quantity | value
-------- | -----
slope    | 2.5

A dataclass needs ``repr=False``, or it writes its own ``__repr__``.
"""

from __future__ import annotations


class ShownAsTable:
    """``str``, ``repr`` and Markdown from ``self.to_table()``."""

    def __str__(self) -> str:
        return str(self.to_table())

    __repr__ = __str__

    def _repr_markdown_(self) -> str:
        return self.to_table().to_notebook()
