"""The site's Pyodide lock file: exactly the wheels the site has.

Pyodide reads ``pyodide-lock.json`` to know which packages it can load,
from which file, with which hash, and what each depends on; an ``import``
in a notebook cell loads the package that provides it, with its
dependencies, from the lock (the kernel calls ``loadPackagesFromImports``).
The npm ``pyodide`` package brings a lock of 357 packages but no wheels, so
the site's lock is rewritten from it:

- a package the lock lists and the site has a wheel for keeps its entry,
  with the wheel's file name and SHA-256 (PyPI's files are not byte for
  byte the Pyodide CDN's; the version must be the lock's);
- a wheel the lock does not list (``mazur_nn``, ipywidgets, anywidget, ...)
  gets a new entry: its modules, and as dependencies its run-time
  requirements (:data:`NOT_IN_BROWSER` left out);
- every other entry is dropped, so nothing points at a file the site does
  not have, and every dependency of what is left must be there.

>>> from pathlib import Path
>>> from mazur_nn.delivery.wheels import Wheel
>>> lock = {"info": {}, "packages": {"six": {"name": "six", "version": "1.17.0",
...     "file_name": "six-1.17.0-py2.py3-none-any.whl", "sha256": "cdn", "depends": [],
...     "imports": ["six"], "install_dir": "site", "package_type": "package"},
...     "numpy": {"name": "numpy", "version": "2.4.6", "depends": []}}}
>>> wheels = [Wheel(Path("six-1.17.0-py2.py3-none-any.whl"), "six", "1.17.0", (), ("six",)),
...           Wheel(Path("own-1.0-py3-none-any.whl"), "own", "1.0", ("six",), ("own",))]
>>> out = site_lock(lock, wheels, hashes={"six": "aa", "own": "bb"})
>>> sorted(out["packages"]), out["packages"]["own"]["depends"], out["packages"]["six"]["sha256"]
(['own', 'six'], ['six'], 'aa')
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Mapping

from mazur_nn.delivery.wheels import Wheel, canonical, sha256

# Requirements a browser kernel does without, so they are not loaded with the
# package that names them: the widgets' JupyterLab and notebook extensions
# (JavaScript, which the site serves as extensions), and filelock, which
# the progress store does not import under Pyodide.
NOT_IN_BROWSER = frozenset({"widgetsnbextension", "jupyterlab-widgets", "filelock"})


class LockError(ValueError):
    """The wheels given cannot make a consistent lock (one line: what is
    missing or does not match, and for which package)."""


def site_lock(
    lock: Mapping,
    wheels: Iterable[Wheel],
    hashes: Mapping[str, str] | None = None,
    extra_depends: Mapping[str, Iterable[str]] | None = None,
    keep: Iterable[str] = (),
) -> dict:
    """The lock of a site that has exactly ``wheels`` (each to sit next to
    the lock file), from Pyodide's ``lock``. ``hashes`` gives a wheel's
    SHA-256 by name (else the file is read); ``extra_depends`` adds
    dependencies to a package (names in the lock or among the wheels);
    ``keep`` names entries kept as they are (the site has the very files
    of Pyodide's distribution for them: ``--full``)."""
    hashes = dict(hashes or {})
    extra = {name: list(names) for name, names in (extra_depends or {}).items()}
    listed = lock["packages"]
    packages = {name: copy.deepcopy(listed[name]) for name in keep}
    for wheel in wheels:
        digest = hashes.get(wheel.name) or sha256(wheel.path)
        if wheel.name in listed:
            entry = copy.deepcopy(listed[wheel.name])
            if entry["version"] != wheel.version:
                raise LockError(
                    f"{wheel.path.name}: Pyodide's lock has {wheel.name} {entry['version']}, "
                    f"not {wheel.version}"
                )
        else:
            entry = {
                "name": wheel.name,
                "version": wheel.version,
                "install_dir": "site",
                "package_type": "package",
                "imports": list(wheel.imports),
                "depends": [r for r in wheel.requires if r not in NOT_IN_BROWSER],
                "unvendored_tests": False,
                "shared_library": False,
            }
        entry["file_name"] = wheel.path.name
        entry["sha256"] = digest
        entry["depends"] = list(dict.fromkeys([*entry["depends"], *extra.get(wheel.name, [])]))
        packages[wheel.name] = entry
    for name, entry in packages.items():
        missing = [d for d in entry["depends"] if canonical(d) not in packages]
        if missing:
            raise LockError(f"{name} needs {', '.join(missing)}, which the site has no wheel for")
    return {**copy.deepcopy(dict(lock)), "packages": dict(sorted(packages.items()))}


def closure(lock: Mapping, roots: Iterable[str]) -> list[str]:
    """``roots`` and everything they depend on in ``lock``, sorted.

    >>> lock = {"packages": {"a": {"depends": ["b"]}, "b": {"depends": []}, "c": {"depends": []}}}
    >>> closure(lock, ["a"])
    ['a', 'b']
    """
    packages = lock["packages"]
    seen: set[str] = set()
    todo = [canonical(r) for r in roots]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        if name not in packages:
            raise LockError(f"Pyodide's lock has no package {name}")
        seen.add(name)
        todo.extend(canonical(d) for d in packages[name].get("depends", []))
    return sorted(seen)
