"""The exercise widgets and the scripted attempts the notebooks print.

The widgets are driven here through their Python side (as the browser test
drives them through the page): feedback shown in the widget, progress kept
across a restart, hints climbing the ladder, errors shown without losing
what was typed.
"""

from __future__ import annotations

import os
import stat

import pytest

from mazur_nn.core.config import mazur_example
from mazur_nn.exercises.bank import all_exercises, exercise, expected_value
from mazur_nn.exercises.checking import check
from mazur_nn.exercises.progress import ProgressStore
from mazur_nn.exercises.quiz import QUESTIONS, answer_key, quiz_config, quiz_exercises
from mazur_nn.exercises.scripted import HOSTILE, sheet, try_answers, typical_answers
from mazur_nn.exercises.slips import number_variants
from mazur_nn.exercises.widget import ExercisePanel, ExerciseWidget, QuizWidget


@pytest.fixture
def store(tmp_path):
    return ProgressStore(tmp_path / "progress.json")


def test_right_and_wrong_answers_show_their_feedback_and_are_kept(store):
    box = ExerciseWidget(exercise("02-dE_total_dw5"), store=store)
    box.type("-0.08217")
    box.check()
    assert box.feedback.mistake == "sign"
    assert "sign is flipped" in box.feedback_html.value
    assert not box.solved
    box.type("0.08217")
    box.check_button.click()
    assert box.feedback.correct and box.solved
    assert "solved ✓" in box.status.value and "2 answers checked" in box.status.value
    assert [a.answer for a in store.answers("02-dE_total_dw5")] == ["-0.08217", "0.08217"]


def test_a_new_kernel_brings_back_the_answer_its_feedback_and_the_hints(tmp_path):
    path = tmp_path / "progress.json"
    box = ExerciseWidget(exercise("03-dE_total_dw1"), store=ProgressStore(path))
    box.hint()
    box.hint()
    box.type("0.0006684")
    box.check()
    again = ExerciseWidget(exercise("03-dE_total_dw1"), store=ProgressStore(path))
    assert again.answer.value == "0.0006684"
    assert again.feedback.mistake == "missing_path"
    assert again.hint_level == 2 and "Hint 2" in again.hint_html.value
    assert again.hint_button.description == "Hint 3 of 3"


def test_the_hint_ladder_has_three_rungs_and_is_kept_without_an_answer(store):
    box = ExerciseWidget(exercise("02-dE_total_dw5"), store=store)
    for _ in range(5):
        box.hint()
    assert box.hint_level == 3 and box.hint_button.disabled
    assert "dE_total/dw5 = (out_o1 - t1)*out_o1*(1 - out_o1)*out_h1" in box.hint_html.value
    assert "= 0.082167041" in box.hint_html.value  # the worked solution
    assert store.hint_level("02-dE_total_dw5") == 3 and store.answers("02-dE_total_dw5") == ()


def test_an_empty_answer_is_not_checked_or_kept(store):
    box = ExerciseWidget(exercise("01-out_h1"), store=store)
    box.type("   ")
    box.check()
    assert "Type an answer first" in box.feedback_html.value
    assert store.answers("01-out_h1") == ()


@pytest.mark.parametrize("text", [HOSTILE, "out_o1.__class__", "(" * 60 + "t1", "x" * 20_000])
def test_hostile_or_huge_formulas_are_malformed_and_the_text_stays(store, text):
    box = ExerciseWidget(exercise("01-E_total"), store=store)
    box.type(text)
    box.check()
    assert box.feedback.mistake == "malformed" and box.answer.value == text
    assert "Cannot read the formula" in box.feedback_html.value


def test_a_progress_file_that_cannot_be_written_shows_in_the_widget(tmp_path):
    if os.geteuid() == 0:
        pytest.skip("root can write to a read-only folder")
    folder = tmp_path / "locked"
    folder.mkdir()
    store = ProgressStore(folder / "progress.json")
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        box = ExerciseWidget(exercise("01-out_h1"), store=store)
        box.type("0.5933")
        box.check()
        assert box.feedback.correct  # the feedback is still shown
        assert "could not be saved" in box.message.value
    finally:
        folder.chmod(stat.S_IRWXU)


def test_a_progress_file_that_cannot_be_written_is_reported_even_as_root(tmp_path, monkeypatch):
    from mazur_nn.exercises import progress

    def fail(path, text):
        raise OSError(28, "No space left on device")

    store = ProgressStore(tmp_path / "progress.json")
    monkeypatch.setattr(progress, "_write_atomically", fail)
    box = ExerciseWidget(exercise("01-out_h1"), store=store)
    box.type("0.5933")
    box.check()
    assert box.feedback.correct
    assert "could not be saved" in box.message.value and "No space left" in box.message.value
    monkeypatch.undo()
    box.type("0.59327")
    box.check()
    assert box.message.value == ""  # caught up: both answers are in the file now
    assert len(ProgressStore(tmp_path / "progress.json").answers("01-out_h1")) == 2


def test_the_panel_counts_what_is_solved(store):
    panel = ExercisePanel("04", mazur_example(), store=store)  # Mazur's numbers, as given
    assert [b.exercise.id for b in panel.boxes] == ["04-w5_plus", "04-w1_plus", "04-E_total_plus"]
    assert "Solved 0 of 3" in panel.score.value
    panel.boxes[0].type("0.3589")
    panel.boxes[0].check()
    assert "Solved 1 of 3" in panel.score.value
    assert "Solved 1 of 3" in ExercisePanel("04", mazur_example(), store=store).score.value


def test_the_widget_refuses_what_is_not_an_exercise(store):
    with pytest.raises(TypeError, match="exercise: expected an Exercise"):
        ExerciseWidget("02-dE_total_dw5", store=store)


# -- the quiz -------------------------------------------------------------------------


def test_the_quiz_checks_against_its_own_numbers_not_the_posts(store):
    quiz = QuizWidget(7, store=store)
    key = answer_key(7)
    assert [b.exercise.step for b in quiz.boxes] == list(QUESTIONS)
    for box, entry in zip(quiz.boxes, key.questions):
        box.type(repr(entry.value))
        box.check()
        assert box.feedback.correct, (entry.name, box.feedback)
    assert "13 of 13 right" in quiz.score.value
    post = quiz.boxes[QUESTIONS.index("dE_total/dw5")]
    post.type("0.082167041")  # Mazur's number is not this quiz's
    post.check()
    assert not post.feedback.correct
    assert all(b.hint_button.layout.display == "none" for b in quiz.boxes)


def test_a_bad_seed_keeps_the_text_and_the_quiz_on_screen(store):
    quiz = QuizWidget(7, store=store)
    quiz.seed_box.value = "seven"
    quiz.new_button.click()
    assert "seed: expected a whole number" in quiz.message.value
    assert quiz.seed_box.value == "seven" and quiz.seed == 7
    quiz.seed_box.value = "8"
    quiz.new_button.click()
    assert quiz.seed == 8 and quiz.message.value == ""
    assert quiz.boxes[0].exercise.id == "quiz8-net_h1"


def test_quiz_answers_of_two_seeds_are_kept_apart(store):
    QuizWidget(7, store=store).boxes[0].type("1")
    first = QuizWidget(7, store=store).boxes[0]
    first.type("1")
    first.check()
    assert store.answers("quiz7-net_h1") and not store.answers("quiz8-net_h1")


# -- scripted attempts (what the notebooks print) ------------------------------------


CONFIGS = {"mazur": None, "quiz 7": quiz_config(7), "quiz 2026": quiz_config(2026)}


@pytest.mark.parametrize("name", CONFIGS)
def test_typical_answers_show_every_named_mistake(name):
    config = CONFIGS[name]
    for ex in all_exercises(config):
        tried = try_answers(ex, config=config)
        verdicts = [(a.text, a.feedback.correct, a.feedback.mistake) for a in tried.attempts]
        assert verdicts[0][1], verdicts[0]  # the right answer first
        mistakes = {m for _, right, m in verdicts if not right}
        assert "malformed" in mistakes
        if ex.kind == "number":
            assert verdicts[1][1], verdicts[1]  # the same number in e-notation
            expected = {v.mistake for v in number_variants(ex.step, config)}
            assert expected <= mistakes, (ex.id, expected - mistakes)
            assert "too_few_digits" in mistakes


def test_the_right_number_is_the_lessons_value():
    ex = exercise("04-w1_plus")
    first = typical_answers(ex)[0]
    assert abs(float(first) - expected_value(ex)) < 5e-7


def test_check_dispatches_on_the_kind_and_try_answers_wants_a_list():
    assert check(exercise("01-E_total"), "(t1-out_o1)**2/2 + (t2-out_o2)**2/2").correct
    assert check(exercise("01-E_o1"), "0.2748").correct
    with pytest.raises(TypeError, match="answers: expected a list"):
        try_answers(exercise("01-E_o1"), "0.2748")


def test_the_sheet_and_the_attempts_print_prompts_and_feedback():
    exercises = quiz_exercises(3)[:2]
    text = str(sheet(exercises, "Quiz 3"))
    assert text.splitlines()[0] == "Quiz 3"
    assert "1. [quiz3-net_h1] Net input of h1." in text
    shown = str(try_answers(exercise("02-dE_total_dw5"), ["0.4398"]))
    assert "1. typed: 0.4398 [missing_factor]" in shown
    assert (
        "| `0.4398` | missing_factor |"
        in try_answers(exercise("02-dE_total_dw5"), ["0.4398"]).to_markdown()
    )


@pytest.mark.parametrize("name", CONFIGS)
def test_no_prompt_gives_its_answer_away(name):
    config = CONFIGS[name]
    for ex in all_exercises(config) + (quiz_exercises(7) if config is None else ()):
        if ex.kind != "number":
            continue
        value = expected_value(ex, config if not ex.id.startswith("quiz") else quiz_config(7))
        for digits in range(2, ex.digits + 2):
            assert f"{value:.{digits}g}" not in ex.prompt, (ex.id, digits)


def test_a_decimal_comma_is_explained():
    feedback = check(exercise("01-out_h1"), "0,5933")
    assert feedback.mistake == "malformed"
    assert "(0.5933, not 0,5933)" in feedback.message


def test_a_double_click_keeps_one_attempt(store):
    box = ExerciseWidget(exercise("01-E_o1"), store=store)
    box.type("0.2748")
    box.check()
    box.check_button.click()
    assert len(store.answers("01-E_o1")) == 1


def test_a_wrong_answer_after_a_right_one_says_solved_earlier(store):
    box = ExerciseWidget(exercise("01-E_o1"), store=store)
    box.type("0.2748")
    box.check()
    box.type("0.5")
    box.check()
    assert "solved earlier ✓" in box.status.value and "last answer is not right" in box.status.value


def test_the_panel_names_each_exercise_by_number_and_title(store):
    panel = ExercisePanel("02", store=store)
    assert "Exercise 3 of 3 · Gradient of w5" in panel.boxes[2].heading.value


def test_hint_two_of_a_formula_gives_definitions_to_type(store):
    box = ExerciseWidget(exercise("01-E_total"), store=store)
    box.hint()
    box.hint()
    assert "E_o1 = (t1 - out_o1)**2/2" in box.hint_html.value
    assert "0.274811083" not in box.hint_html.value  # no numbers for a formula


def test_the_quiz_scores_the_latest_answers_and_never_offers_hints(store):
    quiz = QuizWidget(7, store=store)
    key = answer_key(7)
    box = quiz.boxes[0]
    box.type(f"{key.entry('net_h1').value:#.10g}")
    box.check()
    assert "1 of 13 right" in quiz.score.value
    box.type("12345")
    box.check()
    assert "0 of 13 right" in quiz.score.value
    assert "hint" not in box.feedback_text.lower()


def test_the_quiz_offers_the_seed_last_worked_on(store):
    quiz = QuizWidget(2026, store=store)
    quiz.seed_box.value = "7"
    quiz.seed_box._submission_callbacks(quiz.seed_box)  # Enter in the seed box
    assert quiz.seed == 7
    again = QuizWidget(2026, store=store)  # the notebook's cell run again
    assert again.seed == 2026
    (note, button) = again.resume.children
    assert "quiz <b>7</b>" in note.value
    button.click()
    assert again.seed == 7 and again.resume.children == ()


def test_an_unnamed_slip_points_to_the_hints_only_where_there_are_hints(store):
    from mazur_nn.exercises.widget import STUCK

    box = ExerciseWidget(exercise("02-dE_total_dw5"), store=store)
    box.type("0.3")  # matches no known slip
    box.check()
    assert box.feedback.unnamed and STUCK in box.feedback_html.value
    box.type("0.4398")  # a named slip: the message says what to fix
    box.check()
    assert STUCK not in box.feedback_html.value
    quiz = QuizWidget(7, store=store).boxes[6]
    quiz.type("12345")
    quiz.check()
    assert quiz.feedback.unnamed and STUCK not in quiz.feedback_html.value
