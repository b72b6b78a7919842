"""Known wrong formulas of a softmax output layer's steps, each naming its slip.

With a softmax, every output depends on every net input of its layer, so
``dE_total/dnet_oj`` is a sum of paths, one through each output
``ok`` (``dE_total/dout_ok * dout_ok/dnet_oj``). The slips students make:

- **treating the outputs as independent** (``independent_outputs``): only
  the path through ``out_oj`` itself, ``dE_total/dout_oj * out_oj (1 - out_oj)``
  (a sigmoid's way), the terms ``j != k`` dropped; for a Jacobian entry
  ``dout_ok/dnet_oj`` off the diagonal, 0;
- **the diagonal's slope off the diagonal** (``own_slope``):
  ``out_ok (1 - out_ok)`` for ``dout_ok/dnet_oj``, ``j != k``;
- **forgetting a path** (``missing_path``): the path through another
  output kept, the one through ``out_oj`` dropped (with more outputs, each
  path dropped in turn);
- the sign, which :mod:`~mazur_nn.exercises.slips.formulas` adds to every step.

A gradient whose first factor is such a sum (``dE_total/dw5``) gets the
same slips, times its other factors. Each message names the slip, never
the right formula or value.

Example
-------
>>> from mazur_nn import mazur_softmax_example
>>> [v.mistake for v in softmax_variants("dE_total/dnet_o1", mazur_softmax_example())]
['independent_outputs', 'missing_path']
>>> [v.mistake for v in softmax_variants("dout_o2/dnet_o1", mazur_softmax_example())]
['own_slope', 'independent_outputs']
"""

from __future__ import annotations

import sympy

from mazur_nn.core.config import Config
from mazur_nn.core.functions import get_activation
from mazur_nn.exercises.expressions import product, written_out
from mazur_nn.exercises.slips.feedback import Variant
from mazur_nn.symbolic.model import for_network


def softmax_variants(step: str, config: Config) -> list[Variant]:
    """The softmax slips of ``step``: a Jacobian entry off the diagonal, a
    sum ``dE_total/dnet_o``, or a gradient that starts with one; none for
    any other step, or without a softmax output layer."""
    network = config.network
    if not get_activation(network.activations[-1]).layerwise:
        return []
    outputs = network.names.neurons[-1]
    for k in outputs:
        for j in outputs:
            if k != j and step == f"dout_{k}/dnet_{j}":
                return _jacobian_variants(k, j, config)
    sym = for_network(network)
    for j in outputs:
        if step == f"dE_total/dnet_{j}":
            return _sum_variants(j, [], config)
        for w in network.names.weights:  # a weight into output j: the sum times dnet/dw
            if step == f"dE_total/d{w}" and f"dnet_{j}/d{w}" in sym.factors:
                return _sum_variants(j, [sym.factors[f"dnet_{j}/d{w}"]], config)
    return []


def _jacobian_variants(k: str, j: str, config: Config) -> list[Variant]:
    out_k = for_network(config.network).symbol(f"out_{k}")
    return [
        Variant(
            "own_slope",
            f"that is the slope of out_{k} with its own net input; dout_{k}/dnet_{j} is how "
            f"out_{k} moves with another output's net input, net_{j}",
            expr=out_k * (1 - out_k),
        ),
        Variant(
            "independent_outputs",
            f"you treated the outputs as independent: with a softmax, out_{k} depends on "
            f"net_{j} too, through the sum of exponentials every output is divided by",
            expr=sympy.Integer(0),
        ),
    ]


def _sum_variants(j: str, others: list, config: Config) -> list[Variant]:
    """``dE_total/dnet_oj`` (times ``others``, a gradient's remaining
    factors) with the path through ``out_oj`` alone, and with each path
    dropped in turn."""
    sym, outputs = for_network(config.network), config.network.names.neurons[-1]
    paths = {o: sym.factors[f"dE_total/dnet_{j} via {o}"] for o in outputs}
    result = [
        Variant(
            "independent_outputs",
            f"you treated the outputs as independent (the terms of the other outputs dropped): "
            f"with a softmax, net_{j} moves every output, so dE_total/dnet_{j} adds a path "
            "through each output",
            expr=written_out(product([paths[j], *others]), config),
        )
    ]
    for o in outputs:
        kept = [paths[m] for m in outputs if m != o]
        if o != j and len(outputs) == 2:
            continue  # the path through out_oj alone: the independent outputs, above
        result.append(
            Variant(
                "missing_path",
                f"you forgot a path: the one through out_{o} is missing; dE_total/dnet_{j} adds "
                "a path through every output",
                expr=written_out(product([sympy.Add(*kept), *others]), config),
                details={"path": f"dE_total/dnet_{j} via {o}"},
            )
        )
    return result
