"""The Python kernel behind each page of ``mazur-nn serve``: ipykernel,
lighter, with a progress file of its own.

Voila starts one kernel per page a student opens, so what a kernel holds
is paid once per student. A lesson's kernel needs the course and what it
imports (sympy, ipywidgets; numpy, matplotlib, scikit-learn only in the
lessons that use them), not what a kernel offers a person who types code,
which no one can do in Voila (it lets pages send widget messages only):

- no jedi (IPython's code completion: about 15 MB), no debugpy (the
  debugger: about 10 MB); IPython and ipykernel do without both;
- no terminal: ``IPython.embed`` (which loads prompt_toolkit and wcwidth,
  about 7 MB, for a terminal no page has) is a stand-in that says so;
- no input history (IPython's SQLite file, which 30 kernels would share)
  and no output cache (``Out``, which would keep every figure and table a
  lesson showed for as long as the page is open): the kernel spec's
  options;
- after each cell the page runs, the kernel hands the memory it freed back
  to the system (glibc's ``malloc_trim``; elsewhere nothing is done):
  sympy's derivations leave a few MB free but held, which every open page
  would keep (:func:`load_ipython_extension`, loaded by the kernel spec;
  the widgets' work after the page has loaded is not trimmed);
- the exercises' progress goes to a file of this kernel's own in the folder
  that ``mazur-nn serve`` names (:data:`PROGRESS_DIR_VAR`) and removes when
  it stops, so students never see each other's answers; a page reloaded is
  a new kernel and starts afresh.

``mazur-nn serve`` puts a kernel spec named ``python3`` (the notebooks'
kernel) first on Voila's Jupyter path, which runs ``python -m
mazur_nn.delivery.kernel -f CONNECTION_FILE``.

>>> blocked_modules()
('jedi', 'debugpy')
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import runpy
import sys
import types
from collections.abc import Callable
from typing import Any

PROGRESS_DIR_VAR = "MAZUR_NN_SERVE_PROGRESS_DIR"
PROGRESS_VAR = "MAZUR_NN_PROGRESS"  # read by mazur_nn.exercises.progress
_BLOCKED = ("jedi", "debugpy")
_EMBED = "IPython.terminal.embed"


def blocked_modules() -> tuple[str, ...]:
    """The modules a lesson's kernel never loads."""
    return _BLOCKED


def no_terminal_embed(**_kwargs: object) -> None:
    """Stands in for ``IPython.embed``: a lesson's kernel has no terminal."""
    raise RuntimeError("IPython.embed needs a terminal; a lesson's kernel in the app has none")


def memory_trimmer() -> Callable[[], int] | None:
    """glibc's ``malloc_trim(0)`` (gives freed heap memory back to the
    system and says 1 if it gave any), or None where the C library has none."""
    name = ctypes.util.find_library("c") or "libc.so.6"  # a minimal image: no ldconfig
    try:
        trim = ctypes.CDLL(name).malloc_trim
    except (OSError, AttributeError):
        return None
    trim.argtypes = [ctypes.c_size_t]
    trim.restype = ctypes.c_int
    return lambda: trim(0)


def load_ipython_extension(shell: Any) -> None:
    """Trim the heap after every cell the page runs (IPython calls this when
    the kernel spec names this module in ``--IPKernelApp.extensions``)."""
    trim = memory_trimmer()
    if trim is not None:
        shell.events.register("post_run_cell", lambda _result: trim())


def prepare(environ: dict[str, str] | os._Environ = os.environ) -> None:
    """Block :func:`blocked_modules` (an import of one raises ImportError,
    which IPython and ipykernel take as "not installed"), put the stand-in
    for ``IPython.embed`` in place (IPython imports it when it starts) and
    give this kernel its own progress file when the server named a folder."""
    for name in _BLOCKED:
        sys.modules.setdefault(name, None)  # type: ignore[arg-type]
    if _EMBED not in sys.modules:
        embed = types.ModuleType(_EMBED, no_terminal_embed.__doc__)
        embed.embed = no_terminal_embed  # type: ignore[attr-defined]
        sys.modules[_EMBED] = embed
    folder = environ.get(PROGRESS_DIR_VAR, "")
    if folder:
        environ[PROGRESS_VAR] = os.path.join(folder, f"progress-{os.getpid()}.json")


def main() -> None:
    """Start ipykernel as ``python -m ipykernel_launcher`` would."""
    prepare()
    runpy.run_module("ipykernel_launcher", run_name="__main__", alter_sys=True)


if __name__ == "__main__":
    main()
