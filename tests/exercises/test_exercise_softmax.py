"""Lesson 14's exercises on a softmax output layer: right answers in any
equal form, the softmax's slips named (treating the outputs as independent,
a forgotten path, the diagonal's slope off the diagonal, the sign), and no
message that gives the answer away. Checked on Mazur's network with a
softmax output and on students' own numbers (lesson_config("14", seed))."""

import pytest

from mazur_nn import mazur_example, mazur_softmax_example
from mazur_nn.core.numbers import format_number
from mazur_nn.exercises import check, exercises_for, formula_text, hints
from mazur_nn.exercises.expressions import expected_expression
from mazur_nn.exercises.hints import HINT_LEVELS
from mazur_nn.exercises.progress import ProgressStore
from mazur_nn.exercises.typed.answers import rounded_text
from mazur_nn.exercises.variant import lesson_config, parse_progress_key, progress_key
from mazur_nn.exercises.widget import ExercisePanel

CONFIGS = [mazur_softmax_example(), *(lesson_config("14", seed) for seed in (1, 7, 42))]


def by_step(config):
    return {e.step: e for e in exercises_for("14", config)}


def assert_names_slip(exercise, typed, config, mistake, right=None):
    feedback = check(exercise, typed, config)
    assert not feedback.correct and feedback.mistake == mistake, (typed, feedback)
    message = feedback.message.replace(typed, "")
    if exercise.kind == "formula":
        written = formula_text(expected_expression(exercise.step, config))
        for shown in (written, right or written):
            assert shown.replace(" ", "") not in message.replace(" ", ""), feedback
    else:
        value = config.backward().gradients["w5"]
        assert format_number(value) not in message and rounded_text(value, 3) not in message


def test_the_lesson_asks_for_the_jacobian_the_sum_and_a_gradient():
    assert [e.id for e in exercises_for("14")] == [
        "14-dout_o2_dnet_o1",
        "14-dE_total_dnet_o1",
        "14-dE_total_dw5",
    ]
    assert all("delta_o1" not in e.names for e in exercises_for("14"))  # no answer by name
    with pytest.raises(ValueError, match="^config: lesson 14's exercises need a softmax output"):
        exercises_for("14", mazur_example())


@pytest.mark.parametrize("config", CONFIGS, ids=lambda c: str(c.targets))
def test_right_answers_in_any_equal_form(config):
    ex, values = by_step(config), config.backward()
    forward = values.forward
    jacobian = ex["dout_o2/dnet_o1"]
    assert check(jacobian, "-out_o1*out_o2", config).correct
    assert check(jacobian, "out_o2*(0 - out_o1)", config).correct
    total = ex["dE_total/dnet_o1"]
    assert check(total, "out_o1 - t1", config).correct  # the shortcut
    paths = "(-t1/out_o1)*out_o1*(1 - out_o1) + (-t2/out_o2)*(-out_o2*out_o1)"
    assert check(total, paths, config).correct  # the chain rule's sum
    assert check(total, "delta_o1", config).mistake == "malformed"  # not a name here
    gradient = ex["dE_total/dw5"]
    typed = rounded_text(values.gradients["w5"], gradient.digits)
    assert check(gradient, typed, config).correct
    assert forward["out_o1"] + forward["out_o2"] == pytest.approx(1.0, abs=1e-15)


@pytest.mark.parametrize("config", CONFIGS, ids=lambda c: str(c.targets))
def test_the_softmax_slips_are_named(config):
    ex = by_step(config)
    jacobian, total, gradient = (
        ex["dout_o2/dnet_o1"],
        ex["dE_total/dnet_o1"],
        ex["dE_total/dw5"],
    )
    assert_names_slip(jacobian, "0", config, "independent_outputs")
    assert_names_slip(jacobian, "out_o2*(1 - out_o2)", config, "own_slope")
    assert_names_slip(total, "-t1*(1 - out_o1)", config, "independent_outputs", "out_o1 - t1")
    assert_names_slip(
        total, "(-t1/out_o1)*out_o1*(1 - out_o1)", config, "independent_outputs", "out_o1 - t1"
    )
    assert_names_slip(total, "t2*out_o1", config, "missing_path", "out_o1 - t1")
    assert_names_slip(total, "t1 - out_o1", config, "sign", "out_o1 - t1")
    # the same slips in the gradient's number, made on this network's values
    v = config.forward()
    t1, t2 = config.targets
    out_h1, out_o1 = v["out_h1"], v["out_o1"]
    own_only = -t1 * (1 - out_o1) * out_h1
    other_only = t2 * out_o1 * out_h1
    right = config.backward().gradients["w5"]
    for value, mistake in ((own_only, "independent_outputs"), (other_only, "missing_path")):
        assert abs(value - right) > 1e-3 * abs(right)  # a slip that changes the answer
        assert_names_slip(gradient, rounded_text(value, 4), config, mistake)
    assert_names_slip(gradient, rounded_text(-right, 4), config, "sign")


@pytest.mark.parametrize("config", CONFIGS[:2], ids=lambda c: str(c.targets))
def test_hints_climb_to_the_worked_solution(config):
    for exercise in exercises_for("14", config):
        ladder = [hints(exercise, config, level) for level in HINT_LEVELS]
        assert all(ladder) and len(set(ladder)) == len(ladder)
    first = hints(by_step(config)["dE_total/dnet_o1"], config, 1)
    assert "dE_total/dnet_o1 via o1 + dE_total/dnet_o1 via o2" in first
    second = hints(by_step(config)["dout_o2/dnet_o1"], config, 2)
    assert "differentiate it with respect to net_o1" in second


def test_panel_on_a_students_own_softmax_numbers(tmp_path):
    panel = ExercisePanel("14", store=ProgressStore(tmp_path / "progress.json"), seed=7)
    assert panel.config == lesson_config("14", 7)
    assert panel.config.network.activations == ("sigmoid", "softmax")
    assert "softmax output, cross-entropy" in panel.numbers.value
    assert sum(panel.config.targets) == pytest.approx(1.0, abs=1e-12)
    key = progress_key("14-dE_total_dw5", 7)
    assert parse_progress_key(key) == (7, "14-dE_total_dw5")
