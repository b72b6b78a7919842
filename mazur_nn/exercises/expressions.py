"""The right formulas, in the names a student can type.

A formula answer may use the network's inputs, targets, ``net_*`` and
``out_*``, its parameters (and ``eta`` for an update), never ``E_*``
(:func:`formula_names`). :func:`expected_expression` is a step's sympy
expression from :mod:`mazur_nn.symbolic.model` with every ``E_*`` written
out (:func:`written_out`); :func:`formula_text` prints one as a student
writes it, its factors in the order the chain rule built them.

Example
-------
>>> expected_expression("E_total")
(-out_o1 + t1)**2/2 + (-out_o2 + t2)**2/2
>>> formula_text(expected_expression("w5+"))
'w5 - eta*out_h1*out_o1*(1 - out_o1)*(out_o1 - t1)'
"""

from __future__ import annotations

import sympy

from mazur_nn.core.config import Config
from mazur_nn.core.names import Names
from mazur_nn.exercises.chain import chain_of
from mazur_nn.exercises.model import config_or_default
from mazur_nn.symbolic.model import for_network


def formula_names(names: Names, update: bool = False) -> tuple[str, ...]:
    """The names a formula may use: inputs, targets, net_* and out_*, the
    parameters (and ``eta`` for an update); no E_* names.

    >>> formula_names(Names((2, 2, 2), "shared"))[:6]
    ('i1', 'i2', 't1', 't2', 'net_h1', 'out_h1')
    """
    result = (*names.neurons[0], *names.targets, *names.forward, *names.parameters)
    return (*result, "eta") if update else result


def expected_expression(step: str, config: Config | None = None) -> sympy.Expr:
    """The sympy expression a formula answer to ``step`` must equal, in
    formula names (E_* written out; an update as ``w - eta * gradient``)."""
    config = config_or_default(config)
    sym = for_network(config.network)
    p = chain_of(config).updated_by(step)
    if p is not None:
        gradient = sym.expression(f"dE_total/d{p}")
        expr = sym.symbol(p) - sym.symbol("eta") * gradient
    else:
        try:
            expr = sym.expression(step)
        except KeyError:
            raise ValueError(f"step: {step!r} has no formula a student can write") from None
    return written_out(expr, config)


def formula_text(expr: sympy.Expr) -> str:
    """``expr`` as plain text, its factors in the order the chain rule built them.

    >>> formula_text(expected_expression("E_total"))
    '(t1 - out_o1)**2/2 + (t2 - out_o2)**2/2'
    """
    return sympy.sstr(expr, order="none")


def written_out(expr: sympy.Expr, config: Config) -> sympy.Expr:
    """``expr`` with every E_* replaced by its definition (in out_* and t*)."""
    sym = for_network(config.network)
    errors = {sym.symbol(e): sym.definitions[e] for e in config.network.names.errors}
    for _ in range(3):
        if not errors.keys() & expr.free_symbols:
            break
        expr = expr.xreplace(errors)
    return expr


def product(factors) -> sympy.Expr:
    """The product of ``factors`` (sympy's own order)."""
    return sympy.Mul(*factors)
