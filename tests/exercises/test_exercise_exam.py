"""The quiz's student id box, the seed kept with the progress, and exam
mode (a limited number of answers per question, no hints, terse feedback)."""

from __future__ import annotations

import pytest

from mazur_nn.exercises.progress import ProgressStore, read_progress
from mazur_nn.exercises.quiz import answer_key
from mazur_nn.exercises.widget import EXAM_ATTEMPTS, QuizWidget


@pytest.fixture
def store(tmp_path):
    return ProgressStore(tmp_path / "progress.json")


def test_the_student_id_is_typed_once_and_kept(store):
    quiz = QuizWidget(7, store=store)
    assert quiz.id_box.value == "" and "Type the id" in quiz.id_status.value
    quiz.id_box.value = "  s042 "
    quiz.set_student(quiz.id_box.value)
    assert "s042" in quiz.id_status.value
    again = QuizWidget(7, store=ProgressStore(store.path))  # the cell run again, a restart
    assert again.id_box.value == "s042"
    assert read_progress(store.path).student.id == "s042"


def test_a_bad_id_is_a_message_and_nothing_is_kept(store):
    quiz = QuizWidget(7, store=store)
    quiz.set_student("   ")
    assert "student id" in quiz.id_status.value and store.student.id is None


def test_the_seed_worked_on_is_kept_with_the_attempts(store):
    quiz = QuizWidget(7, store=store)
    assert store.student.seed is None  # shown, not chosen: nothing kept yet
    quiz.set_seed(123, remember=True)  # the seed the teacher gave
    assert store.student.seed == 123
    box = quiz.boxes[0]
    box.type(answer_key(123).questions[0].answer)
    box.check()
    read = read_progress(store.path)
    assert read.student.seed == 123
    (attempt,) = read.exercises["quiz123-net_h1"]
    assert attempt.correct and attempt.time.endswith("+00:00") and attempt.hint_level == 0


def test_exam_mode_limits_the_answers_and_says_so(store):
    quiz = QuizWidget(11, store=store, exam=True, attempts=2)
    key = answer_key(11)
    box = quiz.boxes[2]
    assert box.hint_button.layout.display == "none"
    box.type("not a number")
    box.check()  # not an answer: no attempt used, the reason shown
    assert box.attempts_left == 2 and "not a number" in box.feedback_html.value
    box.type(f"{-(abs(key.questions[2].value) + 1):.5f}")
    box.check()
    assert box.attempts_left == 1
    assert "Not right. 1 attempt left." in box.feedback_html.value
    assert str(key.questions[2].shown) not in box.feedback_html.value
    box.type(f"{-(abs(key.questions[2].value) + 2):.5f}")
    box.check()
    assert box.answer.disabled and box.check_button.disabled
    assert "No attempts left" in box.message.value and "2 attempts" in box.message.value
    box.answer.disabled = False  # a student who enables the box again in the browser
    box.type(key.questions[2].answer)
    box.check()
    assert len(store.answers(box.exercise.id)) == 2 and not box.right_now
    restarted = QuizWidget(11, store=ProgressStore(store.path), exam=True, attempts=2)
    assert restarted.boxes[2].answer.disabled  # a restart gives no attempt back
    assert not restarted.boxes[0].answer.disabled


def test_exam_mode_right_answer_says_right_only(store):
    quiz = QuizWidget(3, store=store, exam=True)
    assert quiz.attempts == EXAM_ATTEMPTS
    key = answer_key(3)
    box = quiz.boxes[6]
    box.type(key.questions[6].answer)
    box.check()
    assert "Right." in box.feedback_html.value and key.questions[6].shown not in (
        box.feedback_html.value
    )


@pytest.mark.parametrize("attempts", [0, 101, 2.5, "2", True])
def test_bad_attempts_name_the_field(store, attempts):
    with pytest.raises((TypeError, ValueError), match="attempts"):
        QuizWidget(3, store=store, attempts=attempts)


def test_without_exam_mode_nothing_is_limited(store):
    quiz = QuizWidget(3, store=store)
    box = quiz.boxes[0]
    for k in range(5):
        box.type(str(k + 10))
        box.check()
    assert box.attempts_left is None and not box.answer.disabled
    assert len(store.answers(box.exercise.id)) == 5
