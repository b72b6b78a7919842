"""The course's static site (JupyterLite) built, served and opened in Chromium.

Shared by ``tests/browser/test_site_in_browser.py`` and
``benchmarks/bench_site.py``:

* :func:`site_inputs` finds the inputs of ``mazur-nn site`` (the Pyodide
  runtime from npm, wheels from PyPI) and fetches what is missing, once per
  machine (the folder is ``$MAZUR_NN_SITE_INPUTS`` or the user's cache);
* :func:`build_site` builds the site into a folder, as ``mazur-nn site`` does;
* :func:`serve` serves a folder on a free loopback port from a thread and
  counts the bytes and requests it answers;
* :class:`SitePage` opens a notebook of the site in a browser context of its
  own (its own storage, so one test's progress is not another's), waits
  for the in-browser kernel, runs every cell and reads the notebook's
  outputs from its model (what the page shows is the same, but cells out of
  view are not laid out). Every request of the context is kept, workers'
  (the kernel's wheels) included, so a test can check that none left the
  host.
"""

from __future__ import annotations

import functools
import http.server
import threading
import time
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from lab import VIEWPORT  # tests/browser/lab.py (on sys.path beside this file)

from mazur_nn.delivery import inputs as site_inputs_module
from mazur_nn.delivery import site

HOST = "127.0.0.1"

_KERNEL_IDLE = """() => {
    const w = window.jupyterapp && window.jupyterapp.shell.currentWidget;
    const s = w && w.sessionContext;
    return !!(s && s.session && s.session.kernel && s.session.kernel.status === 'idle');
}"""
_ALL_RUN = """() => {
    const prompts = [...document.querySelectorAll(
        '.jp-NotebookPanel:not(.lm-mod-hidden) .jp-InputPrompt')];
    const s = window.jupyterapp.shell.currentWidget.sessionContext;
    return prompts.length > 0 && prompts.every((p) => !p.textContent.includes('*'))
        && s.session && s.session.kernel && s.session.kernel.status === 'idle';
}"""
_OUTPUTS = """() => window.jupyterapp.shell.currentWidget.content.model.toJSON().cells
    .filter((c) => c.cell_type === 'code')
    .map((c) => ({source: Array.isArray(c.source) ? c.source.join('') : c.source,
                  outputs: c.outputs}))"""


class InputsUnavailable(RuntimeError):
    """The inputs are not there and cannot be fetched (no npm, no registry)."""


def site_inputs() -> site_inputs_module.Inputs:
    """The inputs of the site, fetched if some are missing."""
    inputs = site_inputs_module.Inputs(site_inputs_module.default_folder())
    try:
        inputs.wheels(site_inputs_module.needs(inputs.lock()).wheels())
    except site_inputs_module.MissingInputs:
        try:
            inputs.fetch(say=lambda message: None)
        except (site_inputs_module.MissingInputs, OSError) as exc:
            raise InputsUnavailable(str(exc)) from None
    return inputs


def build_site(output: Path) -> site.Site:
    """Build the course's site into ``output`` (as ``mazur-nn site`` does)."""
    return site.build(output, site_inputs(), say=lambda message: None)


@dataclass
class Server:
    """A folder served on the loopback: its base URL, and what it answered."""

    url: str
    requests: list[str] = field(default_factory=list)
    sent: int = 0  # bytes of the bodies answered since the last reset
    lock: threading.Lock = field(default_factory=threading.Lock)

    def reset(self) -> None:
        with self.lock:
            self.requests.clear()
            self.sent = 0


def _handler(server: Server, folder: Path):
    class Handler(http.server.SimpleHTTPRequestHandler):
        extensions_map = {
            **http.server.SimpleHTTPRequestHandler.extensions_map,
            ".wasm": "application/wasm",
            ".mjs": "text/javascript",
            ".js": "text/javascript",
            ".json": "application/json",
        }

        def copyfile(self, source, outputfile):
            before = source.tell()
            super().copyfile(source, outputfile)
            with server.lock:
                server.sent += source.tell() - before

        def send_response(self, code, message=None):
            with server.lock:
                server.requests.append(f"{code} {urllib.parse.unquote(self.path)}")
            super().send_response(code, message)

        def log_message(self, format, *args):  # noqa: A002 - quiet
            pass

    return functools.partial(Handler, directory=str(folder))


@contextmanager
def serve(folder: Path) -> Iterator[Server]:
    """Serve ``folder`` on ``127.0.0.1`` (a free port) until the block ends."""
    httpd = http.server.ThreadingHTTPServer((HOST, 0), None)  # type: ignore[arg-type]
    server = Server(url=f"http://{HOST}:{httpd.server_address[1]}")
    httpd.RequestHandlerClass = _handler(server, folder)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=10)


def leaves_host(url: str) -> bool:
    """Whether a request for ``url`` goes to another host than 127.0.0.1
    (``blob:`` URLs of the page's origin and ``data:`` URLs stay)."""
    if url.startswith("data:"):
        return False
    if url.startswith("blob:"):
        url = url[len("blob:") :]
    return urllib.parse.urlsplit(url).hostname != HOST


class SitePage:
    """One notebook of the site in a browser context of its own."""

    def __init__(
        self, browser, server: Server, name: str, timeout_ms: float = 120_000, context=None
    ) -> None:
        """A new context of ``browser``, or ``context`` (a persistent one,
        with a disk cache as a student's browser has) when given."""
        self.server = server
        self.name = name
        self.timeout_ms = timeout_ms
        self.context = context or browser.new_context(viewport=VIEWPORT)
        self.requests: list[str] = []
        self.console: list[str] = []
        self.context.on("request", lambda request: self.requests.append(request.url))
        self.page = self.new_tab()

    def new_tab(self):
        """A new page of the context, its console kept."""
        page = self.context.new_page()
        page.set_default_timeout(60_000)
        page.on("console", lambda m: self.console.append(f"{m.type}: {m.text}"))
        page.on("pageerror", lambda e: self.console.append(f"pageerror: {e}"))
        return page

    @property
    def url(self) -> str:
        return site.entry_url(self.server.url, self.name)

    def open(self) -> float:
        """Open the notebook and wait until its kernel is idle; the seconds it took."""
        start = time.perf_counter()
        self.page.goto(self.url)
        self.wait_for_kernel_idle()
        return time.perf_counter() - start

    def reload(self) -> float:
        start = time.perf_counter()
        self.page.reload()
        self.wait_for_kernel_idle()
        return time.perf_counter() - start

    def reopen(self) -> float:
        """Close the tab (its kernel, a worker of the tab, ends with it) and
        open the notebook in a new tab of the same browser context, as a
        student who closed the tab and came back; the seconds it took."""
        self.page.close()
        self.page = self.new_tab()
        return self.open()

    def wait_for_kernel_idle(self, timeout_ms: float | None = None) -> None:
        self.page.wait_for_function(_KERNEL_IDLE, timeout=timeout_ms or self.timeout_ms)

    def run_all(self, timeout_ms: float | None = None) -> float:
        """Run every cell (the menu's Run All) and wait until all have run."""
        start = time.perf_counter()
        self.page.evaluate(
            "() => { window.jupyterapp.commands.execute('notebook:run-all-cells'); }"
        )
        self.page.wait_for_timeout(500)
        self.wait_all_run(timeout_ms)
        return time.perf_counter() - start

    def wait_all_run(self, timeout_ms: float | None = None) -> None:
        """Wait until no cell is queued or running and the kernel is idle."""
        self.page.wait_for_function(_ALL_RUN, timeout=timeout_ms or self.timeout_ms, polling=250)

    def cells(self) -> list[dict]:
        """Every code cell's source and outputs, from the notebook's model."""
        return self.page.evaluate(_OUTPUTS)

    def errors(self) -> list[str]:
        """The error outputs of the notebook (name: value)."""
        return [
            f"{o.get('ename')}: {o.get('evalue')}"
            for cell in self.cells()
            for o in cell["outputs"]
            if o.get("output_type") == "error"
        ]

    def stderr(self) -> list[str]:
        """What cells wrote on stderr (a warning shows as a red box)."""
        return [
            "".join(o.get("text", ""))
            for cell in self.cells()
            for o in cell["outputs"]
            if o.get("output_type") == "stream" and o.get("name") == "stderr"
        ]

    def left_host(self) -> list[str]:
        return sorted({u for u in self.requests if leaves_host(u)})

    def close(self) -> None:
        self.context.close()
