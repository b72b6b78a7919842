"""Serve the course as an app: Voila in tree mode over the notebooks.

``mazur-nn serve`` runs Voila (the ``serve`` extra) on a copy of the
lessons, the ``*.ipynb`` at the top of the notebooks' folder (not its
subfolders: ``notebooks/teacher`` shows the answers, and not a progress
file a JupyterLab session left there), as the static site does: a student
opens ``/voila/tree``, picks a lesson, and sees its
outputs and widgets with the code hidden. Each page gets a kernel of its
own, which runs the notebook top to bottom and then answers the widgets;
Voila lets a page send widget messages only, never code, so no one runs
code of their own. The links between lessons (``05-playground.ipynb``)
open ``/voila/render/05-playground.ipynb``.

Nothing is loaded from another host: the server runs Voila with
:data:`TEMPLATE`, Voila's ``lab`` template without its Font Awesome
stylesheets from a CDN (Voila's own bundle carries the icons), from
``share/`` beside this module, which also holds the kernel spec that runs
each lesson's kernel through :mod:`mazur_nn.delivery.kernel` (lighter, and
a progress file per kernel).

>>> check_port("8866")
8866
>>> try:
...     check_port("http")
... except ServeError as exc:
...     print(exc)
--port: 'http' is not a port; expected a whole number from 1 to 65535
>>> command(Path("notebooks"), 8866, open_browser=False)[3:5]
['notebooks', '--port=8866']
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from mazur_nn.delivery.kernel import PROGRESS_DIR_VAR
from mazur_nn.delivery.site import default_notebooks

DEFAULT_PORT = 8866
HOST = "127.0.0.1"
TEMPLATE = "mazur"
SHARE = Path(__file__).resolve().parent / "share"  # a Jupyter data folder
TREE_PATH = "/voila/tree"
# The JupyterLab extensions a page loads: Voila's widget manager, ipywidgets', anywidget's.
EXTENSIONS = (
    "@voila-dashboards/widgets-manager8",
    "@jupyter-widgets/jupyterlab-manager",
    "anywidget",
)


class ServeError(ValueError):
    """The course cannot be served: one line saying why and what to do."""


def check_port(text: str) -> int:
    """The port ``text`` names: a whole number from 1 to 65535."""
    digits = text.strip()
    expected = "expected a whole number from 1 to 65535"
    if not (digits.isascii() and digits.isdigit()):
        shown = repr(text[:60])
        raise ServeError(f"--port: {shown} is not a port; {expected}")
    if len(digits) > 5 or not 1 <= int(digits) <= 65535:
        raise ServeError(f"--port: {digits[:60]} is out of range; {expected}")
    return int(digits)


def check_tools() -> None:
    """``ServeError`` unless Voila is installed."""
    if importlib.util.find_spec("voila") is None:
        raise ServeError(
            "serving the course needs voila, which this Python does not have; "
            'install it with: pip install -e ".[serve]"'
        )


def check_free(host: str, port: int) -> None:
    """``ServeError`` if ``port`` on ``host`` cannot be listened on."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        try:
            probe.bind((host, port))
        except OSError as exc:
            reason = "it is in use" if exc.errno == 98 else exc.strerror
            raise ServeError(
                f"--port: cannot listen on {host}:{port} ({reason}); "
                "name another port with --port N"
            ) from None


def url(port: int, host: str = HOST) -> str:
    """The address of the course's list of lessons."""
    return f"http://{host}:{port}{TREE_PATH}"


def command(notebooks: Path, port: int, host: str = HOST, open_browser: bool = True) -> list[str]:
    """The Voila command line that serves ``notebooks`` on ``host:port``."""
    return [
        sys.executable,
        "-m",
        "voila",
        str(notebooks),
        f"--port={port}",
        f"--Voila.ip={host}",
        "--Voila.port_retries=0",
        f"--Voila.open_browser={open_browser}",
        f"--template={TEMPLATE}",
        "--theme=light",
        "--VoilaConfiguration.strip_sources=True",
        "--VoilaConfiguration.show_tracebacks=False",
        # The plain list of lessons (real links; no JupyterLab file browser, which
        # starts the widget extensions on a page without a kernel and logs errors).
        "--VoilaConfiguration.classic_tree=True",
        # Widget messages leave at once, not after the browser's delayed ACK
        # (see mazur_nn.delivery.nodelay).
        "--Voila.kernel_websocket_connection_class=mazur_nn.delivery.nodelay.NoDelayConnection",
        # Only the JupyterLab extensions the lessons' widgets need (Voila adds its
        # own): none of whatever else this Python has installed is loaded.
        *(f"--VoilaConfiguration.extension_allowlist={name}" for name in EXTENSIONS),
    ]


def environment(progress_dir: Path, base: dict[str, str] | None = None) -> dict[str, str]:
    """Voila's environment: :data:`SHARE` first on the Jupyter path (the
    template and the lessons' kernel spec), the kernels' progress folder."""
    env = dict(os.environ if base is None else base)
    env["JUPYTER_PATH"] = os.pathsep.join(p for p in (str(SHARE), env.get("JUPYTER_PATH")) if p)
    env[PROGRESS_DIR_VAR] = str(progress_dir)
    env.setdefault("MPLBACKEND", "Agg")
    return env


def notebooks_folder(notebooks: str | Path | None) -> Path:
    """The folder to serve: ``notebooks``, or the checkout's ``notebooks/``."""
    folder = Path(notebooks) if notebooks is not None else default_notebooks()
    if not folder.is_dir():
        raise ServeError(f"--notebooks: {folder} is not a folder")
    if not any(folder.glob("*.ipynb")):
        raise ServeError(f"--notebooks: {folder} holds no notebook (*.ipynb)")
    return folder.resolve()


def copy_lessons(folder: Path, into: Path) -> list[str]:
    """Copy the lessons of ``folder`` (its ``*.ipynb``, not its subfolders)
    into the folder ``into``; their names."""
    names = sorted(p.name for p in folder.glob("*.ipynb") if p.is_file())
    for name in names:
        shutil.copy2(folder / name, into / name)
    return names


def serve(
    notebooks: str | Path | None = None,
    port: int = DEFAULT_PORT,
    host: str = HOST,
    open_browser: bool = True,
    say: Callable[[str], object] = print,
) -> int:
    """Run Voila until it stops (Ctrl-C, or SIGTERM to this process); its
    exit code (0, or minus the signal that stopped it)."""
    folder = notebooks_folder(notebooks)
    check_tools()
    check_free(host, port)
    with tempfile.TemporaryDirectory(prefix="mazur-serve-") as tmp:
        lessons, progress = Path(tmp) / "lessons", Path(tmp) / "progress"
        lessons.mkdir()
        progress.mkdir()
        copy_lessons(folder, lessons)
        say(f"serving the course at {url(port, host)} (Ctrl-C stops it)")
        process = subprocess.Popen(
            command(lessons, port, host, open_browser),
            cwd=lessons,
            env=environment(progress),
            stdin=subprocess.DEVNULL,
        )
        # A stop request for this process (a service manager's) stops Voila,
        # which shuts its kernels down.
        previous = signal.signal(signal.SIGTERM, lambda *_: process.terminate())
        try:
            return process.wait()
        except KeyboardInterrupt:
            # Voila got the same Ctrl-C; let it shut its kernels down.
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.terminate()
                process.wait(timeout=10)
            raise
        finally:
            signal.signal(signal.SIGTERM, previous)
