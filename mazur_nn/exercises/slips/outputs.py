"""Known wrong formulas of a definition and of a step in outputs and targets.

A step written in outputs and targets alone (``E_total``,
``dE_total/dout_o1``, ``dout_o1/dnet_o1``) gets the net inputs written for
the outputs, another output's target, the error itself for its derivative,
the activation itself for its slope, and the slope of another neuron with
the same activation. A definition gets its own slips: ``E_total`` one
output's error alone, the half squared error without its 1/2 or its
square, ``out_n`` without its activation.

Example
-------
>>> from mazur_nn import mazur_example
>>> from mazur_nn.exercises.expressions import expected_expression
>>> step = "dE_total/dout_o1"
>>> [v.mistake for v in in_outputs_variants(step, expected_expression(step), mazur_example())]
['net_for_out', 'wrong_target', 'error_not_derivative']
"""

from __future__ import annotations

import itertools

import sympy

from mazur_nn.core.config import Config
from mazur_nn.exercises.chain import chain_of
from mazur_nn.exercises.expressions import formula_text, written_out
from mazur_nn.exercises.slips.feedback import Variant
from mazur_nn.symbolic.model import for_network


def definition_variants(step: str, expected: sympy.Expr, config: Config) -> list[Variant]:
    """``E_total`` with one output's error alone; an error of the half
    squared error without its 1/2 or its square; ``out_n`` as ``net_n``."""
    names, sym, chain = config.network.names, for_network(config.network), chain_of(config)
    result = []
    if step == "E_total" and len(names.neurons[-1]) > 1:
        for e in names.errors[:-1]:
            result.append(
                Variant(
                    "missing_term",
                    f"only {e}'s term: E_total adds the errors of every output",
                    expr=written_out(sym.symbol(e), config),
                    details={"term": e},
                )
            )
    if step in names.errors and config.network.loss == "half_squared_error":
        result.append(
            Variant(
                "missing_factor",
                "missing the factor 1/2 of the half squared error, E = (t - out)**2/2",
                expr=2 * expected,
                details={"factor": "1/2"},
            )
        )
        result.append(
            Variant(
                "missing_square",
                "missing the square of the half squared error, E = (t - out)**2/2",
                expr=expected.replace(lambda e: e.is_Pow and e.exp == 2, lambda e: e.base),
            )
        )
    kind, n = chain.forward_of(step) or (None, None)
    if kind == "out":
        result.append(
            Variant(
                "missing_activation",
                f"that is net_{n}, the net input; out_{n} passes it through the "
                f"{chain.activation_words(n)}",
                expr=sym.symbol(f"net_{n}"),
            )
        )
    return result


def slope_step_variants(step: str, expected: sympy.Expr, config: Config) -> list[Variant]:
    """For a step that is an activation's slope ``dout_n/dnet_n``: the
    activation itself, or the slope of another neuron with the same one."""
    chain = chain_of(config)
    n = chain.neuron_of_slope(step)
    if n is None:
        return []
    sym = for_network(config.network)
    activation, words = chain.activation_of(n), chain.activation_words(n)
    result = [
        Variant(
            "activation_not_derivative",
            f"that is out_{n} = {formula_text(sym.definitions[f'out_{n}'])}, the {words} "
            f"itself, not its derivative {step}",
            expr=sym.symbol(f"out_{n}"),
        )
    ]
    for m in (m for layer in config.network.names.neurons[1:] for m in layer):
        if m != n and chain.activation_of(m) == activation:
            own = {sym.symbol(f"{q}_{n}"): sym.symbol(f"{q}_{m}") for q in ("out", "net")}
            result.append(
                Variant(
                    "wrong_neuron",
                    f"that is dout_{m}/dnet_{m}, the {words}'s derivative at {m}; {step} is "
                    f"the one at {n}",
                    expr=expected.xreplace(own),
                    details={"neuron": m},
                )
            )
    return result


def in_outputs_variants(step: str, expected: sympy.Expr, config: Config) -> list[Variant]:
    """For a step written in outputs and targets alone (``E_total``,
    ``dE_total/dout_o1``, ``dout_o1/dnet_o1``): the net inputs used for the
    outputs, another output's target, and for ``dE_total/dout_o`` the error
    itself instead of its derivative."""
    names, sym, chain = config.network.names, for_network(config.network), chain_of(config)
    if chain.factors_of(step) or chain.paths_into(step):
        return []
    used = {str(s) for s in expected.free_symbols}
    neurons = [n for layer in names.neurons[1:] for n in layer if f"out_{n}" in used]
    targets = [t for t in names.targets if t in used]
    if not neurons or not used <= {f"out_{n}" for n in neurons} | set(targets):
        return []
    subject = chain.describe(step) if chain.neuron_of_slope(step) else step
    outs, nets = (", ".join(f"{q}_{n}" for n in neurons) for q in ("out", "net"))
    s = "s" if len(neurons) > 1 else ""
    result = [
        Variant(
            "net_for_out",
            f"{subject} is written with the output{s} {outs}, not the net input{s} {nets}",
            expr=expected.xreplace(
                {sym.symbol(f"out_{n}"): sym.symbol(f"net_{n}") for n in neurons}
            ),
            details={"neurons": tuple(neurons)},
        )
    ]
    result += _target_variants(step, expected, targets, config)
    output = chain.neuron_of_error(step)
    if output is not None and chain.is_output(output):
        e = f"E_{output}"
        result.append(
            Variant(
                "error_not_derivative",
                f"that is {e} = {formula_text(sym.definitions[e])}, the error itself, not its "
                f"derivative {step}: differentiate it with respect to out_{output}",
                expr=sym.definitions[e],
            )
        )
    return result


def _target_variants(step: str, expected, targets, config: Config) -> list[Variant]:
    """``expected`` (which uses ``targets``) with two of them swapped, or
    with its one target replaced by another output's."""
    names, sym = config.network.names, for_network(config.network)
    owner = dict(zip(names.targets, names.neurons[-1]))
    result = []
    for a, b in itertools.combinations(targets, 2):
        result.append(
            Variant(
                "wrong_target",
                f"the targets {a} and {b} are swapped: {a} is the target of {owner[a]} and "
                f"{b} that of {owner[b]}",
                expr=expected.xreplace(
                    {sym.symbol(a): sym.symbol(b), sym.symbol(b): sym.symbol(a)}
                ),
                details={"targets": (a, b)},
            )
        )
    for other in names.targets if len(targets) == 1 else ():
        (t,) = targets
        if other != t:
            result.append(
                Variant(
                    "wrong_target",
                    f"{other} is the target of {owner[other]}; {step} compares out_{owner[t]} "
                    f"with its own target",
                    expr=expected.xreplace({sym.symbol(t): sym.symbol(other)}),
                    details={"target": other},
                )
            )
    return result
