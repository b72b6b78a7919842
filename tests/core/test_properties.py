"""Property tests over random small networks.

Three independent gradients (the engine's chain rule, sympy's derivative and
central finite differences) must agree; one training round must be exactly
backward + update; backward must leave the network alone.
"""

import math

import hypothesis.strategies as st
from hypothesis import HealthCheck, assume, given, settings

import mazur_nn
from mazur_nn import Network

ACTIVATIONS = ["sigmoid", "tanh", "relu", "linear"]
LOSSES = ["half_squared_error", "mse", "binary_cross_entropy"]
BIAS_MODES = ["shared", "per_neuron"]

# Tolerances, written as |a - b| <= ABS + REL * |b|.
#
# chain vs sympy: both are exact formulas for the same derivative; they differ
# only by float64 rounding in the engine (sympy evaluates at 30 digits), a few
# ulps per operation on numbers of order 1, so 1e-9 relative is very loose
# and 1e-12 absolute covers gradients that are zero or nearly cancel.
CHAIN_SYMPY_REL = 1e-9
CHAIN_SYMPY_ABS = 1e-12
# finite differences vs the others: the central difference with h = 1e-6 has
# truncation error O(h^2 * E''') ~ 1e-12 and rounding error about
# eps * |E| / h ~ 2e-16 * |E| / 1e-6 ~ 1e-10 * |E|; E can reach ~1e2 for
# linear nets with two hidden layers, hence 1e-6 absolute, plus 1e-5 relative
# for large gradients.
FINITE_DIFFERENCE_REL = 1e-5
FINITE_DIFFERENCE_ABS = 1e-6
# relu has a kink at net = 0: a finite-difference step crossing it gives a
# meaningless slope, so examples with any |net| below this are skipped. A
# step of 1e-6 in one parameter moves net by at most 1e-6 * |source| << 1e-3.
RELU_MARGIN = 1e-3

unit = st.floats(min_value=-1.0, max_value=1.0, allow_nan=False, allow_infinity=False)
unit_interval = st.floats(min_value=0.0, max_value=1.0, allow_nan=False, allow_infinity=False)


def parameter_counts(sizes, bias_mode):
    weights = sum(a * b for a, b in zip(sizes, sizes[1:]))
    biases = len(sizes) - 1 if bias_mode == "shared" else sum(sizes[1:])
    return weights, biases


@st.composite
def sizes_strategy(draw):
    """Mostly tiny shapes: one hidden layer of 1-3 neurons, or two hidden
    layers of 1-2 neurons (sympy's flat derivative of a deep relu net is
    slow, so deeper nets stay narrow)."""
    hidden_layers = draw(st.sampled_from([1, 1, 2]))
    widest = 3 if hidden_layers == 1 else 2
    return [draw(st.integers(1, widest)) for _ in range(hidden_layers + 2)]


@st.composite
def examples(draw, sizes=None):
    """(network, inputs, targets) with weights and inputs in [-1, 1] and
    targets in [0, 1]."""
    sizes = draw(sizes_strategy()) if sizes is None else sizes
    loss = draw(st.sampled_from(LOSSES))
    activations = draw(
        st.lists(st.sampled_from(ACTIVATIONS), min_size=len(sizes) - 1, max_size=len(sizes) - 1)
    )
    if loss == "binary_cross_entropy":
        activations[-1] = "sigmoid"
    bias_mode = draw(st.sampled_from(BIAS_MODES))
    weight_count, bias_count = parameter_counts(sizes, bias_mode)
    weights = draw(st.lists(unit, min_size=weight_count, max_size=weight_count))
    biases = draw(st.lists(unit, min_size=bias_count, max_size=bias_count))
    network = Network.create(sizes, activations, loss, bias_mode, weights, biases)
    inputs = draw(st.lists(unit, min_size=sizes[0], max_size=sizes[0]))
    targets = draw(st.lists(unit_interval, min_size=sizes[-1], max_size=sizes[-1]))
    return network, inputs, targets


def assume_away_from_relu_kinks(network, inputs):
    if "relu" not in network.activations:
        return
    values = mazur_nn.forward(network, inputs).values
    assume(all(abs(v) >= RELU_MARGIN for k, v in values.items() if k.startswith("net_")))


def close(a, b, rel, abs_):
    return abs(a - b) <= abs_ + rel * abs(b)


def assert_gradients_agree(network, inputs, targets):
    result = mazur_nn.gradient_check(network, inputs, targets)
    assert set(result.rows) == set(network.names.parameters)
    for name, row in result.rows.items():
        assert all(math.isfinite(v) for v in (row.chain, row.sympy, row.finite_difference))
        assert close(row.chain, row.sympy, CHAIN_SYMPY_REL, CHAIN_SYMPY_ABS), (name, row)
        assert close(
            row.finite_difference, row.sympy, FINITE_DIFFERENCE_REL, FINITE_DIFFERENCE_ABS
        ), (name, row)
        assert close(
            row.finite_difference, row.chain, FINITE_DIFFERENCE_REL, FINITE_DIFFERENCE_ABS
        ), (name, row)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(examples())
def test_chain_sympy_and_finite_differences_agree(example):
    network, inputs, targets = example
    assume_away_from_relu_kinks(network, inputs)
    assert_gradients_agree(network, inputs, targets)


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(examples(sizes=[4, 8, 4, 2]))
def test_gradients_agree_for_4_8_4_2(example):
    network, inputs, targets = example
    assume_away_from_relu_kinks(network, inputs)
    assert_gradients_agree(network, inputs, targets)


@settings(max_examples=100, deadline=None)
@given(
    examples(),
    st.floats(min_value=1e-3, max_value=2.0, allow_nan=False),
    st.booleans(),
)
def test_one_training_round_is_backward_then_update(example, learning_rate, update_biases):
    network, inputs, targets = example
    gradients = mazur_nn.backward(network, inputs, targets)
    by_hand = mazur_nn.update(
        network, gradients, learning_rate, update_biases=update_biases, hidden_uses="original"
    )
    trained = mazur_nn.train(
        network,
        inputs,
        targets,
        learning_rate,
        1,
        update_biases=update_biases,
        hidden_uses="original",
    )
    # to the last bit: compare the exact binary representation
    assert [v.hex() for v in trained.network.weights] == [v.hex() for v in by_hand.weights]
    assert [v.hex() for v in trained.network.biases] == [v.hex() for v in by_hand.biases]
    assert trained.history == (gradients.forward["E_total"],)


@settings(max_examples=100, deadline=None)
@given(examples())
def test_backward_leaves_the_network_unchanged(example):
    network, inputs, targets = example
    weights, biases = network.weights, network.biases
    parameters = dict(network.parameters)
    twin = Network.create(
        list(network.sizes),
        list(network.activations),
        network.loss,
        network.bias_mode,
        list(weights),
        list(biases),
    )
    result = mazur_nn.backward(network, inputs, targets)
    assert network.weights is weights and network.biases is biases
    assert network.parameters == parameters
    assert network == twin
    assert result.network == twin


@settings(max_examples=100, deadline=None)
@given(examples())
def test_chain_factors_multiply_to_the_gradient(example):
    network, inputs, targets = example
    result = mazur_nn.backward(network, inputs, targets)
    for name, factors in result.chain.items():
        product = math.prod(f.value for f in factors)
        assert close(product, result.gradients[name], 1e-12, 1e-15), name
