"""The softmax output layer and the cross-entropy, through every layer of
the core: the registry's entries, the engine, the plain-loop reference,
sympy and finite differences, the layer API, training, and the refusals.

The example is Mazur's network with a softmax output and the cross-entropy
(the post's targets 0.01 and 0.99 already add up to 1)."""

import math

import hypothesis.strategies as st
import numpy as np
import pytest
from hypothesis import given, settings

import mazur_nn
from mazur_nn import Config, Network, backward, forward
from mazur_nn.core.functions import get_activation, get_loss, logsumexp
from mazur_nn.core.layers import (
    CrossEntropy,
    Dense,
    Sequential,
    Softmax,
    from_network,
    gradients_by_name,
)
from mazur_nn.core.reference import backprop

SOFTMAX = get_activation("softmax")
MAZUR_WEIGHTS = [0.15, 0.20, 0.25, 0.30, 0.40, 0.45, 0.50, 0.55]


def softmax(nets):
    """The textbook definition, written independently of the registry."""
    exps = [math.exp(x) for x in nets]
    return [e / math.fsum(exps) for e in exps]


def mazur_softmax(targets=(0.01, 0.99), loss="cross_entropy"):
    network = Network.create(
        [2, 2, 2], ["sigmoid", "softmax"], loss, "shared", MAZUR_WEIGHTS, [0.35, 0.60]
    )
    return Config(network, (0.05, 0.10), targets, 0.5)


@pytest.mark.parametrize("nets", [(0.0, 0.0), (1.0, 2.0, -3.0), (-0.3, 0.7), (5.0, -5.0, 0.1)])
def test_values_and_jacobian_against_the_definition(nets):
    outs = SOFTMAX.layer_values(nets)
    assert outs == pytest.approx(softmax(nets), rel=1e-14)
    assert math.fsum(outs) == pytest.approx(1.0, abs=1e-15)
    jacobian = SOFTMAX.jacobian(nets, outs)
    h = 1e-6
    for j in range(len(nets)):  # column j by a central difference in net_j
        up = softmax([x + h * (i == j) for i, x in enumerate(nets)])
        down = softmax([x - h * (i == j) for i, x in enumerate(nets)])
        for k in range(len(nets)):
            assert jacobian[k][j] == pytest.approx((up[k] - down[k]) / (2 * h), abs=1e-9)


def test_logsumexp_is_stable():
    assert logsumexp((1000.0, 1000.0)) == pytest.approx(1000.0 + math.log(2.0), rel=1e-15)
    assert logsumexp((-1000.0, 0.0)) == 0.0  # exp(-1000) is far below an ulp of 1
    assert SOFTMAX.layer_values((1000.0, 0.0)) == [1.0, 0.0]  # no overflow


def test_mazur_softmax_engine_reference_sympy_finite_differences():
    ex = mazur_softmax()
    result = backward(ex.network, ex.inputs, ex.targets)
    assert result.gradients == backprop(ex.network, ex.inputs, ex.targets)  # to the last bit
    check = mazur_nn.gradient_check(ex.network, ex.inputs, ex.targets)
    assert check.max_difference < 1e-8
    for row in check.rows.values():
        assert row.chain == pytest.approx(row.sympy, rel=1e-9, abs=1e-12)
    # The well-known result: delta_oj = out_oj - t_j (the engine multiplies
    # out the chain rule, so they agree to rounding only).
    for o, t in zip(ex.network.names.neurons[-1], ex.targets):
        assert result[f"delta_{o}"] == pytest.approx(result.forward[f"out_{o}"] - t, abs=1e-15)


def test_every_output_depends_on_every_net_input():
    ex = mazur_softmax()
    result = backward(ex.network, ex.inputs, ex.targets)
    (delta, local) = result.chain["w5"]
    assert (delta.name, local.name) == ("dE_total/dnet_o1", "dnet_o1/dw5")
    paths = [[f.name for f in path.terms[0]] for (path,) in delta.terms]
    assert paths == [
        ["dE_total/dout_o1", "dout_o1/dnet_o1"],
        ["dE_total/dout_o2", "dout_o2/dnet_o1"],
    ]
    out_o1, out_o2 = result.forward["out_o1"], result.forward["out_o2"]
    assert result["dout_o2/dnet_o1"] == -out_o2 * out_o1
    assert result["dout_o1/dnet_o1"] == out_o1 * (1.0 - out_o1)
    assert delta.value == sum(math.prod(f.value for f in path.terms[0]) for (path,) in delta.terms)
    # a hidden neuron's paths go through each softmax output's delta
    (error, _slope, _local) = result.chain["w1"]
    assert [p.name for (p,) in error.terms] == [
        "dE_total/dout_h1 via o1",
        "dE_total/dout_h1 via o2",
    ]


def test_the_error_is_the_cross_entropy():
    ex = mazur_softmax()
    values = forward(ex.network, ex.inputs, ex.targets)
    outs = softmax([values["net_o1"], values["net_o2"]])
    expected = -math.fsum(t * math.log(o) for t, o in zip(ex.targets, outs))
    assert values["E_total"] == pytest.approx(expected, rel=1e-14)


def test_saturated_softmax_keeps_a_finite_error_and_names_the_slope():
    ex = mazur_softmax().with_parameters({"w5": 2000.0})
    values = forward(ex.network, ex.inputs, ex.targets)
    assert values["out_o2"] == 0.0  # exp(-1000 or so) underflows
    lse = max(values["net_o1"], values["net_o2"])  # the other term is below an ulp
    assert values["E_o2"] == pytest.approx(0.99 * (lse - values["net_o2"]), rel=1e-15)
    assert math.isfinite(values["E_total"])
    with pytest.raises(ValueError, match=r"^backward pass: dE_total/dout_o2 divides by 0"):
        backward(ex.network, ex.inputs, ex.targets)


def test_training_into_saturation_names_the_round_whose_backward_pass_failed():
    ex = mazur_softmax(targets=(0.0, 1.0)).with_parameters({"w5": 2000.0})
    with pytest.raises(
        mazur_nn.TrainingDiverged,
        match=r"^training stopped at round 1 of 3: "
        r"dE_total/dout_o2 divides by 0",
    ) as caught:
        ex.train(3)
    assert caught.value.round == 1 and caught.value.history == []
    kept = ex.train(3, on_overflow="stop")
    assert kept.network == ex.network and kept.stopped.startswith("training stopped at round 1")


def test_layer_api_gives_the_same_numbers():
    ex = mazur_softmax()
    layers = from_network(ex.network)
    assert repr(layers) == (
        "Sequential([Dense(2 -> 2), Sigmoid(), Dense(2 -> 2), Softmax()], cross_entropy)"
    )
    X, T = np.array(ex.inputs)[:, None], np.array(ex.targets)[:, None]
    passed = layers.forward(X)
    gradients = gradients_by_name(ex.network, layers.backward(passed, T))
    assert gradients == backward(ex.network, ex.inputs, ex.targets).gradients  # to the last bit
    error = forward(ex.network, ex.inputs, ex.targets)["E_total"]
    assert layers.loss.value(passed.output, T) == pytest.approx(error, rel=1e-14)


def test_softmax_and_cross_entropy_layers_by_hand():
    net = Sequential([Dense.from_values([[1.0, -1.0], [0.5, 2.0]], [0.0, 0.1]), Softmax()])
    net = Sequential(net.layers, CrossEntropy())
    X, T = np.array([[0.3, -0.2], [0.8, 0.4]]), np.array([[1.0, 0.25], [0.0, 0.75]])
    passed = net.forward(X)
    assert passed.output.sum(axis=0) == pytest.approx([1.0, 1.0])
    dZ = net.backward(passed, T)[1].dX  # through the softmax: (out - t) / m
    assert dZ == pytest.approx((passed.output - T) / 2, abs=1e-15)
    with pytest.raises(ValueError, match=r"^targets \(column 1\): t1 \+ t2 = 1\.05"):
        net.loss.value(passed.output, np.array([[1.0, 0.3], [0.0, 0.75]]))


def test_training_lowers_the_cross_entropy():
    training = mazur_softmax().train(200)
    assert training.history[0] > training.history[-1] > training.E_total
    assert training.outputs["o1"] == pytest.approx(0.01, abs=0.01)


# -- refusals and what is allowed ---------------------------------------------------------


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (
            lambda: Network.create([2, 2, 2], ["softmax", "sigmoid"]),
            r"^activations: softmax is allowed only in the output layer .* hidden layer 1$",
        ),
        (
            lambda: Network.create([2, 2, 1], ["sigmoid", "softmax"]),
            r"^activations: softmax needs 2 outputs or more .* got 1$",
        ),
        (
            lambda: Network.create([2, 2, 2], ["sigmoid", "tanh"], "cross_entropy"),
            r"^loss: cross_entropy needs outputs in \(0, 1\); use softmax or sigmoid .* not tanh$",
        ),
        (
            lambda: mazur_softmax(targets=(0.2, 0.9)),
            r"^targets: t1 \+ t2 = 1\.1 is not allowed; cross_entropy needs targets that add "
            r"up to 1 \(within 1e-09\), such as 0\.2 and 0\.8$",
        ),
        (
            lambda: mazur_softmax(targets=(0.3, 0.5)),
            r"^targets: t1 \+ t2 = 0\.8 .* such as 0\.3 and 0\.7$",
        ),
        (
            lambda: mazur_softmax(targets=(-0.5, 1.5)),
            r"^targets\[t1\]: -0\.5 is outside \[0, 1\], which cross_entropy needs$",
        ),
    ],
)
def test_refusals_name_the_field(make, message):
    with pytest.raises(ValueError, match=message):
        make()


def test_targets_summing_to_one_within_rounding_are_allowed():
    assert mazur_softmax(targets=(0.1 + 0.2, 0.7)).targets == (0.1 + 0.2, 0.7)


@pytest.mark.parametrize(
    ("activations", "loss"),
    [
        (["sigmoid", "sigmoid"], "cross_entropy"),  # allowed: outputs in (0, 1)
        (["tanh", "softmax"], "half_squared_error"),  # allowed: the Jacobian is the same
        (["sigmoid", "softmax"], "mse"),
        (["relu", "softmax"], "binary_cross_entropy"),
    ],
)
def test_other_pairings_are_allowed_and_right(activations, loss):
    network = Network.create([2, 3, 2], activations, loss, "per_neuron", seed=3)
    check = mazur_nn.gradient_check(network, (0.4, -0.7), (0.25, 0.75))
    assert check.max_difference < 1e-8
    assert backward(network, (0.4, -0.7), (0.25, 0.75)).gradients == backprop(
        network, (0.4, -0.7), (0.25, 0.75)
    )


def test_registry_entries_are_complete():
    ce = get_loss("cross_entropy")
    assert ce.targets == "probability" and "softmax" in ce.outputs
    assert SOFTMAX.layerwise and SOFTMAX.cross_slope_code and SOFTMAX.log_code


# -- random networks with a softmax output and the cross-entropy ---------------------------

unit = st.floats(min_value=-1.0, max_value=1.0, allow_nan=False, allow_infinity=False)


@st.composite
def softmax_examples(draw):
    hidden = draw(st.lists(st.integers(1, 3), min_size=0, max_size=2))
    sizes = [draw(st.integers(1, 3)), *hidden, draw(st.integers(2, 4))]
    elementwise = ["sigmoid", "tanh", "linear"]  # no kink for a finite difference to cross
    activations = [draw(st.sampled_from(elementwise)) for _ in hidden] + ["softmax"]
    bias_mode = draw(st.sampled_from(["shared", "per_neuron"]))
    names = Network.create(sizes, activations, "cross_entropy", bias_mode).names
    weights = draw(st.lists(unit, min_size=len(names.weights), max_size=len(names.weights)))
    biases = draw(st.lists(unit, min_size=len(names.biases), max_size=len(names.biases)))
    network = Network.create(sizes, activations, "cross_entropy", bias_mode, weights, biases)
    inputs = draw(st.lists(unit, min_size=sizes[0], max_size=sizes[0]))
    raw = draw(st.lists(st.floats(0.0, 1.0), min_size=sizes[-1], max_size=sizes[-1]))
    raw = [*raw[:-1], raw[-1] + 0.1]  # never all 0
    targets = [r / math.fsum(raw) for r in raw]
    return network, inputs, targets


@settings(max_examples=40, deadline=None)
@given(softmax_examples())
def test_random_softmax_networks_chain_sympy_finite_differences(example):
    network, inputs, targets = example
    check = mazur_nn.gradient_check(network, inputs, targets)
    for name, row in check.rows.items():
        assert abs(row.chain - row.sympy) <= 1e-12 + 1e-9 * abs(row.sympy), (name, row)
        assert abs(row.finite_difference - row.sympy) <= 1e-6 + 1e-5 * abs(row.sympy), (name, row)


@settings(max_examples=60, deadline=None)
@given(softmax_examples())
def test_random_softmax_networks_engine_reference_layers(example):
    network, inputs, targets = example
    result = backward(network, inputs, targets)
    assert result.gradients == backprop(network, inputs, targets)
    layers = from_network(network)
    X, T = np.array(inputs)[:, None], np.array(targets)[:, None]
    by_layers = gradients_by_name(network, layers.backward(layers.forward(X), T))
    assert by_layers == result.gradients
    for name, factors in result.chain.items():
        product = math.prod(f.value for f in factors)
        assert abs(product - result.gradients[name]) <= 1e-15 + 1e-12 * abs(product), name
    for o, t in zip(network.names.neurons[-1], targets):
        assert result[f"delta_{o}"] == pytest.approx(result.forward[f"out_{o}"] - t, abs=1e-14)
