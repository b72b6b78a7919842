"""``mazur-nn site`` without a browser: its errors, the lock it writes, the
wheels it slims. The site itself is built and driven in
``tests/browser/test_site_in_browser.py``."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from mazur_nn.cli import main
from mazur_nn.delivery.lock import LockError, site_lock
from mazur_nn.delivery.site import SiteError, check_output
from mazur_nn.delivery.wheels import Wheel, build_own_wheel, read_wheel, slim_wheel

LOCK = {
    "info": {"python": "3.14.2"},
    "packages": {
        "six": {
            "name": "six",
            "version": "1.17.0",
            "file_name": "six-1.17.0-py2.py3-none-any.whl",
            "sha256": "cdn",
            "depends": [],
            "imports": ["six"],
        },
        "numpy": {"name": "numpy", "version": "2.4.6", "depends": [], "file_name": "n.whl"},
    },
}


def _wheel(name: str, version: str, requires=()) -> Wheel:
    path = Path(f"{name}-{version}-py3-none-any.whl")
    return Wheel(path, name, version, tuple(requires), (name,))


def test_the_lock_lists_exactly_the_wheels_with_their_hashes():
    wheels = [_wheel("six", "1.17.0"), _wheel("own", "1.0", ["six", "widgetsnbextension"])]
    lock = site_lock(LOCK, wheels, hashes={"six": "aa", "own": "bb"})
    assert sorted(lock["packages"]) == ["own", "six"]  # numpy: no wheel, dropped
    assert lock["packages"]["six"]["sha256"] == "aa"
    assert lock["packages"]["own"]["depends"] == ["six"]  # the JS-only extension left out
    assert lock["info"] == LOCK["info"]


def test_the_lock_refuses_another_version_or_a_missing_dependency():
    with pytest.raises(LockError, match="Pyodide's lock has six 1.17.0, not 1.16.0"):
        site_lock(LOCK, [_wheel("six", "1.16.0")], hashes={"six": "x"})
    with pytest.raises(LockError, match="own needs sympy, which the site has no wheel for"):
        site_lock(LOCK, [_wheel("own", "1.0", ["sympy"])], hashes={"own": "x"})


def test_the_package_wheel_and_a_slimmed_copy(tmp_path):
    own = build_own_wheel(tmp_path)
    wheel = read_wheel(own)
    assert (wheel.name, wheel.imports) == ("mazur-nn", ("mazur_nn",))
    fat = tmp_path / "fat" / "pkg-1.0-py3-none-any.whl"
    fat.parent.mkdir()
    with zipfile.ZipFile(fat, "w") as archive:
        archive.writestr("pkg/__init__.py", "x = 1\n")
        archive.writestr("pkg/tests/test_x.py", "")
        archive.writestr("pkg-1.0.data/data/share/a.js", "")
        archive.writestr("pkg-1.0.dist-info/METADATA", "Name: pkg\nVersion: 1.0\n")
        archive.writestr(
            "pkg-1.0.dist-info/RECORD",
            "pkg/__init__.py,,\npkg/tests/test_x.py,,\npkg-1.0.data/data/share/a.js,,\n",
        )
    slim = slim_wheel(fat, tmp_path / "slim")
    with zipfile.ZipFile(slim) as archive:
        assert sorted(archive.namelist()) == [
            "pkg-1.0.dist-info/METADATA",
            "pkg-1.0.dist-info/RECORD",
            "pkg/__init__.py",
        ]
        assert archive.read("pkg-1.0.dist-info/RECORD").decode() == "pkg/__init__.py,,\n"


def test_two_builds_of_the_package_wheel_are_the_same_bytes(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first, second = build_own_wheel(tmp_path / "a"), build_own_wheel(tmp_path / "b")
    assert first.read_bytes() == second.read_bytes()


def test_the_output_folder_must_be_new_empty_or_a_site(tmp_path):
    check_output(tmp_path / "new")
    check_output(tmp_path)  # empty
    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(SiteError, match="not empty and holds no site built before"):
        check_output(tmp_path)
    (tmp_path / "jupyter-lite.json").write_text("{}")
    check_output(tmp_path)  # a site built before: replaced


def test_missing_inputs_are_one_line_that_says_to_fetch(tmp_path, capsys):
    code = main(["site", str(tmp_path / "out"), "--inputs", str(tmp_path / "empty")])
    err = capsys.readouterr().err
    assert code == 2
    assert err.count("\n") == 1
    assert "is not in the inputs folder; run once with --fetch" in err
    assert not (tmp_path / "out").exists()


def test_bad_command_lines_are_one_line(capsys):
    assert main(["site"]) == 2
    assert "OUTPUT_DIR is needed" in capsys.readouterr().err
    assert main(["site", ""]) == 2
    assert 'OUTPUT_DIR: "" is not allowed' in capsys.readouterr().err
