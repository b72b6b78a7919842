"""Lesson exercises on the student's own numbers (issue 13, point 2).

The variant is drawn from the student's seed (deterministic, different per
student, never a weight of 0, not the quiz's numbers); the lesson panel
checks answers against it, keeps them under a key naming the seed (answers
kept for Mazur's numbers are never checked against a variant), shows the
worked steps only once an exercise is solved, and the grader re-checks
lesson answers on the student's seed.
"""

from __future__ import annotations

import pytest

from mazur_nn.core.config import mazur_example
from mazur_nn.course.steps import build_lesson
from mazur_nn.exercises.bank import LESSONS, exercises_for
from mazur_nn.exercises.checking import check
from mazur_nn.exercises.classroom import new_class, read_roster_text
from mazur_nn.exercises.expressions import expected_expression, formula_text
from mazur_nn.exercises.grading import columns, grade_folder, lesson_columns
from mazur_nn.exercises.progress import ProgressStore
from mazur_nn.exercises.quiz import quiz_config
from mazur_nn.exercises.typed.answers import rounded_text
from mazur_nn.exercises.variant import (
    parse_progress_key,
    practice_seed,
    progress_key,
    variant_config,
)
from mazur_nn.exercises.widget import PRACTICE_KEY, ExercisePanel, QuizWidget


def right_answer(exercise, config) -> str:
    """What a student who worked it out types."""
    if exercise.kind == "formula":
        return formula_text(expected_expression(exercise.step, config))
    return rounded_text(build_lesson(config).step(exercise.step).value, exercise.digits + 1)


def numbers(config) -> tuple:
    return (config.network.weights, config.network.biases, config.inputs, config.targets)


# -- the variant ------------------------------------------------------------------


def test_the_variant_is_the_posts_structure_on_numbers_from_the_seed():
    config = variant_config(12)
    network = config.network
    assert network.sizes == (2, 2, 2) and network.activations == ("sigmoid", "sigmoid")
    assert (network.loss, network.bias_mode, config.learning_rate) == (
        "half_squared_error",
        "shared",
        0.5,
    )
    assert numbers(config) == numbers(variant_config("12"))  # deterministic
    assert numbers(config) != numbers(mazur_example())


def test_variants_differ_per_student_never_have_a_zero_weight_and_are_not_the_quiz():
    seeds = range(0, 3000, 7)
    drawn = [numbers(variant_config(s)) for s in seeds]
    assert len(set(drawn)) == len(drawn)
    assert all(0.0 not in weights for weights, *_ in drawn)
    assert all(-1 <= w <= 1 for weights, *_ in drawn for w in weights)
    assert all(numbers(variant_config(s)) != numbers(quiz_config(s)) for s in seeds)


def test_practice_seeds_and_progress_keys(tmp_path):
    assert practice_seed(tmp_path / "a.json") == practice_seed(tmp_path / "a.json")
    assert practice_seed(tmp_path / "a.json") != practice_seed(tmp_path / "b.json")
    key = progress_key("03-dE_total_dw1", 42)
    assert (key, parse_progress_key(key)) == ("seed42-03-dE_total_dw1", (42, "03-dE_total_dw1"))
    for other in ("03-dE_total_dw1", "quiz42-net_h1", PRACTICE_KEY, "seed1-05-x"):
        assert parse_progress_key(other) is None


# -- the panel ----------------------------------------------------------------------


@pytest.fixture
def store(tmp_path):
    return ProgressStore(tmp_path / "progress.json")


def test_without_a_seed_the_panel_says_it_is_practice_and_checks_the_variant(store):
    panel = ExercisePanel("02", store=store)
    assert panel.practice and panel.seed == practice_seed(store.path)
    assert f"Practice numbers, seed {panel.seed}" in panel.numbers.value
    config = variant_config(panel.seed)
    w5 = dict(zip(config.network.names.weights, config.network.weights))["w5"]
    assert f"w5 = {w5}" in panel.numbers.value
    box = panel.boxes[2]
    assert f"for your network (seed {panel.seed}" in box.prompt.value
    box.type("0.08217")  # Mazur's answer, from the stepper
    box.check()
    assert not box.feedback.correct
    box.type(right_answer(box.exercise, config))
    box.check()
    assert box.feedback.correct and "Solved 1 of 3" in panel.score.value
    assert store.answers(progress_key("02-dE_total_dw5", panel.seed))
    assert not store.answers("02-dE_total_dw5")
    assert store.recall(PRACTICE_KEY) == str(panel.seed)  # kept if the folder moves


def test_the_seed_typed_once_is_kept_and_used(store):
    panel = ExercisePanel("01", store=store)
    panel.set_student("s042", "twelve")
    assert "seed: expected a whole number" in panel.student_status.value
    panel.set_student("s042", "777")
    assert (store.student.id, store.student.seed) == ("s042", 777)
    assert (panel.seed, panel.practice) == (777, False)
    assert "Your numbers, seed 777" in panel.numbers.value
    again = ExercisePanel("03", store=store)  # another lesson, the cell run again
    assert (again.seed, again.id_box.value, again.seed_box.value) == (777, "s042", "777")
    for box in again.boxes:
        box.type(right_answer(box.exercise, variant_config(777)))
        box.check()
        assert box.feedback.correct, (box.exercise.id, box.feedback_text)


def test_answers_kept_for_mazurs_numbers_are_not_checked_against_the_variant(store):
    store.record("02-dE_total_dw5", "0.08217", True, 0)  # a file of the old panel
    panel = ExercisePanel("02", store=store)
    assert "earlier answers to these exercises were on Mazur's numbers" in panel.note.value
    assert panel.boxes[2].answer.value == "" and "Solved 0 of 3" in panel.score.value
    assert [a.answer for a in store.answers("02-dE_total_dw5")] == ["0.08217"]  # kept
    mazur = ExercisePanel("02", mazur_example(), store=store)  # a teacher's, on Mazur's
    assert mazur.boxes[2].answer.value == "0.08217" and "Solved 1 of 3" in mazur.score.value


def test_the_worked_steps_open_only_after_a_solve(store):
    panel = ExercisePanel("03", store=store, seed=31)
    assert all(b.layout.display == "none" for b in panel.worked_buttons)
    assert panel.show_worked_steps(3) is False and panel.worked.children == ()
    box = panel.boxes[2]
    box.type("1")
    box.check()
    assert panel.show_worked_steps(3) is False
    assert panel.worked_buttons[2].layout.display == "none"
    box.type(right_answer(box.exercise, variant_config(31)))
    box.check()
    assert panel.worked_buttons[2].layout.display is None
    assert panel.worked_buttons[0].layout.display == "none"
    panel.worked_buttons[2].click()
    assert panel.stepper in panel.worked.children
    step = build_lesson(variant_config(31)).step("dE_total/dw1")
    assert panel.stepper.value_label.value == f"dE_total/dw1 = {step.shown_value}"
    assert "seed 31" in panel.worked.children[0].value


def test_the_quiz_offers_the_seed_typed_into_a_lesson(store):
    ExercisePanel("02", store=store).set_student("s042", "777")
    quiz = QuizWidget(2026, store=store)
    (note, button) = quiz.resume.children
    assert "Your saved seed is <b>777</b>" in note.value
    button.click()
    assert quiz.seed == 777 and "Quiz 777" in quiz.score.value


def test_answering_the_notebooks_quiz_keeps_the_students_own_seed(store):
    """A student who saved their teacher's seed in a lesson, then answers the
    quiz notebook's default seed, keeps their seed (and their lesson numbers);
    choosing a quiz in the seed box is what changes it."""
    ExercisePanel("02", store=store).set_student("s042", "777")
    quiz = QuizWidget(2026, store=store)
    quiz.boxes[0].type("0.1")
    quiz.boxes[0].check()
    assert store.student.seed == 777
    assert ExercisePanel("02", store=store).seed == 777
    quiz.seed_box.value = "31"
    quiz.new_button.click()
    assert store.student.seed == 31


def test_a_student_without_a_saved_seed_gets_the_quiz_they_answer(store):
    quiz = QuizWidget(2026, store=store)
    quiz.boxes[0].type("0.1")
    quiz.boxes[0].check()
    assert store.student.seed == 2026


# -- grading ------------------------------------------------------------------------


def test_the_grader_counts_lesson_exercises_on_the_students_seed(tmp_path):
    klass = new_class(read_roster_text("s1,Ada\ns2,Bob\ns3,Cy\n"))
    ada, bob, _ = klass.students
    folder = tmp_path / "collected"
    folder.mkdir()
    store = ProgressStore(folder / "ada.json")
    practice = ExercisePanel("01", store=store)  # practice first: not counted
    practice.boxes[0].type(right_answer(practice.boxes[0].exercise, practice.config))
    practice.boxes[0].check()
    practice.set_student(ada.id, str(ada.seed))
    config = variant_config(ada.seed)
    for lesson in LESSONS:
        panel = ExercisePanel(lesson, store=store)
        assert panel.seed == ada.seed
        first = panel.boxes[0]
        first.type("1e-9" if first.exercise.kind == "number" else "i1")  # wrong first
        first.check()
        first.type(right_answer(first.exercise, config))
        first.check()
        if lesson == "02":  # the last exercise right at once, after two hints
            last = panel.boxes[2]
            last.hint()
            last.hint()
            last.type(right_answer(last.exercise, config))
            last.check()
    # Bob edits the verdict of a wrong answer to "right".
    bob_store = ProgressStore(folder / "bob.json")
    bob_panel = ExercisePanel("04", store=bob_store, seed=bob.seed)
    bob_store.set_student(bob.id, bob.seed)
    bob_panel.boxes[0].type("0.5")
    bob_panel.boxes[0].check()
    text = (folder / "bob.json").read_text(encoding="utf-8")
    (folder / "bob.json").write_text(text.replace('"correct": false', '"correct": true'))

    book = grade_folder(folder, klass)
    row = book.row(ada.id)
    solved = [int(q.right) for q in row.lessons]
    assert solved == [1, 0, 0, 1, 0, 1, 1, 0, 0, 1, 0, 0]
    assert sum(q.attempts for q in row.lessons) == 9
    assert sum(q.first_try for q in row.lessons) == 1
    assert sum(q.hints for q in row.lessons) == 2
    assert row.score == 0
    assert row.flags == (f"lessons on another seed ({practice_seed(store.path)})",)
    csv_rows = book.to_csv().splitlines()
    assert csv_rows[0].split(",") == columns()
    cells = dict(zip(columns(), csv_rows[1].split(",")))
    lessons = (cells["Lessons"], cells["Lessons out of"], cells["L02 dE_total/dw5"])
    assert lessons == ("5", "12", "1")
    assert (cells["Lesson attempts"], cells["Lesson first-try"], cells["Lesson hints"]) == (
        "9",
        "1",
        "2",
    )
    assert len(lesson_columns()) == 12
    bob_row = book.row(bob.id)
    assert sum(q.right for q in bob_row.lessons) == 0
    assert bob_row.flags == ("edited (1 stored verdict disagrees with the re-check)",)
    assert book.row("s3").flags == ("no progress file",)


def test_every_lesson_exercise_takes_its_right_answer_on_many_seeds():
    for seed in range(0, 400, 41):
        config = variant_config(seed)
        for lesson in LESSONS:
            for e in exercises_for(lesson, config):
                assert check(e, right_answer(e, config), config).correct, (seed, e.id)
