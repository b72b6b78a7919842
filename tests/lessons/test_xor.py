"""Lesson 10: the XOR network learns, deterministically; the Dense backward
formulas are derived by sympy (and wrong ones rejected); Dense.backward
agrees with sympy and with finite differences; bad input is refused."""

import math

import numpy as np
import pytest
import sympy

from mazur_nn.core.layers import Dense, Sequential
from mazur_nn.lessons import xor


def _hand_forward(network, X):
    """The XOR network's output computed here, independently of the layers:
    tanh(W2 tanh(W1 X + B1) + B2)."""
    d1, _, d2, _ = network.layers
    return np.tanh(d2.W @ np.tanh(d1.W @ X + d1.B) + d2.B)


def _hand_loss(network):
    X, T = xor.xor_data()
    return float(np.mean((_hand_forward(network, X) - T) ** 2))


# -- data, network, training ------------------------------------------------------------


def test_xor_data_are_columns_with_xor_targets():
    X, T = xor.xor_data()
    assert X.shape == (2, 4) and T.shape == (1, 4)
    assert T[0].tolist() == [float(int(a) ^ int(b)) for a, b in X.T]


def test_network_has_the_source_layers():
    network = xor.xor_network(0)
    assert [type(layer).__name__ for layer in network.layers] == [
        "Dense",
        "Activation",
        "Dense",
        "Activation",
    ]
    assert network.layers[0].W.shape == (3, 2) and network.layers[2].W.shape == (1, 3)
    assert network.layers[1].name == network.layers[3].name == "tanh"
    assert network.loss.name == "mse"


def test_untrained_loss_matches_a_hand_computation():
    network = xor.xor_network(0)
    assert xor.loss_of(network) == pytest.approx(_hand_loss(network), abs=1e-15)
    assert xor.train_xor(epochs=1).losses[0] == pytest.approx(_hand_loss(network), abs=1e-15)


def test_network_learns_xor_with_margin():
    record = xor.train_xor()
    X, T = xor.xor_data()
    outputs = _hand_forward(record.network, X)[0]
    for output, target in zip(outputs, T[0]):
        assert abs(output - target) < 0.1  # the right side of 0.5 by at least 0.4


@pytest.mark.parametrize("seed", [1, 7, 11])
def test_other_seeds_learn_xor_too(seed):
    outputs = xor.train_xor(seed=seed).network.predict(xor.xor_data()[0])[0]
    assert [int(o >= 0.5) for o in outputs] == [0, 1, 1, 0]
    assert min(abs(o - 0.5) for o in outputs) > 0.4


def test_training_is_deterministic():
    first, second = xor.train_xor(), xor.train_xor()
    assert first.losses == second.losses
    assert np.array_equal(first.network.layers[0].W, second.network.layers[0].W)


def test_different_seeds_start_differently():
    assert xor.train_xor(seed=0, epochs=1).losses != xor.train_xor(seed=1, epochs=1).losses


def test_loss_decreases_at_every_epoch_and_overall():
    record = xor.train_xor()
    assert all(b < a for a, b in zip(record.losses, record.losses[1:]))
    assert record.losses[-1] < record.losses[0] / 1000
    assert _hand_loss(record.network) < record.losses[-1]


def test_progress_is_called_after_every_epoch():
    calls = []
    xor.train_xor(epochs=5, progress=lambda done, total: calls.append((done, total)))
    assert calls == [(k, 5) for k in range(1, 6)]


def test_predictions_table_after_training():
    record = xor.train_xor()
    table = xor.predictions_table(record.network)
    outputs = _hand_forward(record.network, xor.xor_data()[0])[0]
    assert [float(row[3]) for row in table.rows] == [round(o, 4) for o in outputs]
    assert [row[4] for row in table.rows] == ["0", "1", "1", "0"]
    assert {row[5] for row in table.rows} == {"yes"}
    assert f"loss {_hand_loss(record.network):.6f}" in table.title


def test_untrained_network_answers_0_at_the_origin():
    # biases start at 0 and tanh(0) = 0: whatever the weights, (0, 0) gives 0
    table = xor.predictions_table(xor.xor_network(3))
    assert table.rows[0][3] == "0"


def test_loss_table_rows():
    record = xor.train_xor(epochs=100)
    table = xor.loss_table(record, epochs=(1, 50, 100, 500))
    assert [row[0] for row in table.rows] == [
        "start of epoch 1",
        "start of epoch 50",
        "start of epoch 100",
        "after epoch 100 (the end)",
    ]
    assert table.rows[1][1] == f"{record.losses[49]:.6f}"
    assert table.rows[-1][1] == f"{_hand_loss(record.network):.6f}"


def test_loss_curve_is_log_scale_with_every_epoch():
    record = xor.train_xor(epochs=30)
    ax = xor.loss_curve(record).axes[0]
    assert ax.get_yscale() == "log"
    line = ax.get_lines()[0]
    assert list(line.get_xdata()) == list(range(1, 31))
    assert list(line.get_ydata()) == list(record.losses)


def test_decision_surfaces_side_by_side():
    fig = xor.decision_surfaces(
        xor.xor_network(), xor.train_xor(epochs=10).network, titles=["before", "after"]
    )
    assert [ax.get_title() for ax in fig.axes[:2]] == ["before", "after"]


def test_decision_surfaces_need_one_title_per_network():
    with pytest.raises(ValueError, match="titles"):
        xor.decision_surfaces(xor.xor_network(), titles=["a", "b"])


# -- bad input ----------------------------------------------------------------------------


@pytest.mark.parametrize("epochs", [0, -3, xor.MAX_EPOCHS + 1])
def test_epochs_out_of_range_is_refused(epochs):
    with pytest.raises(ValueError, match="^epochs: .*from 1 to 100000"):
        xor.train_xor(epochs=epochs)


@pytest.mark.parametrize("epochs", [1.5, "10", True, None])
def test_epochs_not_whole_is_refused(epochs):
    with pytest.raises(TypeError, match="^epochs: expected a whole number"):
        xor.train_xor(epochs=epochs)


@pytest.mark.parametrize("rate", [0, -0.1, math.inf, math.nan])
def test_learning_rate_not_positive_is_refused(rate):
    with pytest.raises(ValueError, match="^learning_rate: "):
        xor.train_xor(learning_rate=rate)


def test_learning_rate_as_text_is_refused():
    with pytest.raises(TypeError, match="^learning_rate: expected a number"):
        xor.train_xor(learning_rate="0.3")


@pytest.mark.parametrize("seed", [-1, 2**32])
def test_seed_out_of_range_is_refused(seed):
    with pytest.raises(ValueError, match="^seed: "):
        xor.xor_network(seed)


def test_one_step_refuses_a_bad_learning_rate():
    with pytest.raises(ValueError, match="^learning_rate: "):
        xor.one_step(learning_rate=0)


# -- one step, layer by layer -------------------------------------------------------------


def _numeric_gradient(network, layer, attribute, index, h=1e-6):
    def loss_with(delta):
        dense = network.layers[layer]
        changed = getattr(dense, attribute).copy()
        changed[index] += delta
        new = Dense(changed, dense.B) if attribute == "W" else Dense(dense.W, changed)
        layers = list(network.layers)
        layers[layer] = new
        return _hand_loss(Sequential(layers, network.loss))

    return (loss_with(h) - loss_with(-h)) / (2 * h)


@pytest.mark.parametrize(
    "layer, attribute, index",
    [(0, "W", (0, 0)), (0, "W", (2, 1)), (0, "B", (1, 0)), (2, "W", (0, 1)), (2, "B", (0, 0))],
)
def test_one_step_gradients_match_finite_differences(layer, attribute, index):
    network = xor.xor_network()
    walk = xor.one_step(network)
    grads = walk.gradients[layer]
    analytic = (grads.dW if attribute == "W" else grads.dB)[index]
    assert analytic == pytest.approx(_numeric_gradient(network, layer, attribute, index), abs=1e-8)


def test_one_step_update_is_a_new_network_one_step_against_the_gradient():
    network = xor.xor_network()
    W_before = network.layers[0].W.copy()
    walk = xor.one_step(network, learning_rate=0.3)
    assert np.array_equal(network.layers[0].W, W_before)  # the old network is unchanged
    expected = W_before - 0.3 * walk.gradients[0].dW
    assert np.allclose(walk.updated.layers[0].W, expected, rtol=0, atol=1e-15)
    assert walk.loss_after == pytest.approx(_hand_loss(walk.updated), abs=1e-15)
    assert walk.loss_after < walk.loss_before


def test_one_step_text_shows_the_hand_computed_numbers():
    network = xor.xor_network()
    walk = xor.one_step(network)
    X, T = xor.xor_data()
    hidden = network.layers[0].W @ X + network.layers[0].B
    assert f"{hidden[1, 3]:.6f}" in walk.forward_text.text
    assert f"E = MSE = mean of (Y - T)^2 = {_hand_loss(network):.6f}" in walk.forward_text.text
    dY = 2 * (_hand_forward(network, X) - T) / 4
    assert f"{dY[0, 1]:.6f}" in walk.backward_text.text
    assert f"after {_hand_loss(walk.updated):.6f}" in walk.update_text.text
    assert repr(walk).count("layer 1, Dense(2 -> 3)") == 3


# -- the Dense formulas, derived by sympy --------------------------------------------------


def _index_notation(inputs, outputs, batch):
    """The gradients in index notation, written out here:
    dE/dw_ji = sum_c delta_jc x_ic, dE/db_j = sum_c delta_jc,
    dE/dx_ic = sum_j w_ji delta_jc."""
    S = sympy.Symbol
    dW = sympy.Matrix(
        outputs,
        inputs,
        lambda j, i: sum(S(f"delta{j + 1}{c + 1}") * S(f"x{i + 1}{c + 1}") for c in range(batch)),
    )
    dB = sympy.Matrix(outputs, 1, lambda j, _: sum(S(f"delta{j + 1}{c + 1}") for c in range(batch)))
    dX = sympy.Matrix(
        inputs,
        batch,
        lambda i, c: sum(S(f"w{j + 1}{i + 1}") * S(f"delta{j + 1}{c + 1}") for j in range(outputs)),
    )
    return {"W": dW, "B": dB, "X": dX}


@pytest.mark.parametrize("sizes", [(2, 2, 2), (3, 2, 1), (1, 3, 2)])
def test_sympy_derivatives_match_index_notation(sizes):
    layer = xor.symbolic_dense(*sizes)
    for g, expected in _index_notation(*sizes).items():
        assert (layer.derived[g] - expected).expand() == sympy.zeros(*expected.shape)


def test_generic_error_is_renamed_to_the_right_delta():
    # A lopsided concrete E: substituting it for the generic one must give
    # what sympy.diff gives for that E directly.
    layer = xor.symbolic_dense(2, 2, 2)
    y11, y12, y21, y22 = layer.Y
    E = y11**2 * y22 + sympy.sin(y12) + 3 * y21 * y12
    ys = sympy.symbols("y11 y12 y21 y22")
    concrete = ys[0] ** 2 * ys[3] + sympy.sin(ys[1]) + 3 * ys[2] * ys[1]
    deltas = {
        sympy.Symbol(f"delta{s.name[1:]}"): sympy.diff(concrete, s).subs(
            dict(zip(ys, layer.Y)), simultaneous=True
        )
        for s in ys
    }
    for g in ("W", "B", "X"):
        M = getattr(layer, g)
        direct = M.applyfunc(lambda s: sympy.diff(E, s))
        assert (layer.derived[g].subs(deltas) - direct).expand() == sympy.zeros(*M.shape)


@pytest.mark.parametrize("sizes", [(2, 2, 2), (3, 2, 1), (2, 3, 3)])
def test_the_three_formulas_agree_with_sympy(sizes):
    check = xor.dense_formulas_check(*sizes)
    assert [c.agrees for c in check.checks] == [True, True, True]
    assert check.all_agree


@pytest.mark.parametrize("mistake", xor.MISTAKES, ids=lambda f: f.text)
def test_each_mistake_is_rejected(mistake):
    assert xor.check_dense_formula(mistake).agrees is False


def test_a_subtly_wrong_formula_is_rejected():
    twice = xor.Formula("W", "2 dE/dY X^T", r"2 G X^T", lambda W, X, B, G: 2 * G * X.T)
    swapped = xor.Formula("X", "W^T dE/dY^T", r"W^T G^T", lambda W, X, B, G: W.T * G.T)
    assert xor.check_dense_formula(twice).agrees is False
    assert xor.check_dense_formula(swapped).agrees is False


def test_a_formula_with_shapes_that_do_not_fit_is_rejected_not_raised():
    check = xor.check_dense_formula(xor.MISTAKES[0], inputs=3, outputs=2, batch=2)
    assert check.agrees is False and check.claimed is None
    assert "shapes do not fit" in check.note


def test_not_summing_the_bias_is_right_for_one_example_only():
    one = xor.check_dense_formula(xor.MISTAKES[1], batch=1)
    assert one.agrees is True
    assert xor.check_dense_formula(xor.MISTAKES[1], batch=2).agrees is False


def test_formula_check_reprs_show_formula_and_verdict():
    check = xor.dense_formulas_check()
    assert "dE/dW = dE/dY X^T: sympy agrees: True" in repr(check)
    assert "delta11*x11 + delta12*x12" in repr(check)
    latex = check._repr_latex_()
    assert r"\delta_{11} x_{11} + \delta_{12} x_{12}" in latex and r"\checkmark" in latex
    wrong = xor.dense_formulas_check(formulas=xor.MISTAKES)
    assert "sympy agrees: False" in repr(wrong) and r"\neq" in wrong._repr_latex_()


@pytest.mark.parametrize("field, value", [("inputs", 0), ("outputs", 5), ("batch", 2.0)])
def test_symbolic_sizes_are_checked(field, value):
    sizes = {"inputs": 2, "outputs": 2, "batch": 2, field: value}
    with pytest.raises((ValueError, TypeError), match=f"^{field}: "):
        xor.symbolic_dense(**sizes)


def test_formula_needs_a_known_gradient_and_a_rule():
    with pytest.raises(ValueError, match="^of: "):
        xor.Formula("Y", "x", "x", lambda W, X, B, G: G)
    with pytest.raises(TypeError, match="^rule: "):
        xor.Formula("W", "x", "x", None)


# -- Dense.backward against sympy, in numbers -------------------------------------------------


@pytest.mark.parametrize("seed, sizes", [(0, (2, 2, 2)), (1, (3, 2, 4)), (5, (2, 3, 1))])
def test_dense_backward_matches_sympy(seed, sizes):
    check = xor.dense_backward_check(seed, *sizes)
    assert check.largest_difference < 1e-12
    assert check.package["W"].shape == (sizes[1], sizes[0])
    assert check.package["X"].shape == (sizes[0], sizes[2])


def test_sympy_numbers_match_finite_differences():
    check = xor.dense_backward_check(0)

    def E(W, B, X):
        return 0.5 * float(np.sum((W @ X + B - check.T) ** 2))

    h = 1e-6
    W_plus, W_minus = check.W.copy(), check.W.copy()
    W_plus[1, 0] += h
    W_minus[1, 0] -= h
    numeric = (E(W_plus, check.B, check.X) - E(W_minus, check.B, check.X)) / (2 * h)
    assert check.sympy["W"][1, 0] == pytest.approx(numeric, abs=1e-8)


def test_backward_check_table_lists_every_entry():
    table = xor.dense_backward_check(0).table()
    assert [row[0] for row in table.rows] == [
        "dE/dw11",
        "dE/dw12",
        "dE/dw21",
        "dE/dw22",
        "dE/db1",
        "dE/db2",
        "dE/dx11",
        "dE/dx12",
        "dE/dx21",
        "dE/dx22",
    ]
    assert {row[3] for row in table.rows} == {"< 1e-12"}


def test_a_wrong_backward_would_be_caught():
    check = xor.dense_backward_check(0)
    wrong = xor.BackwardCheck(
        check.W,
        check.B,
        check.X,
        check.T,
        {**check.package, "W": check.package["W"].T},
        check.sympy,
    )
    assert wrong.largest_difference > 1e-3


# -- the widget --------------------------------------------------------------------------------


def test_trainer_trains_and_has_its_classes():
    trainer = xor.XorTrainer(epochs=50, drawing=False)
    assert len(trainer.record.losses) == 50
    assert "mazur-xor" in trainer.widget._dom_classes
    assert "mazur-xor-result" in trainer.result._dom_classes
    assert "mazur-message" in trainer.message._dom_classes
    assert trainer.progress.value == 50
    assert f"loss {_hand_loss(trainer.record.network):.6f}" in trainer.result.value


@pytest.mark.parametrize(
    "field, text, words",
    [
        ("epochs", "0", "epochs: 0 is not allowed"),
        ("epochs", "1e3", "epochs: &quot;1e3&quot; is not a whole number"),
        ("learning_rate", "-0.1", "learning_rate: -0.1 is not allowed"),
        ("learning_rate", "__import__('os')", "learning_rate: &quot;__import__"),
        ("seed", "", "seed: empty"),
    ],
)
def test_trainer_bad_values_show_a_message_and_keep_the_last_result(field, text, words):
    trainer = xor.XorTrainer(epochs=20, drawing=False)
    before = trainer.record
    trainer.set_text(field, text)
    trainer.train()
    assert words in trainer.message.value
    assert trainer.record is before
    assert trainer.boxes[field].value == text


def test_trainer_diverging_shows_a_message_and_keeps_the_last_result():
    trainer = xor.XorTrainer(epochs=20, drawing=False)
    before = trainer.record
    trainer.set_text("learning_rate", "1.7e308")
    with np.errstate(all="ignore"):
        trainer.train()
    assert "training stopped at epoch 2: the loss became nan" in trainer.message.value
    assert trainer.record is before


def test_trainer_draws_both_pictures():
    trainer = xor.XorTrainer(epochs=20)
    assert trainer.loss_image.png[:4] == b"\x89PNG"
    assert trainer.surface_image.png[:4] == b"\x89PNG"
