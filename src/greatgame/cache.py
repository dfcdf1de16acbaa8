"""A columnar cache of validated datasets: validate once per version of the data.

Validating every row against the schema is the slow part of loading (seconds at a
hundred times today's size), and it gives the same answer until a file changes. So
the typed tables of a folder that passed validation are kept as Parquet files, under
a key made of the folder's fingerprint (names, sizes and modification times of its
files) and of the code that validates and types them. Any change to a data file or
to that code gives a new key, so a stale entry is never found.

An entry is a folder ``<cache>/<folder key>/<version key>/`` holding one Parquet file
per table, the descriptor, and a manifest written last that lists every file's size
and digest. An entry is written in a temporary folder and renamed into place in one
step, so a reader sees a whole entry or none; on reading, anything that does not
match its manifest or does not parse is discarded and the dataset is rebuilt.

The cache lives outside the repository: ``$GREATGAME_CACHE_DIR`` when set, otherwise
``$XDG_CACHE_HOME/greatgame`` (``~/.cache/greatgame``).
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pandas as pd

CACHE_DIR_ENV = "GREATGAME_CACHE_DIR"
MANIFEST = "manifest.json"
DESCRIPTOR_FILE = "descriptor.json"
# Bump when the layout of an entry changes.
FORMAT = 1
STAGING = ".writing-"
STALE_STAGING_SECONDS = 3600
# The modules whose code decides what a validated, typed table is.
_CODE = (Path(__file__).with_name("data.py"), Path(__file__))


def cache_root() -> Path:
    configured = os.environ.get(CACHE_DIR_ENV)
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "greatgame"


def _digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def _code_digest() -> str:
    return _digest(b"".join(path.read_bytes() for path in _CODE))


def _change_times(data_dir: Path, fingerprint: tuple) -> list:
    # Inode and change time as well as the fingerprint's size and modification time:
    # a file replaced by a rename, or rewritten at the same size within one tick of a
    # coarse clock, still gets a new key (a change time cannot be set back by hand).
    # Only the fingerprint's files count, so bookkeeping files it leaves out do not.
    times = []
    for name, *_ in fingerprint:
        try:
            status = (data_dir / name).stat()
        except OSError:  # gone since the fingerprint: validation will say so
            times.append((name, None, None))
            continue
        times.append((name, status.st_ino, status.st_ctime_ns))
    return times


def entry_dir(data_dir: Path, fingerprint: tuple) -> Path:
    """Where the entry for this version of the folder lives (it may not exist)."""
    data_dir = Path(data_dir).resolve()
    folder = _digest(str(data_dir).encode())
    times = _change_times(data_dir, fingerprint)
    key = [FORMAT, pd.__version__, _code_digest(), fingerprint, times]
    version = _digest(json.dumps(key, default=str).encode())
    return cache_root() / folder / version


def read_entry(entry: Path, build: Callable[..., object]) -> object | None:
    """The dataset stored in ``entry``, or None when there is none or it is damaged
    (a damaged entry is removed, so the next load stores a sound one).

    ``build(descriptor=..., **frames)`` makes the dataset from its parts.
    """
    if not (entry / MANIFEST).is_file():
        return None
    try:
        manifest = json.loads((entry / MANIFEST).read_text(encoding="utf-8"))
        if manifest["format"] != FORMAT:
            raise ValueError("an older layout")
        blobs = {}
        for name, expected in manifest["files"].items():
            blob = (entry / name).read_bytes()
            if len(blob) != expected["size"] or _digest(blob) != expected["digest"]:
                raise ValueError(f"{name} does not match the manifest")
            blobs[name] = blob
        descriptor = json.loads(blobs.pop(DESCRIPTOR_FILE))
        frames = {
            name.removesuffix(".parquet"): pd.read_parquet(io.BytesIO(blob))
            for name, blob in blobs.items()
        }
        return build(descriptor=descriptor, **frames)
    except Exception:  # noqa: BLE001 - any damage means: rebuild, never serve it
        shutil.rmtree(entry, ignore_errors=True)
        return None


def _maybe_being_written(folder: Path) -> bool:
    # A staging folder of another process, unless it is so old that its writer was
    # killed mid-write.
    try:
        age = time.time() - folder.stat().st_mtime
    except OSError:
        return False
    return folder.name.startswith(STAGING) and age < STALE_STAGING_SECONDS


def write_entry(entry: Path, descriptor: dict, frames: dict[str, pd.DataFrame]) -> None:
    """Store a dataset under ``entry`` and drop older entries of the same folder.

    Best effort: a cache that cannot be written leaves the load as it was.
    """
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=STAGING, dir=entry.parent))
        files = {DESCRIPTOR_FILE: json.dumps(descriptor, ensure_ascii=False).encode()}
        for name, frame in frames.items():
            target = staging / f"{name}.parquet"
            frame.to_parquet(target, index=False)
            files[target.name] = target.read_bytes()
        (staging / DESCRIPTOR_FILE).write_bytes(files[DESCRIPTOR_FILE])
        manifest = {
            "format": FORMAT,
            "files": {n: {"size": len(b), "digest": _digest(b)} for n, b in files.items()},
        }
        (staging / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
        try:
            os.rename(staging, entry)
        except OSError:  # another process stored the same version first
            shutil.rmtree(staging, ignore_errors=True)
        for sibling in entry.parent.iterdir():
            if sibling != entry and not _maybe_being_written(sibling):
                shutil.rmtree(sibling, ignore_errors=True)
    except OSError:
        pass
