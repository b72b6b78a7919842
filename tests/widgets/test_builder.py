"""The builder driven from Python: every control, its limits, refusals that
keep what was typed, and the JSON round trip (the browser test clicks it)."""

import html
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import mazur_nn
from mazur_nn.core.config import Config
from mazur_nn.core.functions import ACTIVATIONS, LOSSES, activations_for
from mazur_nn.core.numbers import format_number
from mazur_nn.core.reshape import MAX_BUILDER_NEURONS, MAX_HIDDEN_LAYERS, reshaped
from mazur_nn.course.steps import build_lesson
from mazur_nn.widgets import Builder


def _builder(config=None):
    return Builder(config, prefetch=False)


def _steps(config):
    return [s.name for s in build_lesson(config).steps]


def test_a_neuron_added_and_removed_and_the_stepper_follows():
    builder = _builder()
    builder.add_neuron(1)
    assert builder.shape == "2-3-2"
    assert [s.name for s in builder.stepper.lesson.steps] == _steps(builder.config)
    assert builder.stepper.position.value.startswith(f"step 1 of {len(_steps(builder.config))}")
    assert "Network 2-3-2" in builder.announce.value
    # The weights the post's network had keep their values (w5 is now w7).
    assert builder.config.network.parameters["w7"] == 0.4
    assert builder.playground.boxes["w7"].value == "0.4"
    builder.remove_neuron(1)
    assert builder.shape == "2-2-2"
    assert builder.config.network.parameters["w5"] == 0.4


def test_layers_added_and_removed_within_the_limits():
    builder = _builder()
    for _ in range(MAX_HIDDEN_LAYERS - 1):
        builder.add_layer()
    assert len(builder.config.network.sizes) == MAX_HIDDEN_LAYERS + 2
    assert builder.add_layer_button.disabled
    builder.add_layer()  # a click the disabled button cannot make: refused, nothing changes
    assert len(builder.config.network.sizes) == MAX_HIDDEN_LAYERS + 2
    assert "layers: 7 layers is not allowed" in builder.message_text
    builder.remove_layer(2)
    assert builder.shape == "2-2-2-2-2" and builder.message_text == ""
    assert not builder.add_layer_button.disabled
    for _ in range(3):
        builder.remove_layer(1)
    assert builder.shape == "2-2"
    assert builder.columns[1].remove.layout.display == "none"  # the outputs stay


def test_neurons_within_one_to_eight_in_every_layer():
    builder = _builder()
    for _ in range(MAX_BUILDER_NEURONS - 2):
        builder.add_neuron(0)
    assert builder.config.network.sizes[0] == MAX_BUILDER_NEURONS
    assert builder.columns[0].more.disabled
    builder.add_neuron(0)
    assert (
        builder.message_text == "layers[1]: 9 is not allowed; expected a whole number from 1 to 8"
    )
    assert builder.config.network.sizes[0] == MAX_BUILDER_NEURONS
    builder.remove_neuron(2)
    assert builder.config.network.sizes[-1] == 1 and builder.columns[2].fewer.disabled
    builder.remove_neuron(2)
    assert builder.message_text.startswith("layers[3]: 0 is not allowed")


def test_the_largest_network_it_offers_is_readable():
    config = reshaped(mazur_nn.mazur_example(), [4, 8, 4, 2])
    builder = _builder(config)
    assert builder.shape == "4-8-4-2"
    svg = builder.stepper.diagram.svg
    for name in config.network.names.parameters:
        assert f'data-name="{name}"' in svg
    assert len(builder.playground.boxes) == 4 + 2 + len(config.network.names.parameters) + 1


def test_every_activation_loss_and_bias_mode_of_the_registry():
    builder = _builder()
    hidden_menu = builder.columns[1].activation.options
    assert tuple(hidden_menu) == activations_for(output=False)
    assert tuple(builder.columns[2].activation.options) == tuple(ACTIVATIONS)
    assert tuple(builder.loss.options) == tuple(LOSSES)
    builder.set_activation(1, "tanh")
    assert builder.config.network.activations == ("tanh", "sigmoid")
    assert "tanh" in builder.stepper.lesson.step("out_h1").text
    builder.bias_mode.value = "per_neuron"
    assert builder.config.network.names.biases == ("b_h1", "b_h2", "b_o1", "b_o2")
    assert builder.config.network.parameters["b_h2"] == 0.35
    builder.loss.value = "mse"
    assert builder.config.network.loss == "mse"
    assert builder.playground.summary.value.startswith(
        f"<b>E_total = {format_number(builder.config.forward()['E_total'])}"
    )


def test_a_refused_choice_keeps_the_last_network_and_says_why():
    builder = _builder()
    builder.set_activation(2, "relu")
    builder.loss.value = "binary_cross_entropy"  # needs a sigmoid output
    assert builder.message_text.startswith("loss: binary_cross_entropy needs outputs in (0, 1)")
    assert builder.loss.value == "binary_cross_entropy"  # what was chosen stays chosen
    assert builder.config.network.loss == "half_squared_error"  # the network stays
    assert "⚠" in builder.message.value and "last valid network" in builder.message.value


def test_weights_from_a_seed_or_typed():
    builder = _builder()
    builder.seed.value = "5"
    builder.draw_weights()
    expected = Config.from_dict(
        {"layers": [2, 2, 2], "seed": 5, "inputs": [0, 0], "targets": [0, 0]}
    )
    assert builder.config.network.weights == expected.network.weights
    builder.playground.set_text("w1", "0.75")
    assert builder.config.network.parameters["w1"] == 0.75
    assert '"weights": [0.75,' in builder.json_text  # the JSON follows what is typed
    builder.seed.value = "five"
    builder.draw_weights()
    assert builder.message_text.startswith('seed: "five" is not a whole number')
    assert builder.seed.invalid and builder.seed.value == "five"
    assert builder.config.network.parameters["w1"] == 0.75


def test_a_typed_number_that_cannot_be_used_keeps_its_text():
    builder = _builder()
    builder.add_neuron(1)
    builder.playground.set_text("w3", "abc")
    assert builder.playground.boxes["w3"].invalid
    assert builder.playground.boxes["w3"].value == "abc"
    assert builder.shape == "2-3-2"


def test_json_copied_and_loaded_back():
    builder = _builder()
    builder.add_layer()
    builder.set_activation(1, "tanh")
    text = builder.json_text
    assert Config.from_json_text(text) == builder.config
    assert html.unescape(builder.json_view.value).count(text) == 1
    other = _builder()
    other.load_box.receive({"event": "submit", "text": text})  # the press, as the page sends it
    assert other.config == builder.config and other.shape == "2-2-2-2"
    assert [c.activation.value for c in other.columns[1:3]] == ["tanh", "sigmoid"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{", "config: not valid JSON"),
        ('{"layers": [2, 2], "inputs": [1, 2], "targets": [0, 1], "speed": 3}', "config: unknown"),
        ('{"layers": [2, 9, 2], "inputs": [1, 2], "targets": [0, 1]}', "layers[2]: 9 is not"),
        ('{"layers": [2, 2], "inputs": [1], "targets": [0, 1]}', "inputs: expected 2"),
        ('{"layers": [2, 2], "inputs": [1, 2], "targets": [0, NaN]}', "targets[t2]: nan is not"),
        ("", "config: not valid JSON"),
    ],
)
def test_a_load_that_cannot_be_used_keeps_the_text_and_the_network(text, message):
    builder = _builder()
    builder.add_neuron(0)
    builder.load_box.receive({"event": "submit", "text": text})
    assert builder.message_text.startswith(message)
    assert builder.load_box.value == text
    assert builder.shape == "3-2-2"


@settings(max_examples=15, deadline=None)
@given(
    sizes=st.lists(st.integers(1, 4), min_size=2, max_size=4),
    seed=st.integers(0, 1000),
    bias_mode=st.sampled_from(["shared", "per_neuron"]),
)
def test_json_round_trip_for_random_networks(sizes, seed, bias_mode):
    config = Config.from_dict(
        {
            "layers": sizes,
            "bias_mode": bias_mode,
            "seed": seed,
            "inputs": [0.5] * sizes[0],
            "targets": [0.25] * sizes[-1],
        }
    )
    builder = _builder()
    builder.load(json.dumps(config.to_dict()))
    assert builder.config == config
    again = _builder()
    again.load(builder.json_text)
    assert again.config == config


def test_it_names_itself_in_words():
    assert repr(_builder()).startswith("Network builder, now 2-2-2")


def test_prefetch_makes_the_next_shapes_ahead():
    builder = Builder()
    builder.prefetch.wait_for([2, 3, 2])  # the thread's first shapes: a neuron more
    builder.add_neuron(1)
    assert builder.shape == "2-3-2"
