"""Every exercise, slip and hint works for any activation of the registry
(the registry may grow: each entry is read generically). A number is
always right as its value; a formula is, where the grammar can write it
(a relu's slope is a Piecewise the grammar has no words for)."""

import pytest

import mazur_nn
from mazur_nn.core.functions import ACTIVATIONS
from mazur_nn.exercises.bank import all_exercises, exercises_for
from mazur_nn.exercises.hints import HINT_LEVELS, hints
from mazur_nn.exercises.scripted import try_answers


@pytest.mark.parametrize("output", ["sigmoid", "same"])
@pytest.mark.parametrize("activation", ACTIVATIONS)
def test_every_exercise_has_hints_and_feedback(activation, output):
    # the softmax may only be an output layer's: then the hidden layer is a sigmoid
    hidden = "sigmoid" if ACTIVATIONS[activation].layerwise else activation
    config = mazur_nn.Config.from_dict(
        {
            "layers": [2, 2, 2],
            "activations": [hidden, activation if output == "same" else output],
            "inputs": [0.05, 0.10],
            "targets": [0.01, 0.99],
            "seed": 3,
        }
    )
    further = ()
    if ACTIVATIONS[config.network.activations[-1]].layerwise:
        further = exercises_for("14", config)
    for ex in (*all_exercises(config), *further):
        assert all(hints(ex, config, level) for level in HINT_LEVELS)
        tried = try_answers(ex, config=config)
        assert all(a.feedback.message for a in tried.attempts)
        if ex.kind == "number" or "Piecewise" not in tried.attempts[0].text:
            assert tried.attempts[0].feedback.correct, (ex.id, tried.attempts[0])
