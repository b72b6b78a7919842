"""Lesson 08 in a real JupyterLab driven by a real Chromium: the digits
trainer (one sigmoid unit, "9 or not 9").

The notebook is opened and every cell run once; then the test trains the
unit for a few epochs with the widget's **Train** button, checks the result
line against :mod:`mazur_nn.lessons.logistic` computed here, checks that the
progress bar is full, and types a learning rate that is not allowed.

Needs Debian's ``/usr/bin/chromium`` and Python ``playwright`` (no browser
download). Without them the module is skipped, except under CI (the ``CI``
environment variable set), where it fails.

Run alone: ``python -m pytest -q -o addopts="" tests/browser/test_logistic_in_browser.py``.
"""

from __future__ import annotations

import re

import pytest

from mazur_nn.lessons import logistic

pytestmark = pytest.mark.browser

NOTEBOOK = "08-logistic-unit-digits.ipynb"
EPOCHS = 40  # a few epochs: quick, and the unit still misses most nines


@pytest.fixture(scope="module")
def page(notebook):
    """The lesson open in its own page, every cell run, no error output."""
    return notebook(NOTEBOOK)


@pytest.fixture(scope="module")
def trainer(page):
    page.wait_for(".mazur-digits")
    return page.page.locator(".mazur-digits").first


def _box(trainer, label: str):
    return trainer.locator(f".widget-text:has(> label.widget-label:text-is('{label}')) input")


def _type(box, text: str) -> None:
    box.fill(text)
    box.press("Enter")  # the boxes send their value on Enter (continuous_update=False)


def _expected_result(epochs: int) -> str:
    data = logistic.load_nines()
    scores = logistic.evaluate(logistic.train(data, 1.0, epochs), data)
    return (
        f"test accuracy {100 * scores.accuracy:.1f} % ({scores.correct} of {scores.m}), "
        f"precision {100 * scores.precision:.1f} %, recall {100 * scores.recall:.1f} %"
    )


# -- the tests -------------------------------------------------------------------------------


def test_notebook_shows_the_comparison_with_sklearn(page, expect):
    # An ordinary output of the run: the unit against LogisticRegression.
    cell = page.page.locator(".jp-OutputArea-output", has_text="Comparison(test accuracy")
    expect(cell.first).to_contain_text("scikit-learn LogisticRegression(C=1)")


def test_train_button_trains_and_fills_the_progress_bar(trainer, expect):
    result = trainer.locator(".mazur-digits-result")
    progress = trainer.locator(".widget-hprogress")
    expect(_box(trainer, "learning rate")).to_have_value("1")
    expect(_box(trainer, "epochs")).to_have_value("2000")
    expect(result).to_contain_text("Press Train")

    _type(_box(trainer, "epochs"), str(EPOCHS))
    trainer.locator("button.widget-button", has_text="Train").click()

    expect(result).to_contain_text(f"after {EPOCHS} epochs at learning rate 1")
    expect(result).to_contain_text(_expected_result(EPOCHS))
    expect(progress.locator(".widget-label")).to_have_text(f"{EPOCHS} epochs")
    expect(progress.locator(".progress-bar")).to_have_attribute(
        "style", re.compile(r"width:\s*100%")
    )
    image = trainer.locator("img.widget-image")
    trainer.page.wait_for_function(
        "(img) => img.complete && img.naturalWidth > 0", arg=image.element_handle()
    )
    expect(trainer.locator(".mazur-message")).to_have_text("")


def test_bad_learning_rate_shows_a_message_and_keeps_the_result(trainer, expect):
    result = trainer.locator(".mazur-digits-result")
    message = trainer.locator(".mazur-message")
    rate = _box(trainer, "learning rate")
    train = trainer.locator("button.widget-button", has_text="Train")
    _type(rate, "1")
    _type(_box(trainer, "epochs"), str(EPOCHS))
    train.click()
    expect(result).to_contain_text(f"after {EPOCHS} epochs at learning rate 1:")
    shown = result.inner_text()

    _type(rate, "0")
    train.click()
    expect(message).to_contain_text("learning_rate: 0 is not allowed")
    expect(message).to_contain_text("expected a number above 0")
    expect(result).to_have_text(shown)
    expect(rate).to_have_value("0")  # what was typed stays in the box

    _type(rate, "fast")
    train.click()
    expect(message).to_contain_text('learning_rate: "fast" is not a number')
    expect(result).to_have_text(shown)

    # A valid rate again: the message goes, a new result comes.
    _type(rate, "0.5")
    train.click()
    expect(message).to_have_text("")
    expect(result).to_contain_text(f"after {EPOCHS} epochs at learning rate 0.5")
