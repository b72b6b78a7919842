"""A student's own numbers, from the id to the gradebook, in a real
JupyterLab and Chromium (issue 13, "How it is checked").

The teacher makes a class file from a roster (``mazur-nn class init``); in
lesson 02 the student types their id and the seed the teacher handed out
into the exercise panel, answers an exercise on their own numbers, opens
the worked steps; the progress file is collected and ``mazur-nn grade``
gives the expected row. The lab is this module's own (a fresh folder and
progress file), so no other browser test's answers are in the file.

Run alone: ``python -m pytest -q -o addopts="" tests/browser/test_student_seed_in_browser.py``.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
import sys

import pytest
from lab import REPO, NotebookPage, jupyter_lab

from mazur_nn.course.steps import build_lesson
from mazur_nn.exercises.bank import exercises_for
from mazur_nn.exercises.checking import check
from mazur_nn.exercises.classroom import read_class
from mazur_nn.exercises.grading import lesson_columns, question_columns
from mazur_nn.exercises.progress import DEFAULT_NAME, ProgressStore
from mazur_nn.exercises.typed.answers import rounded_text
from mazur_nn.exercises.variant import progress_key, variant_config

pytestmark = pytest.mark.browser


def mazur_nn_cli(*args: str, cwd) -> subprocess.CompletedProcess:
    """``mazur-nn ARGS`` as a teacher runs it, on this checkout's code."""
    path = os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")])
    env = dict(os.environ, PYTHONPATH=path)
    command = [sys.executable, "-c", "import sys; from mazur_nn.cli import main; sys.exit(main())"]
    return subprocess.run(
        [*command, *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=300
    )


@pytest.fixture(scope="module")
def own_lab(playwright_api):
    with jupyter_lab() as lab:
        yield lab


def test_an_id_and_seed_typed_in_lesson_02_are_graded(own_lab, browser, expect, tmp_path):
    # The teacher: a roster, a class file, the seed handed to s042.
    (tmp_path / "roster.csv").write_text("Student ID,Name\ns042,Ada Lovelace\ns043,Alan Turing\n")
    made = mazur_nn_cli("class", "init", "roster.csv", "--out", "class.json", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    seed = read_class(tmp_path / "class.json").student("s042").seed

    # The student: lesson 02, id and seed typed once, Enter.
    page = NotebookPage(browser, own_lab, "02-output-layer.ipynb").open()
    try:
        page.run_all()
        assert not page.cell_errors()
        panel = page.page.locator(".mazur-exercise-panel").first
        numbers = panel.locator(".mazur-variant-numbers")
        expect(numbers).to_contain_text("Practice numbers, seed")
        page.wait_for_kernel_idle()
        panel.locator(".mazur-student-id input").fill("s042")
        seed_box = panel.locator(".mazur-student-seed input")
        seed_box.fill(str(seed))
        page.wait_for_kernel_idle()
        page.page.wait_for_timeout(250)
        seed_box.press("Enter")
        expect(numbers).to_contain_text(f"Your numbers, seed {seed}")
        expect(panel.locator(".mazur-student-status")).to_contain_text("s042")

        config = variant_config(seed)
        ex = exercises_for("02", config)[2]
        step = build_lesson(config).step(ex.step)
        root = panel.locator(f".mazur-exercise-{ex.id}")
        expect(root.locator(".mazur-exercise-prompt")).to_contain_text(f"seed {seed}")
        worked = panel.locator("button.mazur-worked-steps").nth(2)
        expect(worked).to_be_hidden()  # no worked steps before a solve
        typed = rounded_text(step.value, ex.digits + 1)
        assert check(ex, typed, config).correct
        page.wait_for_kernel_idle()
        root.locator(".mazur-answer input").fill(typed)
        page.wait_for_kernel_idle()
        page.page.wait_for_timeout(250)
        root.locator("button.mazur-check-answer").click()
        expect(root.locator(".mazur-feedback")).to_contain_text("✓ Right")
        expect(panel.locator(".mazur-score")).to_have_text("Solved 1 of 3")

        expect(worked).to_have_text("Show me the worked steps")
        worked.click()
        stepper = panel.locator(".mazur-worked .mazur-stepper")
        expect(stepper.locator(".mazur-value")).to_have_text(f"{ex.step} = {step.shown_value}")
        expect(panel.locator(".mazur-worked")).to_contain_text(f"seed {seed}")
        assert not page.cell_errors()
    finally:
        page.close()

    # The file the student hands in.
    progress = own_lab.root / DEFAULT_NAME
    store = ProgressStore(progress)
    assert (store.student.id, store.student.seed) == ("s042", seed)
    assert [a.answer for a in store.answers(progress_key(ex.id, seed))] == [typed]
    submissions = tmp_path / "submissions"
    submissions.mkdir()
    shutil.copy(progress, submissions / "s042-progress.json")

    graded = mazur_nn_cli(
        "grade", "submissions", "--class", "class.json", "--out", "gradebook.csv", cwd=tmp_path
    )
    assert graded.returncode == 0, graded.stderr
    rows = list(csv.DictReader(io.StringIO((tmp_path / "gradebook.csv").read_text())))
    assert [r["Student ID"] for r in rows] == ["s042", "s043"]
    row = rows[0]
    assert (row["Name"], row["Score"], row["Out of"], row["Attempts"]) == (
        "Ada Lovelace",
        "0",
        "13",
        "0",
    )
    assert all(row[c] == "0" for c in question_columns())
    assert (row["Lessons"], row["Lessons out of"]) == ("1", "12")
    assert {c for c in lesson_columns() if row[c] == "1"} == {"L02 dE_total/dw5"}
    assert (row["Lesson attempts"], row["Lesson first-try"], row["Lesson hints"]) == (
        "1",
        "1",
        "0",
    )
    assert row["Flags"] == ""
    assert rows[1]["Flags"] == "no progress file"
