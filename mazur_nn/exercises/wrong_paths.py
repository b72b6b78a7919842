"""Known wrong formulas of a sum of paths: one slip made in every path at once.

A hidden neuron's ``dE_total/dout_h`` adds one path per neuron it feeds
(``dE_o1/dout_h1 + dE_o2/dout_h1``). A student who slips in one path
usually slips in all of them: the same chain-rule factor left out of every
path, the sigmoid's slope written ``out*(1 + out)`` everywhere, ``out_h1``
used in place of every weight, or two paths' weights swapped. (A slip in
one path only is named by the path comparison of
:mod:`~mazur_nn.exercises.factor_comparison`.) The small helpers shared
with :mod:`~mazur_nn.exercises.wrong_formulas` live here too.

Example
-------
>>> from mazur_nn import mazur_example
>>> [v.mistake for v in every_path_variants("dE_total/dout_h1", {}, mazur_example())]
... # doctest: +NORMALIZE_WHITESPACE
['missing_factor', 'missing_factor', 'sigmoid_derivative', 'missing_factor',
 'out_for_weight', 'swapped_weights']
"""

from __future__ import annotations

import re

from mazur_nn.exercises.bank import (
    _activation_of,
    chain_factors,
    factor_description,
    formula_text,
    paths_into,
)
from mazur_nn.exercises.feedback import Variant


def product(factors):
    import sympy

    return sympy.Mul(*factors)


def sigmoid_slope_of(factor: str, config) -> str | None:
    """The neuron whose sigmoid's slope ``factor`` is (``dout_n/dnet_n``), else None."""
    slope = re.fullmatch(r"dout_(\w+)/dnet_\1", factor)
    if slope and _activation_of(slope.group(1), config) == "sigmoid":
        return slope.group(1)
    return None


def plus_slope(factor: str, config):
    """``out*(1 + out)``, the sigmoid's slope ``factor`` with the wrong sign."""
    from mazur_nn.symbolic.model import for_network

    out = for_network(config.network).symbol(f"out_{sigmoid_slope_of(factor, config)}")
    return out * (1 + out)


def every_path_variants(step: str, exprs: dict, config) -> list[Variant]:
    """For a sum of paths (the step, or a factor of its product: ``exprs``
    holds each factor's expression): one slip made in every path at once.
    A slip in one path only is named by the path comparison of
    :mod:`~mazur_nn.exercises.factor_comparison`.

    >>> from mazur_nn import mazur_example
    >>> [v.mistake for v in every_path_variants("dE_total/dout_h1", {}, mazur_example())]
    ... # doctest: +NORMALIZE_WHITESPACE
    ['missing_factor', 'missing_factor', 'sigmoid_derivative', 'missing_factor',
     'out_for_weight', 'swapped_weights']
    """
    from dataclasses import replace

    names = config.network.names
    result = []
    for whole in (step, *exprs):
        paths = paths_into(whole, names)
        if len(paths) < 2 or not all(chain_factors(path, names) for path in paths):
            continue
        others = [e for g, e in exprs.items() if g != whole]
        for v in _slips_in_every_path(paths, config):
            result.append(replace(v, expr=product([v.expr, *others])))
    return result


def _slips_in_every_path(paths, config) -> list[Variant]:
    """The sum of ``paths`` with, in every path, the same factor left out,
    the sigmoid's slope written out*(1 + out), the weight dnet_n/dout_h
    replaced by out_h, or two paths' weights swapped."""
    from functools import partial

    import sympy

    from mazur_nn.symbolic.model import for_network

    sym = for_network(config.network)
    chains = [chain_factors(path, config.network.names) for path in paths]

    def every_path(position: int, wrong: dict):
        """The paths' sum with factor ``position`` of each chain as in ``wrong``."""
        return sympy.Add(
            *(
                product(wrong[f] if k == position else sym.expression(f) for k, f in enumerate(c))
                for c in chains
            )
        )

    result = []
    for position in range(len(chains[0])):
        factors = tuple(chain[position] for chain in chains)
        meanings = {factor_description(f, config) for f in factors}
        missing = (
            f"{meanings.pop()} is missing in every path: {listed(factors, config)}"
            if len(meanings) == 1
            else f"a factor is missing in every path: {listed(factors, config, described=True)}"
        )
        result.append(
            Variant(
                "missing_factor",
                f"{missing}; each path is a product, as {paths[0]} = {' * '.join(chains[0])}",
                expr=every_path(position, dict.fromkeys(factors, 1)),
                details={"factors": factors},
            )
        )
        if all(sigmoid_slope_of(f, config) for f in factors):
            result.append(
                Variant(
                    "sigmoid_derivative",
                    "the sigmoid's derivative is out*(1 - out), not out*(1 + out), in every path: "
                    f"{listed(factors, config)}; sigma' = sigma*(1 - sigma)",
                    expr=every_path(position, {f: plus_slope(f, config) for f in factors}),
                    details={"derivatives": factors},
                )
            )
        result += _weight_slips(factors, paths, partial(every_path, position), config)
    return result


def _weight_slips(factors, paths, every_path, config) -> list[Variant]:
    """When ``factors`` are the paths' weights ``dnet_n/dout_h``: each
    replaced by out_h (the factor of the weight's own gradient), or two
    paths' weights swapped (``every_path``: the paths' sum with the factors
    as in a dict)."""
    import itertools

    from mazur_nn.symbolic.model import for_network

    sym = for_network(config.network)
    local = re.fullmatch(r"dnet_(\w+)/dout_(\w+)", factors[0])
    weights = [sym.expression(f) for f in factors]
    if not local or not all(w.is_Symbol for w in weights):
        return []
    (n, h), w = local.groups(), weights[0]
    result = [
        Variant(
            "out_for_weight",
            f"{factors[0]} is {w}, the weight from {h} to {n}, not out_{h}: out_{h} is "
            f"dnet_{n}/d{w}, what {w} multiplies in net_{n}; every path takes its weight: "
            f"{listed(factors, config)}",
            expr=every_path(dict.fromkeys(factors, sym.symbol(f"out_{h}"))),
            details={"factors": factors},
        )
    ]
    for i, j in itertools.combinations(range(len(factors)), 2):
        swapped = dict(zip(factors, weights)) | {factors[i]: weights[j], factors[j]: weights[i]}
        result.append(
            Variant(
                "swapped_weights",
                f"the weights of the paths {paths[i]} and {paths[j]} are swapped: "
                f"{listed((factors[i], factors[j]), config, described=True)}",
                expr=every_path(swapped),
                details={"weights": (str(weights[i]), str(weights[j]))},
            )
        )
    return result


def listed(factors, config, described: bool = False) -> str:
    """``f = its formula`` for each of ``factors`` (and what it is, if
    ``described``), joined with "and".

    >>> from mazur_nn import mazur_example
    >>> print(listed(["dnet_o1/dout_h1", "dnet_o2/dout_h1"], mazur_example(), described=True))
    dnet_o1/dout_h1 = w5 (the weight from h1 to o1) and dnet_o2/dout_h1 = w7 (the weight ...)
    """
    from mazur_nn.symbolic.model import for_network

    sym = for_network(config.network)
    parts = [
        f"{f} = {formula_text(sym.expression(f))}"
        + (f" ({factor_description(f, config)})" if described else "")
        for f in factors
    ]
    return ", ".join(parts[:-1]) + " and " + parts[-1] if len(parts) > 1 else parts[0]
