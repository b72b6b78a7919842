"""Bad input gives a ValueError or TypeError naming the field and what is allowed."""

import json
import math
import os

import numpy as np
import pytest

import mazur_nn
from mazur_nn import Config, Network, TrainingDiverged, mazur_example
from mazur_nn.core.config import MAX_CONFIG_BYTES, MAX_CONFIG_DEPTH

NAN = float("nan")
INF = float("inf")
MAZUR_WEIGHTS = [0.15, 0.20, 0.25, 0.30, 0.40, 0.45, 0.50, 0.55]
MAZUR_BIASES = [0.35, 0.60]
MAZUR_INPUTS = (0.05, 0.10)
MAZUR_TARGETS = (0.01, 0.99)


def minimal_config(**changes):
    return {"layers": [2, 2], "inputs": [0.1, 0.2], "targets": [0.0, 1.0], **changes}


# -- layer sizes --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sizes", "error", "message"),
    [
        ([], ValueError, r"layers: expected 2 to \d+ layer sizes.*got 0"),
        ([2], ValueError, r"layers: expected 2 to \d+ layer sizes.*got 1"),
        ([2, 2, 2, 2, 2, 2, 2], ValueError, r"layers: expected 2 to 6 layer sizes.*got 7"),
        ([2, 0, 2], ValueError, r"layers: a layer size must be from 1 to \d+, got 0"),
        ([2, -1, 2], ValueError, r"layers: a layer size must be from 1 to \d+, got -1"),
        ([2, 33, 2], ValueError, r"layers: a layer size must be from 1 to 32, got 33"),
        ([2, 1000, 2], ValueError, r"layers: a layer size must be from 1 to 32, got 1000"),
        ("2", TypeError, r"layers: expected a list of layer sizes.*'2'"),
        (2, TypeError, r"layers: expected a list of layer sizes"),
        (None, TypeError, r"layers: expected a list of layer sizes"),
        ([2.5, 2], TypeError, r"layers: every size must be a whole number, got 2\.5"),
        (["2", 2], TypeError, r"layers: every size must be a whole number, got '2'"),
        ([True, 2], TypeError, r"layers: every size must be a whole number, got True"),
    ],
    ids=[
        "empty",
        "one-layer",
        "too-many-layers",
        "zero",
        "negative",
        "too-big",
        "far-too-big",
        "text",
        "int",
        "none",
        "float-size",
        "text-size",
        "bool-size",
    ],
)
def test_bad_layer_sizes(sizes, error, message):
    with pytest.raises(error, match=message):
        Network.create(sizes)


def test_bad_layer_sizes_in_config():
    with pytest.raises(ValueError, match=r"layers: a layer size must be from 1"):
        Config.from_dict(minimal_config(layers=[2, 0]))


# -- parameter counts and values --------------------------------------------------------


def test_too_few_weights():
    with pytest.raises(ValueError, match=r"weights: expected 8 values \(w1\.\.w8\), got 7"):
        Network.create([2, 2, 2], weights=[0.1] * 7, biases=MAZUR_BIASES)


def test_too_many_weights():
    with pytest.raises(ValueError, match=r"weights: expected 8 values \(w1\.\.w8\), got 9"):
        Network.create([2, 2, 2], weights=[0.1] * 9, biases=MAZUR_BIASES)


def test_wrong_bias_count():
    with pytest.raises(ValueError, match=r"biases: expected 2 values \(b1\.\.b2\), got 4"):
        Network.create([2, 2, 2], weights=MAZUR_WEIGHTS, biases=[0.1] * 4)


def test_wrong_per_neuron_bias_count():
    with pytest.raises(ValueError, match=r"biases: expected 4 values \(b_h1\.\.b_o2\), got 2"):
        Network.create(
            [2, 2, 2], bias_mode="per_neuron", weights=MAZUR_WEIGHTS, biases=MAZUR_BIASES
        )


def test_weights_mapping_with_unknown_name():
    with pytest.raises(ValueError, match=r"weights: unknown name 'w9'; allowed are w1, w2"):
        Network.create([2, 2], weights={"w1": 0.1, "w9": 0.2})


def test_weights_mapping_with_missing_name():
    with pytest.raises(ValueError, match=r"weights: missing w2, w3, w4"):
        Network.create([2, 2], weights={"w1": 0.1})


def test_weights_not_a_list():
    with pytest.raises(TypeError, match=r"weights: expected a list of 8 numbers"):
        Network.create([2, 2, 2], weights="0.1", biases=MAZUR_BIASES)


@pytest.mark.parametrize("bad", [NAN, INF, -INF], ids=["nan", "inf", "-inf"])
def test_non_finite_weight(bad):
    weights = MAZUR_WEIGHTS[:2] + [bad] + MAZUR_WEIGHTS[3:]
    with pytest.raises(ValueError, match=r"weights\[w3\]: .* is not allowed; expected a finite"):
        Network.create([2, 2, 2], weights=weights, biases=MAZUR_BIASES)


@pytest.mark.parametrize("bad", [NAN, INF, -INF], ids=["nan", "inf", "-inf"])
def test_non_finite_bias(bad):
    with pytest.raises(ValueError, match=r"biases\[b2\]: .* is not allowed; expected a finite"):
        Network.create([2, 2, 2], weights=MAZUR_WEIGHTS, biases=[0.35, bad])


@pytest.mark.parametrize("bad", [NAN, INF, -INF], ids=["nan", "inf", "-inf"])
def test_non_finite_input(bad):
    with pytest.raises(ValueError, match=r"inputs\[i2\]: .* is not allowed; expected a finite"):
        mazur_nn.forward(mazur_example().network, [0.05, bad], MAZUR_TARGETS)


@pytest.mark.parametrize("bad", [NAN, INF, -INF], ids=["nan", "inf", "-inf"])
def test_non_finite_target(bad):
    with pytest.raises(ValueError, match=r"targets\[t1\]: .* is not allowed; expected a finite"):
        mazur_nn.backward(mazur_example().network, MAZUR_INPUTS, [bad, 0.99])


def test_non_finite_input_in_config():
    with pytest.raises(ValueError, match=r"inputs\[i1\]: nan is not allowed"):
        Config(mazur_example().network, [NAN, 0.1], MAZUR_TARGETS)


def test_non_finite_parameter_in_with_parameters():
    with pytest.raises(ValueError, match=r"w1: inf is not allowed; expected a finite number"):
        mazur_example().network.with_parameters({"w1": INF})


def test_text_weight():
    weights = MAZUR_WEIGHTS[:-1] + ["0.55"]
    with pytest.raises(TypeError, match=r"weights\[w8\]: expected a number, got '0\.55'"):
        Network.create([2, 2, 2], weights=weights, biases=MAZUR_BIASES)


def test_text_bias():
    with pytest.raises(TypeError, match=r"biases\[b1\]: expected a number, got 'x'"):
        Network.create([2, 2, 2], weights=MAZUR_WEIGHTS, biases=["x", 0.6])


def test_text_input():
    with pytest.raises(TypeError, match=r"inputs\[i1\]: expected a number, got 'a'"):
        mazur_nn.forward(mazur_example().network, ["a", 0.1])


def test_text_target():
    with pytest.raises(TypeError, match=r"targets\[t2\]: expected a number, got '0\.99'"):
        mazur_nn.forward(mazur_example().network, MAZUR_INPUTS, [0.01, "0.99"])


def test_bool_input():
    with pytest.raises(TypeError, match=r"inputs\[i1\]: expected a number, got True"):
        mazur_nn.forward(mazur_example().network, [True, 0.1])


def test_inputs_as_text():
    with pytest.raises(TypeError, match=r"inputs: expected a list of 2 numbers"):
        mazur_nn.forward(mazur_example().network, "12")


def test_wrong_input_count():
    with pytest.raises(ValueError, match=r"inputs: expected 2 values \(i1\.\.i2\), got 3"):
        mazur_nn.forward(mazur_example().network, [0.1, 0.2, 0.3])


def test_wrong_target_count():
    with pytest.raises(ValueError, match=r"targets: expected 2 values \(t1\.\.t2\), got 1"):
        mazur_nn.backward(mazur_example().network, MAZUR_INPUTS, [0.5])


# -- names of activations, losses, bias modes ----------------------------------------------


def test_unknown_activation():
    with pytest.raises(ValueError, match=r"activation 'swish': allowed are sigmoid, tanh, relu"):
        Network.create([2, 2], "swish")


def test_unknown_activation_in_list():
    with pytest.raises(ValueError, match=r"activation 'Sigmoid': allowed are sigmoid"):
        Network.create([2, 2, 2], ["tanh", "Sigmoid"])


def test_wrong_number_of_activations():
    with pytest.raises(ValueError, match=r"activations: expected 2 names .*, got 3"):
        Network.create([2, 2, 2], ["tanh", "tanh", "tanh"])


def test_activation_not_a_name():
    with pytest.raises(TypeError, match=r"activations: expected a name or a list of names"):
        Network.create([2, 2], activations=3)


def test_unknown_loss():
    with pytest.raises(ValueError, match=r"loss 'hinge': allowed are half_squared_error, mse"):
        Network.create([2, 2], loss="hinge")


def test_unknown_bias_mode():
    with pytest.raises(ValueError, match=r"bias_mode: 'none' is not allowed; allowed are shared"):
        Network.create([2, 2], bias_mode="none")


def test_unknown_hidden_uses():
    with pytest.raises(
        ValueError, match=r"hidden_uses: 'new' is not allowed; allowed are original"
    ):
        mazur_example(hidden_uses="new")


def test_update_biases_not_bool():
    with pytest.raises(TypeError, match=r"update_biases: expected true or false"):
        Config.from_dict(minimal_config(update_biases="yes"))


def test_negative_seed():
    with pytest.raises(ValueError, match=r"seed: expected a whole number >= 0, got -1"):
        Network.create([2, 2], seed=-1)


# -- binary cross-entropy ---------------------------------------------------------------


@pytest.mark.parametrize("target", [-0.1, 1.5], ids=["below-0", "above-1"])
def test_bce_target_outside_unit_interval(target):
    network = Network.create([2, 2], loss="binary_cross_entropy")
    with pytest.raises(ValueError, match=r"targets\[t2\]: .* is outside \[0, 1\]"):
        mazur_nn.forward(network, [0.1, 0.2], [0.5, target])


def test_bce_target_outside_unit_interval_in_config():
    with pytest.raises(ValueError, match=r"targets\[t1\]: 2\.0 is outside \[0, 1\]"):
        Config.from_dict(minimal_config(loss="binary_cross_entropy", targets=[2.0, 0.0]))


@pytest.mark.parametrize("activation", ["tanh", "relu", "linear"])
def test_bce_needs_sigmoid_output(activation):
    with pytest.raises(
        ValueError, match=rf"loss: binary_cross_entropy .*sigmoid.*not {activation}"
    ):
        Network.create([2, 2, 1], activation, "binary_cross_entropy")


def test_bce_with_sigmoid_output_but_other_hidden_is_fine():
    network = Network.create([2, 2, 1], ["relu", "sigmoid"], "binary_cross_entropy")
    assert network.loss == "binary_cross_entropy"


# -- learning rate ---------------------------------------------------------------------


LEARNING_RATES = [
    (0, ValueError, r"learning_rate: 0\.0 is not allowed; expected a positive"),
    (-0.5, ValueError, r"learning_rate: -0\.5 is not allowed; expected a positive"),
    (NAN, ValueError, r"learning_rate: nan is not allowed; expected a finite"),
    (INF, ValueError, r"learning_rate: inf is not allowed; expected a finite"),
    ("0.5", TypeError, r"learning_rate: expected a number, got '0\.5'"),
    (None, TypeError, r"learning_rate: expected a number, got None"),
]
LEARNING_RATE_IDS = ["zero", "negative", "nan", "inf", "text", "none"]


@pytest.mark.parametrize(("rate", "error", "message"), LEARNING_RATES, ids=LEARNING_RATE_IDS)
def test_bad_learning_rate_in_config(rate, error, message):
    with pytest.raises(error, match=message):
        Config.from_dict(minimal_config(learning_rate=rate))


@pytest.mark.parametrize(("rate", "error", "message"), LEARNING_RATES, ids=LEARNING_RATE_IDS)
def test_bad_learning_rate_in_train(rate, error, message):
    network = mazur_example().network
    with pytest.raises(error, match=message):
        mazur_nn.train(network, MAZUR_INPUTS, MAZUR_TARGETS, rate, 1)


@pytest.mark.parametrize(("rate", "error", "message"), LEARNING_RATES, ids=LEARNING_RATE_IDS)
def test_bad_learning_rate_in_update(rate, error, message):
    example = mazur_example()
    with pytest.raises(error, match=message):
        mazur_nn.update(example.network, example.backward(), rate)


# -- config files and keys -------------------------------------------------------------


def test_config_file_not_json(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('{"layers": [2, 2], "inputs": [0.1, 0.2],', encoding="utf-8")
    with pytest.raises(ValueError, match=r"config file .*broken\.json: not valid JSON"):
        Config.from_json(path)


def test_config_file_missing(tmp_path):
    with pytest.raises(ValueError, match=r"config file .*absent\.json: cannot be read"):
        Config.from_json(tmp_path / "absent.json")


def test_config_file_not_an_object(tmp_path):
    path = tmp_path / "list.json"
    path.write_text(json.dumps([2, 2, 2]), encoding="utf-8")
    with pytest.raises(TypeError, match=r"config: expected a JSON object, got list"):
        Config.from_json(path)


def test_config_unknown_key():
    with pytest.raises(ValueError, match=r"config: unknown key 'speed'; allowed keys are layers"):
        Config.from_dict(minimal_config(speed=3))


@pytest.mark.parametrize("key", ["layers", "inputs", "targets"])
def test_config_missing_key(key):
    data = minimal_config()
    del data[key]
    with pytest.raises(ValueError, match=rf"config: missing key '{key}'"):
        Config.from_dict(data)


def write_json_text(tmp_path, text, name="config.json"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            '{"layers": ' + "[" * 50_000 + "]" * 50_000 + "}",
            rf"arrays and objects nested more than {MAX_CONFIG_DEPTH} deep",
        ),
        ('{"layers": [2, 2], "layers": [3, 3]}', r"the key 'layers' appears twice"),
        ('{"weights": {"w1": 1, "w1": 2}}', r"the key 'w1' appears twice"),
        ('{"seed": ' + "7" * 4400 + "}", r"a whole number of 4400 digits is not allowed"),
    ],
    ids=["nested", "duplicate key", "duplicate parameter", "long number"],
)
def test_config_file_refused_before_its_values_are_checked(tmp_path, text, message):
    with pytest.raises(ValueError, match=r"config file .*config\.json: " + message):
        Config.from_json(write_json_text(tmp_path, text))


def test_config_file_over_the_size_limit(tmp_path):
    path = write_json_text(tmp_path, json.dumps(minimal_config(notes="x" * MAX_CONFIG_BYTES)))
    with pytest.raises(
        ValueError, match=rf"bytes is not allowed; expected at most {MAX_CONFIG_BYTES}"
    ):
        Config.from_json(path)


def test_config_file_not_utf8(tmp_path):
    path = tmp_path / "latin1.json"
    text = json.dumps(minimal_config(loss="l\u00f6ss"), ensure_ascii=False)
    path.write_bytes(text.encode("latin-1"))
    with pytest.raises(ValueError, match=r"not UTF-8 text \(byte 0xf6 at position \d+\)"):
        Config.from_json(path)


def test_config_file_with_byte_order_mark(tmp_path):
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(minimal_config()).encode("utf-8"))
    assert Config.from_json(path).inputs == (0.1, 0.2)


@pytest.mark.parametrize("where", ["", ".", "fifo", "device"])
def test_config_file_that_is_not_a_regular_file(tmp_path, where):
    if where in ("fifo", "device") and (os.name != "posix" or not hasattr(os, "mkfifo")):
        pytest.skip("FIFOs and devices as POSIX has them")
    if where == "fifo":
        where = str(tmp_path / "fifo.json")
        os.mkfifo(where)  # opened for reading it would wait for a writer forever
    message = {"": "the path is empty", ".": "a folder"}.get(where, "not a regular file")
    with pytest.raises(ValueError, match=message):
        Config.from_json(os.devnull if where == "device" else where)


def test_config_unknown_key_is_quoted_short_and_escaped():
    key = "sp\u202eed" + "d" * 1000
    with pytest.raises(ValueError) as error:
        Config.from_dict(minimal_config(**{key: 3}))
    message = str(error.value)
    assert message.startswith(r"config: unknown key 'sp\u202eed")
    assert f"... ({len(repr(key))} characters); allowed keys are layers" in message
    assert "\u202e" not in message and len(message) < 250


def test_config_file_with_bad_value_names_field(tmp_path):
    path = tmp_path / "nan.json"
    path.write_text(json.dumps(minimal_config(weights=[0.1, 0.2, 0.3, "x"])), encoding="utf-8")
    with pytest.raises(TypeError, match=r"weights\[w4\]: expected a number, got 'x'"):
        Config.from_json(path)


# -- parameter names and rounds ------------------------------------------------------------


def test_with_parameters_unknown_name():
    with pytest.raises(ValueError, match=r"unknown parameter 'w9': this network has w1, .*b2"):
        mazur_example().network.with_parameters({"w9": 0.1})


def test_with_parameters_bias_name_of_other_mode():
    with pytest.raises(ValueError, match=r"unknown parameter 'b_h1'"):
        mazur_example().network.with_parameters({"b_h1": 0.1})


@pytest.mark.parametrize(
    "rounds", [-1, 1.5, 2.0, "3", None, True, 10**8], ids=lambda r: f"{type(r).__name__}-{r}"
)
def test_bad_rounds(rounds):
    with pytest.raises((ValueError, TypeError), match=r"rounds: expected a whole number from 0"):
        mazur_example().train(rounds)


# -- training that overflows ---------------------------------------------------------------


def diverging_network(activation):
    activations = ["tanh", "linear"] if activation == "tanh-linear" else activation
    return Network.create([2, 2, 2], activations, weights=MAZUR_WEIGHTS, biases=MAZUR_BIASES)


# Linear outputs grow without bound; a sigmoid saturates instead (below).
DIVERGING = [("linear", 1e6), ("linear", 1e3), ("tanh-linear", 1e6), ("linear", 1e12)]
DIVERGING_IDS = ["linear-1e6", "linear-1e3", "tanh-linear-1e6", "linear-1e12"]


@pytest.mark.parametrize(("activation", "rate"), DIVERGING, ids=DIVERGING_IDS)
def test_training_overflow_raises_training_diverged(activation, rate):
    with pytest.raises(TrainingDiverged, match=r"training stopped at round \d+ of 100") as info:
        mazur_nn.train(diverging_network(activation), MAZUR_INPUTS, MAZUR_TARGETS, rate, 100)
    exc = info.value
    assert isinstance(exc, ValueError)
    assert isinstance(exc.round, int)
    assert 1 <= exc.round <= 100
    assert f"round {exc.round}" in str(exc)
    assert "learning rate" in str(exc)
    assert all(math.isfinite(e) for e in exc.history)


@pytest.mark.parametrize(("activation", "rate"), DIVERGING, ids=DIVERGING_IDS)
def test_training_overflow_history_is_the_rounds_before(activation, rate):
    # TrainingDiverged's contract: ``round`` is the round at which the numbers
    # overflowed, ``history`` the (finite) errors of the rounds before it. With
    # these learning rates round 1 always completes (its forward pass uses
    # the starting parameters), so its error must be the history's first entry.
    network = diverging_network(activation)
    first_error = mazur_nn.forward(network, MAZUR_INPUTS, MAZUR_TARGETS)["E_total"]
    with pytest.raises(TrainingDiverged) as info:
        mazur_nn.train(network, MAZUR_INPUTS, MAZUR_TARGETS, rate, 100)
    exc = info.value
    assert exc.round >= 2
    assert len(exc.history) == exc.round - 1
    assert exc.history[0] == first_error


def test_a_huge_learning_rate_saturates_the_sigmoid_instead_of_overflowing():
    # Round 1 of Mazur's own network is the post's E_total = 0.298371109; after
    # it, a learning rate of 1e12 throws every weight far out, and the sigmoids
    # saturate at exactly 0 or 1 (their slopes exactly 0): nothing leaves
    # float64's range, so training goes on and every error is a number.
    for rate in (1e12, 1e300):
        training = mazur_nn.train(
            diverging_network("sigmoid"), MAZUR_INPUTS, MAZUR_TARGETS, rate, 5
        )
        assert f"{training.history[0]:.9f}" == "0.298371109"
        assert all(math.isfinite(e) for e in training.history)
        assert all(0.0 <= v <= 1.0 for v in training.outputs.values())


@pytest.mark.parametrize(("w1", "out_h1"), [(-20000.0, 0.0), (20000.0, 1.0)])
def test_a_saturated_sigmoid_is_exactly_0_or_1_with_slope_0_everywhere(w1, out_h1):
    from mazur_nn.core.layers import from_network
    from mazur_nn.symbolic.check import gradient_check

    example = mazur_example().with_parameters({"w1": w1})
    values = example.backward()
    assert values.forward["out_h1"] == out_h1
    assert values["dout_h1/dnet_h1"] == 0.0
    assert values.gradients["w1"] == 0.0
    check = gradient_check(example.network, example.inputs, example.targets)
    assert check.rows["w1"].sympy == 0.0  # sympy's own 30-digit value, rounded to float64
    layers = from_network(example.network)
    hidden = layers.forward(np.array(example.inputs)[:, None]).inputs[2]
    assert hidden[0, 0] == out_h1


def test_a_log_of_a_saturated_output_is_named_as_such_not_as_an_overflow():
    # A sigmoid output of exactly 1.0 (net_o1 = 100) and a target 0: binary
    # cross-entropy needs log(1 - out_o1), which float64 cannot give.
    network = Network.create(
        [1, 1], "sigmoid", "binary_cross_entropy", weights=[100.0], biases=[0.0]
    )
    with pytest.raises(ValueError) as info:
        mazur_nn.forward(network, [1.0], [0.0])
    message = str(info.value)
    assert message.startswith("forward pass: E_o1 cannot be computed")
    assert "exactly 0 or 1 (saturated)" in message
    assert "float64's range" not in message


def test_training_overflow_via_config():
    config = Config.from_dict(
        {
            "layers": [2, 2, 2],
            "activations": "linear",
            "weights": MAZUR_WEIGHTS,
            "biases": MAZUR_BIASES,
            "inputs": list(MAZUR_INPUTS),
            "targets": list(MAZUR_TARGETS),
            "learning_rate": 1e6,
        }
    )
    with pytest.raises(TrainingDiverged, match=r"round \d+"):
        config.train(1000)


def test_forward_overflow_names_the_quantity():
    network = Network.create([1, 1], "linear", weights=[1e200], biases=[0.0])
    with pytest.raises(ValueError, match=r"forward pass: net_o1 is inf"):
        mazur_nn.forward(network, [1e200], [0.0])
