"""``update`` moves the parameters by the gradients it is given, under both
hidden-layer rules, and changes nothing else."""

import dataclasses

import pytest

from mazur_nn import Network, backward, mazur_example, train, update


@pytest.mark.parametrize("update_biases", [False, True])
@pytest.mark.parametrize("sizes", [[2, 2, 2], [2, 3, 3, 2], [3, 2, 2, 2, 1]])
def test_updated_rule_equals_one_round_of_its_training_loop(sizes, update_biases):
    network = Network.create(sizes, activations="tanh", seed=5)
    inputs, targets = [0.1] * sizes[0], [0.2] * sizes[-1]
    gradients = backward(network, inputs, targets)
    moved = update(network, gradients, 0.5, update_biases=update_biases, hidden_uses="updated")
    trained = train(
        network, inputs, targets, 0.5, 1, update_biases=update_biases, hidden_uses="updated"
    ).network
    assert moved == trained


def test_updated_rule_takes_the_output_gradients_it_is_given():
    ex = mazur_example(hidden_uses="updated")
    gradients = ex.backward()
    doubled = dataclasses.replace(
        gradients, values={**gradients.values, "dE_total/dw5": 2 * gradients["dE_total/dw5"]}
    )
    moved = ex.update(doubled).parameters
    assert moved["w5"] == pytest.approx(0.40 - 0.5 * 2 * gradients.gradients["w5"])
    assert moved["w6"] == ex.update(gradients).parameters["w6"]


def test_updated_rule_gives_the_posts_printed_error_and_w1():
    ex = mazur_example(hidden_uses="updated")
    new = ex.update()
    assert f"{new.parameters['w1']:.9f}" == "0.149817639"
    assert f"{dataclasses.replace(ex, network=new).forward()['E_total']:.9f}" == "0.291027924"
