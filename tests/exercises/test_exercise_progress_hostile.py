"""The progress file against what else may be in its place: other
processes writing at once (none of their answers is lost), a symbolic
link (written through, the link stays), a FIFO, a folder, a file too large
or nested too deeply (refused, set aside, nothing hangs), and a platform
where no lock can be taken (the write stays atomic)."""

from __future__ import annotations

import json
import multiprocessing
import os
import sys
import threading
from pathlib import Path

import filelock
import pytest

from mazur_nn.exercises import progress
from mazur_nn.exercises.progress import MAX_FILE_BYTES, MAX_NESTING, ProgressStore

PROCESSES, ANSWERS = 4, 500
HANG = 5.0  # seconds: only to catch a hang, never a speed goal


@pytest.fixture
def path(tmp_path) -> Path:
    return tmp_path / "progress.json"


def answers_in(path: Path) -> list[str]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return [a["answer"] for attempts in data["exercises"].values() for a in attempts]


def no_hang(function, *args):
    """``function(*args)`` in a thread; fails if it is still running after :data:`HANG`."""
    result, error = [], []

    def run():
        try:
            result.append(function(*args))
        except BaseException as exc:  # noqa: BLE001 - handed to the test below
            error.append(exc)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(HANG)
    assert not thread.is_alive(), f"{function.__name__} hangs"
    if error:
        raise error[0]
    return result[0]


# -- several processes at once ------------------------------------------------------------


def record_answers(path: str, worker: int, count: int) -> int:
    store = ProgressStore(path)
    for n in range(count):
        store.record(f"ex-{worker}", f"{worker}-{n}", n % 2 == 0, 0)
    return count


def test_four_processes_recording_at_once_lose_no_answer(path, capsys):
    context = multiprocessing.get_context("spawn")  # fresh interpreters, as notebooks are
    with context.Pool(PROCESSES) as pool:
        written = pool.starmap(record_answers, [(str(path), k, ANSWERS) for k in range(PROCESSES)])
    kept = answers_in(path)
    expected = {f"{k}-{n}" for k in range(PROCESSES) for n in range(ANSWERS)}
    with capsys.disabled():
        print(
            f"\nprogress under {PROCESSES} processes: {len(kept)} answers recorded / "
            f"{sum(written)} written"
        )
    assert sorted(kept) == sorted(expected) and sum(written) == len(expected)


# -- a symbolic link ----------------------------------------------------------------------

needs_symlinks = pytest.mark.skipif(
    not hasattr(os, "symlink") or sys.platform == "win32", reason="symbolic links"
)


@needs_symlinks
def test_a_linked_progress_file_is_written_through_to_its_target(tmp_path):
    target = tmp_path / "kept" / "real.json"
    target.parent.mkdir()
    ProgressStore(target).record("01-net_h1", "first", True, 0)
    link = tmp_path / "progress.json"
    link.symlink_to(target)
    ProgressStore(link).record("01-out_h1", "second", True, 0)
    assert link.is_symlink() and os.readlink(link) == str(target)  # the link stays
    assert answers_in(target) == ["first", "second"]
    assert ProgressStore(link).solved() == ("01-net_h1", "01-out_h1")


@needs_symlinks
def test_a_link_to_nothing_yet_creates_its_target(tmp_path):
    target, link = tmp_path / "real.json", tmp_path / "progress.json"
    link.symlink_to(target)
    ProgressStore(link).record("01-net_h1", "x", False, 0)
    assert link.is_symlink() and answers_in(target) == ["x"]


@needs_symlinks
def test_a_damaged_target_of_a_link_is_set_aside_next_to_it(tmp_path):
    target, link = tmp_path / "real.json", tmp_path / "progress.json"
    target.write_text("{broken", encoding="utf-8")
    link.symlink_to(target)
    store = ProgressStore(link)
    assert "damaged" in store.warning
    assert (tmp_path / "real.json.corrupt-1").read_text(encoding="utf-8") == "{broken"
    store.record("01-net_h1", "x", False, 0)
    assert link.is_symlink() and answers_in(target) == ["x"]


@needs_symlinks
def test_a_link_in_a_loop_is_a_warning_not_a_hang(tmp_path):
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    first.symlink_to(second)
    second.symlink_to(first)
    store = no_hang(ProgressStore, first)
    assert store.answers("01-net_h1") == ()
    assert store.warning is not None


# -- what is not a regular file -------------------------------------------------------------

needs_fifos = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs")


@needs_fifos
def test_a_fifo_in_place_of_the_file_is_set_aside_without_blocking(path):
    os.mkfifo(path)
    store = no_hang(ProgressStore, path)
    assert "FIFO" in store.warning and "corrupt-1" in store.warning
    assert Path(f"{path}.corrupt-1").is_fifo() and not path.exists()
    no_hang(store.record, "01-net_h1", "x", False, 0)
    assert answers_in(path) == ["x"]


@needs_fifos
@needs_symlinks
def test_a_link_to_a_fifo_is_left_alone_and_answers_stay_in_memory(tmp_path):
    fifo, link = tmp_path / "pipe", tmp_path / "progress.json"
    os.mkfifo(fifo)
    link.symlink_to(fifo)
    store = no_hang(ProgressStore, link)
    assert "left alone" in store.warning
    with pytest.raises(OSError, match="progress: cannot write"):
        no_hang(store.record, "01-net_h1", "x", False, 0)
    assert fifo.is_fifo() and link.is_symlink()  # nothing replaced
    assert [a.answer for a in store.answers("01-net_h1")] == ["x"]  # kept in memory


def test_a_folder_in_place_of_the_file_is_set_aside(path):
    path.mkdir()
    (path / "inside.txt").write_text("kept", encoding="utf-8")
    store = ProgressStore(path)
    assert "folder" in store.warning
    assert (Path(f"{path}.corrupt-1") / "inside.txt").read_text(encoding="utf-8") == "kept"
    store.record("01-net_h1", "x", False, 0)
    assert answers_in(path) == ["x"]


def test_a_folder_that_cannot_be_moved_is_left_alone(path, monkeypatch):
    path.mkdir()

    def refuse(src, dst):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(progress.os, "replace", refuse)
    store = ProgressStore(path)
    assert "cannot be moved aside" in store.warning and path.is_dir()
    with pytest.raises(OSError, match="progress: cannot write"):
        store.record("01-net_h1", "x", False, 0)
    assert path.is_dir() and store.answers("01-net_h1")[0].answer == "x"


# -- too large, too deep -----------------------------------------------------------------------


def test_a_file_too_large_is_set_aside_unread(path, monkeypatch):
    path.write_bytes(b" " * (MAX_FILE_BYTES + 1))
    read = []
    monkeypatch.setattr(progress, "_read_bytes", lambda target: read.append(target))
    store = ProgressStore(path)
    assert read == [] and "larger than 5 MB" in store.warning
    assert Path(f"{path}.corrupt-1").stat().st_size == MAX_FILE_BYTES + 1


@pytest.mark.parametrize("depth", [MAX_NESTING + 1, 100_000])
def test_a_file_nested_too_deeply_is_set_aside(path, depth):
    nested = "[" * depth + "]" * depth
    path.write_text('{"version": 1, "exercises": {}, "notes": ' + nested + "}", encoding="utf-8")
    store = ProgressStore(path)  # no RecursionError escapes
    assert "nested" in store.warning and "corrupt-1" in store.warning
    assert store.solved() == ()


def test_deep_nesting_inside_an_attempt_is_set_aside_too(path):
    attempt = {"id": "a", "time": "t", "answer": "0.5", "correct": True, "hint_level": 0}
    attempt["extra"] = json.loads("[" * 50 + "]" * 50)
    path.write_text(json.dumps({"version": 1, "exercises": {"01": [attempt]}}), encoding="utf-8")
    assert "nested" in ProgressStore(path).warning


def test_a_message_about_a_damaged_file_quotes_little_of_it(path):
    path.write_text(
        json.dumps({"version": 1, "exercises": {"x" * 5000 + "\u202e": "yes"}}), encoding="utf-8"
    )
    warning = ProgressStore(path).warning
    assert "\u202e" not in warning and "x" * 200 not in warning


# -- where no lock can be taken -------------------------------------------------------------


class NoLocks:
    """A filelock whose locks can never be taken (a browser, a folder without them)."""

    class FileLock:
        def __init__(self, *args, **kwargs):
            pass

        def acquire(self):
            raise NotImplementedError("no locks here")


@pytest.mark.parametrize("missing", [NoLocks, None])
def test_without_locks_the_write_is_atomic_and_quiet(path, monkeypatch, missing):
    monkeypatch.setattr(progress, "filelock", missing)
    store = ProgressStore(path)
    store.record("01-net_h1", "x", True, 0)
    assert store.warning is None and answers_in(path) == ["x"]
    assert not Path(f"{path.parent}/.{path.name}.lock").exists()


def test_a_lock_held_elsewhere_is_waited_for(path):
    lock = filelock.FileLock(str(path.parent / f".{path.name}.lock"))
    lock.acquire()
    store = ProgressStore(path)
    done = threading.Event()

    def record():
        store.record("01-net_h1", "x", True, 0)
        done.set()

    thread = threading.Thread(target=record, daemon=True)
    thread.start()
    assert not done.wait(0.3)  # waiting for the lock
    lock.release()
    assert done.wait(HANG) and answers_in(path) == ["x"]
