"""Lesson 14 (a softmax output and the cross-entropy) in a real JupyterLab
and Chromium: its stepper steps to the softmax's Jacobian entry
``dout_o2/dnet_o1`` and back to ``dE_total/dnet_o1`` (the sum of the
paths), each showing the engine's number, and one of its exercises is
answered with a named slip (the outputs treated as independent), then
right. Every expected value and message is computed here, by the lesson,
the engine and the checker, never read from the page.

Run alone: ``python -m pytest tests/browser/test_softmax_in_browser.py -q -o addopts=""``.
"""

from __future__ import annotations

import re

import pytest
from lab import StepperView  # tests/browser/lab.py (on sys.path beside this file)
from test_exercises_in_browser import ExerciseView, practice_seed_shown

import mazur_nn
from mazur_nn.core.numbers import format_number
from mazur_nn.course.steps import build_lesson
from mazur_nn.exercises.bank import exercises_for
from mazur_nn.exercises.checking import check
from mazur_nn.exercises.variant import lesson_config

pytestmark = pytest.mark.browser

NOTEBOOK = "14-softmax-cross-entropy.ipynb"
EXAMPLE = mazur_nn.mazur_softmax_example()
LESSON = build_lesson(EXAMPLE)
STEPS = LESSON.steps
AGREE = re.compile(r"\bindependent values agree\b")


@pytest.fixture(scope="module")
def page(notebook):
    return notebook(NOTEBOOK)


def _assert_step(expect, stepper: StepperView, name: str) -> None:
    step = LESSON.step(name)
    expect(stepper.position).to_have_text(
        f"step {step.index + 1} of {len(STEPS)} · {step.section_title}"
    )
    expect(stepper.title).to_have_text(step.title)
    expect(stepper.value).to_have_text(f"{name} = {step.shown_value}")
    expect(stepper.check).to_have_text(AGREE)
    assert "DISAGREE" not in stepper.check.inner_text()


def test_the_stepper_shows_the_jacobian_and_the_sum_of_the_paths(page, expect):
    page.wait_for(".mazur-stepper")
    stepper = StepperView(page.page.locator(".mazur-stepper").first)
    stepper.root.scroll_into_view_if_needed()
    values = EXAMPLE.forward().values
    out_o1, out_o2 = values["out_o1"], values["out_o2"]

    # The lesson's stepper starts at the sum of the paths into net_o1: with a
    # softmax and the cross-entropy, it is out_o1 - t1.
    _assert_step(expect, stepper, "dE_total/dnet_o1")
    assert LESSON.step("dE_total/dnet_o1").shown_value == format_number(out_o1 - EXAMPLE.targets[0])
    src = stepper.wait_for_diagram_change("")

    # Back, one step at a time, to the Jacobian entry off the diagonal.
    jacobian = LESSON.step("dout_o2/dnet_o1")
    for index in range(LESSON.step("dE_total/dnet_o1").index - 1, jacobian.index - 1, -1):
        stepper.previous_button.click()
        _assert_step(expect, stepper, STEPS[index].name)
        src = stepper.wait_for_diagram_change(src)
    expect(stepper.title).to_have_text("How out_o2 changes with net_o1")
    # The engine's number is the softmax's -out_o1 * out_o2.
    assert jacobian.shown_value == format_number(-out_o1 * out_o2)
    expect(stepper.value).to_have_text(f"dout_o2/dnet_o1 = {format_number(-out_o1 * out_o2)}")
    assert "dout_o2/dnet_o1" in src

    # The menu jumps back to the sum of the paths.
    total = LESSON.step("dE_total/dnet_o1")
    stepper.jump.select_option(f"{total.index + 1}. {total.title}")
    _assert_step(expect, stepper, "dE_total/dnet_o1")
    stepper.wait_for_diagram_change(src)


def test_an_exercise_names_the_independent_outputs_slip_then_accepts(page, expect):
    seed = practice_seed_shown(page)
    config = lesson_config("14", seed)  # the student's numbers, with a softmax output
    ex = exercises_for("14", config)[0]
    assert ex.step == "dout_o2/dnet_o1"
    view = ExerciseView(page, ex.id)
    view.root.scroll_into_view_if_needed()

    wrong = check(ex, "0", config)  # the outputs treated as independent
    assert not wrong.correct and wrong.mistake == "independent_outputs"
    view.answer("0")
    expect(view.feedback).to_have_text(str(wrong))
    expect(view.feedback).to_contain_text("you treated the outputs as independent")

    right = check(ex, "-out_o1*out_o2", config)
    assert right.correct
    view.answer("-out_o1*out_o2", enter=True)
    expect(view.feedback).to_have_text(str(right))
    expect(view.status).to_contain_text("solved ✓")
