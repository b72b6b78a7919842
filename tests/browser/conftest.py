"""Browser tests: register their marker (``pytest -m browser`` / ``-m "not browser"``)."""


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "browser: drives the widgets in a real JupyterLab and Chromium (slow, ~1 minute)",
    )
