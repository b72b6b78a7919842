"""The course's static site (``mazur-nn site``) in a real Chromium, served from 127.0.0.1.

The site is built once per session into a temporary folder, from the inputs
``mazur-nn site --fetch`` keeps (fetched here from npm and PyPI the first
time on a machine), and served by a thread of this process. Python runs in
the browser (Pyodide). The tests walk lesson 01's stepper through every step,
answer an exercise wrong then right and find the answers again after a
reload and in a new tab once the tab was closed (the progress file lives in
the browser's storage), take the quiz on a seed, see lesson 07 say what it
needs, and run every cell of lessons 00-05 with "Run all". No request may
leave 127.0.0.1: every request of each browser context is kept (the
kernel's wheels, fetched by a worker, too).

Needs Debian's ``/usr/bin/chromium``, Python ``playwright`` and the ``site``
extra. Without the browser the module is skipped (failed under CI, as the
other browser tests); without the inputs and no way to fetch them (no npm,
no registry) it is skipped too, except under CI, which has both.

Run alone: ``python -m pytest -q -o addopts="" tests/browser/test_site_in_browser.py``.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re

import pytest
from lite import InputsUnavailable, SitePage, build_site, serve

import mazur_nn
from mazur_nn.core.numbers import format_number
from mazur_nn.course.steps import build_lesson
from mazur_nn.delivery.site import default_notebooks
from mazur_nn.exercises.checking import check
from mazur_nn.exercises.quiz import answer_key, quiz_exercises
from mazur_nn.exercises.variant import variant_config
from mazur_nn.lessons import WHERE

pytestmark = pytest.mark.browser

EXAMPLE = mazur_nn.mazur_example()
STEPS = build_lesson(EXAMPLE).steps


def _unavailable(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI is set: the site test must run in CI)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def site_server(tmp_path_factory, playwright_api):
    """The site, built once, served on 127.0.0.1 for the whole session."""
    missing = [
        m
        for m in ("jupyterlite_core", "jupyterlite_pyodide_kernel", "jupyter_server")
        if importlib.util.find_spec(m) is None
    ]
    if missing:
        _unavailable(f"the site extra is not installed ({', '.join(missing)})")
    try:
        built = build_site(tmp_path_factory.mktemp("site") / "out")
    except InputsUnavailable as exc:
        _unavailable(f"the site's inputs are missing and cannot be fetched: {exc}")
    with serve(built.folder) as server:
        yield server


@pytest.fixture
def open_site(site_server, browser):
    """``open_site(name)``: the notebook open in a context of its own, all
    cells run; every page checked, at the end, for requests off the host."""
    pages: list[SitePage] = []

    def opened(name: str, run: bool = True) -> SitePage:
        page = SitePage(browser, site_server, name)
        pages.append(page)
        page.open()
        if run:
            page.run_all()
        return page

    yield opened
    try:
        for page in pages:
            assert page.left_host() == [], f"{page.name}: requests left 127.0.0.1"
            assert any(".whl" in u for u in page.requests), "the kernel's requests were not seen"
    finally:
        for page in pages:
            page.close()


@pytest.fixture(scope="session")
def expect():
    from playwright.sync_api import expect

    expect.set_options(timeout=30_000)
    return expect


def _diagram_text(stepper) -> str:
    svg = stepper.locator(".mazur-diagram-svg svg").first
    return svg.evaluate(
        "(svg) => [...svg.querySelectorAll(':scope > title, :scope > desc')]"
        ".map((n) => n.textContent).join(' | ')"
    )


class Exercise:
    """One exercise widget on the page."""

    def __init__(self, page: SitePage, exercise_id: str) -> None:
        self.page = page
        self.root = page.page.locator(f".mazur-exercise-{exercise_id}").first
        self.box = self.root.locator(".mazur-answer input")
        self.check_button = self.root.locator("button.mazur-check-answer")
        self.feedback = self.root.locator(".mazur-feedback")
        self.status = self.root.locator(".mazur-exercise-status")

    def answer(self, text: str, enter: bool = False) -> None:
        """Type ``text`` and press Check (or Enter) once the kernel has
        answered the last change, as a student would."""
        self.root.scroll_into_view_if_needed()
        self.page.wait_for_kernel_idle()
        self.box.fill(text)
        self.page.page.wait_for_timeout(300)
        self.page.wait_for_kernel_idle()
        self.page.page.wait_for_timeout(300)
        if enter:
            self.box.press("Enter")
        else:
            self.check_button.click()


def test_lesson_01_steps_answers_and_finds_them_after_a_reload_and_a_closed_tab(open_site, expect):
    page = open_site("01-forward-pass.ipynb")
    assert page.errors() == [] and page.stderr() == []

    # The stepper, with its SVG diagram (an anywidget), through every step.
    stepper = page.page.locator(".mazur-stepper").first
    stepper.scroll_into_view_if_needed()
    title, value = stepper.locator("h3"), stepper.locator(".mazur-value")
    position = stepper.locator(".mazur-position")
    next_button = stepper.locator("button.widget-button", has_text="Next ▶")
    expect(title).to_have_text(STEPS[0].title)
    expect(value).to_have_text("net_h1 = 0.3775")
    expect(stepper.locator(".mazur-diagram-svg svg")).to_be_visible()
    drawings = [_diagram_text(stepper)]
    for index in range(1, len(STEPS)):
        next_button.click()
        step = STEPS[index]
        expect(position).to_contain_text(f"step {index + 1} of {len(STEPS)}")
        expect(title).to_have_text(step.title)
        expect(value).to_have_text(f"{step.name} = {step.shown_value}")
        page.page.wait_for_function(
            """([root, old]) => {
                const svg = root.querySelector('.mazur-diagram-svg svg');
                return svg && [...svg.querySelectorAll(':scope > title, :scope > desc')]
                    .map((n) => n.textContent).join(' | ') !== old;
            }""",
            arg=[stepper.element_handle(), drawings[-1]],
        )
        drawings.append(_diagram_text(stepper))
    expect(value).to_have_text("E_total+ = 0.291027774")
    expect(next_button).to_be_disabled()
    assert len(set(drawings)) == len(STEPS) == 38  # a drawing for every step

    # An exercise on the student's own (practice) numbers, wrong then right;
    # the feedback is the checker's.
    numbers = page.page.locator(".mazur-exercise-panel .mazur-variant-numbers").first
    expect(numbers).to_contain_text("numbers, seed")
    seed = int(re.search(r"numbers, seed (\d+)", numbers.text_content())[1])
    config = variant_config(seed)
    own = build_lesson(config)
    typed_wrong = f"{own.step('net_h1').value:.9g}"  # net where out belongs
    typed_right = f"{own.step('out_h1').value:.9g}"
    exercise = Exercise(page, "01-out_h1")
    wrong = check(exercise_for("01-out_h1", config), typed_wrong, config)
    exercise.answer(typed_wrong)
    expect(exercise.feedback).to_have_text(str(wrong))
    expect(exercise.status).to_contain_text("1 answer checked")
    right = check(exercise_for("01-out_h1", config), typed_right, config)
    assert right.correct and not wrong.correct
    exercise.answer(typed_right, enter=True)
    expect(exercise.feedback).to_have_text(str(right))
    expect(exercise.status).to_contain_text("2 answers checked · solved ✓")

    # Reload the page: the kernel starts afresh, the progress file is in the
    # browser's storage, and running the notebook brings the answer back.
    page.reload()
    page.run_all()
    again = Exercise(page, "01-out_h1")
    again.root.scroll_into_view_if_needed()
    expect(again.box).to_have_value(typed_right)
    expect(again.feedback).to_have_text(str(right))
    expect(again.status).to_contain_text("2 answers checked · solved ✓")
    assert page.errors() == []

    # Close the tab and come back in a new one (the same browser): the
    # answer is still there.
    page.reopen()
    page.run_all()
    back = Exercise(page, "01-out_h1")
    back.root.scroll_into_view_if_needed()
    expect(back.box).to_have_value(typed_right)
    expect(back.status).to_contain_text("2 answers checked · solved ✓")
    assert page.errors() == []


def exercise_for(exercise_id: str, config=EXAMPLE):
    from mazur_nn.exercises import exercises_for

    lesson = exercise_id.split("-")[0]
    return next(e for e in exercises_for(lesson, config) if e.id == exercise_id)


def test_the_quiz_on_a_seed(open_site, expect):
    page = open_site("12-final-quiz.ipynb")
    assert page.errors() == []
    seed = 2026
    question = next(q for q in quiz_exercises(seed) if q.step == "net_h1")
    typed = f"{answer_key(seed).entry('net_h1').value:.6g}"
    view = Exercise(page, question.id)
    view.answer(typed)
    expect(view.feedback).to_contain_text("✓ Right")
    quiz = page.page.locator(".mazur-quiz").first
    expect(quiz.locator(".mazur-score")).to_have_text(f"Quiz {seed}: 1 of 13 right")

    seed_box = quiz.locator(".mazur-seed input")
    page.wait_for_kernel_idle()
    seed_box.fill("7")
    page.page.wait_for_timeout(300)
    page.wait_for_kernel_idle()
    seed_box.press("Enter")
    expect(quiz.locator(".mazur-score")).to_have_text("Quiz 7: 0 of 13 right")


def test_a_lesson_that_needs_numpy_says_so(open_site, expect):
    page = open_site("07-gradient-descent.ipynb")
    errors = [
        (cell, o)
        for cell in page.cells()
        for o in cell["outputs"]
        if o.get("output_type") == "error"
    ]
    assert len(errors) == 1  # Run all stops at the first cell, which says why
    cell, error = errors[0]
    assert "mazur_nn.lessons.descent" in cell["source"]
    message = "Lesson 07 needs numpy and matplotlib, which are not here. " + WHERE
    assert error["traceback"] == [message]  # the message alone, no traceback
    shown = page.page.locator(".jp-OutputArea-output", has_text="Lesson 07 needs numpy").first
    shown.scroll_into_view_if_needed()
    expect(shown).to_be_visible()


@pytest.mark.parametrize(
    "name",
    [
        "00-index.ipynb",
        "02-output-layer.ipynb",
        "03-hidden-layer.ipynb",
        "04-update-and-training.ipynb",
        "05-playground.ipynb",
    ],
)
def test_run_all_runs_every_cell_of_the_lesson(open_site, name):
    page = open_site(name)
    assert page.errors() == []
    assert page.stderr() == []
    # No file the site lacks (favicon.ico), and JupyterLab's table of contents
    # reads the stored Markdown outputs (it failed on texts kept as lists).
    complaints = [c for c in page.console if "404" in c or "table of contents" in c]
    assert complaints == []
    cells = page.cells()
    stored = json.loads((default_notebooks() / name).read_text(encoding="utf-8"))
    stored_code = [c for c in stored["cells"] if c["cell_type"] == "code"]
    assert len(cells) == len(stored_code)
    ran = [bool(c["outputs"]) for c in cells]
    assert ran == [bool(c["outputs"]) for c in stored_code]  # each shows what it showed
    if name.startswith("04"):  # the training curves: a pure-Python SVG chart
        assert any("image/svg+xml" in o.get("data", {}) for c in cells for o in c["outputs"])


def test_the_front_page_opens_the_index_notebook(site_server, browser):
    page = SitePage(browser, site_server, "00-index.ipynb")
    try:
        page.page.goto(site_server.url + "/")
        page.page.wait_for_url("**/lab/index.html?path=00-index.ipynb")
        page.wait_for_kernel_idle()
        assert page.left_host() == []
    finally:
        page.close()


def test_the_training_animation_plays_in_the_static_site(open_site, expect):
    """Lesson 04's film plays under Pyodide too (no threads: the page plays
    it), at least 20 pictures a second, and pauses and steps one round
    on the engine's numbers."""
    page = open_site("04-update-and-training.ipynb")
    root = page.page.locator(".mazur-animation[data-round]").first
    root.wait_for(timeout=60_000)
    root.scroll_into_view_if_needed()
    root.locator(".mazur-speed select").select_option("60")
    before = root.evaluate("(el) => el.drawn.length")
    play = root.locator("button.mazur-play")
    play.click()
    expect(play).to_have_text("⏸ Pause")
    page.page.wait_for_timeout(1000)
    play.click()
    expect(play).to_have_text("▶ Play")
    times = root.evaluate("(el) => el.drawn")[before:]
    per_second = (len(times) - 1) / ((times[-1] - times[0]) / 1000)
    assert per_second >= 20, f"{per_second:.1f} pictures per second"
    stopped_at = int(root.get_attribute("data-round"))
    page.page.wait_for_timeout(300)
    assert int(root.get_attribute("data-round")) == stopped_at > 0
    # Step moves exactly one round: a round the film did not keep comes from
    # the Pyodide kernel, by one widget message.
    root.locator("button.mazur-step").click()
    round_ = stopped_at + 1
    expect(root).to_have_attribute("data-round", str(round_))
    trained = EXAMPLE.train(round_)
    label = root.locator('.mazur-label[data-name="w5"] text').first
    expect(label).to_have_text(f"w5 = {format_number(trained.network.parameters['w5'])}")
    expect(root.locator(".mazur-counter")).to_contain_text(
        f"Round {round_:,} of 10,000 · E_total = {format_number(trained.E_total)}"
    )
