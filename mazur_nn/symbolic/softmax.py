"""The softmax in sympy: its Jacobian and the shortcut ``out - t``, derived.

A softmax output ``out_ok = exp(net_ok) / sum_j exp(net_oj)`` depends on
every net input of its layer. sympy differentiates that definition (the
registry's sympy form, :mod:`mazur_nn.symbolic.functions`); the result is
in exponentials, and :func:`in_outputs` writes it in the outputs: with
``net_oi = log(p_i)`` every ``exp(net_oi)`` is ``p_i``, the sum of the
``p_i`` is 1 (the outputs add up to 1), and ``p_i`` is ``out_oi``. So

- ``dout_ok/dnet_oj`` comes out as ``out_ok (1 - out_ok)`` for ``k = j`` and
  ``-out_ok out_oj`` otherwise (:func:`jacobian`): ``out_ok (delta_kj - out_oj)``;
- with the cross-entropy, ``dE_total/dnet_oj`` comes out as
  ``out_oj - t_j`` once the targets add up to 1 (:func:`shortcut`), the
  well-known result; the engine never uses it (it multiplies out the chain
  rule's factors), so it is a check, not an input.

Example
-------
>>> import sympy
>>> nets = sympy.symbols("net_o1 net_o2", real=True)
>>> outs = sympy.symbols("out_o1 out_o2", real=True)
>>> jacobian("softmax", nets, outs)
((out_o1*(1 - out_o1), -out_o1*out_o2), (-out_o1*out_o2, out_o2*(1 - out_o2)))
>>> targets = sympy.symbols("t1 t2", real=True)
>>> shortcut("softmax", "cross_entropy", nets, outs, targets, 0)
out_o1 - t1
"""

from __future__ import annotations

from collections.abc import Sequence

import sympy

from mazur_nn.symbolic.functions import activation_expression, loss_expression


def in_outputs(expression: sympy.Expr, nets: Sequence[sympy.Symbol], outs) -> sympy.Expr:
    """``expression`` (in the net inputs of a softmax layer) written in the
    layer's outputs: ``exp(net_oi)`` is ``p_i``, their sum is 1, ``p_i`` is ``out_oi``."""
    p = [sympy.Symbol(f"p{i}", positive=True) for i in range(len(nets))]
    written = expression.xreplace({net: sympy.log(pi) for net, pi in zip(nets, p)})
    written = written.subs(sympy.Add(*p), 1)
    return written.xreplace(dict(zip(p, outs)))


def jacobian(activation: str, nets, outs) -> tuple[tuple[sympy.Expr, ...], ...]:
    """``[k][j]``: ``dout_ok/dnet_oj``, derived by ``sympy.diff`` from the
    definition and written in the outputs (``out_ok`` taken out in front)."""
    definitions = [activation_expression(activation, net, nets) for net in nets]
    rows = []
    for k, definition in enumerate(definitions):
        row = []
        for net in nets:
            derived = in_outputs(sympy.diff(definition, net), nets, outs)
            row.append(outs[k] * sympy.cancel(derived / outs[k]))
        rows.append(tuple(row))
    return tuple(rows)


def shortcut(activation: str, loss: str, nets, outs, targets, j: int) -> sympy.Expr:
    """``dE_total/dnet_oj`` derived in one ``sympy.diff`` of the error
    written in the net inputs, then written in the outputs, with one target
    other than ``t_j`` written as ``1 - the others`` (the targets add up to
    1), expanded."""
    count = len(nets)
    error = sympy.Add(
        *(
            loss_expression(loss, t, activation_expression(activation, net, nets), count)
            for t, net in zip(targets, nets)
        )
    )
    derived = in_outputs(sympy.diff(error, nets[j]), nets, outs)
    other = count - 1 if j != count - 1 else 0  # the target written as 1 - the others
    rest = 1 - sympy.Add(*(t for k, t in enumerate(targets) if k != other))
    return sympy.expand(derived.xreplace({targets[other]: rest}))
