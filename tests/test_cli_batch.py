"""``mazur-nn report --config batch.json``: a config with a batch of
examples in every format; the JSON's per-example values and means are the
core's (each example's own pass, and mazur_nn.core.batch)."""

from __future__ import annotations

import json

import pytest

from mazur_nn import Config, mazur_example
from mazur_nn.cli import main
from mazur_nn.core import batch
from mazur_nn.core.batch import MAZUR_BATCH

EXAMPLES = list(MAZUR_BATCH)


def batch_file(tmp_path, **changes) -> tuple[str, Config]:
    data = mazur_example().to_dict()
    del data["inputs"], data["targets"]
    data |= {"examples": EXAMPLES, **changes}
    path = tmp_path / "batch.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return str(path), Config.from_dict(data)


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_json_report_has_each_example_and_the_mean(capsys, tmp_path):
    path, config = batch_file(tmp_path, update_biases=True)
    code, out, err = run(capsys, "report", "--config", path, "--format", "json", "--rounds", "3")
    assert (code, err) == (0, "")
    report = json.loads(out)
    assert Config.from_dict(report["config"]) == config
    assert len(report["examples"]) == 3
    for k, example in enumerate(report["examples"]):
        single = config.example(k).backward()
        assert example["gradients"] == single.gradients
        assert example["error"]["E_total"] == single.forward["E_total"]
        assert example["inputs"] == dict(zip(("i1", "i2"), EXAMPLES[k]["inputs"]))
    expected = batch.backward(config)
    assert report["batch"]["gradients"] == expected.gradients
    assert report["batch"]["E_batch"] == expected.E_total
    assert report["updated"] == dict(batch.update(config, expected).parameters)
    steps = batch.stochastic(config)
    assert [s["updated"] for s in report["stochastic"]] == [
        dict(s.network.parameters) for s in steps
    ]
    for mode in batch.MODES:
        assert report["training"][mode]["E_batch"] == batch.train(config, 3, mode).E_total


@pytest.mark.parametrize("fmt", ["text", "markdown", "latex"])
def test_every_format_shows_the_examples_the_mean_and_the_update(capsys, tmp_path, fmt):
    path, config = batch_file(tmp_path)
    code, out, err = run(capsys, "report", "--config", path, "--format", fmt)
    assert (code, err) == (0, "")
    mean = batch.backward(config).gradients["w5"]
    assert f"{mean:.9f}".rstrip("0") in out
    assert f"{batch.update(config).parameters['w5']:.9f}".rstrip("0") in out
    for k in (1, 2, 3):
        assert f"Example {k} of 3" in out
    assert "Stochastic gradient descent" in out


@pytest.mark.parametrize("fmt", ["text", "markdown", "latex"])
def test_lesson_handout_walks_the_batch(capsys, tmp_path, fmt):
    path, _ = batch_file(tmp_path)
    code, out, err = run(capsys, "lesson", "--config", path, "--format", fmt)
    assert (code, err) == (0, "")
    assert "(example 3 of 3)" in out and "Mean gradient of w5" in out


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"examples": []}, "examples: an empty batch is not allowed"),
        (
            {"examples": [*EXAMPLES, {"inputs": [1], "targets": [0, 1]}]},
            "examples[3].inputs: expected 2 values",
        ),
        ({"examples": EXAMPLES * 3}, "examples: a batch of 9 examples is not allowed"),
    ],
)
def test_bad_batch_is_one_line_and_exit_2(capsys, tmp_path, changes, message):
    data = mazur_example().to_dict()
    del data["inputs"], data["targets"]
    file = tmp_path / "bad.json"
    file.write_text(json.dumps({**data, **changes}), encoding="utf-8")
    code, out, err = run(capsys, "report", "--config", str(file))
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and message in err
