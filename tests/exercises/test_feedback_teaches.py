"""Feedback teaches without telling (issue 13, part 3).

A wrong answer names its slip when the checker knows it, but neither the
right formula nor the right value: those come on the last rung of the
hint ladder, or after a solve. A number cut off instead of rounded is told
to round, before any slip whose value the same digits happen to fit.
"""

import math
from collections import Counter

import pytest

from mazur_nn.core.numbers import format_number
from mazur_nn.exercises import check, exercise, expected_value, formula_text
from mazur_nn.exercises.expressions import expected_expression
from mazur_nn.exercises.quiz import quiz_config, quiz_exercises
from mazur_nn.exercises.typed.answers import rounded_text
from mazur_nn.widgets.stepper import agreement

SWEEP_SEEDS = range(80)


def cut(value: float, digits: int) -> str:
    """``value`` with every digit after the ``digits``-th significant one
    dropped, not rounded: what a student who cuts types."""
    exponent = math.floor(math.log10(abs(value)))
    decimals = max(digits - 1 - exponent, 0)
    scale = 10**decimals
    return f"{math.trunc(value * scale) / scale:.{decimals}f}"


def _right_formula(ex) -> str:
    return formula_text(expected_expression(ex.step))


def _assert_tells_nothing(feedback, ex, typed=""):
    """Wrong, and neither the right formula nor the right value is in the
    message (but for what the student typed, quoted back)."""
    assert not feedback.correct, feedback
    message = feedback.message
    for quoted in filter(None, {typed, typed.replace(",", ".")}):
        message = message.replace(quoted, "")
    if ex.kind == "formula":
        right = _right_formula(ex)
        assert right not in message, feedback
        assert right.replace(" ", "") not in message.replace(" ", ""), feedback
    else:
        value = expected_value(ex)
        for shown in {format_number(value), rounded_text(value, ex.digits)}:
            assert shown not in message, feedback


# -- the cut-answer sweep ------------------------------------------------------------------


def test_a_cut_answer_is_told_to_round_and_of_no_slip_it_did_not_make():
    said = Counter()
    wrongly_named = []
    for seed in SWEEP_SEEDS:
        config = quiz_config(seed)
        for ex in quiz_exercises(seed):
            value = expected_value(ex, config)
            typed = cut(value, ex.digits)
            feedback = check(ex, typed, config)
            if feedback.correct:  # the cut digits are the rounded ones too
                said["right"] += 1
                continue
            said[feedback.mistake] += 1
            if feedback.mistake != "rounding":
                wrongly_named.append((seed, ex.step, typed, feedback.message))
            else:
                assert "round" in feedback.message and "cut" in feedback.message
                _assert_tells_nothing(feedback, ex)
    assert len(SWEEP_SEEDS) * 13 == sum(said.values())
    assert said["rounding"] >= 400, said  # the sweep tries enough cut answers to mean something
    assert wrongly_named == [], f"{len(wrongly_named)} cut answers told of another slip"


def test_a_cut_answer_with_too_few_digits_asks_for_more_and_to_round():
    feedback = check(exercise("04-w5_plus"), "0.358")  # w5+ = 0.35891648, 4 digits asked
    assert feedback.mistake == "rounding"
    assert "at least 4 significant digits" in feedback.message and "round" in feedback.message
    assert "0.3589" not in feedback.message


# -- the listed messages -------------------------------------------------------------------


def test_the_sigmoids_slope_with_a_plus_names_the_sign_without_the_formula():
    ex = exercise("02-dout_o1_dnet_o1")
    feedback = check(ex, "out_o1*(1+out_o1)")
    assert feedback.mistake == "sigmoid_derivative"
    assert "slope is out*(1 - out): check the sign inside" in feedback.message
    assert "out_o1*(1 - out_o1)" not in feedback.message
    _assert_tells_nothing(feedback, ex)


def test_a_missing_bracket_is_not_a_constant_factor_of_0():
    ex = exercise("02-dout_o1_dnet_o1")
    feedback = check(ex, "out_o1 * 1 - out_o1")
    assert feedback.mistake == "constant"
    assert "factor of 0" not in feedback.message
    assert "is 0 whatever the numbers" in feedback.message and "brackets" in feedback.message
    _assert_tells_nothing(feedback, ex)


@pytest.mark.parametrize(
    "text",
    ["delta_o1*w5 + delta_o2*w7", "w7*delta_o2 + w5*delta_o1", "delta_o1*w5 + w7*delta_o2"],
)
def test_delta_is_a_name_in_the_hidden_layer_lesson(text):
    ex = exercise("03-dE_total_dout_h1")
    assert "delta_o1" in ex.names and "delta_o2" in ex.prompt
    assert check(ex, text).correct


def test_a_slip_written_with_delta_is_named_too():
    ex = exercise("03-dE_total_dout_h1")
    feedback = check(ex, "delta_o1*w5")
    assert feedback.mistake == "missing_path"
    _assert_tells_nothing(feedback, ex)


def test_delta_before_it_is_taught_is_refused_without_the_answer():
    ex = exercise("02-dout_o1_dnet_o1")
    assert "delta_o1" not in ex.names
    feedback = check(ex, "delta_o1/(out_o1 - t1)")
    assert feedback.mistake == "malformed" and "cannot be typed in this answer" in feedback.message
    _assert_tells_nothing(feedback, ex)


@pytest.mark.parametrize(
    "text, meant",
    [("out_01 - t1", "out_o1"), ("Out_o1 - t1", "out_o1"), ("out_o1 - t_1", "t1")],
)
def test_a_look_alike_name_gets_did_you_mean(text, meant):
    ex = exercise("02-dE_total_dout_o1")
    feedback = check(ex, text)
    assert feedback.mistake == "malformed"
    assert f"did you mean {meant}?" in feedback.message
    assert "net_h1" not in feedback.message  # not the list of every name
    _assert_tells_nothing(feedback, ex)


def test_the_digit_zero_for_the_letter_o_says_so():
    feedback = check(exercise("02-dE_total_dout_o1"), "out_01 - t1")
    assert "(the letter o, not the digit 0)" in feedback.message


def test_a_name_nothing_resembles_still_lists_the_names():
    feedback = check(exercise("02-dE_total_dout_o1"), "foo - t1")
    assert "did you mean" not in feedback.message and "net_h1" in feedback.message


@pytest.mark.parametrize("text, name", [("out_o1 - 0.01", "t1"), ("0.7514 - t1", "out_o1")])
def test_a_value_typed_for_its_name_is_told_to_write_the_name(text, name):
    ex = exercise("02-dE_total_dout_o1")
    feedback = check(ex, text)
    assert feedback.mistake == "value_for_name" and feedback.details == {"name": name}
    assert f"write the name {name} rather than its value" in feedback.message
    _assert_tells_nothing(feedback, ex)


def test_an_update_step_says_one_value_properly():
    assert agreement({"engine": 0.3589}).startswith("One value (engine)")
    assert "1 independent values" not in agreement({"engine": 0.3589})
    assert agreement({"engine": 1.0, "sympy": 1.0}).startswith("2 independent values agree")


# -- every named slip of every exercise ----------------------------------------------------


@pytest.mark.parametrize(
    "exercise_id",
    [f"{lesson}-{step}" for lesson, step in [("01", "E_total"), ("02", "dE_total_dout_o1")]]
    + ["02-dout_o1_dnet_o1", "03-dE_total_dout_h1"],
)
def test_no_wrong_formula_is_told_the_right_one(exercise_id):
    from mazur_nn.exercises import typical_answers

    ex = exercise(exercise_id)
    for text in typical_answers(ex)[2:]:  # the first two are right
        feedback = check(ex, text)
        if not feedback.correct:
            _assert_tells_nothing(feedback, ex, text)


@pytest.mark.parametrize(
    "exercise_id",
    ["01-out_h1", "01-E_o1", "02-dE_total_dw5", "03-dE_o1_dout_h1", "03-dE_total_dw1"]
    + ["04-w5_plus", "04-w1_plus", "04-E_total_plus"],
)
def test_no_wrong_number_is_told_the_right_value(exercise_id):
    from mazur_nn.exercises import typical_answers

    ex = exercise(exercise_id)
    for text in typical_answers(ex):
        feedback = check(ex, text)
        if not feedback.correct:
            _assert_tells_nothing(feedback, ex, text)


@pytest.mark.parametrize("exercise_id", ["02-dE_total_dw5", "03-dE_total_dw1", "04-w5_plus"])
@pytest.mark.parametrize("relative", [-3e-3, -7.7e-5, 2e-4, 8e-3])
def test_a_near_miss_says_how_close_but_not_by_how_much(exercise_id, relative):
    """A number just off is told the direction and a power of ten (in
    percent), never a difference from which the value could be worked back."""
    ex = exercise(exercise_id)
    value = expected_value(ex)
    typed = format_number(value * (1 + relative), 9)
    feedback = check(ex, typed)
    _assert_tells_nothing(feedback, ex, typed)
    message = feedback.message
    assert ("too small" if relative < 0 else "too large") in message, message
    difference = abs(float(typed) - value)
    for shown in {f"{difference:.2g}", f"{difference:.3g}", f"{abs(relative) * 100:.2g}%"}:
        assert shown not in message, message
