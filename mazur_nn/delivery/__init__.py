"""Delivering the course beyond one JupyterLab: the static site.

``mazur-nn site OUTPUT_DIR`` builds the course as a JupyterLite site, where
the Python kernel runs in the student's browser (Pyodide) and every file
comes from the site itself. The build takes no internet: its inputs (the
Pyodide runtime from npm, pure-Python wheels from PyPI) sit in a folder
that ``--fetch`` fills once (:mod:`mazur_nn.delivery.inputs`).

- :mod:`mazur_nn.delivery.wheels`: what a wheel holds (name, version,
  requirements, modules), and the package's own wheel, written from its
  source;
- :mod:`mazur_nn.delivery.lock`: the Pyodide lock file of the site, which
  lists only the wheels the site has, so ``import mazur_nn`` loads them;
- :mod:`mazur_nn.delivery.inputs`: the inputs, where they are kept and how
  they are fetched;
- :mod:`mazur_nn.delivery.site`: the build itself.

Nothing here is imported by the course: it is the teacher's tool.

>>> from mazur_nn.delivery import site
>>> site.PYODIDE_VERSION
'314.0.7'
"""
