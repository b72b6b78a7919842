"""Lesson 06: secants converge to sympy's derivative at the rates the lesson
states, the chain rule holds symbolically, partials match finite
differences, the widget updates, and bad input names its field."""

import html
import math

import pytest
import sympy

from mazur_nn.lessons import calculus
from mazur_nn.lessons.calculus import (
    FUNCTION_NAMES,
    SecantExplorer,
    X,
    Y,
    chain_rule,
    difference_table,
    function,
    partials,
    plot_errors,
    plot_gradient,
    plot_secant,
    secant,
    secant_slope,
    sigmoid_slope,
)
from mazur_nn.symbolic.functions import sigma

W, B = sympy.symbols("w b", real=True)

# Points where f'' and f''' are not zero, so both error terms are visible.
POINTS = {
    "x**3": 1.3,
    "sin(x)": 1.0,
    "cos(x)": 0.7,
    "exp(x)": 0.5,
    "sigmoid(x)": 1.0,
}


# -- the menu and the exact derivatives ---------------------------------------------------


def test_menu_derivatives_are_sympys():
    expected = {
        "x**2": 2 * X,
        "x**3": 3 * X**2,
        "sin(x)": sympy.cos(X),
        "cos(x)": -sympy.sin(X),
        "exp(x)": sympy.exp(X),
        "sigmoid(x)": sigma(X) * (1 - sigma(X)),
    }
    assert set(expected) == set(FUNCTION_NAMES)
    for name, derivative in expected.items():
        assert sympy.simplify(function(name).derivative - derivative) == 0, name


def test_sigmoid_derivative_agrees_with_the_written_out_sigmoid():
    written_out = sympy.diff(1 / (1 + sympy.exp(-X)), X)
    ours = function("sigmoid(x)").derivative.replace(sigma, lambda a: 1 / (1 + sympy.exp(-a)))
    assert sympy.simplify(written_out - ours) == 0


@pytest.mark.parametrize("name", FUNCTION_NAMES)
def test_float_slope_and_exact_slope_agree(name):
    curve = function(name)
    for x in (-1.5, 0.0, 0.4, 2.0):
        assert curve.slope(x) == pytest.approx(curve.exact_slope(x), rel=1e-14, abs=1e-15)


def test_a_sympy_expression_works_like_a_menu_name():
    curve = function(sympy.sin(X) * X)
    assert curve.derivative == X * sympy.cos(X) + sympy.sin(X)
    assert curve(2.0) == pytest.approx(2 * math.sin(2.0))


def test_plain_python_functions_work_too():
    assert secant_slope(lambda x: x * x, 3.0, 1e-3, "central") == pytest.approx(6.0)


# -- secants converge, at the stated rates ------------------------------------------------


@pytest.mark.parametrize("name", POINTS)
def test_secant_slopes_converge_to_the_exact_derivative(name):
    x = POINTS[name]
    exact = function(name).exact_slope(x)
    errors = [abs(secant_slope(name, x, h) - exact) for h in (1e-1, 1e-2, 1e-3, 1e-4)]
    assert errors == sorted(errors, reverse=True)
    assert errors[-1] < 1e-3


@pytest.mark.parametrize("name", POINTS)
def test_forward_error_is_order_h_and_central_error_order_h_squared(name):
    table = difference_table(name, POINTS[name], steps=(1e-1, 1e-2, 1e-3))
    for ratio in table.shrink_factors("forward"):
        assert 8 < ratio < 12.5, (name, ratio)  # h -> h/10: error / 10
    for ratio in table.shrink_factors("central"):
        assert 80 < ratio < 125, (name, ratio)  # h -> h/10: error / 100


def test_forward_error_is_half_h_times_second_derivative():
    # Taylor: (f(x+h) - f(x))/h - f'(x) = h/2 f''(x) + O(h^2)
    x, h = 1.0, 1e-4
    error = secant_slope("sin(x)", x, h) - math.cos(x)
    assert error == pytest.approx(-h / 2 * math.sin(x), rel=1e-3)


def test_backward_difference_errs_the_other_way():
    x, h = 1.0, 1e-3
    forward = secant_slope("exp(x)", x, h, "forward")
    backward = secant_slope("exp(x)", x, h, "backward")
    assert backward < math.exp(x) < forward
    assert (forward + backward) / 2 == pytest.approx(secant_slope("exp(x)", x, h, "central"))


def test_rounding_makes_tiny_steps_worse():
    table = difference_table("sin(x)", 1.0)
    assert [r.h for r in table.rows] == [float(f"1e-{k}") for k in range(13)]
    best_forward, best_central = table.best("forward"), table.best("central")
    # The best steps are near sqrt(eps) ~ 1e-8 and eps**(1/3) ~ 1e-5 ...
    assert 1e-9 <= best_forward.h <= 1e-7
    assert 1e-6 <= best_central.h <= 1e-4
    assert best_central.central_error < best_forward.forward_error < 1e-7
    # ... and past them the error grows again.
    last = table.rows[-1]
    assert last.forward_error > 100 * best_forward.forward_error
    assert last.central_error > 100 * best_central.central_error


def test_central_difference_is_exact_for_a_parabola():
    for h in (1.0, 0.5, 0.25):  # exact binary numbers: no rounding at all
        assert secant_slope("x**2", 1.5, h, "central") == 3.0
        assert secant_slope("x**2", 1.5, h, "forward") == 3.0 + h


def test_difference_table_shows_as_text_and_markdown():
    table = difference_table("sigmoid(x)", 1.0, steps=(1, 0.1))
    text = str(table)
    assert "sigmoid(x) at x = 1" in text and "0.196611933241" in text
    assert table._repr_markdown_().count("\n|") >= 3


def test_secant_record():
    s = secant("x**2", 1.0, 0.5)
    assert (s.y, s.y_step, s.forward, s.central, s.exact) == (1.0, 2.25, 2.5, 2.0, 2.0)
    assert s.forward_error == 0.5
    assert "2.500000000000" in str(s) and "<table" in s.to_html()


# -- figures ----------------------------------------------------------------------------


def _slope(line):
    xs, ys = line.get_xdata(), line.get_ydata()
    return float((ys[-1] - ys[0]) / (xs[-1] - xs[0]))


@pytest.mark.parametrize("h", [1.0, 0.1, 1e-6])
def test_secant_figure_draws_secant_and_tangent(h):
    fig = plot_secant("sin(x)", 1.0, h)
    art = fig.mazur_artists
    assert _slope(art["secant"]) == pytest.approx(secant_slope("sin(x)", 1.0, h))
    assert _slope(art["tangent"]) == pytest.approx(math.cos(1.0))
    xs, ys = art["points"].get_xdata(), art["points"].get_ydata()
    assert list(xs) == [1.0, 1.0 + h] and ys[1] == pytest.approx(math.sin(1.0 + h))
    bundle = fig._repr_mimebundle_()
    assert 'src="data:image/png;base64,iVBOR' in bundle["text/html"]  # a PNG, with its words:
    assert f'alt="{html.escape(bundle["text/plain"])}"' in bundle["text/html"]
    assert "secant" in bundle["text/plain"].lower()


def test_error_and_gradient_figures():
    fig = plot_errors(difference_table("exp(x)", 0.5))
    assert len(fig.mazur_artists["forward"].get_xdata()) == 13
    fig = plot_gradient(partials(), {"x": 1.0, "y": 1.0})
    assert set(fig.mazur_artists) >= {"gradient", "d/dx", "d/dy", "point"}
    tip = fig.mazur_artists["gradient"].xy
    # Drawn to scale along the gradient (2, -sin 1).
    assert (tip[1] - 1.0) / (tip[0] - 1.0) == pytest.approx(-math.sin(1.0) / 2)


# -- the chain rule -----------------------------------------------------------------------

CHAINS = [
    ("sin(x)", X**2),
    ("sigmoid(x)", W * X + B),
    ("exp(x)", "sin(x)"),
    ("x**3", "cos(x)"),
    ("x**2", "sigmoid(x)"),
    (sympy.log(X), X**2 + 1),
    (sympy.sqrt(X), "exp(x)"),
    ("cos(x)", sympy.exp(X) * X),
]


@pytest.mark.parametrize("outer, inner", CHAINS, ids=lambda v: str(v))
def test_chain_rule_holds_symbolically(outer, inner):
    rule = chain_rule(outer, inner)
    assert sympy.simplify(rule.by_rule - rule.direct) == 0
    assert rule.holds()


@pytest.mark.parametrize("outer, inner", CHAINS, ids=lambda v: str(v))
def test_chain_rule_numbers_agree_with_finite_differences(outer, inner):
    rule = chain_rule(outer, inner)
    extra = {"w": 0.4, "b": 0.6} if W in rule.inner.free_symbols else {}
    values = rule.at(0.7, **extra)
    assert values.product == pytest.approx(values.outer_slope * values.inner_slope)
    assert values.product == pytest.approx(values.direct, rel=1e-12)
    assert values.finite_difference == pytest.approx(values.direct, rel=1e-8, abs=1e-9)


def test_chain_rule_on_the_sigmoid_of_a_neuron():
    rule = chain_rule("sigmoid(x)", W * X + B)
    assert rule.direct == W * sigma(B + W * X) * (1 - sigma(B + W * X))
    # Differentiating by w instead: the input x is the inner slope (Mazur's dnet/dw).
    by_w = chain_rule("sigmoid(x)", W * X + B, x="w")
    assert by_w.inner_slope == X
    assert by_w.holds()


def test_chain_rule_reproduces_mazurs_dout_o1_dw5():
    w5, w6, b2, h1, h2 = sympy.symbols("w5 w6 b2 out_h1 out_h2", real=True)
    rule = chain_rule("sigmoid(x)", w5 * h1 + w6 * h2 + b2, x=w5)
    values = rule.at(0.4, w6=0.45, b2=0.6, out_h1=0.593269992, out_h2=0.596884378)
    # dout_o1/dnet_o1 * dnet_o1/dw5, from the post: 0.186815602 * 0.593269992
    assert values.outer_slope == pytest.approx(0.186815602, abs=1e-9)
    assert values.product == pytest.approx(0.186815602 * 0.593269992, abs=1e-9)


def test_chain_rule_shows_as_latex_and_text():
    rule = chain_rule("sin(x)", X**2)
    assert r"\cos{\left(x^{2} \right)} \cdot 2 x" in rule.latex()
    assert "equal: True" in str(rule)
    assert "central difference" in str(rule.at(1.0))


# -- partial derivatives ------------------------------------------------------------------


def test_partials_of_the_sources_example():
    p = partials()
    assert p.expr == X**2 + sympy.cos(Y)
    assert p.derivatives == {"x": 2 * X, "y": -sympy.sin(Y)}


@pytest.mark.parametrize("x, y", [(1.0, 1.0), (-2.0, 0.3), (0.0, 3.0), (0.5, -1.2)])
def test_partials_match_central_differences(x, y):
    p = partials()
    check = p.check({"x": x, "y": y})
    assert check.sympy["x"] == pytest.approx(2 * x, abs=1e-15)
    assert check.sympy["y"] == pytest.approx(-math.sin(y), abs=1e-15)
    assert check.max_difference < 1e-9
    assert p.finite_differences([x, y]) == check.finite_difference


def test_partials_of_another_function():
    p = partials(W * X + B, variables=["w", "b"])
    assert p.names == ("w", "b")
    assert [str(s) for s in p.symbols] == ["w", "b", "x"]  # x held constant
    assert p.gradient({"w": 0.3, "b": 0.1, "x": 0.5}) == {"w": 0.5, "b": 1.0}
    assert p.finite_differences([0.3, 0.1, 0.5]) == pytest.approx({"w": 0.5, "b": 1.0})
    q = partials(sigma(W * X + B))
    assert q.names == ("b", "w", "x")
    check = q.check({"w": 0.4, "x": 0.5, "b": 0.6})
    assert check.max_difference < 1e-9


# -- the course's sigmoid -----------------------------------------------------------------


def test_sigmoid_slope_is_out_times_one_minus_out():
    s = sigmoid_slope()
    assert s.holds()
    assert s.in_out == s.out * (1 - s.out)
    values = s.at(1.105905967)  # net_o1 in the post
    assert values["out"] == pytest.approx(0.75136507, abs=5e-9)
    assert values["out (1 - out)"] == pytest.approx(0.186815602, abs=1e-9)
    assert values["sympy d out/d net"] == pytest.approx(values["out (1 - out)"], rel=1e-14)
    assert values["central difference"] == pytest.approx(values["out (1 - out)"], abs=1e-9)


def test_sigmoid_slope_is_the_courses_chain_factor():
    from mazur_nn import mazur_example
    from mazur_nn.symbolic.model import Symbolic

    factor = Symbolic(mazur_example().network).factors["dout_o1/dnet_o1"]
    out = sympy.Symbol("out_o1", real=True)
    assert sympy.simplify(factor - sigmoid_slope().in_out.subs(sigmoid_slope().out, out)) == 0


# -- the widget ---------------------------------------------------------------------------


def test_secant_explorer_updates_figure_and_slopes():
    explorer = SecantExplorer("x**2", x=1.0, log10_h=0.0)
    assert "mazur-secant" in explorer._dom_classes
    assert explorer.state.forward == 3.0
    assert "3.000000000000" in explorer.slopes.value
    first_png = explorer.image.png
    assert first_png[:4] == b"\x89PNG"
    explorer.h_slider.value = -1.0
    assert explorer.state.h == pytest.approx(0.1)
    assert explorer.state.forward == pytest.approx(2.1)
    assert "2.100000000000" in explorer.slopes.value
    assert explorer.image.png != first_png
    explorer.x_slider.value = 2.0
    assert explorer.state.exact == 4.0
    explorer.function_menu.value = "sin(x)"
    assert explorer.state.exact == pytest.approx(math.cos(2.0))
    assert explorer.message.value == ""


def test_secant_explorer_keeps_the_last_secant_when_f_is_undefined():
    explorer = SecantExplorer(sympy.log(X), x=1.0)
    assert explorer.function_menu.value == "log(x)"
    before = explorer.state
    explorer.x_slider.value = -1.0
    assert "x: f cannot be evaluated at -1.0" in explorer.message.value
    assert explorer.state is before
    explorer.x_slider.value = 2.0
    assert explorer.message.value == ""


# -- bad input names its field ------------------------------------------------------------


@pytest.mark.parametrize(
    "call, error, message",
    [
        (lambda: secant_slope("x**2", 1.0, 0), ValueError, "h: 0.0 is not allowed"),
        (lambda: secant_slope("x**2", 1.0, -1e-3), ValueError, "h: -0.001 is not allowed"),
        (lambda: secant_slope("x**2", 1.0, float("inf")), ValueError, "h: inf is not allowed"),
        (lambda: secant_slope("x**2", float("nan"), 0.1), ValueError, "x: nan is not allowed"),
        (lambda: secant_slope("x**2", "1", 0.1), TypeError, "x: expected a number"),
        (lambda: secant_slope("x**2", 1.0, True), TypeError, "h: expected a number"),
        (lambda: secant_slope("x**4", 1.0, 0.1), ValueError, "f: 'x**4' is not on the menu"),
        (lambda: secant_slope("sin(x)", 1.0, 0.1, "sideways"), ValueError, "scheme: 'sideways'"),
        (lambda: secant_slope(3, 1.0, 0.1), TypeError, "f: expected a name"),
        (lambda: function("__import__('os')"), ValueError, "is not on the menu"),
        (lambda: function(W * X), ValueError, "f: expected an expression in one variable"),
        (lambda: function(sympy.Function("g")(X)), ValueError, "f: g is an undefined function"),
        (lambda: secant_slope(sympy.log(X), -1.0, 0.1), ValueError, "x: f cannot be evaluated"),
        (lambda: secant_slope("exp(x)", 1000.0, 0.1), ValueError, "f cannot be evaluated"),
        (lambda: difference_table("sin(x)", 1.0, steps=[0.1, 0]), ValueError, "steps[1]:"),
        (lambda: difference_table("sin(x)", 1.0, steps=[]), ValueError, "steps: empty"),
        (lambda: plot_secant("x**2", 1.0, 100), ValueError, "h: 100.0 is too large to draw"),
        (lambda: chain_rule("sigmoid(x)", "tanh(x)"), ValueError, "inner: 'tanh(x)' is not on"),
        (lambda: chain_rule(W * X, X), ValueError, "outer: expected an expression in one"),
        (lambda: chain_rule("x**2", W * B), ValueError, "x: g has the variables b, w"),
        (lambda: chain_rule("x**2", X, x="z"), ValueError, "x: 'z' is not a variable of g"),
        (lambda: chain_rule("x**2", W * X).at(1.0), ValueError, "w: missing"),
        (lambda: chain_rule("x**2", X).at(1.0, w=2), ValueError, "w: not a symbol of g"),
        (lambda: chain_rule("x**2", W * X).at(1.0, w=math.nan), ValueError, "w: nan"),
        (lambda: chain_rule("x**2", X).at(float("inf")), ValueError, "x: inf is not allowed"),
        (lambda: partials().check({"x": 1.0}), ValueError, "y: missing"),
        (lambda: partials().check({"x": 1.0, "y": math.nan}), ValueError, "y: nan"),
        (lambda: partials().check({"x": 1, "y": 2, "z": 3}), ValueError, "z: not a symbol of f"),
        (lambda: partials().check([1.0]), ValueError, "point: expected 2 values (x, y)"),
        (lambda: partials().check({"x": 1, "y": 1}, step=0), ValueError, "step: 0.0"),
        (lambda: partials(X, variables=["q"]), ValueError, "variables: 'q' is not a symbol"),
        (lambda: plot_gradient(partials(), (1, 1), window=(2, 3, 0, 2)), ValueError, "window"),
        (lambda: sigmoid_slope().at(math.nan), ValueError, "net: nan is not allowed"),
        (lambda: SecantExplorer("x**2", x=5.0), ValueError, "x: 5.0 is not allowed"),
        (lambda: SecantExplorer("x**2", log10_h=1), ValueError, "log10_h: 1.0 is not allowed"),
        (lambda: SecantExplorer("cubic"), ValueError, "f: 'cubic' is not on the menu"),
    ],
)
def test_bad_input_names_the_field(call, error, message):
    with pytest.raises(error) as info:
        call()
    assert message in str(info.value)


def test_text_is_never_run_as_code(tmp_path):
    marker = tmp_path / "ran"
    with pytest.raises(ValueError, match="not on the menu"):
        function(f"__import__('pathlib').Path({str(marker)!r}).touch() or x")
    assert not marker.exists()


def test_module_names_are_exported():
    for name in calculus.__all__:
        assert hasattr(calculus, name), name
