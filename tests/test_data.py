"""The data layer: loading typed frames, and every validation rule with a failing case."""

import json
import os

import pandas as pd
import pytest

from greatgame.data import (
    DataError,
    canonical_csv,
    data_fingerprint,
    load_dataset,
    read_descriptor,
    resource_schemas,
    source_id_for,
    split_ids,
    validate_dir,
)
from tests.conftest import DATA_DIR, edit_cell, read_rows, write_rows


def test_tiny_fixture_loads_as_typed_frames(tiny):
    assert len(tiny.events) == 6
    assert pd.api.types.is_datetime64_any_dtype(tiny.events["date_start"])
    assert pd.api.types.is_float_dtype(tiny.places["lat"])
    assert tiny.corridor_nodes["seq"].dtype == "Int64"
    # Empty cells are missing values, not empty strings.
    assert tiny.events["note"].isna().all()
    assert (
        tiny.pledges.set_index("pledge_id").at["2023-05-18-china-26-billion-yuan", "amount"] == 26e9
    )


def test_data_through_is_the_newest_source_date(tiny):
    assert tiny.data_through == pd.Timestamp("2025-12-23")
    assert tiny.version == read_descriptor(DATA_DIR).get("version")


def test_split_ids_and_source_id():
    assert split_ids("s-1;s-2") == ["s-1", "s-2"]
    assert split_ids(float("nan")) == []
    assert source_id_for("https://example.org/a") == source_id_for("https://example.org/a")
    assert source_id_for("https://example.org/a").startswith("s-")
    assert len(source_id_for("https://example.org/a")) == 12


# (file, 0-based data row, column, new value, the problem expected, as printed)
RULES = [
    ("events.csv", 0, "date_end", "2019-13-01",
     'events.csv:2: date_end: "2019-13-01" is not a valid date (YYYY-MM-DD)'),
    ("events.csv", 0, "date_end", "2019-02-01",
     "events.csv:2: date_end: must not be before date_start (2019-03-01)"),
    ("events.csv", 0, "place_id", "atlantis",
     'events.csv:2: place_id: "atlantis" is not a place_id in places.csv'),
    ("events.csv", 0, "power_id", "XYZ",
     'events.csv:2: power_id: "XYZ" is not a power_id in powers.csv'),
    ("events.csv", 0, "level", "kings",
     "events.csv:2: level: must be one of leaders, ministers, officials"),
    ("events.csv", 0, "summary", "", "events.csv:2: summary: a value is required"),
    ("events.csv", 0, "event_id", "no-date-here",
     "events.csv:2: event_id: must match the pattern ^[0-9]{4}-[0-9]{2}-[0-9]{2}-[a-z0-9-]+$"),
    ("events.csv", 1, "event_id", "2019-03-01-central-asia-japan-ministers",
     "events.csv:3: event_id: duplicate key, the same as on line 2"),
    ("events.csv", 0, "source_ids", "s-0000000000",
     'events.csv:2: source_ids: "s-0000000000" is not a source_id in sources.csv'),
    ("events.csv", 0, "date_start", "2019-02-28",
     "events.csv:2: event_id: begins with 2019-03-01 but the row's date is 2019-02-28"),
    ("events.csv", 0, "modality", "zoom",
     "events.csv:2: modality: must be one of in_person, virtual, hybrid"),
    ("events.csv", 0, "modality", "virtual",
     "events.csv:2: place_id: must be empty for a virtual meeting (it has no venue)"),
    ("events.csv", 0, "place_id", "",
     "events.csv:2: place_id: required unless the meeting was virtual"),
    ("events.csv", 0, "confidence", "certain",
     "events.csv:2: confidence: must be one of high, medium, low"),
    ("sources.csv", 2, "published", "2025-11-01",
     "events.csv:6: status: held needs a source published on or after 2025-11-06; every "
     "cited source is older"),
    ("places.csv", 0, "lat", "91", "places.csv:2: lat: must be at most 90"),
    ("places.csv", 0, "lon", "-181", "places.csv:2: lon: must be at least -180"),
    ("pledges.csv", 0, "currency", "XXY",
     "pledges.csv:2: currency: not one of the allowed codes (see the field's enum in "
     "datapackage.json)"),
    ("pledges.csv", 0, "amount", "-5", "pledges.csv:2: amount: must be at least 0"),
    ("pledges.csv", 0, "announced_date", "2023-05-19",
     "pledges.csv:2: pledge_id: begins with 2023-05-18 but the row's date is 2023-05-19"),
    ("pledges.csv", 0, "announced_date", "2023-05-17",
     "pledges.csv:2: announced_date: must not be before its event's first day (2023-05-18)"),
    ("pledges.csv", 0, "direction", "sideways",
     "pledges.csv:2: direction: must be one of to_central_asia, to_power"),
    ("pledges.csv", 1, "usd_basis", "",
     "pledges.csv:3: usd_basis: must be given exactly when amount_usd is given"),
    ("pledges.csv", 2, "part_of_pledge_id", "2025-12-19-japan-business-target-part",
     "pledges.csv:4: part_of_pledge_id: must not name the row itself"),
    ("pledges.csv", 0, "part_of_pledge_id", "no-such-pledge",
     'pledges.csv:2: part_of_pledge_id: "no-such-pledge" is not a pledge_id in pledges.csv'),
    ("participants.csv", 0, "party_id", "ATL",
     'participants.csv:2: party_id: "ATL" is neither a power_id in powers.csv nor an iso3 in '
     "countries.csv"),
    ("participants.csv", 1, "side", "external",
     "participants.csv:3: side: must be central_asia for UZB"),
    ("sources.csv", 0, "url", "https://example.org/moved",
     'sources.csv:2: source_id: must be "s-'),
    ("corridor_nodes.csv", 3, "mode_to_next", "sea",
     "corridor_nodes.csv:5: mode_to_next: must be empty at the last node"),
    ("corridor_nodes.csv", 1, "mode_to_next", "",
     "corridor_nodes.csv:3: mode_to_next: required before the last node"),
    ("corridor_nodes.csv", 3, "seq", "7",
     "corridor_nodes.csv:2: seq: middle-corridor: must run 1, 2, 3, … unbroken"),
]  # fmt: skip


@pytest.mark.parametrize(("file", "index", "column", "value", "expected"), RULES)
def test_each_rule_names_file_row_column_and_rule(tiny_dir, file, index, column, value, expected):
    edit_cell(tiny_dir / file, index, column, value)
    problems = [str(p) for p in validate_dir(tiny_dir)]
    assert any(p.startswith(expected) for p in problems), problems
    with pytest.raises(DataError) as raised:
        load_dataset(tiny_dir)
    assert raised.value.problems


def test_an_unused_source_is_reported(tiny_dir):
    rows = read_rows(tiny_dir / "sources.csv")
    url = "https://example.org/unused"
    rows.append(dict(rows[0], source_id=source_id_for(url), url=url))
    write_rows(tiny_dir / "sources.csv", rows)
    problems = [str(p) for p in validate_dir(tiny_dir)]
    assert any(p.endswith("source_id: no row cites this source") for p in problems), problems


def test_every_problem_is_reported_not_just_the_first(tiny_dir):
    edit_cell(tiny_dir / "events.csv", 0, "level", "kings")
    edit_cell(tiny_dir / "places.csv", 2, "lat", "500")
    edit_cell(tiny_dir / "participants.csv", 4, "party_id", "ATL")
    problems = validate_dir(tiny_dir)
    assert {p.file for p in problems} == {"events.csv", "places.csv", "participants.csv"}


def test_a_missing_file_is_named(tiny_dir):
    (tiny_dir / "outcomes.csv").unlink()
    assert [str(p) for p in validate_dir(tiny_dir)] == ["outcomes.csv: -: file is missing"]


def test_a_broken_descriptor_is_named(tiny_dir):
    (tiny_dir / "datapackage.json").write_text("{ not json", encoding="utf-8")
    (problem,) = validate_dir(tiny_dir)
    assert problem.file == "datapackage.json" and "not valid JSON" in problem.rule


def test_a_wrong_header_is_reported_without_domain_noise(tiny_dir):
    rows = read_rows(tiny_dir / "events.csv")
    renamed = [{("place" if k == "place_id" else k): v for k, v in r.items()} for r in rows]
    write_rows(tiny_dir / "events.csv", renamed)
    problems = validate_dir(tiny_dir)
    assert problems and all(p.file == "events.csv" for p in problems)


def test_canonical_csv_sorts_by_key_and_normalises_numbers():
    resource = resource_schemas(read_descriptor(DATA_DIR))["corridor_nodes"]
    rows = [
        {"corridor_id": "b", "seq": "10", "place_id": "x", "mode_to_next": "", "source_ids": "s"},
        {
            "corridor_id": "b",
            "seq": "2.0",
            "place_id": "y",
            "mode_to_next": "sea",
            "source_ids": "s",
        },
        {"corridor_id": "a", "seq": "1", "place_id": "z, q", "mode_to_next": "", "source_ids": "s"},
    ]
    assert canonical_csv(rows, resource) == (
        'corridor_id,seq,place_id,mode_to_next,source_ids\na,1,"z, q",,s\nb,2,y,sea,s\nb,10,x,,s\n'
    )


def test_fingerprint_changes_when_a_file_changes(tiny_dir):
    before = data_fingerprint(tiny_dir)
    path = tiny_dir / "events.csv"
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10**9))
    assert data_fingerprint(tiny_dir) != before


def test_descriptor_is_valid_json_with_a_version():
    descriptor = read_descriptor(DATA_DIR)
    assert json.dumps(descriptor) and descriptor["version"]
