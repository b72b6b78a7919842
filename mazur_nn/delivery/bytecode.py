"""The site's Python modules compiled to bytecode once, when the site is built.

Pyodide imports a module the way CPython does: from its cached bytecode
(``.pyc``) when there is one, else by compiling the source, which a browser
does slowly (sympy, IPython and the standard library took most of the
seconds between opening a lesson and its first step). Neither PyPI's pure-
Python wheels nor the npm ``pyodide`` package's ``python_stdlib.zip`` carry
bytecode, and bytecode is only good for the Python that wrote it, so the
build writes it with Pyodide itself: Node.js runs the site's own runtime
(``pyodide.mjs``) once, and its Python compiles every archive's modules
(``compileall``, as Pyodide's ``pyodide py-compile`` does for its own
distribution). Each archive is then packed again:

- a wheel named in ``keep_sources`` (``mazur_nn``'s own: its tracebacks and
  ``inspect.getsource`` show the course's lines) keeps its ``.py`` files,
  with the bytecode beside them in ``__pycache__``, "unchecked" (used
  without comparing it with the source, which nobody edits on the site);
- every other wheel and the standard library get the bytecode *instead of*
  the source (``module.pyc`` where ``module.py`` was), as Pyodide's own
  distribution ships them: smaller, and a traceback still names the file
  and line;
- a wheel's ``RECORD`` is written again and its tag becomes the one
  Python's (``cp314-none-any``), as ``pyodide py-compile`` names it; the
  site's lock takes the new file names and hashes from the files.

A module that does not compile (none of the site's today) keeps its source.
Without Node.js the site is built as before, from the sources, and the
build says that it starts slower.

>>> compiled_name("sympy-1.14.0-py3-none-any.whl", "cp314")
'sympy-1.14.0-cp314-none-any.whl'
>>> compiled_name("six-1.17.0-py2.py3-none-any.whl", "cp314")
'six-1.17.0-cp314-none-any.whl'
>>> sourceless("sympy/core/add.py")
'sympy/core/add.pyc'
>>> cached("mazur_nn/core/network.py", "cpython-314")
'mazur_nn/core/__pycache__/network.cpython-314.pyc'
"""

from __future__ import annotations

import ast
import json
import shutil
import subprocess
import tempfile
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from mazur_nn.delivery.wheels import record_hash

# What Node.js runs: the site's Pyodide with the work folder mounted at
# /build. Its Python imports what /build/jobs.json names (the wheels' modules
# from their unpacked folders, the standard library from its zip), then
# compiles every module that import loaded from an archive (one that does
# not compile keeps its source); it prints Python's cache tag.
NODE_SCRIPT = r"""
import { pathToFileURL } from "node:url";
const [runtime, work] = process.argv.slice(2);
const { loadPyodide } = await import(pathToFileURL(runtime + "/pyodide.mjs").href);
const pyodide = await loadPyodide({ indexURL: runtime + "/" });
pyodide.FS.mkdirTree("/build");
pyodide.FS.mount(pyodide.FS.filesystems.NODEFS, { root: work }, "/build");
const tag = pyodide.runPython(`
import importlib, importlib.util, json, py_compile, sys
jobs = json.load(open("/build/jobs.json"))
sys.path.extend(a["folder"] for a in jobs["archives"] if a["on_path"])
for root in jobs["imports"]:
    parent, _, name = root.rpartition(".")
    try:
        importlib.import_module(root)
    except BaseException:  # a lesson that needs numpy, say: what it loaded counts
        try:  # a.b.c may be a name that a.b loads when first asked for (PEP 562)
            getattr(importlib.import_module(parent), name) if parent else None
        except BaseException:
            pass
loaded = {getattr(m, "__file__", None) or "" for m in list(sys.modules.values())}
for a in jobs["archives"]:
    prefix = a["loaded_from"] + "/"
    for path in sorted(f for f in loaded if f.startswith(prefix) and f.endswith(".py")):
        name = path[len(prefix):]
        source = a["folder"] + "/" + name
        cfile = source + "c" if a["legacy"] else importlib.util.cache_from_source(source)
        try:
            py_compile.compile(source, cfile=cfile, dfile=a["ddir"] + "/" + name, doraise=True,
                invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH)
        except py_compile.PyCompileError:
            pass
sys.implementation.cache_tag
`);
process.stdout.write("\n" + tag + "\n");
"""
NODE_TIMEOUT_S = 600


class BytecodeError(RuntimeError):
    """Node.js could not compile the site's modules (one line: why)."""


@dataclass(frozen=True)
class Archive:
    """One archive to compile: its path, where Pyodide puts its files (the
    folder that a traceback names), whether its sources stay, and whether it
    is the standard library (importable from its zip, where Pyodide loads it
    from)."""

    path: Path
    installed_at: str
    keep_sources: bool = False
    stdlib: bool = False


def notebook_imports(notebook: dict) -> list[str]:
    """The modules a notebook's code cells import (``import a.b`` and
    ``from a.b import c`` give ``a.b``; ``c`` may be a module too, so
    ``a.b.c`` is tried as well); a cell that is not Python (a magic) is
    skipped.

    >>> cell = {"cell_type": "code", "source": ["from mazur_nn.widgets import Stepper\\n",
    ...                                         "import sympy as sp"]}
    >>> notebook_imports({"cells": [cell, {"cell_type": "code", "source": "%pip list"}]})
    ['mazur_nn.widgets', 'mazur_nn.widgets.Stepper', 'sympy']
    """
    found = []
    for cell in notebook.get("cells", []):
        if cell.get("cell_type") != "code":
            continue
        source = cell.get("source", "")
        try:
            tree = ast.parse("".join(source) if isinstance(source, list) else source)
        except SyntaxError:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                found.extend(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                found.append(node.module)
                found.extend(f"{node.module}.{alias.name}" for alias in node.names)
    return list(dict.fromkeys(found))


def compiled_name(file_name: str, python_tag: str) -> str:
    """A wheel's file name with its Python tag made ``python_tag`` (the
    bytecode is only good for that Python)."""
    stem = file_name.removesuffix(".whl")
    name, version, _python, abi, platform = stem.split("-")[-5:]
    return f"{name}-{version}-{python_tag}-{abi}-{platform}.whl"


def sourceless(name: str) -> str:
    """Where a module's bytecode goes when its source is left out."""
    return name + "c"


def cached(name: str, cache_tag: str) -> str:
    """Where a module's bytecode goes beside its source (PEP 3147)."""
    path = PurePosixPath(name)
    return str(path.parent / "__pycache__" / f"{path.stem}.{cache_tag}.pyc")


def node_available() -> bool:
    """Whether Node.js (``node``) is on the PATH."""
    return shutil.which("node") is not None


def compile_archives(
    runtime: Path, archives: Iterable[Archive], imports: Iterable[str], folder: Path
) -> list[Path]:
    """Import ``imports`` with the Pyodide in ``runtime`` (from the
    archives, unpacked), compile every module of an archive that this
    loaded, and write the new archives into ``folder`` (a wheel under its
    new name, :func:`compiled_name`; the standard library under its own);
    return their paths, in order. A module that nothing imports (sympy's
    physics, IPython's parallel tools, the lessons of 06-11) stays as it
    was, and Python compiles it in the browser if a student imports it."""
    archives = list(archives)
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="mazur-bytecode-") as tmp:
        work = Path(tmp)
        jobs = []
        for index, archive in enumerate(archives):
            with zipfile.ZipFile(archive.path) as source:
                source.extractall(work / str(index))
            jobs.append(
                {
                    "folder": f"/build/{index}",
                    "on_path": not archive.stdlib,
                    "loaded_from": archive.installed_at if archive.stdlib else f"/build/{index}",
                    "ddir": archive.installed_at,
                    "legacy": not archive.keep_sources,
                }
            )
        plan = {"archives": jobs, "imports": list(imports)}
        (work / "jobs.json").write_text(json.dumps(plan), encoding="utf-8")
        cache_tag = run_node(runtime, work)
        python_tag = "cp" + cache_tag.removeprefix("cpython-")
        return [
            repack(archive, work / str(index), cache_tag, python_tag, folder)
            for index, archive in enumerate(archives)
        ]


def run_node(runtime: Path, work: Path) -> str:
    """Run :data:`NODE_SCRIPT`; return the cache tag of Pyodide's Python."""
    script = work / "compile.mjs"
    script.write_text(NODE_SCRIPT, encoding="utf-8")
    try:
        done = subprocess.run(
            ["node", str(script), str(runtime.resolve()), str(work)],
            capture_output=True,
            text=True,
            timeout=NODE_TIMEOUT_S,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise BytecodeError(f"node could not compile the site's modules: {exc}") from None
    lines = done.stdout.strip().splitlines()
    tags = [line for line in lines if line.startswith("cpython-")]
    if done.returncode != 0 or not tags:
        last = (done.stderr or done.stdout).strip().splitlines() or ["(no output)"]
        raise BytecodeError(f"node could not compile the site's modules: {last[-1]}")
    return tags[-1]


def repack(archive: Archive, tree: Path, cache_tag: str, python_tag: str, folder: Path) -> Path:
    """The archive written again into ``folder`` with the bytecode in ``tree``."""
    folder.mkdir(parents=True, exist_ok=True)
    wheel = archive.path.suffix == ".whl"
    name = compiled_name(archive.path.name, python_tag) if wheel else archive.path.name
    target = folder / name
    files: dict[str, tuple[zipfile.ZipInfo, bytes]] = {}
    with zipfile.ZipFile(archive.path) as source:
        for info in source.infolist():
            data = source.read(info)
            if not info.filename.endswith(".py"):
                files[info.filename] = (info, data)
                continue
            if archive.keep_sources:
                files[info.filename] = (info, data)
                pyc = cached(info.filename, cache_tag)
                if (tree / pyc).is_file():
                    files[pyc] = (zipfile.ZipInfo(pyc, info.date_time), (tree / pyc).read_bytes())
            elif (tree / sourceless(info.filename)).is_file():
                pyc = sourceless(info.filename)
                files[pyc] = (zipfile.ZipInfo(pyc, info.date_time), (tree / pyc).read_bytes())
            else:  # it did not compile: the source stays
                files[info.filename] = (info, data)
    if wheel:
        files = retag(files, python_tag)
    with zipfile.ZipFile(target, "w") as new:
        for info, data in files.values():
            info.external_attr = info.external_attr or 0o644 << 16
            new.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED)
    return target


def retag(
    files: dict[str, tuple[zipfile.ZipInfo, bytes]], python_tag: str
) -> dict[str, tuple[zipfile.ZipInfo, bytes]]:
    """A wheel's files with ``WHEEL``'s tags made ``python_tag`` and its
    ``RECORD`` listing exactly the files, with their hashes."""
    files = dict(files)
    record = next(n for n in files if n.endswith(".dist-info/RECORD"))
    wheel_file = record.removesuffix("RECORD") + "WHEEL"
    info, data = files[wheel_file]
    lines, tags = [], []
    for line in data.decode("utf-8").splitlines():
        if line.startswith("Tag:"):
            _python, abi, platform = line.split(":", 1)[1].strip().split("-")
            tags.append(f"Tag: {python_tag}-{abi}-{platform}")
        else:
            lines.append(line)
    lines.extend(dict.fromkeys(tags))
    files[wheel_file] = (info, ("\n".join(lines) + "\n").encode("utf-8"))
    rows = [
        f"{name},sha256={record_hash(data)},{len(data)}"
        for name, (_info, data) in files.items()
        if name != record
    ]
    rows.append(f"{record},,")
    info, _old = files.pop(record)
    files[record] = (info, ("\n".join(rows) + "\n").encode("utf-8"))
    return files
