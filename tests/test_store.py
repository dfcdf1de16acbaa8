"""The writer: no append lost to another, none half applied after a kill, readers see
whole versions, files keep their mode, nothing left behind."""

import json
import multiprocessing
import signal
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from greatgame import store, versions
from greatgame.data import DataError, validate_dir
from tests.conftest import copy_tiny, read_rows
from tests.test_cli import new_event_rows, snapshot

# Runs one append in a process of its own and kills it with SIGKILL at a chosen point:
# after the Nth new file is written, after the Nth rename (the first is the journal's),
# or while the staging copy is validated.
KILLED_WRITER = """
import json, os, signal, sys
from greatgame import store, versions

data_dir, point, nth = sys.argv[1], sys.argv[2], int(sys.argv[3])
calls = []

def killing(real):
    def wrapper(*args, **kwargs):
        result = real(*args, **kwargs)
        calls.append(1)
        if len(calls) == nth:
            os.kill(os.getpid(), signal.SIGKILL)
        return result
    return wrapper

if point == "write":
    versions._write_durably = killing(versions._write_durably)
elif point == "rename":
    versions.os.replace = killing(os.replace)
else:
    store.validate_files = lambda folder: os.kill(os.getpid(), signal.SIGKILL)
store.append_rows(data_dir, json.loads(sys.stdin.read()))
"""

KILL_POINTS = [
    ("stage", 1),  # while validating the staging copy
    ("write", 1),  # one new file written, no journal yet
    ("write", 3),  # every new file written, no journal yet
    ("rename", 1),  # the journal in place, no table renamed
    ("rename", 2),  # between the first and the second table
    ("rename", 3),  # between the second and the third
    ("rename", 4),  # every table renamed, the journal not yet removed
]


@pytest.fixture
def private_tmp(tmp_path, monkeypatch):
    """A temporary folder of the test's own, where staging copies can be counted."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setenv("TMPDIR", str(folder))
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def versions_of(tmp_path: Path) -> tuple[dict, dict]:
    """The tiny folder's files before the test append, and after it."""
    after = copy_tiny(tmp_path / "expected")
    store.append_rows(after, new_event_rows())
    return snapshot(copy_tiny(tmp_path / "before")), snapshot(after)


@pytest.mark.parametrize(("point", "nth"), KILL_POINTS)
def test_a_writer_killed_anywhere_leaves_the_old_version_or_the_new(
    tiny_dir, tmp_path, private_tmp, point, nth
):
    old, new = versions_of(tmp_path)
    killed = subprocess.run(
        [sys.executable, "-c", KILLED_WRITER, str(tiny_dir), point, str(nth)],
        input=json.dumps(new_event_rows()),
        capture_output=True,
        text=True,
    )
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    # The next reader sees one whole version: a commit that wrote its journal is
    # completed, one that did not is as if it never began.
    assert validate_dir(tiny_dir) == []
    expected = new if point == "rename" else old
    assert snapshot(tiny_dir) == expected
    # The next writer clears what the killed one left: new files, journal, stage.
    report = store.append_rows(tiny_dir, new_event_rows())
    assert report.added == ({} if expected == new else {"events": 1, "participants": 1,
                                                        "sources": 1})  # fmt: skip
    assert snapshot(tiny_dir) == new
    leftovers = {p.name for p in tiny_dir.iterdir()} - set(new)
    assert leftovers <= {versions.LOCK_NAME, versions.GATE_NAME, versions.WRITER_LOCK_NAME}
    assert list(private_tmp.iterdir()) == []


def _append_at_the_barrier(data_dir: str, rows: dict, barrier) -> None:
    barrier.wait()
    store.append_rows(data_dir, rows)


def test_two_appends_at_once_both_land(tmp_path):
    fork = multiprocessing.get_context("fork")
    for round_ in range(20):
        data_dir = copy_tiny(tmp_path / f"round{round_}")
        first = new_event_rows("2026-03-01-first", "https://example.org/first")
        second = new_event_rows("2026-03-01-second", "https://example.org/second")
        second = dict(reversed(second.items()))  # the tables in the opposite order
        barrier = fork.Barrier(2)
        writers = [
            fork.Process(target=_append_at_the_barrier, args=(str(data_dir), rows, barrier))
            for rows in (first, second)
        ]
        for writer in writers:
            writer.start()
        for writer in writers:
            writer.join(timeout=120)
        assert [w.exitcode for w in writers] == [0, 0], f"round {round_}"
        ids = {row["event_id"] for row in read_rows(data_dir / "events.csv")}
        assert {first["events"][0]["event_id"], "2026-03-01-second"} <= ids, f"round {round_}"
        assert validate_dir(data_dir) == [], f"round {round_}"


def _validate_until_stopped(data_dir: str, stop, invalid) -> None:
    while not stop.is_set():
        if validate_dir(data_dir):
            invalid.value += 1


def test_a_reader_during_appends_sees_only_whole_versions(tiny_dir):
    fork = multiprocessing.get_context("fork")
    stop, invalid = fork.Event(), fork.Value("i", 0)
    reader = fork.Process(target=_validate_until_stopped, args=(str(tiny_dir), stop, invalid))
    reader.start()
    try:
        for n in range(8):
            store.append_rows(
                tiny_dir, new_event_rows(f"2026-03-01-visit-{n}", f"https://example.org/{n}")
            )
    finally:
        stop.set()
        reader.join(timeout=60)
    assert invalid.value == 0


def test_tables_keep_their_mode(tiny_dir):
    for name, mode in (("events.csv", 0o644), ("sources.csv", 0o664)):
        (tiny_dir / name).chmod(mode)
    store.append_rows(tiny_dir, new_event_rows())
    assert stat.S_IMODE((tiny_dir / "events.csv").stat().st_mode) == 0o644
    assert stat.S_IMODE((tiny_dir / "sources.csv").stat().st_mode) == 0o664


def test_a_failed_write_leaves_the_folder_as_it_was(tiny_dir, monkeypatch):
    before = snapshot(tiny_dir)
    real = versions._write_durably
    calls = []

    def full_disk_on_second_file(path, content, mode):
        calls.append(path)
        if len(calls) == 2:
            raise OSError("disk full")
        real(path, content, mode)

    monkeypatch.setattr(versions, "_write_durably", full_disk_on_second_file)
    with pytest.raises(OSError, match="disk full"):
        store.append_rows(tiny_dir, new_event_rows())
    assert snapshot(tiny_dir) == before
    assert not list(tiny_dir.glob(".*.new"))


def test_a_second_writer_gives_up_with_a_message_when_the_first_holds_on(tiny_dir, monkeypatch):
    monkeypatch.setattr(versions, "LOCK_TIMEOUT_SECONDS", 0.2)
    with versions.writing(tiny_dir), pytest.raises(versions.FolderBusy, match="still locked"):
        store.append_rows(tiny_dir, new_event_rows())


def test_problems_are_located_in_the_rows_given(tiny_dir):
    rows = new_event_rows()
    rows["events"].append(dict(rows["events"][0], title="Another title"))
    origins = {"events": [("new/events.csv", 2), ("new/events.csv", 5)]}
    with pytest.raises(DataError) as error:
        store.append_rows(tiny_dir, rows, origins)
    assert [str(p) for p in error.value.problems] == [
        "new/events.csv:5: event_id: duplicate key 2026-03-01-test-summit: given twice, also "
        "on line 2"
    ]
