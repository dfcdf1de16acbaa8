"""What a reader downloads: names beside ids, source URLs, safe CSV bytes."""

import io

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
    assert pledges.at["2025-12-19-japan-business-target", "recipient_name"] == (
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
