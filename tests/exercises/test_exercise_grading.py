"""Grading a class: 30 simulated students whose progress files are written
by the quiz widget itself (right, wrong, edited, foreign-seed, missing,
unknown and unreadable files), graded by ``mazur-nn grade``; the gradebook
is compared with what each student is known to have typed."""

from __future__ import annotations

import csv
import io
import json
import random

import pytest

from mazur_nn.cli import main
from mazur_nn.exercises.classroom import new_class, read_roster_text
from mazur_nn.exercises.grading import grade_folder
from mazur_nn.exercises.progress import ProgressStore
from mazur_nn.exercises.quiz import QUESTIONS, answer_key
from mazur_nn.exercises.widget import QuizWidget

COUNT = 30
KINDS = ["right"] * 8 + ["mixed"] * 10 + ["edited"] * 4 + ["foreign"] * 4 + ["missing"] * 2
KINDS += ["two files", "over the limit"]


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def wrong(value: float, k: int) -> str:
    """The ``k``-th wrong answer: at least 1 away from the value, and not
    the one before (the widget ignores the same answer checked twice)."""
    return f"{-(abs(value) + 1 + k):.6f}"


def plan(kind: str, rng: random.Random) -> list[str]:
    """For each question, the answers a student types: R (right), W (wrong)."""
    if kind == "right":
        return ["R"] * len(QUESTIONS)
    if kind == "over the limit":
        return ["WWR"] + ["R"] * (len(QUESTIONS) - 1)
    return [rng.choice(["", "R", "W", "WR", "RW", "WWR", "WW"]) for _ in QUESTIONS]


def type_answers(quiz: QuizWidget, key, answers: list[str]) -> None:
    """Type every planned answer into the quiz widget, question by question."""
    for box, entry, typed in zip(quiz.boxes, key.questions, answers):
        for k, mark in enumerate(typed):
            box.type(entry.answer if mark == "R" else wrong(entry.value, k))
            box.check()


def expected_row(student, answers: list[str] | None, limit: int | None) -> dict:
    """The gradebook row the plan gives, computed from the plan alone."""
    counted = [a if limit is None else a[:limit] for a in answers or [""] * len(QUESTIONS)]
    row = {"Student ID": student.id, "Name": student.name, "Out of": str(len(QUESTIONS))}
    row["Score"] = str(sum(a[-1:] == "R" for a in counted))
    for n, (name, a) in enumerate(zip(QUESTIONS, counted), start=1):
        row[f"Q{n} {name}"] = "1" if a[-1:] == "R" else "0"
    row["Attempts"] = str(sum(len(a) for a in counted))
    row["First-try"] = str(sum(a[:1] == "R" for a in counted))
    row["Hints"] = "0"
    return row


@pytest.fixture(scope="module")
def simulated(tmp_path_factory):
    """A class of 30, their collected files, and what each typed."""
    base = tmp_path_factory.mktemp("class")
    roster = "".join(f"s{n:03d},Student {n}\n" for n in range(COUNT))
    klass = new_class(read_roster_text(roster), exam_attempts=2)
    folder = base / "collected"
    folder.mkdir()
    typed: dict[str, list[str] | None] = {}
    for n, (student, kind) in enumerate(zip(klass.students, KINDS)):
        rng = random.Random(n)
        answers = plan(kind, rng)
        if kind == "missing":
            typed[student.id] = None
            continue
        # Each file in a folder of its own, as a learning platform hands them in.
        path = folder / f"{student.id}-upload" / "mazur_nn_progress.json"
        path.parent.mkdir()
        store = ProgressStore(path)
        if kind == "foreign":  # a friend's seed: nothing on the student's own counts
            friend = klass.students[(n + 1) % COUNT]
            quiz = QuizWidget(friend.seed, store=store)
            quiz.set_student(student.id.upper())  # the id in other case is the same id
            type_answers(quiz, answer_key(friend.seed), answers)
            typed[student.id] = [""] * len(QUESTIONS)
            continue
        quiz = QuizWidget(student.seed, store=store)
        quiz.set_student(student.id)
        key = answer_key(student.seed)
        if kind == "two files":  # half the answers in a second file (another computer)
            half = len(QUESTIONS) // 2
            type_answers(quiz, key, answers[:half])
            other = ProgressStore(folder / f"{student.id}-second.json")
            second = QuizWidget(student.seed, store=other)
            second.set_student(student.id)
            type_answers(second, key, [""] * half + answers[half:])
        else:
            type_answers(quiz, key, answers)
        typed[student.id] = answers
        if kind == "edited":  # every stored verdict turned to "right" by hand
            data = json.loads(path.read_text(encoding="utf-8"))
            for attempts in data["exercises"].values():
                for a in attempts:
                    a["correct"] = a["kind"] == "answer"
            path.write_text(json.dumps(data), encoding="utf-8")
    # Files that are no student's: an unknown id, no id, not progress at all.
    stranger = ProgressStore(folder / "stranger.json")
    QuizWidget(5, store=stranger).set_student("x999")
    stranger.record("quiz5-net_h1", "0.1", False, 0)
    ProgressStore(folder / "anonymous.json").record("quiz5-net_h1", "0.1", False, 0)
    (folder / "broken.json").write_text('{"version": 2, "exercises": [', encoding="utf-8")
    (folder / "notes.txt").write_text("not a .json file: never read", encoding="utf-8")
    class_file = base / "class.json"
    class_file.write_text(klass.to_json(), encoding="utf-8")
    return klass, folder, class_file, typed


def test_thirty_students_give_the_expected_gradebook(simulated, capsys, tmp_path):
    klass, folder, class_file, typed = simulated
    out = tmp_path / "gradebook.csv"
    code, printed, err = run(
        capsys, "grade", str(folder), "--class", str(class_file), "--out", str(out)
    )
    assert (code, printed) == (0, "")
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"), newline="")))
    assert [r["Student ID"] for r in rows] == [s.id for s in klass.students]
    for student, kind, row in zip(klass.students, KINDS, rows):
        expected = expected_row(student, typed[student.id], klass.exam_attempts)
        assert {k: row[k] for k in expected} == expected, (kind, student.id)
        flags = row["Flags"]
        assert ("edited" in flags) == (kind == "edited"), (kind, flags)
        assert ("foreign seed" in flags) == (kind == "foreign"), (kind, flags)
        assert ("no progress file" in flags) == (kind == "missing")
        assert ("2 files" in flags) == (kind == "two files")
        over = [f"Q{n}" for n, a in enumerate(typed[student.id] or [], start=1) if len(a) > 2]
        assert (f"over the exam limit ({', '.join(over)})" in flags) == bool(over), flags
        assert ("over the exam limit" in flags) == bool(over)
    assert "over the exam limit (Q1)" in rows[KINDS.index("over the limit")]["Flags"]
    foreign = [r for r, kind in zip(rows, KINDS) if kind == "foreign"]
    assert all(r["Score"] == "0" and r["Attempts"] == "0" for r in foreign)
    # The edited files claim every answer right; the re-check gives them no more.
    edited = [(r, typed[r["Student ID"]]) for r, kind in zip(rows, KINDS) if kind == "edited"]
    assert any(int(r["Score"]) < len(QUESTIONS) for r, _ in edited)
    # stderr: one line per file not graded, per flagged student, and a summary.
    lines = err.splitlines()
    assert all(line.startswith("mazur-nn: grade: ") for line in lines)
    assert "Traceback" not in err
    assert any("stranger.json: unknown student id 'x999'" in line for line in lines)
    assert any("anonymous.json: no student id" in line for line in lines)
    assert any("broken.json: not read" in line for line in lines)
    assert not any("notes.txt" in line for line in lines)
    assert lines[-1].startswith(f"mazur-nn: grade: {COUNT} students, {COUNT - 2} with a")


def test_stored_verdicts_are_never_trusted(simulated):
    klass, folder, _, typed = simulated
    book = grade_folder(folder, klass)
    for student, kind in zip(klass.students, KINDS):
        row = book.row(student.id)
        if kind == "edited":
            answers = typed[student.id]
            expected = sum(a[:2][-1:] == "R" for a in answers)
            assert row.score == expected


def test_details_have_a_row_per_student_and_question(simulated, capsys, tmp_path):
    klass, folder, class_file, typed = simulated
    details = tmp_path / "details.csv"
    code, out, _ = run(
        capsys, "grade", str(folder), "--class", str(class_file), "--details", str(details)
    )
    assert code == 0 and out.startswith("Student ID,Name,Score,Out of,Q1 net_h1,")
    rows = list(csv.DictReader(io.StringIO(details.read_text(encoding="utf-8"), newline="")))
    assert len(rows) == COUNT * (len(QUESTIONS) + 12)
    assert {r["Question"] for r in rows if r["Question"].startswith("L")} == {
        f"L0{lesson}.{k}" for lesson in range(1, 5) for k in range(1, 4)
    }
    first = klass.students[KINDS.index("mixed")]
    answers = typed[first.id]
    mine = [r for r in rows if r["Student ID"] == first.id and r["Question"].isdigit()]
    assert [r["Quantity"] for r in mine] == list(QUESTIONS)
    assert [int(r["Attempts"]) for r in mine] == [len(a[:2]) for a in answers]
    assert [r["First-try"] == "1" for r in mine] == [a[:1] == "R" for a in answers]


def test_a_file_with_only_the_seed_is_found_by_it(tmp_path):
    klass = new_class(read_roster_text("s1,Ada\ns2,Bob\n"))
    second = klass.students[1]
    quiz = QuizWidget(7, store=ProgressStore(tmp_path / "no-id.json"))
    quiz.set_seed(second.seed, remember=True)  # the seed the teacher gave, no id typed
    key = answer_key(second.seed)
    type_answers(quiz, key, ["R"] * 3 + ["W"] + [""] * (len(QUESTIONS) - 4))
    ProgressStore(tmp_path / "nobody.json").record("quiz7-net_h1", "1", False, 0)
    book = grade_folder(tmp_path, klass)
    row = book.row(second.id)
    assert (row.score, row.attempts, row.first_try) == (3, 4, 3)
    assert "found by seed" in "; ".join(row.flags)
    assert book.row(klass.students[0].id).flags == ("no progress file",)
    assert any(n.startswith("nobody.json: no student id") for n in book.notes)


def test_names_that_look_like_formulas_are_quoted_for_spreadsheets(tmp_path):
    klass = new_class(read_roster_text('s1,"=HYPERLINK(""x"")"\n'))
    book = grade_folder(tmp_path, klass)
    assert "'=HYPERLINK" in book.to_csv()


@pytest.mark.parametrize(
    "args, words",
    [
        (["grade", "missing-folder", "--class", "CLASS"], "is not a folder"),
        (["grade", "FOLDER", "--class", "missing.json"], "cannot read class file"),
        (["grade", "FOLDER"], "--class is needed"),
    ],
)
def test_grade_errors_are_one_line(capsys, tmp_path, args, words):
    class_file = tmp_path / "class.json"
    class_file.write_text(new_class(read_roster_text("s1,Ada\n")).to_json(), encoding="utf-8")
    args = [
        str(class_file) if a == "CLASS" else str(tmp_path) if a == "FOLDER" else a for a in args
    ]
    code, out, err = run(capsys, *args)
    assert (code, out) == (2, "")
    assert len(err.splitlines()) == 1 and "Traceback" not in err and words in err
