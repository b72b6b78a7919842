"""The final quiz: numbers drawn from a seed, the answer key, and
``mazur-nn key`` (text, Markdown, JSON; one-line errors for bad seeds)."""

from __future__ import annotations

import json
import math
import subprocess
import sys

import pytest

from mazur_nn import backward, forward, mazur_example, update
from mazur_nn.cli import main
from mazur_nn.core.numbers import format_number
from mazur_nn.exercises.quiz import (
    MAX_SEED,
    QUESTIONS,
    answer_key,
    check_seed,
    quiz_config,
    render_key,
)

SEEDS = (0, 1, 42, 2024, MAX_SEED)
RUN_MAIN = [sys.executable, "-c", "from mazur_nn.cli import main; raise SystemExit(main())"]


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def independent_values(seed: int) -> dict[str, float]:
    """Every question's value from the passes (not the lesson), some by hand."""
    config = quiz_config(seed)
    network, inputs, targets = config.network, config.inputs, config.targets
    fwd = forward(network, inputs, targets)
    bwd = backward(network, inputs, targets)
    updated = update(network, bwd, 0.5)
    w = network.parameters
    out_o1, out_o2 = fwd["out_o1"], fwd["out_o2"]
    (t1, t2), (i1, _) = targets, inputs
    delta_o1 = (out_o1 - t1) * out_o1 * (1 - out_o1)
    delta_o2 = (out_o2 - t2) * out_o2 * (1 - out_o2)
    return {
        "net_h1": w["b1"] + inputs[0] * w["w1"] + inputs[1] * w["w2"],
        "out_h1": 1 / (1 + math.exp(-fwd["net_h1"])),
        "out_o1": out_o1,
        "E_total": 0.5 * (t1 - out_o1) ** 2 + 0.5 * (t2 - out_o2) ** 2,
        "dE_total/dout_o1": out_o1 - t1,
        "dout_o1/dnet_o1": out_o1 * (1 - out_o1),
        "dE_total/dw5": bwd.gradients["w5"],
        "dE_o2/dout_h1": delta_o2 * w["w7"],
        "dE_total/dout_h1": delta_o1 * w["w5"] + delta_o2 * w["w7"],
        "dE_total/dw1": (delta_o1 * w["w5"] + delta_o2 * w["w7"])
        * fwd["out_h1"]
        * (1 - fwd["out_h1"])
        * i1,
        "w5+": updated.parameters["w5"],
        "w1+": w["w1"] - 0.5 * bwd.gradients["w1"],
        "E_total+": forward(updated, inputs, targets)["E_total"],
    }


# -- the quiz's numbers --------------------------------------------------------------


@pytest.mark.parametrize("seed", SEEDS)
def test_config_is_mazurs_network_with_drawn_numbers(seed):
    config = quiz_config(seed)
    post = mazur_example()
    assert config.network.sizes == (2, 2, 2)
    assert config.network.activations == ("sigmoid", "sigmoid")
    assert config.network.loss == "half_squared_error"
    assert config.network.bias_mode == "shared"
    assert (config.learning_rate, config.update_biases, config.hidden_uses) == (
        0.5,
        False,
        "original",
    )
    assert len(config.network.weights) == 8 and len(config.network.biases) == 2
    for value in config.network.weights + config.network.biases:
        assert -1 <= value <= 1 and value == round(value, 2)
    for value in config.inputs:
        assert 0 <= value <= 1 and value == round(value, 2)
    for value in config.targets:
        assert 0.01 <= value <= 0.99 and value == round(value, 2)
    assert config.network.weights != post.network.weights


def test_same_seed_same_numbers_and_different_seeds_differ():
    assert quiz_config(5) == quiz_config(5)
    assert answer_key(5).to_dict() == answer_key(5).to_dict()
    configs = [quiz_config(seed) for seed in range(20)]
    assert len({(c.network.weights, c.inputs, c.targets) for c in configs}) == 20
    values = [tuple(q.value for q in answer_key(seed).questions) for seed in (1, 2, 3)]
    assert len(set(values)) == 3
    for a, b in zip(values[0], values[1]):
        assert a != b


def test_numbers_come_from_random_with_the_seed():
    import random

    rng = random.Random(11)
    weights = [round(rng.uniform(-1, 1), 2) + 0.0 for _ in range(8)]
    assert list(quiz_config(11).network.weights) == weights


@pytest.mark.parametrize("seed", [-1, MAX_SEED + 1, 2.5, True, None, "ten", "", "1e3"])
def test_bad_seeds_name_the_field(seed):
    with pytest.raises(ValueError, match=r"^seed: expected a whole number from 0 to 1000000000"):
        quiz_config(seed)
    with pytest.raises(ValueError, match=r"^seed: "):
        check_seed(seed)


# -- the answer key --------------------------------------------------------------------


@pytest.mark.parametrize("seed", SEEDS)
def test_key_values_equal_an_independent_computation(seed):
    key = answer_key(seed)
    expected = independent_values(seed)
    assert [q.name for q in key.questions] == list(QUESTIONS) == list(expected)
    assert [q.number for q in key.questions] == list(range(1, len(QUESTIONS) + 1))
    for q in key.questions:
        assert q.value == pytest.approx(expected[q.name], rel=1e-12, abs=1e-15), q.name
        assert q.shown == format_number(q.value)


def test_key_entries_carry_the_lesson_steps():
    key = answer_key(42)
    assert key.seed == 42 and key.config == quiz_config(42)
    w5 = key.entry("dE_total/dw5")
    assert w5.title == "Gradient of w5"
    assert w5.formula == "(out_o1 - t1)*out_o1*(1 - out_o1)*out_h1"
    assert format_number(key.config.targets[0]) in w5.numbers
    assert key.entry("w1+").formula == "w1 - eta*dE_total/dw1"
    assert key.entry("E_total").formula == "E_o1 + E_o2"
    with pytest.raises(KeyError, match="does not ask for 'w9'"):
        key.entry("w9")


def test_text_key_has_the_network_then_every_question():
    key = answer_key(42)
    text = render_key(key)
    assert text == render_key(key, "text")
    assert text.startswith("Answer key: quiz with seed 42")
    assert text.index("w1 ") < text.index("1. Net input of h1")
    for q in key.questions:
        assert f"{q.number}. {q.title} ({q.name})" in text
        assert f"{q.name} = {q.formula}" in text
        assert f"= {q.shown}" in text or q.numbers == q.shown


def test_markdown_key_is_printable():
    key = answer_key(42)
    md = render_key(key, "markdown")
    assert md.startswith("# Answer key: quiz with seed 42")
    headings = ["## The network", "## Answers", "## Working"]
    assert [md.index(h) for h in headings] == sorted(md.index(h) for h in headings)
    assert f"| `w1` | {format_number(key.config.network.weights[0])} |" in md
    for q in key.questions:
        assert f"| {q.number} | {q.title} | `{q.name}` | {q.shown} |" in md
    assert md.count("```") % 2 == 0
    assert all(line.endswith("|") for line in md.splitlines() if line.startswith("|"))


def test_json_key_parses_with_full_precision():
    key = answer_key(7)
    data = json.loads(render_key(key, "json"))
    assert set(data) == {"kind", "seed", "config", "questions"} and data["kind"] == "key"
    assert data["seed"] == 7
    assert data["config"] == quiz_config(7).to_dict()
    assert len(data["questions"]) == len(QUESTIONS)
    for item, q in zip(data["questions"], key.questions):
        assert set(item) == {
            "number",
            "name",
            "title",
            "formula",
            "value",
            "digits",
            "answer",
            "tolerance",
        }
        assert (item["number"], item["name"], item["title"], item["formula"]) == (
            q.number,
            q.name,
            q.title,
            q.formula,
        )
        assert item["value"] == q.value  # not rounded
    assert any(item["value"] != round(item["value"], 9) for item in data["questions"])


def test_unknown_format_names_the_field():
    with pytest.raises(ValueError, match="^format: 'pdf' is not allowed"):
        render_key(answer_key(1), "pdf")


# -- mazur-nn key ------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["text", "markdown", "latex", "json"])
def test_cli_prints_the_key(capsys, fmt):
    code, out, err = run(capsys, "key", "--seed", "42", "--format", fmt)
    assert (code, err) == (0, "")
    assert out == render_key(answer_key(42), fmt)


def test_cli_default_format_is_text_and_output_file(capsys, tmp_path):
    code, out, err = run(capsys, "key", "--seed", "3")
    assert (code, err) == (0, "") and out.startswith("Answer key: quiz with seed 3")
    path = tmp_path / "key.json"
    assert run(capsys, "key", "--seed", "3", "--format", "json", "--output", str(path)) == (
        0,
        "",
        "",
    )
    assert json.loads(path.read_text(encoding="utf-8"))["seed"] == 3


@pytest.mark.parametrize("seed", ["-1", "1000000001", "abc", "2.5", "", "1e3"])
def test_cli_bad_seed_is_one_line_and_exit_2(capsys, seed):
    code, out, err = run(capsys, "key", "--seed", seed)
    assert (code, out) == (2, "")
    assert "Traceback" not in err
    assert len(err.splitlines()) == 1 and err.endswith("\n")
    assert err.startswith("mazur-nn: error: seed: expected a whole number from 0 to 1000000000")


def test_cli_usage_errors_exit_2(capsys):
    for args, option in (
        (["key"], "--seed"),
        (["key", "--seed", "1", "--format", "pdf"], "--format"),
    ):
        assert main(args) == 2
        err = capsys.readouterr().err
        assert len(err.splitlines()) == 1 and "Traceback" not in err
        assert err.startswith(f"mazur-nn: error: {option}") and "see mazur-nn key --help" in err


def test_cli_bad_seed_in_a_separate_process():
    done = subprocess.run(
        [*RUN_MAIN, "key", "--seed", "-7"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert (done.returncode, done.stdout) == (2, "")
    assert "Traceback" not in done.stderr and len(done.stderr.splitlines()) == 1
