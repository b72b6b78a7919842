"""Number answers: the forms a student types, and the tolerance their digits give."""

import pytest

from mazur_nn.exercises.typed.answers import (
    format_half_unit,
    matches,
    parse_answer,
    significant_digits_needed,
    tolerance_text,
)

DW5 = 0.08216704056423078  # dE_total/dw5, exact (float64)


@pytest.mark.parametrize(
    "text, value, decimals, significant",
    [
        ("0.0822", 0.0822, 4, 3),
        ("8.2167e-2", 0.082167, 6, 5),
        ("-0.019", -0.019, 3, 2),
        (".5", 0.5, 1, 1),
        ("+3", 3.0, 0, 1),
        (" 0.08216704 ", 0.08216704, 8, 7),
        ("1.5E3", 1500.0, -2, 2),
    ],
)
def test_forms_a_student_types(text, value, decimals, significant):
    answer = parse_answer(text)
    assert answer.value == pytest.approx(value)
    assert (answer.decimals_shown, answer.significant) == (decimals, significant)


@pytest.mark.parametrize(
    "text, half",
    [("0.0822", 5e-5), ("8.2167e-2", 5e-7), ("0.08216704", 5e-9), ("+3", 0.5), ("1.5e3", 50)],
)
def test_tolerance_is_half_a_unit_of_the_last_digit(text, half):
    answer = parse_answer(text)
    assert half <= answer.tolerance <= half * (1 + 1e-9) + 1e-11


def test_right_within_the_tolerance_and_not_beyond():
    assert matches(parse_answer("0.0822"), DW5)
    assert matches(parse_answer("8.2167e-2"), DW5)
    assert matches(parse_answer("0.08216704"), DW5)
    assert not matches(parse_answer("0.0821"), DW5)
    assert not matches(parse_answer("0.082168"), DW5)
    assert matches(parse_answer("-0.019"), -0.0190491183)


def test_the_floor_absorbs_float_noise_only():
    answer = parse_answer("0.3")
    assert matches(answer, 0.1 + 0.2)  # 0.30000000000000004
    assert not matches(parse_answer("0.30"), 0.306)


def test_tolerance_text_for_the_prompt():
    assert tolerance_text(parse_answer("0.0822")) == (
        "your answer counts as right within ± 0.00005, half a unit of its last digit"
    )
    assert "± 5e-07" in tolerance_text(parse_answer("8.2167e-2"))
    assert format_half_unit(0) == "0.5"


@pytest.mark.parametrize(
    "text", ["", "   ", "abc", "0.1.2", "1e", "__import__('os')", "2*3", "nan", "inf", "1e999"]
)
def test_not_a_number_gets_a_message_naming_the_field(text):
    with pytest.raises((TypeError, ValueError), match="^answer: "):
        parse_answer(text)


def test_digits_needed_separate_the_right_value_from_the_slips():
    assert significant_digits_needed(0.082167, [0.4398, -0.082167]) == 3
    assert significant_digits_needed(0.291027774, [0.291027924]) == 7
    assert significant_digits_needed(1.0, [1.0]) == 3  # the same value: no difference to show
    assert significant_digits_needed(1.0, [1.0 + 1e-9]) == 3  # negligible
    assert significant_digits_needed(1.0, [1.0 + 2e-7]) == 7  # capped
    # -1.00 (3 digits of the slip -1.00488) must not pass for -0.99585
    assert significant_digits_needed(-0.99585, [-1.00488]) == 4
