"""The progress store: answers survive a kernel restart, two stores on one
file merge, a damaged file is set aside, the environment variable chooses
the file, and a failed write leaves the old file whole."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from mazur_nn.exercises import progress
from mazur_nn.exercises.progress import (
    DEFAULT_NAME,
    ENV_VAR,
    ProgressStore,
    StudentInfo,
    default_path,
    read_progress,
)


@pytest.fixture
def path(tmp_path) -> Path:
    return tmp_path / "student.progress.json"


def leftovers(folder: Path) -> list[str]:
    """Temporary files left in ``folder``."""
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


# -- keeping answers ---------------------------------------------------------------------


def test_missing_file_is_empty_progress(path):
    store = ProgressStore(path)
    assert not path.exists()  # nothing is written until something is recorded
    assert store.answers("01-net_h1") == ()
    assert store.latest("01-net_h1") is None
    assert store.solved() == ()
    assert store.hint_level("01-net_h1") == 0
    assert store.warning is None


def test_history_latest_solved_and_hint_level(path):
    store = ProgressStore(path)
    store.record("02-dw5", "0.08", False, 0)
    store.record("01-net_h1", "0.3775", True, 0)
    store.record("02-dw5", "0.0822", False, 2)
    store.record("02-dw5", "0.082167", True, 1)
    assert [a.answer for a in store.answers("02-dw5")] == ["0.08", "0.0822", "0.082167"]
    assert store.latest("02-dw5").correct is True
    assert store.hint_level("02-dw5") == 2  # the highest reached, not the last
    assert store.solved() == ("01-net_h1", "02-dw5")  # in the order solved


def test_answers_survive_a_kernel_restart(path):
    ProgressStore(path).record("01-net_h1", "b1 + i1*w1 + i2*w2", True, 1)
    restarted = ProgressStore(path)  # a new kernel reads the file again
    attempt = restarted.latest("01-net_h1")
    assert (attempt.answer, attempt.correct, attempt.hint_level) == (
        "b1 + i1*w1 + i2*w2",
        True,
        1,
    )
    assert restarted.solved() == ("01-net_h1",)


def test_re_running_the_cell_wipes_nothing(path):
    store = ProgressStore(path)
    store.record("01-out_h1", "0.59", True, 0)
    before = path.read_text(encoding="utf-8")
    for _ in range(3):
        store = ProgressStore(path)  # the same cell, run again
    assert path.read_text(encoding="utf-8") == before
    store.record("01-out_h1", "0.593", True, 0)
    assert len(ProgressStore(path).answers("01-out_h1")) == 2


def test_file_is_plain_json(path):
    ProgressStore(path).record("quiz-E_total", "0.05 – almost", False, 3)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["version"] == 2 and data["student"] is None
    (attempt,) = data["exercises"]["quiz-E_total"]
    assert attempt["answer"] == "0.05 – almost"
    assert (attempt["correct"], attempt["hint_level"]) == (False, 3)
    assert set(attempt) == {"id", "time", "answer", "correct", "hint_level", "kind"}


def test_the_student_is_kept_with_the_latest_setting_winning(path):
    store = ProgressStore(path)
    assert store.student == StudentInfo()
    store.set_student("  s 001 ")
    store.set_student(seed=42)  # the id stays
    other = ProgressStore(path)
    assert (other.student.id, other.student.seed) == ("s 001", 42)
    other.set_student("s002")
    assert (store.student.id, store.student.seed) == ("s002", 42)  # read from the file
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["student"]["id"] == "s002" and data["student"]["time"].endswith("+00:00")
    for bad in ("", "  ", "x" * 101, 7):
        with pytest.raises(ValueError, match="student id"):
            store.set_student(bad)
    with pytest.raises(ValueError, match="seed"):
        store.set_student(seed="42")


def test_files_of_version_1_are_still_read_and_then_written_as_2(path):
    old = {"id": "a1", "time": "2026-01-01T00:00:00+00:00", "answer": "0.5", "correct": True}
    path.write_text(
        json.dumps({"version": 1, "exercises": {"01-out_h1": [{**old, "hint_level": 1}]}}),
        encoding="utf-8",
    )
    read = read_progress(path)
    assert (read.version, read.student) == (1, StudentInfo())
    assert [a.answer for a in read.exercises["01-out_h1"]] == ["0.5"]
    store = ProgressStore(path)
    assert store.solved() == ("01-out_h1",) and store.warning is None
    store.set_student("s1", 3)
    again = read_progress(path)
    assert (again.version, again.student.id, again.student.seed) == (2, "s1", 3)
    assert [a.id for a in again.exercises["01-out_h1"]] == ["a1"]


@pytest.mark.parametrize(
    "student",
    [[1, 2], {"id": 5}, {"id": "s1", "seed": "7"}, {"id": "s1", "seed": True}, {"id": {"a": []}}],
)
def test_a_bad_student_is_a_damaged_file(path, student):
    path.write_text(json.dumps({"version": 2, "student": student, "exercises": {}}))
    with pytest.raises(ValueError, match="student"):
        read_progress(path)
    store = ProgressStore(path)
    assert "damaged" in store.warning and store.student == StudentInfo()


# -- two stores on one file ----------------------------------------------------------------


def test_two_stores_on_one_file_lose_nothing(path):
    first, second = ProgressStore(path), ProgressStore(path)
    first.record("01-net_h1", "a", True, 0)
    second.record("02-dw5", "b", False, 1)  # second never read a's answer itself
    first.record("01-net_h1", "c", False, 0)
    second.record("02-dw5", "d", True, 1)
    for store in (first, second, ProgressStore(path)):
        assert [a.answer for a in store.answers("01-net_h1")] == ["a", "c"]
        assert [a.answer for a in store.answers("02-dw5")] == ["b", "d"]
        assert store.solved() == ("01-net_h1", "02-dw5")


def test_a_store_puts_back_answers_lost_from_the_file(path):
    store = ProgressStore(path)
    store.record("01-net_h1", "a", True, 0)
    path.unlink()  # deleted by hand, or overwritten by an old copy
    store.record("01-out_h1", "b", True, 0)
    fresh = ProgressStore(path)
    assert fresh.solved() == ("01-net_h1", "01-out_h1")


# -- damaged files ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "content",
    [
        b'{"version": 1, "exercises": {"01": [',  # cut short mid-write
        b"not json at all",
        b"[1, 2, 3]",
        b'{"version": 99, "exercises": {}}',
        b'{"version": 1, "exercises": {"01": [{"answer": 1}]}}',
        b'{"version": 1, "exercises": {"01": "yes"}}',
        b"\xff\xfe\x00garbage",
    ],
)
def test_damaged_file_is_set_aside_with_a_warning(path, content):
    path.write_bytes(content)
    store = ProgressStore(path)
    kept = path.with_name(path.name + ".corrupt-1")
    assert kept.read_bytes() == content  # nothing deleted
    assert not path.exists()
    assert store.solved() == ()
    assert store.warning and kept.name in store.warning and "damaged" in store.warning
    store.record("01-net_h1", "0.3775", True, 0)
    assert ProgressStore(path).solved() == ("01-net_h1",)


def test_each_damaged_file_gets_its_own_name(path):
    for n in (1, 2, 3):
        path.write_text("{broken", encoding="utf-8")
        ProgressStore(path)
        assert path.with_name(f"{path.name}.corrupt-{n}").exists()


def test_file_damaged_while_open_keeps_the_stores_answers(path):
    store = ProgressStore(path)
    store.record("01-net_h1", "a", True, 0)
    path.write_text("{broken", encoding="utf-8")
    store.record("01-out_h1", "b", True, 0)
    assert "corrupt-1" in store.warning
    assert ProgressStore(path).solved() == ("01-net_h1", "01-out_h1")


# -- where the file is -----------------------------------------------------------------------


def test_default_is_next_to_the_notebook(tmp_path, monkeypatch):
    monkeypatch.delenv(ENV_VAR, raising=False)
    monkeypatch.chdir(tmp_path)
    assert default_path() == tmp_path / DEFAULT_NAME == tmp_path / "mazur_nn_progress.json"
    ProgressStore().record("01-net_h1", "x", False, 0)
    assert (tmp_path / DEFAULT_NAME).exists()


def test_environment_variable_overrides_the_default(tmp_path, monkeypatch):
    elsewhere = tmp_path / "elsewhere" / "mine.json"
    elsewhere.parent.mkdir()
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv(ENV_VAR, str(elsewhere))
    assert default_path() == elsewhere
    ProgressStore().record("01-net_h1", "x", True, 0)
    assert elsewhere.exists() and not (tmp_path / DEFAULT_NAME).exists()
    monkeypatch.setenv(ENV_VAR, "  ")  # blank: the default
    assert default_path() == tmp_path / DEFAULT_NAME


def test_explicit_path_beats_the_environment(path, monkeypatch, tmp_path):
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "env.json"))
    assert ProgressStore(path).path == path


# -- atomic writes ----------------------------------------------------------------------------


def test_failed_write_leaves_the_old_file_whole(path, monkeypatch):
    store = ProgressStore(path)
    store.record("01-net_h1", "a", True, 0)
    before = path.read_bytes()

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(progress.os, "replace", broken_replace)
    with pytest.raises(OSError, match="progress: cannot write .*No space left"):
        store.record("01-out_h1", "b", True, 0)
    assert path.read_bytes() == before
    assert leftovers(path.parent) == []
    assert "could not be saved" in store.warning
    assert store.solved() == ("01-net_h1", "01-out_h1")  # kept in memory

    monkeypatch.undo()
    store.record("01-out_h2", "c", True, 0)  # the next write catches up
    assert store.warning is None
    assert ProgressStore(path).solved() == ("01-net_h1", "01-out_h1", "01-out_h2")


def test_error_midway_through_writing_leaves_no_partial_file(path, monkeypatch):
    ProgressStore(path).record("01-net_h1", "a", True, 0)
    before = path.read_bytes()

    def broken_fsync(fd):
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(progress.os, "fsync", broken_fsync)
    with pytest.raises(OSError):
        ProgressStore(path).record("01-out_h1", "b", True, 0)
    assert path.read_bytes() == before
    assert leftovers(path.parent) == []


def test_unwritable_folder_is_a_clear_error(tmp_path):
    store = ProgressStore(tmp_path / "no such folder" / "p.json")
    with pytest.raises(OSError, match="progress: cannot write"):
        store.record("01-net_h1", "a", True, 0)


# -- checked arguments ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "field"),
    [
        (("", "a", True, 0), "exercise_id"),
        ((None, "a", True, 0), "exercise_id"),
        (("x" * 201, "a", True, 0), "exercise_id"),
        (("01", 0.3775, True, 0), "answer_text"),
        (("01", "a" * 10_001, True, 0), "answer_text"),
        (("01", "a", "yes", 0), "correct"),
        (("01", "a", True, -1), "hint_level"),
        (("01", "a", True, 1.5), "hint_level"),
        (("01", "a", True, True), "hint_level"),
    ],
)
def test_bad_arguments_name_the_field(path, args, field):
    store = ProgressStore(path)
    with pytest.raises((TypeError, ValueError), match=f"^{field}: "):
        store.record(*args)
    assert not path.exists()


def test_writing_leaves_only_the_progress_file_and_its_lock(path):
    ProgressStore(path).record("01", "a", True, 0)
    assert sorted(os.listdir(path.parent)) == sorted([path.name, f".{path.name}.lock"])


def test_hints_viewed_without_an_answer_are_kept(path):
    store = ProgressStore(path)
    store.record_hint("02-dE_total_dw5", 1)
    store.record_hint("02-dE_total_dw5", 2)
    restarted = ProgressStore(path)
    assert restarted.hint_level("02-dE_total_dw5") == 2
    assert restarted.answers("02-dE_total_dw5") == ()  # a hint is not an answer
    assert restarted.latest("02-dE_total_dw5") is None
    assert restarted.solved() == ()
    restarted.record("02-dE_total_dw5", "0.0822", True, 2)
    assert [a.kind for a in ProgressStore(path).answers("02-dE_total_dw5")] == ["answer"]


def test_files_written_before_hints_were_kept_still_read(path):
    old = {"id": "a", "time": "2026-01-01T00:00:00+00:00", "answer": "0.3", "correct": False}
    path.write_text(
        json.dumps({"version": 1, "exercises": {"01-out_h1": [{**old, "hint_level": 0}]}})
    )
    store = ProgressStore(path)
    assert store.warning is None
    assert store.latest("01-out_h1").kind == "answer"


def test_an_unknown_attempt_kind_sets_the_file_aside(path):
    bad = {"id": "a", "time": "t", "answer": "", "correct": False, "hint_level": 1, "kind": "cheat"}
    path.write_text(json.dumps({"version": 1, "exercises": {"01-out_h1": [bad]}}))
    store = ProgressStore(path)
    assert "kind" in store.warning and store.answers("01-out_h1") == ()
