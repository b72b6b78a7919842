"""The ``mazur-nn`` command: the report in every format, its options, and
one-line errors (exit code 2, no traceback) for bad input, whatever is
typed; Ctrl-C and bugs are one line too (exit codes 130 and 1)."""

from __future__ import annotations

import json
import math
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time

import pytest

from mazur_nn import __version__, cli, mazur_example
from mazur_nn.cli import main
from mazur_nn.core.config import MAX_CONFIG_BYTES, MAX_CONFIG_DEPTH
from mazur_nn.core.validate import ECHO_LIMIT

REQUIRED = ("forward", "error", "gradients", "chain", "updated", "error_after_update")
RUN_MAIN = [sys.executable, "-c", "from mazur_nn.cli import main; raise SystemExit(main())"]
RUN_MODULE = [sys.executable, "-m", "mazur_nn.cli"]
HANG = 10  # seconds: a bad input must end long before (the goal is 2 s); this only catches hangs
POSIX = pytest.mark.skipif(
    os.name != "posix", reason="FIFOs, devices and signals as POSIX has them"
)
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


def test_help_is_argparses_and_exits_0(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["report", "--help"])
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("usage: mazur-nn report [-h] [--format {text,markdown,latex,json}]")
    assert "--rounds N" in out and "--config FILE.json" in out


# (arguments, what the one line says, and after "see": whose help)
USAGE_ERRORS = {
    "no command": ([], ["a command is needed: one of report, lesson, key"], "mazur-nn"),
    "unknown command": (["teach"], ["unknown command 'teach'", "report, lesson, key"], "mazur-nn"),
    "unknown top option": (
        ["--fast"],
        ["unknown option '--fast'", "--help, --version"],
        "mazur-nn",
    ),
    "unknown option": (
        ["report", "--formt", "text"],
        ["unknown option '--formt'", "allowed are", "--format", "--rounds"],
        "mazur-nn report",
    ),
    "stray argument": (["lesson", "now"], ["unexpected argument 'now'"], "mazur-nn lesson"),
    "bad format": (
        ["report", "--format", "pdf"],
        ["--format: 'pdf' is not allowed; expected one of text, markdown, latex, json"],
        "mazur-nn report",
    ),
    "format of the other command": (
        ["lesson", "--format", "json"],
        ["--format: 'json' is not allowed; expected one of text, markdown, latex"],
        "mazur-nn lesson",
    ),
    "bad hidden_uses": (
        ["report", "--hidden-uses", "sideways"],
        ["--hidden-uses: 'sideways' is not allowed; expected one of original, updated"],
        "mazur-nn report",
    ),
    "zero rounds": (
        ["report", "--rounds", "0"],
        ["--rounds: 0 is not allowed; expected a whole number from 1 to 10000000"],
        "mazur-nn report",
    ),
    "too many rounds": (
        ["report", "--rounds", "1" + "0" * 30],
        ["--rounds:", "is not allowed; expected a whole number from 1 to 10000000"],
        "mazur-nn report",
    ),
    "rounds as a word": (
        ["report", "--rounds", "ten"],
        ["--rounds: expected a whole number from 1 to 10000000, got 'ten'"],
        "mazur-nn report",
    ),
    "missing value": (
        ["report", "--config"],
        ["--config needs a value: FILE.json"],
        "mazur-nn report",
    ),
    "missing choice": (
        ["lesson", "--format"],
        ["--format needs a value: one of text, markdown, latex"],
        "mazur-nn lesson",
    ),
    "missing option": (["key"], ["--seed is needed: N, a whole number"], "mazur-nn key"),
    "value of a switch": (
        ["report", "--update-biases=yes"],
        ["--update-biases/--no-update-biases takes no value, got 'yes'"],
        "mazur-nn report",
    ),
    "ambiguous option": (
        ["report", "--h", "x"],
        ["ambiguous option '--h'; it could be --help, --hidden-uses"],
        "mazur-nn report",
    ),
}


@pytest.mark.parametrize("case", list(USAGE_ERRORS))
def test_usage_errors_are_one_line_naming_the_option(capsys, case):
    args, fragments, command = USAGE_ERRORS[case]
    err = assert_one_line_error(*run(capsys, *args))
    for fragment in fragments:
        assert fragment in err
    assert err.endswith(f"; see {command} --help\n")


@pytest.mark.parametrize(
    "args",
    [
        ["report", "--format", "\u202e\x1b[2J" + "x" * 5000],
        ["report", "--rounds", "\u202e\x1b[2J" + "9" * 5000],
        ["report", "--\u202e\x1b[2J" + "x" * 5000],
        ["\u202e\x1b[2J" + "x" * 5000],
    ],
    ids=["choice", "number", "option", "command"],
)
def test_usage_errors_echo_what_was_typed_short_and_escaped(capsys, args):
    err = assert_one_line_error(*run(capsys, *args))
    assert "\u202e" not in err and "\x1b" not in err
    assert r"\u202e\x1b[2J" in err and "characters)" in err
    typed = max(re.findall("x+|9+", err), key=len)
    assert len(typed) < ECHO_LIMIT


DIVERGING = {
    "layers": [2, 2, 2],
    "activations": "linear",
    "learning_rate": 1e6,
    "weights": [3.0] * 8,
    "biases": [1.0, 1.0],
    "inputs": [1.0, 1.0],
    "targets": [0.0, 0.0],
}

MAZUR_TEXT = json.dumps(mazur_example().to_dict())
BAD_CONFIGS = {
    "missing file": (None, "cannot be read (No such file or directory)"),
    "invalid JSON": ('{"layers": [2, 2, 2], ', "not valid JSON"),
    "empty file": ("", "not valid JSON"),
    "unknown key": ({"speed": 3}, "unknown key 'speed'"),
    "unknown activation": ({"activations": "softsign"}, "unknown activation 'softsign'"),
    "NaN weight": ({"weights": [0.15, float("nan")] + [0.3] * 6}, "nan is not allowed"),
    "text learning rate": ({"learning_rate": "abc"}, "learning_rate"),
    "negative learning rate": ({"learning_rate": -0.5}, "learning_rate"),
    "huge number": (
        MAZUR_TEXT.replace('"learning_rate": 0.5', '"learning_rate": 1e999'),
        "learning_rate: inf is not allowed; expected a finite number",
    ),
    "long whole number": (
        MAZUR_TEXT.replace('"layers": [2', '"layers": [' + "2" * 5000),
        "a whole number of 5000 digits is not allowed",
    ),
    "deeply nested": (
        '{"layers": ' + "[" * 100_000 + "]" * 100_000 + "}",
        f"arrays and objects nested more than {MAX_CONFIG_DEPTH} deep are not allowed",
    ),
    "too large": (
        MAZUR_TEXT[:-1] + ', "notes": "' + "x" * MAX_CONFIG_BYTES + '"}',
        f"is not allowed; expected at most {MAX_CONFIG_BYTES} bytes",
    ),
    "duplicate key": (
        MAZUR_TEXT[:-1] + ', "layers": [2, 2]}',
        "the key 'layers' appears twice; give each key once",
    ),
    "duplicate parameter": (
        MAZUR_TEXT.replace('"weights": [', '"weights": {"w1": 0.1, "w1": 0.2}, "x": ['),
        "the key 'w1' appears twice",
    ),
    "not UTF-8": (MAZUR_TEXT.replace("sigmoid", "sigmo\xefd").encode("latin-1"), "not UTF-8"),
    "long key with controls": (
        {"\u202e\x1b[2J" + "k" * 5000: 1},
        r"unknown key '\u202e\x1b[2J" + "k" * 10,
    ),
    "long value with controls": (
        {"loss": "\u202e\x1b[2J" + "k" * 5000},
        r"unknown loss '\u202e\x1b[2J" + "k" * 10,
    ),
}


def bad_config(tmp_path, content) -> str:
    path = tmp_path / "config.json"
    if isinstance(content, dict):
        write_config(path, **content)  # json.dumps writes NaN for float("nan")
    elif isinstance(content, bytes):
        path.write_bytes(content)
    elif content is not None:
        path.write_text(content, encoding="utf-8")
    return str(path)


def assert_one_line_error(code: int, out: str, err: str, exit_code: int = 2) -> str:
    assert code == exit_code
    assert out == ""
    assert "Traceback" not in err
    assert len(err.splitlines()) == 1 and err.endswith("\n")
    assert err.startswith("mazur-nn: error: " if exit_code == 2 else "mazur-nn: ")
    assert "\u202e" not in err and "\x1b" not in err  # escaped, never printed as they are
    assert len(err) < 500  # what was typed is quoted short
    return err


def run_within(capsys, *args: str) -> tuple[int, str, str]:
    """``run``, in a thread that must end within ``HANG`` seconds (a blocked
    open or read fails the test instead of hanging the suite)."""
    result: list = []
    worker = threading.Thread(target=lambda: result.append(main(list(args))), daemon=True)
    worker.start()
    worker.join(HANG)
    assert not worker.is_alive(), f"mazur-nn {' '.join(args)} still runs after {HANG} s"
    out, err = capsys.readouterr()
    return result[0], out, err


def run_process(*args: str, command=RUN_MODULE) -> tuple[int, str, str]:
    """``mazur-nn args`` in a fresh process, which must end within ``HANG`` s."""
    done = subprocess.run(
        [*command, *args], capture_output=True, text=True, timeout=HANG, check=False
    )
    return done.returncode, done.stdout, done.stderr


@pytest.mark.parametrize("case", list(BAD_CONFIGS))
def test_bad_config_is_one_line_and_exit_2(capsys, tmp_path, case):
    content, fragment = BAD_CONFIGS[case]
    config = bad_config(tmp_path, content)
    start = time.perf_counter()
    err = assert_one_line_error(*run(capsys, "report", "--config", config))
    assert time.perf_counter() - start < HANG
    assert fragment in err


def test_config_with_a_byte_order_mark_is_read(capsys, tmp_path):
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + MAZUR_TEXT.encode("utf-8"))
    assert report_json(capsys, "--config", str(path))["config"] == mazur_example().to_dict()


def test_empty_config_path_is_an_error_not_mazurs_example(capsys):
    err = assert_one_line_error(*run(capsys, "report", "--config", ""))
    assert 'error: --config: "" is not allowed; expected the path of a JSON config file' in err


@pytest.mark.parametrize("where", ["folder", "device", "FIFO", "NUL in the path"])
def test_config_that_is_not_a_file_is_refused_at_once(capsys, tmp_path, where):
    if where == "folder":
        path, fragment = str(tmp_path), "a folder; expected a JSON file"
    elif where == "NUL in the path":
        path, fragment = str(tmp_path / "a\0b.json"), "the path holds a NUL character"
    elif os.name != "posix" or not hasattr(os, "mkfifo"):
        pytest.skip("devices and FIFOs as POSIX has them")
    elif where == "device":
        path, fragment = "/dev/zero", "not a regular file"  # endless: never to be read
    else:
        path, fragment = str(tmp_path / "fifo.json"), "not a regular file"
        os.mkfifo(path)  # no writer: opening it to read would wait forever
    assert fragment in assert_one_line_error(*run_within(capsys, "report", "--config", path))


@pytest.mark.skipif(
    os.name != "posix" or os.geteuid() == 0, reason="root reads any file; POSIX permissions"
)
def test_unreadable_config_is_one_line(capsys, tmp_path):
    path = tmp_path / "secret.json"
    path.write_text(MAZUR_TEXT, encoding="utf-8")
    path.chmod(0)
    err = assert_one_line_error(*run(capsys, "report", "--config", str(path)))
    assert "cannot be read (Permission denied)" in err


def test_long_path_in_a_message_keeps_its_end(capsys, tmp_path):
    folder = tmp_path / ("very-long-folder-name-" * 4)
    folder.mkdir()
    err = assert_one_line_error(*run(capsys, "report", "--config", str(folder / "net.json")))
    assert "/net.json: cannot be read" in err.replace(os.sep, "/")
    assert len(err.split("config file ")[1].split(": cannot")[0]) <= ECHO_LIMIT


@pytest.mark.parametrize(
    ("error", "said"),
    [
        (
            RuntimeError("a bug\nwith a second line"),
            "internal error (RuntimeError: a bug with a second line); please report it",
        ),
        (RecursionError(), "internal error (RecursionError); please report it"),
        (MemoryError(), "out of memory"),
    ],
    ids=["bug", "recursion", "memory"],
)
def test_other_errors_are_one_line_exit_1(capsys, monkeypatch, error, said):
    def broken(args):
        raise error

    monkeypatch.setattr(cli, "run_handout", broken)
    code, out, err = run(capsys, "report")
    assert (code, out, err) == (1, "", f"mazur-nn: {said}\n")


@pytest.mark.parametrize("where", ["reading the config", "writing the handout"])
def test_ctrl_c_is_one_line_exit_130(capsys, monkeypatch, where):
    def interrupted(*args):
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "_config" if where == "reading the config" else "_write", interrupted)
    code, out, err = run(capsys, "report", "--output", os.devnull)
    assert (code, out, err) == (130, "", "mazur-nn: interrupted\n")


def test_output_path_errors_are_one_line(capsys, tmp_path):
    err = assert_one_line_error(*run(capsys, "report", "--output", ""))
    assert '--output: "" is not allowed' in err
    err = assert_one_line_error(*run(capsys, "report", "--output", str(tmp_path)))
    assert "cannot write" in err


@POSIX
def test_output_fifo_nobody_reads_is_an_error_not_a_wait(capsys, tmp_path):
    fifo = tmp_path / "out"
    os.mkfifo(fifo)
    err = assert_one_line_error(*run_within(capsys, "report", "--output", str(fifo)))
    assert "no program reads that FIFO" in err


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


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["report", "--format", "pdf"], "--format: 'pdf' is not allowed"),
        (["teach"], "unknown command 'teach'"),
        (["report", "--config", ""], '--config: "" is not allowed'),
        pytest.param(["report", "--config", "/dev/zero"], "not a regular file", marks=POSIX),
    ],
)
def test_subprocess_bad_input_is_one_line_fast(args, fragment):
    start = time.perf_counter()
    err = assert_one_line_error(*run_process(*args))
    assert time.perf_counter() - start < HANG
    assert fragment in err


def test_subprocess_deep_and_huge_configs(tmp_path):
    for case in ("deeply nested", "too large"):
        content, fragment = BAD_CONFIGS[case]
        assert fragment in assert_one_line_error(
            *run_process("report", "--config", bad_config(tmp_path, content))
        )


@POSIX
def test_subprocess_fifo_config_is_refused(tmp_path):
    fifo = tmp_path / "fifo.json"
    os.mkfifo(fifo)
    err = assert_one_line_error(*run_process("report", "--config", str(fifo)))
    assert "not a regular file" in err


@POSIX
@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full")
def test_subprocess_full_disk_on_stdout_is_one_line():
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [*RUN_MODULE, "report"], stdout=full, stderr=subprocess.PIPE, text=True, timeout=HANG
        )
    assert done.returncode == 2
    assert done.stderr == "mazur-nn: error: cannot write to stdout (No space left on device)\n"


@POSIX
@pytest.mark.parametrize("delay", [0.0, 0.5], ids=["at once", "while training"])
def test_subprocess_ctrl_c_is_one_line_exit_130(delay):
    """SIGINT once ``main`` runs (at once: while it parses or imports sympy;
    later: during 10,000,000 rounds of training)."""
    ready = "import sys; from mazur_nn.cli import main; print('ready', file=sys.stderr, flush=True)"
    process = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"{ready}; raise SystemExit(main())",
            "report",
            "--rounds",
            "10000000",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stderr.readline() == "ready\n"
        time.sleep(delay)
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=HANG)
    finally:
        process.kill()
    assert (process.returncode, out, err) == (130, "", "mazur-nn: interrupted\n")


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


@pytest.mark.parametrize("command", ["report", "lesson"])
def test_svg_writes_the_networks_diagram_and_markdown_includes_it(command, tmp_path):
    import xml.etree.ElementTree as ElementTree

    from mazur_nn import mazur_example
    from mazur_nn.course.steps import build_lesson
    from mazur_nn.render.svg import network_svg

    svg, markdown = tmp_path / "net.svg", tmp_path / "handout.md"
    args = [command, "--format", "markdown", "--svg", str(svg), "--output", str(markdown)]
    assert main(args) == 0
    expected = network_svg(build_lesson(mazur_example()))
    assert svg.read_text(encoding="utf-8") == expected
    assert ElementTree.fromstring(expected).tag.endswith("svg")
    assert expected in markdown.read_text(encoding="utf-8")
    text = tmp_path / "handout.txt"
    assert main([command, "--format", "text", "--output", str(text)]) == 0
    assert "<svg" not in text.read_text(encoding="utf-8")
