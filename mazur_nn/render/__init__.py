"""Records in, text or pictures out: tables, equations, handouts (text,
Markdown, LaTeX, JSON), the network diagram (:mod:`mazur_nn.render.svg`:
SVG written in pure Python, no matplotlib) and the plots (matplotlib,
through :func:`mazur_nn.render.figure.figure`, imported at the first plot).

>>> from mazur_nn import mazur_example
>>> from mazur_nn.course.steps import build_lesson
>>> from mazur_nn.render.svg import Diagram
>>> print(str(Diagram(build_lesson(mazur_example()), "net_h1")).splitlines()[0])
Step 1 of 38: Net input of h1
"""
