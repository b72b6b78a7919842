"""A class: a roster, a secret, and each student's quiz seed.

``mazur-nn class init roster.csv`` reads a roster (:func:`read_roster`: one
student a row, the student's id then name; a header row, a byte order mark,
blank lines and further columns are tolerated) and writes a class file
(:func:`new_class`, :meth:`ClassFile.to_json`): a random secret (from
:mod:`secrets`) and, per student, the quiz seed :func:`derive_seed` makes
from the secret and the student's id with HMAC-SHA256. The teacher can make
the seeds again from the class file; without the secret, a seed cannot be
told from an id.

The class file is JSON::

    {"format": "mazur_nn class", "version": 1, "secret": "<64 hex digits>",
     "exam_attempts": null,
     "students": [{"id": "s001", "name": "Ada Lovelace", "seed": 123456789}, ...]}

``exam_attempts`` is the number of answers each quiz question allows in exam
mode (``null``: no limit); the grader counts no answer beyond it.

Example
-------
>>> roster = read_roster_text("student id,name\\ns001,Ada Lovelace\\ns002,Alan Turing\\n")
>>> [s.id for s in roster]
['s001', 's002']
>>> secret = "00" * 32
>>> derive_seed(secret, "s001") == derive_seed(secret, " S001 ")  # case and spaces aside
True
>>> 0 <= derive_seed(secret, "s001") <= MAX_SEED
True
>>> read_roster_text("s001,Ada\\ns001,Bob\\n")
Traceback (most recent call last):
...
ValueError: roster row 2: student id 's001' appears twice (rows 1 and 2); give each student once
"""

from __future__ import annotations

import csv
import hashlib
import hmac
import io
import json
import os
import re
import secrets
import stat
from dataclasses import dataclass

from mazur_nn.core.validate import echo
from mazur_nn.exercises.variant import MAX_SEED

FORMAT = "mazur_nn class"
VERSION = 1
MAX_ROSTER_BYTES = 1_000_000
MAX_STUDENTS = 10_000
MAX_ID_LENGTH = 100
MAX_NAME_LENGTH = 200
MAX_EXAM_ATTEMPTS = 100
SEED_LABEL = b"mazur_nn quiz seed\x00"  # what the HMAC signs before the id: seeds are for this only
# Words a header row's columns start with (first: the id, second: the name).
ID_HEADINGS = ("id", "student", "sis", "user", "login", "email", "number", "matric")
NAME_HEADINGS = ("name", "student", "full", "display")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


@dataclass(frozen=True)
class Student:
    """One student of a class: the id as the roster gives it, the name, and
    the quiz seed (``None`` until a secret gives it)."""

    id: str
    name: str
    seed: int | None = None

    def to_dict(self) -> dict:
        return {"id": self.id, "name": self.name, "seed": self.seed}


def id_key(student_id: str) -> str:
    """What identifies a student: the id without spaces at either end, runs
    of spaces as one, and case folded (``" S001"`` is ``"s001"``).

    >>> id_key("  AB  12 ")
    'ab 12'
    """
    return " ".join(student_id.split()).casefold()


def derive_seed(secret: str, student_id: str) -> int:
    """The quiz seed of ``student_id`` in the class with ``secret`` (hex):
    HMAC-SHA256 of the id (:func:`id_key`) under the secret, read as a
    whole number from 0 to :data:`~mazur_nn.exercises.variant.MAX_SEED`."""
    digest = hmac.new(
        bytes.fromhex(secret), SEED_LABEL + id_key(student_id).encode("utf-8"), hashlib.sha256
    ).digest()
    return int.from_bytes(digest[:8], "big") % (MAX_SEED + 1)


def _problem(row: int, text: str) -> ValueError:
    return ValueError(f"roster row {row}: {text}")


def _checked_field(value: str, row: int, field: str, limit: int) -> str:
    """``value`` with its spaces trimmed, if a roster can hold it."""
    value = " ".join(value.split())
    if not value:
        raise _problem(row, f"{field} is empty")
    if _CONTROL.search(value):
        raise _problem(row, f"{field} '{echo(value)}' holds a control character")
    if len(value) > limit:
        raise _problem(row, f"{field} '{echo(value)}' is longer than {limit} characters")
    return value


def _is_header(cells: list[str]) -> bool:
    """Whether a roster's first row names its columns (``Student ID,Name``)."""
    first, second = (" ".join(c.split()).casefold() for c in (cells + ["", ""])[:2])
    return first.startswith(ID_HEADINGS) and second.startswith(NAME_HEADINGS)


def read_roster_text(text: str) -> tuple[Student, ...]:
    """The students of a roster's text (see :func:`read_roster`)."""
    text = text.removeprefix("\ufeff")
    lines = text.splitlines()
    sample = "\n".join(lines[:20])
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t") if sample.strip() else csv.excel
    except csv.Error:
        dialect = csv.excel
    students: list[Student] = []
    first_row: dict[str, int] = {}
    try:
        rows = list(csv.reader(io.StringIO(text), dialect))
    except csv.Error as exc:
        raise ValueError(f"roster: not CSV ({exc})") from None
    for number, cells in enumerate(rows, start=1):
        if not any(c.strip() for c in cells):
            continue  # a blank line
        if not students and not first_row and _is_header(cells):
            continue
        if len(cells) < 2:
            raise _problem(number, "expected two columns, student id and name, got one")
        student_id = _checked_field(cells[0], number, "student id", MAX_ID_LENGTH)
        name = _checked_field(cells[1], number, "name", MAX_NAME_LENGTH)
        key = id_key(student_id)
        if key in first_row:
            raise _problem(
                number,
                f"student id '{echo(student_id)}' appears twice (rows {first_row[key]} and "
                f"{number}); give each student once",
            )
        first_row[key] = number
        students.append(Student(student_id, name))
        if len(students) > MAX_STUDENTS:
            raise _problem(number, f"more than {MAX_STUDENTS} students")
    if not students:
        raise ValueError("roster: no students; expected one row a student: student id, name")
    return tuple(students)


def _read_small_file(path: str | os.PathLike, what: str, limit: int) -> str:
    """The UTF-8 text of the regular file ``path`` of at most ``limit`` bytes;
    ``OSError`` or ``ValueError`` that says which file and why."""
    where = f"{what} {echo(os.fspath(path))}"
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            raise ValueError(f"{where} is not a regular file")
        if info.st_size > limit:
            raise ValueError(f"{where} is larger than {limit // 1_000_000} MB")
        with open(path, "rb") as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        raise OSError(f"cannot read {where} ({exc.strerror or exc})") from None
    if len(data) > limit:
        raise ValueError(f"{where} is larger than {limit // 1_000_000} MB")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ValueError(
            f"{where} is not UTF-8 text (byte {exc.start + 1}); save it as CSV UTF-8"
        ) from None


def read_roster(path: str | os.PathLike) -> tuple[Student, ...]:
    """The students of the roster CSV file ``path``: one a row, the student's
    id then name (columns separated by commas, semicolons or tabs; further
    columns ignored). A first row whose columns are named (``Student ID,
    Name``), a byte order mark and blank lines are skipped. A bad row is a
    ``ValueError`` naming the row and the field; an id given twice too."""
    text = _read_small_file(path, "roster", MAX_ROSTER_BYTES)
    try:
        return read_roster_text(text)
    except ValueError as exc:
        raise ValueError(f"{echo(os.fspath(path))}: {exc}") from None


def check_exam_attempts(attempts) -> int | None:
    """``attempts`` if it is ``None`` (no limit) or a whole number from 1 to
    :data:`MAX_EXAM_ATTEMPTS`."""
    if attempts is None:
        return None
    if isinstance(attempts, bool) or not isinstance(attempts, int):
        raise ValueError(
            f"exam attempts: expected a whole number from 1 to {MAX_EXAM_ATTEMPTS}, "
            f"got {echo(repr(attempts))}"
        )
    if not 1 <= attempts <= MAX_EXAM_ATTEMPTS:
        raise ValueError(
            f"exam attempts: {attempts} is not allowed; expected a whole number from 1 "
            f"to {MAX_EXAM_ATTEMPTS}"
        )
    return attempts


@dataclass(frozen=True)
class ClassFile:
    """A class: its secret (hex), its students with their seeds, and the
    attempts a quiz question allows in exam mode (``None``: no limit)."""

    secret: str
    students: tuple[Student, ...]
    exam_attempts: int | None = None

    def student(self, student_id: str) -> Student | None:
        """The student with ``student_id`` (as :func:`id_key` reads it), or ``None``."""
        key = id_key(student_id)
        for s in self.students:
            if id_key(s.id) == key:
                return s
        return None

    def to_dict(self) -> dict:
        return {
            "format": FORMAT,
            "version": VERSION,
            "secret": self.secret,
            "exam_attempts": self.exam_attempts,
            "students": [s.to_dict() for s in self.students],
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), indent=1, ensure_ascii=False) + "\n"


def with_seeds(secret: str, students, exam_attempts: int | None = None) -> ClassFile:
    """The class of ``students`` with ``secret``, each given its seed."""
    seeded = tuple(Student(s.id, s.name, derive_seed(secret, s.id)) for s in students)
    return ClassFile(secret, seeded, check_exam_attempts(exam_attempts))


def new_class(students, exam_attempts: int | None = None) -> ClassFile:
    """A class of ``students`` with a fresh random secret (256 bits); drawn
    again, in the rare case two students would share a seed."""
    while True:
        result = with_seeds(secrets.token_hex(32), students, exam_attempts)
        if len({s.seed for s in result.students}) == len(result.students):
            return result


def _class_problem(where: str, text: str) -> ValueError:
    return ValueError(f"class file {where}: {text}")


def parse_class(text: str, where: str = "") -> ClassFile:
    """The class of a class file's text; ``ValueError`` naming the field if
    it is not a class file, or if a stored seed is not the one its secret
    gives (the file was edited)."""
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise _class_problem(where, f"not JSON ({str(exc)[:80]})") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise _class_problem(where, f'expected a JSON object with "format": "{FORMAT}"')
    if data.get("version") != VERSION:
        raise _class_problem(where, f"unknown version {echo(repr(data.get('version')))}")
    secret = data.get("secret")
    if not isinstance(secret, str) or not re.fullmatch(r"[0-9a-f]{64}", secret):
        raise _class_problem(where, "secret: expected 64 hexadecimal digits")
    try:
        exam_attempts = check_exam_attempts(data.get("exam_attempts"))
    except ValueError as exc:
        raise _class_problem(where, str(exc)) from None
    rows = data.get("students")
    if not isinstance(rows, list) or not rows:
        raise _class_problem(where, "students: expected a list of students")
    students, seen = [], set()
    for number, row in enumerate(rows, start=1):
        named = isinstance(row, dict) and all(isinstance(row.get(k), str) for k in ("id", "name"))
        if not named:
            raise _class_problem(where, f"student {number}: expected an id and a name (text)")
        if id_key(row["id"]) in seen:
            raise _class_problem(where, f"student {number}: id '{echo(row['id'])}' appears twice")
        seen.add(id_key(row["id"]))
        seed = derive_seed(secret, row["id"])
        if row.get("seed", seed) != seed:
            raise _class_problem(
                where,
                f"student {number} ('{echo(row['id'])}'): the seed is not the one the secret "
                "gives; the file was edited",
            )
        students.append(Student(row["id"], row["name"], seed))
    return ClassFile(secret, tuple(students), exam_attempts)


def read_class(path: str | os.PathLike) -> ClassFile:
    """The class file at ``path`` (see :func:`parse_class`)."""
    text = _read_small_file(path, "class file", 5 * MAX_ROSTER_BYTES)
    return parse_class(text, echo(os.fspath(path)))


def write_new(path: str | os.PathLike, text: str, force: bool = False) -> None:
    """Write ``text`` to a new file ``path``, readable by its owner only (a
    class file holds the secret); an existing file is an error unless ``force``."""
    flags = os.O_WRONLY | os.O_CREAT | (os.O_TRUNC if force else os.O_EXCL)
    where = echo(os.fspath(path))
    try:
        descriptor = os.open(path, flags, 0o600)
    except FileExistsError:
        raise OSError(
            f"class file {where} exists already; keep it (it holds the class's secret), "
            "or pass --force to replace it"
        ) from None
    except OSError as exc:
        raise OSError(f"cannot write {where} ({exc.strerror})") from None
    with open(descriptor, "w", encoding="utf-8") as handle:
        handle.write(text)


def seeds_csv(students) -> str:
    """``Student ID,Name,Seed``, one student a row: what each is to type in the quiz."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["Student ID", "Name", "Seed"])
    writer.writerows([safe_cell(s.id), safe_cell(s.name), s.seed] for s in students)
    return out.getvalue()


def safe_cell(text: str) -> str:
    """``text`` for a spreadsheet cell: a leading ``=``, ``+``, ``-`` or ``@``
    (a formula to a spreadsheet) gets a ``'`` before it.

    >>> safe_cell("=HYPERLINK(1)"), safe_cell("Ada")
    ("'=HYPERLINK(1)", 'Ada')
    """
    return f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
