"""Notebooks are stored the way nbval needs them: every code cell run in
order in a fresh kernel, outputs kept, no machine paths or timing noise,
and most outputs compared (not marked ignore-output)."""

import json
import re
from pathlib import Path

import pytest

FOLDER = Path(__file__).resolve().parents[1] / "notebooks"
LESSONS = sorted(FOLDER.glob("*.ipynb"))
TEACHER = sorted((FOLDER / "teacher").glob("*.ipynb"))  # linked from the README
NOTEBOOKS = LESSONS + TEACHER


def _code_cells(path):
    return [c for c in json.loads(path.read_text())["cells"] if c["cell_type"] == "code"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: str(p.relative_to(FOLDER)))
def test_cells_ran_in_order_with_outputs_stored(path):
    counts = [c["execution_count"] for c in _code_cells(path)]
    assert counts == list(range(1, len(counts) + 1))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: str(p.relative_to(FOLDER)))
def test_no_machine_paths_or_timing_metadata(path):
    text = path.read_text()
    assert not re.search(r"/(work|tmp|root|home)/[A-Za-z0-9_.-]+", text)
    assert all("execution" not in c["metadata"] for c in _code_cells(path))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: str(p.relative_to(FOLDER)))
def test_every_widget_has_a_readable_text_form(path):
    """What a notebook shows before its cells run (and what a screen reader
    or a diff reads): a sentence, not ipywidgets' ``Panel(children=(...``
    with memory addresses."""
    for cell in _code_cells(path):
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if "application/vnd.jupyter.widget-view+json" in data:
                text = "".join(data.get("text/plain", ""))
                assert "(children=" not in text and " object at 0x" not in text, text[:120]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: str(p.relative_to(FOLDER)))
def test_most_outputs_are_compared_by_nbval(path):
    cells = _code_cells(path)
    ignored = [
        c
        for c in cells
        if "NBVAL_IGNORE_OUTPUT" in "".join(c["source"])
        or "nbval-ignore-output" in c["metadata"].get("tags", [])
    ]
    assert len(ignored) <= 0.2 * len(cells)


def test_every_lesson_is_listed_in_the_index():
    index = LESSONS[0].read_text()
    for path in LESSONS[1:]:
        assert path.name in index, f"{path.name} is not linked from the index"


def test_the_teacher_notebook_is_run_by_nbval_and_linked_from_the_readme():
    assert [p.name for p in TEACHER] == ["checker.ipynb"]
    readme = (FOLDER.parent / "README.md").read_text(encoding="utf-8")
    assert "notebooks/teacher/checker.ipynb" in readme
    pyproject = (FOLDER.parent / "pyproject.toml").read_text(encoding="utf-8")
    assert 'testpaths = ["tests", "mazur_nn", "notebooks"]' in pyproject  # teacher/ is inside
