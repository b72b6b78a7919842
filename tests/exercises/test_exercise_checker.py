"""The checker and the bank: right answers are right, each known slip is
named, malformed input gets the parser's message, and the hint ladder climbs.

Scripted attempts use Mazur's example; the wrong numbers are computed here
independently (plain arithmetic on the post's values), not taken from the
checker's own variants."""

import pytest

import mazur_nn
from mazur_nn.course.published import PUBLISHED
from mazur_nn.course.steps import build_lesson
from mazur_nn.exercises.bank import (
    LESSONS,
    all_exercises,
    exercise,
    exercises_for,
    expected_value,
)
from mazur_nn.exercises.checking import check_formula, check_number
from mazur_nn.exercises.hints import hints
from mazur_nn.exercises.slips import Feedback

CONFIG = mazur_nn.mazur_example()
V = build_lesson(CONFIG).values


def number(exercise_id, text):
    return check_number(exercise(exercise_id), text, CONFIG)


def formula(exercise_id, text):
    return check_formula(exercise(exercise_id), text, CONFIG)


# -- the bank ----------------------------------------------------------------------


def test_at_least_three_exercises_per_lesson_with_both_kinds():
    for lesson_id in LESSONS:
        exercises = exercises_for(lesson_id)
        assert len(exercises) >= 3
        assert all(e.lesson == lesson_id and e.id.startswith(lesson_id + "-") for e in exercises)
    kinds = {e.kind for e in all_exercises()}
    assert kinds == {"number", "formula"}
    assert len({e.id for e in all_exercises()}) == len(all_exercises())


def test_every_expected_value_is_the_lesson_steps_value():
    lesson = build_lesson(CONFIG)
    for e in all_exercises(CONFIG):
        assert expected_value(e, CONFIG) == lesson.step(e.step).value


def test_expected_values_follow_the_config():
    other = CONFIG.with_parameters({"w5": 0.1})
    e = exercise("02-dE_total_dw5", other)
    assert expected_value(e, other) == build_lesson(other).step("dE_total/dw5").value
    assert expected_value(e, other) != expected_value(e, CONFIG)


def test_prompts_state_the_rules():
    for e in all_exercises():
        if e.kind == "number":
            assert f"at least {e.digits} significant digits" in e.prompt
            assert "half a unit of its last digit" in e.prompt
        else:
            assert "exp, log and sigma" in e.prompt
            assert all(n in e.prompt for n in e.in_terms_of)
            assert "out_o1" in e.names and "E_o1" not in e.names
    assert exercise("01-E_total").in_terms_of == ("t1", "t2", "out_o1", "out_o2")


def test_unknown_lesson_and_exercise_are_named():
    with pytest.raises(ValueError, match="lesson_id: '05'"):
        exercises_for("05")
    with pytest.raises(ValueError, match="exercise_id: no exercise called 'x'"):
        exercise("x")


# -- right answers -------------------------------------------------------------------

# Published digits from the post (mazur_nn/course/published.py) as a student would type them.
PUBLISHED_IDS = {
    "01-out_h1": "out_h1",
    "01-E_o1": "E_o1",
    "02-dE_total_dw5": "dE_total/dw5",
    "03-dE_o1_dout_h1": "dE_o1/dout_h1",
    "03-dE_total_dw1": "dE_total/dw1",
    "04-w5_plus": "w5+",
    "04-w1_plus": "w1+",
}


@pytest.mark.parametrize("exercise_id, quantity", PUBLISHED_IDS.items())
def test_the_posts_digits_are_right(exercise_id, quantity):
    feedback = number(exercise_id, PUBLISHED[quantity])
    assert feedback.correct, feedback
    assert feedback.mistake is None


@pytest.mark.parametrize(
    "exercise_id, text",
    [
        ("02-dE_total_dw5", "0.0822"),
        ("02-dE_total_dw5", "8.2167e-2"),
        ("02-dE_total_dw5", "0.08216704"),
        ("04-E_total_plus", "0.291027774"),  # the post's own steps, original weights
        ("04-w1_plus", "0.14978"),
    ],
)
def test_right_numbers(exercise_id, text):
    assert number(exercise_id, text).correct


@pytest.mark.parametrize(
    "exercise_id, text",
    [
        ("01-E_total", "(t1 - out_o1)**2/2 + (t2 - out_o2)**2/2"),
        ("01-E_total", "1/2*((out_o1-t1)^2+(out_o2-t2)^2)"),
        ("02-dE_total_dout_o1", "out_o1 - t1"),
        ("02-dout_o1_dnet_o1", "out_o1*(1 - out_o1)"),
        ("02-dout_o1_dnet_o1", "sigma(net_o1)*(1 - sigma(net_o1))"),
        ("02-dout_o1_dnet_o1", "exp(-net_o1)/(1 + exp(-net_o1))**2"),
        (
            "03-dE_total_dout_h1",
            "(out_o1 - t1)*out_o1*(1 - out_o1)*w5 + (out_o2 - t2)*out_o2*(1 - out_o2)*w7",
        ),
    ],
)
def test_right_formulas(exercise_id, text):
    feedback = formula(exercise_id, text)
    assert feedback.correct, feedback
    assert feedback.details["method"] in ("symbolically", "numerically")


# -- each named slip, numbers -------------------------------------------------------

delta_o1 = (V["out_o1"] - 0.01) * V["out_o1"] * (1 - V["out_o1"])
delta_o2 = (V["out_o2"] - 0.99) * V["out_o2"] * (1 - V["out_o2"])
slope_h1 = V["out_h1"] * (1 - V["out_h1"])
W_NEW = {w: V[f"{w}+"] for w in ("w5", "w6", "w7", "w8")}
NUMBER_SLIPS = [
    # dE_total/dw5 without the sigmoid's derivative
    ("02-dE_total_dw5", (V["out_o1"] - 0.01) * V["out_h1"], "missing_factor"),
    ("02-dE_total_dw5", -V["dE_total/dw5"], "sign"),
    ("02-dE_total_dw5", delta_o1, "missing_factor"),  # out_h1 left out
    ("01-out_h1", 0.3775, "missing_activation"),
    ("01-E_o1", (0.01 - V["out_o1"]) ** 2, "missing_factor"),
    ("03-dE_o1_dout_h1", delta_o1 * W_NEW["w5"], "updated_weights"),
    ("03-dE_total_dw1", delta_o1 * 0.40 * slope_h1 * 0.05, "missing_path"),
    ("03-dE_total_dw1", delta_o2 * 0.50 * slope_h1 * 0.05, "missing_path"),
    (
        "03-dE_total_dw1",
        (delta_o1 * W_NEW["w5"] + delta_o2 * W_NEW["w7"]) * slope_h1 * 0.05,
        "updated_weights",
    ),
    ("04-w5_plus", 0.40 - V["dE_total/dw5"], "no_learning_rate"),
    ("04-w5_plus", 0.40 + 0.5 * V["dE_total/dw5"], "sign"),
    ("04-w1_plus", 0.15 - V["dE_total/dw1"], "no_learning_rate"),
    ("04-w1_plus", 0.149817639, "updated_weights"),  # the updated-weights variant's w1+
    ("04-E_total_plus", 0.291027924, "updated_weights"),  # the post's printed error
    ("04-E_total_plus", 0.298371109, "no_update"),
    # h2's weights (w6 = 0.45, w8 = 0.55) in the paths back to h1
    ("03-dE_o1_dout_h1", delta_o1 * 0.45, "wrong_weight"),
    ("03-dE_total_dw1", (delta_o1 * 0.45 + delta_o2 * 0.55) * slope_h1 * 0.05, "wrong_weight"),
    # the sigmoid's derivative as out(1 + out)
    (
        "02-dE_total_dw5",
        (V["out_o1"] - 0.01) * V["out_o1"] * (1 + V["out_o1"]) * V["out_h1"],
        "sigmoid_derivative",
    ),
]


@pytest.mark.parametrize("exercise_id, value, mistake", NUMBER_SLIPS)
def test_each_slip_in_a_number_is_named(exercise_id, value, mistake):
    feedback = number(exercise_id, f"{value:.9f}" if abs(value) > 1e-3 else f"{value:.6e}")
    assert not feedback.correct
    assert feedback.mistake == mistake, feedback


def test_the_missing_factor_is_named_with_its_formula():
    feedback = number("02-dE_total_dw5", "0.4398")
    assert feedback.details == {"factor": "dout_o1/dnet_o1"}
    assert "dout_o1/dnet_o1 = out_o1*(1 - out_o1), the sigmoid's derivative" in feedback.message


def test_too_few_digits_says_how_many():
    feedback = number("02-dE_total_dw5", "0.08")
    assert (feedback.correct, feedback.mistake) == (False, "too_few_digits")
    assert "at least 3 significant digits" in feedback.message
    feedback = number("04-E_total_plus", "0.291")
    assert feedback.mistake == "too_few_digits" and "at least 7" in feedback.message


def test_close_but_outside_the_tolerance_is_rounding():
    # The post's dE_o2/dout_h1-style slip: rounded intermediates change the last digits.
    feedback = number("02-dE_total_dw5", "0.08216")
    assert feedback.mistake == "rounding"
    assert "0.000005" in feedback.message


def test_otherwise_off_by_how_much():
    feedback = number("02-dE_total_dw5", "0.09")
    assert feedback.mistake == "off"
    assert "10% too large" in feedback.message
    assert feedback.details["relative"] == pytest.approx(0.0953, abs=1e-3)


@pytest.mark.parametrize("text", ["", "abc", "__import__('os')", "0.08 ; ls"])
def test_a_number_that_is_not_one_is_malformed(text):
    feedback = number("02-dE_total_dw5", text)
    assert (feedback.correct, feedback.mistake) == (False, "malformed")
    assert feedback.message.startswith("answer: ")


# -- each named slip, formulas ---------------------------------------------------------

WRONG_SLOPE = {"derivative": "dout_o1/dnet_o1"}
FORMULA_SLIPS = [
    ("02-dE_total_dout_o1", "t1 - out_o1", "sign", {}),
    ("02-dE_total_dout_o1", "2*(out_o1 - t1)", "constant_factor", {"factor": "2"}),
    (
        "02-dE_total_dout_o1",
        "(out_o1 - t1)*out_o1*(1 - out_o1)",
        "extra_factor",
        {"factor": "dout_o1/dnet_o1"},
    ),
    ("01-E_total", "(t1 - out_o1)**2/2", "missing_term", {"term": "E_o1"}),
    ("01-E_total", "(t1 - out_o1)**2 + (t2 - out_o2)**2", "missing_factor", {"factor": "1/2"}),
    (
        "03-dE_total_dout_h1",
        "(out_o2 - t2)*out_o2*(1 - out_o2)*w7",
        "missing_path",
        {"path": "dE_o2/dout_h1"},
    ),
    (
        "03-dE_total_dout_h1",
        "(out_o1 - t1)*w5 + (out_o2 - t2)*out_o2*(1 - out_o2)*w7",
        "missing_factor",
        {"factor": "dout_o1/dnet_o1", "path": "dE_o1/dout_h1"},
    ),
    (
        "03-dE_total_dout_h1",
        "(out_o1 - t1)*out_o1*(1 + out_o1)*w5 + (out_o2 - t2)*out_o2*(1 - out_o2)*w7",
        "wrong_factor",
        {"factors": ("dout_o1/dnet_o1",), "path": "dE_o1/dout_h1"},
    ),
    (
        "03-dE_total_dout_h1",
        "((out_o1 - t1)*out_o1*(1 - out_o1)*w5 + (out_o2 - t2)*out_o2*(1 - out_o2)*w7)*out_h1",
        "extra_factor",
        {"factor": "out_h1"},
    ),
    (
        "03-dE_total_dout_h1",
        "(out_o1 - t1)*out_o1*(1 - out_o1)*w6 + (out_o2 - t2)*out_o2*(1 - out_o2)*w8",
        "wrong_weight",
        {"neuron": "h2", "weights": ("w6", "w8")},
    ),
    ("02-dout_o1_dnet_o1", "out_o1*(1 + out_o1)", "sigmoid_derivative", WRONG_SLOPE),
    ("02-dout_o1_dnet_o1", "(1 + out_o1)*out_o1", "sigmoid_derivative", WRONG_SLOPE),
    ("02-dout_o1_dnet_o1", "sigma(net_o1)*(1 + sigma(net_o1))", "sigmoid_derivative", WRONG_SLOPE),
    ("02-dout_o1_dnet_o1", "out_o1*(out_o1 - 1)", "sign", {}),
]


@pytest.mark.parametrize("exercise_id, text, mistake, details", FORMULA_SLIPS)
def test_each_slip_in_a_formula_is_named(exercise_id, text, mistake, details):
    feedback = formula(exercise_id, text)
    assert not feedback.correct
    assert (feedback.mistake, feedback.details) == (mistake, details), feedback


def test_missing_factor_formula_names_the_sigmoids_derivative():
    from mazur_nn.exercises.slips import formula_variants

    (variant,) = [
        v for v in formula_variants("dE_total/dw5") if v.details.get("factor") == "dout_o1/dnet_o1"
    ]
    assert variant.message == (
        "missing the factor dout_o1/dnet_o1 = out_o1*(1 - out_o1), the sigmoid's derivative"
    )


def test_weights_of_the_other_hidden_neuron_are_named():
    feedback = formula(
        "03-dE_total_dout_h1",
        "(out_o1 - t1)*out_o1*(1 - out_o1)*w6 + (out_o2 - t2)*out_o2*(1 - out_o2)*w8",
    )
    assert feedback.message == (
        "Not yet: the weights leaving h2 (w6, w8) are used instead of those leaving h1 "
        "(w5, w7): dnet_o1/dout_h1 = w5, dnet_o2/dout_h1 = w7."
    )


def test_weights_of_any_other_hidden_neuron_are_named():
    # 2-3-2: w7, w10 leave h1; w9, w12 leave h3.
    other = mazur_nn.Config.from_dict(
        {"layers": [2, 3, 2], "inputs": [0.05, 0.1], "targets": [0.01, 0.99], "seed": 3}
    )
    e = exercise("03-dE_total_dout_h1", other)
    text = "(out_o1 - t1)*out_o1*(1 - out_o1)*w9 + (out_o2 - t2)*out_o2*(1 - out_o2)*w12"
    feedback = check_formula(e, text, other)
    assert (feedback.mistake, feedback.details) == (
        "wrong_weight",
        {"neuron": "h3", "weights": ("w9", "w12")},
    )
    assert "instead of those leaving h1 (w7, w10)" in feedback.message


def test_the_sigmoids_derivative_with_a_plus_is_named():
    feedback = formula("02-dout_o1_dnet_o1", "out_o1*(1 + out_o1)")
    assert feedback.message == (
        "Not yet: the sigmoid's slope is out*(1 - out): check the sign inside the bracket "
        "of dout_o1/dnet_o1."
    )


def test_the_sigmoids_derivative_with_a_plus_is_named_inside_a_product():
    import dataclasses

    # No exercise asks for dE_total/dw5 as a formula; the checker takes any step.
    e = dataclasses.replace(exercise("02-dE_total_dout_o1"), step="dE_total/dw5")
    feedback = check_formula(e, "(out_o1 - t1)*out_o1*(1 + out_o1)*out_h1", CONFIG)
    assert (feedback.mistake, feedback.details) == ("sigmoid_derivative", WRONG_SLOPE)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "out_o1 - ",
        "(out_o1 - t1",
        "__import__('os').system('ls')",
        "out_o1.real",
        "lambda: 1",
        "E_o1",
        "(" * 300 + "out_o1" + ")" * 300,
    ],
)
def test_malformed_formulas_get_the_parsers_message(text):
    feedback = formula("02-dE_total_dout_o1", text)
    assert (feedback.correct, feedback.mistake) == (False, "malformed")
    assert feedback.message.startswith("Cannot read the formula: ")


def test_feedback_reads_as_text():
    assert str(Feedback(True, "Right.")) == "✓ Right."
    assert repr(Feedback(False, "Not yet.", "sign")) == "✗ Not yet."


# -- hints -------------------------------------------------------------------------------


def test_hint_ladder_factors_values_solution():
    e = exercise("02-dE_total_dw5")
    one, two, three = (hints(e, CONFIG, level) for level in (1, 2, 3))
    assert one.endswith("dE_total/dout_o1 * dout_o1/dnet_o1 * dnet_o1/dw5")
    assert "0.74136507" not in one
    assert "dout_o1/dnet_o1 = out_o1*(1 - out_o1) = 0.186815602" in two
    assert three == build_lesson(CONFIG).step("dE_total/dw5").equation_text()


def test_hints_for_paths_updates_and_formulas():
    assert hints(exercise("03-dE_total_dout_h1"), level=1).endswith("dE_o1/dout_h1 + dE_o2/dout_h1")
    assert "w5, eta and dE_total/dw5" in hints(exercise("04-w5_plus"), level=1)
    assert "eta = 0.5" in hints(exercise("04-w5_plus"), level=2)
    assert "In the allowed names: E_total = (t1 - out_o1)**2/2" in hints(
        exercise("01-E_total"), level=3
    )


@pytest.mark.parametrize("level", [0, 4, True, "1"])
def test_hint_level_is_checked(level):
    with pytest.raises(ValueError, match="^level: "):
        hints(exercise("01-out_h1"), level=level)


# -- fresh numbers (the quiz's kind of config) -----------------------------------------------


def test_the_checker_works_on_other_numbers():
    other = CONFIG.with_parameters({"w5": -0.3, "w1": 0.7})
    values = build_lesson(other).values
    e = exercise("03-dE_total_dw1", other)
    assert check_number(e, f"{values['dE_total/dw1']:.6e}", other).correct
    assert check_number(e, f"{-values['dE_total/dw1']:.6e}", other).mistake == "sign"
    assert not check_number(e, f"{V['dE_total/dw1']:.6e}", other).correct
