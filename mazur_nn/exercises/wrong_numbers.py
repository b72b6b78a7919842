"""Known wrong numbers: a step's value computed with one slip each.

A step that has a formula gets the values of its wrong formulas
(:mod:`~mazur_nn.exercises.wrong_formulas`) at the lesson's values, and,
for a hidden gradient, the value taken with the already updated output
weights (the slip behind the post's printed results). An update ``w+``
gets the learning rate not applied, the step taken the wrong way, the step
alone, and each slip of its gradient; ``E_total+`` the error before the
update and after wrong updates. Values equal to the right one, or to an
earlier variant, are dropped.

Example
-------
>>> [(v.mistake, round(v.value, 9)) for v in number_variants("dE_total/dw5")][:2]
[('missing_factor', 0.110832091), ('missing_factor', 0.439829649)]
"""

from __future__ import annotations

import math

from .bank import _config, _lesson
from .feedback import Variant
from .points import close, value_at
from .wrong_formulas import formula_variants, in_gradient, update_sign_message


def number_variants(step: str, config=None, lesson=None) -> list[Variant]:
    """The known wrong values of ``step`` for ``config``, each differing
    from the right value.

    >>> [(v.mistake, round(v.value, 9)) for v in number_variants("w1+")][:3]
    [('no_learning_rate', 0.149561432), ('sign', 0.150219284), ('step_only', 0.000219284)]
    """
    config = _config(config)
    lesson = lesson or _lesson(config)
    exact = lesson.step(step).value
    if step.endswith("+") and step[:-1] in config.network.parameters:
        found = _update_number_variants(step[:-1], config, lesson)
    elif step == "E_total+":
        found = _after_number_variants(config, lesson)
    elif step.endswith("+"):
        found = [Variant("sign", "the sign is flipped", -exact)]
    else:
        point = dict(lesson.values)
        found = [
            Variant(v.mistake, v.message, value_at(v.expr, point), details=v.details)
            for v in formula_variants(step, config)
        ]
        found += _updated_weights_variants(step, config, lesson)
    result, seen = [], [exact]
    for v in found:
        if math.isfinite(v.value) and not any(close(v.value, s) for s in seen):
            result.append(v)
            seen.append(v.value)
    return result


def _updated_weights_variants(step: str, config, lesson) -> list[Variant]:
    """A hidden gradient taken with the already updated weights of the
    layers after it (the slip behind the post's printed results)."""
    if config.hidden_uses != "original" or not step.startswith("dE_"):
        return []
    from ..symbolic import for_network

    names = config.network.names
    expr = for_network(config.network).expression(step)
    used = {str(s) for s in expr.free_symbols}
    hidden = [w for w in names.weights if w in used and _is_later(w, step, names)]
    if not hidden:
        return []
    point = dict(lesson.values)
    point.update({w: lesson.values[f"{w}+"] for w in hidden})
    shown = ", ".join(hidden)
    return [
        Variant(
            "updated_weights",
            f"you used the updated weights ({shown} after the update) in the hidden layer's "
            "chain rule; every gradient is taken with the original weights, before any "
            "weight changes (the post's printed results have the same slip)",
            value_at(expr, point),
            details={"weights": tuple(hidden)},
        )
    ]


def _is_later(weight: str, step: str, names) -> bool:
    """``weight`` belongs to a layer after the one ``step`` differentiates for."""
    layer_of = {w: k for k, layer in enumerate(names.weight_matrix) for row in layer for w in row}
    own = [layer_of[w] for w in names.weights if step.endswith(f"/d{w}")]
    hidden = [n for layer in names.neurons[1:-1] for n in layer]
    if not own and any(step.endswith(f"/dout_{h}") for h in hidden):
        h = step.rsplit("dout_", 1)[1]
        own = [next(k for k, ns in enumerate(names.neurons) if h in ns) - 1]
    return bool(own) and layer_of[weight] > own[0]


def _update_number_variants(p: str, config, lesson) -> list[Variant]:
    values = lesson.values
    w, g, eta = values[p], values[f"dE_total/d{p}"], values["eta"]
    result = [
        Variant(
            "no_learning_rate",
            f"the learning rate is not applied: {p}+ = {p} - eta * dE_total/d{p} "
            f"with eta = {eta:g}",
            w - g,
        ),
        Variant("sign", update_sign_message(p), w + eta * g),
        Variant(
            "step_only",
            f"that is the step eta * dE_total/d{p}; {p}+ is {p} minus the step",
            eta * g,
        ),
    ]
    for v in number_variants(f"dE_total/d{p}", config, lesson):
        if v.mistake != "sign":
            result.append(in_gradient(v, value=w - eta * v.value))
    return result


def _error_after(config, lesson, scale: float) -> float:
    """E_total after moving every updated parameter by ``-scale * gradient``."""
    from ..passes import forward

    network = config.network
    names = network.names
    moved = names.parameters if config.update_biases else names.weights
    changes = {p: lesson.values[p] - scale * lesson.values[f"dE_total/d{p}"] for p in moved}
    return forward(network.with_parameters(changes), config.inputs, config.targets)["E_total"]


def _after_number_variants(config, lesson) -> list[Variant]:
    eta = lesson.values["eta"]
    result = [
        Variant(
            "no_update",
            "that is E_total before the update; do the forward pass again with the new weights",
            lesson.values["E_total"],
        ),
        Variant(
            "no_learning_rate",
            "the learning rate is not applied: each weight moves by eta * its gradient",
            _error_after(config, lesson, 1.0),
        ),
        Variant(
            "sign",
            "the weights moved the wrong way: each moves against its gradient",
            _error_after(config, lesson, -eta),
        ),
    ]
    if config.hidden_uses == "original":
        updated = _lesson(config.replace(hidden_uses="updated")).values["E_total+"]
        result.append(
            Variant(
                "updated_weights",
                "the hidden weights were updated with gradients taken with the already "
                "updated output weights; every gradient is taken before any weight changes "
                "(this is the slip behind the post's printed 0.291027924)",
                updated,
            )
        )
    return result
