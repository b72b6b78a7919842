"""Known wrong formulas: a step's expression with one slip each.

Each :class:`~mazur_nn.exercises.slips.feedback.Variant` is the step's right
expression (in formula names) built again with one slip, made on the
chain-rule structure of :mod:`~mazur_nn.exercises.chain`: a factor of its
product left out, one path into a hidden neuron missing, the weights
leaving another hidden neuron used in the paths, the slope ``out*(1 - out)``
written ``out*(1 + out)``, or the sign flipped. A sum of paths also gets one
slip made in every path at once (:mod:`~mazur_nn.exercises.slips.paths`);
a definition and a step in outputs and targets alone get theirs from
:mod:`~mazur_nn.exercises.slips.outputs`. For an update ``w+``: the learning
rate not applied, the step taken the wrong way, or one of the gradient's slips.

Example
-------
>>> [v.mistake for v in formula_variants("dE_total/dout_h1")]  # doctest: +NORMALIZE_WHITESPACE
['missing_path', 'missing_path', 'wrong_weight', 'missing_factor', 'missing_factor',
 'sigmoid_derivative', 'missing_factor', 'out_for_weight', 'swapped_weights', 'sign']
>>> [v.mistake for v in formula_variants("dout_o1/dnet_o1")]  # doctest: +NORMALIZE_WHITESPACE
['sigmoid_derivative', 'activation_not_derivative', 'wrong_neuron', 'wrong_neuron',
 'wrong_neuron', 'net_for_out', 'sign']
>>> wrong = formula_variants("dout_o1/dnet_o1")[0]
>>> wrong.mistake, wrong.expr
('sigmoid_derivative', out_o1*(out_o1 + 1))
"""

from __future__ import annotations

import sympy

from mazur_nn.core.config import Config
from mazur_nn.exercises.chain import chain_of
from mazur_nn.exercises.expressions import expected_expression, formula_text, product, written_out
from mazur_nn.exercises.model import config_or_default
from mazur_nn.exercises.slips.feedback import Variant, in_gradient, update_sign_message
from mazur_nn.exercises.slips.outputs import (
    definition_variants,
    in_outputs_variants,
    slope_step_variants,
)
from mazur_nn.exercises.slips.paths import every_path_variants, listed, plus_slope
from mazur_nn.exercises.slips.softmax import softmax_variants
from mazur_nn.symbolic.model import for_network


def formula_variants(step: str, config: Config | None = None) -> list[Variant]:
    """The known wrong versions of ``step``'s expression (in formula names).

    >>> [v.mistake for v in formula_variants("dE_total/dw1")]  # doctest: +NORMALIZE_WHITESPACE
    ['missing_factor', 'missing_path', 'missing_path', 'missing_factor', 'missing_factor',
     'sigmoid_derivative', 'wrong_weight', 'missing_factor', 'missing_factor',
     'sigmoid_derivative', 'missing_factor', 'out_for_weight', 'swapped_weights', 'sign']
    """
    config = config_or_default(config)
    sym, chain = for_network(config.network), chain_of(config)
    if chain.updated_by(step) is not None:
        return _update_formula_variants(chain.updated_by(step), config)
    expected = expected_expression(step, config)
    factors = chain.factors_of(step)
    exprs = {f: sym.expression(f) for f in factors}
    result = softmax_variants(step, config)  # first: named as the softmax's own slips
    result += _missing_factor_variants(exprs, config)
    for path in chain.paths_into(step):
        result.append(_path_variant(step, path, sym.expression(path)))
    result += _slope_variants(step, exprs, config)
    result += _weight_variants(step, factors, expected, config)
    result += every_path_variants(step, exprs, config)
    result += slope_step_variants(step, expected, config)
    result += in_outputs_variants(step, expected, config)
    result += definition_variants(step, expected, config)
    result.append(Variant("sign", _sign_message(step, config), expr=sympy.Mul(-1, expected)))
    return result


def _missing_factor_variants(exprs: dict, config: Config) -> list[Variant]:
    """The product of ``exprs`` (each factor's expression) with one factor
    left out, and with a factor that is a sum of paths cut to one path."""
    sym, chain = for_network(config.network), chain_of(config)
    result = []
    for f, expr in exprs.items():
        others = [e for g, e in exprs.items() if g != f]
        result.append(
            Variant(
                "missing_factor",
                f"missing the factor {f} = {formula_text(expr)}, {chain.describe(f)}",
                expr=product(others),
                details={"factor": f},
            )
        )
        for path in chain.paths_into(f):
            result.append(_path_variant(f, path, product([sym.expression(path), *others])))
    return result


def _sign_message(step: str, config: Config) -> str:
    chain = chain_of(config)
    output = chain.neuron_of_error(step)
    if output is not None and chain.is_output(output):
        return (
            f"the sign is flipped: {step} is (out - target), positive when the output is too large"
        )
    chains = [chain.factors_of(path) for path in chain.paths_into(step)]
    if chains and all(chains):
        starts = listed([c[0] for c in chains], config)
        return (
            f"the sign is flipped: each path starts with {starts} (out - target), positive "
            "when the output is too large"
        )
    return "the sign is flipped"


def _path_variant(whole: str, path: str, expr) -> Variant:
    return Variant(
        "missing_path",
        f"only the path {path} is used; {whole} adds every path into the neuron",
        expr=expr,
        details={"path": path},
    )


def _slope_variants(step: str, exprs: dict, config: Config) -> list[Variant]:
    """The slope ``out*(1 - out)`` written ``out*(1 + out)``: the step itself
    when it is such a slope ``dout_n/dnet_n``, or that factor of its
    chain-rule product (``exprs``: each factor's expression)."""
    chain = chain_of(config)
    result = []
    for f in exprs or (step,):
        wrong = plus_slope(f, config)
        if wrong is None:
            continue
        n = chain.neuron_of_slope(f)
        others = [e for g, e in exprs.items() if g != f]
        result.append(
            Variant(
                "sigmoid_derivative",
                f"the {chain.activation_words(n)}'s slope is out*(1 - out): check the sign "
                f"inside the bracket of {f}",
                expr=written_out(product([wrong, *others]), config),
                details={"derivative": f},
            )
        )
    return result


def _weight_variants(step: str, factors, expected, config: Config) -> list[Variant]:
    """For a step that goes back through ``out_h`` of a hidden neuron ``h``:
    each path's weight ``dnet_n/dout_h`` swapped for the weight into the same
    ``n`` from another neuron of ``h``'s layer."""
    chain = chain_of(config)
    h = next((n for n in map(chain.back_to, (step, *factors)) if n is not None), None)
    if h is None:
        return []
    used = {str(s) for s in expected.free_symbols}
    right = {p.through: p for p in chain.paths[h] if p.weight in used}
    if not right:
        return []
    sym = for_network(config.network)
    meaning = ", ".join(f"{p.local} = {p.weight}" for p in right.values())
    own = ", ".join(p.weight for p in right.values())
    result = []
    for other in chain.names.neurons[chain.layer[h]]:
        if other == h:
            continue
        theirs = {n: chain.weights_leaving(other)[n] for n in right}
        swap = {sym.symbol(right[n].weight): sym.symbol(theirs[n]) for n in right}
        shown = ", ".join(theirs.values())
        if len(right) > 1:
            used_instead = f"the weights leaving {other} ({shown}) are used instead of those"
        else:
            used_instead = f"the weight leaving {other} ({shown}) is used instead of the one"
        result.append(
            Variant(
                "wrong_weight",
                f"{used_instead} leaving {h} ({own}): {meaning}",
                expr=expected.xreplace(swap),
                details={"neuron": other, "weights": tuple(theirs.values())},
            )
        )
    return result


def _update_formula_variants(p: str, config: Config) -> list[Variant]:
    sym = for_network(config.network)
    w, eta = sym.symbol(p), sym.symbol("eta")
    gradient = written_out(sym.expression(f"dE_total/d{p}"), config)
    result = [
        Variant(
            "no_learning_rate",
            "the learning rate is not applied: the step is eta times the gradient",
            expr=w - gradient,
        ),
        Variant("sign", update_sign_message(p), expr=w + eta * gradient),
    ]
    for v in formula_variants(f"dE_total/d{p}", config):
        if v.mistake != "sign":
            result.append(in_gradient(v, expr=w - eta * v.expr))
    return result
