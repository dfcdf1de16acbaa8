"""Tables on screen: reader's words, money only where money is, empty cells empty."""

import pandas as pd

from greatgame import display, export, figures, records


def test_counts_stay_counts_and_a_missing_usd_figure_is_empty_not_zero(tiny):
    totals = display.screen_table(
        display.pledge_totals_table(figures.pledge_totals(tiny, "kind"), "kind"), lead=("kind",)
    )
    assert list(totals.columns[:2]) == ["Kind", "US dollars"]
    totals = display.screen_table(
        display.pledge_totals_table(figures.pledge_totals(tiny, "power"), "power")
    )
    china = totals.set_index("Power").loc["China"]
    assert china["US dollars"] == ""
    assert china["Pledges without a USD figure"] == 1  # a count, not "$1"
    assert totals.set_index("Power").loc["Japan", "US dollars"] == "$19.0 bn"
    assert list(totals.columns) == [
        "Power", "US dollars", "Pledges with a USD figure", "Pledges without a USD figure",
    ]  # fmt: skip


def test_every_pledge_reads_in_words_with_key_columns_first(tiny):
    table = display.screen_table(export.readable_table(tiny, "pledges"), keep=("event_id",))
    assert list(table.columns[:9]) == [
        "event_id", "Event", "Announced", "Power", "Central Asian party",
        "Amount as announced", "US dollars", "Kind", "Description",
    ]  # fmt: skip
    target = table.set_index("Pledge id").loc["2025-12-19-japan-business-target"]
    assert target["Amount as announced"] == "3,000,000,000,000 JPY"
    assert target["Sectors"] == "Energy, Transport"
    assert target["Kind"] == "Investment target"
    assert target["Direction"] == "To Central Asia"
    yuan = table.set_index("Pledge id").loc["2023-05-18-china-26-billion-yuan"]
    assert yuan["US dollars"] == "" and yuan["Note"] == "" and yuan["Over (years)"] == ""
    assert "power_id" not in table and "None" not in table.to_string()


def test_headers_and_codes_in_readers_words():
    assert display.header("first_c5_ministerial") == "First Central Asia + X ministerial"
    assert display.header("power_name") == "Power"
    assert display.codes("transport;critical_raw_materials") == "Transport, Critical raw materials"
    assert display.codes("central_asia") == "Central Asian"
    assert display.label("c5_summit") == "Central Asia + X summit"
    assert display.usd(float("nan")) == "" and display.usd(44e6) == "$44 m"


def test_the_race_table_on_screen_has_no_database_names(tiny):
    table = display.screen_table(figures.race_table(tiny, tiny))
    assert "First Central Asia + X summit" in table and "power_id" not in table
    assert table.set_index("Power").loc["Russia", "First Central Asia + X summit"] == ""


def test_dates_sort_as_text_and_missing_dates_are_empty():
    frame = pd.DataFrame({"published": pd.to_datetime(["2025-01-02", None])})
    assert list(display.screen_table(frame)["Published"]) == ["2025-01-02", ""]


def test_sources_read_as_their_publishers_each_once_else_as_their_site():
    publishers = {"https://example.org/a": "Kazinform", "https://example.org/b": "Kazinform"}
    cell = "https://example.org/a https://example.org/b https://www.fergana.ru/news/1"
    assert display.publisher_names(cell, publishers) == "Kazinform, fergana.ru"
    assert display.publisher_names(float("nan"), publishers) == ""


def test_ids_stand_at_the_right_after_the_columns_in_words(tiny):
    table = display.screen_table(export.readable_table(tiny, "outcomes"), keep=())
    assert list(table.columns) == ["Event", "Title", "Kind", "Count", "Note", "Sources",
                                   "Outcome id"]  # fmt: skip
    events = display.screen_table(export.readable_table(tiny, "events"), keep=())
    assert list(events.columns[-2:]) == ["Event id", "Series id"]


def test_a_deal_the_other_way_reads_from_its_buyer_to_the_power(tiny):
    pledges = export.readable_table(tiny, "pledges")
    grant = pledges[pledges["pledge_id"] == "2025-12-24-japan-kyrgyzstan-grant"].assign(
        direction="to_power", committed_by="Kyrgyz Railways", currency="EUR"
    )
    (text,) = records.pledge_texts(grant, {"https://example.org/d": "Kabar"})
    assert text.headline == (
        "$44 m (44,000,000 EUR) · Grant: Kyrgyz Railways (Kyrgyzstan) to Japan"
    )
    assert text.details.endswith("confidence: High · sources: Kabar")
    assert text.pledge_id == "2025-12-24-japan-kyrgyzstan-grant" and text.note == ""
