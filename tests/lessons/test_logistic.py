"""Lesson 08: one sigmoid unit with log loss on the bundled digits ("9 or not 9").

Every expected value comes from an independent source: scikit-learn (the
data, the split, log loss, metrics, LogisticRegression), sympy, closed forms,
and central finite differences written here, not the package's own.
"""

import math
import subprocess
import sys
import warnings

import numpy as np
import pytest
import sympy as sp
from sklearn import metrics as skm
from sklearn.datasets import load_digits
from sklearn.linear_model import LogisticRegression

from mazur_nn.lessons import logistic


@pytest.fixture(scope="module")
def data():
    return logistic.load_nines()


@pytest.fixture(scope="module")
def trained(data):
    return logistic.train(data)


@pytest.fixture(scope="module")
def random_unit():
    rng = np.random.default_rng(8)
    return rng.normal(0, 0.5, 64), -0.7


def _sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def _mean_log_loss(w, b, X, y):
    """scikit-learn's log loss of the unit's probabilities (an independent formula)."""
    return skm.log_loss(y, _sigmoid(X @ w + b), labels=[0, 1])


def _central_differences(w, b, X, y, h=1e-6):
    grad = np.empty(len(w) + 1)
    for k in range(len(w) + 1):
        step = np.zeros(len(w) + 1)
        step[k] = h
        plus = _mean_log_loss(w + step[:-1], b + step[-1], X, y)
        minus = _mean_log_loss(w - step[:-1], b - step[-1], X, y)
        grad[k] = (plus - minus) / (2 * h)
    return grad[:-1], grad[-1]


# -- importing ------------------------------------------------------------------------


def test_importing_the_module_loads_no_heavy_library():
    code = (
        "import sys, mazur_nn.lessons.logistic; "
        "print(sorted(m for m in ('numpy', 'sklearn', 'matplotlib', 'ipywidgets', 'sympy') "
        "if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


# -- the data -------------------------------------------------------------------------


def test_split_sizes_and_shapes(data):
    assert data.X_train.shape == (1347, 64)
    assert data.X_test.shape == (450, 64)
    assert data.y_train.shape == (1347,)
    assert data.y_test.shape == (450,)


def test_rows_are_sklearn_pictures_divided_by_16(data):
    digits = load_digits()
    np.testing.assert_array_equal(data.X_train, digits.data[data.index_train] / 16)
    np.testing.assert_array_equal(data.X_test, digits.data[data.index_test] / 16)
    np.testing.assert_array_equal(data.digits_test, digits.target[data.index_test])


def test_labels_are_one_exactly_for_nines(data):
    np.testing.assert_array_equal(data.y_train, (data.digits_train == 9).astype(float))
    np.testing.assert_array_equal(data.y_test, (data.digits_test == 9).astype(float))


def test_split_uses_every_picture_once(data):
    both = np.concatenate([data.index_train, data.index_test])
    assert sorted(both.tolist()) == list(range(1797))


def test_split_is_stratified(data):
    # 180 nines of 1797: a quarter of them, rounded, in the test split.
    assert int(data.y_test.sum()) == 45
    assert int(data.y_train.sum()) == 135


def test_same_seed_same_split_other_seed_other_split(data):
    np.testing.assert_array_equal(logistic.load_nines().index_test, data.index_test)
    assert not np.array_equal(logistic.load_nines(seed=1).index_test, data.index_test)


def test_other_test_fraction(data):
    half = logistic.load_nines(test_fraction=0.5)
    assert len(half.y_test) in (898, 899)


def test_arrays_are_read_only(data):
    with pytest.raises(ValueError):
        data.X_train[0, 0] = 1.0


def test_first_finds_the_digit(data):
    k = data.first(9, "test")
    assert data.digits_test[k] == 9
    assert all(d != 9 for d in data.digits_test[:k])


def test_shapes_table_lists_the_arrays(data):
    text = str(data.shapes())
    assert "(1347, 64)" in text and "(450,)" in text


# -- one example: the computational graph ------------------------------------------------


def test_graph_at_zero_weights_matches_closed_form(data):
    k = data.first(9)
    g = logistic.forward_graph(np.zeros(64), 0.0, data.X_train[k], 1.0)
    assert (g.u, g.z, g.a) == (0.0, 0.0, 0.5)
    assert g.L == pytest.approx(math.log(2), abs=1e-15)
    assert (g.dL_da, g.da_dz, g.dL_dz, g.dL_db) == (-2.0, 0.25, -0.5, -0.5)
    np.testing.assert_array_equal(g.dL_dw, -0.5 * data.X_train[k])


def test_graph_local_derivatives_match_sympy(data, random_unit):
    w, b = random_unit
    x = data.X_train[3]
    g = logistic.forward_graph(w, b, x, 0.0)
    a_, y_, z_ = sp.symbols("a y z")
    loss = -(y_ * sp.log(a_) + (1 - y_) * sp.log(1 - a_))
    sigma = 1 / (1 + sp.exp(-z_))
    assert g.a == pytest.approx(float(sigma.subs(z_, g.z)), rel=1e-13)
    assert g.dL_da == pytest.approx(float(sp.diff(loss, a_).subs({a_: g.a, y_: 0})), rel=1e-12)
    assert g.da_dz == pytest.approx(float(sp.diff(sigma, z_).subs(z_, g.z)), rel=1e-12)


def test_graph_gradients_match_finite_differences(data, random_unit):
    w, b = random_unit
    x, y = data.X_train[:1], data.y_train[:1]
    g = logistic.forward_graph(w, b, x[0], y[0])
    dw, db = _central_differences(w, b, x, y)
    np.testing.assert_allclose(g.dL_dw, dw, atol=1e-8)
    assert g.dL_db == pytest.approx(db, abs=1e-8)
    assert g.L == pytest.approx(_mean_log_loss(w, b, x, y), rel=1e-12)


def test_graph_dL_dz_is_product_of_local_derivatives(data, random_unit):
    w, b = random_unit
    g = logistic.forward_graph(w, b, data.X_train[5], 1.0)
    assert g.dL_dz == pytest.approx(g.dL_da * g.da_dz, rel=1e-12)
    assert g.dL_dz == pytest.approx(g.a - 1.0, rel=1e-15)


def test_graph_table_names_every_node(data):
    text = str(logistic.forward_graph(np.zeros(64), 0.0, data.X_train[0], 0.0).table())
    for name in ("u ", "z ", "a ", "L ", "dL/da", "da/dz", "dL/dz", "dL/db", "dL/dw_"):
        assert name in text


def test_graph_at_a_saturated_unit_keeps_finite_gradients():
    g = logistic.forward_graph([1000.0], 0.0, [1.0], 1.0)
    assert g.a == 1.0 and g.L == 0.0 and g.dL_dz == 0.0
    assert g.dL_da == -1.0


def test_sympy_simplifies_the_chain_rule_to_a_minus_y():
    a, y = sp.symbols("a y")
    derivation = logistic.chain_rule_for_one_unit()
    assert sp.simplify(sp.sympify(derivation.simplified) - (a - y)) == 0
    assert sp.simplify(sp.sympify(derivation.product) - (a - y)) == 0
    assert r"\frac{\partial L}{\partial z}" in derivation._repr_latex_()


def test_sigmoid_matches_the_formula_and_never_overflows():
    z = np.linspace(-30, 30, 61)
    np.testing.assert_allclose(logistic.sigmoid(z), _sigmoid(z), rtol=1e-13)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert logistic.sigmoid(np.array([-1e4, 1e4])).tolist() == [0.0, 1.0]


def test_log_loss_matches_sklearn(data, random_unit):
    w, b = random_unit
    assert logistic.log_loss(w, b, data.X_test, data.y_test) == pytest.approx(
        _mean_log_loss(w, b, data.X_test, data.y_test), rel=1e-12
    )


# -- all m examples: the vectorised gradient ------------------------------------------------


def test_vectorised_gradient_equals_loop_over_examples(data, random_unit):
    w, b = random_unit
    fast = logistic.gradients(w, b, data.X_train, data.y_train)
    loop = logistic.gradients_by_loop(w, b, data.X_train, data.y_train)
    np.testing.assert_allclose(fast.dw, loop.dw, rtol=0, atol=1e-13)
    assert fast.db == pytest.approx(loop.db, abs=1e-13)
    assert fast.loss == pytest.approx(loop.loss, rel=1e-12)


def test_vectorised_gradient_equals_finite_differences(data, random_unit):
    w, b = random_unit
    fast = logistic.gradients(w, b, data.X_train, data.y_train)
    dw, db = _central_differences(w, b, data.X_train, data.y_train)
    np.testing.assert_allclose(fast.dw, dw, rtol=0, atol=1e-8)
    assert fast.db == pytest.approx(db, abs=1e-8)


def test_package_finite_differences_agree_with_ours(data, random_unit):
    w, b = random_unit
    theirs = logistic.finite_differences(w, b, data.X_test, data.y_test)
    dw, db = _central_differences(w, b, data.X_test, data.y_test)
    np.testing.assert_allclose(theirs.dw, dw, atol=1e-8)
    assert theirs.db == pytest.approx(db, abs=1e-8)


def test_gradient_at_zero_is_half_minus_share_of_nines(data):
    g = logistic.gradients(np.zeros(64), 0.0, data.X_train, data.y_train)
    assert g.db == pytest.approx(0.5 - 135 / 1347, abs=1e-15)
    np.testing.assert_allclose(g.dw, ((0.5 - data.y_train)[:, None] * data.X_train).mean(axis=0))


def test_gradient_check_table_reports_agreement(data, random_unit):
    w, b = random_unit
    text = str(logistic.gradient_check(w, b, data.X_train[:200], data.y_train[:200]))
    assert "< 1e-12" in text and "< 1e-8" in text


# -- training ------------------------------------------------------------------------------


def test_training_loss_decreases_every_epoch(trained):
    losses = np.array(trained.train_loss)
    assert len(losses) == 2001
    assert losses[0] == pytest.approx(math.log(2), abs=1e-15)
    assert (np.diff(losses) < 0).all()
    assert losses[-1] < 0.05


def test_training_losses_are_the_losses_of_the_final_unit(data, trained):
    assert trained.train_loss[-1] == pytest.approx(
        _mean_log_loss(trained.w, trained.b, data.X_train, data.y_train), rel=1e-12
    )
    assert trained.test_loss[-1] == pytest.approx(
        _mean_log_loss(trained.w, trained.b, data.X_test, data.y_test), rel=1e-12
    )


def test_one_epoch_is_one_gradient_step(data):
    one = logistic.train(data, learning_rate=0.3, epochs=1)
    g = logistic.gradients(np.zeros(64), 0.0, data.X_train, data.y_train)
    np.testing.assert_allclose(one.w, -0.3 * g.dw, rtol=1e-15)
    assert one.b == pytest.approx(-0.3 * g.db, rel=1e-15)


def test_training_is_deterministic(data, trained):
    again = logistic.train(data)
    np.testing.assert_array_equal(again.w, trained.w)
    assert again.train_loss == trained.train_loss


def test_progress_is_reported_up_to_the_last_epoch(data):
    calls = []
    logistic.train(data, epochs=250, progress=lambda done, total: calls.append((done, total)))
    assert calls[-1] == (250, 250)
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)
    assert 50 <= len(calls) <= 250


def test_loss_table_prints_every_tenth(trained):
    table = trained.loss_table()
    assert [r[0] for r in table.rows] == [str(e) for e in range(0, 2001, 200)]
    assert table.rows[0][1] == "0.693147"


def test_learning_rate_table_counts_rises(data):
    table = logistic.learning_rate_table(data, rates=(1.0, 4.0), epochs=100)
    rises = {row[0]: int(row[3]) for row in table.rows}
    assert rises["1"] == 0 and rises["4"] > 0


# -- how good is it? -------------------------------------------------------------------------


def test_unit_is_within_one_point_of_sklearn_logistic_regression(data, trained):
    model = LogisticRegression(max_iter=5000).fit(data.X_train, data.y_train)
    theirs = skm.accuracy_score(data.y_test, model.predict(data.X_test))
    ours = skm.accuracy_score(data.y_test, _sigmoid(data.X_test @ trained.w + trained.b) >= 0.5)
    assert abs(ours - theirs) <= 0.01
    assert ours > 0.97  # far above the 90 % of always saying "not 9"


def test_compare_with_sklearn_reports_the_same_accuracies(data, trained):
    comparison = logistic.compare_with_sklearn(data, trained)
    model = LogisticRegression(max_iter=5000).fit(data.X_train, data.y_train)
    assert comparison.sklearn.accuracy == skm.accuracy_score(
        data.y_test, model.predict(data.X_test)
    )
    assert comparison.unit.accuracy == skm.accuracy_score(data.y_test, trained.predict(data.X_test))
    assert abs(comparison.difference) <= 1.0


def test_metrics_match_sklearn_on_the_test_split(data, trained):
    predicted = trained.predict(data.X_test)
    scores = logistic.evaluate(trained, data)
    (tn, fp), (fn, tp) = skm.confusion_matrix(data.y_test, predicted)
    assert (scores.tp, scores.fp, scores.fn, scores.tn) == (tp, fp, fn, tn)
    assert scores.accuracy == pytest.approx(skm.accuracy_score(data.y_test, predicted))
    assert scores.precision == pytest.approx(skm.precision_score(data.y_test, predicted))
    assert scores.recall == pytest.approx(skm.recall_score(data.y_test, predicted))


def test_metrics_match_sklearn_on_random_predictions():
    rng = np.random.default_rng(0)
    truth, guess = rng.integers(0, 2, 200), rng.integers(0, 2, 200)
    scores = logistic.metrics(truth, guess)
    assert scores.accuracy == pytest.approx(skm.accuracy_score(truth, guess))
    assert scores.precision == pytest.approx(skm.precision_score(truth, guess))
    assert scores.recall == pytest.approx(skm.recall_score(truth, guess))


def test_metrics_when_nothing_is_called_nine_match_sklearn_zero_division(data):
    never = np.zeros_like(data.y_test)
    scores = logistic.metrics(data.y_test, never)
    assert scores.accuracy == pytest.approx(0.9)
    assert scores.precision == skm.precision_score(data.y_test, never, zero_division=0) == 0
    assert scores.recall == 0


def test_misclassified_are_exactly_the_wrong_predictions(data, trained):
    p = _sigmoid(data.X_test @ trained.w + trained.b)
    wrong = set(np.flatnonzero((p >= 0.5) != (data.y_test == 1)).tolist())
    rows = logistic.misclassified(trained, data)
    assert set(rows) == wrong and len(rows) == len(wrong)
    confidence = [abs(p[k] - 0.5) for k in rows]
    assert confidence == sorted(confidence, reverse=True)
    assert len(logistic.misclassified_table(trained, data).rows) == len(wrong)


# -- pictures --------------------------------------------------------------------------------


def test_graph_figure_shows_forward_values_and_gradients(data, trained):
    k = data.first(9)
    x, w, b = data.X_train[k], trained.w, trained.b
    fig = logistic.draw_graph(logistic.forward_graph(w, b, x, 1.0))
    texts = {key: t.get_text() for key, t in fig.mazur_texts.items()}

    def shown(key):
        return float(texts[key].rsplit("= ", 1)[1])

    z = float(x @ w + b)
    a = 1 / (1 + math.exp(-z))
    assert shown("u") == pytest.approx(float(x @ w), abs=5e-5)
    assert shown("z") == pytest.approx(z, abs=5e-5)
    assert shown("a") == pytest.approx(a, abs=5e-5)
    assert shown("L") == pytest.approx(-math.log(a), abs=5e-5)
    assert shown("dz") == pytest.approx(a - 1, abs=5e-5)  # below the z arrow: dL/dz
    assert shown("dL/db") == pytest.approx(a - 1, abs=5e-5)
    weights = [key for key in texts if key.startswith("dL/dw_")]
    assert len(weights) == 3
    for key in weights:
        pixel = int(key.split("_")[1]) - 1
        assert shown(key) == pytest.approx((a - 1) * x[pixel], abs=5e-5)


def test_figures_have_their_panels(data, trained):
    assert len(logistic.plot_loss(trained).axes) == 1
    assert len(logistic.plot_weights(trained, data).axes) == 4  # three pictures and a colour bar
    wrong = len(logistic.misclassified(trained, data))
    shown = [ax for ax in logistic.plot_misclassified(trained, data).axes if ax.get_title()]
    assert len(shown) == min(wrong, 12)
    assert len([ax for ax in logistic.plot_examples(data, 12).axes if ax.get_title()]) == 12


# -- bad input -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "error", "field"),
    [
        ({"learning_rate": 0}, ValueError, "learning_rate"),
        ({"learning_rate": -0.5}, ValueError, "learning_rate"),
        ({"learning_rate": float("nan")}, ValueError, "learning_rate"),
        ({"learning_rate": "0.5"}, TypeError, "learning_rate"),
        ({"epochs": 0}, ValueError, "epochs"),
        ({"epochs": 1.5}, TypeError, "epochs"),
        ({"epochs": True}, TypeError, "epochs"),
        ({"epochs": 10**7}, ValueError, "epochs"),
        ({"progress": 3}, TypeError, "progress"),
    ],
)
def test_train_rejects_bad_settings(data, kwargs, error, field):
    with pytest.raises(error, match=f"^{field}: "):
        logistic.train(data, **kwargs)


def test_train_rejects_other_data():
    with pytest.raises(TypeError, match="^data: "):
        logistic.train({"X": [[0.0]]})


@pytest.mark.parametrize(
    ("w", "b", "X", "y", "field", "allowed"),
    [
        (np.zeros(3), 0.0, np.zeros((2, 4)), [0, 1], "w", r"shape \(4,\)"),
        (np.zeros(4), 0.0, np.zeros(4), [0, 1], "X", r"\(m, n\)"),
        (np.zeros(4), 0.0, np.zeros((2, 4)), [0, 1, 1], "y", r"shape \(2,\)"),
        (np.zeros(4), 0.0, [[0, 0, 0, float("nan")], [0, 0, 0, 0]], [0, 1], "X", "finite"),
        (np.zeros(4), float("inf"), np.zeros((2, 4)), [0, 1], "b", "finite"),
        (np.zeros(4), 0.0, np.zeros((2, 4)), [0, 2], "y", "from 0 to 1"),
        ([0, 0, 0, float("nan")], 0.0, np.zeros((2, 4)), [0, 1], "w", "finite"),
        (np.zeros(4), 0.0, "pixels", [0, 1], "X", "array of numbers"),
    ],
)
def test_gradients_reject_wrong_shapes_and_values(w, b, X, y, field, allowed):
    with pytest.raises((ValueError, TypeError), match=f"^{field}: .*{allowed}"):
        logistic.gradients(w, b, X, y)


def test_nan_message_says_where():
    X = np.zeros((3, 2))
    X[2, 1] = np.nan
    with pytest.raises(ValueError, match=r"^X: nan at \[2, 1\] is not allowed"):
        logistic.log_loss(np.zeros(2), 0.0, X, [0, 0, 1])


def test_forward_graph_rejects_a_matrix_and_a_bad_label():
    with pytest.raises(ValueError, match="^x: expected a 1-D array"):
        logistic.forward_graph(np.zeros(2), 0.0, np.zeros((1, 2)), 1.0)
    with pytest.raises(ValueError, match="^y: 3.0 is not allowed"):
        logistic.forward_graph(np.zeros(2), 0.0, np.zeros(2), 3)


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"test_fraction": 0.0}, "test_fraction"),
        ({"test_fraction": 1.0}, "test_fraction"),
        ({"test_fraction": float("nan")}, "test_fraction"),
        ({"seed": -1}, "seed"),
        ({"seed": 1.5}, "seed"),
    ],
)
def test_load_nines_rejects_bad_arguments(kwargs, field):
    with pytest.raises((ValueError, TypeError), match=f"^{field}: "):
        logistic.load_nines(**kwargs)


def test_metrics_reject_labels_other_than_0_and_1():
    with pytest.raises(ValueError, match=r"^y_pred: 0.5 at \[1\] is not allowed; expected 0 or 1"):
        logistic.metrics([0, 1], [1, 0.5])


@pytest.mark.parametrize(
    ("rate", "epochs", "field", "text"),
    [
        ("0", "10", "learning_rate", "is not allowed"),
        ("-1", "10", "learning_rate", "above 0"),
        ("abc", "10", "learning_rate", "is not a number"),
        ("1", "2.5", "epochs", "whole number"),
        ("1", "0", "epochs", "from 1 to 100000"),
        ("1", "", "epochs", "empty"),
    ],
)
def test_typed_settings_name_the_field(rate, epochs, field, text):
    with pytest.raises((ValueError, TypeError), match=f"^{field}: .*{text}"):
        logistic.settings_from_texts(rate, epochs)


# -- the widget ------------------------------------------------------------------------------


def test_trainer_trains_and_fills_the_progress_bar(data):
    trainer = logistic.DigitsTrainer(data, epochs=30)
    assert "mazur-digits" in trainer.box._dom_classes
    trainer.train_button.click()
    assert trainer.progress.value == trainer.progress.max == 30
    scores = logistic.evaluate(logistic.train(data, 1.0, 30), data)
    assert f"test accuracy {100 * scores.accuracy:.1f} %" in trainer.result.value
    assert trainer.image.png[:8] == b"\x89PNG\r\n\x1a\n"
    assert trainer.message.value == ""


def test_trainer_keeps_the_last_result_on_a_bad_value(data):
    trainer = logistic.DigitsTrainer(data, epochs=10)
    trainer.run()
    before = trainer.result.value
    trainer.set_text("learning_rate", "-2")
    trainer.run()
    assert "learning_rate: -2 is not allowed" in trainer.message.value
    assert trainer.result.value == before
    trainer.set_text("learning_rate", "0.5")
    trainer.run()
    assert trainer.message.value == ""
    assert "learning rate 0.5" in trainer.result.value


def test_trainer_shows_itself_as_a_widget(data):
    bundle = logistic.DigitsTrainer(data)._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
