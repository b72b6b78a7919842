"""Lessons 06-11 need numpy, matplotlib and (08, 11) scikit-learn; where
those cannot be imported (the course in a browser built offline), importing
the lesson says so in one message that IPython shows without a traceback."""

import subprocess
import sys

import pytest

LESSONS = {
    "calculus": ("06", ["numpy", "matplotlib"]),
    "descent": ("07", ["numpy", "matplotlib"]),
    "logistic": ("08", ["numpy", "scikit-learn", "matplotlib"]),
    "vectorised": ("09", ["numpy", "matplotlib"]),
    "xor": ("10", ["numpy", "matplotlib"]),
    "capabilities": ("11", ["numpy", "scikit-learn", "matplotlib"]),
}

WITHOUT_NUMERIC_LIBRARIES = """
import importlib.util, sys
real = importlib.util.find_spec
hidden = ("numpy", "sklearn", "matplotlib")
importlib.util.find_spec = lambda name, *a: None if name.split(".")[0] in hidden else real(name, *a)
from IPython.core.interactiveshell import InteractiveShell
shell = InteractiveShell.instance()
shell.run_cell("from mazur_nn.lessons import {lesson}")
print("loaded:", sorted(m for m in hidden if m in sys.modules))
"""


@pytest.mark.parametrize("lesson", sorted(LESSONS))
def test_a_lesson_says_what_it_misses_in_one_message(lesson):
    number, libraries = LESSONS[lesson]
    code = WITHOUT_NUMERIC_LIBRARIES.format(lesson=lesson)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    shown = done.stdout + done.stderr
    assert f"Lesson {number} needs {', '.join(libraries[:-1])}" in shown
    assert libraries[-1] in shown and 'pip install "mazur_nn[lab]"' in shown
    assert "Traceback" not in shown and "File " not in shown
    assert "loaded: []" in shown
