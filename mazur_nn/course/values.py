"""The numbers of a worked example: the one place that gathers them.

One round of backpropagation for a config, every number by the name the
steps, the tables, the equations, the report and the exercises use: the
parameters, inputs and targets; every forward and backward quantity
(``net_h1``, ``delta_o1``, ``dE_o1/dout_h1``, ``dE_total/dw5``); the learning
rate ``eta``; the parameters after the update (``w5+``) and the new forward
pass (``out_o1+``, ``E_total+``).

>>> from mazur_nn import mazur_example
>>> values = worked_values(mazur_example())
>>> round(values["dE_total/dw5"], 9), round(values["w5+"], 8), round(values["E_total+"], 9)
(0.082167041, 0.35891648, 0.291027774)
"""

from __future__ import annotations

from mazur_nn.core.config import Config
from mazur_nn.core.passes import ChainFactor, forward


def chain_factors(chain: dict[str, tuple[ChainFactor, ...]]) -> list[ChainFactor]:
    """Every factor of a backward pass's chains, the paths' factors included."""
    result, stack = [], [f for factors in chain.values() for f in factors]
    while stack:
        factor = stack.pop()
        result.append(factor)
        stack += [f for term in factor.terms for f in term]
    return result


def worked_values(config: Config) -> dict[str, float]:
    """Every number of one round of backpropagation for ``config``, by name."""
    backward = config.backward()
    updated = config.update(backward)
    after = forward(updated, config.inputs, config.targets)
    values = {**backward.forward.by_name, **backward.values, "eta": config.learning_rate}
    values.update({f"dE_total/d{p}": g for p, g in backward.gradients.items()})
    # A factor named otherwise than its statement: dE_total/dnet_o1 is delta_o1.
    values.update({f.name: f.value for f in chain_factors(backward.chain) if f.name not in values})
    values.update({f"{p}+": v for p, v in updated.parameters.items()})
    values.update({f"{k}+": v for k, v in after.values.items()})
    return values
