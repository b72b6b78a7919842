"""No student notebook shows an answer in its stored outputs (issue 13).

The outputs are stored in git and shown before anything runs, so they
must hold no verdict of the checker, no table of attempts and slips, and,
for the final quiz, no value of the key for its stored seed. The scripted
attempts and the key live in the teacher notebook (notebooks/teacher/),
which this scan leaves out. Lessons 01 to 04 teach Mazur's numbers in
their steppers, so for them the scan looks for verdicts and slip tables,
not for the numbers the lesson itself shows; their exercises are on the
student's own numbers (a variant drawn from the student's seed), and no
answer of a variant, nor a variant's numbers table, is stored.
"""

import json
import re
from pathlib import Path

import pytest

from mazur_nn.course.steps import build_lesson
from mazur_nn.exercises.bank import exercises_for
from mazur_nn.exercises.progress import DEFAULT_NAME
from mazur_nn.exercises.quiz import answer_key, quiz_exercises
from mazur_nn.exercises.typed.answers import rounded_text
from mazur_nn.exercises.variant import practice_seed, variant_config

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
STUDENT_NOTEBOOKS = sorted(NOTEBOOKS.glob("*.ipynb"))  # not teacher/
QUIZ = NOTEBOOKS / "12-final-quiz.ipynb"
LESSONS = {f"{n:02d}": next(NOTEBOOKS.glob(f"{n:02d}-*.ipynb")) for n in range(1, 5)}

VERDICTS = ("✓ Right", "Right:", "✗ Not yet", "Not yet:", "Right as far as it goes")
SLIP_TABLES = (
    re.compile(r"^\s*\d+\. typed: ", re.MULTILINE),  # try_answers as text
    re.compile(r"\|\s*typed\s*\|\s*mistake\s*\|\s*feedback\s*\|"),  # ... as Markdown
    re.compile(r"Answer key", re.IGNORECASE),
)


def _cells(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def stored_outputs(path: Path) -> str:
    """Every text a notebook's stored outputs hold, in every format."""
    texts = []
    for cell in _cells(path):
        for output in cell.get("outputs", []):
            texts.append("".join(output.get("text", "")))
            for value in output.get("data", {}).values():
                if isinstance(value, list):
                    texts.append("".join(value))
                elif isinstance(value, str):
                    texts.append(value)
    return "\n".join(texts)


def test_the_scan_sees_the_student_notebooks_and_not_the_teachers():
    names = [p.name for p in STUDENT_NOTEBOOKS]
    assert "01-forward-pass.ipynb" in names and QUIZ.name in names
    assert (NOTEBOOKS / "teacher" / "checker.ipynb").exists()
    assert not any("teacher" in p.parts for p in STUDENT_NOTEBOOKS)


def test_the_scan_finds_what_the_teacher_notebook_shows():
    shown = stored_outputs(NOTEBOOKS / "teacher" / "checker.ipynb")
    assert "✓ Right" in shown and all(p.search(shown) for p in SLIP_TABLES)


@pytest.mark.parametrize("path", STUDENT_NOTEBOOKS, ids=lambda p: p.name)
def test_no_verdict_or_slip_table_is_stored(path):
    shown = stored_outputs(path)
    found = [v for v in VERDICTS if v in shown]
    found += [p.pattern for p in SLIP_TABLES if p.search(shown)]
    assert not found, f"{path.name} shows {found}"


def _stored_seed() -> int:
    for cell in _cells(QUIZ):
        match = re.fullmatch(r"SEED = (\d+)\s*", "".join(cell["source"]))
        if cell["cell_type"] == "code" and match:
            return int(match[1])
    raise AssertionError("the quiz notebook sets no SEED")


@pytest.mark.parametrize("which", ["stored", "example"])
def test_the_quiz_shows_no_value_of_its_key(which):
    """The key of the seed the notebook stores, and of seed 1, the example
    seed of the README and the teacher notebook."""
    seed = _stored_seed() if which == "stored" else 1
    shown = stored_outputs(QUIZ)
    leaked = []
    for question, ex in zip(answer_key(seed).questions, quiz_exercises(seed)):
        value = question.value
        forms = {rounded_text(value, d) for d in range(ex.digits, ex.digits + 4)}
        forms.add(f"{value:.9g}")
        # A number of the shown digits, not a longer one that starts the same.
        leaked += [
            (question.name, f)
            for f in forms
            if re.search(rf"(?<![\d.]){re.escape(f)}(?!\d)", shown)
        ]
    assert len(answer_key(seed).questions) == 13
    assert not leaked, f"the quiz notebook shows the key of seed {seed}: {leaked}"


def _leaked(value: float, digits: int, shown: str) -> list[str]:
    """The forms of ``value`` (rounded to the digits asked and a few more,
    or as the lessons print it) that ``shown`` holds as a whole number."""
    forms = {rounded_text(value, d) for d in range(digits, digits + 4)}
    forms.add(f"{value:.9g}")
    return [f for f in forms if re.search(rf"(?<![\d.]){re.escape(f)}(?!\d)", shown)]


@pytest.mark.parametrize("lesson", sorted(LESSONS))
def test_the_lessons_show_no_answer_of_a_students_own_numbers(lesson):
    """No numbers table or answer of a variant: the practice seed of a
    progress file next to the notebooks (where nbval and nbconvert run
    them), and the seeds of the README and the teacher's examples."""
    shown = stored_outputs(LESSONS[lesson])
    assert "Practice numbers, seed" not in shown and "Your numbers, seed" not in shown
    seeds = [practice_seed(NOTEBOOKS / DEFAULT_NAME), 0, 1, 7, 2026]
    leaked = []
    for seed in seeds:
        config = variant_config(seed)
        steps = build_lesson(config)
        for ex in exercises_for(lesson, config):
            if ex.kind == "number":
                value = steps.step(ex.step).value
                leaked += [(seed, ex.step, f) for f in _leaked(value, ex.digits, shown)]
    assert not leaked, f"lesson {lesson} shows answers of a variant: {leaked}"
