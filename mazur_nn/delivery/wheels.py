"""Wheels: what one holds, and the package's own wheel written from its source.

A wheel is a zip file: ``<name>-<version>.dist-info/METADATA`` says its
name, version and requirements, and its top-level folders and modules are
what it lets Python import. :func:`read_wheel` reads those (Pyodide's lock
file lists them for every package); :func:`build_own_wheel` writes the
``mazur_nn`` wheel from the package that is running (in a checkout, the
checkout's code) with nothing but the standard library, so building the
site needs neither a build backend nor the internet. :func:`slim_wheel`
copies a wheel without its test suites and data files (as Pyodide's own
distribution leaves tests out): sympy's tests alone are 2 of its 6 MB.

>>> import tempfile
>>> folder = tempfile.TemporaryDirectory()
>>> wheel = read_wheel(build_own_wheel(folder.name))
>>> wheel.name, wheel.imports, "sympy" in wheel.requires
('mazur-nn', ('mazur_nn',), True)
>>> read_wheel(slim_wheel(wheel.path, folder.name + "/slim")).version == wheel.version
True
>>> folder.cleanup()
"""

from __future__ import annotations

import base64
import hashlib
import re
import zipfile
from dataclasses import dataclass
from email.parser import HeaderParser
from importlib import metadata
from pathlib import Path

import mazur_nn

# A requirement's name, at the start of a Requires-Dist line (PEP 508).
_REQUIREMENT_NAME = re.compile(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)")
# The date every file in the package's wheel carries (zip's earliest), so two
# builds of the same source give the same bytes.
_FIXED_DATE = (1980, 1, 1, 0, 0, 0)
# What the package needs at run time, when no installed metadata says it.
_RUNTIME_REQUIRES = ("sympy>=1.12", "ipywidgets>=8.1", "anywidget>=0.9", "filelock>=3.12")


def canonical(name: str) -> str:
    """A project's name as indexes compare it (PEP 503).

    >>> canonical("Typing_Extensions"), canonical("jupyterlab.widgets")
    ('typing-extensions', 'jupyterlab-widgets')
    """
    return re.sub(r"[-_.]+", "-", name).lower()


def sha256(path: Path) -> str:
    """The SHA-256 of a file, in hex (as a Pyodide lock file keeps it)."""
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@dataclass(frozen=True)
class Wheel:
    """One wheel file: its canonical name, version, the names it requires at
    run time (requirements that only an extra asks for left out) and the
    top-level modules it installs."""

    path: Path
    name: str
    version: str
    requires: tuple[str, ...]
    imports: tuple[str, ...]


def read_wheel(path: str | Path) -> Wheel:
    """Read a wheel's METADATA and its list of files; ``ValueError`` if the
    file is not a wheel."""
    path = Path(path)
    try:
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
            info = [n for n in names if re.fullmatch(r"[^/]+\.dist-info/METADATA", n)]
            if len(info) != 1:
                raise ValueError(f"{path.name}: not a wheel (no single .dist-info/METADATA)")
            text = archive.read(info[0]).decode("utf-8")
    except zipfile.BadZipFile:
        raise ValueError(f"{path.name}: not a wheel (not a zip file)") from None
    headers = HeaderParser().parsestr(text)
    requires = []
    for line in headers.get_all("Requires-Dist") or []:
        requirement, _, marker = line.partition(";")
        found = _REQUIREMENT_NAME.match(requirement)
        if found and "extra" not in marker:
            requires.append(canonical(found.group(1)))
    imports = set()
    for name in names:
        top = name.split("/")[0]
        if top.endswith((".dist-info", ".data")):
            continue
        if "/" in name or top.endswith(".py"):
            imports.add(top.removesuffix(".py"))
    return Wheel(
        path=path,
        name=canonical(headers["Name"]),
        version=headers["Version"],
        requires=tuple(dict.fromkeys(requires)),
        imports=tuple(sorted(imports)),
    )


def build_own_wheel(folder: str | Path) -> Path:
    """Write ``mazur_nn-<version>-py3-none-any.whl`` into ``folder`` from the
    ``mazur_nn`` package that is running (every ``.py`` file under it) and
    return its path. The requirements are the installed distribution's
    (those of ``pyproject.toml``), or the run-time ones when it is not
    installed."""
    package = Path(mazur_nn.__file__).parent
    version = mazur_nn.__version__
    dist_info = f"mazur_nn-{version}.dist-info"
    wheel_path = Path(folder) / f"mazur_nn-{version}-py3-none-any.whl"
    try:
        requires = metadata.requires("mazur_nn") or []
        summary = metadata.metadata("mazur_nn")["Summary"] or ""
    except metadata.PackageNotFoundError:
        requires, summary = list(_RUNTIME_REQUIRES), ""
    meta = [
        "Metadata-Version: 2.1",
        "Name: mazur_nn",
        f"Version: {version}",
        f"Summary: {summary}",
        *(f"Requires-Dist: {r}" for r in requires),
    ]
    files = {
        f"mazur_nn/{p.relative_to(package).as_posix()}": p.read_bytes()
        for p in sorted(package.rglob("*.py"))
        if "__pycache__" not in p.parts
    }
    files[f"{dist_info}/METADATA"] = ("\n".join(meta) + "\n").encode()
    files[f"{dist_info}/WHEEL"] = (
        b"Wheel-Version: 1.0\nGenerator: mazur_nn\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
    )
    files[f"{dist_info}/top_level.txt"] = b"mazur_nn\n"
    record = [f"{name},sha256={record_hash(data)},{len(data)}" for name, data in files.items()]
    record.append(f"{dist_info}/RECORD,,")
    files[f"{dist_info}/RECORD"] = ("\n".join(record) + "\n").encode()
    with zipfile.ZipFile(wheel_path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            entry = zipfile.ZipInfo(name, date_time=_FIXED_DATE)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            archive.writestr(entry, data)
    return wheel_path


def left_out(name: str) -> bool:
    """Whether :func:`slim_wheel` leaves the file ``name`` out: anything in a
    ``tests`` folder, and a wheel's ``.data`` folder (files installed outside
    the package, such as a JupyterLab extension's JavaScript).

    >>> left_out("sympy/core/tests/test_add.py"), left_out("sympy/testing/runtests.py")
    (True, False)
    >>> left_out("anywidget-0.11.0.data/data/share/jupyter/labextensions/anywidget/package.json")
    True
    """
    parts = name.split("/")
    return "tests" in parts[:-1] or parts[0].endswith(".data")


def slim_wheel(source: str | Path, folder: str | Path) -> Path:
    """A copy of the wheel ``source`` in ``folder`` (same file name) without
    the files :func:`left_out` names, its RECORD written again."""
    source, folder = Path(source), Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / source.name
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        kept = [i for i in old.infolist() if not left_out(i.filename)]
        names = {i.filename for i in kept}
        for info in kept:
            data = old.read(info)
            if info.filename.endswith(".dist-info/RECORD"):
                lines = data.decode("utf-8").splitlines()
                data = "".join(f"{line}\n" for line in lines if line.split(",")[0] in names)
                data = data.encode("utf-8")
            new.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED)
    return target


def record_hash(data: bytes) -> str:
    """A file's hash as a wheel's RECORD writes it (urlsafe base64, no padding)."""
    return base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
