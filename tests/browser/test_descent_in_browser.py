"""Lesson 07's gradient-descent explorer in a real JupyterLab and Chromium.

Opens ``07-gradient-descent.ipynb``, runs every cell, then types learning
rates into the explorer as a student would: a diverging one, a good one, a
bouncing one (stopped by the patience) and values that are not allowed. The
expected texts come from :mod:`mazur_nn.lessons.descent` itself.

Needs Debian's ``/usr/bin/chromium`` and Python ``playwright`` (no browser
download). Without them the module is skipped, except under CI (the ``CI``
environment variable set), where it fails.

Run alone: ``python -m pytest -q -o addopts="" tests/browser/test_descent_in_browser.py``.
"""

from __future__ import annotations

import pytest
from lab import (  # tests/browser/lab.py (pytest puts this folder on sys.path)
    NotebookPage,
)

from mazur_nn.lessons.descent import gradient_descent

pytestmark = pytest.mark.browser

NOTEBOOK = "07-gradient-descent.ipynb"


@pytest.fixture(scope="module")
def page(notebook):
    """The lesson open in its own page, every cell run, no error output."""
    return notebook(NOTEBOOK)


class ExplorerView:
    """The parts of one ``DescentExplorer`` on the page."""

    def __init__(self, page: NotebookPage) -> None:
        self.page = page
        page.wait_for(".mazur-descent")
        self.root = page.page.locator(".mazur-descent").first
        self.result = self.root.locator(".mazur-descent-result")
        self.rate_line = self.root.locator(".mazur-descent-rate")
        self.message = self.root.locator(".mazur-message")
        self.image = self.root.locator("img.widget-image")

    def box(self, field: str):
        return self.root.locator(f".widget-text:has(> label.widget-label:text-is('{field}')) input")

    def type(self, field: str, text: str) -> None:
        """Type ``text`` and press Enter at a student's pace: the kernel
        idle and a quarter of a second after the last change showed. (Typed
        within ~25 ms of the last reply, a second change to the same box was
        sometimes never sent to the kernel, with ipywidgets 8.1 in
        JupyterLab 4: only the Enter key's "submit" message left the page.
        No student types that fast, and it is not what this test is about.)"""
        self.page.wait_for_kernel_idle()
        self.page.page.wait_for_timeout(250)
        box = self.box(field)
        box.fill(text)
        box.press("Enter")

    def button(self, label: str):
        return self.root.locator("button.widget-button", has_text=label)

    def image_src(self) -> str:
        return self.image.get_attribute("src") or ""

    def wait_for_image_change(self, page: NotebookPage, old_src: str) -> str:
        handle = self.image.first.element_handle()
        page.page.wait_for_function(
            "([img, old]) => img.src !== old && img.complete && img.naturalWidth > 0",
            arg=[handle, old_src],
            polling="raf",
        )
        return self.image_src()


# -- the tests ---------------------------------------------------------------------------


def test_the_lesson_runs_and_shows_the_explorer(page, expect):
    assert page.page.get_by_text("Error displaying widget").count() == 0
    explorer = ExplorerView(page)
    for field in ("learning_rate", "start", "max_iterations", "tolerance", "patience"):
        expect(explorer.box(field)).to_have_count(1)
    expected = gradient_descent(start=3, learning_rate=0.4).reason
    expect(explorer.result).to_have_text(expected)
    assert expected.startswith("Converged after 10 iterations")
    expect(explorer.message).to_have_text("")
    explorer.wait_for_image_change(page, "")


def test_learning_rate_diverging_then_converging(page, expect):
    explorer = ExplorerView(page)
    src = explorer.image_src()

    explorer.type("learning_rate", "1.1")
    expect(explorer.result).to_contain_text("Diverged after 7 iterations")
    expect(explorer.result).to_contain_text("left [-10, 10]")
    expect(explorer.rate_line).to_contain_text("η = 1.1 > 1/a = 1")
    src = explorer.wait_for_image_change(page, src)

    explorer.type("learning_rate", "0.4")
    expect(explorer.result).to_contain_text("Converged after 10 iterations")
    expect(explorer.result).to_contain_text("stopped by the tolerance")
    explorer.wait_for_image_change(page, src)

    # Exactly 1/a: bouncing, stopped by the patience.
    explorer.type("learning_rate", "1")
    expected = gradient_descent(start=3, learning_rate=1.0).reason
    expect(explorer.result).to_have_text(expected)
    expect(explorer.result).to_contain_text("stopped after 10 iterations by no improvement")


def test_preset_buttons(page, expect):
    explorer = ExplorerView(page)
    explorer.button("too small").click()
    expect(explorer.box("learning_rate")).to_have_value("0.02")
    expect(explorer.result).to_contain_text(
        "Not converged: stopped by the maximum number of iterations (100)"
    )
    explorer.button("diverging").click()
    expect(explorer.result).to_contain_text("Diverged")
    explorer.button("right").click()
    expect(explorer.result).to_contain_text("Converged after 10 iterations")


def test_bad_values_show_a_message_and_keep_the_last_run(page, expect):
    explorer = ExplorerView(page)
    explorer.type("learning_rate", "0.4")
    expect(explorer.result).to_contain_text("Converged after 10 iterations")
    shown = explorer.result.inner_text()

    explorer.type("learning_rate", "abc")
    expect(explorer.message).to_contain_text('learning_rate: "abc" is not a number')
    expect(explorer.box("learning_rate")).to_have_value("abc")
    assert explorer.result.inner_text() == shown

    explorer.type("learning_rate", "-0.5")
    expect(explorer.message).to_contain_text("learning_rate: -0.5 is not allowed")
    expect(explorer.message).to_contain_text("positive")
    assert explorer.result.inner_text() == shown

    explorer.type("learning_rate", "0.4")
    explorer.type("start", "12")
    expect(explorer.message).to_contain_text(
        "start: 12 is not allowed; expected a number from -10 to 10"
    )
    assert explorer.result.inner_text() == shown

    explorer.type("start", "3")
    expect(explorer.message).to_have_text("")
    expect(explorer.result).to_have_text(shown)
