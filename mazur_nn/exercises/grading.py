"""Grading a class from the progress files its students hand in.

:func:`grade_folder` reads every progress file (``*.json``) under a folder
(:func:`~mazur_nn.exercises.progress.read_progress`), finds each file's
student in the class file by the id the student typed, and re-checks every
quiz answer on that student's own seed with the checker
(:func:`~mazur_nn.exercises.checking.check`): a verdict stored in the file is
never trusted, only compared. The exercises of lessons 01 to 04 are
re-checked the same way, on the student's own numbers for that seed
(:func:`~mazur_nn.exercises.variant.variant_config`, answers kept under
:func:`~mazur_nn.exercises.variant.progress_key`); answers on Mazur's
numbers or on another seed (a practice seed) do not count. Per question it
counts the answers, whether the first was right, whether the latest is right
(what the quiz's score shows; for a lesson exercise, whether any is: what
its panel counts) and the hints seen; in exam mode (the class file's ``exam_attempts``) no
answer beyond the limit counts.

A file is flagged, never silently dropped:

- ``edited``: a stored verdict disagrees with the re-check (the file was
  changed by hand, or written by another version of the checker);
- ``foreign seed``: the file says it worked on another seed than the
  student's, or holds answers to another seed's quiz (those are not counted);
- ``over the exam limit``: more answers to a question than exam mode allows;
- ``lessons on another seed``: lesson exercises answered on another seed
  than the student's (practice numbers before the seed was typed, or a
  neighbour's); not counted;
- ``N files``: several files of one student (their answers are merged);
- ``found by seed``: a file without a student id, whose seed is one
  student's (the student typed only the seed the teacher gave);
- a file without a student id and no seed of the class, with an id not in
  the class, or that cannot be read as progress is named in a note and
  left out.

:meth:`Gradebook.to_csv` is the gradebook (columns in :func:`columns`:
the quiz's, then the lesson exercises', documented in ``docs/teaching.md``);
:meth:`Gradebook.details_csv` has one row per student and question.
"""

from __future__ import annotations

import csv
import io
import os
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from mazur_nn.core.validate import echo
from mazur_nn.exercises.bank import LESSONS, exercises_for, plan
from mazur_nn.exercises.checking import check
from mazur_nn.exercises.classroom import ClassFile, Student, id_key, safe_cell
from mazur_nn.exercises.progress import Attempt, ProgressFile, read_progress
from mazur_nn.exercises.quiz import QUESTIONS, quiz_config, quiz_exercises
from mazur_nn.exercises.variant import parse_progress_key, progress_key, variant_config

MAX_FILES = 10_000
FIXED_COLUMNS = ("Student ID", "Name", "Score", "Out of")
TOTAL_COLUMNS = ("Attempts", "First-try", "Hints")
LESSON_TOTALS = ("Lessons", "Lessons out of")
LESSON_COUNTS = ("Lesson attempts", "Lesson first-try", "Lesson hints")
DETAIL_COLUMNS = ("Student ID", "Question", "Quantity", "Right", "Attempts", "First-try", "Hints")
_QUIZ_ID = re.compile(r"quiz(\d+)-")


def question_columns() -> list[str]:
    """``Q1 net_h1`` ... ``Q13 E_total+``: a column per question, 1 if the
    latest answer counted is right, else 0.

    >>> question_columns()[0], len(question_columns()) == len(QUESTIONS)
    ('Q1 net_h1', True)
    """
    return [f"Q{n} {name}" for n, name in enumerate(QUESTIONS, start=1)]


def lesson_steps() -> list[tuple[str, str]]:
    """``(lesson, step)`` of every lesson exercise, in order: 01 to 04,
    three each (:func:`~mazur_nn.exercises.bank.plan`).

    >>> lesson_steps()[:2]
    [('01', 'out_h1'), ('01', 'E_o1')]
    """
    steps = plan(quiz_config(0).network.names)
    return [(lesson, name) for lesson in LESSONS for name, _ in steps[lesson]]


def lesson_columns() -> list[str]:
    """``L01 out_h1`` ... ``L04 E_total+``: a column per lesson exercise, 1
    if solved (an answer right, re-checked) on the student's own numbers.

    >>> lesson_columns()[0], lesson_columns()[-1], len(lesson_columns())
    ('L01 out_h1', 'L04 E_total+', 12)
    """
    return [f"L{lesson} {name}" for lesson, name in lesson_steps()]


def columns() -> list[str]:
    """Every column of the gradebook, in order."""
    return [
        *FIXED_COLUMNS,
        *question_columns(),
        *TOTAL_COLUMNS,
        *LESSON_TOTALS,
        *lesson_columns(),
        *LESSON_COUNTS,
        "Flags",
    ]


@dataclass(frozen=True)
class QuestionResult:
    """One question of one student: answers counted, whether the first and
    the latest counted were right (re-checked), and the hints seen."""

    name: str
    attempts: int = 0
    first_try: bool = False
    right: bool = False
    hints: int = 0


@dataclass(frozen=True)
class Row:
    """One student's line of the gradebook."""

    student: Student
    questions: tuple[QuestionResult, ...]
    flags: tuple[str, ...] = ()
    lessons: tuple[QuestionResult, ...] = ()

    @property
    def score(self) -> int:
        return sum(q.right for q in self.questions)

    @property
    def attempts(self) -> int:
        return sum(q.attempts for q in self.questions)

    @property
    def first_try(self) -> int:
        return sum(q.first_try for q in self.questions)

    @property
    def hints(self) -> int:
        return sum(q.hints for q in self.questions)

    def cells(self) -> list:
        return [
            safe_cell(self.student.id),
            safe_cell(self.student.name),
            self.score,
            len(QUESTIONS),
            *(int(q.right) for q in self.questions),
            self.attempts,
            self.first_try,
            self.hints,
            sum(q.right for q in self.lessons),
            len(lesson_columns()),
            *(int(q.right) for q in self.lessons),
            sum(q.attempts for q in self.lessons),
            sum(q.first_try for q in self.lessons),
            sum(q.hints for q in self.lessons),
            safe_cell("; ".join(self.flags)),
        ]


@dataclass
class Gradebook:
    """Every student of the class, in the class file's order, and the notes
    on the files read (one line each)."""

    rows: list[Row]
    notes: list[str] = field(default_factory=list)
    files: int = 0

    def row(self, student_id: str) -> Row:
        key = id_key(student_id)
        return next(r for r in self.rows if id_key(r.student.id) == key)

    def to_csv(self) -> str:
        """The gradebook as CSV (UTF-8 text, a header row, one row a student)."""
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(columns())
        writer.writerows(r.cells() for r in self.rows)
        return out.getvalue()

    def details_csv(self) -> str:
        """One row per student and question (:data:`DETAIL_COLUMNS`), then
        per lesson exercise (``Question`` ``L01.1`` ... ``L04.3``)."""
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(DETAIL_COLUMNS)
        for r in self.rows:
            numbered = [(str(n), q) for n, q in enumerate(r.questions, start=1)]
            numbered += [
                (f"L{lesson}.{k % 3 + 1}", q)
                for k, ((lesson, _), q) in enumerate(zip(lesson_steps(), r.lessons))
            ]
            for n, q in numbered:
                row = [safe_cell(r.student.id), n, q.name, int(q.right), q.attempts]
                writer.writerow([*row, int(q.first_try), q.hints])
        return out.getvalue()

    def summary(self) -> str:
        """One line: how many students, from how many files, and what was flagged."""
        flagged: dict[str, int] = {}
        for r in self.rows:
            for flag in r.flags:
                word = flag.split(" (")[0]
                flagged[word] = flagged.get(word, 0) + 1
        said = "; ".join(f"{word}: {n}" for word, n in flagged.items())
        with_files = sum("no progress file" not in r.flags for r in self.rows)
        return (
            f"{len(self.rows)} students, {with_files} with a progress file, from {self.files} "
            f"files read" + (f"; flagged {said}" if said else "")
        )


def _progress_files(folder: Path, skip: Path | None) -> list[Path]:
    """Every ``*.json`` file under ``folder`` (links to folders not followed,
    hidden files left out), in name order, but ``skip`` (the class file)."""
    if not folder.is_dir():
        raise ValueError(f"FOLDER: {echo(str(folder))} is not a folder")
    found = []
    for root, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            path = Path(root) / name
            if name.startswith(".") or not name.endswith(".json"):
                continue
            if skip is not None and path.resolve() == skip:
                continue
            found.append(path)
            if len(found) > MAX_FILES:
                raise ValueError(f"FOLDER: more than {MAX_FILES} .json files")
    return found


def _checked(exercise, text: str, config) -> bool:
    """The checker's verdict on ``text`` (a checker failure: not right)."""
    try:
        return check(exercise, text, config).correct
    except Exception:  # noqa: BLE001 - a bug in the checker marks the answer, never the grader
        return False


def _question(
    exercise, config, history, limit: int | None, solved: bool = False
) -> tuple[QuestionResult, int, bool]:
    """One question's result, the stored verdicts that disagree with the
    re-check, and whether there were more answers than ``limit``. ``right``
    is whether the latest counted answer is right (the quiz), or with
    ``solved`` whether any is (a lesson exercise: what its panel counts)."""
    answers = [a for a in history if a.kind == "answer"]
    verdicts = [_checked(exercise, a.answer, config) for a in answers]
    disagree = sum(a.correct != v for a, v in zip(answers, verdicts))
    counted = verdicts if limit is None else verdicts[:limit]
    hints = max((a.hint_level for a in history), default=0)
    result = QuestionResult(
        exercise.step,
        len(counted),
        bool(counted) and counted[0],
        any(counted) if solved else bool(counted) and counted[-1],
        hints,
    )
    return result, disagree, limit is not None and len(answers) > limit


def _merged(files: list[ProgressFile]) -> dict[str, list[Attempt]]:
    """Every exercise's attempts of several files, each once (by id), in time order."""
    merged: dict[str, dict[str, Attempt]] = {}
    for f in files:
        for exercise_id, attempts in f.exercises.items():
            for a in attempts:
                merged.setdefault(exercise_id, {}).setdefault(a.id, a)
    return {k: sorted(v.values(), key=lambda a: a.time) for k, v in merged.items()}


def _seeds_of(progress: ProgressFile) -> set[int]:
    """The seeds a file says it worked on, or answered."""
    seeds = {int(m.group(1)) for k in progress.exercises if (m := _QUIZ_ID.match(k))}
    return seeds | ({progress.student.seed} if progress.student.seed is not None else set())


def _lessons(seed: int, history) -> tuple[tuple[QuestionResult, ...], int, set[int]]:
    """The lesson exercises on ``seed``'s own numbers, re-checked; the
    stored verdicts that disagree; the other seeds lesson answers were
    given on (a practice seed, a neighbour's)."""
    config = variant_config(seed)
    results, edited = [], 0
    for lesson in LESSONS:
        for exercise in exercises_for(lesson, config):
            answers = history.get(progress_key(exercise.id, seed), ())
            result, disagree, _ = _question(exercise, config, answers, None, solved=True)
            results.append(result)
            edited += disagree
    others = {
        parsed[0]
        for key, attempts in history.items()
        if (parsed := parse_progress_key(key)) is not None
        and parsed[0] != seed
        and any(a.kind == "answer" for a in attempts)
    }
    return tuple(results), edited, others


def grade_student(student: Student, files: list[ProgressFile], limit: int | None = None) -> Row:
    """The row of ``student`` from their progress ``files`` (none: a row of
    zeros flagged ``no progress file``)."""
    empty = tuple(QuestionResult(name) for name in QUESTIONS)
    if not files:
        no_lessons = tuple(QuestionResult(name) for _, name in lesson_steps())
        return Row(student, empty, ("no progress file",), no_lessons)
    seed = student.seed
    history = _merged(files)
    lessons, edited_lessons, lesson_seeds = _lessons(seed, history)
    config = quiz_config(seed)
    results, edited, over = [], 0, []
    for n, exercise in enumerate(quiz_exercises(seed), start=1):
        result, disagree, beyond = _question(exercise, config, history.get(exercise.id, ()), limit)
        results.append(result)
        edited += disagree
        if beyond:
            over.append(f"Q{n}")
    edited += edited_lessons
    flags = []
    if edited:
        said = "verdict disagrees" if edited == 1 else "verdicts disagree"
        flags.append(f"edited ({edited} stored {said} with the re-check)")
    others = {f.student.seed for f in files if f.student.seed not in (None, seed)}
    others |= {
        int(m.group(1))
        for exercise_id, attempts in history.items()
        if (m := _QUIZ_ID.match(exercise_id))
        and int(m.group(1)) != seed
        and any(a.kind == "answer" for a in attempts)
    }
    if others:
        flags.append(f"foreign seed (quiz {', '.join(map(str, sorted(others)))})")
    if over:
        flags.append(f"over the exam limit ({', '.join(over)})")
    if lesson_seeds:
        said = ", ".join(map(str, sorted(lesson_seeds)))
        flags.append(f"lessons on another seed ({said})")
    if len(files) > 1:
        flags.append(f"{len(files)} files")
    if not any(r.attempts for r in (*results, *lessons)):
        flags.append("no answers")
    return Row(student, tuple(results), tuple(flags), lessons)


def grade_folder(folder, klass: ClassFile, skip=None) -> Gradebook:
    """The gradebook of ``klass`` from the progress files under ``folder``
    (``skip``: a file to leave out, the class file if it is there)."""
    folder = Path(folder)
    paths = _progress_files(folder, None if skip is None else Path(skip).resolve())
    by_student: dict[str, list[ProgressFile]] = {id_key(s.id): [] for s in klass.students}
    by_seed = {s.seed: id_key(s.id) for s in klass.students}
    found_by_seed: set[str] = set()
    notes = []
    for path in paths:
        shown = echo(str(path.relative_to(folder)))
        try:
            progress = read_progress(path)
        except (OSError, ValueError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            notes.append(f"{shown}: not read, not a progress file ({reason})")
            continue
        student_id = progress.student.id
        if student_id is None:  # only the seed the teacher gave: that student's, if it is one
            owners = {by_seed[seed] for seed in _seeds_of(progress) if seed in by_seed}
            if len(owners) != 1:
                notes.append(f"{shown}: no student id in the file (the quiz's Student id box)")
                continue
            (key,) = owners
            by_student[key].append(progress)
            found_by_seed.add(key)
            continue
        if id_key(student_id) not in by_student:
            notes.append(f"{shown}: unknown student id '{echo(student_id)}' (not in the class)")
            continue
        by_student[id_key(student_id)].append(progress)
    rows = [grade_student(s, by_student[id_key(s.id)], klass.exam_attempts) for s in klass.students]
    rows = [
        replace(r, flags=(*r.flags, "found by seed (no id in a file)"))
        if id_key(r.student.id) in found_by_seed
        else r
        for r in rows
    ]
    for r in rows:
        if r.flags and r.flags != ("no progress file",):
            notes.append(f"student '{echo(r.student.id)}': {'; '.join(r.flags)}")
    return Gradebook(rows, notes, len(paths))
