"""Building networks, their names and wiring, configs, update and train."""

import json
import math

import pytest

import mazur_nn
from mazur_nn import Config, Network, mazur_example

SIZES = [[2, 2, 2], [2, 3, 1], [3, 4, 2], [4, 8, 4, 2]]
ACTIVATIONS = ["sigmoid", "tanh", "relu", "linear"]
LOSSES = ["half_squared_error", "mse", "binary_cross_entropy"]
BIAS_MODES = ["shared", "per_neuron"]


# -- an independent reference forward pass ----------------------------------------

REFERENCE_ACTIVATIONS = {
    "sigmoid": lambda x: 1.0 / (1.0 + math.exp(-x)),
    "tanh": math.tanh,
    "relu": lambda x: max(x, 0.0),
    "linear": lambda x: x,
}


def reference_loss(loss, targets, outs):
    n = len(outs)
    if loss == "half_squared_error":
        return [0.5 * (t - o) ** 2 for t, o in zip(targets, outs, strict=True)]
    if loss == "mse":
        return [(t - o) ** 2 / n for t, o in zip(targets, outs, strict=True)]
    return [
        -(t * math.log(o) + (1 - t) * math.log(1 - o)) / n
        for t, o in zip(targets, outs, strict=True)
    ]


def reference_forward(sizes, activations, loss, bias_mode, weights, biases, inputs, targets):
    """Forward pass written from the documented conventions only: weights
    numbered layer by layer, then by the neuron they feed, then by the neuron
    they come from; one bias per layer (shared) or one per neuron.
    Returns per-layer lists of (net, out) and the list of output errors."""
    weights, biases = list(weights), list(biases)
    layers = []
    previous = list(inputs)
    for layer, size in enumerate(sizes[1:]):
        if bias_mode == "shared":
            layer_biases = [biases.pop(0)] * size
        else:
            layer_biases = [biases.pop(0) for _ in range(size)]
        f = REFERENCE_ACTIVATIONS[activations[layer]]
        nets, outs = [], []
        for j in range(size):
            row = [weights.pop(0) for _ in previous]
            net = sum(w * x for w, x in zip(row, previous, strict=True)) + layer_biases[j]
            nets.append(net)
            outs.append(f(net))
        layers.append(list(zip(nets, outs, strict=True)))
        previous = outs
    assert not weights and not biases
    return layers, reference_loss(loss, targets, previous)


def neuron_names(sizes):
    """The documented neuron names of the non-input layers."""
    hidden = len(sizes) - 2
    names = []
    for layer, size in enumerate(sizes[1:], start=1):
        if layer == len(sizes) - 1:
            prefix = "o"
        elif hidden == 1:
            prefix = "h"
        else:
            prefix = f"h{layer}_"
        names.append([f"{prefix}{k}" for k in range(1, size + 1)])
    return names


def build_cases():
    for sizes in SIZES:
        for activation in ACTIVATIONS:
            for loss in LOSSES:
                for bias_mode in BIAS_MODES:
                    if loss == "binary_cross_entropy" and activation != "sigmoid":
                        continue
                    yield sizes, activation, loss, bias_mode


BUILD_CASES = list(build_cases())


def case_id(case):
    sizes, activation, loss, bias_mode = case
    return f"{'-'.join(map(str, sizes))}-{activation}-{loss}-{bias_mode}"


@pytest.mark.parametrize("case", BUILD_CASES, ids=case_id)
def test_forward_matches_reference(case):
    sizes, activation, loss, bias_mode = case
    network = Network.create(sizes, activation, loss, bias_mode, seed=7)
    inputs = [0.1 * (k + 1) * (-1) ** k for k in range(sizes[0])]
    targets = [0.2 + 0.6 * k / max(sizes[-1] - 1, 1) for k in range(sizes[-1])]
    activations = [activation] * (len(sizes) - 1)
    layers, errors = reference_forward(
        sizes, activations, loss, bias_mode, network.weights, network.biases, inputs, targets
    )
    result = mazur_nn.forward(network, inputs, targets)
    for names, expected in zip(neuron_names(sizes), layers, strict=True):
        for name, (net, out) in zip(names, expected, strict=True):
            assert result[f"net_{name}"] == pytest.approx(net, rel=1e-12, abs=1e-15)
            assert result[f"out_{name}"] == pytest.approx(out, rel=1e-12, abs=1e-15)
    outputs = neuron_names(sizes)[-1]
    for name, error in zip(outputs, errors, strict=True):
        assert result[f"E_{name}"] == pytest.approx(error, rel=1e-12, abs=1e-15)
    assert result["E_total"] == pytest.approx(sum(errors), rel=1e-12, abs=1e-15)


@pytest.mark.parametrize("case", BUILD_CASES, ids=case_id)
def test_network_shape_and_parameter_count(case):
    sizes, activation, loss, bias_mode = case
    network = Network.create(sizes, activation, loss, bias_mode)
    weight_count = sum(a * b for a, b in zip(sizes, sizes[1:]))
    bias_count = len(sizes) - 1 if bias_mode == "shared" else sum(sizes[1:])
    assert network.sizes == tuple(sizes)
    assert network.activations == (activation,) * (len(sizes) - 1)
    assert network.loss == loss
    assert network.bias_mode == bias_mode
    assert len(network.weights) == weight_count
    assert len(network.biases) == bias_count
    assert list(network.parameters)[:weight_count] == [f"w{k}" for k in range(1, weight_count + 1)]


def test_activation_per_layer():
    network = Network.create([2, 3, 1], ["relu", "sigmoid"], "binary_cross_entropy", seed=1)
    inputs, targets = [0.5, -0.25], [1.0]
    layers, errors = reference_forward(
        network.sizes,
        ["relu", "sigmoid"],
        "binary_cross_entropy",
        "shared",
        network.weights,
        network.biases,
        inputs,
        targets,
    )
    result = mazur_nn.forward(network, inputs, targets)
    assert result["out_h2"] == pytest.approx(layers[0][1][1], rel=1e-12, abs=1e-15)
    assert result["E_total"] == pytest.approx(errors[0], rel=1e-12)


# -- Mazur's wiring, by hand -----------------------------------------------------


def sigmoid(x):
    return 1.0 / (1.0 + math.exp(-x))


def test_mazur_wiring_with_distinct_weights():
    # All weights different, so swapping any two (e.g. w2 and w3, the post's
    # typo) would show.
    w1, w2, w3, w4, w5, w6, w7, w8 = 0.11, -0.23, 0.37, 0.41, -0.53, 0.67, 0.71, -0.83
    b1, b2 = 0.13, -0.29
    i1, i2 = 0.05, 0.10
    network = Network.create([2, 2, 2], weights=[w1, w2, w3, w4, w5, w6, w7, w8], biases=[b1, b2])
    result = mazur_nn.forward(network, [i1, i2], [0.01, 0.99])
    net_h1 = w1 * i1 + w2 * i2 + b1
    net_h2 = w3 * i1 + w4 * i2 + b1
    out_h1, out_h2 = sigmoid(net_h1), sigmoid(net_h2)
    net_o1 = w5 * out_h1 + w6 * out_h2 + b2
    net_o2 = w7 * out_h1 + w8 * out_h2 + b2
    out_o1, out_o2 = sigmoid(net_o1), sigmoid(net_o2)
    e_total = 0.5 * (0.01 - out_o1) ** 2 + 0.5 * (0.99 - out_o2) ** 2
    assert result["net_h1"] == pytest.approx(net_h1, rel=1e-14)
    assert result["net_h2"] == pytest.approx(net_h2, rel=1e-14)
    assert result["net_o1"] == pytest.approx(net_o1, rel=1e-14)
    assert result["net_o2"] == pytest.approx(net_o2, rel=1e-14)
    assert result["E_total"] == pytest.approx(e_total, rel=1e-14)


def test_mazur_net_h1_is_exact():
    assert mazur_example().forward()["net_h1"] == 0.15 * 0.05 + 0.20 * 0.10 + 0.35


def test_mazur_weight_matrix_names():
    names = mazur_example().network.names
    assert names.weight_matrix == (
        (("w1", "w2"), ("w3", "w4")),
        (("w5", "w6"), ("w7", "w8")),
    )


def test_source_shows_mazur_formula():
    assert "net_h1 = w1 * i1 + w2 * i2 + b1" in mazur_nn.source(mazur_example().network)


def test_source_shows_output_formula():
    assert "net_o2 = w7 * out_h1 + w8 * out_h2 + b2" in mazur_nn.source(mazur_example().network)


# -- names ---------------------------------------------------------------------------


def test_names_for_two_hidden_layers():
    network = Network.create([2, 3, 2, 1])
    assert network.names.neurons == (
        ("i1", "i2"),
        ("h1_1", "h1_2", "h1_3"),
        ("h2_1", "h2_2"),
        ("o1",),
    )


def test_forward_values_for_two_hidden_layers():
    values = mazur_nn.forward(Network.create([2, 3, 2, 1]), [0.1, 0.2]).values
    assert list(values) == [
        "net_h1_1",
        "out_h1_1",
        "net_h1_2",
        "out_h1_2",
        "net_h1_3",
        "out_h1_3",
        "net_h2_1",
        "out_h2_1",
        "net_h2_2",
        "out_h2_2",
        "net_o1",
        "out_o1",
    ]


def test_source_for_two_hidden_layers():
    code = mazur_nn.source(Network.create([2, 3, 2, 1]))
    assert "net_h2_1 = w7 * out_h1_1 + w8 * out_h1_2 + w9 * out_h1_3 + b2" in code
    assert "net_o1 = w13 * out_h2_1 + w14 * out_h2_2 + b3" in code


def test_shared_bias_names():
    assert Network.create([4, 8, 4, 2]).names.biases == ("b1", "b2", "b3")


def test_per_neuron_bias_names():
    network = Network.create([2, 2, 2], bias_mode="per_neuron")
    assert network.names.biases == ("b_h1", "b_h2", "b_o1", "b_o2")


def test_per_neuron_bias_names_two_hidden_layers():
    network = Network.create([1, 2, 1, 1], bias_mode="per_neuron")
    assert network.names.biases == ("b_h1_1", "b_h1_2", "b_h2_1", "b_o1")


def test_per_neuron_bias_feeds_its_own_neuron():
    network = Network.create(
        [2, 2, 2],
        bias_mode="per_neuron",
        weights=[0.15, 0.20, 0.25, 0.30, 0.40, 0.45, 0.50, 0.55],
        biases={"b_h1": 0.35, "b_h2": -0.1, "b_o1": 0.6, "b_o2": 0.0},
    )
    values = mazur_nn.forward(network, [0.05, 0.10]).values
    assert values["net_h1"] == pytest.approx(0.15 * 0.05 + 0.20 * 0.10 + 0.35, rel=1e-15)
    assert values["net_h2"] == pytest.approx(0.25 * 0.05 + 0.30 * 0.10 - 0.1, rel=1e-15)


def test_parameters_are_weights_then_biases():
    network = mazur_example().network
    assert list(network.parameters) == ["w1", "w2", "w3", "w4", "w5", "w6", "w7", "w8", "b1", "b2"]


# -- seeds and given weights ----------------------------------------------------------


def test_seeded_weights_are_deterministic():
    first = Network.create([3, 4, 2], seed=11)
    second = Network.create([3, 4, 2], seed=11)
    assert first.weights == second.weights
    assert first.biases == second.biases


def test_seeded_weights_differ_across_seeds():
    assert Network.create([3, 4, 2], seed=1).weights != Network.create([3, 4, 2], seed=2).weights


def test_default_seed_is_zero():
    assert Network.create([3, 4, 2]).weights == Network.create([3, 4, 2], seed=0).weights


def test_seeded_weights_are_in_range_with_two_decimals():
    network = Network.create([4, 8, 4, 2], seed=5)
    for value in network.weights + network.biases:
        assert -1.0 <= value <= 1.0
        assert round(value, 2) == value


def test_weights_given_as_mapping():
    mapping = {f"w{k}": k / 10 for k in range(8, 0, -1)}  # out of order on purpose
    network = Network.create([2, 2, 2], weights=mapping, biases={"b2": 0.6, "b1": 0.35})
    assert network.weights == (0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8)
    assert network.biases == (0.35, 0.6)
    assert network.parameters["w6"] == 0.6


def test_weights_given_as_list_are_floats():
    network = Network.create([1, 1], weights=[1], biases=[0])
    assert network.weights == (1.0,)
    assert isinstance(network.weights[0], float)


def test_with_parameters_returns_new_network():
    network = mazur_example().network
    changed = network.with_parameters({"w5": 1.5, "b1": 0.0})
    assert changed.parameters["w5"] == 1.5
    assert changed.parameters["b1"] == 0.0
    assert network.parameters["w5"] == 0.40
    assert network.parameters["b1"] == 0.35


# -- config -------------------------------------------------------------------------


def test_config_dict_round_trip():
    config = mazur_example(update_biases=True, hidden_uses="updated")
    assert Config.from_dict(config.to_dict()) == config


def test_config_dict_round_trip_per_neuron():
    data = {
        "layers": [3, 4, 2],
        "activations": ["tanh", "sigmoid"],
        "loss": "binary_cross_entropy",
        "bias_mode": "per_neuron",
        "seed": 3,
        "inputs": [0.1, 0.2, 0.3],
        "targets": [0.0, 1.0],
        "learning_rate": 0.25,
    }
    config = Config.from_dict(data)
    assert config.network.activations == ("tanh", "sigmoid")
    assert config.learning_rate == 0.25
    assert Config.from_dict(config.to_dict()) == config


def test_config_json_round_trip(tmp_path):
    config = mazur_example()
    path = tmp_path / "mazur.json"
    path.write_text(json.dumps(config.to_dict()), encoding="utf-8")
    assert Config.from_json(path) == config


def test_config_to_dict_is_json_ready():
    data = mazur_example().to_dict()
    assert json.loads(json.dumps(data)) == data
    assert data["weights"] == [0.15, 0.20, 0.25, 0.30, 0.40, 0.45, 0.50, 0.55]
    assert data["biases"] == [0.35, 0.60]
    assert data["inputs"] == [0.05, 0.10]
    assert data["targets"] == [0.01, 0.99]


def test_config_defaults():
    config = Config.from_dict({"layers": [2, 2], "inputs": [1, 2], "targets": [0, 1]})
    assert config.network.activations == ("sigmoid",)
    assert config.network.loss == "half_squared_error"
    assert config.network.bias_mode == "shared"
    assert config.learning_rate == 0.5
    assert config.update_biases is False
    assert config.hidden_uses == "original"


def test_config_replace_changes_one_key():
    config = mazur_example().replace(learning_rate=0.1)
    assert config.learning_rate == 0.1
    assert config.network == mazur_example().network


# -- update and train ---------------------------------------------------------------


def test_update_without_biases_keeps_biases():
    example = mazur_example()
    gradients = example.backward()
    updated = mazur_nn.update(example.network, gradients, 0.5, update_biases=False)
    assert updated.biases == example.network.biases
    for w in example.network.names.weights:
        expected = example.network.parameters[w] - 0.5 * gradients.gradients[w]
        assert updated.parameters[w] == expected


def test_update_with_biases_moves_biases():
    example = mazur_example()
    gradients = example.backward()
    updated = mazur_nn.update(example.network, gradients, 0.5, update_biases=True)
    for p, value in example.network.parameters.items():
        assert updated.parameters[p] == value - 0.5 * gradients.gradients[p]
    assert updated.biases != example.network.biases


def test_shared_bias_gradient_sums_both_neurons():
    result = mazur_example().backward()
    assert result.gradients["b1"] == pytest.approx(
        result.values["delta_h1"] + result.values["delta_h2"], rel=1e-15
    )


def test_update_rejects_gradients_of_another_network():
    example = mazur_example()
    other = example.network.with_parameters({"w1": 0.9})
    with pytest.raises(ValueError, match="different network"):
        mazur_nn.update(other, example.backward(), 0.5)


def test_update_returns_new_network_and_keeps_old():
    example = mazur_example()
    updated = example.update()
    assert updated is not example.network
    assert example.network.parameters["w5"] == 0.40
    assert updated.parameters["w5"] != 0.40


@pytest.mark.parametrize("rounds", [0, 1, 2, 17])
def test_train_history_length(rounds):
    assert len(mazur_example().train(rounds).history) == rounds
    assert mazur_example().train(rounds).rounds == rounds


def test_train_history_starts_with_initial_error():
    history = mazur_example().train(3).history
    assert f"{history[0]:.9f}" == "0.298371109"
    assert f"{history[1]:.9f}" == "0.291027774"


def test_train_zero_rounds_keeps_network():
    result = mazur_example().train(0)
    assert result.network == mazur_example().network
    assert result.E_total == mazur_example().forward()["E_total"]


def test_train_error_decreases_monotonically_for_mazur():
    result = mazur_example().train(1000)
    history = list(result.history) + [result.E_total]
    assert all(b < a for a, b in zip(history, history[1:]))


def test_train_final_matches_forward_of_trained_network():
    example = mazur_example()
    result = example.train(5)
    again = mazur_nn.forward(result.network, example.inputs, example.targets)
    assert result.final.values == again.values


def test_train_does_not_change_the_starting_network():
    example = mazur_example()
    example.train(10)
    assert example.network == mazur_example().network


@pytest.mark.parametrize("update_biases", [False, True])
def test_train_two_rounds_equals_two_updates(update_biases):
    example = mazur_example(update_biases=update_biases)
    network = example.network
    for _ in range(2):
        network = mazur_nn.update(
            network,
            mazur_nn.backward(network, example.inputs, example.targets),
            example.learning_rate,
            update_biases=update_biases,
        )
    assert example.train(2).network == network
