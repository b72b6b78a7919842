"""Lesson 15's batch stepper in a real JupyterLab and Chromium: it walks an
example's steps into the batch's means and its one update, every title,
position, value and formula number the lesson's (each expected value
computed here by :mod:`mazur_nn.course.batch` and :mod:`mazur_nn.core.batch`),
the diagram changing at every step and naming the means as the batch's;
and the stochastic-against-batch table is on the page with the core's
numbers.

Run alone: ``python -m pytest tests/browser/test_batch_in_browser.py -q -o addopts=""``.
"""

from __future__ import annotations

import re

import pytest
from lab import StepperView  # tests/browser/lab.py (on sys.path beside this file)

import mazur_nn
from mazur_nn.core import batch
from mazur_nn.core.numbers import format_number
from mazur_nn.course.batch import build_batch_lesson, stochastic_table

pytestmark = pytest.mark.browser

NOTEBOOK = "15-mini-batches.ipynb"
# The lesson's batch, as its first code cell writes it.
CONFIG = mazur_nn.mazur_example().replace(
    examples=[
        {"inputs": [0.05, 0.10], "targets": [0.01, 0.99]},
        {"inputs": [0.50, -0.20], "targets": [0.50, 0.50]},
        {"inputs": [0.30, 0.70], "targets": [0.20, 0.80]},
    ]
)
LESSON = build_batch_lesson(CONFIG)
STEPS = LESSON.steps
AGREE = re.compile(r"\bindependent values agree\b")


def _assert_step(expect, stepper: StepperView, index: int) -> None:
    step = STEPS[index]
    expect(stepper.position).to_have_text(
        f"step {index + 1} of {len(STEPS)} · {step.section_title}"
    )
    expect(stepper.title).to_have_text(step.title)
    expect(stepper.value).to_have_text(f"{step.name} = {step.shown_value}")


def _formula_numbers(stepper: StepperView) -> str:
    """The typeset formula's text as a screen reader gets it (MathJax's
    MathML), or the formula's source before it is typeset."""
    stepper.wait_for_typeset()
    return stepper.formula.first.evaluate(
        """(el) => {
            const math = el.querySelector('mjx-assistive-mml, math');
            return (math || el).textContent;
        }"""
    )


def _error_box(stepper: StepperView) -> list[str]:
    return stepper.diagram.first.evaluate(
        "(svg) => [...svg.querySelectorAll('.mazur-error text')].map((t) => t.textContent)"
    )


@pytest.fixture(scope="module")
def page(notebook):
    page = notebook(NOTEBOOK)
    page.wait_for(".mazur-stepper")
    return page


@pytest.fixture(scope="module")
def stepper(page):
    view = StepperView(page.page.locator(".mazur-stepper").first)
    view.root.scroll_into_view_if_needed()
    return view


def test_it_starts_at_example_1s_first_step(stepper, expect):
    _assert_step(expect, stepper, 0)
    assert STEPS[0].title == "Net input of h1 (example 1 of 3)"
    stepper.wait_for_diagram_change("")
    assert _error_box(stepper)[0] == "E_total"


def test_it_walks_example_3_into_the_means_and_the_update(stepper, expect):
    gradients = batch.backward(CONFIG)
    updated = batch.update(CONFIG, gradients)
    first = next(i for i, s in enumerate(STEPS) if LESSON.example_of(s) == 2)
    stepper.jump.select_option(f"{first + 1}. {STEPS[first].title}")
    _assert_step(expect, stepper, first)
    src = stepper.wait_for_diagram_change("")
    seen = {src}
    for index in range(first + 1, len(STEPS)):
        stepper.next_button.click()
        _assert_step(expect, stepper, index)
        src = stepper.wait_for_diagram_change(src)
        seen.add(src)
        step = STEPS[index]
        if step.name == "dE_total/dw5":  # example 3's own gradient: the core's
            assert step.title == "Gradient of w5 (example 3 of 3)"
            expect(stepper.value).to_have_text(
                f"dE_total/dw5 = {format_number(gradients.examples[2].gradients['w5'])}"
            )
            assert _error_box(stepper)[0] == "E_total"
        if step.name == "E_batch":
            expect(stepper.value).to_have_text(f"E_batch = {format_number(gradients.E_total)}")
            assert _error_box(stepper) == ["E_batch", format_number(gradients.E_total)]
        if step.name == "dE_batch/dw5":
            mean = format_number(gradients.gradients["w5"])
            expect(stepper.title).to_have_text("Mean gradient of w5")
            expect(stepper.value).to_have_text(f"dE_batch/dw5 = {mean}")
            # The formula adds up the three examples' gradients, divides by 3.
            formula = _formula_numbers(stepper)
            for example in gradients.examples:
                assert format_number(example.gradients["w5"]) in formula
            assert mean in formula
            expect(stepper.check).to_have_text(AGREE)
            assert "DISAGREE" not in stepper.check.inner_text()
            # The diagram says it is the batch's mean, and shows the mean.
            assert f"dE_batch/dw5 = {mean}" in src
            assert "means over the batch" in src
            assert _error_box(stepper)[0] == "E_batch"
            w5 = stepper.diagram.first.locator('[data-name="w5"] > title').first
            assert w5.text_content() == f"w5 = 0.4; dE_batch/dw5 = {mean} (the mean over the batch)"
        if step.name == "w5+":
            new = format_number(updated.parameters["w5"])
            expect(stepper.title).to_have_text("New w5")
            expect(stepper.value).to_have_text(f"w5+ = {new}")
            formula = _formula_numbers(stepper)
            mean = format_number(gradients.gradients["w5"])
            assert mean in formula and new in formula
            assert f"mean gradient over the batch dE_batch/dw5 = {mean}" in src
    assert len(seen) == len(STEPS) - first  # a new picture at every step
    expect(stepper.next_button).to_be_disabled()
    after = batch.error(updated, CONFIG.examples)
    expect(stepper.value).to_have_text(f"E_batch+ = {format_number(after)}")
    assert _error_box(stepper) == ["E_batch+", format_number(after)]


def test_the_stochastic_table_is_shown_with_the_cores_numbers(page):
    table = stochastic_table(CONFIG)
    shown = page.page.locator(".jp-RenderedMarkdown table", has_text=table.header[-1]).first
    shown.scroll_into_view_if_needed()
    header = [t.strip() for t in shown.locator("th").all_inner_texts()]
    assert header == list(table.header)
    rows = [
        [t.strip() for t in row.locator("td").all_inner_texts()]
        for row in shown.locator("tbody tr").all()
    ]
    assert rows == [list(row) for row in table.rows]
    # The core's own numbers: one batch update, then stochastic's after each example.
    w5 = next(row for row in rows if row[0] == "w5")
    assert w5[2] == format_number(batch.update(CONFIG).parameters["w5"])
    steps = batch.stochastic(CONFIG)
    assert w5[3:] == [format_number(s.network.parameters["w5"]) for s in steps]
    assert w5[3] == "0.35891648"  # after example 1: lesson 04's single update (the post's)
