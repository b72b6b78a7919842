"""Known wrong numbers: a step's value computed with one slip each.

A step that has a formula gets the values of its wrong formulas
(:mod:`~mazur_nn.exercises.slips.formulas`) at the lesson's values, and,
for a hidden gradient, the value taken with the already updated weights of
the layers after it (the slip behind the post's printed results); a net
input or an output gets the bias left out and the inputs paired with the
wrong weights. An update ``w+`` gets the learning rate not applied, the
step taken the wrong way, the step alone, each slip of its gradient and
another weight's gradient; ``E_total+`` the error before the update and
after wrong updates (:mod:`~mazur_nn.exercises.slips.after`). Values equal
to the right one, or to an earlier variant, are dropped.

:func:`other_quantities` are the lesson's other numbers: a number that is
one of them is that quantity, not the step asked for.

Example
-------
>>> [(v.mistake, round(v.value, 9)) for v in number_variants("dE_total/dw5")][:2]
[('missing_factor', 0.110832091), ('missing_factor', 0.439829649)]
"""

from __future__ import annotations

import math

from mazur_nn.core.config import Config
from mazur_nn.core.functions import get_activation
from mazur_nn.core.statements import source_of
from mazur_nn.course.steps import Lesson, build_lesson
from mazur_nn.exercises.chain import chain_of
from mazur_nn.exercises.model import config_or_default
from mazur_nn.exercises.slips.after import after_variants
from mazur_nn.exercises.slips.feedback import Variant, in_gradient, update_sign_message
from mazur_nn.exercises.slips.formulas import formula_variants
from mazur_nn.exercises.typed.points import close, value_at
from mazur_nn.symbolic.model import for_network


def number_variants(
    step: str, config: Config | None = None, lesson: Lesson | None = None
) -> list[Variant]:
    """The known wrong values of ``step`` for ``config``, each differing
    from the right value (``lesson``: the config's steps, if already built).

    >>> [(v.mistake, round(v.value, 9)) for v in number_variants("w1+")][:3]
    [('no_learning_rate', 0.149561432), ('sign', 0.150219284), ('step_only', 0.000219284)]
    """
    config = config_or_default(config)
    lesson = lesson or build_lesson(config)
    exact = lesson.step(step).value
    parameter = chain_of(config).updated_by(step)
    if parameter is not None:
        found = _update_variants(parameter, config, lesson)
    elif step == "E_total+":
        found = after_variants(config, lesson)
    elif step.endswith("+"):
        found = [Variant("sign", "the sign is flipped", -exact)]
    else:
        point = dict(lesson.values)
        found = [
            Variant(v.mistake, v.message, value_at(v.expr, point), details=v.details)
            for v in formula_variants(step, config)
        ]
        found += _updated_weights_variants(step, config, lesson)
        found += _forward_variants(step, config, lesson)
    result, seen = [], [exact]
    for v in found:
        if math.isfinite(v.value) and not any(close(v.value, s) for s in seen):
            result.append(v)
            seen.append(v.value)
    return result


def other_quantities(
    step: str, config: Config | None = None, lesson: Lesson | None = None
) -> dict[str, float]:
    """The lesson's other computed quantities (forward values, chain-rule
    factors, gradients, updates), by name: a number that matches one of
    them is that quantity, not ``step``. Parameters, inputs, targets and
    the factors ``dnet/d...`` (each equal to one of those) are left out.

    >>> others = other_quantities("dE_total/dw5")
    >>> round(others["dE_total/dw6"], 9), "w5" in others, "dE_total/dw5" in others
    (0.082667628, False, False)
    """
    config = config_or_default(config)
    lesson = lesson or build_lesson(config)
    names = config.network.names
    given = {*names.parameters, *names.neurons[0], *names.targets, "eta"}
    given |= chain_of(config).local_factors
    return {name: value for name, value in lesson.values.items() if name not in {step, *given}}


def _updated_weights_variants(step: str, config: Config, lesson: Lesson) -> list[Variant]:
    """A hidden gradient taken with the already updated weights of the
    layers after it (the slip behind the post's printed results)."""
    chain = chain_of(config)
    own = chain.weight_layer(step)
    if config.hidden_uses != "original" or own is None:
        return []
    expr = for_network(config.network).expression(step)
    used = {str(s) for s in expr.free_symbols}
    hidden = [
        w for w in config.network.names.weights if w in used and chain.layer_of_weight(w) > own
    ]
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


def _update_variants(p: str, config: Config, lesson: Lesson) -> list[Variant]:
    values = lesson.values
    w, g, eta = values[p], values[f"dE_total/d{p}"], values["eta"]
    result = [
        Variant(
            "no_learning_rate",
            f"the learning rate is not applied: the step is eta = {eta:g} times the gradient",
            w - g,
        ),
        Variant("sign", update_sign_message(p), w + eta * g),
        Variant(
            "step_only",
            f"that is the step eta * dE_total/d{p}; {p}+ is {p} minus the step",
            eta * g,
        ),
    ]
    result.append(
        Variant("no_update", f"that is {p} itself; {p}+ is {p} after one step down its gradient", w)
    )
    for v in number_variants(f"dE_total/d{p}", config, lesson):
        if v.mistake != "sign":
            result.append(in_gradient(v, value=w - eta * v.value))
    for q in chain_of(config).weights_of_layer(p):
        if q != p:
            result.append(
                Variant(
                    "wrong_gradient",
                    f"that moves {p} by dE_total/d{q}, the gradient of {q}; {p}+ uses its "
                    "own gradient",
                    w - eta * values[f"dE_total/d{q}"],
                    details={"gradient": f"dE_total/d{q}"},
                )
            )
    return result


def _forward_variants(step: str, config: Config, lesson: Lesson) -> list[Variant]:
    """A net input or output with the bias left out, or with the inputs
    paired with the wrong weights (the first input with the second weight)."""
    chain = chain_of(config)
    kind, n = chain.forward_of(step) or (None, None)
    if kind is None:
        return []
    names, layer = config.network.names, chain.layer[n]
    row = names.weight_matrix[layer - 1][names.neurons[layer].index(n)]
    carried = [source_of(names, layer - 1, k) for k in range(len(row))]
    values = lesson.values
    b, net = names.bias_of[n], values[f"net_{n}"]
    swapped = sum(values[w] * values[x] for w, x in zip(row, reversed(carried))) + values[b]
    activation = get_activation(chain.activation_of(n)).value

    def shown(value: float) -> float:
        return value if kind == "net" else activation(value)

    wrong = " + ".join(f"{w}*{x}" for w, x in zip(row, reversed(carried)))
    result = [
        Variant("missing_bias", f"the bias {b} is left out of net_{n}", shown(net - values[b]))
    ]
    if len(row) > 1:
        result.append(
            Variant(
                "swapped_inputs",
                f"each weight is paired with the wrong input: that is {wrong} + {b}; each "
                "weight multiplies the input its line comes from",
                shown(swapped),
            )
        )
    return result
