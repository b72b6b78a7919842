"""The course served as an app (``mazur-nn serve``, Voila) on the loopback.

Shared by ``tests/browser/test_voila_in_browser.py`` and
``benchmarks/bench_voila.py``: :func:`voila_app` starts ``mazur-nn serve``
on a free port of 127.0.0.1 over a temporary copy of the notebooks, waits
until the list of lessons answers, and stops the server and every kernel
it started.
"""

from __future__ import annotations

import os
import shutil
import signal
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

from lab import NOTEBOOKS, REPO, free_port  # tests/browser/lab.py (on sys.path beside this file)

HOST = "127.0.0.1"


@dataclass
class App:
    url: str
    port: int
    process: subprocess.Popen
    log: Path

    def log_tail(self, chars: int = 4000) -> str:
        try:
            return self.log.read_text(errors="replace")[-chars:]
        except OSError:
            return ""

    def kernels(self) -> list:
        """The kernels Voila runs now (psutil processes)."""
        import psutil

        try:
            children = psutil.Process(self.process.pid).children(recursive=True)
        except psutil.NoSuchProcess:
            return []
        return [p for p in children if "mazur_nn.delivery.kernel" in " ".join(_cmdline(p))]


def _cmdline(process) -> list[str]:
    try:
        return process.cmdline()
    except Exception:  # gone, or not ours to read
        return []


@contextmanager
def voila_app(
    extra_notebooks: dict[str, str] | None = None, timeout: float = 60.0
) -> Iterator[App]:
    """``mazur-nn serve`` on a copy of ``notebooks/`` (plus ``extra_notebooks``:
    name -> notebook JSON); stopped on exit."""
    import psutil

    tmp = Path(tempfile.mkdtemp(prefix="mazur-voila-"))
    root = tmp / "notebooks"
    root.mkdir()
    # The whole folder, teacher/ too: the app must not serve that.
    shutil.copytree(NOTEBOOKS, root, dirs_exist_ok=True)
    for name, text in (extra_notebooks or {}).items():
        (root / name).write_text(text)
    env = dict(os.environ)
    env.pop("MAZUR_NN_PROGRESS", None)
    env.update(
        PYTHONPATH=os.pathsep.join(p for p in (str(REPO), env.get("PYTHONPATH", "")) if p),
        JUPYTER_RUNTIME_DIR=str(tmp / "runtime"),
        IPYTHONDIR=str(tmp / "ipython"),
        MPLBACKEND="Agg",
    )
    port = free_port()
    command = [sys.executable, "-m", "mazur_nn.cli", "serve", "--no-browser"]
    command += ["--port", str(port), "--notebooks", str(root)]
    log = tmp / "voila.log"
    with open(log, "wb") as log_file:
        process = subprocess.Popen(
            command,
            cwd=tmp,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log_file,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    app = App(url=f"http://{HOST}:{port}", port=port, process=process, log=log)
    try:
        deadline = time.monotonic() + timeout
        while True:
            if process.poll() is not None:
                raise RuntimeError(
                    f"mazur-nn serve exited with {process.returncode}:\n{app.log_tail()}"
                )
            try:
                with urllib.request.urlopen(f"{app.url}/voila/tree", timeout=2) as answer:
                    if answer.status == 200:
                        break
            except (OSError, urllib.error.URLError):
                if time.monotonic() > deadline:
                    raise RuntimeError(f"Voila did not answer:\n{app.log_tail()}") from None
                time.sleep(0.25)
        yield app
    finally:
        try:
            family = psutil.Process(process.pid).children(recursive=True)
        except psutil.NoSuchProcess:
            family = []
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)  # serve stops Voila, Voila its kernels
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)
        _, alive = psutil.wait_procs(family, timeout=5)
        for leftover in alive:
            try:
                leftover.kill()
            except psutil.NoSuchProcess:
                pass
        shutil.rmtree(tmp, ignore_errors=True)
