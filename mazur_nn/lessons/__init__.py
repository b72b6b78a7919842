"""Lessons 06 to 11, each a package built on the layers below: calculus
(derivatives), descent (gradient descent), logistic (a unit on digits),
vectorised (the 2-3-1 network in matrix form), xor (the layer API) and
capabilities (what networks can and cannot do). They never import each
other.

They need the numeric libraries of the ``lessons`` extra (numpy,
matplotlib, scikit-learn), which the course's pure-Python part (lessons
00-05, the exercises, the quiz) does without: where they cannot be
imported (the course in a browser built offline), importing a lesson says
so in one message, which a notebook shows without a traceback.

>>> needs("06", "math")  # everything there: nothing happens
>>> needs("99", "no_such_library_here")
Traceback (most recent call last):
...
mazur_nn.lessons.MissingLibraries: Lesson 99 needs no_such_library_here, which this ...
"""

from __future__ import annotations

import importlib.util

WHERE = (
    "It runs in JupyterLab or Voila on a machine where the course is installed with "
    '`pip install "mazur_nn[lab]"`, in Binder, or in the course\'s site built with the '
    "full Pyodide distribution (see the README: the course in a browser). Lessons 00 to 05, "
    "the exercises and the quiz run here."
)
NAMES = {"sklearn": "scikit-learn"}


class MissingLibraries(ImportError):
    """A lesson's libraries are not there: one message, shown in a notebook
    without a traceback (IPython's ``_render_traceback_``)."""

    def _render_traceback_(self) -> list[str]:
        return [str(self)]


def needs(lesson: str, *modules: str) -> None:
    """Raise :class:`MissingLibraries` if any of ``modules`` cannot be
    imported (checked without importing them)."""
    missing = [NAMES.get(m, m) for m in modules if importlib.util.find_spec(m) is None]
    if missing:
        listed = ", ".join(missing[:-1]) + (" and " if len(missing) > 1 else "") + missing[-1]
        which = "which this Python does not have" if len(missing) == 1 else "which are not here"
        raise MissingLibraries(f"Lesson {lesson} needs {listed}, {which}. {WHERE}")
