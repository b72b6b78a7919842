"""A mini-batch's round as a report: each example's passes, the means, the
one update, and stochastic gradient descent beside it (JSON-ready data;
:mod:`mazur_nn.render.handouts` writes it, ``mazur-nn report --config
batch.json`` prints it).

Each entry of ``examples`` is the one-example report's forward pass,
errors, gradients and chain-rule factors (with sympy's formulas) for that
example (:func:`mazur_nn.course.report.build_report`); ``batch`` holds the
batch error and the mean gradients, ``steps`` the batch's equations as the
lesson writes them (:func:`mazur_nn.course.batch.build_batch_lesson`),
``stochastic`` one update per example, in order.

>>> from mazur_nn.core.batch import mazur_batch
>>> report = build_batch_report(mazur_batch())
>>> [round(e["gradients"]["w5"], 9) for e in report["examples"]]
[0.082167041, 0.027965264, 0.064494915]
>>> round(report["batch"]["gradients"]["w5"], 9), round(report["updated"]["w5"], 9)
(0.058209073, 0.370895463)
"""

from __future__ import annotations

from mazur_nn.core import batch
from mazur_nn.core.config import Config
from mazur_nn.course.batch import build_batch_lesson
from mazur_nn.course.report import build_report, options_of

# What each example's entry keeps of its one-example report (its own
# update is not the batch's, so it is left out).
EXAMPLE_KEYS = ("inputs", "targets", "forward", "error", "gradients", "chain", "formulas")
STEP_KEYS = ("name", "title", "section", "formula", "numbers", "latex", "latex_numbers", "value")


def build_batch_report(config: Config, rounds: int | None = None) -> dict:
    """Everything one round of batch gradient descent computes for
    ``config``; with ``rounds``, also that many rounds of batch and of
    stochastic gradient descent (``training``)."""
    m = len(config.examples)
    lesson = build_batch_lesson(config)
    gradients = lesson.gradients or batch.backward(config)
    examples = []
    for k in range(m):
        single = build_report(config.example(k))
        examples.append({key: single[key] for key in EXAMPLE_KEYS})
    stochastic = [
        {
            "example": s.example + 1,
            "gradients": dict(s.gradients.gradients),
            "updated": dict(s.network.parameters),
            "E_batch": batch.error(s.network, config.examples),
        }
        for s in batch.stochastic(config)
    ]
    names = config.network.names
    report = {
        "config": config.to_dict(),
        "options": options_of(config),
        "parameters": dict(config.network.parameters),
        "examples": examples,
        "batch": {
            "m": m,
            "errors": list(gradients.errors),
            "E_batch": gradients.E_total,
            "gradients": dict(gradients.gradients),
        },
        "steps": [
            {key: getattr(s, key) for key in STEP_KEYS}
            for s in lesson.steps
            if lesson.example_of(s) is None
        ],
        "updated": {p: lesson.values[f"{p}+"] for p in names.parameters},
        "error_after_update": lesson.values["E_batch+"],
        "stochastic": stochastic,
    }
    if rounds is not None:
        report["training"] = {
            "rounds": rounds,
            **{
                mode: {"E_batch": batch.train(config, rounds, mode).E_total} for mode in batch.MODES
            },
        }
    return report
