"""The greatgame command: validate and add."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from greatgame import cli, data
from tests.conftest import edit_cell, read_rows, write_rows


def run(*args: str) -> tuple[int, str, str]:
    result = subprocess.run(
        [sys.executable, "-m", "greatgame.cli", *args], capture_output=True, text=True
    )
    return result.returncode, result.stdout, result.stderr


def snapshot(folder: Path) -> dict[str, bytes]:
    """The data files of a folder (the lock files beside them are not data)."""
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if not p.name.startswith(".")}


def test_validate_exits_0_on_good_data(tiny_dir):
    code, out, _ = run("validate", str(tiny_dir))
    assert code == 0 and "valid" in out


def test_validate_exits_1_and_lists_every_problem(tiny_dir):
    edit_cell(tiny_dir / "events.csv", 0, "level", "kings")
    edit_cell(tiny_dir / "places.csv", 0, "lat", "99")
    code, _, err = run("validate", str(tiny_dir))
    assert code == 1
    assert "events.csv:2: level: must be one of leaders, ministers, officials" in err
    assert "places.csv:2: lat: must be at most 90" in err
    assert err.splitlines()[0].startswith("2 problem(s)")


def test_validate_with_cache_leaves_tables_the_next_load_finds(tiny_dir, tmp_path, monkeypatch):
    monkeypatch.setenv("GREATGAME_CACHE_DIR", str(tmp_path / "cache"))
    code, out, _ = run("validate", "--cache", str(tiny_dir))
    assert code == 0 and "valid; typed tables cached in" in out
    monkeypatch.setattr(data, "validate_files", lambda _: pytest.fail("validated again"))
    assert len(data.load_dataset(tiny_dir).events) == len(read_rows(tiny_dir / "events.csv"))


def test_validate_with_cache_on_bad_data_lists_problems_and_caches_nothing(tiny_dir, tmp_path):
    edit_cell(tiny_dir / "events.csv", 0, "level", "kings")
    cache_dir = tmp_path / "cache"
    result = subprocess.run(
        [sys.executable, "-m", "greatgame.cli", "validate", "--cache", str(tiny_dir)],
        capture_output=True, text=True, env={**os.environ,
                                             "GREATGAME_CACHE_DIR": str(cache_dir)},
    )  # fmt: skip
    assert result.returncode == 1
    assert "events.csv:2: level: must be one of leaders, ministers, officials" in result.stderr
    assert not any(cache_dir.rglob("*.parquet"))


def test_every_command_has_help():
    parser = cli.build_parser()
    commands = parser._subparsers._group_actions[0].choices
    for name, sub in commands.items():
        assert sub.description or sub.format_help(), name
        code, out, _ = run(name, "--help")
        assert code == 0 and "usage" in out


def new_event_rows(event_id="2026-03-01-test-summit", source_url="https://example.org/new"):
    source_id = data.source_id_for(source_url)
    return {
        "events": [
            {
                "event_id": event_id, "title": "Test summit", "series_id": "",
                "format": "c5_summit",
                "level": "leaders", "status": "planned", "modality": "in_person",
                "date_start": "2026-03-01",
                "date_end": "2026-03-01", "place_id": "tokyo", "power_id": "JPN",
                "summary": "A test.", "note": "", "confidence": "medium", "source_ids": source_id,
            }
        ],
        "participants": [
            {
                "event_id": event_id, "party_id": "JPN", "side": "external",
                "person": "Sanae Takaichi", "office": "Prime Minister of Japan", "role": "host",
                "source_ids": source_id,
            }
        ],
        "sources": [
            {
                "source_id": source_id, "url": source_url, "publisher": "Test",
                "title": "A page", "published": "2026-02-01", "accessed": "2026-02-02",
            }
        ],
    }  # fmt: skip


def write_tables(folder: Path, tables: dict) -> Path:
    folder.mkdir()
    for table, rows in tables.items():
        write_rows(folder / f"{table}.csv", rows)
    return folder


def test_add_appends_in_canonical_form_and_skips_identical_rows(tiny_dir, tmp_path):
    new = write_tables(tmp_path / "new", new_event_rows())
    code, out, err = run("--data", str(tiny_dir), "add", str(new))
    assert code == 0, err
    assert "events: 1 added" in out
    assert data.validate_dir(tiny_dir) == []
    events = read_rows(tiny_dir / "events.csv")
    assert [r["event_id"] for r in events] == sorted(r["event_id"] for r in events)
    # Adding the same rows again changes nothing.
    before = snapshot(tiny_dir)
    code, out, _ = run("--data", str(tiny_dir), "add", str(new))
    assert code == 0 and "Nothing new to add." in out
    assert snapshot(tiny_dir) == before


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda t: t["events"][0].update(place_id="atlantis"),
         'events.csv:2: place_id: "atlantis" is not a place_id in places.csv'),
        (lambda t: t["events"][0].update(event_id="2025-12-19-central-asia-japan-summit"),
         "duplicate key 2025-12-19-central-asia-japan-summit: a different row with it exists"),
        (lambda t: t["sources"].clear(), "is not a source_id in sources.csv"),
        (lambda t: t["events"][0].update(colour="red"), "events.csv:1: colour: not a column"),
        (lambda t: t.update(summits=t["events"]), "summits.csv: -: no such table"),
    ],
)  # fmt: skip
def test_add_refuses_bad_rows_and_writes_nothing(tiny_dir, tmp_path, change, expected):
    tables = new_event_rows()
    change(tables)
    new = write_tables(tmp_path / "new", {k: v for k, v in tables.items() if v})
    before = snapshot(tiny_dir)
    code, _, err = run("--data", str(tiny_dir), "add", str(new))
    assert code == 1
    assert "Nothing was written." in err and expected in err, err
    assert snapshot(tiny_dir) == before


def test_export_writes_a_snapshot_with_the_same_files_as_the_function(tiny_dir, tmp_path):
    from datetime import UTC, datetime

    from greatgame.export import snapshot_zip
    from greatgame.filters import Filters, apply_filters
    from tests.test_export import members

    out = tmp_path / "snapshot.zip"
    code, stdout, err = run("--data", str(tiny_dir), "export", "--power", "JPN", "--country",
                            "KGZ", "--to", "2025-12-31", "--out", str(out))  # fmt: skip
    assert code == 0, err
    assert "wrote" in stdout
    dataset = data.load_dataset(tiny_dir)
    filters = Filters(powers=("JPN",), countries=("KGZ",), date_to=datetime(2025, 12, 31).date())
    expected = members(
        snapshot_zip(apply_filters(dataset, filters), filters, view_link="",
                     made_at=datetime.now(UTC))
    )  # fmt: skip
    written = members(out.read_bytes())
    assert "This view: ?power=JPN&country=KGZ&to=2025-12-31" in written.pop("README.md").decode()
    expected.pop("README.md")
    assert written == expected


def test_export_one_table_as_csv(tiny_dir, tmp_path):
    out = tmp_path / "events.csv"
    code, _, err = run("--data", str(tiny_dir), "export", "--level", "ministers",
                       "--table", "events", "--excel", "--out", str(out))  # fmt: skip
    assert code == 0, err
    text = out.read_bytes().decode("utf-8")
    assert text.startswith("\ufeffevent_id,")
    assert len(text.strip().splitlines()) == 2


def test_export_refuses_unknown_values(tiny_dir, tmp_path):
    code, _, err = run("--data", str(tiny_dir), "export", "--power", "ATLANTIS", "--out",
                       str(tmp_path / "x.zip"))  # fmt: skip
    assert code == 2 and "ATLANTIS" in err
    assert not (tmp_path / "x.zip").exists()
