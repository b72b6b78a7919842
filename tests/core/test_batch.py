"""Mini-batches: the batch gradient against independent sources, the
updates, the config format and its refusals.

Over random networks and random batches of 1 to 8 examples, the batch
gradient (the mean of the engine's per-example gradients) must equal
sympy's derivative of the mean error, a central finite difference of the
mean error, the plain-loop reference averaged, and the layer API's
gradient of the batch (examples as columns).
"""

import json
import math

import hypothesis.strategies as st
import numpy as np
import pytest
import sympy
from hypothesis import HealthCheck, assume, given, settings

from mazur_nn import Config, Network, TrainingDiverged, mazur_example
from mazur_nn.core import batch
from mazur_nn.core.examples import MAX_EXAMPLES, Example
from mazur_nn.core.layers import from_network, gradients_by_name
from mazur_nn.core.passes import backward, forward, step_against
from mazur_nn.core.reference import backprop
from mazur_nn.symbolic.model import PRECISION, for_network

ACTIVATIONS = ["sigmoid", "tanh", "relu", "linear", "leaky_relu"]
LOSSES = ["half_squared_error", "mse", "binary_cross_entropy"]
# Tolerances as |a - b| <= ABS + REL * |b|, the same reasoning as
# tests/core/test_properties.py: the engine and sympy differ by float64
# rounding (sympy works at 30 digits); a central difference with h = 1e-6
# has rounding error about 1e-10 * |E| / h^0 and truncation error ~1e-12.
SYMPY_REL, SYMPY_ABS = 1e-9, 1e-12
DIFFERENCE_REL, DIFFERENCE_ABS = 1e-5, 1e-6
# The layer API sums the examples' 1/m-scaled slopes in another order: a
# few ulps apart.
LAYERS_REL, LAYERS_ABS = 1e-12, 1e-15
KINK_MARGIN = 1e-3  # relu and leaky relu: no finite difference across net = 0
STEP = 1e-6

unit = st.floats(min_value=-1.0, max_value=1.0, allow_nan=False, allow_infinity=False)
unit_interval = st.floats(min_value=0.0, max_value=1.0, allow_nan=False, allow_infinity=False)


def close(a, b, rel, abs_):
    return abs(a - b) <= abs_ + rel * abs(b)


@st.composite
def batch_configs(draw, max_examples=MAX_EXAMPLES):
    """A small random network (one or two hidden layers) with a batch of
    1 to ``max_examples`` random examples."""
    hidden = draw(st.sampled_from([1, 1, 2]))
    widest = 3 if hidden == 1 else 2
    sizes = [draw(st.integers(1, widest)) for _ in range(hidden + 2)]
    loss = draw(st.sampled_from(LOSSES))
    activations = [draw(st.sampled_from(ACTIVATIONS)) for _ in sizes[1:]]
    if loss == "binary_cross_entropy":
        activations[-1] = "sigmoid"
    bias_mode = draw(st.sampled_from(["shared", "per_neuron"]))
    names = Network.create(sizes, bias_mode=bias_mode).names
    weights = draw(st.lists(unit, min_size=len(names.weights), max_size=len(names.weights)))
    biases = draw(st.lists(unit, min_size=len(names.biases), max_size=len(names.biases)))
    m = draw(st.integers(1, max_examples))
    examples = [
        {
            "inputs": draw(st.lists(unit, min_size=sizes[0], max_size=sizes[0])),
            "targets": draw(st.lists(unit_interval, min_size=sizes[-1], max_size=sizes[-1])),
        }
        for _ in range(m)
    ]
    return Config.from_dict(
        {
            "layers": sizes,
            "activations": activations,
            "loss": loss,
            "bias_mode": bias_mode,
            "weights": weights,
            "biases": biases,
            "examples": examples,
            "learning_rate": draw(st.floats(0.01, 2.0)),
            "update_biases": draw(st.booleans()),
        }
    )


def assume_away_from_kinks(config):
    if not {"relu", "leaky_relu"} & set(config.network.activations):
        return
    for e in config.examples:
        values = forward(config.network, e.inputs).values
        assume(all(abs(v) >= KINK_MARGIN for k, v in values.items() if k.startswith("net_")))


def sympy_mean_gradients(config):
    """sympy alone: the error written in the parameters, each example's
    inputs and targets put in, the mean taken, then differentiated."""
    sym = for_network(config.network)
    names = config.network.names
    errors = []
    for e in config.examples:
        data = {
            sym.symbol(n): sympy.Float(repr(v), PRECISION)
            for n, v in zip(names.neurons[0], e.inputs)
        }
        data |= {
            sym.symbol(n): sympy.Float(repr(v), PRECISION) for n, v in zip(names.targets, e.targets)
        }
        errors.append(sym.flat_error.xreplace(data))
    mean_error = sympy.Add(*errors) / len(errors)
    point = {
        sym.symbol(p): sympy.Float(repr(v), PRECISION) for p, v in config.network.parameters.items()
    }
    return {
        p: float(sympy.diff(mean_error, sym.symbol(p)).xreplace(point).evalf(PRECISION))
        for p in names.parameters
    }


def difference_gradient(config, p):
    """A central difference of the batch error in ``p``."""
    network, value = config.network, config.network.parameters[p]
    plus = batch.error(network.with_parameters({p: value + STEP}), config.examples)
    minus = batch.error(network.with_parameters({p: value - STEP}), config.examples)
    return (plus - minus) / (2 * STEP)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(batch_configs())
def test_batch_gradient_agrees_with_sympy_differences_reference_and_layers(config):
    assume_away_from_kinks(config)
    result = batch.backward(config)
    network, m = config.network, len(config.examples)
    assert result.m == m and len(result.examples) == m

    # the mean of each example's own backward pass, summed left to right
    singles = [backward(network, e.inputs, e.targets).gradients for e in config.examples]
    references = [backprop(network, e.inputs, e.targets) for e in config.examples]
    symbolic = sympy_mean_gradients(config)
    layers = from_network(network)
    X = np.array([e.inputs for e in config.examples]).T
    T = np.array([e.targets for e in config.examples]).T
    by_layers = gradients_by_name(network, layers.backward(layers.forward(X), T))
    for p, g in result.gradients.items():
        total = 0.0
        for single in singles:
            total += single[p]
        assert g == total / m, p
        assert g == batch.mean(r[p] for r in references), p  # the reference: to the last bit
        assert close(g, symbolic[p], SYMPY_REL, SYMPY_ABS), (p, g, symbolic[p])
        numeric = difference_gradient(config, p)
        assert close(numeric, symbolic[p], DIFFERENCE_REL, DIFFERENCE_ABS), (p, numeric)
        assert close(by_layers[p], g, LAYERS_REL, LAYERS_ABS), (p, by_layers[p], g)
    # the batch error is the mean of E_total, as the layer API measures it too
    errors = [forward(network, e.inputs, e.targets)["E_total"] for e in config.examples]
    assert result.E_total == batch.mean(errors)
    assert close(layers.loss.value(layers.forward(X).output, T), result.E_total, 1e-12, 1e-15)


@settings(max_examples=60, deadline=None)
@given(batch_configs())
def test_batch_update_is_one_step_against_the_mean_gradient(config):
    result = batch.backward(config)
    before = dict(config.network.parameters)
    updated = batch.update(config, result)
    assert dict(config.network.parameters) == before  # nothing moved in place
    for p, v in updated.parameters.items():
        moves = p in config.network.names.weights or config.update_biases
        expected = before[p] - config.learning_rate * result.gradients[p] if moves else before[p]
        assert v == expected, p
    trained = batch.train(config, 1)
    assert trained.network == updated
    assert trained.history == (result.E_total,)


@settings(max_examples=60, deadline=None)
@given(batch_configs())
def test_stochastic_is_one_update_per_example_in_order(config):
    steps = batch.stochastic(config)
    network = config.network
    for k, (step, e) in enumerate(zip(steps, config.examples)):
        gradients = backward(network, e.inputs, e.targets)
        network = step_against(
            network, gradients.gradients, config.learning_rate, config.update_biases
        )
        assert step.example == k
        assert step.gradients.gradients == gradients.gradients
        assert step.network == network
    try:
        trained = batch.train(config, 1, "stochastic")
    except TrainingDiverged as exc:  # these updates left float64's range (linear, rate 2)
        assert exc.round == 1
        return
    assert trained.network == network


def test_one_example_batch_is_the_one_example_round():
    config = mazur_example()
    result = batch.backward(config)
    assert result.gradients == config.backward().gradients
    assert batch.update(config, result) == config.update()
    assert batch.train(config, 5).network == config.train(5).network
    assert batch.stochastic(config)[0].network == config.update()


def test_batch_and_stochastic_differ_after_the_first_example():
    config = mazur_example().replace(
        examples=[
            {"inputs": [0.05, 0.1], "targets": [0.01, 0.99]},
            {"inputs": [0.5, -0.2], "targets": [0.5, 0.5]},
        ]
    )
    steps = batch.stochastic(config)
    # the first stochastic update is the first example's own update ...
    assert steps[0].network == config.example(0).update()
    # ... the second example's gradient is taken at the moved weights
    at_start = config.example(1).backward().gradients
    assert steps[1].gradients.gradients != at_start
    assert steps[1].network != batch.update(config)


# -- the config format -----------------------------------------------------------------

TWO = [
    {"inputs": [0.05, 0.1], "targets": [0.01, 0.99]},
    {"inputs": [0.5, -0.2], "targets": [0.5, 0.5]},
]


def mazur_dict(**changes):
    data = mazur_example().to_dict()
    del data["inputs"], data["targets"]
    return {**data, **changes}


def test_examples_round_trip_through_dict_and_json(tmp_path):
    config = Config.from_dict(mazur_dict(examples=TWO))
    assert config.examples == (Example((0.05, 0.1), (0.01, 0.99)), Example((0.5, -0.2), (0.5, 0.5)))
    assert (config.inputs, config.targets) == ((0.05, 0.1), (0.01, 0.99))
    data = config.to_dict()
    assert "inputs" not in data and data["examples"] == TWO
    assert Config.from_dict(data) == config
    path = tmp_path / "batch.json"
    path.write_text(json.dumps(data))
    assert Config.from_json(path) == config
    assert config.example(1) == Config.from_dict(mazur_dict(**TWO[1]))


def test_one_example_config_is_unchanged():
    config = mazur_example()
    assert config.examples == (Example(config.inputs, config.targets),)
    assert set(config.to_dict()) >= {"inputs", "targets"} and "examples" not in config.to_dict()
    assert Config.from_dict(mazur_dict(examples=TWO[:1])) == config


BAD = [
    ({"examples": []}, "examples: an empty batch is not allowed; expected 1 to 8 examples"),
    (
        {"examples": TWO * 4 + TWO[:1]},
        "examples: a batch of 9 examples is not allowed; expected 1 to 8 examples",
    ),
    (
        {"examples": [*TWO, {"inputs": [1, 2, 3], "targets": [0, 1]}]},
        "examples[2].inputs: expected 2 values (i1..i2), got 3",
    ),
    (
        {"examples": [*TWO, {"inputs": [1, 2], "targets": [1]}]},
        "examples[2].targets: expected 2 values (t1..t2), got 1",
    ),
    (
        {"examples": [TWO[0], {"inputs": [1, "a"], "targets": [0, 1]}]},
        "examples[1].inputs[i2]: expected a number, got 'a' (text)",
    ),
    ({"examples": [TWO[0], {"inputs": [1, 2]}]}, "examples[1]: missing key 'targets'"),
    (
        {"examples": [{**TWO[0], "weight": 2}]},
        "examples[0]: unknown key 'weight'; allowed keys are inputs, targets",
    ),
    ({"examples": [[0.05, 0.1]]}, 'examples[0]: expected an object {"inputs": [...], "targets"'),
    ({"examples": {"inputs": [1, 2]}}, "examples: expected a list of 1 to 8 examples"),
    ({"examples": TWO, "inputs": [1, 2]}, "config: 'inputs' and 'examples' are both given"),
    (
        {"examples": TWO, "hidden_uses": "updated"},
        "hidden_uses: 'updated' is not allowed with a batch of examples",
    ),
]


@pytest.mark.parametrize("changes, message", BAD)
def test_bad_batches_are_refused_naming_the_field(changes, message):
    with pytest.raises((TypeError, ValueError)) as error:
        Config.from_dict(mazur_dict(**changes))
    assert str(error.value).startswith(message)
    assert "\n" not in str(error.value)


def test_binary_cross_entropy_targets_are_checked_per_example():
    data = mazur_dict(
        loss="binary_cross_entropy", examples=[TWO[0], {"inputs": [1, 2], "targets": [0, 2]}]
    )
    with pytest.raises(ValueError, match=r"^examples\[1\]\.targets\[t2\]: 2.0 is outside \[0, 1\]"):
        Config.from_dict(data)


def test_one_example_passes_refuse_a_batch():
    config = Config.from_dict(mazur_dict(examples=TWO))
    for method in (config.forward, config.backward, config.update, lambda: config.train(1)):
        with pytest.raises(ValueError, match="batch of 2 examples"):
            method()
    with pytest.raises(ValueError, match="example: expected a whole number from 0 to 1, got 2"):
        config.example(2)


def test_training_a_batch_lowers_its_error_and_reports_overflow():
    config = Config.from_dict(mazur_dict(examples=TWO))
    for mode in batch.MODES:
        trained = batch.train(config, 50, mode)
        assert trained.rounds == 50 and trained.E_total < trained.history[0]
        assert all(math.isfinite(e) for e in trained.history)
    wild = config.replace(learning_rate=1e300, activations="linear")
    with pytest.raises(ValueError, match=r"^training stopped at round \d+ of 5: "):
        batch.train(wild, 5)
    with pytest.raises(
        ValueError, match="^mode: 'online' is not allowed; allowed are batch, stochastic"
    ):
        batch.train(config, 1, "online")
