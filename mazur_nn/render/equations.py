"""One quantity shown as the post shows it: the formula in symbols (from
sympy), the same formula with the numbers in, and the value.

In JupyterLab it renders as LaTeX; as text (what nbval compares and what a
terminal shows) it is one readable line.

>>> from mazur_nn import mazur_example
>>> print(equation("dE_total/dw5", mazur_example()))
dE_total/dw5 = (out_o1 - t1)*out_o1*(1 - out_o1)*out_h1
             = (0.75136507 - 0.01)*0.75136507*(1 - 0.75136507)*0.593269992
             = 0.082167041
"""

from __future__ import annotations

from dataclasses import dataclass

from mazur_nn.core.names import latex_name
from mazur_nn.core.numbers import format_number
from mazur_nn.course.values import worked_values
from mazur_nn.symbolic.model import for_network
from mazur_nn.symbolic.printer import equation_latex, text

DIGITS = 9


@dataclass(frozen=True)
class Equation:
    name: str
    formula: str  # plain text, symbols
    numbers: str  # plain text, numbers in
    value: float
    latex_formula: str
    latex_numbers: str

    def __str__(self) -> str:
        pad = " " * len(self.name)
        lines = [f"{self.name} = {self.formula}"]
        if self.numbers != self.formula:
            lines.append(f"{pad} = {self.numbers}")
        lines.append(f"{pad} = {format_number(self.value, DIGITS)}")
        return "\n".join(lines)

    __repr__ = __str__

    def latex_sides(self) -> list[str]:
        sides = [self.latex_formula]
        if self.latex_numbers != self.latex_formula:
            sides.append(self.latex_numbers)
        return [*sides, format_number(self.value, DIGITS, latex=True)]

    def to_latex(self) -> str:
        """One line if it fits about 800 px, else one right-hand side per row."""
        return equation_latex(latex_name(self.name), self.latex_sides())

    def _repr_latex_(self) -> str:
        return f"$\\displaystyle {self.to_latex()}$"


def equation(name: str, config) -> Equation:
    """The quantity ``name`` (``net_h1``, ``dout_o1/dnet_o1``, ``dE_total/dw5``
    or just ``w5`` for its gradient) of ``config``'s example."""
    sym = for_network(config.network)
    values = worked_values(config)
    if name in config.network.names.parameters:
        name = f"dE_total/d{name}"
    expr = sym.expression(name)
    return Equation(
        name=name,
        formula=text(expr),
        numbers=text(expr, values),
        value=values[name],
        latex_formula=sym.latex(name),
        latex_numbers=sym.latex(name, values),
    )
