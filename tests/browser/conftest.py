"""Browser tests: one JupyterLab server and one Chromium for the whole
session, each notebook opened and run once (``notebook(name)``).

Needs Debian's ``/usr/bin/chromium`` and Python ``playwright`` (no browser
download). Without them the tests are skipped, except under CI (the ``CI``
environment variable set), where they fail.
"""

from __future__ import annotations

import os

import pytest
from lab import (  # tests/browser/lab.py (pytest puts this folder on sys.path)
    CHROMIUM,
    NotebookPage,
    chromium_available,
    jupyter_lab,
    launch_chromium,
)


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "browser: drives the widgets in a real JupyterLab and Chromium (slow, ~1 minute)",
    )


def _missing_browser(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI is set: the browser test must run in CI)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def playwright_api():
    if not chromium_available():
        _missing_browser(f"{CHROMIUM} not found (Debian package 'chromium')")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing_browser("Python package 'playwright' not installed")
    with sync_playwright() as api:
        yield api


@pytest.fixture(scope="session")
def browser(playwright_api):
    browser = launch_chromium(playwright_api)
    yield browser
    browser.close()


@pytest.fixture(scope="session")
def lab(playwright_api):
    with jupyter_lab() as lab:
        yield lab


@pytest.fixture(scope="session")
def notebook(lab, browser):
    """``notebook(name)``: the notebook open in its own page, all cells run
    (once per session), with no error output."""
    pages: dict[str, NotebookPage] = {}

    def open_and_run(name: str) -> NotebookPage:
        if name not in pages:
            assert (lab.root / name).exists(), f"notebooks/{name} does not exist"
            page = NotebookPage(browser, lab, name).open()
            page.run_all()
            errors = page.cell_errors()
            assert not errors, f"{name}: cells raised:\n" + "\n".join(errors)
            pages[name] = page
        return pages[name]

    yield open_and_run
    for page in pages.values():
        page.close()


@pytest.fixture(scope="session")
def expect():
    from playwright.sync_api import expect

    expect.set_options(timeout=30_000)
    return expect
