"""Number answers: the slips a student makes are named, nothing wrong passes.

Each wrong value here is computed independently in the test (from the
lesson's values or a forward pass of a changed network), then typed to the
digits the exercise asks for.
"""

from __future__ import annotations

import math

import pytest

from mazur_nn import mazur_example
from mazur_nn.core.passes import forward
from mazur_nn.course.steps import build_lesson
from mazur_nn.exercises.bank import all_exercises, exercise
from mazur_nn.exercises.checking import check_number
from mazur_nn.exercises.quiz import quiz_config, quiz_exercises
from mazur_nn.exercises.slips import number_variants

VALUES = build_lesson(mazur_example()).values


def typed(value: float, exercise_digits: int) -> str:
    """``value`` as a student types it, to the digits asked for."""
    return f"{value:#.{exercise_digits}g}"


def test_another_quantity_is_named():
    ex = exercise("02-dE_total_dw5")
    feedback = check_number(ex, typed(VALUES["dE_total/dw6"], 4))
    assert feedback.mistake == "other_quantity"
    assert "that is the value of dE_total/dw6" in feedback.message


def test_a_weight_left_as_it_was_is_not_called_rounding():
    ex = exercise("04-w1_plus")
    feedback = check_number(ex, typed(VALUES["w1"], ex.digits))
    assert feedback.mistake == "no_update"


def test_the_gradient_of_a_neighbouring_weight_is_named_and_needs_more_digits():
    ex = exercise("04-w5_plus")
    slip = VALUES["w5"] - VALUES["eta"] * VALUES["dE_total/dw6"]  # 0.358666 vs 0.358916
    assert ex.digits >= 4
    feedback = check_number(ex, typed(slip, ex.digits))
    assert feedback.mistake == "wrong_gradient" and "dE_total/dw6" in feedback.message


def test_forward_slips_bias_and_swapped_inputs():
    ex = exercise("01-out_h1")
    sigmoid = lambda x: 1 / (1 + math.exp(-x))  # noqa: E731
    no_bias = sigmoid(VALUES["w1"] * VALUES["i1"] + VALUES["w2"] * VALUES["i2"])
    swapped = sigmoid(VALUES["w1"] * VALUES["i2"] + VALUES["w2"] * VALUES["i1"] + VALUES["b1"])
    assert check_number(ex, typed(no_bias, ex.digits)).mistake == "missing_bias"
    feedback = check_number(ex, typed(swapped, ex.digits))
    assert feedback.mistake == "swapped_inputs" and "w1*i2 + w2*i1 + b1" in feedback.message


def test_updating_only_one_layer_is_named():
    example = mazur_example()
    ex = exercise("04-E_total_plus")
    outputs_only = {w: VALUES[w] - 0.5 * VALUES[f"dE_total/d{w}"] for w in ("w5", "w6", "w7", "w8")}
    network = example.network.with_parameters(outputs_only)
    error = forward(network, example.inputs, example.targets)["E_total"]
    feedback = check_number(ex, typed(error, ex.digits + 1))
    assert feedback.mistake == "partial_update" and "output layer" in feedback.message


def test_rounding_is_only_a_few_units_of_the_last_digit():
    ex = exercise("03-dE_total_dw1")
    exact = VALUES["dE_total/dw1"]  # 0.000438568
    assert check_number(ex, "0.0004385").mistake == "rounding"  # cut, not rounded
    assert check_number(ex, "0.0004381").mistake == "close"  # too far for rounding alone
    assert check_number(ex, typed(exact * 1.2, 4)).mistake == "off"


def test_the_post_is_mentioned_only_for_the_posts_own_numbers():
    post = [v for v in number_variants("E_total+") if v.mistake == "updated_weights"]
    assert "0.291027924" in post[0].message
    quiz = number_variants("E_total+", quiz_config(7))
    assert all("post" not in v.message for v in quiz)
    gradient = number_variants("dE_total/dw1")
    assert all("post" not in v.message for v in gradient)  # the post's dw1 is right


def test_slips_that_coincide_at_the_digits_typed_are_all_named():
    config = quiz_config(6)
    ex = next(e for e in quiz_exercises(6) if e.step == "w5+")
    values = build_lesson(config).values
    flipped = values["w5"] + 0.5 * values["dE_total/dw5"]
    feedback = check_number(ex, typed(flipped, ex.digits), config)
    assert "more than one slip" in feedback.message
    assert feedback.mistake == "sign" and feedback.details["also"]


def test_an_answer_of_exactly_zero_can_be_given():
    config = mazur_example().with_parameters({"w5": 0.0})
    ex = next(e for e in all_exercises(config) if e.step == "dE_o1/dout_h1")
    for text in ("0", "0.0", "-0", "0e0"):
        assert check_number(ex, text, config).correct, text


def test_the_exact_value_is_right_whatever_the_digits_asked_for():
    config = quiz_config(7)
    ex = next(e for e in quiz_exercises(7) if e.step == "net_h1")
    exact = build_lesson(config).values["net_h1"]
    assert check_number(ex, repr(exact), config).correct


@pytest.mark.parametrize("seed", range(0, 3000, 7))
def test_quiz_weights_are_never_zero(seed):
    assert all(w != 0 for w in quiz_config(seed).network.weights)


def test_a_unicode_minus_is_a_minus():
    ex = exercise("02-dE_total_dw5")
    assert check_number(ex, "\u22120.08217").mistake == "sign"


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("0.09", "10% too large"),
        ("0.0026", "about 32 times too small"),
        ("0.1643", "2 times too large"),
        ("-0.110", "the sign is wrong, and the size is 34% too large"),
    ],
)
def test_how_far_off_in_words_a_student_can_act_on(text, said):
    feedback = check_number(exercise("02-dE_total_dw5"), text)
    assert feedback.mistake == "off" and said in feedback.message, feedback.message


def test_an_update_cut_to_fewer_digits_is_rounding_not_zero_percent_off():
    ex = exercise("04-w5_plus")  # 0.35891648
    feedback = check_number(ex, "0.358")
    assert feedback.mistake == "rounding" and "0%" not in feedback.message


@pytest.mark.parametrize("text", ["0,0822", "8,2167e-2", "-0,08"])
def test_a_decimal_comma_is_explained_with_or_without_an_exponent(text):
    feedback = check_number(exercise("02-dE_total_dw5"), text)
    assert feedback.mistake == "malformed"
    assert f"({text.replace(',', '.')}, not {text})" in feedback.message


def test_a_vague_number_is_not_taken_for_another_quantity():
    feedback = check_number(exercise("02-dE_total_dw5"), "0.3")  # w4+ is 0.2995...
    assert feedback.mistake == "off"
