"""Gradient descent on a parabola (lesson 07): the iterates against the closed
form (derived here, and by sympy's recurrence solver), each stopping
criterion on a case built to trigger it, divergence without NaN, and bad
input named by field and allowed range."""

import math

import pytest

from mazur_nn.lessons.descent import (
    DescentExplorer,
    Parabola,
    closed_form,
    compare,
    gradient_descent,
    iterations_needed,
    plot_comparison,
    plot_distance,
    plot_run,
    regime,
    regimes,
    settings_from_texts,
    settings_problem,
    verdict,
)

NAN = float("nan")
INF = float("inf")


def exact(a, c, x0, eta, t):
    """x_t = c + (1 - 2 eta a)^t (x0 - c), written out here, not taken from the package."""
    return c + (1 - 2 * eta * a) ** t * (x0 - c)


# -- the function -------------------------------------------------------------------


@pytest.mark.parametrize("a, c, x", [(1, 0, 8), (4, 2, -3.5), (0.25, -7, 9.9)])
def test_derivative_matches_a_central_difference(a, c, x):
    f = Parabola(a, c)
    h = 1e-5
    assert f.derivative(x) == pytest.approx((f(x + h) - f(x - h)) / (2 * h), rel=1e-8)


def test_derivative_matches_sympy():
    import sympy

    a, c, x = sympy.symbols("a c x")
    derivative = sympy.diff(a * (x - c) ** 2, x)
    f = Parabola(3, -2)
    assert f.derivative(1.5) == pytest.approx(float(derivative.subs({a: 3, c: -2, x: 1.5})))


def test_parabola_shows_its_formula():
    assert repr(Parabola(4, 2)).startswith("Parabola(f(x) = 4(x - 2)^2, f'(x) = 8(x - 2)")
    assert Parabola(1, -3).formula == "(x + 3)^2"
    assert "f(x) = x^{2}" in Parabola()._repr_latex_()


# -- the closed form -------------------------------------------------------------------------


def test_sympy_solves_the_recurrence_to_the_closed_form():
    import sympy

    t = sympy.Symbol("t", integer=True, nonnegative=True)
    a, c, eta, x0 = sympy.symbols("a c eta x0", positive=True)
    x = sympy.Function("x")
    X = sympy.Symbol("X")
    slope = sympy.diff(a * (X - c) ** 2, X)
    step = x(t + 1) - (x(t) - eta * slope.subs(X, x(t)))
    solution = sympy.rsolve(step, x(t), {x(0): x0})
    expected = c + (1 - 2 * eta * a) ** t * (x0 - c)
    for values in ({a: 1, c: 0, eta: 0.1, x0: 8}, {a: 4, c: 2, eta: 0.2, x0: 9}):
        for k in (0, 1, 5, 13):
            got = solution.subs(values).subs(t, k)
            assert float(got) == pytest.approx(float(expected.subs(values).subs(t, k)), abs=1e-12)


@pytest.mark.parametrize(
    "a, c, x0, eta",
    [
        (1, 0, 8, 0.1),  # creeps
        (1, 0, -9, 0.9),  # oscillates and converges
        (4, 2, 8, 0.05),  # steeper, off centre
        (0.5, -3, 6, 1.5),  # oscillates with a = 0.5: 1/(2a) = 1 < 1.5 < 2
        (1, 0, 2, 1.05),  # diverges
    ],
)
def test_every_iterate_matches_the_closed_form(a, c, x0, eta):
    run = gradient_descent(x0, eta, max_iterations=60, function=Parabola(a, c))
    for t, x in enumerate(run.xs):
        assert x == pytest.approx(exact(a, c, x0, eta, t), rel=1e-9, abs=1e-12)
        assert closed_form(run.function, x0, eta, t) == pytest.approx(x, rel=1e-9, abs=1e-12)


def test_each_step_multiplies_the_distance_by_r():
    run = gradient_descent(8, 0.3, function=Parabola(1, 1))
    r = 1 - 2 * 0.3 * 1
    assert run.ratio == pytest.approx(r)
    for before, after in zip(run.xs[:10], run.xs[1:11]):
        assert after - 1 == pytest.approx(r * (before - 1))


def test_values_and_gradients_are_f_and_its_slope_at_each_x():
    run = gradient_descent(-6, 0.2, function=Parabola(2, 1))
    for x, f, g in zip(run.xs, run.values, run.gradients):
        assert f == pytest.approx(2 * (x - 1) ** 2)
        assert g == pytest.approx(4 * (x - 1))
    assert run.steps[0] == pytest.approx(-0.2 * run.gradients[0])


def test_one_step_at_half_of_one_over_a():
    f = Parabola(4, 2)
    run = gradient_descent(8, 1 / 8, function=f)
    assert run.xs == (8.0, 2.0)
    assert run.stopped_by == "tolerance" and run.iterations == 1


@pytest.mark.parametrize(
    "eta, expected",
    [
        (0.05, "creeps"),
        (0.125, "one step"),
        (0.2, "oscillates"),
        (0.25, "bounces"),
        (0.26, "diverges"),
    ],
)
def test_regime_follows_the_thresholds_one_over_2a_and_one_over_a(eta, expected):
    assert regime(Parabola(a=4), eta) == expected


def test_regimes_table_works_out_the_thresholds():
    table = regimes(Parabola(a=4))
    assert [row[1] for row in table.rows] == [
        "0 < η < 0.125",
        "η = 0.125",
        "0.125 < η < 0.25",
        "η = 0.25",
        "η > 0.25",
    ]


@pytest.mark.parametrize(
    "a, c, x0, eta", [(1, 0, 8, 0.1), (1, 0, 3, 0.4), (1, 0, 8, 0.9), (4, 2, 9, 0.03)]
)
def test_iterations_needed_is_the_first_t_where_the_slope_is_within_tolerance(a, c, x0, eta):
    tolerance = 1e-6
    first = next(
        t for t in range(10_000) if abs(2 * a * (exact(a, c, x0, eta, t) - c)) <= tolerance
    )
    assert iterations_needed(Parabola(a, c), x0, eta, tolerance) == first
    run = gradient_descent(
        x0, eta, max_iterations=10_000, tolerance=tolerance, function=Parabola(a, c)
    )
    assert run.iterations == first


def test_iterations_needed_is_none_when_the_run_cannot_converge():
    assert iterations_needed(Parabola(), 8, 1.0) is None
    assert iterations_needed(Parabola(), 8, 1.3) is None
    assert iterations_needed(Parabola(), 0, 1.3) == 0


# -- stopping criteria ---------------------------------------------------------------------


def test_tolerance_stops_at_the_first_flat_enough_slope():
    run = gradient_descent(8, 0.1, tolerance=1e-6)
    assert run.stopped_by == "tolerance" and run.converged
    assert abs(run.gradient) <= 1e-6 < abs(run.gradients[-2])
    assert run.iterations == 75  # 16 * 0.8^t <= 1e-6 first at t = 75
    assert 16 * 0.8**75 <= 1e-6 < 16 * 0.8**74


def test_tolerance_checked_at_the_start():
    run = gradient_descent(2, 0.3, function=Parabola(c=2))
    assert run.stopped_by == "tolerance"
    assert run.iterations == 0 and run.xs == (2.0,)


def test_tolerance_wins_over_max_iterations_on_the_same_step():
    assert gradient_descent(8, 0.1, max_iterations=75).stopped_by == "tolerance"
    assert gradient_descent(8, 0.1, max_iterations=74).stopped_by == "max_iterations"


def test_max_iterations_stops_a_learning_rate_that_is_too_small():
    run = gradient_descent(8, 0.01, max_iterations=50)
    assert run.stopped_by == "max_iterations" and not run.converged
    assert run.iterations == 50
    assert run.x == pytest.approx(8 * 0.98**50)


def test_no_improvement_stops_a_bouncing_run_after_patience_iterations():
    for patience in (1, 4, 7):
        run = gradient_descent(8, 1.0, patience=patience)  # r = -1
        assert run.stopped_by == "no_improvement"
        assert run.iterations == patience
        assert set(run.values) == {64.0}
        assert run.xs == tuple(8.0 * (-1) ** t for t in range(patience + 1))


def test_no_improvement_counts_iterations_in_a_row():
    # f improves on every step of a converging run: patience 1 never fires.
    run = gradient_descent(8, 0.3, patience=1)
    assert run.stopped_by == "tolerance"


def test_no_improvement_catches_a_diverging_run_before_it_leaves_the_domain():
    # From 3 with r = -1.2, f rises every step; |x| first passes 10 at t = 7.
    assert gradient_descent(3, 1.1, patience=10).stopped_by == "diverged"
    run = gradient_descent(3, 1.1, patience=3)
    assert run.stopped_by == "no_improvement" and run.iterations == 3


def test_no_improvement_stops_a_run_stalled_by_floating_point():
    # Tolerance 0 can only be met by an exact zero slope; near c = 0.1 the
    # floats stop getting closer and f stops going down.
    run = gradient_descent(8, 0.9, tolerance=0, max_iterations=10_000, function=Parabola(c=0.1))
    assert run.stopped_by == "no_improvement"
    assert run.iterations < 10_000
    assert abs(run.x - 0.1) < 1e-15


# -- divergence ------------------------------------------------------------------------------


def test_divergence_is_detected_when_x_leaves_the_domain():
    run = gradient_descent(3, 1.1)
    first_out = next(t for t in range(100) if abs(exact(1, 0, 3, 1.1, t)) > 10)
    assert run.stopped_by == "diverged" and run.diverged
    assert run.iterations == first_out == 7
    assert abs(run.x) > 10
    assert all(abs(x) <= 10 for x in run.xs[:-1])
    assert "Diverged after 7 iterations" in run.reason


def test_overflow_is_divergence_not_nan():
    run = gradient_descent(8, 1e308)
    assert run.stopped_by == "diverged"
    assert run.x == -INF
    assert not any(math.isnan(v) for v in run.xs + run.values + run.gradients)
    assert "overflowed" in run.reason


@pytest.mark.parametrize("eta", [1.01, 1.5, 3.0, 1e6])
def test_every_rate_above_one_over_a_diverges(eta):
    run = gradient_descent(0.5, eta, patience=100_000, max_iterations=100_000)
    assert run.stopped_by == "diverged"
    assert not any(math.isnan(v) for v in run.xs)


# -- records and tables ----------------------------------------------------------------------


def test_repr_and_reason_name_the_criterion():
    run = gradient_descent(8, 0.01)
    assert "stopped_by='max_iterations'" in repr(run)
    assert run.reason.startswith("Not converged: stopped by the maximum number of iterations (100)")
    assert gradient_descent(3, 0.4).reason.startswith("Converged after 10 iterations")


def test_table_shows_the_first_steps_and_the_last():
    table = gradient_descent(8, 0.1).table(3)
    assert [row[0] for row in table.rows] == ["0", "1", "2", "...", "75"]
    assert table.rows[1][1:] == ("6.4", "40.96", "12.8", "-1.28")
    assert table.rows[-1][-1] == "(stopped)"


def test_closed_form_table_reports_no_difference():
    rows = gradient_descent(8, 0.9).closed_form_table().rows
    assert all(row[-1] == "< 1e-12" for row in rows)
    assert rows[1][1] == rows[1][2] == "-6.4"


def test_compare_runs_each_learning_rate_from_the_same_start():
    comparison = compare(3, [0.02, 0.4, 1.1])
    assert [run.start for run in comparison.runs] == [3.0, 3.0, 3.0]
    assert [verdict(run) for run in comparison.runs] == ["too small", "right", "diverging"]
    rows = comparison.table().rows
    assert [row[3] for row in rows] == ["max_iterations", "tolerance", "diverged"]
    assert rows[1][4] == rows[1][5] == "10"  # counted and predicted


def test_runs_are_frozen():
    run = gradient_descent(8, 0.1)
    with pytest.raises(AttributeError):
        run.stopped_by = "tolerance"


# -- figures -----------------------------------------------------------------------------------


def test_plot_run_draws_an_arrow_per_visible_step_and_every_point():
    from matplotlib.patches import FancyArrowPatch

    run = gradient_descent(3, 1.1)
    fig = plot_run(run)
    ax = fig.axes[0]
    arrows = [p for p in ax.patches if isinstance(p, FancyArrowPatch)]
    assert len(arrows) == run.iterations == 7
    (points,) = [line for line in ax.lines if line.get_gid() == "points"]
    assert list(points.get_xdata()) == list(run.xs[:-1])  # the last one left the domain
    assert ax.get_xlim()[0] < -10 and ax.get_xlim()[1] > 10


def test_comparison_and_distance_figures():
    comparison = compare(3, [0.02, 0.4, 1.1])
    assert len(plot_comparison(comparison).axes) == 3
    assert [a.get_title() for a in plot_comparison(comparison).axes][2] == "η = 1.1: diverging"
    ax = plot_distance(comparison).axes[0]
    assert ax.get_yscale() == "log"


# -- bad input ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "changes, error, message",
    [
        ({"learning_rate": 0}, ValueError, r"learning_rate: 0 is not allowed; expected a positive"),
        ({"learning_rate": -0.5}, ValueError, r"learning_rate: -0.5 is not allowed.*> 0"),
        ({"learning_rate": NAN}, ValueError, r"learning_rate: nan is not allowed"),
        ({"learning_rate": INF}, ValueError, r"learning_rate: inf is not allowed.*finite"),
        ({"learning_rate": "0.1"}, TypeError, r"learning_rate: expected a number, got str"),
        ({"learning_rate": True}, TypeError, r"learning_rate: expected a number, got bool"),
        ({"start": 12}, ValueError, r"start: 12 is not allowed; expected a number from -10 to 10"),
        ({"start": -10.5}, ValueError, r"start: -10.5 is not allowed.*from -10 to 10"),
        ({"start": NAN}, ValueError, r"start: nan is not allowed"),
        ({"start": None}, TypeError, r"start: expected a number, got NoneType"),
        (
            {"patience": 0},
            ValueError,
            r"patience: 0 is not allowed; expected a whole number from 1",
        ),
        ({"patience": -3}, ValueError, r"patience: -3 is not allowed.*from 1 to 100000"),
        ({"patience": 2.5}, ValueError, r"patience: 2.5 is not allowed; expected a whole number"),
        ({"patience": "5"}, TypeError, r"patience: expected a whole number, got str"),
        ({"max_iterations": 0}, ValueError, r"max_iterations: 0 is not allowed.*1 to 100000"),
        ({"max_iterations": 100_001}, ValueError, r"max_iterations: 100001 is not allowed"),
        ({"tolerance": -1e-6}, ValueError, r"tolerance: -1e-06 is not allowed.*>= 0"),
        ({"tolerance": NAN}, ValueError, r"tolerance: nan is not allowed"),
        ({"tolerance": INF}, ValueError, r"tolerance: inf is not allowed.*finite"),
        ({"function": "parabola"}, TypeError, r"function: expected a Parabola, got str"),
    ],
    ids=lambda v: repr(v) if isinstance(v, dict) else "",
)
def test_bad_settings_name_the_field_and_the_allowed_range(changes, error, message):
    settings = {"start": 3, "learning_rate": 0.4, **changes}
    with pytest.raises(error, match=message):
        gradient_descent(**settings)


@pytest.mark.parametrize(
    "a, c, message",
    [
        (0, 0, r"a: 0 is not allowed; expected a steepness from above 0 to 1000"),
        (-1, 0, r"a: -1 is not allowed"),
        (NAN, 0, r"a: nan is not allowed"),
        (1, 11, r"c: 11 is not allowed; expected a number from -10 to 10"),
    ],
)
def test_bad_parabola(a, c, message):
    with pytest.raises(ValueError, match=message):
        Parabola(a, c)


def test_settings_problem_gives_the_message_or_none():
    assert settings_problem(start=3, learning_rate=0.4) is None
    assert settings_problem(start=3, learning_rate=0.4, patience=0).startswith("patience: 0")


GOOD_TEXTS = {
    "learning_rate": "0.4",
    "start": "3",
    "max_iterations": "100",
    "tolerance": "1e-6",
    "patience": "10",
}


@pytest.mark.parametrize(
    "field, text, message",
    [
        ("learning_rate", "abc", r'learning_rate: "abc" is not a number'),
        ("learning_rate", "-1", r"learning_rate: -1 is not allowed"),
        ("start", "10.01", r"start: 10.01 is not allowed; expected a number from -10 to 10"),
        ("max_iterations", "1.5", r"max_iterations: 1.5 is not allowed; expected a whole number"),
        ("patience", "", r"patience: empty"),
        ("tolerance", "-1", r"tolerance: -1 is not allowed"),
        ("start", "__import__('os')", r"start: .* is not a number"),
    ],
)
def test_settings_from_texts_rejects_bad_text(field, text, message):
    with pytest.raises((TypeError, ValueError), match=message):
        settings_from_texts({**GOOD_TEXTS, field: text})


def test_settings_from_texts_reads_whole_numbers():
    settings = settings_from_texts({**GOOD_TEXTS, "max_iterations": "1e3"})
    assert settings["max_iterations"] == 1000 and isinstance(settings["max_iterations"], int)


# -- the widget -------------------------------------------------------------------------------


def test_explorer_reports_divergence_and_convergence():
    explorer = DescentExplorer(drawing=False)
    assert "mazur-descent" in explorer.widget._dom_classes
    assert explorer.result.value.startswith("Converged after 10 iterations")
    explorer.set_text("learning_rate", "1.1")
    assert explorer.result.value.startswith("Diverged after 7 iterations")
    assert "η = 1.1 &gt; 1/a = 1" in explorer.rate_line.value
    explorer.set_text("learning_rate", "1")
    assert "no improvement" in explorer.result.value
    explorer.set_text("max_iterations", "20")
    explorer.set_text("learning_rate", "0.02")
    assert "maximum number of iterations (20)" in explorer.result.value


def test_explorer_keeps_the_last_valid_run_on_a_bad_value():
    explorer = DescentExplorer(drawing=False)
    before = explorer.result.value
    explorer.set_text("patience", "0")
    assert "patience: 0 is not allowed" in explorer.message.value
    assert explorer.boxes["patience"].value == "0"
    assert explorer.result.value == before and explorer.run.patience == 10
    explorer.set_text("patience", "10")
    assert explorer.message.value == ""


def test_explorer_preset_buttons_set_the_learning_rate():
    explorer = DescentExplorer(drawing=False)
    labels = [b.description for b in explorer.preset_buttons]
    assert labels == ["too small (η = 0.02)", "right (η = 0.4)", "diverging (η = 1.1)"]
    explorer.preset_buttons[2].click()
    assert explorer.boxes["learning_rate"].value == "1.1"
    assert explorer.run.stopped_by == "diverged"
    explorer.preset_buttons[0].click()
    assert explorer.run.stopped_by == "max_iterations"


def test_explorer_draws():
    explorer = DescentExplorer()
    assert explorer.image.png[:4] == b"\x89PNG"
