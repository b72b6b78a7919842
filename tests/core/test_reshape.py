"""A network made larger or smaller keeps every weight that joins the same
two neurons, draws the rest from the seed, and stays inside the builder's
limits; a config's JSON text reads back to the same config."""

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mazur_nn.core.config import MAX_CONFIG_BYTES, MAX_CONFIG_DEPTH, Config, mazur_example
from mazur_nn.core.functions import ACTIVATIONS, LOSSES, activations_for
from mazur_nn.core.network import Network
from mazur_nn.core.reshape import (
    MAX_BUILDER_NEURONS,
    MAX_HIDDEN_LAYERS,
    NEW_INPUT,
    NEW_TARGET,
    check_builder_sizes,
    redrawn,
    reshaped,
)

sizes_strategy = st.lists(
    st.integers(1, MAX_BUILDER_NEURONS), min_size=2, max_size=MAX_HIDDEN_LAYERS + 2
)


def _connections(config):
    """Each weight by (weight layer counted from the output, neuron fed,
    neuron it comes from): what a reshape must keep."""
    matrix = config.network.names.weight_matrix
    last = len(matrix) - 1
    return {
        (m if m < last else "out", j, k): config.network.parameters[name]
        for m, rows in enumerate(matrix)
        for j, row in enumerate(rows)
        for k, name in enumerate(row)
    }


@settings(max_examples=60, deadline=None)
@given(old=sizes_strategy, new=sizes_strategy, seed=st.integers(0, 1000))
def test_every_connection_both_networks_have_keeps_its_weight(old, new, seed):
    config = Config.from_dict(
        {"layers": old, "seed": seed, "inputs": [0.1] * old[0], "targets": [0.2] * old[-1]}
    )
    result = reshaped(config, new, seed=seed + 1)
    before, after = _connections(config), _connections(result)
    drawn = _connections(
        Config.from_dict(
            {"layers": new, "seed": seed + 1, "inputs": [0] * new[0], "targets": [0] * new[-1]}
        )
    )
    for key, value in after.items():
        assert value == before.get(key, drawn[key]), key
    assert result.network.sizes == tuple(new)
    assert result.inputs[: min(old[0], new[0])] == config.inputs[: min(old[0], new[0])]
    assert all(x == NEW_INPUT for x in result.inputs[old[0] :])
    assert all(t == NEW_TARGET for t in result.targets[old[-1] :])


def test_biases_are_kept_by_layer_and_neuron():
    per_neuron = reshaped(mazur_example(), [2, 2, 2], bias_mode="per_neuron")
    assert per_neuron.network.parameters["b_h2"] == 0.35
    assert per_neuron.network.parameters["b_o1"] == 0.6
    back = reshaped(
        per_neuron.with_parameters({"b_h1": 0.1, "b_h2": 0.9}), [2, 2, 2], bias_mode="shared"
    )
    assert back.network.parameters["b1"] == 0.1  # the layer's first neuron's
    wider = reshaped(mazur_example(), [2, 2, 2, 2])  # a new hidden layer before the outputs
    assert wider.network.parameters["b3"] == 0.6  # the outputs keep theirs
    assert wider.network.parameters["b1"] == 0.35


def test_a_new_hidden_layer_copies_the_last_hidden_activation():
    config = mazur_example().replace(activations=["tanh", "linear"])
    assert reshaped(config, [2, 2, 3, 2]).network.activations == ("tanh", "tanh", "linear")
    assert reshaped(config, [2, 2]).network.activations == ("linear",)
    assert reshaped(reshaped(config, [2, 2]), [2, 4, 2]).network.activations == (
        "linear",
        "linear",
    )


def test_hidden_menus_leave_out_output_only_activations():
    hidden, output = activations_for(output=False), activations_for(output=True)
    assert output == tuple(ACTIVATIONS)
    assert set(hidden) == {n for n, a in ACTIVATIONS.items() if not a.output_only}


@pytest.mark.parametrize(
    ("sizes", "message"),
    [
        ([2, 9, 2], "layers[2]: 9 is not allowed; expected a whole number from 1 to 8"),
        ([0, 2], "layers[1]: 0 is not allowed; expected a whole number from 1 to 8"),
        ([2], "layers: 1 layers is not allowed; expected 2 to 6 layers"),
        ([2] * 7, "layers: 7 layers is not allowed; expected 2 to 6 layers"),
        ("2-2-2", "layers: expected a list of layer sizes"),
        ([2, 2.0], "layers[2]: expected a whole number"),
    ],
)
def test_the_builder_limits_name_the_layer(sizes, message):
    with pytest.raises((TypeError, ValueError)) as error:
        check_builder_sizes(sizes)
    assert str(error.value).startswith(message)


def test_redrawn_draws_what_a_config_without_weights_draws():
    network = redrawn(mazur_example(), 7).network
    expected = Network.create([2, 2, 2], seed=7)
    assert (network.weights, network.biases) == (expected.weights, expected.biases)


@settings(max_examples=40, deadline=None)
@given(
    sizes=sizes_strategy,
    seed=st.integers(0, 10_000),
    loss=st.sampled_from(sorted(set(LOSSES) - {"binary_cross_entropy"})),
    bias_mode=st.sampled_from(["shared", "per_neuron"]),
    data=st.data(),
)
def test_json_text_reads_back_to_the_same_config(sizes, seed, loss, bias_mode, data):
    hidden = activations_for(output=False)
    activations = [data.draw(st.sampled_from(hidden)) for _ in sizes[2:]]
    if loss == "cross_entropy":  # outputs in (0, 1), targets a probability vector
        outputs = ["sigmoid", "softmax"] if sizes[-1] >= 2 else ["sigmoid"]
        targets = [1.0] + [0.0] * (sizes[-1] - 1)
    else:
        outputs = list(activations_for(output=True))
        if sizes[-1] < 2:
            outputs.remove("softmax")
        targets = [0.5] * sizes[-1]
    activations.append(data.draw(st.sampled_from(outputs)))
    config = Config.from_dict(
        {
            "layers": sizes,
            "activations": activations,
            "loss": loss,
            "bias_mode": bias_mode,
            "seed": seed,
            "inputs": [0.25] * sizes[0],
            "targets": targets,
            "learning_rate": 0.125,
        }
    )
    assert Config.from_json_text(json.dumps(config.to_dict())) == config


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{", "config: not valid JSON"),
        ('{"layers": [2, 2], "layers": [2, 2]}', "config: the key 'layers' appears twice"),
        ("[" * (MAX_CONFIG_DEPTH + 1) + "]" * (MAX_CONFIG_DEPTH + 1), "config: arrays and"),
        (" " * (MAX_CONFIG_BYTES + 1), "config: longer than"),
        ("[2, 2]", "config: expected a JSON object"),
        ('{"layers": [2, 2], "inputs": [1, 2], "targets": [0, 1], "speed": 3}', "config: unknown"),
    ],
)
def test_json_text_has_a_files_limits(text, message):
    with pytest.raises((TypeError, ValueError)) as error:
        Config.from_json_text(text)
    assert str(error.value).startswith(message)
