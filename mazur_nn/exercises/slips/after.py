"""Known wrong values of the error after one update, ``E_total+``.

Each is the forward pass done again after an update made with one slip: no
update at all, the learning rate not applied, every weight moved the wrong
way, the hidden weights updated with gradients taken with the already
updated output weights (the slip behind the post's printed 0.291027924),
or only one layer's weights updated.

Example
-------
>>> from mazur_nn import mazur_example
>>> from mazur_nn.course.steps import build_lesson
>>> config = mazur_example()
>>> [(v.mistake, round(v.value, 9)) for v in after_variants(config, build_lesson(config))][:2]
[('no_update', 0.298371109), ('no_learning_rate', 0.283618982)]
"""

from __future__ import annotations

from mazur_nn.core.config import Config, mazur_example
from mazur_nn.core.passes import forward
from mazur_nn.course.steps import Lesson, build_lesson
from mazur_nn.exercises.slips.feedback import Variant


def error_after(config: Config, lesson: Lesson, scale: float, only=None) -> float:
    """E_total after moving every updated parameter (or those in ``only``)
    by ``-scale * gradient``."""
    network = config.network
    names = network.names
    moved = names.parameters if config.update_biases else names.weights
    moved = [p for p in moved if only is None or p in only]
    changes = {p: lesson.values[p] - scale * lesson.values[f"dE_total/d{p}"] for p in moved}
    return forward(network.with_parameters(changes), config.inputs, config.targets)["E_total"]


def after_variants(config: Config, lesson: Lesson) -> list[Variant]:
    """The known wrong values of ``E_total+`` for ``config`` (``lesson``: its steps)."""
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
            error_after(config, lesson, 1.0),
        ),
        Variant(
            "sign",
            "the weights moved the wrong way: each moves against its gradient",
            error_after(config, lesson, -eta),
        ),
    ]
    if config.hidden_uses == "original":
        updated = build_lesson(config.replace(hidden_uses="updated")).values["E_total+"]
        post = config.to_dict() == mazur_example().to_dict()  # the post's printed numbers apply
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
                error_after(config, lesson, eta, only),
            )
        )
    return result
