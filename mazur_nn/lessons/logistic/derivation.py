"""sympy's check of the chain rule for one unit: ``dL/dz = dL/da * da/dz = a - y``.

The log loss and the sigmoid come from the course's sympy forms
(:func:`mazur_nn.symbolic.functions.loss_expression` and
:class:`~mazur_nn.symbolic.functions.sigma`); sympy differentiates them and
simplifies the product of the two local derivatives.

>>> chain_rule_for_one_unit()
dL/da = (1 - y)/(1 - a) - y/a
da/dz = exp(-z)/(1 + exp(-z))**2 = a*(1 - a)
dL/dz = dL/da * da/dz = a*(1 - a)*((1 - y)/(1 - a) - y/a)
      = a - y
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy as sp

from mazur_nn.symbolic.functions import loss_expression, sigma


@dataclass(frozen=True)
class Derivation:
    """``dL/dz = dL/da * da/dz`` worked out by sympy, as text and LaTeX."""

    dL_da: str
    sigma_prime: str
    da_dz: str
    product: str
    simplified: str
    latex: str

    def __repr__(self) -> str:
        return (
            f"dL/da = {self.dL_da}\n"
            f"da/dz = {self.sigma_prime} = {self.da_dz}\n"
            f"dL/dz = dL/da * da/dz = {self.product}\n"
            f"      = {self.simplified}"
        )

    def _repr_latex_(self) -> str:
        return self.latex


def chain_rule_for_one_unit() -> Derivation:
    """sympy differentiates the log loss by ``a`` and the sigmoid by ``z``
    (confirming ``sigma'(z) = a (1 - a)`` with ``a = sigma(z)``) and
    simplifies their product: ``dL/dz = a - y``.

    >>> chain_rule_for_one_unit().simplified
    'a - y'
    """
    a, y, z = sp.symbols("a y z")
    loss = loss_expression("binary_cross_entropy", y, a, 1)  # one example: n = 1
    written_out = sigma(z).rewrite(sp.exp)  # 1 / (1 + exp(-z))
    dL_da = sp.diff(loss, a)
    sigma_prime = sp.diff(written_out, z)
    da_dz = sp.diff(sigma(z), z).subs(sigma(z), a)  # sigma' in a = sigma(z): a (1 - a)
    if sp.simplify(sigma_prime - da_dz.subs(a, written_out)) != 0:
        raise RuntimeError("sympy could not confirm that sigma'(z) = sigma(z) (1 - sigma(z))")
    product = dL_da * da_dz
    simplified = sp.factor(sp.simplify(product))
    latex = (
        r"$\displaystyle \frac{\partial L}{\partial a} = "
        + sp.latex(dL_da)
        + r",\quad \frac{\partial a}{\partial z} = "
        + sp.latex(sigma_prime)
        + " = "
        + sp.latex(da_dz)
        + r",\quad \frac{\partial L}{\partial z} = "
        + r"\frac{\partial L}{\partial a}\,\frac{\partial a}{\partial z} = "
        + sp.latex(simplified)
        + "$"
    )
    return Derivation(
        str(dL_da), str(sigma_prime), str(da_dz), str(product), str(simplified), latex
    )
