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
        _plus_minus(sympy.latex(expr, symbol_names=holes, order="none", mul_symbol="dot")),
        _plus_minus(sympy.latex(expr, symbol_names=holes, order="none")),
    )


def _plus_minus(latex_text: str) -> str:
    """``a + - b`` (sympy's LaTeX of a sum whose term is a product kept as
    built, starting with a minus) as ``a - b``.

    >>> _plus_minus("a + - t b")
    'a - t b'
    """
    return latex_text.replace(" + - ", " - ")


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


# -- long formulas on several lines ----------------------------------------------------

# What opens and closes a group no cut may go inside: brackets, braces and
# environments (``\begin{cases}`` ... ``\end{cases}``: ReLU's formula).
_OPENINGS = ("\\left(", "\\left[", "\\left\\{", "\\left|", "\\left.", "\\begin{", "{")
_CLOSINGS = ("\\right)", "\\right]", "\\right\\}", "\\right|", "\\right.", "\\end{", "}")
_CASES = re.compile(r"\\begin\{cases\}(.*?)\\end\{cases\}", re.S)
_TOKEN = re.compile(r"\\left\(|\\right\)|\\left\.|\\right\.|\\[A-Za-z]+|.", re.S)
_BREAKS = (" + ", " - ", r" \cdot ")


def visible_width(latex_text: str) -> int:
    r"""About how many characters ``latex_text`` shows: commands count as
    one character (``\cdot``, ``\sigma``), ``\left``/``\right`` and braces,
    subscripts' markers as none.

    >>> visible_width(r"\left(out_{o1} - t_{1}\right) \cdot 0.4")
    16
    >>> visible_width(r"\begin{cases} 1 & x > 0 \\ 0 & \text{otherwise} \end{cases}")
    17
    """
    cases = _CASES.search(latex_text)
    if cases:  # its rows are stacked: as wide as the widest, and the brace
        rows = cases.group(1).split("\\\\")
        inside = max(visible_width(row) for row in rows) + 1
        return (
            visible_width(latex_text[: cases.start()])
            + inside
            + visible_width(latex_text[cases.end() :])
        )
    width = 0
    for token in _TOKEN.findall(latex_text):
        if token in ("{", "}", "_", "^") or token.startswith((r"\left", r"\right")):
            continue
        width += 1
    return width


def _top_level_pieces(latex_text: str) -> list[str]:
    """``latex_text`` cut before each ``+``, ``-`` or ``\\cdot`` outside any
    brackets (the operator starts the next piece)."""
    pieces, depth, start, i = [], 0, 0, 0
    while i < len(latex_text):
        if latex_text.startswith(_OPENINGS, i):
            depth += 1
        elif latex_text.startswith(_CLOSINGS, i):
            depth -= 1
        if depth == 0 and i > start:
            operator = next((op for op in _BREAKS if latex_text.startswith(op, i)), None)
            if operator:
                pieces.append(latex_text[start:i])
                start = i + 1  # the piece keeps its operator: "+ ...", "\cdot ..."
                i += len(operator)
                continue
        i += 1
    pieces.append(latex_text[start:])
    return pieces


def _opened(latex_text: str) -> tuple[str, str] | None:
    r"""``(inside, rest)`` when ``latex_text`` starts with ``\left(`` whose
    ``\right)`` is followed by ``rest``; else ``None``."""
    if not latex_text.startswith("\\left("):
        return None
    depth, i = 0, 0
    while i < len(latex_text):
        if latex_text.startswith("\\left(", i):
            depth += 1
            i += 6
        elif latex_text.startswith("\\right)", i):
            depth -= 1
            if depth == 0:
                return latex_text[6:i], latex_text[i + 7 :]
            i += 7
        else:
            i += 1
    return None


def _operator_and_body(piece: str) -> tuple[str, str]:
    """``("+ ", rest)`` for a piece that starts with its operator, else ``("", piece)``."""
    for operator in ("+ ", "- ", "\\cdot "):
        if piece.startswith(operator):
            return operator, piece[len(operator) :]
    return "", piece


LINE_WIDTH = 56  # visible characters a formula line may take (fits 800 px)
NAME_WIDTH = 8  # the width of a name the line width allows for (a fraction)
WIDOW = 6  # a last factor this short joins the line before, a little over the width
CDOT = "\\cdot"


def shown_width(latex_text: str) -> int:
    r"""Like :func:`visible_width`, but a fraction counts as the wider of
    its numerator and denominator (they are stacked).

    >>> shown_width(r"\frac{\partial E_{total}}{\partial w_{1}}")
    8
    >>> shown_width(r"\frac{\partial E_{total}}{\partial w_{1}}\ (\text{via } h2,1)")
    22
    """
    start = latex_text.find("\\frac{")
    if start < 0:
        return visible_width(latex_text)
    parts, i = [], start + len("\\frac")
    for _ in range(2):
        depth, begin = 0, i
        while i < len(latex_text):
            depth += {"{": 1, "}": -1}.get(latex_text[i], 0)
            i += 1
            if depth == 0:
                break
        parts.append(latex_text[begin + 1 : i - 1])
    stacked = max(shown_width(part) for part in parts)
    return visible_width(latex_text[:start]) + stacked + shown_width(latex_text[i:])


def equation_rows(
    name: str,
    sides: list[str],
    width: int = LINE_WIDTH,
    keep_short: bool = True,
    name_width: int = 0,
) -> list[str]:
    r"""The rows of an ``aligned`` block for ``name = side = side ...``: one
    right-hand side per row (``&= side``), a long one continued on further
    rows (``&\quad ...``, cut by :func:`broken_lines`), so nothing scrolls
    sideways. ``name_width``: the shown width of the widest name in the
    block the rows go in (see :func:`shown_width`), if wider than ``name``.

    A short equation stays one row (unless ``keep_short`` is false):

    >>> equation_rows("y", ["a + b", "3"])
    ['y &= a + b = 3']
    >>> equation_rows("y", ["a + b", "3"], width=5)
    ['y &= a + b', '&= 3']
    """
    # Every row starts after the names' column (``name_width``: the widest
    # name of a block of several equations): a name wider than a
    # derivative's fraction leaves the formulas less room.
    own = shown_width(name)
    column = max(name_width, own)
    if keep_short and visible_width(" = ".join([name, *sides])) <= width - max(
        0, column - max(own, NAME_WIDTH)
    ):
        return [f"{name} &= {' = '.join(sides)}"]
    width -= max(0, column - NAME_WIDTH)
    rows = []
    for k, side in enumerate(sides):
        first, *rest = broken_lines(side, width)
        rows.append(f"{name + ' ' if k == 0 else ''}&= {first}")
        rows += [rf"&\quad {line}" for line in rest]
    return rows


def equation_latex(name: str, sides: list[str], width: int = LINE_WIDTH) -> str:
    r"""``name = side = side ...`` on one line if it fits in ``width``
    visible characters, else as an ``aligned`` block of
    :func:`equation_rows`.

    >>> equation_latex("y", ["a", "1"])
    'y = a = 1'
    >>> print(equation_latex("y", ["a + b + c", "1"], width=6))
    \begin{aligned} y &= a + b \\ &\quad + c \\ &= 1 \end{aligned}
    """
    line = " = ".join([name, *sides])
    if visible_width(line) <= width:
        return line
    body = r" \\ ".join(equation_rows(name, sides, width))
    return rf"\begin{{aligned}} {body} \end{{aligned}}"


def _factors(latex_text: str) -> list[str]:
    r"""``latex_text`` cut at the spaces between the factors of a product
    written side by side (``\left(a - b\right) out_{o1} w_{5}``), outside
    any brackets; never after a big operator (``\sum``), whose factor is
    the rest.

    >>> _factors(r"\left(a - b\right) out_{o1} \frac{1}{m} w_{5}")
    ['\\left(a - b\\right)', 'out_{o1}', '\\frac{1}{m}', 'w_{5}']
    """
    factors, depth, start = [], 0, 0
    for i, char in enumerate(latex_text):
        if latex_text.startswith(_OPENINGS, i):
            depth += 1
        elif latex_text.startswith(_CLOSINGS, i):
            depth -= 1
        elif char == " " and depth == 0 and latex_text[start:i].strip():
            left = latex_text[start:i]
            if not _BIG_OPERATOR.search(left):
                factors.append(left.strip())
                start = i + 1
    factors.append(latex_text[start:].strip())
    return [f for f in factors if f]


_BIG_OPERATOR = re.compile(r"\\(sum|prod|int|lim)\b|\\[A-Za-z]+$")


def _product_lines(operator: str, body: str, width: int) -> list[str] | None:
    r"""A product too wide for one line, cut between its factors: the first
    line keeps ``operator``, each further line starts with ``\cdot`` (the
    product written side by side, continued); a factor that is itself too
    wide is broken by :func:`broken_lines`. ``None`` if ``body`` is one factor."""
    factors = _factors(body)
    if len(factors) < 2:
        return None
    lines: list[str] = []
    current = operator.strip()
    for factor in factors:
        candidate = f"{current} {factor}".strip()
        if visible_width(candidate) <= width:
            current = candidate
            continue
        if current and current != operator.strip():
            lines.append(current)
            prefix = CDOT
        else:
            prefix = current
        pieces = broken_lines(factor, width - 2) if visible_width(factor) > width - 2 else [factor]
        pieces[0] = f"{prefix} {pieces[0]}".strip()
        lines += pieces[:-1]
        current = pieces[-1]
    if lines and visible_width(current) <= WIDOW + 1:  # "\cdot w_{7}": not a line of its own
        joined = f"{lines[-1]} {current.removeprefix(CDOT).strip()}"
        if visible_width(joined) <= width + WIDOW:
            lines[-1] = joined
            return lines
    lines.append(current)
    return lines


def broken_lines(latex_text: str, width: int = LINE_WIDTH) -> list[str]:
    r"""``latex_text`` as lines of at most about ``width`` visible characters,
    cut before a ``+``, ``-`` or ``\cdot`` outside brackets; a long bracket
    is opened on one line (``\left( ... \right.``) and closed on a later one,
    so each line's brackets balance, as ``aligned`` wants; a long product of
    factors side by side is cut between them, the next line starting with
    ``\cdot``. A formula that fits stays one line.

    >>> broken_lines(r"a + b", 10)
    ['a + b']
    >>> broken_lines(r"\left(aaaa + bbbb\right) \cdot c", 8)
    ['\\left(aaaa \\right.', '\\left. + bbbb\\right)', '\\cdot c']
    >>> broken_lines(r"\left(aa - b\right) out_{o1} w_{5} out_{h1}", 14)
    ['\\left(aa - b\\right) out_{o1}', '\\cdot w_{5} out_{h1}']
    """
    if visible_width(latex_text) <= width:
        return [latex_text]
    lines: list[str] = []
    current = ""
    for piece in _top_level_pieces(latex_text):
        candidate = f"{current} {piece}".strip() if current else piece
        if visible_width(candidate) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
        operator, body = _operator_and_body(piece.strip())
        opened = _opened(body)
        inner = broken_lines(opened[0], width - 2) if opened else []
        if visible_width(piece) > width and opened and len(inner) > 1:
            inside, rest = opened
            lines.append(f"{operator}\\left({inner[0]} \\right.")
            lines += [f"\\left. {line} \\right." for line in inner[1:-1]]
            current = f"\\left. {inner[-1]}\\right){rest}"
            if visible_width(current) > width:  # the factors after the bracket: cut too
                cut = _product_lines("", current, width) or [current]
                lines += cut[:-1]
                current = cut[-1]
        elif visible_width(piece) > width and (product := _product_lines(operator, body, width)):
            lines += product[:-1]
            current = product[-1]
        else:
            current = piece
    lines.append(current)
    return [line.strip() for line in lines if line.strip()]
