"""The site's modules compiled to bytecode at build time (mazur_nn.delivery.bytecode).

The packing is checked on a small wheel with bytecode put in place by hand;
the compiling itself runs the real Pyodide in Node.js when both the runtime
(the site's inputs) and ``node`` are here."""

from __future__ import annotations

import base64
import hashlib
import tarfile
import zipfile
from pathlib import Path

import pytest

from mazur_nn.delivery import bytecode
from mazur_nn.delivery import inputs as site_inputs

FILES = {
    "pkg/__init__.py": b"from pkg import used\n",
    "pkg/used.py": b"VALUE = 1\n",
    "pkg/unused.py": b"VALUE = 2\n",
    "pkg/data.txt": b"kept as it is\n",
    "pkg-1.0.dist-info/METADATA": b"Metadata-Version: 2.1\nName: pkg\nVersion: 1.0\n",
    "pkg-1.0.dist-info/WHEEL": b"Wheel-Version: 1.0\nTag: py2-none-any\nTag: py3-none-any\n",
    "pkg-1.0.dist-info/RECORD": b"",
}


def _wheel(folder: Path) -> Path:
    path = folder / "pkg-1.0-py2.py3-none-any.whl"
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in FILES.items():
            archive.writestr(name, data)
    return path


def _record_ok(archive: zipfile.ZipFile) -> bool:
    """Every file but RECORD listed in RECORD with its size and hash."""
    record = next(n for n in archive.namelist() if n.endswith("RECORD"))
    rows = {}
    for line in archive.read(record).decode().splitlines():
        name, digest, size = line.rsplit(",", 2)
        rows[name] = (digest, size)
    for name in archive.namelist():
        if name == record:
            continue
        data = archive.read(name)
        want = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
        if rows.get(name) != (f"sha256={want}", str(len(data))):
            return False
    return set(rows) == set(archive.namelist())


@pytest.mark.parametrize("keep_sources", [False, True])
def test_repack_puts_the_bytecode_in_and_writes_record_again(tmp_path, keep_sources):
    wheel = _wheel(tmp_path)
    tree = tmp_path / "tree"
    compiled = {"pkg/__init__.py", "pkg/used.py"}  # pkg/unused.py: nothing imported it
    for name in compiled:
        target = tree / (
            bytecode.cached(name, "cpython-314") if keep_sources else bytecode.sourceless(name)
        )
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(b"bytecode of " + name.encode())
    archive = bytecode.Archive(wheel, "/lib/python3.14/site-packages", keep_sources)
    out = bytecode.repack(archive, tree, "cpython-314", "cp314", tmp_path / "out")
    assert out.name == "pkg-1.0-cp314-none-any.whl"
    with zipfile.ZipFile(out) as new:
        names = set(new.namelist())
        assert "pkg/unused.py" in names and "pkg/data.txt" in names
        assert "pkg/unused.pyc" not in names
        for name in compiled:
            assert (name in names) == keep_sources
            pyc = bytecode.cached(name, "cpython-314") if keep_sources else name + "c"
            assert new.read(pyc) == b"bytecode of " + name.encode()
        wheel_file = new.read("pkg-1.0.dist-info/WHEEL").decode()
        assert "Tag: cp314-none-any" in wheel_file and "py3" not in wheel_file
        assert _record_ok(new)


def _runtime(folder: Path) -> Path | None:
    tarball = site_inputs.Inputs(site_inputs.default_folder()).tarball
    if not tarball.is_file() or not bytecode.node_available():
        return None
    with tarfile.open(tarball) as archive:
        for name in (*site_inputs.RUNTIME_FILES, site_inputs.LOCK_FILE):
            member = archive.extractfile(f"package/{name}")
            assert member is not None
            (folder / name).write_bytes(member.read())
    return folder


def test_pyodide_compiles_what_the_imports_load(tmp_path):
    runtime = _runtime(tmp_path)
    if runtime is None:
        pytest.skip("needs node and the site's inputs (mazur-nn site --fetch)")
    wheel = _wheel(tmp_path)
    archive = bytecode.Archive(wheel, "/lib/python3.14/site-packages")
    (out,) = bytecode.compile_archives(runtime, [archive], ["pkg"], tmp_path / "out")
    with zipfile.ZipFile(out) as new:
        names = set(new.namelist())
        assert {"pkg/__init__.pyc", "pkg/used.pyc", "pkg/unused.py"} <= names
        assert not {"pkg/__init__.py", "pkg/used.py", "pkg/unused.pyc"} & names
        pyc = new.read("pkg/used.pyc")
    assert int.from_bytes(pyc[4:8], "little") == 0b01  # hash-based, not checked
    assert b"/lib/python3.14/site-packages/pkg/used.py" in pyc  # what a traceback names
