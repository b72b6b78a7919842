"""The one formula printer: a sympy expression as text or LaTeX, with the
quantities' names or their numbers put in.

sympy prints a formula once, with a hole for each symbol (a
:class:`Template`); the names or the numbers are then filled in. A new
config only fills numbers in, so the steps of a whole lesson recompute in
about a millisecond. Numbers are written by
:func:`mazur_nn.core.numbers.format_number`; a negative number inside a
formula is put in brackets (``\\left( \\right)`` in LaTeX).

Nothing is evaluated: the numbers are text in the printed formula.

Example
-------
>>> x, w = sympy.symbols("out_h1 w5", real=True)
>>> print(text(w * x), "=", text(w * x, {"w5": -0.5, "out_h1": 0.25}))
out_h1*w5 = 0.25*(-0.5)
>>> print(latex(w * x))
out_{h1} w_{5}
>>> print(latex(w * x, {"w5": -0.5, "out_h1": 0.25}))
0.25 \\cdot \\left(-0.5\\right)
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

import sympy
from sympy.printing.str import StrPrinter

from mazur_nn.core.names import latex_name
from mazur_nn.core.numbers import format_number

HOLE = re.compile(r"@(\d+)@")
DOUBLE_BRACKETS = re.compile(r"\(\((-[^()]+)\)\)")  # tanh((-1)) -> tanh(-1)


class HolePrinter(StrPrinter):
    """sympy's text printer, terms in the order they were built, each symbol
    printed as its hole."""

    def __init__(self, holes: Mapping[sympy.Symbol, str]) -> None:
        super().__init__({"order": "none"})
        self.holes = holes

    def _print_Symbol(self, expr: sympy.Symbol) -> str:  # noqa: N802 (sympy's printer API)
        return self.holes.get(expr, expr.name)


@dataclass(frozen=True)
class Template:
    """A formula printed once: ``symbols[k]`` is the quantity hole ``@k@`` stands for."""

    symbols: tuple[str, ...]
    text: str
    latex: str  # factors joined by \\cdot (for numbers)
    latex_side_by_side: str  # factors side by side (for names)

    def fill(self, pattern: str, strings: Mapping[str, str]) -> str:
        """``pattern`` (this template's text or LaTeX) with each hole replaced
        by the string of its quantity."""
        return HOLE.sub(lambda m: strings[self.symbols[int(m.group(1))]], pattern)

    def text_with(self, strings: Mapping[str, str]) -> str:
        return self.fill(self.text, strings)

    def latex_with(self, strings: Mapping[str, str]) -> str:
        return self.fill(self.latex, strings)

    def latex_names(self) -> str:
        """The LaTeX with each quantity's name in, factors side by side."""
        return self.fill(self.latex_side_by_side, names_latex(self.symbols))


@lru_cache(maxsize=4096)
def template(expr: sympy.Expr) -> Template:
    """``expr`` printed with holes: as text, and as LaTeX with ``\\cdot``
    between factors (for numbers) or side by side (for names)."""
    symbols = sorted(expr.free_symbols, key=str)
    holes = {s: f"@{i}@" for i, s in enumerate(symbols)}
    return Template(
        tuple(str(s) for s in symbols),
        HolePrinter(holes).doprint(expr),
        sympy.latex(expr, symbol_names=holes, order="none", mul_symbol="dot"),
        sympy.latex(expr, symbol_names=holes, order="none"),
    )


def number_text(value: float, digits: int = 9) -> str:
    """A number inside a text formula: negative ones in brackets.

    >>> number_text(-0.0190491183), number_text(0.5)
    ('(-0.019049118)', '0.5')
    """
    shown = format_number(value, digits)
    return f"({shown})" if value < 0 else shown


def names_latex(symbols) -> dict[str, str]:
    """Each quantity's LaTeX name (``\\eta`` for the learning rate)."""
    return {s: (r"\eta" if s == "eta" else latex_name(s)) for s in symbols}


def text_of(
    form: Template,
    values: Mapping[str, float] | None = None,
    digits: int = 9,
    tidy: bool = False,
) -> str:
    """A printed formula as text; with ``values``, each symbol's number put
    in, every negative number in brackets (``sigma((-1.1))``, as the steps
    and the equations show them). ``tidy`` drops the brackets a negative
    number needs no more: alone, or as a function's argument (``sigma(-1.1)``,
    as the report shows them)."""
    if values is None:
        return form.text_with({s: s for s in form.symbols})
    if tidy and form.text == "@0@" and form.symbols[0] in values:
        return format_number(values[form.symbols[0]], digits)
    strings = {s: number_text(values[s], digits) if s in values else s for s in form.symbols}
    filled = form.text_with(strings)
    return DOUBLE_BRACKETS.sub(r"(\1)", filled) if tidy else filled


def latex_of(form: Template, values: Mapping[str, float] | None = None, digits: int = 9) -> str:
    """A printed formula as LaTeX; with ``values``, each symbol's number put
    in, factors joined by ``\\cdot``."""
    if values is None:
        return form.latex_names()
    names = names_latex(form.symbols)
    strings = {
        s: format_number(values[s], digits, latex=True) if s in values else names[s]
        for s in form.symbols
    }
    return form.latex_with(strings)


def text(
    expr: sympy.Expr,
    values: Mapping[str, float] | None = None,
    digits: int = 9,
    tidy: bool = False,
) -> str:
    """``expr`` as text (see :func:`text_of`)."""
    return text_of(template(expr), values, digits, tidy)


def latex(expr: sympy.Expr, values: Mapping[str, float] | None = None, digits: int = 9) -> str:
    """``expr`` as LaTeX (see :func:`latex_of`)."""
    return latex_of(template(expr), values, digits)
