"""The ``mazur-nn`` command: the report in every format, its options, and
one-line errors (exit code 2, no traceback) for bad input."""

from __future__ import annotations

import json
import math
import re
import shutil
import subprocess
import sys

import pytest

from mazur_nn import __version__, mazur_example
from mazur_nn.cli import main

REQUIRED = ("forward", "error", "gradients", "chain", "updated", "error_after_update")
RUN_MAIN = [sys.executable, "-c", "from mazur_nn.cli import main; raise SystemExit(main())"]
NAMES = mazur_example().network.names


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def report_json(capsys, *args: str) -> dict:
    code, out, err = run(capsys, "report", "--format", "json", *args)
    assert (code, err) == (0, "")
    return json.loads(out)


def write_config(path, **changes) -> str:
    """Mazur's example as a config file, with some keys changed."""
    path.write_text(json.dumps({**mazur_example().to_dict(), **changes}), encoding="utf-8")
    return str(path)


@pytest.fixture(scope="module")
def default(tmp_path_factory) -> dict:
    """The JSON report of Mazur's example, written with --output."""
    path = tmp_path_factory.mktemp("report") / "report.json"
    assert main(["report", "--format", "json", "--output", str(path)]) == 0
    return json.loads(path.read_text(encoding="utf-8"))


# -- JSON: structure and the published numbers --------------------------------


def test_json_has_every_required_key(default):
    assert set(REQUIRED) <= set(default)
    assert list(default["forward"]) == list(NAMES.forward)
    assert list(default["error"]) == ["E_o1", "E_o2", "E_total"]
    for key in ("gradients", "chain", "updated"):
        assert list(default[key]) == list(NAMES.parameters)
    assert default["config"]["layers"] == [2, 2, 2]
    assert default["options"] == {
        "learning_rate": 0.5,
        "update_biases": False,
        "hidden_uses": "original",
    }
    assert "training" not in default


def test_json_gives_the_published_numbers(default):
    assert round(default["forward"]["out_h1"], 9) == 0.593269992
    assert round(default["error"]["E_total"], 9) == 0.298371109
    assert round(default["gradients"]["w5"], 9) == 0.082167041
    assert round(default["gradients"]["w1"], 9) == 0.000438568
    assert round(default["updated"]["w5"], 9) == 0.35891648
    assert round(default["updated"]["w1"], 9) == 0.149780716
    assert default["updated"]["b1"] == 0.35  # biases kept, as in the post
    assert round(default["error_after_update"], 9) == 0.291027774


def test_json_keeps_full_precision(default):
    gradient = default["gradients"]["w5"]
    assert gradient != round(gradient, 9)
    assert default["updated"]["w5"] == 0.4 - 0.5 * gradient


def test_chain_of_w5_has_the_three_published_factors(default):
    chain = default["chain"]["w5"]
    assert [f["name"] for f in chain] == ["dE_total/dout_o1", "dout_o1/dnet_o1", "dnet_o1/dw5"]
    assert [round(f["value"], 9) for f in chain] == [0.74136507, 0.186815602, 0.593269992]
    assert math.isclose(math.prod(f["value"] for f in chain), default["gradients"]["w5"])
    for factor in chain:
        assert factor["latex"].startswith(r"\frac{\partial ")
        assert "formula" in factor
    assert chain[1]["formula"] == r"out_{o1} \left(1 - out_{o1}\right)"


def test_chain_of_w1_sums_two_paths(default):
    first = default["chain"]["w1"][0]
    assert first["name"] == "dE_total/dout_h1"
    assert len(first["terms"]) == 2
    paths = [term[0] for term in first["terms"]]
    assert [p["name"] for p in paths] == ["dE_o1/dout_h1", "dE_o2/dout_h1"]
    # the post prints -0.019049119 (it rounded intermediates); the exact value is shown
    assert [round(p["value"], 9) for p in paths] == [0.055399425, -0.019049118]
    assert math.isclose(sum(p["value"] for p in paths), first["value"])
    assert round(first["value"], 9) == 0.036350306


def test_hidden_uses_updated_reproduces_the_posts_error(capsys):
    report = report_json(capsys, "--hidden-uses", "updated")
    assert report["options"]["hidden_uses"] == "updated"
    assert round(report["error_after_update"], 9) == 0.291027924
    # the gradients are those before any update; only w1..w4's update differs
    assert round(report["gradients"]["w1"], 9) == 0.000438568
    assert round(report["updated"]["w1"], 9) == 0.149817639
    assert round(report["updated"]["w5"], 9) == 0.35891648


@pytest.mark.parametrize(
    ("hidden_uses", "out_o1", "out_o2"),
    [("updated", 0.015912196, 0.984065734), ("original", 0.01591362, 0.984064274)],
)
def test_training_rounds(capsys, hidden_uses, out_o1, out_o2):
    report = report_json(capsys, "--rounds", "10000", "--hidden-uses", hidden_uses)
    training = report["training"]
    assert training["rounds"] == 10000
    assert round(training["outputs"]["o1"], 9) == out_o1
    assert round(training["outputs"]["o2"], 9) == out_o2
    assert training["E_total"] < 4e-5
    assert round(report["error_after_update"], 6) == 0.291028  # one round is still one round


def test_update_biases_overrides_the_config(capsys, tmp_path):
    report = report_json(capsys, "--update-biases")
    b1 = 0.35 - 0.5 * report["gradients"]["b1"]
    assert report["updated"]["b1"] == b1 != 0.35
    assert round(report["error_after_update"], 9) == 0.285750887
    config = write_config(tmp_path / "biases.json", update_biases=True)
    assert report_json(capsys, "--config", config)["options"]["update_biases"] is True
    report = report_json(capsys, "--config", config, "--no-update-biases")
    assert report["updated"]["b1"] == 0.35


def test_config_file_is_used(capsys, tmp_path):
    config = write_config(tmp_path / "fast.json", learning_rate=1.0, inputs=[0.1, 0.2])
    report = report_json(capsys, "--config", config)
    assert report["options"]["learning_rate"] == 1.0
    assert report["forward"]["net_h1"] == pytest.approx(0.15 * 0.1 + 0.2 * 0.2 + 0.35)
    assert report["updated"]["w5"] == 0.4 - 1.0 * report["gradients"]["w5"]


# -- text, Markdown, LaTeX ----------------------------------------------------

KEY_NUMBERS = (
    "0.3775",
    "0.593269992",
    "0.298371109",
    "0.74136507",
    "0.186815602",
    "0.082167041",
    "0.036350306",
    "0.000438568",
    "0.35891648",
    "0.291027774",
)


@pytest.mark.parametrize("fmt", ["text", "markdown", "latex"])
def test_formats_show_the_key_numbers(capsys, fmt):
    code, out, err = run(capsys, "report", "--format", fmt)
    assert (code, err) == (0, "")
    for value in KEY_NUMBERS:
        assert value in out, value
    assert "-0.019049118" in out and "-0.019049119" not in out


def test_text_reads_like_the_post(capsys):
    out = run(capsys, "report")[1]
    lines = out.splitlines()
    assert "2-2-2" in lines[0]
    titles = ["Forward pass", "Errors", "Backward pass", "Update", "Error after the update"]
    assert [lines.index(t) for t in titles] == sorted(lines.index(t) for t in titles)
    assert "net_h1 = b1 + i1*w1 + i2*w2 = 0.35 + 0.05*0.15 + 0.1*0.2 = 0.3775" in lines
    assert (
        "dE_total/dw5 = dE_total/dout_o1 * dout_o1/dnet_o1 * dnet_o1/dw5"
        " = 0.74136507 * 0.186815602 * 0.593269992 = 0.082167041"
    ) in lines
    assert (
        "dE_total/dout_h1 = dE_o1/dout_h1 + dE_o2/dout_h1"
        " = 0.055399425 + -0.019049118 = 0.036350306"
    ) in lines
    assert "w5+ = w5 - eta * dE_total/dw5 = 0.4 - 0.5 * 0.082167041 = 0.35891648" in lines
    assert "b1+ = b1 = 0.35" in lines
    # the output layer comes first, as backpropagation goes
    assert out.index("dE_total/dw5 =") < out.index("dE_total/dw1 =")


def test_text_shows_training_and_the_recomputed_gradients(capsys):
    out = run(capsys, "report", "--rounds", "10", "--hidden-uses", "updated")[1]
    assert "After 10 rounds of training" in out
    assert "out_o1 = " in out.split("After 10 rounds of training")[1]
    assert re.search(r"^w1\+ = w1 - eta \* dE_total/dw1' = .* = 0\.149817639$", out, re.M)


def test_markdown_is_headings_and_tables(capsys):
    out = run(capsys, "report", "--format", "markdown")[1]
    assert out.startswith("# ")
    assert "\n## Forward pass\n" in out and "\n### $w_{5}$\n" in out
    rows = [line for line in out.splitlines() if line.startswith("|")]
    assert len(rows) > 40
    assert all(line.endswith(" |") for line in rows)
    assert r"| $net_{h1}$ | $b_{1} + i_{1} w_{1} + i_{2} w_{2}$ |" in out


def test_latex_is_a_balanced_document(capsys):
    out = run(capsys, "report", "--format", "latex", "--rounds", "2")[1]
    assert out.startswith(r"\documentclass") and out.rstrip().endswith(r"\end{document}")
    assert out.count(r"\begin{align*}") == out.count(r"\end{align*}") > 5
    assert out.count("{") == out.count("}")
    assert out.count(r"\left") == out.count(r"\right")
    assert r"\sigma\left(0.3775\right) = 0.593269992" in out
    assert "half_squared" not in out  # underscores in text are escaped


def test_output_file_holds_what_stdout_would(capsys, tmp_path):
    path = tmp_path / "report.md"
    code, out, err = run(capsys, "report", "--format", "markdown", "--output", str(path))
    assert (code, out, err) == (0, "", "")
    assert path.read_text(encoding="utf-8") == run(capsys, "report", "--format", "markdown")[1]


# -- the command line itself ------------------------------------------------------


def test_version(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0
    assert capsys.readouterr().out.strip() == f"mazur-nn {__version__}"


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["teach"],
        ["report", "--format", "pdf"],
        ["report", "--rounds", "0"],
        ["report", "--rounds", "ten"],
        ["report", "--hidden-uses", "sideways"],
    ],
)
def test_usage_errors_exit_2(capsys, args):
    with pytest.raises(SystemExit) as exit_:
        main(args)
    assert exit_.value.code == 2
    assert "usage: mazur-nn" in capsys.readouterr().err


DIVERGING = {
    "layers": [2, 2, 2],
    "activations": "linear",
    "learning_rate": 1e6,
    "weights": [3.0] * 8,
    "biases": [1.0, 1.0],
    "inputs": [1.0, 1.0],
    "targets": [0.0, 0.0],
}

BAD_CONFIGS = {
    "missing file": (None, "cannot be read"),
    "invalid JSON": ('{"layers": [2, 2, 2], ', "not valid JSON"),
    "unknown key": ({"speed": 3}, "unknown key 'speed'"),
    "unknown activation": ({"activations": "softsign"}, "unknown activation 'softsign'"),
    "NaN weight": ({"weights": [0.15, float("nan")] + [0.3] * 6}, "nan is not allowed"),
    "text learning rate": ({"learning_rate": "abc"}, "learning_rate"),
    "negative learning rate": ({"learning_rate": -0.5}, "learning_rate"),
}


def bad_config(tmp_path, content) -> str:
    path = tmp_path / "config.json"
    if isinstance(content, dict):
        write_config(path, **content)  # json.dumps writes NaN for float("nan")
    elif content is not None:
        path.write_text(content, encoding="utf-8")
    return str(path)


def assert_one_line_error(code: int, out: str, err: str) -> str:
    assert code == 2
    assert out == ""
    assert "Traceback" not in err
    assert len(err.splitlines()) == 1 and err.endswith("\n")
    assert err.startswith("mazur-nn: error: ")
    return err


@pytest.mark.parametrize("case", list(BAD_CONFIGS))
def test_bad_config_is_one_line_and_exit_2(capsys, tmp_path, case):
    content, fragment = BAD_CONFIGS[case]
    config = bad_config(tmp_path, content)
    err = assert_one_line_error(*run(capsys, "report", "--config", config))
    assert fragment in err


def test_diverging_training_names_the_round(capsys, tmp_path):
    path = tmp_path / "diverging.json"
    path.write_text(json.dumps(DIVERGING), encoding="utf-8")
    assert run(capsys, "report", "--config", str(path))[0] == 0  # one update is still finite
    err = assert_one_line_error(*run(capsys, "report", "--config", str(path), "--rounds", "100"))
    stopped = re.search(r"training stopped at round (\d+) of 100", err)
    assert stopped and 1 <= int(stopped.group(1)) < 100


def test_unwritable_output_is_one_line_and_exit_2(capsys, tmp_path):
    target = tmp_path / "no such folder" / "report.txt"
    err = assert_one_line_error(*run(capsys, "report", "--output", str(target)))
    assert "cannot write" in err


# -- as a separate process ------------------------------------------------------------


def test_subprocess_report_and_error(tmp_path):
    done = subprocess.run(
        [*RUN_MAIN, "report", "--format", "json"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert (done.returncode, done.stderr) == (0, "")
    assert round(json.loads(done.stdout)["gradients"]["w5"], 9) == 0.082167041

    config = bad_config(tmp_path, BAD_CONFIGS["NaN weight"][0])
    done = subprocess.run(
        [*RUN_MAIN, "report", "--config", config],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert_one_line_error(done.returncode, done.stdout, done.stderr)


def test_installed_script():
    script = shutil.which("mazur-nn")
    if script is None:
        pytest.skip("the mazur-nn script is not installed (pip install -e .)")
    done = subprocess.run(
        [script, "--version"], capture_output=True, text=True, timeout=60, check=False
    )
    assert (done.returncode, done.stdout.strip()) == (0, f"mazur-nn {__version__}")


@pytest.mark.parametrize("fmt", ["text", "markdown", "latex"])
def test_lesson_handout_has_every_step(capsys, fmt):
    from mazur_nn.course.steps import build_lesson

    assert main(["lesson", "--format", fmt]) == 0
    out = capsys.readouterr().out.replace("\\_", "_")
    for step in build_lesson(mazur_example()).steps:
        assert step.title in out
    assert "0.000438568" in out


def test_lesson_handout_bad_config_exits_2(tmp_path, capsys):
    bad = tmp_path / "bad.json"
    bad.write_text('{"layers": [2, 2], "inputs": [1, 2], "targets": [0, 1], "loss": "hinge"}')
    assert main(["lesson", "--config", str(bad)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "loss: unknown loss 'hinge'" in err
