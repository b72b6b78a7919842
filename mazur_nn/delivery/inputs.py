"""What building the site needs, where it is kept, and how it is fetched.

The build itself never goes online. It reads a folder of inputs (by default
``~/.cache/mazur_nn/site-inputs``; ``MAZUR_NN_SITE_INPUTS`` or ``--inputs``
name another) that one fetch fills, from the package registries only:

- ``pyodide-<version>.tgz``: the Pyodide runtime (the WebAssembly
  interpreter, the standard library and the lock file), from npm
  (``npm pack pyodide@<version>``);
- ``wheels/``: pure-Python wheels from PyPI (``pip download``): the
  kernel's (micropip, IPython, jedi and what they need) and sympy's at the
  versions Pyodide's lock names, and ipywidgets, comm, jupyterlab_widgets,
  anywidget, psygnal and filelock at the versions installed here (the
  site's widgets then match the ones this JupyterLab runs);
- with ``--full``, ``full/``: the wheels of numpy, matplotlib and
  scikit-learn and their dependencies, from the Pyodide CDN (they are on
  neither PyPI nor npm for Pyodide).

>>> needs = Needs(lock_versions={"sympy": "1.14.0"}, installed={"comm": "0.2.3"})
>>> needs.wheels()
{'comm': '0.2.3', 'sympy': '1.14.0'}
>>> wheel_key("typing_extensions-4.15.0-py3-none-any.whl")
('typing-extensions', '4.15.0')
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tarfile
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from mazur_nn.delivery import lock as locks
from mazur_nn.delivery.wheels import canonical, sha256

PYODIDE_VERSION = "314.0.7"
PYODIDE_TARBALL = f"pyodide-{PYODIDE_VERSION}.tgz"
PYODIDE_PYTHON = "3.14"
# Where the Pyodide project publishes every package of its distribution.
PYODIDE_CDN = f"https://cdn.jsdelivr.net/pyodide/v{PYODIDE_VERSION}/full"
# The files of the runtime the site serves (the npm package has more).
RUNTIME_FILES = ("pyodide.asm.wasm", "pyodide.asm.mjs", "pyodide.mjs", "python_stdlib.zip")
LOCK_FILE = "pyodide-lock.json"
ENV_VAR = "MAZUR_NN_SITE_INPUTS"
# Packages of Pyodide's lock the site takes, with what they depend on: the
# kernel's (the JupyterLite kernel installs micropip, IPython and jedi) and
# the course's.
LOCK_ROOTS = ("micropip", "packaging", "ipython", "jedi", "sympy", "typing-extensions")
# Packages the lock does not list, taken at the installed version.
INSTALLED_ROOTS = ("ipywidgets", "comm", "jupyterlab-widgets", "anywidget", "psygnal", "filelock")
# What lessons 06-11 need, loaded from the full distribution (``--full``).
FULL_ROOTS = ("numpy", "matplotlib", "scikit-learn")


class MissingInputs(ValueError):
    """Some inputs are not in the folder: one line naming them and the fetch."""


def default_folder() -> Path:
    """``$MAZUR_NN_SITE_INPUTS``, else ``mazur_nn/site-inputs`` in the
    user's cache folder (``$XDG_CACHE_HOME``, else ``~/.cache``)."""
    chosen = os.environ.get(ENV_VAR, "").strip()
    if chosen:
        return Path(chosen).expanduser()
    cache = os.environ.get("XDG_CACHE_HOME", "").strip() or "~/.cache"
    return Path(cache).expanduser() / "mazur_nn" / "site-inputs"


def wheel_key(file_name: str) -> tuple[str, str]:
    """The canonical name and the version a wheel's file name gives."""
    name, version = file_name.split("-")[:2]
    return canonical(name), version


@dataclass(frozen=True)
class Needs:
    """The wheels the site needs (name -> version) and, with ``--full``, the
    files of Pyodide's distribution (name -> the lock's file name)."""

    lock_versions: Mapping[str, str]
    installed: Mapping[str, str]
    full: Mapping[str, str] = field(default_factory=dict)

    def wheels(self) -> dict[str, str]:
        return dict(sorted({**self.lock_versions, **self.installed}.items()))


def needs(lock: Mapping, full: bool = False) -> Needs:
    """What the site built on ``lock`` (Pyodide's) needs."""
    packages = lock["packages"]
    lock_versions = {n: packages[n]["version"] for n in locks.closure(lock, LOCK_ROOTS)}
    installed = {}
    for name in INSTALLED_ROOTS:
        try:
            installed[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            raise MissingInputs(
                f"{name} is not installed here; the site takes the installed version "
                '(pip install -e ".[site]")'
            ) from None
    full_files = {}
    if full:
        for name in locks.closure(lock, FULL_ROOTS):
            if name not in lock_versions:
                full_files[name] = packages[name]["file_name"]
    return Needs(lock_versions, installed, full_files)


@dataclass(frozen=True)
class Inputs:
    """The folder of inputs, and what is in it."""

    folder: Path

    @property
    def tarball(self) -> Path:
        return self.folder / PYODIDE_TARBALL

    @property
    def wheel_folder(self) -> Path:
        return self.folder / "wheels"

    @property
    def full_folder(self) -> Path:
        return self.folder / "full"

    def runtime(self, into: Path) -> dict:
        """Unpack the runtime's files into ``into``; return Pyodide's lock."""
        into.mkdir(parents=True, exist_ok=True)
        with tarfile.open(self.tarball) as archive:
            for name in (*RUNTIME_FILES, LOCK_FILE):
                member = archive.extractfile(f"package/{name}")
                if member is None:
                    raise MissingInputs(f"{self.tarball.name} has no {name}")
                (into / name).write_bytes(member.read())
        return json.loads((into / LOCK_FILE).read_text(encoding="utf-8"))

    def lock(self) -> dict:
        """Pyodide's lock, read from the tarball."""
        self.require_tarball()
        with tarfile.open(self.tarball) as archive:
            member = archive.extractfile(f"package/{LOCK_FILE}")
            if member is None:
                raise MissingInputs(f"{self.tarball.name} has no {LOCK_FILE}")
            return json.loads(member.read().decode("utf-8"))

    def require_tarball(self) -> None:
        if not self.tarball.is_file():
            raise MissingInputs(
                f"--inputs: {self.tarball.name} is not in the inputs folder; "
                "run once with --fetch (it downloads about 20 MB from npm and PyPI)"
            )

    def wheels(self, wanted: Mapping[str, str]) -> dict[str, Path]:
        """The wheel file of each wanted ``name -> version``; ``MissingInputs``
        naming the ones that are not there."""
        found = {}
        if self.wheel_folder.is_dir():
            for path in sorted(self.wheel_folder.glob("*.whl")):
                found[wheel_key(path.name)] = path
        missing = [f"{n}=={v}" for n, v in wanted.items() if (n, v) not in found]
        if missing:
            raise MissingInputs(
                f"--inputs: no wheel for {', '.join(missing)} in the inputs folder; "
                "run once with --fetch"
            )
        return {n: found[(n, v)] for n, v in wanted.items()}

    def full_files(self, wanted: Mapping[str, str], lock: Mapping) -> dict[str, Path]:
        """The files of Pyodide's distribution for ``--full``, checked
        against the lock's SHA-256."""
        paths, missing = {}, []
        for name, file_name in wanted.items():
            path = self.full_folder / file_name
            if not path.is_file() or sha256(path) != lock["packages"][name]["sha256"]:
                missing.append(name)
            paths[name] = path
        if missing:
            raise MissingInputs(
                f"--full: {len(missing)} files of Pyodide's distribution are not in the inputs "
                f"folder ({', '.join(missing[:4])}...); run once with --fetch --full (internet)"
            )
        return paths

    # -- fetching (the only part that goes online) ---------------------------------------

    def fetch(self, full: bool = False, say=print) -> None:
        """Download what is missing: the runtime from npm, the wheels from
        PyPI and, with ``full``, Pyodide's packages from its CDN."""
        self.folder.mkdir(parents=True, exist_ok=True)
        if not self.tarball.is_file():
            npm = shutil.which("npm")
            if npm is None:
                raise MissingInputs(
                    f"--fetch: npm is not installed; install Node.js's npm, or put "
                    f"{PYODIDE_TARBALL} (npm pack pyodide@{PYODIDE_VERSION}) in {self.folder}"
                )
            say(f"fetching pyodide@{PYODIDE_VERSION} from npm")
            _run([npm, "pack", f"pyodide@{PYODIDE_VERSION}", "--silent"], cwd=self.folder)
        lock = self.lock()
        wanted = needs(lock, full)
        try:
            self.wheels(wanted.wheels())
        except MissingInputs:
            specs = [f"{n}=={v}" for n, v in wanted.wheels().items()]
            say(f"fetching {len(specs)} wheels from PyPI")
            _run(
                [
                    sys.executable,
                    "-m",
                    "pip",
                    "download",
                    "--quiet",
                    "--no-deps",
                    "--only-binary=:all:",
                    "--python-version",
                    PYODIDE_PYTHON,
                    "--implementation",
                    "py",
                    "--abi",
                    "none",
                    "--platform",
                    "any",
                    "--dest",
                    str(self.wheel_folder),
                    *specs,
                ],
                cwd=self.folder,
            )
        if full:
            self.full_folder.mkdir(exist_ok=True)
            for name, file_name in wanted.full.items():
                path = self.full_folder / file_name
                if path.is_file() and sha256(path) == lock["packages"][name]["sha256"]:
                    continue
                say(f"fetching {file_name} from the Pyodide CDN")
                with urllib.request.urlopen(f"{PYODIDE_CDN}/{file_name}", timeout=120) as reply:
                    path.write_bytes(reply.read())


def _run(command: list[str], cwd: Path) -> None:
    """Run a fetching command; its failure is one line (its last line of output)."""
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    if done.returncode != 0:
        lines = (done.stderr or done.stdout).strip().splitlines() or ["(no output)"]
        raise MissingInputs(f"--fetch: {Path(command[0]).name} failed: {lines[-1]}")
