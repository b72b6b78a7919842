"""Known wrong formulas: a step's expression with one slip each.

Each :class:`~mazur_nn.exercises.feedback.Variant` is the step's right
expression (in formula names) built again with one slip: a chain-rule
factor left out, one path into a hidden neuron missing, the weights leaving
another hidden neuron used in the paths, the sigmoid's derivative written
``out*(1 + out)``, one output's error alone, the 1/2 or the square of the
half squared error left out, the net input without its activation, or the
sign flipped. A sum of paths also gets one slip made in every path at once
(a factor left out, ``out*(1 + out)``, ``out_h1`` for the weight, two
paths' weights swapped: :mod:`~mazur_nn.exercises.wrong_paths`). A step
in outputs and targets alone gets the net input for the output, another
output's target, the error or the activation itself instead of its
derivative, and the slope of another neuron.
For an update ``w+``: the learning rate not applied, the step taken the
wrong way, or one of the gradient's slips.

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

import re

from mazur_nn.exercises.bank import (
    _activation_of,
    _config,
    chain_factors,
    expected_expression,
    factor_description,
    formula_text,
    paths_into,
    written_out,
)
from mazur_nn.exercises.feedback import Variant
from mazur_nn.exercises.wrong_paths import (
    every_path_variants,
    listed,
    plus_slope,
    product,
    sigmoid_slope_of,
)


def formula_variants(step: str, config=None) -> list[Variant]:
    """The known wrong versions of ``step``'s expression (in formula names).

    >>> [v.mistake for v in formula_variants("dE_total/dw1")]  # doctest: +NORMALIZE_WHITESPACE
    ['missing_factor', 'missing_path', 'missing_path', 'missing_factor', 'missing_factor',
     'sigmoid_derivative', 'wrong_weight', 'missing_factor', 'missing_factor',
     'sigmoid_derivative', 'missing_factor', 'out_for_weight', 'swapped_weights', 'sign']
    """
    import sympy

    from mazur_nn.symbolic.model import for_network

    config = _config(config)
    names = config.network.names
    sym = for_network(config.network)
    if step.endswith("+") and step[:-1] in config.network.parameters:
        return _update_formula_variants(step[:-1], config)
    expected = expected_expression(step, config)
    result = []
    factors = chain_factors(step, names)
    exprs = {f: sym.expression(f) for f in factors}
    for f in factors:
        others = [exprs[g] for g in factors if g != f]
        meaning = factor_description(f, config)
        result.append(
            Variant(
                "missing_factor",
                f"missing the factor {f} = {formula_text(exprs[f])}, {meaning}",
                expr=product(others),
                details={"factor": f},
            )
        )
        for path in paths_into(f, names):
            result.append(_path_variant(f, path, product([sym.expression(path), *others])))
    for path in paths_into(step, names):
        result.append(_path_variant(step, path, sym.expression(path)))
    result += _slope_variants(step, exprs, config)
    result += _weight_variants(step, factors, expected, config)
    result += every_path_variants(step, exprs, config)
    result += _slope_step_variants(step, expected, config)
    result += _in_outputs_variants(step, expected, config)
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
    if step.startswith("E_") and config.network.loss == "half_squared_error":
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
    if step.startswith("out_"):
        n = step[4:]
        result.append(
            Variant(
                "missing_activation",
                f"that is net_{n}, the net input; out_{n} passes it through the "
                f"{_activation_of(n, config)}",
                expr=sym.symbol(f"net_{n}"),
            )
        )
    result.append(Variant("sign", _sign_message(step, config), expr=sympy.Mul(-1, expected)))
    return result


def _sign_message(step: str, config) -> str:
    names = config.network.names
    if any(step == f"dE_total/dout_{o}" for o in names.neurons[-1]):
        return (
            f"the sign is flipped: {step} is (out - target), positive when the output is too large"
        )
    chains = [chain_factors(path, names) for path in paths_into(step, names)]
    if chains and all(chains):
        starts = listed([chain[0] for chain in chains], config)
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


# -- a wrong sigmoid slope, a wrong neuron's weights --------------------------------


def _slope_variants(step: str, exprs: dict, config) -> list[Variant]:
    """The sigmoid's derivative written ``out*(1 + out)``: the step itself
    when it is a sigmoid's slope ``dout_n/dnet_n``, or that factor of its
    chain-rule product (``exprs``: each factor's expression)."""
    result = []
    for f in exprs or (step,):
        n = sigmoid_slope_of(f, config)
        if n is None:
            continue
        out, wrong = f"out_{n}", plus_slope(f, config)
        others = [e for g, e in exprs.items() if g != f]
        result.append(
            Variant(
                "sigmoid_derivative",
                f"the sigmoid's derivative is {f} = {out}*(1 - {out}), not {out}*(1 + {out}): "
                "sigma' = sigma*(1 - sigma)",
                expr=written_out(product([wrong, *others]), config),
                details={"derivative": f},
            )
        )
    return result


def _layer_of(neuron: str, names) -> int:
    return next(k for k, ns in enumerate(names.neurons) if neuron in ns)


def _weights_leaving(neuron: str, names) -> dict[str, str]:
    """The weights from ``neuron``, by the neuron of the next layer each feeds.

    >>> from mazur_nn.core.names import Names
    >>> _weights_leaving("h1", Names((2, 2, 2), "shared"))
    {'o1': 'w5', 'o2': 'w7'}
    """
    layer = _layer_of(neuron, names)
    k = names.neurons[layer].index(neuron)
    return {n: row[k] for n, row in zip(names.neurons[layer + 1], names.weight_matrix[layer])}


def _weight_variants(step: str, factors, expected, config) -> list[Variant]:
    """For a step that goes back through ``out_h`` of a hidden neuron ``h``:
    each path's weight ``dnet_n/dout_h`` swapped for the weight into the same
    ``n`` from another neuron of ``h``'s layer."""
    from mazur_nn.symbolic.model import for_network

    names = config.network.names
    hidden = {n for layer in names.neurons[1:-1] for n in layer}
    through = [re.fullmatch(r"dE_\w+/dout_(\w+)", f) for f in (step, *factors)]
    h = next((m.group(1) for m in through if m and m.group(1) in hidden), None)
    if h is None:
        return []
    used = {str(s) for s in expected.free_symbols}
    right = {n: w for n, w in _weights_leaving(h, names).items() if w in used}
    if not right:
        return []
    sym = for_network(config.network)
    meaning = ", ".join(f"dnet_{n}/dout_{h} = {w}" for n, w in right.items())
    result = []
    for other in names.neurons[_layer_of(h, names)]:
        if other == h:
            continue
        theirs = {n: _weights_leaving(other, names)[n] for n in right}
        swap = {sym.symbol(right[n]): sym.symbol(theirs[n]) for n in right}
        shown, own = ", ".join(theirs.values()), ", ".join(right.values())
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


# -- a step in outputs and targets: an activation's slope, an output's error ------------


def _slope_step_variants(step: str, expected, config) -> list[Variant]:
    """For a step that is an activation's slope ``dout_n/dnet_n``: the
    activation itself, or the slope of another neuron with the same one."""
    from mazur_nn.symbolic.model import for_network

    slope = re.fullmatch(r"dout_(\w+)/dnet_\1", step)
    if not slope:
        return []
    n, sym, right = slope.group(1), for_network(config.network), formula_text(expected)
    activation = _activation_of(n, config)
    result = [
        Variant(
            "activation_not_derivative",
            f"that is out_{n} = {formula_text(sym.definitions[f'out_{n}'])}, the {activation} "
            f"itself, not its derivative: {step} = {right}",
            expr=sym.symbol(f"out_{n}"),
        )
    ]
    for m in (m for layer in config.network.names.neurons[1:] for m in layer):
        if m != n and _activation_of(m, config) == activation:
            own = {sym.symbol(f"{q}_{n}"): sym.symbol(f"{q}_{m}") for q in ("out", "net")}
            result.append(
                Variant(
                    "wrong_neuron",
                    f"that is dout_{m}/dnet_{m}, the {activation}'s derivative at {m}; {step} is "
                    f"the one at {n}: {right}",
                    expr=expected.xreplace(own),
                    details={"neuron": m},
                )
            )
    return result


def _in_outputs_variants(step: str, expected, config) -> list[Variant]:
    """For a step written in outputs and targets alone (``E_total``,
    ``dE_total/dout_o1``, ``dout_o1/dnet_o1``): the net inputs used for the
    outputs, another output's target, and for ``dE_total/dout_o`` the error
    itself instead of its derivative."""
    from mazur_nn.symbolic.model import for_network

    names, sym = config.network.names, for_network(config.network)
    if chain_factors(step, names) or paths_into(step, names):
        return []
    used = {str(s) for s in expected.free_symbols}
    neurons = [n for layer in names.neurons[1:] for n in layer if f"out_{n}" in used]
    targets = [t for t in names.targets if t in used]
    if not neurons or not used <= {f"out_{n}" for n in neurons} | set(targets):
        return []
    right = formula_text(expected)
    subject = factor_description(step, config) if step.startswith("dout_") else step
    outs, nets = (", ".join(f"{q}_{n}" for n in neurons) for q in ("out", "net"))
    s = "s" if len(neurons) > 1 else ""
    result = [
        Variant(
            "net_for_out",
            f"{subject} is written with the output{s} {outs}, not the net input{s} {nets}: "
            f"{step} = {right}",
            expr=expected.xreplace(
                {sym.symbol(f"out_{n}"): sym.symbol(f"net_{n}") for n in neurons}
            ),
            details={"neurons": tuple(neurons)},
        )
    ]
    result += _target_variants(step, expected, targets, config)
    error = re.fullmatch(r"dE_total/dout_(\w+)", step)
    if error and error.group(1) in names.neurons[-1]:
        e = f"E_{error.group(1)}"
        result.append(
            Variant(
                "error_not_derivative",
                f"that is {e} = {formula_text(sym.definitions[e])}, the error itself, not its "
                f"derivative: {step} = {right}",
                expr=sym.definitions[e],
            )
        )
    return result


def _target_variants(step: str, expected, targets, config) -> list[Variant]:
    """``expected`` (which uses ``targets``) with two of them swapped, or
    with its one target replaced by another output's."""
    import itertools

    from mazur_nn.symbolic.model import for_network

    names, sym = config.network.names, for_network(config.network)
    owner = dict(zip(names.targets, names.neurons[-1]))
    right = formula_text(expected)
    result = []
    for a, b in itertools.combinations(targets, 2):
        result.append(
            Variant(
                "wrong_target",
                f"the targets {a} and {b} are swapped: {a} is the target of {owner[a]} and "
                f"{b} that of {owner[b]}, so {step} = {right}",
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
                    f"with its own target {t}: {step} = {right}",
                    expr=expected.xreplace({sym.symbol(t): sym.symbol(other)}),
                    details={"target": other},
                )
            )
    return result


# -- updates --------------------------------------------------------------------------


def _update_formula_variants(p: str, config) -> list[Variant]:
    from mazur_nn.symbolic.model import for_network

    sym = for_network(config.network)
    w, eta = sym.symbol(p), sym.symbol("eta")
    gradient = written_out(sym.expression(f"dE_total/d{p}"), config)
    result = [
        Variant(
            "no_learning_rate",
            f"the learning rate is not applied: {p}+ = {p} - eta * dE_total/d{p}",
            expr=w - gradient,
        ),
        Variant("sign", update_sign_message(p), expr=w + eta * gradient),
    ]
    for v in formula_variants(f"dE_total/d{p}", config):
        if v.mistake != "sign":
            result.append(in_gradient(v, expr=w - eta * v.expr))
    return result


def update_sign_message(p: str) -> str:
    """What is wrong when ``p+`` moves with the gradient instead of against it."""
    return f"the sign is flipped: {p} moves against the gradient, {p} - eta * dE_total/d{p}"


def in_gradient(v: Variant, **changes) -> Variant:
    """The gradient's slip ``v`` as a slip of an update (``changes``: its
    ``value`` or ``expr`` there)."""
    return Variant(v.mistake, f"in the gradient: {v.message}", details=v.details, **changes)
