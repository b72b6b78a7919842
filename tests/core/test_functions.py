"""The registry: an entry is all it takes. ``leaky_relu`` was added by
writing its entry in core/functions.py and nothing else; here it goes
through the engine, sympy, finite differences, the plain-loop reference,
the layer API, the steps of a lesson and the CLI."""

import json
import math

import numpy as np
import pytest
import sympy

import mazur_nn
from mazur_nn import Config, Network, backward, forward
from mazur_nn.core.functions import ACTIVATIONS, LOSSES, get_activation
from mazur_nn.core.layers import from_network, gradients_by_name
from mazur_nn.core.reference import backprop
from mazur_nn.symbolic.functions import activation_expression

LEAKY = get_activation("leaky_relu")


def leaky(x):
    """The textbook definition, written independently of the registry."""
    return x if x > 0 else 0.01 * x


@pytest.mark.parametrize("x", [-3.0, -0.5, -1e-9, 0.0, 1e-9, 0.5, 3.0])
def test_leaky_relu_value_and_slope(x):
    assert LEAKY.value(x) == leaky(x)
    h = 1e-7 if abs(x) > 1e-6 else 0
    if h:
        assert LEAKY.slope(x, LEAKY.value(x)) == pytest.approx(
            (leaky(x + h) - leaky(x - h)) / (2 * h), rel=1e-6
        )


def test_sympy_derives_the_slope_from_the_registry_form():
    net = sympy.Symbol("net", real=True)
    derived = sympy.diff(activation_expression("leaky_relu", net), net)
    for x in (-2.0, -0.1, 0.3, 4.0):
        assert float(derived.subs(net, x)) == pytest.approx(LEAKY.slope(x, LEAKY.value(x)))


@pytest.fixture(scope="module")
def leaky_example():
    network = Network.create([2, 3, 2], activations=["leaky_relu", "sigmoid"], seed=1)
    return Config(network, (0.4, -0.9), (0.2, 0.7), learning_rate=0.5)


def test_engine_sympy_and_finite_differences_agree(leaky_example):
    ex = leaky_example
    check = mazur_nn.gradient_check(ex.network, ex.inputs, ex.targets)
    # Finite differences: truncation O(h^2) is 0 away from the kink, rounding
    # about eps * E / h = 1e-10; chain rule and sympy: float rounding only.
    assert check.max_difference < 1e-7
    for row in check.rows.values():
        assert row.chain == pytest.approx(row.sympy, rel=1e-9, abs=1e-12)


def test_engine_equals_the_reference_and_the_layer_api(leaky_example):
    ex = leaky_example
    gradients = backward(ex.network, ex.inputs, ex.targets).gradients
    assert gradients == backprop(ex.network, ex.inputs, ex.targets)
    layers = from_network(ex.network)
    X, T = np.array(ex.inputs)[:, None], np.array(ex.targets)[:, None]
    by_layers = gradients_by_name(ex.network, layers.backward(layers.forward(X), T))
    assert by_layers == pytest.approx(gradients, rel=1e-12, abs=1e-15)


def test_a_negative_net_input_leaks(leaky_example):
    ex = leaky_example
    values = forward(ex.network, ex.inputs, ex.targets)
    negative = [n for n in ex.network.names.neurons[1] if values[f"net_{n}"] < 0]
    assert negative, "the example should have a hidden neuron below 0"
    for n in negative:
        assert values[f"out_{n}"] == pytest.approx(0.01 * values[f"net_{n}"])


def test_steps_and_cli_pick_it_up(leaky_example, tmp_path):
    from mazur_nn.cli import main
    from mazur_nn.course.steps import build_lesson

    lesson = build_lesson(leaky_example)
    assert "leaky ReLU" in lesson.step("out_h1").text
    config = tmp_path / "leaky.json"
    config.write_text(json.dumps(leaky_example.to_dict()))
    out = tmp_path / "report.json"
    assert main(["report", "--config", str(config), "--format", "json", "--output", str(out)]) == 0
    report = json.loads(out.read_text())
    assert math.isclose(
        report["gradients"]["w1"],
        backprop(leaky_example.network, leaky_example.inputs, leaky_example.targets)["w1"],
    )


def test_every_entry_is_complete():
    for entry in [*ACTIVATIONS.values(), *LOSSES.values()]:
        assert entry.description and entry.words and entry.latex and entry.text
