"""The layer API: the same numbers as the core, gradients checked by finite
differences, batches, and clear errors for bad shapes."""

import numpy as np
import pytest

import mazur_nn
from mazur_nn.core.layers import (
    MSE,
    Activation,
    BinaryCrossEntropy,
    Dense,
    HalfSquaredError,
    ReLU,
    Sequential,
    Sigmoid,
    Tanh,
    dot,
    from_network,
    gradients_by_name,
)


def _column(values):
    return np.array(values, dtype=float).reshape(-1, 1)


@pytest.fixture
def mazur():
    example = mazur_nn.mazur_example()
    return example, from_network(example.network), _column(example.inputs), _column(example.targets)


def test_mazur_from_layers_gives_the_core_numbers_exactly(mazur):
    example, net, X, T = mazur
    forward = net.forward(X)
    core = example.forward()
    assert forward.inputs[1][:, 0].tolist() == [core["net_h1"], core["net_h2"]]
    assert forward.output[:, 0].tolist() == [core["out_o1"], core["out_o2"]]
    assert net.loss.value(forward.output, T) == core["E_total"]
    assert gradients_by_name(example.network, net.backward(forward, T)) == dict(
        example.backward().gradients
    )


def test_mazur_training_from_layers_matches_the_core(mazur):
    example, net, X, T = mazur
    layers = net.train(X, T, example.learning_rate, 1000, update_biases=False)
    core = example.train(1000)
    assert layers.losses == core.history
    assert layers.network.predict(X)[:, 0].tolist() == list(core.outputs.values())


def test_published_digits_through_the_layers(mazur):
    _, net, X, T = mazur
    grads = net.backward(net.forward(X), T)
    assert f"{grads[2].dW[0, 0]:.9f}" == "0.082167041"  # dE_total/dw5
    assert f"{grads[0].dW[0, 0]:.9f}" == "0.000438568"  # dE_total/dw1


def _numeric_gradient(net, X, T, layer, attribute, index, h=1e-6):
    def loss_with(delta):
        dense = net.layers[layer]
        changed = getattr(dense, attribute).copy()
        changed[index] += delta
        new = Dense(changed, dense.B) if attribute == "W" else Dense(dense.W, changed)
        layers = list(net.layers)
        layers[layer] = new
        model = Sequential(layers, net.loss)
        return model.loss.value(model.predict(X), T)

    return (loss_with(h) - loss_with(-h)) / (2 * h)


@pytest.mark.parametrize("loss", [MSE(), HalfSquaredError(), BinaryCrossEntropy()])
@pytest.mark.parametrize("hidden", [Tanh, Sigmoid, ReLU])
def test_dense_gradients_match_finite_differences_on_a_batch(loss, hidden):
    rng = np.random.default_rng(1)
    net = Sequential(
        [Dense.create(3, 4, seed=2), hidden(), Dense.create(4, 2, seed=3), Sigmoid()], loss
    )
    X = rng.uniform(-1, 1, (3, 5))  # 5 examples as columns
    T = rng.uniform(0, 1, (2, 5))
    grads = net.backward(net.forward(X), T)
    for layer in (0, 2):
        for attribute, grad in (("W", grads[layer].dW), ("B", grads[layer].dB)):
            for index in np.ndindex(grad.shape):
                numeric = _numeric_gradient(net, X, T, layer, attribute, index)
                # central differences: truncation O(h^2) and rounding ~1e-10 (see test_properties)
                assert grad[index] == pytest.approx(numeric, rel=1e-5, abs=1e-8)


def test_batch_gradient_is_the_mean_of_single_example_gradients():
    net = Sequential(
        [Dense.create(2, 3, seed=4), Tanh(), Dense.create(3, 1, seed=5), Tanh()], MSE()
    )
    X = np.array([[0.0, 0.0, 1.0, 1.0], [0.0, 1.0, 0.0, 1.0]])
    T = np.array([[0.0, 1.0, 1.0, 0.0]])
    batch = net.backward(net.forward(X), T)[0].dW
    singles = [net.backward(net.forward(X[:, [k]]), T[:, [k]])[0].dW for k in range(4)]
    assert batch == pytest.approx(np.mean(singles, axis=0), abs=1e-15)


def test_the_three_dense_formulas():
    dense = Dense.from_values([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]], [0.1, 0.2, 0.3])
    X = np.array([[1.0, 2.0], [3.0, 4.0]])
    dY = np.array([[1.0, 0.0], [0.5, 2.0], [0.0, 1.0]])
    grads = dense.backward(X, dY)
    assert np.allclose(grads.dW, dY @ X.T)
    assert np.allclose(grads.dB, dY.sum(axis=1, keepdims=True))
    assert np.allclose(grads.dX, dense.W.T @ dY)


def test_backward_changes_nothing_and_update_returns_a_new_network(mazur):
    _, net, X, T = mazur
    before = [layer.W.copy() for layer in net.layers if isinstance(layer, Dense)]
    grads = net.backward(net.forward(X), T)
    after = [layer.W for layer in net.layers if isinstance(layer, Dense)]
    assert all((a == b).all() for a, b in zip(before, after))
    new = net.update(grads, 0.5)
    assert new is not net and new.layers[0].W[0, 0] == 0.15 - 0.5 * grads[0].dW[0, 0]


def test_dot_sums_left_to_right():
    A, B = np.array([[0.1, 0.2, 0.3]]), np.array([[0.3], [0.2], [0.1]])
    assert dot(A, B)[0, 0] == (0.1 * 0.3 + 0.2 * 0.2) + 0.3 * 0.1


@pytest.mark.parametrize(
    "make, message",
    [
        (lambda: Dense.from_values([[1, 2]], [1, 2]), "B: expected 1 biases"),
        (lambda: Dense.from_values([1, 2], [1]), "W: expected 2 dimensions"),
        (lambda: Dense.from_values([[1, float("nan")]], [1]), "W: NaN or infinite"),
        (lambda: Dense.from_values([["a", 1]], [1]), "W: expected numbers"),
        (lambda: Dense.create(0, 2), "inputs: expected a whole number >= 1"),
        (lambda: Activation("swish"), "unknown activation 'swish'"),
        (lambda: Activation("softmax"), "softmax depends on every net input of its layer"),
        (lambda: Sequential([]), "layers: expected at least one layer"),
    ],
)
def test_bad_layers_are_named(make, message):
    with pytest.raises((ValueError, TypeError), match=message):
        make()


def test_bad_shapes_in_a_pass_are_named(mazur):
    _, net, X, T = mazur
    with pytest.raises(
        ValueError, match=r"X: expected 2 rows \(one per input, examples as columns\)"
    ):
        net.forward(X.T.repeat(3, axis=0))
    with pytest.raises(ValueError, match=r"targets: expected shape \(2, 1\)"):
        net.backward(net.forward(X), T.T)
    with pytest.raises(ValueError, match="needs targets in"):
        Sequential(net.layers, BinaryCrossEntropy()).backward(net.forward(X), T * 2)
    with pytest.raises(ValueError, match="learning_rate"):
        net.train(X, T, -1, 10)
    with pytest.raises(ValueError, match="epochs"):
        net.train(X, T, 0.5, 0)
