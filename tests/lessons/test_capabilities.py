"""What networks can and cannot do: the circles are not linearly separable
(checked by scikit-learn and by random lines), one hidden layer separates
them, the activations' derivatives match finite differences, and a network
fitted to x*y on [0, 1]^2 fails far outside it."""

import math

import numpy as np
import pytest
import sympy

from mazur_nn.core.functions import get_activation
from mazur_nn.lessons import capabilities as cap


@pytest.fixture(scope="module")
def comparison():
    return cap.compare_classifiers()


@pytest.fixture(scope="module")
def fit():
    return cap.fit_product()


# -- the data ----------------------------------------------------------------------


def test_circles_have_an_inner_ring_labelled_one():
    points = cap.circles(200, seed=3, noise=0.0, factor=0.5)
    radius = np.hypot(*points.X)
    ones = points.labels[0] == 1
    assert points.X.shape == (2, 200) and points.labels.shape == (1, 200)
    assert np.allclose(radius[ones], 0.5) and np.allclose(radius[~ones], 1.0)
    assert ones.sum() == 100


def test_circles_are_the_same_for_the_same_seed():
    assert np.array_equal(cap.circles(50, seed=7).X, cap.circles(50, seed=7).X)
    assert not np.array_equal(cap.circles(50, seed=7).X, cap.circles(50, seed=8).X)


# -- straight lines --------------------------------------------------------------------


def test_best_line_on_xor_gets_three_of_four():
    xor = cap.xor()
    assert xor.X.T.tolist() == [[0, 0], [0, 1], [1, 0], [1, 1]]
    assert [int(a != b) for a, b in xor.X.T] == xor.labels[0].tolist()  # a XOR b
    assert cap.best_line(xor).accuracy == 0.75


def test_best_line_separates_separable_points():
    rng = np.random.default_rng(1)
    X = np.hstack([rng.normal(-2, 0.3, (2, 20)), rng.normal(2, 0.3, (2, 20))])
    points = cap.Points(X, [[0] * 20 + [1] * 20])
    assert cap.best_line(points).accuracy == 1.0


def test_best_line_accuracy_is_its_own_lines(comparison):
    best = cap.best_line(comparison.points)
    (w1, w2), b = best.line.w, best.line.b
    X, labels = comparison.points.X, comparison.points.labels[0]
    assert np.mean((w1 * X[0] + w2 * X[1] + b > 0) == (labels == 1)) == best.accuracy


def test_no_random_line_beats_the_best_line(comparison):
    X, ones = comparison.points.X, comparison.points.labels[0] == 1
    rng = np.random.default_rng(0)
    angles = rng.uniform(0, 2 * np.pi, 5000)
    offsets = rng.uniform(-1.5, 1.5, 5000)
    side = np.cos(angles)[:, None] * X[0] + np.sin(angles)[:, None] * X[1] > offsets[:, None]
    best_random = ((side == ones).mean(axis=1)).max()
    best = cap.best_line(comparison.points).accuracy
    assert best_random <= best
    assert best_random > best - 0.05  # and the search is not far above what random lines find


def test_circles_are_not_linearly_separable(comparison):
    from sklearn.linear_model import LogisticRegression

    X, y = comparison.points.X.T, comparison.points.labels[0]
    sklearn_accuracy = LogisticRegression(C=1e6).fit(X, y).score(X, y)
    best = cap.best_line(comparison.points).accuracy
    assert sklearn_accuracy <= best < 0.8
    assert sklearn_accuracy < 0.9


def test_trained_linear_classifier_is_no_better_than_the_best_line(comparison):
    best = comparison.best.accuracy
    assert comparison.linear.train_accuracy <= best < 0.9


def test_one_hidden_layer_beats_every_line_by_a_wide_margin(comparison):
    assert comparison.network.train_accuracy >= 0.95
    assert comparison.network.train_accuracy >= comparison.best.accuracy + 0.25
    assert comparison.network.test_accuracy >= 0.9  # on circles it never saw


def test_one_hidden_neuron_is_still_a_straight_line(comparison):
    # tanh then sigmoid of one net input: the boundary is the line net = const
    one = cap.hidden_size_table(sizes=[1]).rows[0]
    assert float(one[2].rstrip(" %")) / 100 <= comparison.best.accuracy


def test_comparison_table_shows_each_accuracy(comparison):
    table = comparison.table()
    assert [r[2] for r in table.rows] == [
        f"{100 * a:.1f} %"
        for a in (
            comparison.best.accuracy,
            comparison.logistic[0],
            comparison.linear.train_accuracy,
            comparison.network.train_accuracy,
        )
    ]


def test_boundaries_draw_two_panels(comparison):
    fig = comparison.boundaries()
    assert [ax.get_title().split(":")[0] for ax in fig.axes if ax.get_title()] == [
        "linear classifier",
        "one hidden layer (8 tanh)",
    ]


# -- activations ------------------------------------------------------------------------


@pytest.mark.parametrize("name", cap.GALLERY)
def test_gallery_derivatives_equal_finite_differences(name):
    x = np.linspace(-5, 5, 101)
    x = x[np.abs(x) > 0.01]  # relu has a corner at 0
    h = 1e-6
    up, _ = cap.activation_curves(name, x + h)
    down, _ = cap.activation_curves(name, x - h)
    _, slopes = cap.activation_curves(name, x)
    assert np.allclose(slopes, (up - down) / (2 * h), atol=1e-7)


@pytest.mark.parametrize(
    "name, closed_form",
    [
        ("sigmoid", lambda x: 1 / (1 + np.exp(-x))),
        ("tanh", np.tanh),
        ("relu", lambda x: np.maximum(x, 0.0)),
        ("linear", lambda x: x),
    ],
)
def test_gallery_values_are_the_activations(name, closed_form):
    x = np.linspace(-5, 5, 41)
    assert np.allclose(cap.activation_curves(name, x)[0], closed_form(x), atol=1e-15)


def test_derivative_in_terms_of_out_is_the_same_function():
    net, out = sympy.symbols("net out", real=True)
    for name, f, slope, in_out, *_ in cap.activation_formulas().rows:
        if in_out is not None:
            assert sympy.simplify(in_out.subs(out, f) - slope) == 0, name


def test_formulas_agree_with_the_course_slopes():
    for name, *_, at_0, at_5 in cap.activation_formulas().rows:
        activation = get_activation(name)
        for x, value in ((0.0, at_0), (5.0, at_5)):
            assert value == pytest.approx(activation.slope(x, activation.value(x)), abs=1e-12)


def test_formula_values_in_closed_form():
    rows = {r[0]: r for r in cap.activation_formulas().rows}
    assert rows["sigmoid"][4] == pytest.approx(0.25)
    assert rows["tanh"][5] == pytest.approx(1 - math.tanh(5) ** 2)
    assert rows["sigmoid"][3] is not None and rows["relu"][3] is None


def test_gallery_has_a_panel_per_activation():
    fig = cap.activation_gallery()
    assert len([ax for ax in fig.axes if ax.get_visible()]) == 4
    assert all(len(ax.get_lines()) == 4 for ax in fig.axes)  # two axes lines, f, f'


# -- x * y inside and outside ------------------------------------------------------------


def test_product_data_is_x_times_y_in_the_square():
    X, T = cap.product_data(30, seed=2, low=-1.0, high=2.0)
    assert X.min() >= -1.0 and X.max() <= 2.0
    assert np.array_equal(T[0], X[0] * X[1])


def test_fit_is_close_inside_the_training_square(fit):
    P = np.random.default_rng(5).uniform(0, 1, (2, 500))
    assert np.abs(fit.predict(P)[0] - P[0] * P[1]).max() < 0.1
    assert cap.inside_error(fit) < 0.1


def test_fit_fails_far_outside_the_training_square(fit):
    assert abs(fit.predict([[10.0], [10.0]])[0, 0] - 100.0) > 50
    assert abs(fit.predict([[5.0], [5.0]])[0, 0] - 25.0) > 10


def test_output_never_passes_the_bound(fit):
    bound = cap.output_bound(fit)
    P = np.random.default_rng(0).uniform(-1000, 1000, (2, 2000))
    assert np.abs(fit.predict(P)).max() <= bound.bound
    far = fit.predict([[1e6], [1e6]])[0, 0]
    assert far == pytest.approx(bound.diagonal_limit, abs=1e-9)


def test_extrapolation_table_marks_inside_and_outside(fit):
    rows = cap.extrapolation_table(fit, [(0.5, 0.5), (10, 10)]).rows
    assert [(r[2], r[5]) for r in rows] == [("0.25", "yes"), ("100", "no")]
    assert rows[1][6].endswith("of 16") and int(rows[1][6].split()[0]) > 0


def test_diagonal_plot_shades_the_training_range(fit):
    fig = cap.diagonal_plot(fit)
    assert len(fig.axes) == 2 and fig.axes[0].get_xlim()[1] >= 10


# -- bad input ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "call, field",
    [
        (lambda: cap.circles(3), "m:"),
        (lambda: cap.circles(True), "m:"),
        (lambda: cap.circles(100, noise=float("nan")), "noise:"),
        (lambda: cap.circles(100, factor=1.5), "factor:"),
        (lambda: cap.one_hidden_layer(0), "hidden:"),
        (lambda: cap.compare_classifiers(hidden=0), "hidden:"),
        (lambda: cap.compare_classifiers(learning_rate=float("nan")), "learning_rate:"),
        (lambda: cap.fit_product(hidden=0), "hidden:"),
        (lambda: cap.fit_product(m=3), "m:"),
        (lambda: cap.fit_product(low=float("nan")), "low:"),
        (lambda: cap.product_data(10, high=0.0), "high:"),
        (lambda: cap.activation_curves("tanh", [0.0, float("nan")]), "x:"),
        (lambda: cap.activation_gallery(steps=1), "steps:"),
        (lambda: cap.hidden_size_table(sizes=[0]), "sizes:"),
        (lambda: cap.Points([[0, 1], [0, 1]], [[0, 2]]), "labels:"),
    ],
)
def test_bad_input_names_the_field(call, field):
    with pytest.raises(ValueError, match=f"^{field}"):
        call()


def test_nan_points_name_the_field(fit):
    with pytest.raises(ValueError, match="^points: NaN"):
        fit.predict([[float("nan")], [1.0]])
    with pytest.raises(ValueError, match="^points: NaN"):
        cap.extrapolation_table(fit, [(float("nan"), 1.0)])


def test_wrong_types_name_the_field():
    with pytest.raises(TypeError, match="^points:"):
        cap.best_line([[0, 1], [0, 1]])
    with pytest.raises(TypeError, match="^fit:"):
        cap.output_bound("not a fit")
    with pytest.raises(ValueError, match="unknown activation 'swish'"):
        cap.activation_curves("swish", [0.0])
    with pytest.raises(ValueError, match="^activation: softmax depends on every net input"):
        cap.activation_curves("softmax", [0.0])
