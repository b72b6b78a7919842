"""Formula feedback: a net input written out is read as its name, a slip
made in every path at once is named, and so are the common slips in an
output's error, the sigmoid's slope and E_total, for Mazur's example, a
quiz's numbers and other network shapes; every check stays fast."""

import time

import pytest

import mazur_nn
from mazur_nn.exercises.bank import all_exercises, exercise
from mazur_nn.exercises.checking import check_formula
from mazur_nn.exercises.expressions import expected_expression, formula_text
from mazur_nn.exercises.quiz import quiz_config
from mazur_nn.exercises.slips import formula_variants

CONFIGS = {"mazur": mazur_nn.mazur_example(), "quiz 7": quiz_config(7)}
SLOW = 0.5  # seconds: the most one check may take


def formula(exercise_id, text, config=CONFIGS["mazur"]):
    return check_formula(exercise(exercise_id, config), text, config)


def shape(layers, **options):
    """A network of ``layers`` (sigmoid, half squared error) on small numbers."""
    data = {
        "layers": layers,
        "inputs": [0.05, 0.10, 0.20][: layers[0]],
        "targets": [0.01, 0.99, 0.50][: layers[-1]],
        "seed": 3,
    }
    return mazur_nn.Config.from_dict(data | options)


# -- a net input written out is its name ----------------------------------------------

NET_O1 = "b2 + out_h1*w5 + out_h2*w6"
NET_H1, NET_H2 = "b1 + i1*w1 + i2*w2", "b1 + i1*w3 + i2*w4"
PATHS = "(out_o1 - t1)*out_o1*(1 - out_o1)*w5 + (out_o2 - t2)*out_o2*(1 - out_o2)*w7"
WRITTEN_OUT = [
    ("01-E_total", f"(t1-sigma({NET_O1}))^2/2 + (t2-out_o2)^2/2"),  # the audit's form
    ("01-E_total", "(t1 - sigma(out_h2*w6 + b2 + w5*out_h1))**2/2 + (t2 - sigma(net_o2))**2/2"),
    ("01-E_total", f"(t1 - 1/(1 + exp(-({NET_O1}))))**2/2 + (t2 - out_o2)**2/2"),
    ("01-E_total", "(t1 - 1/(1 + exp(-b2 - out_h1*w5 - out_h2*w6)))**2/2 + (t2 - out_o2)**2/2"),
    (
        "01-E_total",
        f"(t1 - sigma(b2 + sigma({NET_H1})*w5 + sigma({NET_H2})*w6))**2/2"
        f" + (t2 - sigma(b2 + out_h1*w7 + 1/(1 + exp(-({NET_H2})))*w8))**2/2",
    ),
    ("02-dE_total_dout_o1", f"sigma({NET_O1}) - t1"),
    ("02-dE_total_dout_o1", f"out_o1 - t1 + ({NET_O1}) - net_o1"),  # inside a longer sum
    ("02-dout_o1_dnet_o1", f"sigma({NET_O1})*(1 - sigma(w6*out_h2 + w5*out_h1 + b2))"),
    ("03-dE_total_dout_h1", PATHS.replace("(out_o1 - t1)", f"(sigma({NET_O1}) - t1)")),
]


@pytest.mark.parametrize("config_name", CONFIGS)
@pytest.mark.parametrize("exercise_id, text", WRITTEN_OUT)
def test_a_net_input_written_out_is_its_name(config_name, exercise_id, text):
    feedback = formula(exercise_id, text, CONFIGS[config_name])
    assert feedback.correct, feedback
    assert feedback.details["method"] == "symbolically"


@pytest.mark.parametrize(
    "text",
    [
        "(t1 - sigma(b2 + out_h1*w5 + out_h2*w7))**2/2 + (t2 - out_o2)**2/2",  # w7 for w6
        "(t1 - sigma(out_h1*w5 + out_h2*w6))**2/2 + (t2 - out_o2)**2/2",  # no bias
        f"(t1 - sigma(b2 + sigma({NET_H2})*w5 + out_h2*w6))**2/2 + (t2 - out_o2)**2/2",
    ],
)
def test_a_wrong_net_input_written_out_is_still_wrong(text):
    assert not formula("01-E_total", text).correct


# -- one slip in every path at once -------------------------------------------------------

SLOPES = ("dout_o1/dnet_o1", "dout_o2/dnet_o2")
WEIGHTS = ("dnet_o1/dout_h1", "dnet_o2/dout_h1")
EVERY_PATH_SLIPS = [
    ("(out_o1-t1)*w5 + (out_o2-t2)*w7", "missing_factor", {"factors": SLOPES}),
    (
        "out_o1*(1-out_o1)*w5 + out_o2*(1-out_o2)*w7",
        "missing_factor",
        {"factors": ("dE_total/dout_o1", "dE_total/dout_o2")},
    ),
    (
        "(out_o1-t1)*out_o1*(1-out_o1) + (out_o2-t2)*out_o2*(1-out_o2)",
        "missing_factor",
        {"factors": WEIGHTS},
    ),
    (
        "(out_o1-t1)*out_o1*(1+out_o1)*w5 + (out_o2-t2)*out_o2*(1+out_o2)*w7",
        "sigmoid_derivative",
        {"derivatives": SLOPES},
    ),
    ("(t1-out_o1)*out_o1*(1-out_o1)*w5 + (t2-out_o2)*out_o2*(1-out_o2)*w7", "sign", {}),
    (
        "(out_o1-t1)*out_o1*(1-out_o1)*out_h1 + (out_o2-t2)*out_o2*(1-out_o2)*out_h1",
        "out_for_weight",
        {"factors": WEIGHTS},
    ),
    (
        "(out_o1-t1)*out_o1*(1-out_o1)*w7 + (out_o2-t2)*out_o2*(1-out_o2)*w5",
        "swapped_weights",
        {"weights": ("w5", "w7")},
    ),
]


@pytest.mark.parametrize("config_name", CONFIGS)
@pytest.mark.parametrize("text, mistake, details", EVERY_PATH_SLIPS)
def test_a_slip_in_every_path_is_named(config_name, text, mistake, details):
    feedback = formula("03-dE_total_dout_h1", text, CONFIGS[config_name])
    assert not feedback.correct
    assert (feedback.mistake, feedback.details) == (mistake, details), feedback


def test_every_path_messages_say_what_each_factor_is():
    messages = {m: formula("03-dE_total_dout_h1", t).message for t, m, _ in EVERY_PATH_SLIPS[3:]}
    assert messages["out_for_weight"] == (
        "Not yet: dnet_o1/dout_h1 is w5, the weight from h1 to o1, not out_h1: out_h1 is "
        "dnet_o1/dw5, what w5 multiplies in net_o1; every path takes its weight: "
        "dnet_o1/dout_h1 = w5 and dnet_o2/dout_h1 = w7."
    )
    assert messages["swapped_weights"] == (
        "Not yet: the weights of the paths dE_o1/dout_h1 and dE_o2/dout_h1 are swapped: "
        "dnet_o1/dout_h1 = w5 (the weight from h1 to o1) and dnet_o2/dout_h1 = w7 "
        "(the weight from h1 to o2)."
    )
    assert "each path starts with dE_total/dout_o1 = out_o1 - t1" in messages["sign"]
    missing_slope = formula("03-dE_total_dout_h1", EVERY_PATH_SLIPS[0][0]).message
    assert missing_slope.startswith(
        "Not yet: the sigmoid's derivative is missing in every path: "
        "dout_o1/dnet_o1 = out_o1*(1 - out_o1) and dout_o2/dnet_o2 = out_o2*(1 - out_o2); "
    )


def test_a_slip_in_one_path_is_still_named_by_the_path():
    text = "(out_o1 - t1)*w5 + (out_o2 - t2)*out_o2*(1 - out_o2)*w7"
    feedback = formula("03-dE_total_dout_h1", text)
    assert feedback.details == {"factor": "dout_o1/dnet_o1", "path": "dE_o1/dout_h1"}


def test_every_path_slips_follow_the_network_shape():
    # 2-2-3: three paths into h1 (w5, w7 and w9 leave it), so three pairs can be swapped.
    config = shape([2, 2, 3])
    e = exercise("03-dE_total_dout_h1", config)

    def paths(*weights, slopes=True):
        slope = "*out_o{k}*(1 - out_o{k})" if slopes else ""
        return " + ".join(
            f"(out_o{k} - t{k}){slope.format(k=k)}*{w}" for k, w in enumerate(weights, 1)
        )

    assert check_formula(e, paths("w5", "w7", "w9"), config).correct
    feedback = check_formula(e, paths("w5", "w9", "w7"), config)
    assert (feedback.mistake, feedback.details) == ("swapped_weights", {"weights": ("w7", "w9")})
    feedback = check_formula(e, paths("w5", "w7", "w9", slopes=False), config)
    assert feedback.mistake == "missing_factor" and len(feedback.details["factors"]) == 3


def test_a_hidden_gradient_names_a_slip_in_every_path_too():
    import dataclasses

    # No exercise asks for dE_total/dw1 as a formula; the checker takes any step.
    e = dataclasses.replace(exercise("03-dE_total_dout_h1"), step="dE_total/dw1")
    text = "((out_o1 - t1)*w5 + (out_o2 - t2)*w7)*out_h1*(1 - out_h1)*i1"
    feedback = check_formula(e, text, CONFIGS["mazur"])
    assert (feedback.mistake, feedback.details) == ("missing_factor", {"factors": SLOPES})


# -- common slips in an output's error, the sigmoid's slope and E_total -------------------

SLIPS = [
    ("02-dout_o1_dnet_o1", "net_o1*(1 - net_o1)", "net_for_out", {"neurons": ("o1",)}),
    ("02-dout_o1_dnet_o1", "out_h1*(1 - out_h1)", "wrong_neuron", {"neuron": "h1"}),
    ("02-dout_o1_dnet_o1", "out_o2*(1 - out_o2)", "wrong_neuron", {"neuron": "o2"}),
    ("02-dout_o1_dnet_o1", "out_o1", "activation_not_derivative", {}),
    ("02-dout_o1_dnet_o1", "sigma(net_o1)", "activation_not_derivative", {}),
    ("02-dE_total_dout_o1", "net_o1 - t1", "net_for_out", {"neurons": ("o1",)}),
    ("02-dE_total_dout_o1", "out_o1 - t2", "wrong_target", {"target": "t2"}),
    ("02-dE_total_dout_o1", "(t1 - out_o1)**2/2", "error_not_derivative", {}),
    ("01-E_total", "(t1 - out_o1)/2 + (t2 - out_o2)/2", "missing_square", {}),
    (
        "01-E_total",
        "(t1 - net_o1)**2/2 + (t2 - net_o2)**2/2",
        "net_for_out",
        {"neurons": ("o1", "o2")},
    ),
    (
        "01-E_total",
        f"(t1 - ({NET_O1}))**2/2 + (t2 - net_o2)**2/2",
        "net_for_out",
        {"neurons": ("o1", "o2")},
    ),
    (
        "01-E_total",
        "(t2 - out_o1)**2/2 + (t1 - out_o2)**2/2",
        "wrong_target",
        {"targets": ("t1", "t2")},
    ),
]


@pytest.mark.parametrize("config_name", CONFIGS)
@pytest.mark.parametrize("exercise_id, text, mistake, details", SLIPS)
def test_common_slips_are_named(config_name, exercise_id, text, mistake, details):
    feedback = formula(exercise_id, text, CONFIGS[config_name])
    assert not feedback.correct
    assert (feedback.mistake, feedback.details) == (mistake, details), feedback


@pytest.mark.parametrize(
    "exercise_id, text, message",
    [
        (
            "02-dout_o1_dnet_o1",
            "net_o1*(1 - net_o1)",
            "Not yet: the sigmoid's derivative is written with the output out_o1, not the net "
            "input net_o1.",
        ),
        (
            "02-dout_o1_dnet_o1",
            "out_o2*(1 - out_o2)",
            "Not yet: that is dout_o2/dnet_o2, the sigmoid's derivative at o2; dout_o1/dnet_o1 "
            "is the one at o1.",
        ),
        (
            "02-dout_o1_dnet_o1",
            "sigma(net_o1)",
            "Not yet: that is out_o1 = sigma(net_o1), the sigmoid itself, not its derivative "
            "dout_o1/dnet_o1.",
        ),
        (
            "02-dE_total_dout_o1",
            "out_o1 - t2",
            "Not yet: t2 is the target of o2; dE_total/dout_o1 compares out_o1 with its own "
            "target.",
        ),
        (
            "02-dE_total_dout_o1",
            "(t1 - out_o1)**2/2",
            "Not yet: that is E_o1 = (t1 - out_o1)**2/2, the error itself, not its derivative "
            "dE_total/dout_o1: differentiate it with respect to out_o1.",
        ),
        (
            "01-E_total",
            "(t1 - out_o1)/2 + (t2 - out_o2)/2",
            "Not yet: missing the square of the half squared error, E = (t - out)**2/2.",
        ),
    ],
)
def test_common_slips_are_explained(exercise_id, text, message):
    assert formula(exercise_id, text).message == message


# -- text copied from a rendered formula ---------------------------------------------------


def test_a_formula_copied_from_the_page_is_read():
    assert formula("02-dout_o1_dnet_o1", "σ(net_o1) × (1 − σ(net_o1))").correct
    assert formula("02-dE_total_dout_o1", "t1 − out_o1").mistake == "sign"
    feedback = formula("02-dout_o1_dnet_o1", "e^(-net_o1)/(1 + e^(-net_o1))^2")
    assert (feedback.mistake, feedback.details) == ("malformed", {"position": 1})
    assert "write e to the power x as exp(x)" in feedback.message


# -- any network shape the bank builds ---------------------------------------------------

SHAPES = {
    "mazur": mazur_nn.mazur_example(),
    "quiz 7": quiz_config(7),
    "2-3-2": shape([2, 3, 2]),
    "2-2-3": shape([2, 2, 3]),
    "2-3-3-2": shape([2, 3, 3, 2]),
    "3-2-1": shape([3, 2, 1]),
    "tanh then sigmoid": shape([2, 2, 2], activations=["tanh", "sigmoid"]),
}


@pytest.mark.parametrize("name", SHAPES)
def test_each_known_wrong_formula_is_named_as_itself(name):
    config = SHAPES[name]
    for e in all_exercises(config):
        if e.kind != "formula":
            continue
        right = expected_expression(e.step, config)
        assert check_formula(e, formula_text(right), config).correct
        for v in formula_variants(e.step, config):
            feedback = check_formula(e, formula_text(v.expr), config)
            if feedback.correct:  # a slip that changes nothing here (one path alone)
                continue
            assert feedback.mistake == v.mistake, (name, e.id, v.message, feedback)
            assert feedback.message.endswith("."), feedback


# -- fast enough -------------------------------------------------------------------------------


def test_every_check_added_here_is_fast():
    formula("01-E_total", WRITTEN_OUT[0][1])  # sympy and the lesson are ready
    attempts = [(e, t) for e, t in WRITTEN_OUT]
    attempts += [("03-dE_total_dout_h1", t) for t, _, _ in EVERY_PATH_SLIPS]
    attempts += [(e, t) for e, t, _, _ in SLIPS]
    for config in CONFIGS.values():
        for exercise_id, text in attempts:
            start = time.perf_counter()
            formula(exercise_id, text, config)
            assert time.perf_counter() - start < SLOW, (exercise_id, text)


def test_a_path_subtracted_instead_of_added_is_a_sign_slip():
    from mazur_nn.exercises.bank import exercise

    feedback = check_formula(
        exercise("03-dE_total_dout_h1"),
        "(out_o1 - t1)*out_o1*(1 - out_o1)*w5 - (out_o2 - t2)*out_o2*(1 - out_o2)*w7",
    )
    assert feedback.mistake == "sign" and "in the path dE_o2/dout_h1" in feedback.message
    assert "paths of a sum are added" in feedback.message
