"""Matt Mazur's published numbers (mazur_nn/course/published.py), to every printed digit.

The printed strings are the reference: each computed value is formatted with
as many decimals as the post printed and compared as text, so a value that is
right to 8 decimals but printed with 9 fails.
"""

import dataclasses
import math

import pytest

import mazur_nn
from mazur_nn import Config, Network, mazur_example

MAZUR_WEIGHTS = [0.15, 0.20, 0.25, 0.30, 0.40, 0.45, 0.50, 0.55]


def decimals(printed: str) -> int:
    """Number of digits after the point in a printed decimal ("0.3775" -> 4)."""
    return len(printed.split(".")[1])


def assert_printed(value: float, printed: str) -> None:
    """``value`` rounded to the printed decimals is the printed number."""
    places = decimals(printed)
    assert f"{value:.{places}f}" == printed
    assert round(value, places) == float(printed)


def assert_printed_exponent(value: float, printed: str) -> None:
    """Same for numbers printed as ``3.5102e-05``: compare the mantissa digits."""
    mantissa_places = decimals(printed.split("e")[0])
    assert f"{value:.{mantissa_places}e}" == printed


# -- the post's table of published values ------------------------------------------

FORWARD = [
    ("net_h1", "0.3775"),
    ("out_h1", "0.593269992"),
    ("out_h2", "0.596884378"),
    ("net_o1", "1.105905967"),
    ("out_o1", "0.75136507"),
    ("out_o2", "0.772928465"),
    ("E_o1", "0.274811083"),
    ("E_o2", "0.023560026"),
    ("E_total", "0.298371109"),
]

BACKWARD_VALUES = [
    ("dE_total/dout_o1", "0.74136507"),
    ("dout_o1/dnet_o1", "0.186815602"),
    ("dnet_o1/dw5", "0.593269992"),
    ("delta_o1", "0.138498562"),
    ("dE_o1/dout_h1", "0.055399425"),
    ("dE_total/dout_h1", "0.036350306"),
    ("dout_h1/dnet_h1", "0.241300709"),
]

GRADIENTS = [
    ("w5", "0.082167041"),
    ("w1", "0.000438568"),
]

UPDATED_WEIGHTS = [
    ("w5", "0.35891648"),
    ("w6", "0.408666186"),
    ("w7", "0.511301270"),
    ("w8", "0.561370121"),
    ("w1", "0.149780716"),
    ("w2", "0.19956143"),
    ("w3", "0.24975114"),
    ("w4", "0.29950229"),
]


@pytest.mark.parametrize(("name", "printed"), FORWARD)
def test_forward_value_matches_post(name, printed):
    assert_printed(mazur_example().forward()[name], printed)


@pytest.mark.parametrize(("name", "printed"), BACKWARD_VALUES)
def test_backward_value_matches_post(name, printed):
    assert_printed(mazur_example().backward().values[name], printed)


@pytest.mark.parametrize(("parameter", "printed"), GRADIENTS)
def test_gradient_matches_post(parameter, printed):
    assert_printed(mazur_example().backward().gradients[parameter], printed)


@pytest.mark.parametrize(("parameter", "printed"), UPDATED_WEIGHTS)
def test_updated_weight_matches_post(parameter, printed):
    assert_printed(mazur_example().update().parameters[parameter], printed)


def test_biases_are_not_updated_by_default():
    updated = mazur_example().update()
    assert updated.parameters["b1"] == 0.35
    assert updated.parameters["b2"] == 0.60


# -- the one value the post rounded wrongly -------------------------------------


def test_dE_o2_dout_h1_exact_value():  # noqa: N802 (Mazur's name)
    value = mazur_example().backward().values["dE_o2/dout_h1"]
    assert round(value, 10) == -0.0190491183


def test_dE_o2_dout_h1_does_not_round_to_the_printed_value():  # noqa: N802
    # The post prints -0.019049119, but it computed this product from
    # intermediates already rounded to 9 digits (delta_o2 * w7 with a rounded
    # delta_o2). The exact value -0.01904911826 rounds to -0.019049118, so the
    # printed last digit is an erratum, not something the tutor must reproduce.
    value = mazur_example().backward().values["dE_o2/dout_h1"]
    printed = "-0.019049119"
    assert round(value, decimals(printed)) != float(printed)
    assert f"{value:.9f}" == "-0.019049118"


# -- training: the errata of the post's headline numbers ---------------------------


def test_one_round_default_error():
    assert_printed(mazur_example().train(1).E_total, "0.291027774")


def test_one_round_updated_variant_error():
    assert_printed(mazur_example(hidden_uses="updated").train(1).E_total, "0.291027924")


def test_ten_thousand_rounds_default_error():
    assert_printed_exponent(mazur_example().train(10_000).E_total, "3.5102e-05")


@pytest.mark.parametrize(("output", "printed"), [("o1", "0.015913620"), ("o2", "0.984064274")])
def test_ten_thousand_rounds_default_outputs(output, printed):
    assert_printed(mazur_example().train(10_000).outputs[output], printed)


def test_ten_thousand_rounds_updated_variant_error():
    result = mazur_example(hidden_uses="updated").train(10_000)
    assert_printed_exponent(result.E_total, "3.50848e-05")


@pytest.mark.parametrize(("output", "printed"), [("o1", "0.015912196"), ("o2", "0.984065734")])
def test_ten_thousand_rounds_updated_variant_outputs(output, printed):
    assert_printed(mazur_example(hidden_uses="updated").train(10_000).outputs[output], printed)


def test_updated_variant_w1_differs_from_post():
    w1 = mazur_example(hidden_uses="updated").update().parameters["w1"]
    assert_printed(w1, "0.149817639")
    assert f"{w1:.9f}" != "0.149780716"


def test_one_round_with_shared_biases_updated():
    assert_printed(mazur_example(update_biases=True).train(1).E_total, "0.285750887")


def test_one_round_with_per_neuron_biases_updated():
    network = Network.create(
        [2, 2, 2],
        activations="sigmoid",
        loss="half_squared_error",
        bias_mode="per_neuron",
        weights=MAZUR_WEIGHTS,
        biases={"b_h1": 0.35, "b_h2": 0.35, "b_o1": 0.60, "b_o2": 0.60},
    )
    config = Config(network, (0.05, 0.10), (0.01, 0.99), 0.5, update_biases=True)
    assert_printed(config.train(1).E_total, "0.280471447")


def test_per_neuron_biases_with_equal_values_start_like_the_post():
    network = Network.create(
        [2, 2, 2],
        bias_mode="per_neuron",
        weights=MAZUR_WEIGHTS,
        biases={"b_h1": 0.35, "b_h2": 0.35, "b_o1": 0.60, "b_o2": 0.60},
    )
    config = Config(network, (0.05, 0.10), (0.01, 0.99))
    assert_printed(config.forward()["E_total"], "0.298371109")
    assert_printed(config.train(1).E_total, "0.291027774")


# -- the chain-rule factors ------------------------------------------------------


def test_chain_of_w5_names():
    names = [f.name for f in mazur_example().backward().chain["w5"]]
    assert names == ["dE_total/dout_o1", "dout_o1/dnet_o1", "dnet_o1/dw5"]


def test_chain_of_w5_values():
    values = [f.value for f in mazur_example().backward().chain["w5"]]
    for value, printed in zip(values, ["0.74136507", "0.186815602", "0.593269992"], strict=True):
        assert_printed(value, printed)


@pytest.mark.parametrize("parameter", ["w1", "w2", "w3", "w4", "w5", "w6", "w7", "w8", "b1", "b2"])
def test_product_of_chain_factors_is_the_gradient(parameter):
    result = mazur_example().backward()
    product = math.prod(f.value for f in result.chain[parameter])
    assert product == pytest.approx(result.gradients[parameter], rel=1e-14, abs=1e-18)


def _factors_with_terms(factors):
    for factor in factors:
        if factor.terms:
            yield factor
            for term in factor.terms:
                yield from _factors_with_terms(term)


@pytest.mark.parametrize("parameter", ["w1", "w4", "b1", "b2"])
def test_factor_with_terms_is_the_sum_of_its_paths(parameter):
    found = list(_factors_with_terms(mazur_example().backward().chain[parameter]))
    assert found, "expected at least one factor made of several paths"
    for factor in found:
        total = sum(math.prod(f.value for f in term) for term in factor.terms)
        assert total == pytest.approx(factor.value, rel=1e-14, abs=1e-18)


def test_chain_of_w1_first_factor_has_two_paths():
    first = mazur_example().backward().chain["w1"][0]
    assert first.name == "dE_total/dout_h1"
    assert [[f.name for f in term] for term in first.terms] == [
        ["dE_o1/dout_h1"],
        ["dE_o2/dout_h1"],
    ]


def test_chain_of_w1_paths_values():
    (path_o1,), (path_o2,) = mazur_example().backward().chain["w1"][0].terms
    assert_printed(path_o1.value, "0.055399425")
    assert round(path_o2.value, 10) == -0.0190491183


def test_chain_of_w1_path_through_o1_is_delta_times_w5():
    (path_o1,), _ = mazur_example().backward().chain["w1"][0].terms
    ((upstream, local),) = path_o1.terms
    assert upstream.name == "dE_o1/dnet_o1"
    assert local.name == "dnet_o1/dout_h1"
    assert_printed(upstream.value, "0.138498562")
    assert local.value == 0.40


def test_chain_of_w1_remaining_factors():
    _, slope, local = mazur_example().backward().chain["w1"]
    assert slope.name == "dout_h1/dnet_h1"
    assert_printed(slope.value, "0.241300709")
    assert local.name == "dnet_h1/dw1"
    assert local.value == 0.05


# -- backward is a pure computation -----------------------------------------------


def test_backward_does_not_change_the_network():
    example = mazur_example()
    before = dict(example.network.parameters)
    mazur_nn.backward(example.network, example.inputs, example.targets)
    assert example.network == mazur_example().network
    assert example.network.parameters == before
    assert example.network.weights == tuple(MAZUR_WEIGHTS)


def test_backward_twice_gives_identical_values():
    example = mazur_example()
    first = example.backward().values
    second = example.backward().values
    assert first == second


def test_backward_result_refers_to_the_same_network():
    example = mazur_example()
    assert example.backward().network == example.network


def test_network_is_frozen():
    network = mazur_example().network
    with pytest.raises(dataclasses.FrozenInstanceError):
        network.weights = (0.0,) * 8
