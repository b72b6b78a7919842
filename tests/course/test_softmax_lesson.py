"""A softmax output with the cross-entropy through the course, the
handouts, the CLI and the diagram: Mazur's network with a softmax output
(``mazur_softmax_example``)."""

import json
import math

import pytest

from mazur_nn import backward, mazur_example, mazur_softmax_example
from mazur_nn.cli import main
from mazur_nn.core.reference import backprop
from mazur_nn.course.report import build_report
from mazur_nn.course.softmax import comparison, jacobian_table, shortcut, with_sigmoids
from mazur_nn.course.steps import build_lesson
from mazur_nn.course.values import worked_values
from mazur_nn.render.svg import Diagram


@pytest.fixture(scope="module")
def example():
    return mazur_softmax_example()


@pytest.fixture(scope="module")
def lesson(example):
    return build_lesson(example)


def test_the_example_is_mazurs_network_with_a_softmax(example):
    mazur = mazur_example()
    assert example.network.weights == mazur.network.weights
    assert example.inputs == mazur.inputs and example.learning_rate == mazur.learning_rate
    assert math.fsum(example.targets) == 1.0
    assert example.targets == pytest.approx(mazur.targets, rel=1e-15)


def test_forward_steps_compute_every_net_before_the_softmax(lesson):
    names = [s.name for s in lesson.steps if s.section == "forward"]
    assert names.index("net_o2") < names.index("out_o1")
    step = lesson.step("out_o1")
    assert step.formula == "exp(net_o1)/(exp(net_o1) + exp(net_o2))"
    assert "softmax" in step.text and "add up to 1" in step.text


def test_output_section_walks_the_jacobian_and_the_paths(lesson, example):
    names = [s.name for s in lesson.steps if s.section == "output"]
    expected = [
        "dE_total/dout_o1",
        "dE_total/dout_o2",
        "dout_o1/dnet_o1",
        "dout_o2/dnet_o1",
        "dE_total/dnet_o1 via o1",
        "dE_total/dnet_o1 via o2",
        "dE_total/dnet_o1",
        "dnet_o1/dw5",
        "dE_total/dw5",
    ]
    assert names[: len(expected)] == expected
    result = backward(example.network, example.inputs, example.targets)
    assert lesson.step("dE_total/dnet_o1").value == result["delta_o1"]
    assert lesson.step("dout_o2/dnet_o1").formula == "-out_o1*out_o2"
    assert lesson.step("dout_o1/dnet_o1").formula == "out_o1*(1 - out_o1)"
    for step in lesson.steps:
        if step.name in result.values:
            assert step.value == result[step.name], step.name


def test_every_gradient_step_agrees_three_ways(lesson):
    for name in ("dE_total/dw5", "dE_total/dw8", "dE_total/dw1"):
        values = lesson.check(lesson.step(name))
        assert set(values) == {"chain rule", "sympy", "finite difference"}
        assert max(values.values()) - min(values.values()) < 1e-8
    values = lesson.check(lesson.step("dE_total/dnet_o1"))
    assert values["chain rule"] == pytest.approx(values["sympy"], abs=1e-15)


def test_shortcut_is_derived_and_agrees(example):
    result = shortcut(example)
    assert [r.text.rsplit(" = ", 1)[1] for r in result.rows] == ["out_o1 - t1", "out_o2 - t2"]
    forward = example.forward()
    for row, o, t in zip(result.rows, ("o1", "o2"), example.targets):
        assert row.out_minus_t == forward[f"out_{o}"] - t
        assert row.chain_rule == pytest.approx(row.out_minus_t, abs=1e-15)
    assert "out_{o1} - t_{1}" in result._repr_latex_()
    with pytest.raises(ValueError, match="^config: expected a softmax output layer"):
        shortcut(mazur_example())


def test_jacobian_columns_add_up_to_zero(example):
    table = jacobian_table(example)
    values = worked_values(example)
    assert table.rows[0][1] == f"{values['dout_o1/dnet_o1']:.9f}".rstrip("0")
    assert table.rows[-1][1:] == ("< 1e-12", "< 1e-12")


def test_comparison_puts_mazurs_sigmoids_beside_the_softmax(example):
    sigmoids = with_sigmoids(example)
    assert sigmoids.network == mazur_example().network
    table = comparison(example, rounds=10)
    rows = {r[0]: r[1:] for r in table.rows}
    mazur = worked_values(mazur_example())
    assert float(rows["out_o1"][0]) == pytest.approx(mazur["out_o1"], abs=1e-9)
    assert rows["out_o1 + out_o2"][1] == "1"
    assert float(rows["delta_o1"][1]) == pytest.approx(
        worked_values(example)["out_o1"] - example.targets[0], abs=1e-9
    )


def test_report_and_every_handout_format(example, tmp_path):
    report = build_report(example)
    assert list(report["forward"])[:6] == [
        "net_h1",
        "out_h1",
        "net_h2",
        "out_h2",
        "net_o1",
        "net_o2",
    ]
    (delta, local) = report["chain"]["w5"]
    assert delta["name"] == "dE_total/dnet_o1" and local["name"] == "dnet_o1/dw5"
    assert [t[0]["name"] for t in delta["terms"]] == [
        "dE_total/dnet_o1 via o1",
        "dE_total/dnet_o1 via o2",
    ]
    config = tmp_path / "softmax.json"
    config.write_text(json.dumps(example.to_dict()))
    out = tmp_path / "report.json"
    assert main(["report", "--config", str(config), "--format", "json", "--output", str(out)]) == 0
    data = json.loads(out.read_text())
    assert data["gradients"] == backprop(example.network, example.inputs, example.targets)
    assert "dE_total/dnet_o1 via o2" in data["formulas"]
    for fmt in ("text", "markdown", "latex"):
        out = tmp_path / f"report.{fmt}"
        args = ["report", "--config", str(config), "--format", fmt, "--output", str(out)]
        assert main(args) == 0
        written = out.read_text()
        # A path's name: as words in text, as \text{via } in the LaTeX of markdown and latex.
        assert ("via o2" in written or r"\text{via } o2" in written) and "softmax" in written, fmt


def test_cli_names_a_bad_softmax_config(example, tmp_path, capsys):
    config = tmp_path / "bad.json"
    config.write_text(json.dumps({**example.to_dict(), "targets": [0.5, 0.6]}))
    assert main(["report", "--config", str(config)]) == 2
    error = capsys.readouterr().err.strip().splitlines()
    assert len(error) == 1 and "targets: t1 + t2 = 1.1 is not allowed" in error[0]


def test_diagram_words_name_every_net_input(lesson):
    words = str(Diagram(lesson, lesson.step("out_o1")))
    assert "softmax" in words and "net_o1 = 1.105905967" in words and "net_o2 =" in words
    assert "dE_total/dnet_o1 = 0.460281212" in str(Diagram(lesson, lesson.step("dE_total/dnet_o1")))
