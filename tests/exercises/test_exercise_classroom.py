"""A class: the roster read, seeds made from a secret and an id, the class
file, and ``mazur-nn class`` (one-line errors, no overwriting)."""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import stat
import subprocess
import sys
import time

import pytest

from mazur_nn.cli import main
from mazur_nn.exercises.classroom import (
    derive_seed,
    new_class,
    parse_class,
    read_class,
    read_roster,
    read_roster_text,
)
from mazur_nn.exercises.quiz import MAX_SEED

RUN_MAIN = [sys.executable, "-c", "from mazur_nn.cli import main; raise SystemExit(main())"]
SECRET_A, SECRET_B = "ab" * 32, "cd" * 32


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def one_line_error(code: int, err: str) -> None:
    assert code == 2
    assert "Traceback" not in err and len(err.splitlines()) == 1
    assert err.startswith("mazur-nn: error: ")


# -- seeds --------------------------------------------------------------------------


def test_seed_is_stable_in_range_and_from_hmac():
    ids = [f"s{n:03d}" for n in range(200)]
    seeds = [derive_seed(SECRET_A, i) for i in ids]
    assert seeds == [derive_seed(SECRET_A, i) for i in ids]  # the teacher makes them again
    assert all(0 <= s <= MAX_SEED for s in seeds)
    assert len(set(seeds)) == len(seeds)
    # An independent HMAC over the same bytes: the id alone does not give the seed.
    mac = hmac.new(bytes.fromhex(SECRET_A), b"mazur_nn quiz seed\x00s007", hashlib.sha256)
    assert seeds[7] == int.from_bytes(mac.digest()[:8], "big") % (MAX_SEED + 1)


def test_seed_depends_on_the_secret_not_on_case_or_spaces():
    ids = [f"student-{n}" for n in range(50)]
    a = [derive_seed(SECRET_A, i) for i in ids]
    b = [derive_seed(SECRET_B, i) for i in ids]
    assert sum(x == y for x, y in zip(a, b)) == 0
    assert derive_seed(SECRET_A, "  Student-3 ") == a[3]


def test_new_classes_get_fresh_secrets_and_distinct_seeds():
    students = read_roster_text("".join(f"s{n},Name {n}\n" for n in range(30)))
    one, two = new_class(students), new_class(students)
    assert one.secret != two.secret and len(one.secret) == 64
    assert len({s.seed for s in one.students}) == 30
    assert [s.seed for s in one.students] != [s.seed for s in two.students]
    assert all(s.seed == derive_seed(one.secret, s.id) for s in one.students)


# -- the roster ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "s1,Ada Lovelace\ns2,Alan Turing\n",
        "\ufeffStudent ID,Name\r\ns1,Ada Lovelace\r\n\r\ns2,Alan Turing\r\n",
        "id;name\ns1;Ada Lovelace\n\n\ns2;Alan Turing\n",
        "ID\tFull name\textra\ns1\tAda Lovelace\tx\ns2\t  Alan   Turing \t\n",
    ],
)
def test_roster_tolerates_header_bom_blank_lines_and_separators(text):
    students = read_roster_text(text)
    assert [(s.id, s.name) for s in students] == [("s1", "Ada Lovelace"), ("s2", "Alan Turing")]


def test_roster_keeps_a_quoted_comma_in_a_name():
    (student,) = read_roster_text('s9,"Turing, Alan"\n')
    assert student.name == "Turing, Alan"


@pytest.mark.parametrize(
    "text, row, words",
    [
        ("s1,Ada\ns2\n", 2, "expected two columns"),
        ("s1,Ada\n,Bob\n", 2, "student id is empty"),
        ("s1,Ada\ns2,  \n", 2, "name is empty"),
        ("name,id\ns1,Ada\nS1,Bob\n", 3, "student id 'S1' appears twice (rows 2 and 3)"),
        ("s1,Ada\ns\x1b2,Bob\n", 2, "holds a control character"),
        ("s1,Ada\n" + "x" * 101 + ",Bob\n", 2, "longer than 100 characters"),
    ],
)
def test_bad_rows_name_the_row_and_the_field(text, row, words):
    with pytest.raises(ValueError) as error:
        read_roster_text(text)
    message = str(error.value)
    assert message.startswith(f"roster row {row}: ") and words in message
    assert "\n" not in message


def test_an_empty_roster_is_an_error():
    with pytest.raises(ValueError, match="no students"):
        read_roster_text("Student ID,Name\n\n")


def test_a_roster_that_is_not_utf8_says_so(tmp_path):
    path = tmp_path / "roster.csv"
    path.write_bytes("s1,Zoë\n".encode("latin-1"))
    with pytest.raises(ValueError, match="not UTF-8 text.*CSV UTF-8"):
        read_roster(path)


# -- the class file -------------------------------------------------------------------


def test_class_file_round_trips_and_catches_an_edited_seed():
    made = new_class(read_roster_text("s1,Ada\ns2,Bob\n"), exam_attempts=2)
    again = parse_class(made.to_json())
    assert again == made and again.exam_attempts == 2
    assert again.student(" S2 ").name == "Bob" and again.student("s3") is None
    data = json.loads(made.to_json())
    data["students"][1]["seed"] = (data["students"][1]["seed"] + 1) % MAX_SEED
    with pytest.raises(ValueError, match="student 2 .*the seed is not the one the secret gives"):
        parse_class(json.dumps(data))


@pytest.mark.parametrize(
    "change, words",
    [
        ({"format": "other"}, '"format": "mazur_nn class"'),
        ({"version": 9}, "unknown version 9"),
        ({"secret": "xyz"}, "secret: expected 64 hexadecimal digits"),
        ({"students": []}, "students: expected a list"),
        ({"exam_attempts": 0}, "exam attempts: 0 is not allowed"),
    ],
)
def test_a_bad_class_file_names_the_field(change, words):
    data = json.loads(new_class(read_roster_text("s1,Ada\n")).to_json()) | change
    with pytest.raises(ValueError, match=words.replace("(", r"\(")):
        parse_class(json.dumps(data), "class.json")


# -- mazur-nn class ---------------------------------------------------------------------


@pytest.fixture
def roster(tmp_path):
    path = tmp_path / "roster.csv"
    path.write_text("Student ID,Name\ns001,Ada Lovelace\ns002,Alan Turing\n", encoding="utf-8")
    return path


def test_class_init_writes_a_private_class_file_and_refuses_to_overwrite(capsys, roster, tmp_path):
    target = tmp_path / "class.json"
    code, out, err = run(capsys, "class", "init", str(roster), "--out", str(target))
    assert (code, err) == (0, "") and "2 students" in out
    made = read_class(target)
    assert [s.id for s in made.students] == ["s001", "s002"]
    if os.name == "posix":
        assert stat.S_IMODE(os.stat(target).st_mode) == 0o600
    before = target.read_text(encoding="utf-8")
    code, out, err = run(capsys, "class", "init", str(roster), "--out", str(target))
    one_line_error(code, err)
    assert "exists already" in err and "--force" in err
    assert target.read_text(encoding="utf-8") == before
    code, _, err = run(capsys, "class", "init", str(roster), "--out", str(target), "--force")
    assert (code, err) == (0, "") and read_class(target).secret != made.secret


def test_class_init_default_name_and_exam_attempts(capsys, roster, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert run(capsys, "class", "init", str(roster), "--exam-attempts", "3")[0] == 0
    assert read_class("class.json").exam_attempts == 3


def test_class_seeds_lists_each_students_seed(capsys, roster, tmp_path):
    target = tmp_path / "class.json"
    run(capsys, "class", "init", str(roster), "--out", str(target))
    code, out, err = run(capsys, "class", "seeds", str(target))
    made = read_class(target)
    lines = out.splitlines()
    assert (code, err, lines[0]) == (0, "", "Student ID,Name,Seed")
    assert lines[1:] == [f"{s.id},{s.name},{s.seed}" for s in made.students]


@pytest.mark.parametrize(
    "content, args, words",
    [
        ("s1,Ada\ns1,Bob\n", [], "row 2: student id 's1' appears twice"),
        ("s1,Ada\ns2\n", [], "row 2: expected two columns"),
        ("s1,Ada\n", ["--exam-attempts", "0"], "--exam-attempts"),
        (None, [], "cannot read roster"),
    ],
)
def test_class_init_errors_are_one_line(capsys, tmp_path, content, args, words):
    path = tmp_path / "roster.csv"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    code, out, err = run(
        capsys, "class", "init", str(path), "--out", str(tmp_path / "c.json"), *args
    )
    one_line_error(code, err)
    assert words in err and out == ""
    assert not (tmp_path / "c.json").exists()


def test_class_usage_errors_are_one_line(capsys, roster):
    for args, words in (
        (["class", "make", str(roster)], "ACTION: 'make' is not allowed"),
        (["class", "init"], "FILE is needed"),
        (["class", "seeds", str(roster)], "class file"),
    ):
        code, _, err = run(capsys, *args)
        one_line_error(code, err)
        assert words in err


def test_a_bad_roster_in_a_separate_process_is_one_line(tmp_path):
    path = tmp_path / "roster.csv"
    path.write_text("s1,Ada\n,Bob\n", encoding="utf-8")
    done = subprocess.run(
        [*RUN_MAIN, "class", "init", str(path), "--out", str(tmp_path / "c.json")],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert (done.returncode, done.stdout) == (2, "")
    one_line_error(done.returncode, done.stderr)
    assert "row 2: student id is empty" in done.stderr


def test_errors_come_within_a_second(capsys, tmp_path):
    """Once Python has started and imported the package (about half a
    second on the 2-core test machine), an error takes milliseconds."""
    path = tmp_path / "roster.csv"
    path.write_text("".join(f"s{n},N{n}\n" for n in range(5000)) + "s7,Again\n", encoding="utf-8")
    main(["key", "--seed", "1"])  # imports done
    capsys.readouterr()
    for args in (
        ["class", "init", str(path), "--out", str(tmp_path / "c.json")],
        ["key", "--seed", "1", "--seed", "x"],
        ["paper", "--class", str(tmp_path / "missing.json")],
        ["grade", str(tmp_path), "--class", str(path)],
    ):
        start = time.perf_counter()
        code, _, err = run(capsys, *args)
        assert time.perf_counter() - start < 1.0, args
        one_line_error(code, err)
