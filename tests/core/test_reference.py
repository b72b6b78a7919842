"""The plain-loop backprop of core/reference.py against the engine.

The reference adds, multiplies and calls the registry's functions in the
same order as the generated code, so the two agree to the last bit; the
engine's own tests check both against sympy and finite differences.
"""

import math

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from mazur_nn import Network, backward, mazur_example
from mazur_nn.core.functions import ACTIVATIONS, LOSSES
from mazur_nn.core.reference import backprop

MAZUR_GRADIENTS = {"w5": "0.082167041", "w1": "0.000438568"}


def test_reference_gives_mazurs_gradients():
    ex = mazur_example()
    gradients = backprop(ex.network, ex.inputs, ex.targets)
    for parameter, printed in MAZUR_GRADIENTS.items():
        assert f"{gradients[parameter]:.9f}" == printed


@st.composite
def examples(draw):
    sizes = draw(st.lists(st.integers(1, 4), min_size=2, max_size=5))
    elementwise = sorted(n for n, a in ACTIVATIONS.items() if not a.layerwise)
    activations = draw(
        st.lists(st.sampled_from(elementwise), min_size=len(sizes) - 1, max_size=len(sizes) - 1)
    )
    if sizes[-1] >= 2 and draw(st.booleans()):
        activations[-1] = "softmax"  # the output layer only
    loss = draw(st.sampled_from(sorted(LOSSES)))
    needed = [a for a in LOSSES[loss].outputs if sizes[-1] >= 2 or not ACTIVATIONS[a].layerwise]
    if needed and activations[-1] not in needed:
        activations[-1] = draw(st.sampled_from(needed))
    bias_mode = draw(st.sampled_from(["shared", "per_neuron"]))
    network = Network.create(sizes, activations, loss, bias_mode, seed=draw(st.integers(0, 999)))
    unit = st.floats(-1, 1, allow_nan=False).map(lambda x: round(x, 3))
    inputs = draw(st.lists(unit, min_size=sizes[0], max_size=sizes[0]))
    targets = draw(st.lists(unit.map(abs), min_size=sizes[-1], max_size=sizes[-1]))
    if LOSSES[loss].targets == "probability":  # a probability vector: each from 0, adding to 1
        targets = [*targets[:-1], 1.0]
        targets = [t / math.fsum(targets) for t in targets]
        assume(abs(math.fsum(targets) - 1.0) <= 1e-12)
    return network, inputs, targets


@settings(max_examples=150, deadline=None)
@given(examples())
def test_engine_equals_the_plain_loops_to_the_last_bit(example):
    network, inputs, targets = example
    assert backward(network, inputs, targets).gradients == backprop(network, inputs, targets)


@pytest.mark.parametrize("bias_mode", ["shared", "per_neuron"])
def test_shared_bias_adds_the_deltas_it_feeds(bias_mode):
    network = Network.create([2, 3, 1], bias_mode=bias_mode, seed=4)
    gradients = backprop(network, [0.3, -0.2], [0.7])
    engine = backward(network, [0.3, -0.2], [0.7])
    for neuron in network.names.neurons[1]:
        assert engine[f"delta_{neuron}"] != 0
    assert gradients == engine.gradients
