"""The project's own files agree with each other: environment.yml installs
the same packages as pyproject.toml, the README's test command is the one
CI runs, and the code is ruff-clean (notebooks too)."""

import re
import subprocess
import sys
from pathlib import Path

import pytest

tomllib = pytest.importorskip("tomllib")  # Python 3.11+

ROOT = Path(__file__).resolve().parents[1]


def _requirement_names(requirements):
    return {re.split(r"[<>=!~ \[]", r, maxsplit=1)[0].lower() for r in requirements}


def test_environment_yml_lists_every_pyproject_dependency():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    extras = project["optional-dependencies"]
    every = project["dependencies"] + [r for extra in extras.values() for r in extra]
    wanted = _requirement_names(every) - {"mazur_nn"}  # the extras name each other
    listed = set(
        re.findall(r"^\s+- ([a-z][a-z0-9_-]*)", (ROOT / "environment.yml").read_text(), re.M)
    )
    assert wanted - listed == set()


def test_ci_runs_the_readme_test_command():
    readme = (ROOT / "README.md").read_text()
    ci = (ROOT / ".ci" / "run").read_text()
    command = 'python -m pip install -e ".[test]" && python -m pytest'
    assert command in readme
    assert command in ci


@pytest.mark.parametrize("args", [["check"], ["format", "--check"]])
def test_ruff_is_clean(args):
    result = subprocess.run(
        [sys.executable, "-m", "ruff", *args, "."], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_pre_commit_config_is_valid_and_runs_the_tools_ci_runs():
    config = ROOT / ".pre-commit-config.yaml"
    result = subprocess.run(
        [sys.executable, "-m", "pre_commit", "validate-config", str(config)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    text = config.read_text()
    for entry in (
        "ruff check",
        "ruff format",
        "nbstripout --keep-output --keep-count",
        "lint-imports",
    ):
        assert f"entry: {entry}" in text


def test_stored_notebooks_are_stripped_as_nbstripout_keeps_them():
    """What `nbstripout --keep-output --keep-count` would change: nothing."""
    folder = ROOT / "notebooks"
    notebooks = sorted(str(p) for p in [*folder.glob("*.ipynb"), *folder.glob("teacher/*.ipynb")])
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "nbstripout",
            "--keep-output",
            "--keep-count",
            "--dry-run",
            *notebooks,
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0 and result.stdout.strip() == "", result.stdout + result.stderr


def test_binder_installs_the_runtime_voila_and_nbgitpuller_and_no_test_package():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    extras = project["optional-dependencies"]
    runtime = project["dependencies"] + [
        r for name in ("lessons", "lab", "serve") for r in extras[name]
    ]
    wanted = _requirement_names(runtime) - {"mazur_nn"}
    lines = (ROOT / "binder" / "requirements.txt").read_text().splitlines()
    listed = _requirement_names(
        line.strip() for line in lines if line.strip() and not line.startswith("#")
    )
    assert wanted | {"nbgitpuller", "."} == listed
    assert not listed & (_requirement_names(extras["test"]) - {"mazur_nn"})
