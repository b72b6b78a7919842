"""Every way of writing a right formula that the checker accepted before it
was made strict still passes, on Mazur's numbers and a quiz's, checked at
fresh points each time; and the same form with a tiny constant added or a
factor a hair from 1 never does. The forms are those the other tests and
the notebooks list (expanded, factored, sigma written out, exp(-net) /
(1 + exp(-net))**2, copied from a rendered formula, a net input written
out, ...) and a few more; the lesson's own formula, expanded and (for a
sigmoid neuron) written with sigma, for every network shape the bank
builds."""

from __future__ import annotations

import pytest
import sympy

import mazur_nn
from mazur_nn.exercises.bank import all_exercises, exercise
from mazur_nn.exercises.checking import check_formula
from mazur_nn.exercises.expressions import expected_expression, formula_text
from mazur_nn.exercises.quiz import quiz_config

NET_O1 = "b2 + out_h1*w5 + out_h2*w6"
NET_H1, NET_H2 = "b1 + i1*w1 + i2*w2", "b1 + i1*w3 + i2*w4"
PATHS = "(out_o1 - t1)*out_o1*(1 - out_o1)*w5 + (out_o2 - t2)*out_o2*(1 - out_o2)*w7"

FORMS = {
    "01-E_total": [
        "(t1 - out_o1)**2/2 + (t2 - out_o2)**2/2",
        "(t1-out_o1)**2/2 + (t2-out_o2)**2/2",
        "1/2*((out_o1-t1)^2+(out_o2-t2)^2)",
        "out_o1**2/2 + out_o2**2/2 + t1**2/2 + t2**2/2 - out_o1*t1 - out_o2*t2",
        "((t1 - out_o1)**2 + (t2 - out_o2)**2)/2",
        "0.5*(t1 - out_o1)^2 + 0.5*(t2 - out_o2)^2",
        "(out_o1 - t1)*(out_o1 - t1)/2 + (out_o2 - t2)*(out_o2 - t2)/2",
        "(t1 − out_o1)**2/2 + (t2 − out_o2)**2/2",
        "(t1 - sigma(net_o1))**2/2 + (t2 - sigma(net_o2))**2/2",
        f"(t1-sigma({NET_O1}))^2/2 + (t2-out_o2)^2/2",
        "(t1 - sigma(out_h2*w6 + b2 + w5*out_h1))**2/2 + (t2 - sigma(net_o2))**2/2",
        f"(t1 - 1/(1 + exp(-({NET_O1}))))**2/2 + (t2 - out_o2)**2/2",
        "(t1 - 1/(1 + exp(-b2 - out_h1*w5 - out_h2*w6)))**2/2 + (t2 - out_o2)**2/2",
        f"(t1 - sigma(b2 + sigma({NET_H1})*w5 + sigma({NET_H2})*w6))**2/2"
        f" + (t2 - sigma(b2 + out_h1*w7 + 1/(1 + exp(-({NET_H2})))*w8))**2/2",
    ],
    "02-dE_total_dout_o1": [
        "out_o1 - t1",
        "-(t1 - out_o1)",
        "−(t1 − out_o1)",
        "-t1 + out_o1",
        "2*(out_o1 - t1)/2",
        "(out_o1**2 - t1**2)/(out_o1 + t1)",
        "sigma(net_o1) - t1",
        "1/(1 + exp(-net_o1)) - t1",
        f"sigma({NET_O1}) - t1",
        f"out_o1 - t1 + ({NET_O1}) - net_o1",
        "out_o1 - t1 + (sigma(w1) + sigma(-w1) - 1)*out_h1",
    ],
    "02-dout_o1_dnet_o1": [
        "out_o1*(1 - out_o1)",
        "out_o1 - out_o1**2",
        "(1 - out_o1)*out_o1",
        "out_o1 - out_o1^2",
        "sigma(net_o1)*(1 - sigma(net_o1))",
        "sigmoid(net_o1)*(1 - sigmoid(net_o1))",
        "σ(net_o1) × (1 − σ(net_o1))",
        "σ(net_o1)·(1 − σ(net_o1))",
        "sigma(net_o1)*sigma(-net_o1)",
        "exp(-net_o1)/(1 + exp(-net_o1))**2",
        "exp(net_o1)/(1 + exp(net_o1))**2",
        "1/(exp(net_o1) + 2 + exp(-net_o1))",
        "1/(1 + exp(-net_o1)) - 1/(1 + exp(-net_o1))**2",
        f"sigma({NET_O1})*(1 - sigma(w6*out_h2 + w5*out_h1 + b2))",
        "out_o1*(1 - sigma(net_o1))",
    ],
    "03-dE_total_dout_h1": [
        PATHS,
        "(out_o1 - t1)*out_o1*(1 - out_o1)*w5+(out_o2 - t2)*out_o2*(1 - out_o2)*w7",
        "w5*out_o1*(1 - out_o1)*(out_o1 - t1) + w7*out_o2*(1 - out_o2)*(out_o2 - t2)",
        "w5*out_o1**2 + w7*out_o2**2 - w5*out_o1**3 - w7*out_o2**3 + t1*w5*out_o1**2"
        " + t2*w7*out_o2**2 - out_o1*t1*w5 - out_o2*t2*w7",
        "(out_o1 - t1)*(out_o1 - out_o1**2)*w5 + (out_o2 - t2)*(out_o2 - out_o2**2)*w7",
        "(out_o1 - t1)*sigma(net_o1)*(1 - sigma(net_o1))*w5"
        " + (out_o2 - t2)*sigma(net_o2)*(1 - sigma(net_o2))*w7",
        "(out_o1 - t1)*exp(-net_o1)/(1 + exp(-net_o1))**2*w5"
        " + (out_o2 - t2)*exp(-net_o2)/(1 + exp(-net_o2))**2*w7",
        PATHS.replace("(out_o1 - t1)", f"(sigma({NET_O1}) - t1)"),
        "(out_o2 - t2)*out_o2*(1 - out_o2)*w7 + (out_o1 - t1)*out_o1*(1 - out_o1)*w5",
    ],
}
CASES = [(e, text) for e, texts in FORMS.items() for text in texts]
CONFIGS = {"mazur": mazur_nn.mazur_example(), "quiz 7": quiz_config(7)}


def test_the_sweep_has_every_form_the_tests_list():
    assert len(CASES) * len(CONFIGS) >= 77


@pytest.mark.parametrize("config_name", CONFIGS)
@pytest.mark.parametrize("exercise_id, text", CASES)
def test_an_equivalent_form_is_right_and_a_near_miss_is_not(config_name, exercise_id, text):
    config = CONFIGS[config_name]
    e = exercise(exercise_id, config)
    feedback = check_formula(e, text, config)
    assert feedback.correct, (exercise_id, text, feedback)
    assert feedback.details["method"] == "symbolically", feedback  # exact, not by luck
    for near in (f"{text} + 0.0000000009", f"1.000000001*({text})"):
        assert not check_formula(e, near, config).correct, near


def shape(layers, activations="sigmoid"):
    data = {
        "layers": layers,
        "activations": activations,
        "inputs": [0.05, 0.10, 0.20][: layers[0]],
        "targets": [0.01, 0.99, 0.50][: layers[-1]],
        "seed": 3,
    }
    return mazur_nn.Config.from_dict(data)


SHAPES = {
    "2-3-2": shape([2, 3, 2]),
    "2-2-3": shape([2, 2, 3]),
    "2-3-3-2": shape([2, 3, 3, 2]),
    "3-2-1": shape([3, 2, 1]),
    "tanh then sigmoid": shape([2, 2, 2], ["tanh", "sigmoid"]),
    "linear": shape([2, 2, 2], "linear"),
}


def written(expr) -> list[str]:
    """The lesson's formula as it prints, expanded, and with each output
    written as sigma of its net input (for a sigmoid neuron)."""
    texts = [formula_text(expr), sympy.sstr(sympy.expand(expr))]
    outs = {s: sympy.Symbol(s.name.replace("out_", "net_"), real=True) for s in expr.free_symbols}
    outs = {s: net for s, net in outs.items() if s.name.startswith("out_o")}
    if outs:
        texts.append(
            formula_text(expr.xreplace({s: sympy.Function("sigma")(n) for s, n in outs.items()}))
        )
    return texts


@pytest.mark.parametrize("name", SHAPES)
def test_the_lessons_formula_in_three_forms_is_right_for_every_shape(name):
    config = SHAPES[name]
    sigmoid_outputs = config.network.activations[-1] == "sigmoid"
    for e in all_exercises(config):
        if e.kind != "formula":
            continue
        forms = written(expected_expression(e.step, config))
        for text in forms if sigmoid_outputs else forms[:2]:
            feedback = check_formula(e, text, config)
            assert feedback.correct, (name, e.id, text, feedback)
