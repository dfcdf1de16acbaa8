"""The cache of validated datasets: one validation per version of the data, and a
stale or damaged entry is never served."""

import os
import time

import pytest

from greatgame import cache, data
from greatgame.data import DataError, data_fingerprint, load_dataset

from .conftest import edit_cell, read_rows


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv(cache.CACHE_DIR_ENV, str(folder))
    return folder


def _no_validation(monkeypatch):
    def refuse(data_dir):
        raise AssertionError("validated again")

    monkeypatch.setattr(data, "validate_files", refuse)


def _entry(data_dir):
    return cache.entry_dir(data_dir, data_fingerprint(data_dir))


def test_second_load_comes_from_the_cache_with_the_same_typed_tables(
    tiny_dir, cache_dir, monkeypatch
):
    first = load_dataset(tiny_dir)
    _no_validation(monkeypatch)
    second = load_dataset(tiny_dir)
    for name in first.table_names():
        a, b = getattr(first, name), getattr(second, name)
        assert a.equals(b), name
        assert list(a.dtypes) == list(b.dtypes), name
    assert second.descriptor == first.descriptor
    assert cache_dir in _entry(tiny_dir).parents
    assert tiny_dir not in _entry(tiny_dir).parents


def test_a_changed_file_is_validated_and_read_again(tiny_dir, cache_dir, monkeypatch):
    load_dataset(tiny_dir)
    title = read_rows(tiny_dir / "events.csv")[0]["title"]
    edit_cell(tiny_dir / "events.csv", 0, "title", title + " (edited)")
    validated = []
    real_validate = data.validate_files
    monkeypatch.setattr(data, "validate_files", lambda d: validated.append(d) or real_validate(d))
    reloaded = load_dataset(tiny_dir)
    assert validated == [tiny_dir]
    assert (reloaded.events["title"] == title + " (edited)").any()
    # The entry of the old version is dropped: one entry per folder.
    assert len(list(_entry(tiny_dir).parent.iterdir())) == 1


def test_a_file_made_invalid_raises_instead_of_serving_the_cached_version(tiny_dir, cache_dir):
    load_dataset(tiny_dir)
    edit_cell(tiny_dir / "events.csv", 0, "date_start", "not a date")
    with pytest.raises(DataError):
        load_dataset(tiny_dir)


@pytest.mark.parametrize("damage", ["truncate", "flip", "manifest", "missing"])
def test_a_damaged_entry_is_rebuilt_not_served(tiny_dir, cache_dir, damage):
    fresh = load_dataset(tiny_dir)
    entry = _entry(tiny_dir)
    events = entry / "events.parquet"
    if damage == "truncate":
        events.write_bytes(events.read_bytes()[: events.stat().st_size // 2])
    elif damage == "flip":
        blob = bytearray(events.read_bytes())
        blob[len(blob) // 2] ^= 0xFF
        events.write_bytes(bytes(blob))
    elif damage == "manifest":
        (entry / cache.MANIFEST).write_text("{not json")
    else:
        events.unlink()
    assert cache.read_entry(entry, data.Dataset) is None
    rebuilt = load_dataset(tiny_dir)
    assert rebuilt.events.equals(fresh.events)
    assert cache.read_entry(entry, data.Dataset) is not None


def test_a_cache_that_cannot_be_written_leaves_loading_as_it_was(tiny_dir, tmp_path, monkeypatch):
    blocked = tmp_path / "a file, not a folder"
    blocked.write_text("")
    monkeypatch.setenv(cache.CACHE_DIR_ENV, str(blocked / "cache"))
    assert len(load_dataset(tiny_dir).events) == len(read_rows(tiny_dir / "events.csv"))


def test_a_write_killed_midway_is_never_read_and_is_cleared_once_stale(tiny_dir, cache_dir):
    first = load_dataset(tiny_dir)
    entry = _entry(tiny_dir)
    killed = entry.parent / (cache.STAGING + "killed")
    killed.mkdir()
    (killed / "events.parquet").write_bytes(b"half a file")
    old = time.time() - cache.STALE_STAGING_SECONDS - 1
    os.utime(killed, (old, old))
    edit_cell(tiny_dir / "events.csv", 0, "title", "A new title")
    assert (
        load_dataset(tiny_dir).events["title"].iloc[0]
        == "A new title"
        != first.events["title"].iloc[0]
    )
    assert not killed.exists()
    assert [p.name for p in entry.parent.iterdir()] == [_entry(tiny_dir).name]


def test_files_the_fingerprint_leaves_out_do_not_invalidate_the_entry(
    tiny_dir, cache_dir, monkeypatch
):
    real_fingerprint = data.data_fingerprint
    monkeypatch.setattr(
        data,
        "data_fingerprint",
        lambda d: tuple(e for e in real_fingerprint(d) if e[0] != "readers.lock"),
    )
    (tiny_dir / "readers.lock").write_text("")
    load_dataset(tiny_dir)
    (tiny_dir / "readers.lock").write_text("taken")
    _no_validation(monkeypatch)
    assert len(load_dataset(tiny_dir).events) == len(read_rows(tiny_dir / "events.csv"))
