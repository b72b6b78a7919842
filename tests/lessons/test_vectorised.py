"""Lesson 09's matrix form: for m = 1 the core's scalar partials to the last
bit; for m > 1 the mean of the examples' partials and the finite differences
of the cost; the shapes; clear errors for bad input."""

# ruff: noqa: E741 (l is the source's name for a layer)
import numpy as np
import pytest

import mazur_nn
from mazur_nn import Config
from mazur_nn.core.layers import Dense, Sequential, Sigmoid, Tanh, from_network
from mazur_nn.lessons.vectorised import (
    Notation,
    check_batch,
    compare_with_core,
    draw_matrices,
    formulas,
    layer_table,
    names_table,
    shapes_table,
    source_names,
    vectorised_pass,
)

X4 = [[0.5, -0.3, 0.9, 0.1], [0.2, 0.8, -0.6, -0.4]]
Y4 = [[1.0, 0.0, 1.0, 0.0]]


def _config(seed=3, activations="sigmoid", loss="binary_cross_entropy", **keys):
    data = {"layers": [2, 3, 1], "seed": seed, "activations": activations, "loss": loss}
    data.update({"inputs": [0.5, 0.2], "targets": [1.0]}, **keys)
    return Config.from_dict(data)


CASES = [
    ("sigmoid", "binary_cross_entropy"),
    (["tanh", "sigmoid"], "binary_cross_entropy"),
    (["relu", "sigmoid"], "half_squared_error"),
    (["tanh", "linear"], "mse"),
    (["linear", "tanh"], "half_squared_error"),
]


# -- m = 1: the core's scalar partials, exactly ---------------------------------------------------


@pytest.mark.parametrize("seed", [0, 3, 11])
@pytest.mark.parametrize("activations, loss", CASES)
def test_m1_matrices_hold_the_cores_partials_exactly(seed, activations, loss):
    config = _config(seed, activations, loss)
    core = mazur_nn.backward(config.network, config.inputs, config.targets).gradients
    one = vectorised_pass(config)
    names = config.network.names
    for l, rows in enumerate(names.weight_matrix, start=1):
        for j, row in enumerate(rows):
            for k, w in enumerate(row):
                assert one.dW[l][j, k] == core[w], w
    # one bias per layer: its partial is the sum over the neurons it feeds
    assert one.db[1][0, 0] + one.db[1][1, 0] + one.db[1][2, 0] == core["b1"]
    assert one.db[2][0, 0] == core["b2"]


@pytest.mark.parametrize("seed", [1, 5])
@pytest.mark.parametrize("activations, loss", CASES[:3])
def test_compare_with_core_finds_no_difference(seed, activations, loss):
    result = compare_with_core(_config(seed, activations, loss))
    assert [m.parameter for m in result.matches] == [f"w{k}" for k in range(1, 10)] + ["b1", "b2"]
    assert all(m.matrix == m.core for m in result.matches)
    assert result.max_difference == 0.0


def test_m1_per_neuron_biases_are_the_rows_of_db():
    config = _config(7, ["tanh", "sigmoid"], bias_mode="per_neuron")
    core = config.backward().gradients
    one = vectorised_pass(config)
    assert one.db[1][:, 0].tolist() == [core["b_h1"], core["b_h2"], core["b_h3"]]
    assert one.db[2][0, 0] == core["b_o1"]
    assert compare_with_core(config).max_difference == 0.0


def test_m1_forward_matrices_hold_net_and_out():
    config = _config()
    core = config.forward()
    one = vectorised_pass(config)
    assert one.Z[1][:, 0].tolist() == [core["net_h1"], core["net_h2"], core["net_h3"]]
    assert one.A[1][:, 0].tolist() == [core["out_h1"], core["out_h2"], core["out_h3"]]
    assert one.A[2][0, 0] == core["out_o1"]
    assert one.J == core["E_total"]


def test_mazurs_published_digits_in_matrix_form():
    one = vectorised_pass(mazur_nn.mazur_example())
    assert f"{one.dW[2][0, 0]:.9f}" == "0.082167041"  # dE_total/dw5
    assert f"{one.dW[1][0, 0]:.9f}" == "0.000438568"  # dE_total/dw1
    assert f"{one.J:.9f}" == "0.298371109"


# -- m > 1: the mean of the examples, and finite differences --------------------------------------


@pytest.mark.parametrize("activations, loss", CASES)
def test_batch_gradient_is_the_mean_of_the_examples_core_partials(activations, loss):
    config = _config(2, activations, loss)
    batch = vectorised_pass(config, X4, Y4)
    X, Y = np.array(X4), np.array(Y4)
    singles = [mazur_nn.backward(config.network, X[:, j], Y[:, j]) for j in range(4)]
    mean = {p: sum(s.gradients[p] for s in singles) / 4 for p in config.network.names.parameters}
    for l, rows in enumerate(config.network.names.weight_matrix, start=1):
        for j, row in enumerate(rows):
            for k, w in enumerate(row):
                assert batch.dW[l][j, k] == pytest.approx(mean[w], rel=1e-12, abs=1e-16)
    assert batch.db[1].sum() == pytest.approx(mean["b1"], rel=1e-12, abs=1e-16)
    assert batch.db[2][0, 0] == pytest.approx(mean["b2"], rel=1e-12, abs=1e-16)


def test_dz_and_da_keep_one_column_per_example_without_the_1_over_m():
    config = _config(4, ["tanh", "sigmoid"])
    batch = vectorised_pass(config, X4, Y4)
    for j in range(4):
        single = vectorised_pass(config, [[X4[0][j]], [X4[1][j]]], [[Y4[0][j]]])
        for l in (1, 2):
            assert batch.dZ[l][:, j].tolist() == single.dZ[l][:, 0].tolist()
            assert batch.dA[l][:, j].tolist() == single.dA[l][:, 0].tolist()


def _cost(W1, b1, W2, b2, X, Y):
    """The 2-3-1 sigmoid network's mean binary cross-entropy, in plain numpy."""
    A1 = 1 / (1 + np.exp(-(W1 @ X + b1)))
    A2 = 1 / (1 + np.exp(-(W2 @ A1 + b2)))
    return float(np.mean(-(Y * np.log(A2) + (1 - Y) * np.log(1 - A2))))


def test_batch_gradients_match_central_finite_differences_of_the_cost():
    config = _config(9, bias_mode="per_neuron")
    batch = vectorised_pass(config, X4, Y4)
    X, Y = np.array(X4), np.array(Y4)
    params = {"W1": batch.W[1], "b1": batch.b[1], "W2": batch.W[2], "b2": batch.b[2]}
    grads = {"W1": batch.dW[1], "b1": batch.db[1], "W2": batch.dW[2], "b2": batch.db[2]}
    h = 1e-6
    for name, value in params.items():
        for index in np.ndindex(value.shape):
            plus = {k: v.copy() for k, v in params.items()}
            minus = {k: v.copy() for k, v in params.items()}
            plus[name][index] += h
            minus[name][index] -= h
            numeric = (_cost(**plus, X=X, Y=Y) - _cost(**minus, X=X, Y=Y)) / (2 * h)
            assert grads[name][index] == pytest.approx(numeric, rel=1e-6, abs=1e-9)


def test_cost_is_the_mean_of_the_examples_core_errors():
    config = _config(6)
    batch = vectorised_pass(config, X4, Y4)
    X = np.array(X4)
    errors = [
        mazur_nn.forward(config.network, X[:, j], Y4[0][j : j + 1])["E_total"] for j in range(4)
    ]
    assert batch.losses[0].tolist() == pytest.approx(errors, rel=1e-15)
    assert batch.J == pytest.approx(sum(errors) / 4, rel=1e-15)


def test_sigmoid_with_cross_entropy_gives_dz_equal_to_a_minus_y():
    batch = vectorised_pass(_config(5), X4, Y4)
    assert batch.dZ[2] == pytest.approx(batch.A[2] - np.array(Y4), abs=1e-15)


def test_the_matrix_formulas_hold_with_numpy_products():
    batch = vectorised_pass(_config(8, ["tanh", "sigmoid"]), X4, Y4)
    m = 4
    for l in (1, 2):
        assert batch.Z[l] == pytest.approx(batch.W[l] @ batch.A[l - 1] + batch.b[l], abs=1e-15)
        assert batch.dW[l] == pytest.approx(batch.dZ[l] @ batch.A[l - 1].T / m, abs=1e-15)
        assert batch.db[l] == pytest.approx(batch.dZ[l].sum(axis=1, keepdims=True) / m, abs=1e-15)
    assert batch.dA[1] == pytest.approx(batch.W[2].T @ batch.dZ[2], abs=1e-15)
    assert batch.dZ[1] == pytest.approx(batch.dA[1] * (1 - batch.A[1] ** 2), abs=1e-15)


def test_the_layer_api_puts_the_1_over_m_into_da_and_gets_the_same_dw():
    config = _config(2)
    batch = vectorised_pass(config, X4, Y4)
    layers = from_network(config.network)
    grads = layers.backward(layers.forward(np.array(X4)), np.array(Y4))
    assert grads[2].dW == pytest.approx(batch.dW[2], abs=1e-15)
    assert grads[0].dW == pytest.approx(batch.dW[1], abs=1e-15)
    assert grads[2].dB == pytest.approx(batch.db[2], abs=1e-15)
    assert grads[3].dX == pytest.approx(batch.dZ[2] / 4, abs=1e-15)  # its dZ[2]


def test_check_batch_agrees_four_ways():
    result = check_batch(_config(3), X4, Y4)
    assert result.m == 4 and len(result.rows) == 11
    assert result.max_difference < 1e-8
    assert "four ways" in result.table().title


def test_a_sequential_gives_the_same_pass_as_its_config():
    config = _config(3)
    W1, b1 = vectorised_pass(config).W[1], vectorised_pass(config).b[1]
    W2, b2 = vectorised_pass(config).W[2], vectorised_pass(config).b[2]
    net = Sequential(
        [Dense(W1, b1), Sigmoid(), Dense(W2, b2), Sigmoid()], from_network(config.network).loss
    )
    a, b = vectorised_pass(net, X4, Y4), vectorised_pass(config, X4, Y4)
    assert all((a.dW[l] == b.dW[l]).all() and (a.dZ[l] == b.dZ[l]).all() for l in (1, 2))


# -- shapes ---------------------------------------------------------------------------------------


def test_shapes_follow_the_notation():
    batch = vectorised_pass(_config(), X4, Y4)
    expected = {
        "W[1]": (3, 2), "b[1]": (3, 1), "Z[1]": (3, 4), "A[1]": (3, 4),
        "W[2]": (1, 3), "b[2]": (1, 1), "Z[2]": (1, 4), "A[2]": (1, 4),
    }  # fmt: skip
    for name, shape in expected.items():
        assert batch[name].shape == shape
        assert batch["d" + name].shape == shape  # a gradient has its quantity's shape
    assert batch["X"].shape == (2, 4) and batch["A[0]"] is batch.X


def test_shapes_of_a_deeper_network():
    net = Sequential([Dense.create(3, 4, seed=1), Tanh(), Dense.create(4, 2, seed=2), Tanh(),
                      Dense.create(2, 2, seed=3), Sigmoid()])  # fmt: skip
    rng = np.random.default_rng(0)
    batch = vectorised_pass(net, rng.uniform(-1, 1, (3, 5)), rng.uniform(0, 1, (2, 5)))
    assert [batch.dW[l].shape for l in (1, 2, 3)] == [(4, 3), (2, 4), (2, 2)]
    assert [batch.dA[l].shape for l in (1, 2, 3)] == [(4, 5), (2, 5), (2, 5)]
    assert batch.L == 3 and batch.m == 5


def test_shapes_table_reads_the_shapes_from_the_pass():
    table = shapes_table(vectorised_pass(_config(), X4, Y4))
    rows = {row[0]: row[1:] for row in table.rows}
    assert rows["W[1]"] == ("(3, 2)", "n[1] x n[0]", "dW[1]", "(3, 2)")
    assert rows["Z[2]"] == ("(1, 4)", "n[2] x m", "dZ[2]", "(1, 4)")
    assert rows["A[0] = X"][0] == "(2, 4)"


def test_layer_table_and_notation():
    table = layer_table(_config(), m=4)
    assert table.rows[2] == ("2", "output", "1", "sigmoid", "(1, 3)", "(1, 1)", "(1, 4)")
    notation = Notation.of(_config(), m=4)
    assert (notation.L, notation.n(0), notation.shape("dW", 2), notation.shape("dA", 1)) == (
        2, 2, (1, 3), (3, 4),
    )  # fmt: skip
    assert "m            | examples in the batch" in repr(notation)


def test_source_names_follow_the_source():
    # the source: w11..w23 from the inputs, w31, w41, w51 into the output; b1, b2 per layer
    names = source_names(_config().network)
    assert list(names.values()) == [
        "w11", "w21", "w12", "w22", "w13", "w23", "w31", "w41", "w51", "b1", "b2",
    ]  # fmt: skip
    rows = {row[0]: row for row in names_table(_config()).rows}
    assert rows["w8"] == ("w8", "w41", "W[2][0, 1]", "from h2 to o1")
    assert rows["net_h2"][1:3] == ("z12", "Z[1][1, j]")


# -- display --------------------------------------------------------------------------------------


def test_a_quantity_prints_rounded_with_its_formula_and_shape():
    batch = vectorised_pass(_config(), X4, Y4)
    text = repr(batch.quantity("dW[1]"))
    assert text.startswith("dW[1] = 1/m * dZ[1] A[0]^T    shape (3, 2)\n[[")
    assert f"{batch.dW[1][0, 0]:.6f}" in text
    latex = batch.show("dZ[2]", "J")._repr_latex_()
    assert latex.startswith("$$\\begin{aligned}") and "A^{[2]} - Y" in latex
    assert f"{batch.J:.6f}" in latex


def test_the_pass_prints_every_quantity():
    text = repr(vectorised_pass(_config(), X4, Y4))
    assert text.startswith("VectorisedPass(2-3-1 network, m = 4 examples, binary cross-entropy")
    for name in ("Z[1]", "A[2]", "dA[2]", "dZ[1]", "dW[2]", "db[1]", "J"):
        assert f"\n{name} = " in text


def test_formulas_per_loss():
    backward = repr(formulas(_config(), "backward"))
    assert "dW[1] = 1/m * dZ[1] A[0]^T" in backward
    assert "dZ[2] = dA[2] * A[2] * (1 - A[2]) = A[2] - Y" in backward
    half = repr(formulas(_config(loss="half_squared_error"), "backward"))
    assert "dA[2] = A[2] - Y" in half
    assert formulas(_config(), "forward")._repr_latex_().count("\\\\") == 5


def test_draw_matrices_draws_each_matrix_with_its_shape():
    fig = draw_matrices(vectorised_pass(_config(), X4, Y4))
    assert fig.mazur_matrices["dW[1]"] == fig.mazur_matrices["W[1]"] == (3, 2)
    assert fig.mazur_matrices["dZ[2]"] == (1, 4)
    assert len(fig.mazur_matrices) == 16


def test_the_pass_cannot_be_changed():
    batch = vectorised_pass(_config(), X4, Y4)
    with pytest.raises(ValueError):
        batch.dW[1][0, 0] = 1.0
    with pytest.raises(TypeError):
        batch.dW[1] = np.zeros((3, 2))


# -- bad input ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "X, Y, error, message",
    [
        ([[0.5, 0.1], [0.2, 0.3], [0.0, 0.0]], [[1, 0]], ValueError, r"X: expected 2 rows"),
        ([0.5, 0.2], [[1]], ValueError, r"X: expected 2 dimensions"),
        ([[], []], [[]], ValueError, r"X: expected at least one example"),
        ([["a", 1], [0, 1]], [[1, 0]], TypeError, r"X: expected numbers"),
        ([[0.5, float("nan")], [0.2, 0.1]], [[1, 0]], ValueError, r"X: NaN or infinite"),
        (X4, [[1, 0, 1]], ValueError, r"Y: expected shape \(1, 4\)"),
        (X4, [[1, 0, 1, 0], [0, 1, 0, 1]], ValueError, r"Y: expected 1 rows"),
        (X4, [[1, 0, float("inf"), 0]], ValueError, r"Y: NaN or infinite"),
        (X4, [[1, 0, 2, 0]], ValueError, r"Y: binary_cross_entropy needs targets in \[0, 1\]"),
        (X4, None, ValueError, r"Y: needed"),
    ],
)
def test_bad_batches_are_named(X, Y, error, message):
    with pytest.raises(error, match=message):
        vectorised_pass(_config(), X, Y)


def test_bad_models_and_names_are_named():
    with pytest.raises(TypeError, match="model: expected a Config, a Network or a Sequential"):
        vectorised_pass("2-3-1", X4, Y4)
    with pytest.raises(ValueError, match="model: expected Dense and activation layers in turn"):
        vectorised_pass(Sequential([Dense.create(2, 1), Dense.create(1, 1)]), X4, Y4)
    with pytest.raises(ValueError, match=r"model: W\[2\] has 2 columns, expected 3"):
        vectorised_pass(
            Sequential([Dense.create(2, 3), Tanh(), Dense.create(2, 1), Tanh()]), X4, Y4
        )
    with pytest.raises(ValueError, match=r"X: needed"):
        vectorised_pass(from_network(_config().network))
    with pytest.raises(ValueError, match=r"name: 'dW\[3\]' is not a quantity of this pass"):
        vectorised_pass(_config())["dW[3]"]
    with pytest.raises(ValueError, match=r"name: 'dQ\[1\]' is not a quantity"):
        vectorised_pass(_config()).quantity("dQ[1]")
    with pytest.raises(ValueError, match="m: expected a whole number >= 1"):
        Notation.of(_config(), m=0)
    with pytest.raises(ValueError, match="part: 'sideways' is not allowed"):
        formulas(_config(), "sideways")
    with pytest.raises(TypeError, match="config: expected a Config"):
        compare_with_core(_config().network)
    with pytest.raises(ValueError, match="step: -1.0 is not allowed"):
        check_batch(_config(), X4, Y4, step=-1)


def test_saturation_is_exact_and_a_log_of_0_is_named_not_returned_as_nan():
    # -5000 saturates every hidden sigmoid: exactly 0 or 1, no overflow.
    saturated_hidden = vectorised_pass(_config(), [[-5000.0], [0.0]], [[1.0]])
    assert set(np.unique(saturated_hidden.A[1])) <= {0.0, 1.0}
    saturated = _config(weights=[0.0] * 6 + [100.0] * 3, biases=[5.0, 5.0])
    with pytest.raises(ValueError, match=r"^(L|J|dA\[2\]): "):
        vectorised_pass(saturated, [[0.0], [0.0]], [[0.0]])  # out_o1 is exactly 1.0
