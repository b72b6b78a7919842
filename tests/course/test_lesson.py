"""The lesson's steps: built from any config, values from the engine,
formulas from sympy, in the order the issue asks for."""

import math
import re

import pytest
import sympy

import mazur_nn
from mazur_nn.course import steps
from mazur_nn.course.steps import SECTIONS, build_lesson
from mazur_nn.render.handouts import lesson_latex as render_latex
from mazur_nn.render.handouts import lesson_markdown as render_markdown
from mazur_nn.render.handouts import lesson_text as render_text

CONFIGS = {
    "mazur": mazur_nn.mazur_example(),
    "2-3-1 tanh": mazur_nn.Config.from_dict(
        {"layers": [2, 3, 1], "activations": "tanh", "inputs": [1, -1], "targets": [0.3]}
    ),
    "3-4-2 relu bce per-neuron": mazur_nn.Config.from_dict(
        {
            "layers": [3, 4, 2],
            "activations": ["relu", "sigmoid"],
            "loss": "binary_cross_entropy",
            "bias_mode": "per_neuron",
            "seed": 5,
            "inputs": [0.5, 0.1, -0.2],
            "targets": [0, 1],
            "update_biases": True,
        }
    ),
    "2-3-3-1 mse": mazur_nn.Config.from_dict(
        {"layers": [2, 3, 3, 1], "loss": "mse", "seed": 2, "inputs": [0.3, 0.7], "targets": [1]}
    ),
}


@pytest.fixture(scope="module")
def mazur():
    return build_lesson(mazur_nn.mazur_example())


def test_mazur_steps_in_the_posts_order(mazur):
    names = [s.name for s in mazur.steps]
    forward = ["net_h1", "out_h1", "net_h2", "out_h2", "net_o1", "out_o1", "net_o2", "out_o2"]
    assert names[:8] == forward
    assert names[8:11] == ["E_o1", "E_o2", "E_total"]
    # w5 taken apart, then the product; then w6, w7, w8
    assert names[11:18] == [
        "dE_total/dout_o1",
        "dout_o1/dnet_o1",
        "dnet_o1/dw5",
        "dE_total/dw5",
        "dE_total/dw6",
        "dE_total/dw7",
        "dE_total/dw8",
    ]
    # w1: both paths, their sum, the other two factors, the product; then w2..w4
    assert names[18:27] == [
        "dE_o1/dout_h1",
        "dE_o2/dout_h1",
        "dE_total/dout_h1",
        "dout_h1/dnet_h1",
        "dnet_h1/dw1",
        "dE_total/dw1",
        "dE_total/dw2",
        "dE_total/dw3",
        "dE_total/dw4",
    ]
    assert names[27:35] == [f"w{k}+" for k in (5, 6, 7, 8, 1, 2, 3, 4)]
    assert names[35:] == ["out_o1+", "out_o2+", "E_total+"]


@pytest.mark.parametrize(
    "name, printed",
    [
        ("out_h1", "0.593269992"),
        ("E_total", "0.298371109"),
        ("dE_total/dw5", "0.082167041"),
        ("dE_total/dw1", "0.000438568"),
        ("w5+", "0.35891648"),
        ("w1+", "0.149780716"),
        ("E_total+", "0.291027774"),
    ],
)
def test_values_match_the_post(mazur, name, printed):
    assert mazur.step(name).shown_value == printed


def test_every_step_has_text_formula_and_numbers(mazur):
    for step in mazur.steps:
        assert step.title and step.text.endswith(".")
        assert step.formula and step.numbers and step.latex and step.latex_numbers
        assert "@" not in step.formula + step.numbers + step.latex + step.latex_numbers
        assert step.section in SECTIONS


def test_formula_is_sympys_and_numbers_are_put_in(mazur):
    step = mazur.step("dE_total/dw5")
    assert step.formula == "(out_o1 - t1)*out_o1*(1 - out_o1)*out_h1"
    assert step.numbers == "(0.75136507 - 0.01)*0.75136507*(1 - 0.75136507)*0.593269992"
    assert r"\frac{\partial E_{total}}{\partial w_{5}}" in step.equation_latex()


def test_chain_steps_carry_the_path_back_to_the_weight(mazur):
    w1 = mazur.step("dE_total/dw1")
    assert w1.path == ("o1", "o2", "h1", "i1") and w1.weights == ("w1",)
    assert mazur.step("dE_total/dw5").path == ("o1", "h1")


@pytest.mark.parametrize("key", CONFIGS)
def test_any_config_builds_and_matches_the_engine(key):
    config = CONFIGS[key]
    lesson = build_lesson(config)
    backward = config.backward()
    for p, g in backward.gradients.items():
        if f"dE_total/d{p}" in {s.name for s in lesson.steps}:
            assert lesson.step(f"dE_total/d{p}").value == g
    assert lesson.step("E_total+").value == pytest.approx(config.train(1).E_total, abs=0)
    assert list(lesson.sections) == [s for s in SECTIONS if s in lesson.sections]


@pytest.mark.parametrize("key", CONFIGS)
def test_checks_agree(key):
    lesson = build_lesson(CONFIGS[key])
    for step in lesson.steps:
        parameter = step.name.removeprefix("dE_total/d")
        if step.kind == "chain" and parameter in lesson.config.network.parameters:
            values = lesson.check(step)
            assert "finite difference" in values and "sympy" in values
            assert max(values.values()) - min(values.values()) < 1e-6


def test_recomputes_for_a_changed_config(mazur):
    changed = build_lesson(mazur_nn.mazur_example().with_parameters({"w5": 0.5}))
    assert changed.step("dE_total/dw5").value != mazur.step("dE_total/dw5").value
    assert changed.step("dE_total/dw5").formula == mazur.step("dE_total/dw5").formula


def test_handouts_have_every_step(mazur):
    for render in (render_text, render_markdown, render_latex):
        text = render(mazur)
        for step in mazur.steps:
            assert step.title in text.replace("\\_", "_")
    assert render_latex(mazur).startswith(r"\documentclass")


def test_unknown_step_and_section_are_named(mazur):
    with pytest.raises(KeyError, match="dE_total/dw99"):
        mazur.step("dE_total/dw99")
    with pytest.raises(ValueError, match="allowed are forward"):
        mazur.section("middle")


def _rejoined(text_or_lines):
    """The broken lines put back together, without the brackets added at the
    cuts and without any ``\\cdot`` (a cut in a product side by side adds one)."""
    text = " ".join([text_or_lines] if isinstance(text_or_lines, str) else text_or_lines)
    text = text.replace(r" \right. \left. ", " ").replace(r" \right. \left.", " ")
    return " ".join(text.replace(r"\cdot", " ").split())


def _lesson_configs():
    from mazur_nn import Config, Network

    def of(sizes, seed):
        network = Network.create(sizes, seed=seed)
        return Config(network, [0.3] * sizes[0], [0.6] * sizes[-1])

    return {
        "2-2-2": of([2, 2, 2], 2),
        "2-3-3-2": of([2, 3, 3, 2], 2),
        "2-3-3-1": Config.from_dict(  # lesson 03's deeper network
            {"layers": [2, 3, 3, 1], "seed": 1, "inputs": [0.05, 0.1], "targets": [0.5]}
        ),
        "tanh": mazur_nn.mazur_example().replace(activations="tanh"),
        "softmax": mazur_nn.mazur_softmax_example(),
        # ReLU's formula is a cases environment: no cut may go inside it.
        "relu": mazur_nn.mazur_example().replace(activations="relu"),
        "leaky_relu": of([2, 3, 3, 2], 4).replace(activations="leaky_relu"),
    }


@pytest.mark.parametrize(
    "name", ["2-2-2", "2-3-3-2", "2-3-3-1", "tanh", "softmax", "relu", "leaky_relu"]
)
def test_long_formulas_break_into_lines_that_fit_and_lose_nothing(name):
    from mazur_nn.core.names import latex_name
    from mazur_nn.symbolic.printer import (
        LINE_WIDTH,
        NAME_WIDTH,
        WIDOW,
        broken_lines,
        equation_rows,
        shown_width,
        visible_width,
    )

    lesson = build_lesson(_lesson_configs()[name])
    for step in lesson.steps:
        # A whole row, its name included (a path's name is long), fits too.
        for row in equation_rows(latex_name(step.name), step.latex_sides(), keep_short=False):
            assert shown_width(row) <= LINE_WIDTH + NAME_WIDTH + WIDOW, (step.name, row)
        for side in (step.latex, step.latex_numbers):
            lines = broken_lines(side)
            # Nothing lost, nothing shown twice:
            assert _rejoined(lines) == _rejoined(side), (step.name, lines)
            for line in lines:
                assert line.count(r"\left") == line.count(r"\right")
                assert line.count(r"\begin{") == line.count(r"\end{"), (step.name, lines)
            # Cut before + and times, and between factors side by side: every
            # line fits the stepper's column (a little over for a last factor).
            assert all(visible_width(line) <= LINE_WIDTH + WIDOW for line in lines), (
                step.name,
                [visible_width(line) for line in lines],
            )


def test_a_plan_over_the_budget_writes_long_formulas_in_earlier_quantities(monkeypatch):
    """Deep, wide networks' formulas are too long to print: over
    ``FORMULA_BUDGET`` each formula over ``MAX_FORMULA_SIZE`` nodes is
    written in quantities of earlier steps, and its numbers still give its
    value. With both limits lowered, a 2-3-3-2 network stands in for a
    32-32-32-32 one."""
    config = mazur_nn.Config.from_dict(
        {
            "layers": [2, 3, 3, 2],
            "seed": 3,
            "inputs": [0.3, -0.7],
            "targets": [0.2, 0.9],
            "update_biases": True,
        }
    )
    full = build_lesson(config)
    monkeypatch.setattr(steps, "FORMULA_BUDGET", 0)
    monkeypatch.setattr(steps, "MAX_FORMULA_SIZE", 30)  # an output gradient has 12 nodes
    plan = steps.Plan(config)  # not the cached plan: this one under the lowered limits
    monkeypatch.setattr(steps, "plan_for", lambda _: plan)
    short = build_lesson(config)
    assert [(s.name, s.value) for s in short.steps] == [(s.name, s.value) for s in full.steps]
    changed = [(f, s) for f, s in zip(full.steps, short.steps) if f.formula != s.formula]
    assert changed and {s.section for _, s in changed} == {"hidden"}  # its sums of paths
    for f, s in changed:
        assert s.text == f.text + steps.SHORT_NOTE and len(s.formula) < len(f.formula)
        form = plan.templates[s.index].formula
        assert set(form.symbols) <= set(short.values)  # each a quantity of one round
        holes = {f"x{k}": sympy.Symbol(f"x{k}") for k in range(len(form.symbols))}
        expression = sympy.parse_expr(re.sub(r"@(\d+)@", r"x\1", form.text), holes)
        numbers = {holes[f"x{k}"]: short.values[name] for k, name in enumerate(form.symbols)}
        assert math.isclose(float(expression.xreplace(numbers)), s.value, rel_tol=1e-12)
    gradient = short.step("dE_total/dw1")
    assert gradient.formula == "dE_total/dout_h1_1*dout_h1_1/dnet_h1_1*dnet_h1_1/dw1"
    assert short.step("dE_total/db1").formula == "delta_h1_1 + delta_h1_2 + delta_h1_3"
    for render in (render_text, render_markdown, render_latex):
        assert gradient.title in render(short)
    assert r"\delta_{h2,1} w_{7}" in render_markdown(short)
