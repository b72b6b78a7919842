"""Drive the course's widgets in a real JupyterLab and a real Chromium.

Shared by ``tests/browser/test_widgets_in_browser.py`` and
``benchmarks/bench_browser.py``:

* :func:`jupyter_lab` starts JupyterLab on a free loopback port, serving a
  temporary copy of ``notebooks/*.ipynb`` (autosave never touches the stored
  outputs) with its own settings, workspaces and runtime folders (no news
  toast, no update check, no windowed notebook), and stops it and every
  kernel it started.
* :func:`launch_chromium` starts Debian's Chromium through Playwright with
  the flags this machine needs (no sandbox as root, no background network).
* :class:`NotebookPage` opens a notebook, waits for its kernel, runs all
  cells and reads texts.

Everything here is plain Python; no browser is downloaded (never run
``playwright install``).
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
NOTEBOOKS = REPO / "notebooks"
ARTIFACTS = REPO / "artifacts" / "browser"
SCREENSHOTS = REPO / "docs" / "screenshots"

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORT = {"width": 1400, "height": 1000}

# User settings given to the temporary JupyterLab: no news/update toasts,
# no notification toasts at all, every cell in the DOM (no windowing), no
# autosave (nothing is written while a test or a measurement runs).
_USER_SETTINGS = {
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
        "fetchNews": "false",
        "checkForUpdates": False,
        "doNotDisturbMode": True,
    },
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {
        "windowingMode": "none",
    },
    "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings": {
        "autosave": False,
    },
}


def chromium_available() -> bool:
    return Path(CHROMIUM).exists()


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def notebook_json(cells: list[str]) -> str:
    """A minimal notebook (code cells, Python 3 kernel) as JSON text."""
    return json.dumps(
        {
            "cells": [
                {
                    "cell_type": "code",
                    "execution_count": None,
                    "id": f"cell-{i}",
                    "metadata": {},
                    "outputs": [],
                    "source": source,
                }
                for i, source in enumerate(cells)
            ],
            "metadata": {
                "kernelspec": {
                    "display_name": "Python 3 (ipykernel)",
                    "language": "python",
                    "name": "python3",
                },
                "language_info": {"name": "python"},
            },
            "nbformat": 4,
            "nbformat_minor": 5,
        },
        indent=1,
    )


@dataclass
class Lab:
    """A running JupyterLab server."""

    url: str
    root: Path
    process: subprocess.Popen
    log: Path

    def notebook_url(self, name: str, workspace: str | None = None) -> str:
        """``/lab/tree/<name>``; with ``workspace``, in a workspace of its own
        (pages for several notebooks then never restore each other's tabs)."""
        if workspace:
            return f"{self.url}/lab/workspaces/{workspace}/tree/{name}"
        return f"{self.url}/lab/tree/{name}"

    def log_tail(self, chars: int = 4000) -> str:
        try:
            return self.log.read_text(errors="replace")[-chars:]
        except OSError:
            return ""


def _get(url: str, timeout: float = 2.0) -> bytes:
    with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 (loopback)
        return response.read()


def _processes_mentioning(marker: str) -> list[int]:
    """Pids whose command line contains ``marker`` (our unique runtime folder)."""
    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if marker in cmdline:
            pids.append(int(entry.name))
    return pids


def _stop_pids(pids: list[int], grace: float = 5.0) -> None:
    for pid in pids:
        try:
            os.kill(pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
    deadline = time.monotonic() + grace
    while time.monotonic() < deadline and any(Path(f"/proc/{p}").exists() for p in pids):
        time.sleep(0.1)
    for pid in pids:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


@contextmanager
def jupyter_lab(
    extra_notebooks: dict[str, str] | None = None, timeout: float = 60.0
) -> Iterator[Lab]:
    """Start JupyterLab on a copy of ``notebooks/*.ipynb`` (plus
    ``extra_notebooks``: name -> notebook JSON) in a temporary folder; stop
    it, and every kernel it started, on exit."""
    tmp = Path(tempfile.mkdtemp(prefix="mazur-lab-"))
    root = tmp / "notebooks"
    root.mkdir()
    for notebook in sorted(NOTEBOOKS.glob("*.ipynb")):
        shutil.copy2(notebook, root / notebook.name)
    for name, text in (extra_notebooks or {}).items():
        (root / name).write_text(text)
    settings = tmp / "user-settings"
    for rel, values in _USER_SETTINGS.items():
        path = settings / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values))
    runtime = tmp / "runtime"
    runtime.mkdir()
    env = dict(os.environ)
    env.pop("MAZUR_NN_PROGRESS", None)  # progress goes next to the copied notebooks
    env.update(
        JUPYTER_RUNTIME_DIR=str(runtime),
        JUPYTER_CONFIG_DIR=str(tmp / "config"),
        JUPYTERLAB_SETTINGS_DIR=str(settings),
        JUPYTERLAB_WORKSPACES_DIR=str(tmp / "workspaces"),
        PYTHONPATH=os.pathsep.join(p for p in (str(REPO), env.get("PYTHONPATH", "")) if p),
        MPLBACKEND="Agg",
    )
    port = free_port()
    command = [
        sys.executable,
        "-m",
        "jupyterlab",
        "--no-browser",
        "--ip=127.0.0.1",
        f"--port={port}",
        "--ServerApp.port_retries=0",
        "--ServerApp.token=",
        "--ServerApp.password=",
        f"--ServerApp.root_dir={root}",
        "--LabApp.expose_app_in_browser=True",
        "--LabApp.news_url=None",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        f"--LabApp.user_settings_dir={settings}",
        f"--LabApp.workspaces_dir={tmp / 'workspaces'}",
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")
    log = tmp / "jupyterlab.log"
    with open(log, "wb") as log_file:
        process = subprocess.Popen(
            command,
            cwd=root,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log_file,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    lab = Lab(url=f"http://127.0.0.1:{port}", root=root, process=process, log=log)
    try:
        deadline = time.monotonic() + timeout
        while True:
            if process.poll() is not None:
                raise RuntimeError(
                    f"JupyterLab exited with {process.returncode}:\n{lab.log_tail()}"
                )
            try:
                json.loads(_get(f"{lab.url}/api/status"))
                break
            except (OSError, urllib.error.URLError, ValueError):
                if time.monotonic() > deadline:
                    raise RuntimeError(
                        f"JupyterLab did not answer within {timeout:.0f} s:\n{lab.log_tail()}"
                    ) from None
                time.sleep(0.25)
        yield lab
    finally:
        # SIGTERM makes the server shut its kernels down; then make sure.
        if process.poll() is None:
            try:
                os.killpg(process.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                try:
                    os.killpg(process.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                process.wait(timeout=10)
        # Kernels run in sessions of their own; their command lines name a
        # connection file in our runtime folder.
        _stop_pids(_processes_mentioning(str(runtime)))
        shutil.rmtree(tmp, ignore_errors=True)


def launch_chromium(playwright, headless: bool = True):
    """Debian's Chromium through Playwright (never a downloaded browser)."""
    return playwright.chromium.launch(
        executable_path=CHROMIUM, headless=headless, args=list(CHROMIUM_FLAGS)
    )


class NotebookPage:
    """One notebook open in its own browser page."""

    def __init__(self, browser, lab: Lab, name: str, timeout_ms: float = 60_000) -> None:
        self.lab = lab
        self.name = name
        self.page = browser.new_page(viewport=VIEWPORT)
        self.page.set_default_timeout(timeout_ms)
        self.console: list[str] = []
        self.page.on("console", lambda m: self.console.append(f"{m.type}: {m.text}"))
        self.page.on("pageerror", lambda e: self.console.append(f"pageerror: {e}"))

    # -- opening and running ------------------------------------------------------

    def open(self, timeout_ms: float = 60_000) -> NotebookPage:
        workspace = "mazur-" + "".join(c if c.isalnum() else "-" for c in self.name)
        self.page.goto(self.lab.notebook_url(self.name, workspace))
        self.page.wait_for_function(
            "() => window.jupyterapp && window.jupyterapp.shell", timeout=timeout_ms
        )
        self.page.wait_for_selector(".jp-NotebookPanel .jp-Notebook", timeout=timeout_ms)
        self.page.wait_for_function(
            """(name) => {
                const w = window.jupyterapp.shell.currentWidget;
                return w && w.context && w.context.path.endsWith(name) && w.sessionContext;
            }""",
            arg=self.name,
            timeout=timeout_ms,
        )
        self.wait_for_kernel_idle(timeout_ms)
        return self

    def wait_for_kernel_idle(self, timeout_ms: float = 60_000) -> None:
        self.page.wait_for_function(
            """() => {
                const w = window.jupyterapp.shell.currentWidget;
                const s = w && w.sessionContext;
                return s && s.isReady && s.session && s.session.kernel
                    && s.session.kernel.status === 'idle';
            }""",
            timeout=timeout_ms,
        )

    def run_all(self, timeout_ms: float = 120_000) -> None:
        """Run every cell (as the menu does) and wait until they have all run."""
        self.page.evaluate(
            "() => { window.__mazurRun = window.jupyterapp.commands"
            ".execute('notebook:run-all-cells').then(() => true); }"
        )
        self.run_all_finished(timeout_ms)

    def run_all_finished(self, timeout_ms: float = 120_000) -> None:
        """Wait until no cell is queued or running and the kernel is idle."""
        # No cell still queued or running ("[*]"), and the kernel idle again.
        self.page.wait_for_function(
            """() => {
                const prompts = [...document.querySelectorAll(
                    '.jp-NotebookPanel:not(.lm-mod-hidden) .jp-InputPrompt')];
                const s = window.jupyterapp.shell.currentWidget.sessionContext;
                return prompts.length > 0
                    && prompts.every(p => !p.textContent.includes('*'))
                    && s.session && s.session.kernel && s.session.kernel.status === 'idle';
            }""",
            timeout=timeout_ms,
            polling=200,
        )

    def cell_errors(self) -> list[str]:
        """Texts of error outputs (tracebacks) shown in the notebook."""
        return self.page.locator(".jp-OutputArea-output[data-mime-type*='error']").all_inner_texts()

    # -- reading ------------------------------------------------------------------

    def wait_for(self, selector: str, timeout_ms: float = 60_000):
        return self.page.wait_for_selector(selector, timeout=timeout_ms)

    def texts(self, selector: str) -> list[str]:
        return [t.strip() for t in self.page.locator(selector).all_inner_texts()]

    def wait_for_text(self, locator, text: str, timeout_ms: float = 30_000) -> None:
        """Wait until ``locator`` (its first match) contains ``text``."""
        locator.first.wait_for(timeout=timeout_ms)
        handle = locator.first.element_handle()
        self.page.wait_for_function(
            "([el, text]) => el.innerText.includes(text)",
            arg=[handle, text],
            timeout=timeout_ms,
            polling="raf",
        )

    def screenshot(self, locator, name: str) -> list[Path]:
        """A picture of one widget (``locator``) for the README: the side
        bar collapsed and the window tall enough that the notebook's toolbar
        covers nothing; saved by :func:`save_screenshot`."""
        page = self.page
        page.evaluate("() => window.jupyterapp.shell.collapseLeft()")
        box = locator.bounding_box()
        height = int(box["height"]) if box else VIEWPORT["height"]
        page.set_viewport_size(
            {"width": VIEWPORT["width"], "height": max(VIEWPORT["height"], height + 300)}
        )
        try:
            page.wait_for_timeout(300)  # let JupyterLab lay itself out again
            locator.evaluate("(el) => el.scrollIntoView({block: 'center'})")
            page.wait_for_timeout(100)
            png = locator.screenshot(animations="disabled", caret="hide")
        finally:
            page.set_viewport_size(VIEWPORT)
        return save_screenshot(png, name)

    def close(self) -> None:
        self.page.close()


def save_screenshot(png: bytes, name: str) -> list[Path]:
    """Write ``png`` to ``artifacts/browser/<name>`` and, when
    ``MAZUR_UPDATE_SCREENSHOTS=1``, also to ``docs/screenshots/<name>``."""
    targets = [ARTIFACTS]
    if os.environ.get("MAZUR_UPDATE_SCREENSHOTS") == "1":
        targets.append(SCREENSHOTS)
    written = []
    for folder in targets:
        folder.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(png)
        written.append(folder / name)
    return written


class StepperView:
    """The parts of one ``mazur_nn.widgets.stepper.Stepper`` on the page (``root`` is
    a Playwright locator of its ``.mazur-stepper`` box)."""

    def __init__(self, root) -> None:
        self.root = root
        self.title = root.locator("h3")
        self.value = root.locator(".mazur-value")
        self.position = root.locator(".mazur-position")
        self.diagram = root.locator(".mazur-diagram-svg svg")
        self.check = root.locator(".mazur-check")
        self.formula = root.locator(".widget-htmlmath")
        self.jump = root.locator(".widget-dropdown select")
        self.next_button = root.locator("button.widget-button", has_text="Next ▶")
        self.previous_button = root.locator("button.widget-button", has_text="◀ Previous")

    def section_button(self, title: str):
        return self.root.locator(".widget-toggle-button", has_text=title)

    def diagram_text(self) -> str:
        """The drawing's ``<title>`` and ``<desc>`` (they name the step), or ""."""
        if self.diagram.count() == 0:
            return ""
        return self.diagram.first.evaluate(
            "(svg) => [...svg.querySelectorAll(':scope > title, :scope > desc')]"
            ".map((n) => n.textContent).join(' | ')"
        )

    def wait_for_diagram_change(self, old_text: str, timeout_ms: float = 30_000) -> str:
        """Wait until the SVG drawing is on the page, visible, and its title and
        description differ from ``old_text``; return the new text."""
        self.diagram.first.wait_for(timeout=timeout_ms)
        self.root.page.wait_for_function(
            """([root, old]) => {
                const svg = root.querySelector('.mazur-diagram-svg svg');
                if (!svg) return false;
                const box = svg.getBoundingClientRect();
                if (box.width < 10 || box.height < 10) return false;
                const text = [...svg.querySelectorAll(':scope > title, :scope > desc')]
                    .map((n) => n.textContent).join(' | ');
                return text !== old;
            }""",
            arg=[self.root.element_handle(), old_text],
            timeout=timeout_ms,
            polling="raf",
        )
        return self.diagram_text()

    def wait_for_typeset(self, timeout_ms: float = 30_000) -> None:
        """Wait until MathJax has typeset the formula (no raw ``$$`` left)."""
        handle = self.formula.first.element_handle()
        handle.owner_frame().wait_for_function(
            "(el) => !el.innerText.includes('$$') && el.querySelector('mjx-container, .MathJax')",
            arg=handle,
            timeout=timeout_ms,
        )
