"""What a reader downloads: names beside ids, source URLs, safe CSV bytes."""

import io
import json

import pandas as pd

from greatgame.export import csv_bytes, neutralise_formula, readable_table


def test_events_get_names_beside_ids_and_source_urls(tiny):
    events = readable_table(tiny, "events")
    columns = list(events.columns)
    assert columns.index("power_name") == columns.index("power_id") + 1
    assert columns.index("place_name") == columns.index("place_id") + 1
    assert "event_title" not in columns  # its own key needs no name
    tokyo = events.set_index("event_id").loc["2025-12-19-central-asia-japan-summit"]
    assert tokyo["power_name"] == "Japan" and tokyo["place_name"] == "Tokyo"
    assert tokyo["source_urls"] == "https://example.org/c https://example.org/d"


def test_participants_and_pledges_name_parties_recipients_and_events(tiny):
    participants = readable_table(tiny, "participants")
    assert set(participants["party_name"]) >= {"Japan", "Kazakhstan", "Uzbekistan"}
    assert participants["event_title"].notna().all()
    pledges = readable_table(tiny, "pledges").set_index("pledge_id")
    assert pledges.at["2025-12-19-japan-business-target", "central_asia_party_name"] == (
        "Central Asia (all five)"
    )


def test_csv_bytes_round_trip_through_pandas(tiny):
    frame = readable_table(tiny, "events")
    back = pd.read_csv(io.BytesIO(csv_bytes(frame)), keep_default_na=False)
    assert len(back) == len(frame)
    assert back["date_start"].iloc[0] == "2019-03-01"


def test_excel_bom_is_optional_and_keeps_non_latin_text():
    frame = pd.DataFrame({"name": ["Астана", "阿斯塔纳"]})
    plain, excel = csv_bytes(frame), csv_bytes(frame, excel_bom=True)
    assert not plain.startswith(b"\xef\xbb\xbf")
    assert excel.startswith(b"\xef\xbb\xbf")
    assert excel.decode("utf-8-sig") == plain.decode("utf-8") == "name\nАстана\n阿斯塔纳\n"


def test_formula_like_text_is_neutralised_but_numbers_are_not():
    for dangerous in ["=1+1", "+cmd", "-2+3", "@SUM(A1)", "\tx", "\rx"]:
        assert neutralise_formula(dangerous) == "'" + dangerous
    assert neutralise_formula("Tokyo") == "Tokyo"
    assert neutralise_formula(-5) == -5
    frame = pd.DataFrame({"title": ['=HYPERLINK("http://x")'], "amount": [-1.5]})
    assert csv_bytes(frame).decode() == 'title,amount\n"\'=HYPERLINK(""http://x"")",-1.5\n'


# --- snapshots -------------------------------------------------------------------------------

import zipfile  # noqa: E402
from datetime import UTC, date, datetime  # noqa: E402

from greatgame.data import load_dataset, validate_dir  # noqa: E402
from greatgame.export import SNAPSHOT_TABLES, describe_filters, snapshot_zip  # noqa: E402
from greatgame.filters import Filters, apply_filters  # noqa: E402

MADE = datetime(2026, 11, 27, 12, 0, tzinfo=UTC)


def members(content: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def unzip(content: bytes, folder):
    folder.mkdir()
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        archive.extractall(folder)
    return folder


def japan_snapshot(tiny, **kwargs):
    filters = Filters(powers=("JPN",))
    return snapshot_zip(
        apply_filters(tiny, filters), filters, view_link="http://x/data?power=JPN",
        made_at=MADE, **kwargs,
    )  # fmt: skip


def test_snapshot_holds_every_table_descriptor_and_manifest(tiny):
    files = members(japan_snapshot(tiny))
    assert set(files) == {f"{t}.csv" for t in SNAPSHOT_TABLES} | {"datapackage.json", "README.md"}
    manifest = files["README.md"].decode()
    assert "- Powers: Japan" in manifest
    assert "| events.csv | 3 |" in manifest
    assert "This view: http://x/data?power=JPN" in manifest
    assert "Data version: 0.2.0, data through 23 December 2025" in manifest
    assert "Made: 2026-11-27T12:00:00+00:00" in manifest
    assert "CC BY 4.0" in manifest and "greatgame contributors." in manifest
    descriptor = json.loads(files["datapackage.json"])
    assert descriptor["filters"] == {"power": ["JPN"]}
    events = next(r for r in descriptor["resources"] if r["name"] == "events")
    header = files["events.csv"].decode().splitlines()[0].split(",")
    assert [f["name"] for f in events["schema"]["fields"]] == header


def test_snapshot_validates_against_its_own_descriptor_and_loads_in_pandas(tiny, tmp_path):
    folder = unzip(japan_snapshot(tiny), tmp_path / "snapshot")
    assert validate_dir(folder) == []
    events = pd.read_csv(folder / "events.csv")
    assert len(events) == 3 and set(events["power_name"]) == {"Japan"}
    assert len(load_dataset(folder).participants) == 10


def test_excel_snapshot_has_a_bom_and_still_validates(tiny, tmp_path):
    content = japan_snapshot(tiny, excel_bom=True)
    assert members(content)["events.csv"].startswith(b"\xef\xbb\xbf")
    assert validate_dir(unzip(content, tmp_path / "snapshot")) == []


def test_snapshot_bytes_depend_only_on_the_filters_but_for_the_manifest(tiny):
    first = members(japan_snapshot(tiny))
    filters = Filters(powers=("JPN",))
    later = members(
        snapshot_zip(apply_filters(tiny, filters), filters, view_link="?power=JPN",
                     made_at=datetime(2030, 1, 1, tzinfo=UTC))
    )  # fmt: skip
    assert first.pop("README.md") != later.pop("README.md")
    assert first == later


def test_snapshot_neutralises_formulas(tiny_dir):
    from tests.conftest import edit_cell

    edit_cell(tiny_dir / "events.csv", 5, "title", "=HYPERLINK(1)")
    dataset = load_dataset(tiny_dir)
    files = members(snapshot_zip(dataset, Filters(), view_link="", made_at=MADE))
    assert b",'=HYPERLINK(1)," in files["events.csv"]


def test_describe_filters_in_words(tiny):
    lines = describe_filters(tiny, Filters(countries=("KAZ", "UZB"), date_to=date(2024, 1, 1)))
    assert lines == [
        "Powers: all",
        "Central Asian countries: Kazakhstan, Uzbekistan",
        "Dates: from the first event to 2024-01-01",
        "Formats: all",
        "Levels: all",
    ]


def test_whole_amounts_are_written_without_a_decimal_point(tiny):
    text = csv_bytes(readable_table(tiny, "pledges")).decode()
    assert ",19000000000," in text and "19000000000.0" not in text
    assert ",26000000000,CNY,," in text  # the yuan package has no USD figure: empty
    half = pd.DataFrame({"share": [0.5, None], "n": [1.0, 2.0]})
    assert csv_bytes(half).decode() == "share,n\n0.5,1\n,2\n"  # fractions stay fractions


def test_snapshot_members_unpack_readable_by_all_and_dated_when_made(tiny):
    with zipfile.ZipFile(io.BytesIO(japan_snapshot(tiny))) as archive:
        for info in archive.infolist():
            assert info.external_attr >> 16 == 0o100644, info.filename
            assert info.date_time == (2026, 11, 27, 12, 0, 0), info.filename
