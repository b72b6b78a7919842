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
import re

from mazur_nn.exercises.bank import _config, _lesson
from mazur_nn.exercises.feedback import Variant
from mazur_nn.exercises.points import close, value_at
from mazur_nn.exercises.wrong_formulas import (
    _layer_of,
    formula_variants,
    in_gradient,
    update_sign_message,
)


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
        found += _forward_number_variants(step, config, lesson)
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
    from mazur_nn.symbolic.model import for_network

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
            "weight changes",
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
    result.append(Variant("no_update", f"that is {p} itself; {p}+ = {p} - eta * dE_total/d{p}", w))
    for v in number_variants(f"dE_total/d{p}", config, lesson):
        if v.mistake != "sign":
            result.append(in_gradient(v, value=w - eta * v.value))
    layers = [
        tuple(w for row in layer for w in row) for layer in config.network.names.weight_matrix
    ]
    for q in next(ws for ws in layers if p in ws):
        if q != p:
            result.append(
                Variant(
                    "wrong_gradient",
                    f"that moves {p} by dE_total/d{q}, the gradient of {q}; {p}+ uses its "
                    f"own gradient: {p} - eta * dE_total/d{p}",
                    w - eta * values[f"dE_total/d{q}"],
                    details={"gradient": f"dE_total/d{q}"},
                )
            )
    return result


def other_quantities(step: str, config=None, lesson=None) -> dict[str, float]:
    """The lesson's other computed quantities (forward values, chain-rule
    factors, gradients, updates), by name: a number that matches one of
    them is that quantity, not ``step``. Parameters, inputs, targets and
    the ``dnet/d...`` factors (each equal to one of those) are left out.

    >>> others = other_quantities("dE_total/dw5")
    >>> round(others["dE_total/dw6"], 9), "w5" in others, "dE_total/dw5" in others
    (0.082667628, False, False)
    """
    config = _config(config)
    lesson = lesson or _lesson(config)
    names = config.network.names
    given = {*names.parameters, *names.neurons[0], *names.targets, "eta"}
    return {
        name: value
        for name, value in lesson.values.items()
        if name != step and name not in given and not name.startswith("dnet_")
    }


def _forward_number_variants(step: str, config, lesson) -> list[Variant]:
    """A net input or output with the bias left out, or with the inputs
    paired with the wrong weights (the first input with the second weight)."""
    from mazur_nn.core.functions import get_activation

    match = re.fullmatch(r"(net|out)_(\w+)", step)
    names = config.network.names
    if not match or match[2] in names.neurons[0]:
        return []
    kind, n = match.groups()
    layer = _layer_of(n, names)
    row = names.weight_matrix[layer - 1][names.neurons[layer].index(n)]
    carried = [x if layer == 1 else f"out_{x}" for x in names.neurons[layer - 1]]
    values = lesson.values
    b, net = names.bias_of[n], values[f"net_{n}"]
    swapped = sum(values[w] * values[x] for w, x in zip(row, reversed(carried))) + values[b]
    activation = get_activation(config.network.activations[layer - 1]).value

    def shown(value: float) -> float:
        return value if kind == "net" else activation(value)

    right = " + ".join(f"{w}*{x}" for w, x in zip(row, carried))
    wrong = " + ".join(f"{w}*{x}" for w, x in zip(row, reversed(carried)))
    result = [
        Variant("missing_bias", f"the bias {b} is left out of net_{n}", shown(net - values[b]))
    ]
    if len(row) > 1:
        result.append(
            Variant(
                "swapped_inputs",
                f"each weight is paired with the wrong input: {wrong} + {b} instead of "
                f"net_{n} = {right} + {b}",
                shown(swapped),
            )
        )
    return result


def _error_after(config, lesson, scale: float, only=None) -> float:
    """E_total after moving every updated parameter (or those in ``only``)
    by ``-scale * gradient``."""
    from mazur_nn.core.passes import forward

    network = config.network
    names = network.names
    moved = names.parameters if config.update_biases else names.weights
    moved = [p for p in moved if only is None or p in only]
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
        post = _is_mazur(config)
        result.append(
            Variant(
                "updated_weights",
                "the hidden weights were updated with gradients taken with the already "
                "updated output weights; every gradient is taken before any weight changes"
                + (" (this is the slip behind the post's printed 0.291027924)" if post else ""),
                updated,
            )
        )
    names = config.network.names
    last = {w for row in names.weight_matrix[-1] for w in row}
    for only, which in ((last, "output"), (set(names.weights) - last, "hidden")):
        result.append(
            Variant(
                "partial_update",
                f"only the {which} layer's weights were updated; one round updates every "
                "weight, each by its own gradient",
                _error_after(config, lesson, eta, only),
            )
        )
    return result


def _is_mazur(config) -> bool:
    """``config`` is the post's own example (its printed numbers apply)."""
    from mazur_nn.core.config import mazur_example

    return config.to_dict() == mazur_example().to_dict()
