"""The exercises of lesson 02 and the final quiz in a real JupyterLab and Chromium.

A student types a wrong and a right answer into an exercise (on their own
practice numbers: no seed is saved in this lab), a formula with
a slip, hostile text; asks for hints; then restarts the kernel and finds
every answer back. In the quiz, a right and a wrong answer on the quiz's own
numbers, and a seed that is not a number. The expected feedback comes from
the checker in this process (:func:`mazur_nn.exercises.checking.check`),
never from the page.

Needs Debian's ``/usr/bin/chromium`` and Python ``playwright`` (no browser
download). Without them the module is skipped, except under CI (the ``CI``
environment variable set), where it fails.

Run alone: ``python -m pytest -q -o addopts="" tests/browser/test_exercises_in_browser.py``.
"""

from __future__ import annotations

import re

import pytest
from lab import NotebookPage  # tests/browser/lab.py (pytest puts this folder on sys.path)

from mazur_nn.course.steps import build_lesson
from mazur_nn.exercises.bank import exercise, exercises_for
from mazur_nn.exercises.checking import check
from mazur_nn.exercises.hints import hints
from mazur_nn.exercises.progress import DEFAULT_NAME, ProgressStore
from mazur_nn.exercises.quiz import answer_key, quiz_config, quiz_exercises
from mazur_nn.exercises.scripted import HOSTILE
from mazur_nn.exercises.slips import number_variants
from mazur_nn.exercises.typed.answers import rounded_text
from mazur_nn.exercises.variant import progress_key, variant_config

pytestmark = pytest.mark.browser


class ExerciseView:
    """The parts of one ``ExerciseWidget`` on the page."""

    def __init__(self, page: NotebookPage, exercise_id: str) -> None:
        self.page = page
        selector = f".mazur-exercise-{exercise_id}"
        page.wait_for(selector)
        self.root = page.page.locator(selector).first
        self.box = self.root.locator(".mazur-answer input")
        self.check_button = self.root.locator("button.mazur-check-answer")
        self.hint_button = self.root.locator("button.mazur-hint-button")
        self.feedback = self.root.locator(".mazur-feedback")
        self.hints = self.root.locator(".mazur-hints")
        self.status = self.root.locator(".mazur-exercise-status")

    def answer(self, text: str, enter: bool = False) -> None:
        """Type ``text`` and press Check (or Enter), at a student's pace:
        the kernel idle and a quarter of a second after the last reply."""
        self.page.wait_for_kernel_idle()
        self.page.page.wait_for_timeout(250)
        self.box.fill(text)
        self.page.wait_for_kernel_idle()
        self.page.page.wait_for_timeout(250)
        if enter:
            self.box.press("Enter")
        else:
            self.check_button.click()


def _feedback_text(feedback) -> str:
    return str(feedback)


def practice_seed_shown(page: NotebookPage) -> int:
    """The seed of the practice numbers lesson 02's panel shows (no seed
    of the student's is saved in this lab's progress file)."""
    numbers = page.page.locator(".mazur-exercise-panel .mazur-variant-numbers").first
    page.wait_for_text(numbers, "Practice numbers, seed")
    text = numbers.text_content()
    match = re.search(r"Practice numbers, seed (\d+)", text)
    assert match, text
    return int(match[1])


def test_an_exercise_gives_feedback_keeps_answers_and_survives_a_restart(notebook, expect, lab):
    page = notebook("02-output-layer.ipynb")
    seed = practice_seed_shown(page)
    config = variant_config(seed)  # the student's own numbers, not the stepper's
    ex = exercises_for("02", config)[2]
    view = ExerciseView(page, ex.id)
    view.root.scroll_into_view_if_needed()
    expect(view.root.locator(".mazur-exercise-prompt")).to_contain_text(f"seed {seed}")

    value = build_lesson(config).step(ex.step).value
    slip = number_variants(ex.step, config)[0]  # one factor left out
    typed_wrong = f"{slip.value:.6g}"
    wrong = check(ex, typed_wrong, config)
    assert wrong.mistake == slip.mistake
    view.answer(typed_wrong)
    expect(view.feedback).to_have_text(_feedback_text(wrong))
    expect(view.status).to_contain_text("1 answer checked")

    mazur = check(exercise("02-dE_total_dw5"), "0.08217")  # the stepper's answer
    assert mazur.correct and not check(ex, "0.08217", config).correct

    typed_right = rounded_text(value, ex.digits + 1)
    right = check(ex, typed_right, config)
    assert right.correct
    view.answer(typed_right, enter=True)  # Enter checks too
    expect(view.feedback).to_have_text(_feedback_text(right))
    expect(view.status).to_contain_text("solved ✓")
    panel = page.page.locator(".mazur-exercise-panel").first
    expect(panel.locator(".mazur-score")).to_have_text("Solved 1 of 3")

    view.hint_button.click()
    view.page.wait_for_kernel_idle()
    view.hint_button.click()
    first_line = hints(ex, config, level=1).splitlines()[0]
    expect(view.hints).to_contain_text(first_line)
    expect(view.hints).to_contain_text(hints(ex, config, level=2).splitlines()[0])
    expect(view.hint_button).to_have_text("Hint 3 of 3")
    page.screenshot(view.root, "exercise.png")

    slope_ex = exercises_for("02", config)[1]
    slope = ExerciseView(page, slope_ex.id)
    slip = check(slope_ex, "out_o1*(1 + out_o1)", config)
    assert slip.mistake == "sigmoid_derivative"
    slope.answer("out_o1*(1 + out_o1)")
    expect(slope.feedback).to_have_text(_feedback_text(slip))
    slope.answer(HOSTILE)
    expect(slope.feedback).to_contain_text("Cannot read the formula")
    expect(slope.box).to_have_value(HOSTILE)  # what was typed stays

    # The progress file next to the notebook has every answer, under the seed.
    store = ProgressStore(lab.root / DEFAULT_NAME)
    key = progress_key(ex.id, seed)
    assert [a.answer for a in store.answers(key)] == [typed_wrong, typed_right]
    assert store.hint_level(key) == 2
    assert store.latest(progress_key(slope_ex.id, seed)).answer == HOSTILE

    # Restart the kernel and run everything again: the answers come back.
    old = view.root.element_handle()
    page.page.evaluate(  # not awaited: the command waits for the dialog below
        "() => { window.jupyterapp.commands.execute('notebook:restart-run-all'); }"
    )
    page.page.locator(".jp-Dialog .jp-mod-accept").click()
    page.page.wait_for_function("(el) => !el.isConnected", arg=old, timeout=60_000)
    page.run_all_finished()
    again = ExerciseView(page, ex.id)
    expect(again.box).to_have_value(typed_right)
    expect(again.feedback).to_have_text(_feedback_text(right))
    expect(again.status).to_contain_text("2 answers checked · solved ✓ · hints seen: 2")
    expect(again.hints).to_contain_text(first_line)
    expect(ExerciseView(page, slope_ex.id).box).to_have_value(HOSTILE)
    assert practice_seed_shown(page) == seed
    assert not page.cell_errors()


def test_the_quiz_marks_its_own_numbers_and_refuses_a_bad_seed(notebook, expect):
    page = notebook("12-final-quiz.ipynb")
    seed = 2026
    key = answer_key(seed)
    config = quiz_config(seed)
    questions = {e.step: e for e in quiz_exercises(seed)}

    first = ExerciseView(page, questions["net_h1"].id)
    typed = f"{key.entry('net_h1').value:.6g}"
    first.answer(typed)
    expect(first.feedback).to_have_text(str(check(questions["net_h1"], typed, config)))
    expect(first.feedback).to_contain_text("✓ Right")

    gradient = questions["dE_total/dw5"]
    slip = number_variants(gradient.step, config)[0]  # one factor left out
    typed = f"{slip.value:.6g}"
    expected = check(gradient, typed, config)
    assert expected.mistake == slip.mistake
    view = ExerciseView(page, gradient.id)
    view.answer(typed)
    expect(view.feedback).to_have_text(str(expected))
    quiz = page.page.locator(".mazur-quiz").first
    expect(quiz.locator(".mazur-score")).to_have_text(f"Quiz {seed}: 1 of 13 right")

    seed_box = quiz.locator(".mazur-seed input")
    page.wait_for_kernel_idle()
    seed_box.fill("twelve")
    page.wait_for_kernel_idle()
    page.page.wait_for_timeout(250)
    quiz.locator("button.widget-button", has_text="New quiz").click()
    expect(quiz.locator(".mazur-quiz-message")).to_contain_text("seed: expected a whole number")
    expect(seed_box).to_have_value("twelve")
    expect(quiz.locator(".mazur-score")).to_have_text(f"Quiz {seed}: 1 of 13 right")
    page.screenshot(quiz, "quiz.png")

    # Enter in the seed box starts that quiz; run again, the quiz offers it back.
    page.wait_for_kernel_idle()
    seed_box.fill("7")
    page.wait_for_kernel_idle()
    page.page.wait_for_timeout(250)
    seed_box.press("Enter")
    expect(quiz.locator(".mazur-score")).to_have_text("Quiz 7: 0 of 13 right")
    old = quiz.element_handle()
    page.run_all()
    page.page.wait_for_function("(el) => !el.isConnected", arg=old)
    quiz = page.page.locator(".mazur-quiz").first
    expect(quiz.locator(".mazur-score")).to_have_text(f"Quiz {seed}: 1 of 13 right")
    page.wait_for_kernel_idle()
    quiz.locator("button.mazur-resume", has_text="Back to quiz 7").click()
    expect(quiz.locator(".mazur-score")).to_have_text("Quiz 7: 0 of 13 right")
