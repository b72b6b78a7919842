"""The network diagram of one lesson step as a live SVG, in pure Python.

:func:`network_svg` writes the SVG document (a string; no matplotlib, no
numpy, so it also runs where they cannot be loaded, such as Pyodide);
:class:`Diagram` shows itself as that SVG in a notebook and as its title
and description in a terminal; :func:`jump_targets` says which step a click
on each part leads to.

The SVG is ``role="img"``, labelled by a ``<title>`` (which step) and a
``<desc>`` (what the step shows, in words). Every neuron shows its value,
every weight and bias its name and value; weights are drawn by sign (colour
and line style) and size (thickness); the step's parts are highlighted in
its section's colour, a chain-rule step's path drawn as arrows from
``E_total`` back to its weight, and a path that carries nothing (a factor
exactly 0) drawn grey and dotted, marked "× 0". Every neuron, weight, bias
and the error box carries ``data-name`` (what a click reports),
``tabindex="0"`` and a ``<title>`` (its formula and value, the tooltip).
See :mod:`~mazur_nn.render.svg.document` for how labels are kept apart,
:mod:`~mazur_nn.render.svg.palette` for the colours in light and dark themes.

>>> from mazur_nn import mazur_example
>>> from mazur_nn.course.steps import build_lesson
>>> lesson = build_lesson(mazur_example())
>>> diagram = Diagram(lesson, "dE_total/dw1")
>>> print(diagram)
Step 24 of 38: Gradient of w1
The error flows back from E_total through o1 and o2 to h1, then along w1 to i1.
dE_total/dw1 = 0.000438568.
>>> diagram._repr_svg_() == network_svg(lesson, "dE_total/dw1")
True
>>> jump_targets(lesson)["w5"], jump_targets(lesson)["h1"]
('dE_total/dw5', 'out_h1')
"""

from __future__ import annotations

from dataclasses import dataclass

from mazur_nn.course.steps import Lesson, Step
from mazur_nn.render.svg.document import network_svg
from mazur_nn.render.svg.paths import chain_path
from mazur_nn.render.svg.shown import resolve_step
from mazur_nn.render.svg.words import description, jump_targets, title

__all__ = ["Diagram", "jump_targets", "network_svg"]


@dataclass(frozen=True)
class Diagram:
    """One step's diagram: SVG in a notebook, its words in a terminal.

    ``step`` is a :class:`~mazur_nn.course.steps.Step`, its index, its name
    or ``None`` (the network and its error)."""

    lesson: Lesson
    step: Step | int | str | None = None

    def to_svg(self) -> str:
        """The SVG document (see :func:`network_svg`)."""
        return network_svg(self.lesson, self.step)

    def _repr_svg_(self) -> str:
        return self.to_svg()

    def _repr_html_(self) -> str:
        # JupyterLab draws an SVG output as an <img> with no alt; inline, the
        # SVG keeps its title and description and its tooltips.
        return self.to_svg()

    def __str__(self) -> str:
        step = resolve_step(self.lesson, self.step)
        words = description(self.lesson, step, chain_path(self.lesson, step))
        return f"{title(self.lesson, step)}\n{words}"

    __repr__ = __str__
