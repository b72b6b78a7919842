"""The Python kernel behind each page of ``mazur-nn serve``: ipykernel,
lighter, with a progress file of its own.

Voila starts one kernel per page a student opens, so what a kernel holds
is paid once per student. A lesson's kernel needs the course and what it
imports (sympy, ipywidgets; numpy, matplotlib, scikit-learn only in the
lessons that use them), not what a kernel offers a person who types code,
which no one can do in Voila (it lets pages send widget messages only):

- no jedi (IPython's code completion: about 15 MB), no debugpy (the
  debugger: about 10 MB); IPython and ipykernel do without both;
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

import os
import runpy
import sys

PROGRESS_DIR_VAR = "MAZUR_NN_SERVE_PROGRESS_DIR"
PROGRESS_VAR = "MAZUR_NN_PROGRESS"  # read by mazur_nn.exercises.progress
_BLOCKED = ("jedi", "debugpy")


def blocked_modules() -> tuple[str, ...]:
    """The modules a lesson's kernel never loads."""
    return _BLOCKED


def prepare(environ: dict[str, str] | os._Environ = os.environ) -> None:
    """Block :func:`blocked_modules` (an import of one raises ImportError,
    which IPython and ipykernel take as "not installed") and give this
    kernel its own progress file when the server named a folder."""
    for name in _BLOCKED:
        sys.modules.setdefault(name, None)  # type: ignore[arg-type]
    folder = environ.get(PROGRESS_DIR_VAR, "")
    if folder:
        environ[PROGRESS_VAR] = os.path.join(folder, f"progress-{os.getpid()}.json")


def main() -> None:
    """Start ipykernel as ``python -m ipykernel_launcher`` would."""
    prepare()
    runpy.run_module("ipykernel_launcher", run_name="__main__", alter_sys=True)


if __name__ == "__main__":
    main()
