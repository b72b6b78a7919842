"""A student's answers and progress, kept in a small JSON file.

Where the file is
-----------------
By default ``mazur_nn_progress.json`` in the current working directory:
when a notebook runs in JupyterLab, that is the notebook's folder, so the
progress sits next to the notebooks. Set the environment variable
``MAZUR_NN_PROGRESS`` to a file path to keep it elsewhere (for example
``export MAZUR_NN_PROGRESS=~/mazur_nn_progress.json`` before starting
JupyterLab); or pass a path to :class:`ProgressStore`.

What survives
-------------
Everything is written to the file as soon as it is recorded, so answers
survive a kernel restart and re-opening the notebook; creating the store
again (re-running a cell) reads the file and wipes nothing.

- *Atomic*: the file is written to a temporary file in the same folder, then
  put in place with ``os.replace``; an error midway leaves the old file whole.
  A progress file that is a symbolic link is written through: its target is
  replaced, the link stays.
- *Merge-safe*: before writing, the store re-reads the file and merges it
  with what it holds (each attempt has an id), so two stores on one file
  (two notebooks open at once) do not lose each other's answers. Reading,
  merging and writing happen under a lock (``filelock``, a hidden
  ``.<name>.lock`` next to the file), so two processes never write over
  each other's answers; where no lock can be taken (a browser, a folder
  without locks, a lock held too long), the store writes atomically
  without one, and says nothing.
- *Tolerant*: a missing file is empty progress; a file that is not valid
  progress is renamed ``<name>.corrupt-<n>`` (kept, never deleted), the store
  starts empty, and :attr:`ProgressStore.warning` says what happened. So is
  a file larger than :data:`MAX_FILE_BYTES` or nested deeper than
  :data:`MAX_NESTING`, and anything that is not a regular file (a folder, a
  FIFO, a device: checked with ``os.stat`` before it is opened, and opened
  without blocking) is set aside the same way, or, reached through a link
  or impossible to rename, left alone while progress stays in memory.

The file holds ``{"version": 2, "student": {"id", "seed", "time"},
"exercises": {id: [attempt, ...]}}``, each attempt ``{"id", "time",
"answer", "correct", "hint_level", "kind"}``: ``time`` is when it was made
(ISO 8601, UTC), ``hint_level`` the hints seen by then; ``kind`` is
``"answer"`` for an answer checked, ``"hint"`` for a hint viewed before any
answer (:meth:`ProgressStore.record_hint`), ``"setting"`` for a value such
as the quiz's seed (:meth:`ProgressStore.remember`). ``student`` is who the
student said they are and the seed they work on, the quiz's and the lesson
exercises' (:meth:`ProgressStore.set_student`; ``null`` until given; ``time`` decides
which of two stores' is kept). Files of version 1 (no ``student``) are read
as they are, and files written before ``kind`` existed read as answers. A
teacher's tools read a collected file with :func:`read_progress`.

Example
-------
>>> import os, tempfile
>>> folder = tempfile.TemporaryDirectory()
>>> path = os.path.join(folder.name, "progress.json")
>>> store = ProgressStore(path)
>>> store.record("01-net_h1", "0.37", correct=False, hint_level=0).correct
False
>>> _ = store.record("01-net_h1", "0.3775", correct=True, hint_level=1)
>>> again = ProgressStore(path)  # a kernel restart, or the cell run again
>>> [a.answer for a in again.answers("01-net_h1")], again.solved()
(['0.37', '0.3775'], ('01-net_h1',))
>>> again.latest("01-net_h1").answer, again.hint_level("01-net_h1")
('0.3775', 1)
>>> _ = again.record_hint("02-dE_total_dw5", 2)  # a hint viewed, no answer yet
>>> again.hint_level("02-dE_total_dw5"), again.answers("02-dE_total_dw5")
(2, ())
>>> folder.cleanup()
"""

from __future__ import annotations

import json
import os
import stat
import sys
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from mazur_nn.core.validate import echo, short_text, wrong_kind

if sys.platform == "emscripten":  # a browser (Pyodide): no file locks, see _locked
    filelock = None
else:
    try:
        import filelock
    except ImportError:  # pragma: no cover - a platform without it writes without a lock
        filelock = None

ENV_VAR = "MAZUR_NN_PROGRESS"
DEFAULT_NAME = "mazur_nn_progress.json"
VERSION = 2
READABLE_VERSIONS = (1, 2)  # files of version 1 have no "student"
KINDS = ("answer", "hint", "setting")
MAX_ID_LENGTH = 200
MAX_ANSWER_LENGTH = 10_000
MAX_HINT_LEVEL = 100
MAX_STUDENT_ID_LENGTH = 100
MAX_FILE_BYTES = 5_000_000  # a progress file larger than this is set aside unread
MAX_NESTING = 16  # brackets deeper than this: not a progress file (one nests 4 deep)
LOCK_TIMEOUT = 10.0  # seconds to wait for another process's lock before writing without it


def default_path() -> Path:
    """``$MAZUR_NN_PROGRESS`` if set, else ``mazur_nn_progress.json`` in the
    current working directory (the notebook's folder in JupyterLab).

    >>> default_path().name == DEFAULT_NAME or ENV_VAR in os.environ
    True
    """
    chosen = os.environ.get(ENV_VAR, "").strip()
    return Path(chosen).expanduser() if chosen else Path.cwd() / DEFAULT_NAME


@dataclass(frozen=True)
class Attempt:
    """One answer to one exercise: what was typed, whether it was right, the
    hint level reached, when (UTC, ISO 8601), and an id used for merging.
    ``kind`` is ``"hint"`` for a hint viewed (``answer`` is then empty)."""

    id: str
    time: str
    answer: str
    correct: bool
    hint_level: int
    kind: str = "answer"

    def as_dict(self) -> dict:
        """The attempt as the file keeps it."""
        return {
            "id": self.id,
            "time": self.time,
            "answer": self.answer,
            "correct": self.correct,
            "hint_level": self.hint_level,
            "kind": self.kind,
        }

    @classmethod
    def from_dict(cls, data) -> Attempt:
        """An attempt read from the file; ``ValueError`` if it is not one."""
        required = set(cls.__dataclass_fields__) - {"kind"}
        if not isinstance(data, dict) or not required <= set(data):
            raise ValueError(f"not an attempt: {_described(data)}")
        kind = data.get("kind", "answer")
        if not isinstance(kind, str) or kind not in KINDS:
            raise ValueError(f"attempt kind: expected one of {KINDS}, got {_described(kind)}")
        for field, type_ in (("id", str), ("time", str), ("answer", str), ("correct", bool)):
            if not isinstance(data[field], type_):
                raise ValueError(f"attempt {field}: expected {type_.__name__}")
        return cls(
            data["id"],
            data["time"],
            data["answer"],
            data["correct"],
            check_hint_level(data["hint_level"]),
            kind,
        )


def _described(value) -> str:
    """What a message says of a value read from the file: text quoted with
    :func:`echo`, anything else by its kind (never a whole ``repr``)."""
    return f"'{echo(value)}'" if isinstance(value, str) else f"a {type(value).__name__}"


def check_exercise_id(exercise_id) -> str:
    """``exercise_id`` if it is a name the file can keep."""
    if not isinstance(exercise_id, str) or not exercise_id.strip():
        raise wrong_kind("exercise_id", "a non-empty name", repr(exercise_id), ValueError)
    return short_text(exercise_id, "exercise_id", MAX_ID_LENGTH)


def check_hint_level(hint_level) -> int:
    """``hint_level`` if it is a whole number from 0 to :data:`MAX_HINT_LEVEL`."""
    if isinstance(hint_level, bool) or not isinstance(hint_level, int):
        raise wrong_kind("hint_level", "a whole number >= 0", repr(hint_level), ValueError)
    if not 0 <= hint_level <= MAX_HINT_LEVEL:
        raise wrong_kind("hint_level", f"0 to {MAX_HINT_LEVEL}", hint_level, ValueError)
    return hint_level


def _now() -> str:
    """The time now, UTC, ISO 8601 to the microsecond."""
    return datetime.now(timezone.utc).isoformat(timespec="microseconds")


def _new_attempt(answer: str, correct: bool, hint_level, kind: str = "answer") -> Attempt:
    """An attempt made now, with a fresh id."""
    return Attempt(uuid.uuid4().hex, _now(), answer, correct, check_hint_level(hint_level), kind)


def nesting(value, limit: int = MAX_NESTING) -> int:
    """How deep lists and objects nest in ``value`` (read from JSON),
    counted up to ``limit + 1`` without recursion.

    >>> nesting({"a": [1, {"b": "[[["}]}), nesting([[[[]]]], 2)
    (3, 3)
    """
    deepest, stack = 0, [(value, 1)]
    while stack and deepest <= limit:
        item, depth = stack.pop()
        if isinstance(item, (dict, list)):
            deepest = max(deepest, depth)
            children = item.values() if isinstance(item, dict) else item
            stack.extend((child, depth + 1) for child in children)
    return deepest


@dataclass(frozen=True)
class StudentInfo:
    """Who a progress file is of: the id and the quiz seed the student gave
    (each ``None`` until given), and when they were last set (ISO 8601, UTC)."""

    id: str | None = None
    seed: int | None = None
    time: str = ""

    def as_dict(self) -> dict:
        return {"id": self.id, "seed": self.seed, "time": self.time}

    @classmethod
    def from_dict(cls, data) -> StudentInfo:
        """The ``student`` of a file; ``ValueError`` if it is not one."""
        if not isinstance(data, dict):
            raise ValueError(f"student: expected an object, got {_described(data)}")
        student_id, seed, time = data.get("id"), data.get("seed"), data.get("time", "")
        if student_id is not None:
            student_id = check_student_id(student_id)
        if seed is not None and (isinstance(seed, bool) or not isinstance(seed, int)):
            raise ValueError(f"student seed: expected a whole number, got {_described(seed)}")
        if not isinstance(time, str):
            raise ValueError(f"student time: expected text, got {_described(time)}")
        return cls(student_id, seed, time)


def check_student_id(student_id) -> str:
    """``student_id`` without spaces at its ends, if it is an id a file can
    keep (1 to :data:`MAX_STUDENT_ID_LENGTH` characters)."""
    if not isinstance(student_id, str) or not student_id.strip():
        raise wrong_kind("student id", "a non-empty text", _described(student_id), ValueError)
    return short_text(" ".join(student_id.split()), "student id", MAX_STUDENT_ID_LENGTH)


def _unchecked(data: dict) -> list:
    """What a progress file holds besides the fields that are checked one
    by one: other keys of the file and of its attempts (their nesting is
    all that is left to bound), two levels below the top."""
    extra = [v for k, v in data.items() if k not in ("version", "exercises", "student")]
    for attempts in data["exercises"].values():
        for a in attempts if isinstance(attempts, list) else ():
            if isinstance(a, dict) and not a.keys() <= _FIELDS:
                extra += [v for k, v in a.items() if k not in _FIELDS]
    return extra


def _parse(text: str, known=()) -> tuple[dict[str, list[Attempt]], StudentInfo | None]:
    """The exercises and the student of a progress file's text;
    ``ValueError`` if it is not valid progress (nested deeper than
    :data:`MAX_NESTING` too). Attempts whose id is in ``known`` are left out
    (the store has them already)."""
    try:
        data = json.loads(text)  # json.JSONDecodeError is a ValueError
    except RecursionError:
        raise ValueError("nested too deeply") from None
    if not isinstance(data, dict) or not isinstance(data.get("exercises"), dict):
        raise ValueError('expected an object with "exercises"')
    if nesting(_unchecked(data)) > MAX_NESTING - 2:
        raise ValueError(f"nested more than {MAX_NESTING} levels deep")
    version = data.get("version")
    if isinstance(version, bool) or version not in READABLE_VERSIONS:
        raise ValueError(f"unknown version {_described(version)}")
    student = data.get("student")
    if nesting(student) > 1:
        raise ValueError("student: expected an object of id, seed and time")
    student = None if student is None else StudentInfo.from_dict(student)
    exercises = {}
    for exercise_id, attempts in data["exercises"].items():
        if not isinstance(attempts, list):
            raise ValueError(f"exercise '{echo(exercise_id)}': expected a list of attempts")
        exercises[exercise_id] = [
            Attempt.from_dict(a)
            for a in attempts
            if not (isinstance(a, dict) and isinstance(a.get("id"), str) and a["id"] in known)
        ]
    return exercises, student


def _text(exercises: dict[str, list[Attempt]], line=None, student=None) -> str:
    """The file's text: the student, then one attempt a line, so it reads
    (and diffs) well.

    >>> print(_text({"01": [Attempt("a", "t", "0.5", True, 0)]}))
    {"version": 2, "student": null, "exercises": {
     "01": [
      {"id": "a", "time": "t", "answer": "0.5", "correct": true, "hint_level": 0, "kind": "answer"}
     ]
    }}
    <BLANKLINE>
    """
    blocks = []
    for exercise_id, attempts in exercises.items():
        lines = ",\n".join(map(line or _line, attempts))
        blocks.append(f" {json.dumps(exercise_id, ensure_ascii=False)}: [\n{lines}\n ]")
    who = json.dumps(student.as_dict() if student else None, ensure_ascii=False)
    head = f'{{"version": {VERSION}, "student": {who}, "exercises": {{\n'
    return head + ",\n".join(blocks) + "\n}}\n"


def _merge(*sources: dict[str, list[Attempt]]) -> dict[str, list[Attempt]]:
    """Every attempt of every source once (by id), each exercise's in time order."""
    merged: dict[str, dict[str, Attempt]] = {}
    for source in sources:
        for exercise_id, attempts in source.items():
            by_id = merged.setdefault(exercise_id, {})
            for attempt in attempts:
                by_id.setdefault(attempt.id, attempt)
    return {
        exercise_id: sorted(by_id.values(), key=lambda a: a.time)
        for exercise_id, by_id in merged.items()
    }


def _write_atomically(path: Path, text: str) -> None:
    """Write ``text`` to a temporary file next to ``path``, then move it into
    place; on any error the temporary file is removed and ``path`` is untouched."""
    handle = tempfile.NamedTemporaryFile(
        "w",
        encoding="utf-8",
        dir=path.parent,
        prefix=f".{path.name}.",
        suffix=".tmp",
        delete=False,
    )
    try:
        with handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(handle.name, path)
    except BaseException:
        try:
            os.unlink(handle.name)
        except OSError:
            pass
        raise


def _target(path: Path) -> Path:
    """Where ``path``'s content is: the file a symbolic link leads to (a
    chain of links followed), else ``path`` itself."""
    return Path(os.path.realpath(path)) if path.is_symlink() else path


def _lock_name(target: Path) -> Path:
    """The hidden lock file next to ``target``."""
    return target.with_name(f".{target.name}.lock")


@contextmanager
def _locked(target: Path) -> Iterator[None]:
    """Hold the lock on ``target`` inside the block, if one can be taken
    within :data:`LOCK_TIMEOUT`; else go on without it (no locks on this
    platform, no right to create the lock file, a lock held too long): the
    write is atomic all the same."""
    lock = None
    # A browser (Pyodide, sys.platform "emscripten") has no file locks and one
    # kernel per tab: filelock is not even imported there (it would warn),
    # and the write is atomic, without a lock. A lock never creates a folder.
    if filelock is not None and target.parent.is_dir():
        try:
            lock = filelock.FileLock(str(_lock_name(target)), timeout=LOCK_TIMEOUT)
            lock.acquire()
        except Exception:  # noqa: BLE001 - any failure to lock means: write without the lock
            lock = None
    try:
        yield
    finally:
        if lock is not None:
            lock.release()


def _kind_of(mode: int) -> str | None:
    """``None`` for a regular file, else what it is, in words."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO (a named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def _read_bytes(target: Path) -> bytes:
    """At most :data:`MAX_FILE_BYTES` + 1 bytes of ``target``, opened
    without blocking (a FIFO that appeared since ``os.stat`` does not hang)
    and checked again once open; ``_NotAFile`` if it is not a regular file."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    descriptor = os.open(target, flags)
    with os.fdopen(descriptor, "rb") as handle:
        kind = _kind_of(os.fstat(handle.fileno()).st_mode)
        if kind is not None:
            raise _NotAFile(kind)
        return handle.read(MAX_FILE_BYTES + 1)


class _NotAFile(Exception):
    """What is at the progress file's place is not a regular file."""


def _line(attempt: Attempt) -> str:
    """One attempt's line in the file."""
    return "  " + json.dumps(attempt.as_dict(), ensure_ascii=False)


def _signature_of(info: os.stat_result) -> tuple:
    """What tells one version of a file from another: an atomic replace
    makes a new inode, a write changes the size or the time."""
    return (info.st_ino, info.st_dev, info.st_size, info.st_mtime_ns)


def _signature(target: Path) -> tuple | None:
    """:func:`_signature_of` the file at ``target``, ``None`` if there is none."""
    try:
        return _signature_of(os.stat(target))
    except OSError:
        return None


def _refuse_special(target: Path) -> None:
    """``OSError`` if something that is not a regular file is at ``target``
    (never replaced: a folder, a FIFO or a device stays as it is)."""
    try:
        mode = os.lstat(target).st_mode
    except FileNotFoundError:
        return
    kind = _kind_of(mode)
    if kind is not None and not stat.S_ISLNK(mode):  # a link left (a loop) is replaced
        raise OSError(f"{kind} is in its place, not a file")


def _corrupt_name(path: Path) -> Path:
    """The first free ``<name>.corrupt-<n>`` next to ``path``."""
    n = 1
    while path.with_name(f"{path.name}.corrupt-{n}").exists():
        n += 1
    return path.with_name(f"{path.name}.corrupt-{n}")


_FIELDS = frozenset(Attempt.__dataclass_fields__)


class ProgressStore:
    """A student's attempts at each exercise, kept in a JSON file.

    ``path`` defaults to :func:`default_path`. ``warning`` is ``None``, or a
    sentence to show the student when the file could not be read or written.
    """

    def __init__(self, path: str | os.PathLike | None = None) -> None:
        self.path = Path(path).expanduser() if path is not None else default_path()
        self.warning: str | None = None
        self._unsaved = False  # a write failed; the next one catches up
        self._exercises: dict[str, list[Attempt]] = {}
        self._student: StudentInfo | None = None
        self._seen: tuple | None = None  # the file as last read or written (see _signature)
        self._lines: dict[str, str] = {}  # each attempt's line in the file, by id
        self._refresh()

    def __repr__(self) -> str:
        return f"ProgressStore({str(self.path)!r})"

    # -- reading -----------------------------------------------------------

    def _read_file(self) -> tuple[dict[str, list[Attempt]], StudentInfo | None]:
        """The file's exercises: empty if it is missing; if it is not valid
        progress (too large, nested too deeply, not a regular file), it is
        set aside as ``<name>.corrupt-<n>`` and empty. Nothing is opened
        before ``os.stat`` says it is a regular file, and nothing blocks."""
        target = _target(self.path)
        try:
            info = os.stat(target)
            kind = _kind_of(info.st_mode)
            if kind is not None:
                raise _NotAFile(kind)
            if _signature_of(info) == self._seen:
                return {}, None  # unchanged since this store read or wrote it: nothing new
            if info.st_size > MAX_FILE_BYTES:
                self._set_aside(ValueError(f"larger than {MAX_FILE_BYTES // 1_000_000} MB"))
                return {}, None
            data = _read_bytes(target)
        except FileNotFoundError:
            return {}, None
        except _NotAFile as kind:
            self._set_aside_special(target, str(kind))
            return {}, None
        except OSError as exc:
            self.warning = (
                f"Progress file {self.path} cannot be read ({exc.strerror or exc}); "
                "progress is kept in memory."
            )
            return {}, None
        if len(data) > MAX_FILE_BYTES:
            self._set_aside(ValueError(f"larger than {MAX_FILE_BYTES // 1_000_000} MB"))
            return {}, None
        known = {a.id for attempts in self._exercises.values() for a in attempts}
        try:
            exercises, student = _parse(data.decode("utf-8"), known)
        except ValueError as exc:  # UnicodeDecodeError is a ValueError too
            self._set_aside(exc)
            return {}, None
        self._seen = _signature_of(info)
        return exercises, student

    def _set_aside(self, problem: Exception) -> None:
        """Rename the damaged file (a link's target: its content) to
        ``<name>.corrupt-<n>`` next to it, and say so in :attr:`warning`."""
        reason = " ".join(str(problem).split())[:120]
        target = _target(self.path)
        kept = _corrupt_name(target)
        try:
            os.replace(target, kept)
        except FileNotFoundError:  # another store set it aside first
            return
        except OSError as exc:
            self.warning = (
                f"Progress file {self.path} is damaged ({reason}) and cannot be moved "
                f"aside ({exc.strerror}); progress is kept in memory only."
            )
            return
        self.warning = (
            f"Progress file {self.path} was damaged ({reason}); it was kept as "
            f"{kept.name} and progress starts afresh."
        )

    def _set_aside_special(self, target: Path, kind: str) -> None:
        """Something that is not a regular file where the progress file
        should be: renamed aside if it is at the progress file's own place,
        left alone if a link leads to it (it belongs elsewhere) or it cannot
        be renamed; progress stays in memory until the place is free."""
        if target != self.path:
            self.warning = (
                f"Progress file {self.path} leads to {kind}, not a file; it is left alone "
                "and progress is kept in memory only."
            )
            return
        self._set_aside(ValueError(f"{kind}, not a file"))

    def _line(self, attempt: Attempt) -> str:
        line = self._lines.get(attempt.id)
        if line is None:
            line = self._lines[attempt.id] = _line(attempt)
        return line

    def _refresh(self) -> None:
        """Merge what the file holds now into what this store holds (the
        student: the one set last)."""
        exercises, student = self._read_file()
        self._exercises = _merge(self._exercises, exercises)
        if student is not None and (self._student is None or student.time > self._student.time):
            self._student = student

    # -- writing -----------------------------------------------------------

    def _save(self) -> None:
        """Re-read, merge and write the file, under the lock (see :func:`_locked`)."""
        target = _target(self.path)
        with _locked(target):
            self._refresh()  # re-read: another store may have written since
            try:
                _refuse_special(target)
                _write_atomically(target, _text(self._exercises, self._line, self._student))
                self._seen = _signature(target)  # what is there now is what this store holds
            except OSError as exc:
                self._unsaved = True
                self.warning = (
                    f"Progress could not be saved to {self.path} ({exc.strerror or exc}); "
                    "it is kept in memory and saved at the next answer."
                )
                raise OSError(
                    f"progress: cannot write {self.path} ({exc.strerror or exc})"
                ) from None
        if self._unsaved:
            self._unsaved, self.warning = False, None

    def record(self, exercise_id: str, answer_text: str, correct: bool, hint_level: int) -> Attempt:
        """Keep one attempt and write the file; the attempt.

        A write error raises ``OSError`` (and sets :attr:`warning`); the
        attempt stays in this store and is written with the next one."""
        answer = short_text(answer_text, "answer_text", MAX_ANSWER_LENGTH)
        if not isinstance(correct, bool):
            raise wrong_kind("correct", "True or False", repr(correct))
        attempt = _new_attempt(answer, correct, hint_level)
        return self._keep(exercise_id, attempt)

    def record_hint(self, exercise_id: str, hint_level: int) -> Attempt:
        """Keep that hint ``hint_level`` of ``exercise_id`` was viewed (before
        or between answers) and write the file; ``OSError`` as for :meth:`record`."""
        attempt = _new_attempt("", False, hint_level, "hint")
        return self._keep(exercise_id, attempt)

    def remember(self, key: str, value: str) -> None:
        """Keep a setting (the quiz's seed) with the progress; the latest
        wins. ``OSError`` as for :meth:`record`."""
        self._keep(
            key,
            _new_attempt(short_text(value, "answer_text", MAX_ANSWER_LENGTH), False, 0, "setting"),
        )

    def recall(self, key: str) -> str | None:
        """The latest value kept with :meth:`remember`, or ``None``."""
        values = [a.answer for a in self._history(key) if a.kind == "setting"]
        return values[-1] if values else None

    def set_student(self, student_id=None, seed=None) -> StudentInfo:
        """Keep who the student is (``student_id``) and the quiz seed they
        work on (``seed``); either left ``None`` stays as it was. Writes the
        file; ``OSError`` as for :meth:`record`, ``ValueError`` for an id or
        seed the file cannot keep."""
        self._refresh()
        old = self._student or StudentInfo()
        if student_id is not None:
            student_id = check_student_id(student_id)
        if seed is not None and (isinstance(seed, bool) or not isinstance(seed, int)):
            raise wrong_kind("seed", "a whole number", repr(seed), ValueError)
        self._student = StudentInfo(
            old.id if student_id is None else student_id,
            old.seed if seed is None else seed,
            _now(),
        )
        self._save()
        return self._student

    @property
    def student(self) -> StudentInfo:
        """Who the student said they are, and their quiz seed (each ``None``
        until given)."""
        self._refresh()
        return self._student or StudentInfo()

    def _keep(self, exercise_id: str, attempt: Attempt) -> Attempt:
        exercise_id = check_exercise_id(exercise_id)
        self._exercises.setdefault(exercise_id, []).append(attempt)
        self._save()
        return attempt

    # -- questions -----------------------------------------------------------

    def answers(self, exercise_id: str) -> tuple[Attempt, ...]:
        """Every answer checked for ``exercise_id``, oldest first (hints
        viewed are not answers)."""
        return tuple(a for a in self._history(exercise_id) if a.kind == "answer")

    def _history(self, exercise_id: str) -> tuple[Attempt, ...]:
        self._refresh()
        return tuple(self._exercises.get(check_exercise_id(exercise_id), ()))

    def latest(self, exercise_id: str) -> Attempt | None:
        """The last attempt at ``exercise_id``, or ``None``."""
        history = self.answers(exercise_id)
        return history[-1] if history else None

    def solved(self) -> tuple[str, ...]:
        """The exercises answered right at least once, in the order solved."""
        self._refresh()
        first_right = {
            exercise_id: min(a.time for a in attempts if a.correct)
            for exercise_id, attempts in self._exercises.items()
            if any(a.correct for a in attempts)
        }
        return tuple(sorted(first_right, key=first_right.get))

    def hint_level(self, exercise_id: str) -> int:
        """The highest hint level reached at ``exercise_id`` (0: no hint yet)."""
        return max((a.hint_level for a in self._history(exercise_id)), default=0)


@dataclass(frozen=True)
class ProgressFile:
    """A progress file as a teacher's tool reads it: the student (see
    :class:`StudentInfo`) and every exercise's attempts, oldest first."""

    path: Path
    version: int
    student: StudentInfo
    exercises: dict[str, tuple[Attempt, ...]]


def read_progress(path: str | os.PathLike) -> ProgressFile:
    """The progress file at ``path``, read without changing it (nothing set
    aside, nothing written); ``ValueError`` saying what is wrong with it, or
    ``OSError`` if it cannot be read. A folder, a FIFO or a device is never
    opened in a way that could hang."""
    target = _target(Path(path))
    info = os.stat(target)
    kind = _kind_of(info.st_mode)
    if kind is not None:
        raise ValueError(f"{kind}, not a progress file")
    try:
        data = _read_bytes(target)
    except _NotAFile as exc:
        raise ValueError(f"{exc}, not a progress file") from None
    if len(data) > MAX_FILE_BYTES:
        raise ValueError(f"larger than {MAX_FILE_BYTES // 1_000_000} MB")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise ValueError("not UTF-8 text") from None
    exercises, student = _parse(text)
    version = json.loads(text)["version"]
    merged = _merge(exercises)
    return ProgressFile(
        Path(path),
        version,
        student or StudentInfo(),
        {k: tuple(v) for k, v in merged.items()},
    )
