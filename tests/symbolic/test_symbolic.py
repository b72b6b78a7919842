"""The sympy model of a network: derived factors, LaTeX, and its numbers."""

import math

import pytest
import sympy

import mazur_nn
from mazur_nn import Network, mazur_example
from mazur_nn.core.functions import get_activation
from mazur_nn.core.names import latex_name
from mazur_nn.symbolic.check import sympy_gradients
from mazur_nn.symbolic.functions import activation_expression, sigma
from mazur_nn.symbolic.model import Symbolic

ACTIVATIONS = ["sigmoid", "tanh", "relu", "linear"]


@pytest.fixture(scope="module")
def mazur_symbolic():
    return Symbolic(mazur_example().network)


def symbols(sym, *names):
    return [sym.symbol(n) for n in names]


# -- the sigma function ----------------------------------------------------------------


def test_sigma_derivative_equals_derivative_of_logistic():
    x = sympy.Symbol("x", real=True)
    ours = sympy.diff(sigma(x), x).rewrite(sympy.exp)
    reference = sympy.diff(1 / (1 + sympy.exp(-x)), x)
    assert sympy.simplify(ours - reference) == 0


def test_sigma_rewrites_to_logistic():
    x = sympy.Symbol("x", real=True)
    assert sympy.simplify(sigma(x).rewrite(sympy.exp) - 1 / (1 + sympy.exp(-x))) == 0


@pytest.mark.parametrize("x", [-3.0, 0.0, 0.3775, 2.5])
def test_sigma_evaluates_to_logistic(x):
    assert float(sigma(sympy.Float(x, 30)).evalf(30)) == pytest.approx(
        1 / (1 + math.exp(-x)), rel=1e-15
    )


def test_sigma_prints_as_sigma():
    x = sympy.Symbol("x", real=True)
    assert sympy.latex(sigma(x)) == r"\sigma\left(x\right)"


# -- each activation: sympy's slope vs the engine's ----------------------------------------


@pytest.mark.parametrize("activation", ACTIVATIONS)
@pytest.mark.parametrize("point", [-1.7, -0.25, 0.4, 2.2])
def test_sympy_slope_matches_engine_slope(activation, point):
    act = get_activation(activation)
    x = sympy.Symbol("x", real=True)
    derived = sympy.diff(activation_expression(activation, x), x)
    sympy_slope = float(derived.subs(x, sympy.Float(point, 30)).evalf(30))
    engine_slope = act.slope(point, act.value(point))
    assert engine_slope == pytest.approx(sympy_slope, rel=1e-13, abs=1e-15)


@pytest.mark.parametrize("activation", ACTIVATIONS)
@pytest.mark.parametrize("point", [-1.7, -0.25, 0.4, 2.2])
def test_sympy_value_matches_engine_value(activation, point):
    act = get_activation(activation)
    x = sympy.Symbol("x", real=True)
    sympy_value = float(
        activation_expression(activation, x).subs(x, sympy.Float(point, 30)).evalf(30)
    )
    assert act.value(point) == pytest.approx(sympy_value, rel=1e-14, abs=1e-15)


@pytest.mark.parametrize("activation", ACTIVATIONS)
def test_symbolic_factors_match_engine_values(activation):
    network = Network.create([2, 2, 2], activation, seed=4)
    inputs, targets = [0.3, -0.6], [0.2, 0.7]
    symbolic = Symbolic(network).evaluate(network, inputs, targets)
    engine = mazur_nn.backward(network, inputs, targets).values
    for name in [
        "dout_h1/dnet_h1",
        "dout_o2/dnet_o2",
        "delta_o1",
        "delta_h2",
        "dE_total/dout_h1",
        "dE_total/dw1",
        "dE_total/db2",
    ]:
        assert engine[name] == pytest.approx(symbolic[name], rel=1e-12, abs=1e-15), name


def test_tanh_slope_is_written_in_out():
    sym = Symbolic(Network.create([2, 2, 2], "tanh"))
    (out_o1,) = symbols(sym, "out_o1")
    assert sympy.simplify(sym.factors["dout_o1/dnet_o1"] - (1 - out_o1**2)) == 0


# -- Mazur's factors and gradients ----------------------------------------------------------


def test_sigmoid_slope_factor(mazur_symbolic):
    (out_o1,) = symbols(mazur_symbolic, "out_o1")
    assert mazur_symbolic.factors["dout_o1/dnet_o1"] == out_o1 * (1 - out_o1)


def test_gradient_of_w5(mazur_symbolic):
    out_o1, out_h1, t1 = symbols(mazur_symbolic, "out_o1", "out_h1", "t1")
    expected = (out_o1 - t1) * out_o1 * (1 - out_o1) * out_h1
    assert sympy.simplify(mazur_symbolic.gradients["w5"] - expected) == 0


def test_gradient_of_w1(mazur_symbolic):
    out_o1, out_o2, out_h1, t1, t2, w5, w7, i1 = symbols(
        mazur_symbolic, "out_o1", "out_o2", "out_h1", "t1", "t2", "w5", "w7", "i1"
    )
    delta_o1 = (out_o1 - t1) * out_o1 * (1 - out_o1)
    delta_o2 = (out_o2 - t2) * out_o2 * (1 - out_o2)
    expected = (delta_o1 * w5 + delta_o2 * w7) * out_h1 * (1 - out_h1) * i1
    assert sympy.simplify(mazur_symbolic.gradients["w1"] - expected) == 0


def test_gradient_of_shared_bias_sums_both_neurons(mazur_symbolic):
    out_o1, out_o2, t1, t2 = symbols(mazur_symbolic, "out_o1", "out_o2", "t1", "t2")
    expected = (out_o1 - t1) * out_o1 * (1 - out_o1) + (out_o2 - t2) * out_o2 * (1 - out_o2)
    assert sympy.simplify(mazur_symbolic.gradients["b2"] - expected) == 0


def test_definitions_follow_mazur_wiring(mazur_symbolic):
    w1, w2, i1, i2, b1 = symbols(mazur_symbolic, "w1", "w2", "i1", "i2", "b1")
    assert mazur_symbolic.definitions["net_h1"] == w1 * i1 + w2 * i2 + b1


def test_error_definition_is_half_squared(mazur_symbolic):
    out_o1, t1 = symbols(mazur_symbolic, "out_o1", "t1")
    expected = sympy.Rational(1, 2) * (t1 - out_o1) ** 2
    assert sympy.simplify(mazur_symbolic.definitions["E_o1"] - expected) == 0


def test_symbolic_numbers_reproduce_post(mazur_symbolic):
    example = mazur_example()
    values = mazur_symbolic.evaluate(example.network, example.inputs, example.targets)
    assert f"{values['E_total']:.9f}" == "0.298371109"
    assert f"{values['dE_total/dw5']:.9f}" == "0.082167041"
    assert f"{values['dE_total/dw1']:.9f}" == "0.000438568"
    assert round(values["dE_o2/dout_h1"], 10) == -0.0190491183


def test_unknown_expression_name(mazur_symbolic):
    with pytest.raises(KeyError, match="no symbolic quantity called 'w99'"):
        mazur_symbolic.expression("w99")


def test_parameter_name_gives_its_partial(mazur_symbolic):
    assert mazur_symbolic.expression("w5") == mazur_symbolic.expression("dE_total/dw5")


# -- LaTeX --------------------------------------------------------------------------------


def test_latex_name_of_partial_is_a_fraction():
    assert latex_name("dE_total/dw5") == r"\frac{\partial E_{total}}{\partial w_{5}}"


def test_chain_factor_latex_is_a_fraction():
    factor = mazur_example().backward().chain["w5"][1]
    assert factor.latex == r"\frac{\partial out_{o1}}{\partial net_{o1}}"


def test_latex_of_error_has_frac(mazur_symbolic):
    assert r"\frac" in mazur_symbolic.latex("E_o1")
    assert "out_{o1}" in mazur_symbolic.latex("E_o1")


def test_latex_of_gradient_uses_subscripts(mazur_symbolic):
    text = mazur_symbolic.latex("dE_total/dw5")
    assert "out_{o1}" in text
    assert "out_{h1}" in text
    assert "t_{1}" in text
    assert "out_o1" not in text


def test_latex_with_values_puts_numbers_in(mazur_symbolic):
    example = mazur_example()
    values = {**example.forward().values, "t1": 0.01, "t2": 0.99}
    text = mazur_symbolic.latex("dE_total/dw5", values)
    assert "0.75136507" in text
    assert "0.593269992" in text
    assert "0.01" in text
    assert "out_{" not in text
    assert "t_{1}" not in text


def test_latex_with_values_brackets_negative_numbers(mazur_symbolic):
    text = mazur_symbolic.latex(
        "net_h1", {"w1": -0.15, "i1": 0.05, "w2": 0.2, "i2": 0.1, "b1": 0.35}
    )
    assert r"\left(-0.15\right)" in text
    assert "w_{1}" not in text


# -- flat vs layered, and a large network --------------------------------------------------


@pytest.mark.parametrize("activation", ["sigmoid", "tanh", "linear"])
@pytest.mark.parametrize("bias_mode", ["shared", "per_neuron"])
def test_flat_and_layered_gradients_agree(activation, bias_mode):
    network = Network.create([2, 2, 1], activation, bias_mode=bias_mode, seed=9)
    inputs, targets = [0.4, -0.7], [0.3]
    flat, flat_method = sympy_gradients(network, inputs, targets, method="flat")
    layered, layered_method = sympy_gradients(network, inputs, targets, method="layered")
    assert (flat_method, layered_method) == ("flat", "layered")
    assert set(flat) == set(layered) == set(network.names.parameters)
    for name in flat:
        assert flat[name] == pytest.approx(layered[name], rel=1e-12, abs=1e-15), name


def test_flat_gradient_of_mazur_w5_reproduces_post():
    example = mazur_example()
    flat, _ = sympy_gradients(example.network, example.inputs, example.targets, method="flat")
    assert f"{flat['w5']:.9f}" == "0.082167041"
    assert f"{flat['w1']:.9f}" == "0.000438568"


def test_flat_gradient_has_no_intermediate_symbols():
    sym = Symbolic(Network.create([1, 1, 1]))
    free = {str(s) for s in sym.flat_gradient("w1").free_symbols}
    assert free <= {"w1", "w2", "b1", "b2", "i1", "t1"}


def test_four_eight_four_two_symbolic_partials_are_finite():
    network = Network.create([4, 8, 4, 2], seed=2)
    inputs, targets = [0.5, -0.2, 0.1, 0.9], [0.1, 0.8]
    values = Symbolic(network).evaluate(network, inputs, targets)
    partials = [values[f"dE_total/d{p}"] for p in network.names.parameters]
    assert len(partials) == 75
    assert all(isinstance(v, float) and math.isfinite(v) for v in partials)
    assert any(v != 0.0 for v in partials)


def test_four_eight_four_two_symbolic_partials_match_engine():
    network = Network.create([4, 8, 4, 2], "tanh", seed=2)
    inputs, targets = [0.5, -0.2, 0.1, 0.9], [0.1, 0.8]
    values = Symbolic(network).evaluate(network, inputs, targets)
    engine = mazur_nn.backward(network, inputs, targets).gradients
    for p in network.names.parameters:
        assert engine[p] == pytest.approx(values[f"dE_total/d{p}"], rel=1e-10, abs=1e-14), p
