"""The widgets in a real JupyterLab driven by a real Chromium (the browser test).

One JupyterLab server (on a temporary copy of ``notebooks/``) and one
Chromium serve every browser test (``tests/browser/conftest.py``); each
notebook gets its own page and is run once. Every expected number comes
from :mod:`mazur_nn` itself, and the post's published digits are written
out where the lessons quote them.

Needs Debian's ``/usr/bin/chromium`` and Python ``playwright`` (no browser
download). Without them the module is skipped, except under CI (the ``CI``
environment variable set), where it fails. Screenshots go to
``artifacts/browser/``, and also to ``docs/screenshots/`` with
``MAZUR_UPDATE_SCREENSHOTS=1``.

Run alone: ``python -m pytest tests/browser -q -o addopts="" -x``.
"""

from __future__ import annotations

import re

import pytest
from lab import (  # tests/browser/lab.py (pytest puts this folder on sys.path)
    NotebookPage,
    StepperView,
)

import mazur_nn
from mazur_nn.core.numbers import format_number
from mazur_nn.course.steps import build_lesson

pytestmark = pytest.mark.browser

LESSON = build_lesson(mazur_nn.mazur_example())
STEPS = LESSON.steps
AGREE = re.compile(r"\bindependent values agree\b")


def _position(index: int) -> str:
    step = STEPS[index]
    return f"step {index + 1} of {len(STEPS)} · {step.section_title}"


# -- fixtures: one server, one browser, one page per notebook ----------------------


def _type(page: NotebookPage, box, text: str) -> None:
    """Type ``text`` and press Enter, as a student would: after the kernel has
    answered the last change (ipywidgets can drop a value typed within a few
    milliseconds of the previous reply to the same box)."""
    page.wait_for_kernel_idle()
    page.page.wait_for_timeout(250)
    box.fill(text)
    box.press("Enter")


def _first_stepper(page: NotebookPage, within: str = "") -> StepperView:
    selector = f"{within} .mazur-stepper".strip()
    page.wait_for(selector)
    return StepperView(page.page.locator(selector).first)


def _assert_step(expect, stepper: StepperView, index: int) -> None:
    step = STEPS[index]
    expect(stepper.position).to_have_text(_position(index))
    expect(stepper.title).to_have_text(step.title)
    expect(stepper.value).to_have_text(f"{step.name} = {step.shown_value}")


def _assert_check_agrees(expect, stepper: StepperView) -> None:
    expect(stepper.check).to_have_text(AGREE)
    assert "DISAGREE" not in stepper.check.inner_text()


# -- lesson 1: the stepper, every step ----------------------------------------------


def test_forward_pass_stepper_walks_every_step(notebook, expect):
    page = notebook("01-forward-pass.ipynb")
    stepper = _first_stepper(page)

    # Step 1, as the post starts.
    expect(stepper.title).to_have_text("Net input of h1")
    expect(stepper.value).to_have_text("net_h1 = 0.3775")
    _assert_step(expect, stepper, 0)
    _assert_check_agrees(expect, stepper)
    expect(stepper.previous_button).to_be_disabled()
    src = stepper.wait_for_diagram_change("")
    assert src.startswith(f"Step 1 of {len(STEPS)}")

    # Next through every step to the last; the position, title, value and
    # drawing change each time.
    seen_src = {src}
    for index in range(1, len(STEPS)):
        before = stepper.position.inner_text()
        stepper.next_button.click()
        _assert_step(expect, stepper, index)
        assert stepper.position.inner_text() != before
        src = stepper.wait_for_diagram_change(src)
        seen_src.add(src)
        if STEPS[index].name == "dE_total/dw5":
            expect(stepper.title).to_have_text("Gradient of w5")
            expect(stepper.value).to_have_text("dE_total/dw5 = 0.082167041")
            _assert_check_agrees(expect, stepper)
        if STEPS[index].name == "dE_total/dw1":
            expect(stepper.title).to_have_text("Gradient of w1")
            expect(stepper.value).to_have_text("dE_total/dw1 = 0.000438568")
            _assert_check_agrees(expect, stepper)
    assert len(STEPS) == 38
    assert len(seen_src) == len(STEPS)
    expect(stepper.next_button).to_be_disabled()
    expect(stepper.title).to_have_text("Error after one update")
    expect(stepper.value).to_have_text("E_total+ = 0.291027774")


def test_forward_pass_stepper_jump_and_sections(notebook, expect):
    page = notebook("01-forward-pass.ipynb")
    stepper = _first_stepper(page)

    # The "Step" menu jumps anywhere.
    w1 = LESSON.step("dE_total/dw1").index
    src = stepper.diagram_text()
    stepper.jump.select_option(f"{w1 + 1}. Gradient of w1")
    _assert_step(expect, stepper, w1)
    expect(stepper.value).to_have_text("dE_total/dw1 = 0.000438568")
    _assert_check_agrees(expect, stepper)
    src = stepper.wait_for_diagram_change(src)
    expect(stepper.next_button).to_be_enabled()

    w5 = LESSON.step("dE_total/dw5").index
    stepper.jump.select_option(f"{w5 + 1}. Gradient of w5")
    _assert_step(expect, stepper, w5)
    expect(stepper.value).to_have_text("dE_total/dw5 = 0.082167041")
    src = stepper.wait_for_diagram_change(src)

    # A section button shows the section's first step.
    stepper.section_button("Hidden layer: chain rule").click()
    expect(stepper.title).to_have_text("Path through o1")
    _assert_step(expect, stepper, LESSON.sections["hidden"])
    expect(stepper.section_button("Hidden layer: chain rule")).to_have_class(
        re.compile(r"\bmod-active\b")
    )
    src = stepper.wait_for_diagram_change(src)
    stepper.section_button("Forward pass").click()
    _assert_step(expect, stepper, 0)
    expect(stepper.previous_button).to_be_disabled()
    stepper.wait_for_diagram_change(src)


# -- lesson 3: the stepper starting at the hidden layer ------------------------------


def test_hidden_layer_stepper_reaches_dw1(notebook, expect):
    page = notebook("03-hidden-layer.ipynb")
    stepper = _first_stepper(page)
    first = LESSON.sections["hidden"]
    _assert_step(expect, stepper, first)
    expect(stepper.title).to_have_text("Path through o1")

    w1 = LESSON.step("dE_total/dw1").index
    src = stepper.wait_for_diagram_change("")
    for index in range(first + 1, w1 + 1):
        stepper.next_button.click()
        _assert_step(expect, stepper, index)
        src = stepper.wait_for_diagram_change(src)
    expect(stepper.title).to_have_text("Gradient of w1")
    expect(stepper.value).to_have_text("dE_total/dw1 = 0.000438568")
    _assert_check_agrees(expect, stepper)

    # Leave and come back through the menu: the same value.
    stepper.jump.select_option(f"{first + 1}. Path through o1")
    _assert_step(expect, stepper, first)
    src = stepper.wait_for_diagram_change(src)
    stepper.jump.select_option(f"{w1 + 1}. Gradient of w1")
    expect(stepper.value).to_have_text("dE_total/dw1 = 0.000438568")
    stepper.wait_for_diagram_change(src)
    stepper.wait_for_typeset()
    page.screenshot(stepper.root, "stepper.png")


# -- lesson 5: the playground --------------------------------------------------------


def _summary(config) -> str:
    """The E_total part of the playground's summary for ``config``."""
    return f"E_total = {format_number(config.forward()['E_total'])}"


def test_playground_recomputes_and_reports_bad_input(notebook, expect):
    page = notebook("05-playground.ipynb")
    page.wait_for(".mazur-playground")
    playground = page.page.locator(".mazur-playground").first
    summary = playground.locator(".mazur-summary")
    message = playground.locator(".mazur-message")
    stepper = _first_stepper(page, ".mazur-playground")

    def box(field: str):
        return playground.locator(f".mazur-field:has(> label:text-is('{field}')) input")

    for field in ["i1", "i2", "t1", "t2", *(f"w{k}" for k in range(1, 9))]:
        expect(box(field)).to_have_count(1)
    for field in ["b1", "b2", "learning_rate"]:
        expect(box(field)).to_have_count(1)
    expect(playground.locator(".widget-dropdown", has_text="activation")).to_have_count(1)
    expect(summary).to_contain_text("E_total = 0.298371109 · out_o1 = 0.75136507")

    # The embedded stepper on net_o1, which w5 changes.
    net_o1 = LESSON.step("net_o1").index
    stepper.jump.select_option(f"{net_o1 + 1}. {STEPS[net_o1].title}")
    expect(stepper.value).to_have_text("net_o1 = 1.105905967")

    # w5 -> 0.5: every number recomputes.
    example = mazur_nn.mazur_example()
    weights = {k: v for k, v in example.network.parameters.items() if k.startswith("w")}
    changed = example.replace(weights={**weights, "w5": 0.5})
    _type(page, box("w5"), "0.5")
    expect(summary).to_contain_text(_summary(changed))
    assert _summary(changed) == "E_total = 0.306524333"
    new_net_o1 = format_number(changed.forward()["net_o1"])
    expect(stepper.value).to_have_text(f"net_o1 = {new_net_o1}")
    expect(message).to_have_text("")
    shown = summary.inner_text()

    # Not a number: the message names the field, the text stays, the numbers stay.
    _type(page, box("learning_rate"), "abc")
    expect(message).to_contain_text("learning_rate")
    expect(message).to_contain_text("is not a number")
    expect(message).to_contain_text('"abc"')
    expect(box("learning_rate")).to_have_value("abc")
    assert summary.inner_text() == shown
    expect(stepper.value).to_have_text(f"net_o1 = {new_net_o1}")

    # A negative learning rate is refused too.
    _type(page, box("learning_rate"), "-0.5")
    expect(message).to_contain_text("learning_rate: -0.5 is not allowed")
    expect(message).to_contain_text("positive")
    expect(box("learning_rate")).to_have_value("-0.5")
    assert summary.inner_text() == shown

    # Back to a valid rate: the message goes away.
    _type(page, box("learning_rate"), "0.5")
    expect(message).to_have_text("")
    expect(summary).to_contain_text(_summary(changed))

    stepper.wait_for_typeset()
    page.screenshot(playground, "playground.png")


# -- lesson 4: training ----------------------------------------------------------------


def test_training_view_compares_the_two_rules(notebook, expect):
    page = notebook("04-update-and-training.ipynb")
    page.wait_for(".mazur-training")
    view = page.page.locator(".mazur-training").first
    result = view.locator(".mazur-training-result")
    progress = view.locator(".widget-hprogress")

    view.locator("button.widget-button", has_text="Train").click()
    expect(result).to_contain_text("3.51019e-05", timeout=90_000)
    expect(result).to_contain_text("3.50848e-05")
    expect(result).to_contain_text("after 10000 rounds")
    expect(progress.locator(".widget-label")).to_have_text("done: 10000 rounds x 2 rules")
    expect(progress.locator(".progress-bar")).to_have_attribute(
        "style", re.compile(r"width:\s*100%")
    )
    chart = view.locator(".mazur-training-chart svg")
    expect(chart).to_be_visible()
    expect(chart.locator(":scope > title")).to_have_count(1)
    assert chart.bounding_box()["width"] > 200
    page.screenshot(view, "training.png")


# -- every notebook, as a student opens it --------------------------------------------

WIDGETS = {
    "00-index.ipynb": None,
    "01-forward-pass.ipynb": ".mazur-stepper",
    "02-output-layer.ipynb": ".mazur-stepper",
    "03-hidden-layer.ipynb": ".mazur-stepper",
    "04-update-and-training.ipynb": ".mazur-training",
    "05-playground.ipynb": ".mazur-playground",
    "06-derivatives.ipynb": ".mazur-secant",
    "07-gradient-descent.ipynb": ".mazur-descent",
    "08-logistic-unit-digits.ipynb": ".mazur-digits",
    "09-vectorised-2-3-1.ipynb": None,
    "10-layers-and-xor.ipynb": ".mazur-xor",
    "11-what-networks-can-and-cannot-do.ipynb": None,
    "12-final-quiz.ipynb": ".mazur-quiz",
}


@pytest.mark.parametrize("name", sorted(WIDGETS))
def test_every_notebook_runs_without_error_and_shows_its_widget(notebook, name):
    page = notebook(name)  # runs every cell and asserts that none raised
    assert page.page.get_by_text("Error displaying widget").count() == 0
    if WIDGETS[name]:
        page.wait_for(WIDGETS[name])
