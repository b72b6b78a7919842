"""Build the course as a static JupyterLite site, with no internet.

:func:`build` lays out a JupyterLite project in a temporary folder and runs
``jupyter lite build`` (from ``jupyterlite-core`` and
``jupyterlite-pyodide-kernel``, the ``site`` extra) on it:

- ``static/pyodide/``: the Pyodide runtime, every wheel the site has (the
  kernel's, sympy, ipywidgets, anywidget, ..., and ``mazur_nn``'s own,
  written from the running package; test suites left out) and the lock that
  lists exactly those (:mod:`mazur_nn.delivery.lock`), so a cell's
  ``import mazur_nn`` loads the package and what it needs, and nothing is
  asked of another host;
- ``files/``: every notebook (lessons 06 to 11, and lesson 15's cell on
  lesson 09's matrix form, say in one message that they need numpy,
  matplotlib or scikit-learn, unless ``--full``);
- the JupyterLab extensions of the Pyodide kernel, ipywidgets and
  anywidget, the latter two from the very wheels the kernel loads (the
  Python and the JavaScript halves of a widget match); nothing else from
  this Python's JupyterLab;
- ``jupyter-lite.json``: no fallback to PyPI (``disablePyPIFallback``), the
  kernel's packages loaded in one go as Pyodide starts (:data:`PRELOAD`), and
  the app as ``window.jupyterapp`` (as JupyterLab's
  ``expose_app_in_browser``), so a script (the browser test) can drive it.

A student opens the site's address: its ``index.html`` opens the index
notebook in JupyterLab (``lab/index.html?path=00-index.ipynb``); the kernel
starts in the browser and keeps the files it writes (the exercises'
progress) in the browser's storage, next to the notebooks.

>>> entry_url("http://127.0.0.1:8000/", "01-forward-pass.ipynb")
'http://127.0.0.1:8000/lab/index.html?path=01-forward-pass.ipynb'
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import mazur_nn
from mazur_nn.delivery import bytecode
from mazur_nn.delivery import inputs as site_inputs
from mazur_nn.delivery.lock import site_lock
from mazur_nn.delivery.wheels import build_own_wheel, read_wheel, slim_wheel

PYODIDE_VERSION = site_inputs.PYODIDE_VERSION
KERNEL_PLUGIN = "@jupyterlite/pyodide-kernel-extension:kernel"
KERNEL_EXTENSION = "@jupyterlite/pyodide-kernel-extension"
# Python packages whose wheels carry the JupyterLab extension the site needs.
EXTENSION_WHEELS = ("jupyterlab-widgets", "anywidget")
# The kernel's own wheels, shipped in its extension; the site's lock lists them.
KERNEL_WHEELS = ("piplite", "ipykernel", "pyodide-kernel")
# Loaded with Pyodide, in one go, as the kernel starts: what the kernel would
# otherwise install one by one through micropip (the names it skips when
# they are listed here), and the course's package with what it needs.
PRELOAD = ("micropip", "piplite", "ipykernel", "comm", "pyodide-kernel", "jedi", "ipython")
# What the kernel imports as it starts (its worker's Python), before any cell.
KERNEL_IMPORTS = ("micropip", "piplite.piplite", "pyodide_kernel")
BUILD_MODULES = ("jupyterlite_core", "jupyterlite_pyodide_kernel", "jupyter_server")
# Where Pyodide unpacks wheels and the standard library (what bytecode names).
SITE_PACKAGES = f"/lib/python{site_inputs.PYODIDE_PYTHON}/site-packages"
STDLIB_ZIP = "python_stdlib.zip"
STDLIB_AT = f"/lib/python{site_inputs.PYODIDE_PYTHON.replace('.', '')}.zip"
# Wheels whose sources stay beside their bytecode (tracebacks show their lines).
KEEP_SOURCES = frozenset({"mazur-nn"})
APP_NAME = "mazur_nn: backpropagation, one step at a time"
FIRST_NOTEBOOK = "00-index.ipynb"


class SiteError(ValueError):
    """The site cannot be built: one line saying why and what to do."""


@dataclass(frozen=True)
class Site:
    """A built site: its folder, how many files and bytes it holds, and the
    wheels its lock lists."""

    folder: Path
    files: int
    size: int
    packages: tuple[str, ...]

    def __str__(self) -> str:
        return (
            f"built the course's site in {self.folder}: {self.files} files, "
            f"{self.size / 1e6:.1f} MB, {len(self.packages)} Python packages; "
            f"serve it (python -m http.server -d {self.folder}) and open its address"
        )


def entry_url(base: str, notebook: str = "00-index.ipynb") -> str:
    """The address of ``notebook`` in a site served at ``base``."""
    return f"{base.rstrip('/')}/lab/index.html?path={notebook}"


# The line of JupyterLite's root index.html that sends a visitor to the app.
ROOT_REDIRECT = "await import('./config-utils.js');"


def open_index_notebook(page: str) -> str:
    """JupyterLite's root ``index.html`` (``page``), sending a visitor to the
    course's index notebook rather than to an empty JupyterLab. The page
    stays otherwise as it is: the app's pages read its configuration and
    its mark as the site's root, and never run its script.

    >>> page = "<script type=module>" + ROOT_REDIRECT + "</script>"
    >>> "lab/index.html?path=00-index.ipynb" in open_index_notebook(page)
    True
    """
    target = entry_url(".", FIRST_NOTEBOOK).removeprefix("./")
    return page.replace(ROOT_REDIRECT, f"window.location.replace({json.dumps(target)});")


def joined_lines(notebook: dict) -> dict:
    """``notebook`` with every multi-line text as one string, as Jupyter's
    server hands a notebook to JupyterLab (a file keeps a text as a list of
    lines; JupyterLite serves the file as it is, and JupyterLab's table of
    contents fails on a Markdown output given as a list).

    >>> cell = {"cell_type": "code", "source": ["a\\n", "b"],
    ...         "outputs": [{"output_type": "display_data",
    ...                      "data": {"text/markdown": ["# A\\n", "b"]}}]}
    >>> joined = joined_lines({"cells": [cell]})["cells"][0]
    >>> joined["source"], joined["outputs"][0]["data"]["text/markdown"]
    ('a\\nb', '# A\\nb')
    """

    def join(value):
        return "".join(value) if isinstance(value, list) else value

    cells = []
    for cell in notebook.get("cells", []):
        cell = {**cell, "source": join(cell.get("source", ""))}
        if isinstance(cell.get("attachments"), dict):  # images pasted into Markdown
            cell["attachments"] = {
                name: {kind: join(value) for kind, value in bundle.items()}
                if isinstance(bundle, dict)
                else bundle
                for name, bundle in cell["attachments"].items()
            }
        if "outputs" in cell:
            outputs = []
            for output in cell["outputs"]:
                output = dict(output)
                if "text" in output:
                    output["text"] = join(output["text"])
                if isinstance(output.get("data"), dict):
                    output["data"] = {
                        kind: value if kind.endswith("json") else join(value)
                        for kind, value in output["data"].items()
                    }
                outputs.append(output)
            cell["outputs"] = outputs
        cells.append(cell)
    return {**notebook, "cells": cells}


def default_notebooks() -> Path:
    """The ``notebooks/`` folder of the checkout the package runs from, else
    ``./notebooks``."""
    beside = Path(mazur_nn.__file__).resolve().parents[1] / "notebooks"
    return beside if beside.is_dir() else Path("notebooks")


def check_tools() -> None:
    """``SiteError`` unless the JupyterLite build tools are installed."""
    missing = [m for m in BUILD_MODULES if importlib.util.find_spec(m) is None]
    if missing:
        raise SiteError(
            f"building the site needs {', '.join(missing)}, which this Python does not have; "
            'install them with: pip install -e ".[site]"'
        )


def check_output(output: Path) -> None:
    """``SiteError`` if ``output`` holds anything but a site built before
    (which the new build replaces)."""
    if output.exists() and not output.is_dir():
        raise SiteError(f"OUTPUT_DIR: {output} is a file; name a new or empty folder")
    if output.is_dir() and any(output.iterdir()) and not (output / "jupyter-lite.json").is_file():
        raise SiteError(
            f"OUTPUT_DIR: {output} is not empty and holds no site built before; "
            "name a new or empty folder"
        )


def kernel_extension() -> Path:
    """The folder of the Pyodide kernel's JupyterLab extension, as
    ``jupyterlite-pyodide-kernel`` installed it."""
    roots = {Path(sys.prefix), Path(sys.base_prefix)}
    for root in sorted(roots):
        folder = root / "share" / "jupyter" / "labextensions" / KERNEL_EXTENSION
        if (folder / "package.json").is_file():
            return folder
    raise SiteError(
        f"the {KERNEL_EXTENSION} extension is not installed in {sys.prefix}; "
        'install it with: pip install -e ".[site]"'
    )


def precompile(
    pyodide: Path, wheels: list[Path], notebooks: list[dict], say: Callable[[str], object]
) -> list[Path]:
    """The site's wheels and standard library (in ``pyodide``) with the
    modules that the kernel and the ``notebooks`` load compiled to bytecode
    (:mod:`mazur_nn.delivery.bytecode`), in place; the wheels' new paths.
    Without Node.js, the same wheels, and a line saying that the site
    starts slower."""
    if not bytecode.node_available():
        say(
            "node (Node.js) is not installed: the site's modules are not precompiled, "
            "so the site starts slower"
        )
        return wheels
    archives = [
        bytecode.Archive(path, SITE_PACKAGES, read_wheel(path).name in KEEP_SOURCES)
        for path in wheels
    ]
    archives.append(bytecode.Archive(pyodide / STDLIB_ZIP, STDLIB_AT, stdlib=True))
    imports = [*KERNEL_IMPORTS, *(m for n in notebooks for m in bytecode.notebook_imports(n))]
    say(f"compiling the modules of {len(archives)} archives to bytecode (Pyodide in Node.js)")
    with tempfile.TemporaryDirectory(prefix="mazur-compiled-") as tmp:
        compiled = bytecode.compile_archives(pyodide, archives, imports, Path(tmp))
        for archive in archives:
            archive.path.unlink()
        return [Path(shutil.move(path, pyodide / path.name)) for path in compiled][:-1]


def lay_out(
    lite: Path,
    inputs: site_inputs.Inputs,
    notebooks: Path,
    full: bool = False,
    say: Callable[[str], object] = print,
) -> list[str]:
    """Lay out the JupyterLite project in ``lite`` (an empty folder); return
    the names of the packages the site's lock lists."""
    pyodide = lite / "static" / "pyodide"
    lock = inputs.runtime(pyodide)
    needs = site_inputs.needs(lock, full)
    wheels = inputs.wheels(needs.wheels())
    extension = kernel_extension()
    for name in KERNEL_WHEELS:
        found = sorted((extension / "static" / "pypi").glob(f"{name.replace('-', '_')}-*.whl"))
        if not found:
            raise SiteError(f"the {KERNEL_EXTENSION} extension has no {name} wheel")
        wheels[name] = found[-1]
    shipped = [slim_wheel(path, pyodide) for path in wheels.values()]
    shipped.append(build_own_wheel(pyodide))
    names = sorted(p.name for p in notebooks.glob("*.ipynb"))
    if not names:
        raise SiteError(f"--notebooks: {notebooks} holds no notebook (*.ipynb)")
    read_notebooks = [json.loads((notebooks / n).read_text(encoding="utf-8")) for n in names]
    shipped = precompile(pyodide, shipped, read_notebooks, say)
    kept = inputs.full_files(needs.full, lock) if full else {}
    for path in kept.values():
        shutil.copy2(path, pyodide / path.name)
    read = [read_wheel(path) for path in shipped]
    extra = {"mazur-nn": list(site_inputs.FULL_ROOTS)} if full else {}
    new_lock = site_lock(lock, read, extra_depends=extra, keep=kept)
    (pyodide / site_inputs.LOCK_FILE).write_text(json.dumps(new_lock, indent=1), encoding="utf-8")

    files = lite / "files"
    files.mkdir()
    for name, notebook in zip(names, read_notebooks):
        text = json.dumps(joined_lines(notebook), indent=1, ensure_ascii=False) + "\n"
        (files / name).write_text(text, encoding="utf-8")

    # The extensions' JavaScript, from the very wheels (before slimming) whose
    # Python the kernel loads.
    extensions = [str(extension), *(str(wheels[n]) for n in EXTENSION_WHEELS)]
    config = {
        "LiteBuildConfig": {
            "apps": ["lab"],
            "contents": ["files"],
            "ignore_sys_prefix": ["federated_extensions"],
            "federated_extensions": extensions,
            "no_sourcemaps": True,
            "no_unused_shared_packages": True,
        }
    }
    (lite / "jupyter_lite_config.json").write_text(json.dumps(config, indent=1), encoding="utf-8")
    lite_json = {
        "jupyter-lite-schema-version": 0,
        "jupyter-config-data": {
            "appName": APP_NAME,
            "exposeAppInBrowser": "true",
            "litePluginSettings": {
                KERNEL_PLUGIN: {
                    "disablePyPIFallback": True,
                    "loadPyodideOptions": {"packages": list(PRELOAD)},
                }
            },
        },
    }
    (lite / "jupyter-lite.json").write_text(json.dumps(lite_json, indent=1), encoding="utf-8")
    return sorted(new_lock["packages"])


def build(
    output: str | Path,
    inputs: site_inputs.Inputs | None = None,
    notebooks: str | Path | None = None,
    full: bool = False,
    say: Callable[[str], object] = print,
) -> Site:
    """Build the site into ``output`` from ``inputs`` (default: the inputs
    folder, :func:`mazur_nn.delivery.inputs.default_folder`) and the
    notebooks in ``notebooks`` (default: :func:`default_notebooks`)."""
    output = Path(output).resolve()
    inputs = inputs or site_inputs.Inputs(site_inputs.default_folder())
    notebooks = Path(notebooks) if notebooks is not None else default_notebooks()
    check_output(output)
    check_tools()
    inputs.require_tarball()
    if not notebooks.is_dir():
        raise SiteError(f"--notebooks: {notebooks} is not a folder")
    with tempfile.TemporaryDirectory(prefix="mazur-site-") as tmp:
        lite = Path(tmp) / "lite"
        lite.mkdir()
        packages = lay_out(lite, inputs, notebooks, full, say)
        if output.exists():
            shutil.rmtree(output)
        say(f"building the site with jupyter lite ({len(packages)} Python packages)")
        command = [
            sys.executable,
            "-m",
            "jupyterlite_core",
            "build",
            "--lite-dir",
            str(lite),
            "--output-dir",
            str(output),
        ]
        env = {**os.environ, "JUPYTERLITE_NO_LIBARCHIVE": "1"}
        env.pop("JUPYTERLITE_PYODIDE_URL", None)  # the site's own runtime, always
        done = subprocess.run(command, cwd=lite, capture_output=True, text=True, env=env)
        if done.returncode != 0:
            lines = (done.stderr + done.stdout).strip().splitlines() or ["(no output)"]
            raise SiteError(f"jupyter lite build failed: {lines[-1]}")
    check_local(output)
    root_page = output / "index.html"
    if (notebooks / FIRST_NOTEBOOK).is_file() and root_page.is_file():
        text = root_page.read_text(encoding="utf-8")
        root_page.write_text(open_index_notebook(text), encoding="utf-8")
    icon = output / "lab" / "favicon.ico"  # browsers ask the root for it: no 404
    if icon.is_file() and not (output / "favicon.ico").exists():
        shutil.copy2(icon, output / "favicon.ico")
    paths = [p for p in output.rglob("*") if p.is_file()]
    return Site(output, len(paths), sum(p.stat().st_size for p in paths), tuple(packages))


def check_local(output: Path) -> None:
    """``SiteError`` if the site's configuration names anything on another
    host (a Pyodide, a lock, a wheel index or an extension from a CDN)."""
    configs = [output / "jupyter-lite.json", *output.glob("*/jupyter-lite.json")]
    for config in configs:
        text = config.read_text(encoding="utf-8")
        if "http://" in text or "https://" in text:
            raise SiteError(f"{config.relative_to(output)} names another host: the build is wrong")
    lock = json.loads((output / "static" / "pyodide" / site_inputs.LOCK_FILE).read_text("utf-8"))
    for name, entry in lock["packages"].items():
        if not (output / "static" / "pyodide" / entry["file_name"]).is_file():
            raise SiteError(f"the site's lock lists {name}, whose file is not in the site")
