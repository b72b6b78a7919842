"""Notebooks are stored the way nbval needs them: every code cell run in
order in a fresh kernel, outputs kept, no machine paths or timing noise,
and most outputs compared (not marked ignore-output)."""

import json
import re
from pathlib import Path

import pytest

NOTEBOOKS = sorted((Path(__file__).resolve().parents[1] / "notebooks").glob("*.ipynb"))


def _code_cells(path):
    return [c for c in json.loads(path.read_text())["cells"] if c["cell_type"] == "code"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_cells_ran_in_order_with_outputs_stored(path):
    counts = [c["execution_count"] for c in _code_cells(path)]
    assert counts == list(range(1, len(counts) + 1))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_no_machine_paths_or_timing_metadata(path):
    text = path.read_text()
    assert not re.search(r"/(work|tmp|root|home)/[A-Za-z0-9_.-]+", text)
    assert all("execution" not in c["metadata"] for c in _code_cells(path))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
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
    index = NOTEBOOKS[0].read_text()
    for path in NOTEBOOKS[1:]:
        assert path.name in index, f"{path.name} is not linked from the index"
