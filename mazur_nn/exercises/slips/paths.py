"""Known wrong formulas of a sum of paths: one slip made in every path at once.

A hidden neuron's ``dE_total/dout_h`` adds one path per neuron it feeds
(``dE_o1/dout_h1 + dE_o2/dout_h1``; :meth:`~mazur_nn.exercises.chain.Chain.paths_into`).
A student who slips in one path usually slips in all of them: the same
chain-rule factor left out of every path, the slope ``out*(1 - out)``
written ``out*(1 + out)`` everywhere, ``out_h1`` used in place of every
weight, or two paths' weights swapped. (A slip in one path only is named by
the path comparison of :mod:`~mazur_nn.exercises.checking.factors`.) The
slope slip and the factor lists shared with
:mod:`~mazur_nn.exercises.slips.formulas` live here too.

Example
-------
>>> from mazur_nn import mazur_example
>>> [v.mistake for v in every_path_variants("dE_total/dout_h1", {}, mazur_example())]
... # doctest: +NORMALIZE_WHITESPACE
['missing_factor', 'missing_factor', 'sigmoid_derivative', 'missing_factor',
 'out_for_weight', 'swapped_weights']
>>> plus_slope("dout_o1/dnet_o1", mazur_example())
out_o1*(out_o1 + 1)
"""

from __future__ import annotations

import itertools
from dataclasses import replace
from functools import partial

import sympy

from mazur_nn.core.config import Config
from mazur_nn.exercises.chain import chain_of
from mazur_nn.exercises.expressions import formula_text, product
from mazur_nn.exercises.slips.feedback import Variant
from mazur_nn.symbolic.model import for_network


def plus_slope(factor: str, config: Config) -> sympy.Expr | None:
    """The slope ``factor`` (``dout_n/dnet_n``) with the sign of its
    ``(1 - out)`` flipped: ``out*(1 + out)`` for the sigmoid; None when
    ``factor`` is not a slope or its slope has no ``(1 - out)``."""
    neuron = chain_of(config).neuron_of_slope(factor)
    if neuron is None:
        return None
    sym = for_network(config.network)
    out, slope = sym.symbol(f"out_{neuron}"), sym.expression(factor)
    wrong = slope.xreplace({1 - out: 1 + out})
    return None if wrong == slope else wrong


def every_path_variants(step: str, exprs: dict, config: Config) -> list[Variant]:
    """For a sum of paths (the step, or a factor of its product: ``exprs``
    holds each factor's expression): one slip made in every path at once."""
    chain = chain_of(config)
    result = []
    for whole in (step, *exprs):
        paths = chain.paths_into(whole)
        if len(paths) < 2 or not all(chain.factors_of(path) for path in paths):
            continue
        others = [e for g, e in exprs.items() if g != whole]
        for v in _slips_in_every_path(paths, config):
            result.append(replace(v, expr=product([v.expr, *others])))
    return result


def _slips_in_every_path(paths, config: Config) -> list[Variant]:
    """The sum of ``paths`` with, in every path, the same factor left out,
    the slope written out*(1 + out), the weight dnet_n/dout_h replaced by
    out_h, or two paths' weights swapped."""
    sym, chain = for_network(config.network), chain_of(config)
    chains = [chain.factors_of(path) for path in paths]

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
        factors = tuple(c[position] for c in chains)
        meanings = {chain.describe(f) for f in factors}
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
        wrong = {f: plus_slope(f, config) for f in factors}
        if all(w is not None for w in wrong.values()):
            neuron = chain.neuron_of_slope(factors[0])
            result.append(
                Variant(
                    "sigmoid_derivative",
                    f"the {chain.activation_words(neuron)}'s slope is out*(1 - out): check the "
                    f"sign inside the bracket, in every path ({' and '.join(factors)})",
                    expr=every_path(position, wrong),
                    details={"derivatives": factors},
                )
            )
        result += _weight_slips(factors, paths, partial(every_path, position), config)
    return result


def _weight_slips(factors, paths, every_path, config: Config) -> list[Variant]:
    """When ``factors`` are the paths' weights ``dnet_n/dout_h``: each
    replaced by out_h (the factor of the weight's own gradient), or two
    paths' weights swapped (``every_path``: the paths' sum with the factors
    as in a dict)."""
    sym = for_network(config.network)
    path = chain_of(config).path_of_weight(factors[0])
    weights = [sym.expression(f) for f in factors]
    if path is None or not all(w.is_Symbol for w in weights):
        return []
    n, h, w = path.through, path.neuron, weights[0]
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


def listed(factors, config: Config, described: bool = False) -> str:
    """``f = its formula`` for each of ``factors`` (and what it is, if
    ``described``), joined with "and".

    >>> from mazur_nn import mazur_example
    >>> print(listed(["dnet_o1/dout_h1", "dnet_o2/dout_h1"], mazur_example(), described=True))
    dnet_o1/dout_h1 = w5 (the weight from h1 to o1) and dnet_o2/dout_h1 = w7 (the weight ...)
    """
    sym, chain = for_network(config.network), chain_of(config)
    parts = [
        f"{f} = {formula_text(sym.expression(f))}"
        + (f" ({chain.describe(f)})" if described else "")
        for f in factors
    ]
    return ", ".join(parts[:-1]) + " and " + parts[-1] if len(parts) > 1 else parts[0]
