"""Whole versions of a data folder: readers share it, one writer at a time changes it, and
a change of several files is one step that a crash cannot split.

The folder stays plain CSV files (reviewable in git); the bookkeeping sits beside them
as dot files:

- ``.greatgame-writer.lock``: held alone by the one writer, from reading the tables
  until the new version is in place, so that no append is lost to another.
- ``.greatgame.lock``: readers hold it shared while they read; a commit holds it alone,
  so a reader sees the old version or the new one, never a mix.
- ``.greatgame-gate.lock``: a commit holds it alone while it waits for the readers
  already in; readers pass through it shared, so that a stream of readers cannot keep
  a commit waiting for ever.
- ``.<file>.new``: the new version of each changed file, written beside it.
- ``.greatgame-journal.json``: the renames that make the new version current, written
  atomically before the first rename. Whoever finds it next (a writer or a reader,
  holding the lock alone) completes the renames: a commit that got as far as its
  journal is finished; one that did not leaves the old version, and its ``.new``
  files are removed by the next writer.

Staging copies in the temporary folder are named after the process that made them, so
that the next start can remove those whose process was killed.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import json
import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

LOCK_NAME = ".greatgame.lock"
GATE_NAME = ".greatgame-gate.lock"
WRITER_LOCK_NAME = ".greatgame-writer.lock"
JOURNAL_NAME = ".greatgame-journal.json"
STAGE_PREFIX = "greatgame-stage-"
# A writer waits this long for another writer, or for readers, before giving up.
LOCK_TIMEOUT_SECONDS = 120.0


class FolderBusy(OSError):
    """The lock could not be had in time: another writer is still at work."""


def new_name(path: str) -> str:
    """Where the new version of a file is written before it is renamed into place."""
    return f".{path}.new"


def is_bookkeeping(name: str) -> bool:
    """Lock, journal and new-version files: not part of the data."""
    return name.startswith(".")


def _open_lock(path: Path) -> int | None:
    try:
        return os.open(path, os.O_RDWR | os.O_CREAT, 0o666)
    except OSError as error:
        if error.errno not in (errno.EACCES, errno.EROFS, errno.EPERM):
            raise
    try:  # a reader without write access to the folder still shares an existing lock
        return os.open(path, os.O_RDONLY)
    except FileNotFoundError:
        return None


def _flock(fd: int, operation: int, path: Path) -> None:
    timeout = LOCK_TIMEOUT_SECONDS
    deadline = time.monotonic() + timeout
    while True:
        try:
            fcntl.flock(fd, operation | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if time.monotonic() > deadline:
                raise FolderBusy(
                    errno.EBUSY, f"still locked after {timeout:.0f} s by another writer", str(path)
                ) from None
            time.sleep(0.02)


@contextmanager
def _locked(path: Path, operation: int) -> Iterator[int | None]:
    fd = _open_lock(path)
    if fd is None:  # a read-only folder no one can write: nothing to exclude
        yield None
        return
    try:
        _flock(fd, operation, path)
        yield fd
    finally:
        os.close(fd)  # closing releases the lock


@contextmanager
def reading(data_dir: Path | str) -> Iterator[None]:
    """Hold the folder still while it is read; first complete a commit a killed writer
    left half done."""
    data_dir = Path(data_dir)
    with _locked(data_dir / GATE_NAME, fcntl.LOCK_SH):
        pass  # wait while a commit waits or runs
    with _locked(data_dir / LOCK_NAME, fcntl.LOCK_SH) as fd:
        if fd is not None and (data_dir / JOURNAL_NAME).exists():
            _flock(fd, fcntl.LOCK_EX, data_dir / LOCK_NAME)
            # A reader that may not write leaves it: validation reports what it sees.
            with contextlib.suppress(PermissionError):
                _roll_forward(data_dir)
            _flock(fd, fcntl.LOCK_SH, data_dir / LOCK_NAME)
        yield


@contextmanager
def writing(data_dir: Path | str) -> Iterator[None]:
    """Be the one writer of the folder: complete or clear what a killed writer left,
    then hold off every other writer until the block ends."""
    data_dir = Path(data_dir)
    with _locked(data_dir / WRITER_LOCK_NAME, fcntl.LOCK_EX):
        with _locked(data_dir / LOCK_NAME, fcntl.LOCK_EX):
            _roll_forward(data_dir)
            for leftover in data_dir.glob(".*.new"):
                leftover.unlink()  # a commit killed before its journal: the old version stands
        remove_stale_stages()
        yield


def commit(data_dir: Path | str, texts: dict[str, str]) -> None:
    """Replace the files named in ``texts`` (paths relative to the folder) at once.

    Call inside :func:`writing`. Each file keeps its mode; a new file gets the mode the
    umask allows.
    """
    data_dir = Path(data_dir)
    with _locked(data_dir / GATE_NAME, fcntl.LOCK_EX), _locked(data_dir / LOCK_NAME, fcntl.LOCK_EX):
        renames = [[new_name(path), path] for path in texts]
        try:
            for path, text in texts.items():
                target = data_dir / path
                mode = target.stat().st_mode & 0o7777 if target.exists() else None
                _write_durably(data_dir / new_name(path), text.encode("utf-8"), mode)
        except BaseException:
            for staged, _ in renames:
                (data_dir / staged).unlink(missing_ok=True)
            raise
        journal = json.dumps({"renames": renames}).encode("utf-8")
        _write_durably(data_dir / f"{JOURNAL_NAME}.new", journal, None)
        os.replace(data_dir / f"{JOURNAL_NAME}.new", data_dir / JOURNAL_NAME)
        _sync_folder(data_dir)
        _roll_forward(data_dir)


def _roll_forward(data_dir: Path) -> None:
    """Complete the renames of a journal, if there is one; renames already done are
    skipped. Call holding the folder's lock alone."""
    journal = data_dir / JOURNAL_NAME
    try:
        renames = json.loads(journal.read_text(encoding="utf-8"))["renames"]
    except FileNotFoundError:
        return
    for staged, target in renames:
        if (data_dir / staged).exists():
            os.replace(data_dir / staged, data_dir / target)
    _sync_folder(data_dir)
    journal.unlink()
    _sync_folder(data_dir)


def _write_durably(path: Path, content: bytes, mode: int | None) -> None:
    with open(path, "wb") as f:
        f.write(content)
        f.flush()
        if mode is not None:
            os.fchmod(f.fileno(), mode)
        os.fsync(f.fileno())


def _sync_folder(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


# --- staging copies ---------------------------------------------------------------------------


@contextmanager
def staging_folder() -> Iterator[Path]:
    """An empty temporary folder, removed on every way out; named after this process so
    that :func:`remove_stale_stages` can remove it after a kill."""
    stage = Path(tempfile.mkdtemp(prefix=f"{STAGE_PREFIX}{os.getpid()}-"))
    try:
        yield stage
    finally:
        shutil.rmtree(stage, ignore_errors=True)


def remove_stale_stages() -> None:
    """Remove staging folders whose process no longer runs."""
    for stage in Path(tempfile.gettempdir()).glob(f"{STAGE_PREFIX}*-*"):
        pid = stage.name.removeprefix(STAGE_PREFIX).split("-", 1)[0]
        if pid.isdigit() and not _is_running(int(pid)):
            shutil.rmtree(stage, ignore_errors=True)


def _is_running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process
    return True
