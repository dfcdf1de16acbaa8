"""The corridors over time: each figure with its series and source, a line only within
one series, and the diplomacy that names a corridor found in every table."""

import json

from greatgame import corridors
from tests.conftest import edit_cell, open_page, read_rows, write_rows


def test_each_figure_keeps_its_series_note_and_sources(tiny):
    table = corridors.volume_table(tiny)
    assert len(table) == len(tiny.corridor_volumes)
    assert set(table.columns) >= {
        "year",
        "metric",
        "value",
        "unit",
        "series",
        "note",
        "source_urls",
    }
    assert all(url.startswith("https://") for url in table["source_urls"])


def test_figures_from_two_publications_are_never_one_line(tiny_dir):
    from greatgame.data import load_dataset

    rows = read_rows(tiny_dir / "corridor_volumes.csv")
    first = rows[0]
    sources = [r["source_id"] for r in read_rows(tiny_dir / "sources.csv")]
    other = next(s for s in sources if s not in first["source_ids"])
    edit_cell(tiny_dir / "sources.csv", sources.index(other), "publisher", "Port of Aktau")
    extra = {**first, "year": str(int(first["year"]) + 1), "source_ids": other}
    later = {**first, "year": str(int(first["year"]) + 2)}
    write_rows(tiny_dir / "corridor_volumes.csv", [*rows, extra, later])
    dataset = load_dataset(tiny_dir)
    fig = corridors.corridors_figure(dataset, first["corridor_id"])
    series = [t for t in fig.data if t.customdata is None]
    by_name = {t.name: t for t in series}
    assert by_name["Port of Aktau"].mode == "markers" and len(by_name["Port of Aktau"].x) == 1
    assert len(by_name["Fixture Press"].x) == 2 and "lines" in by_name["Fixture Press"].mode


def test_the_diplomacy_that_names_a_corridor_comes_from_meetings_documents_and_pledges(tiny_dir):
    from greatgame.data import load_dataset

    edit_cell(tiny_dir / "events.csv", 5, "summary", "Leaders backed the Trans-Caspian route.")
    edit_cell(tiny_dir / "outcomes.csv", 0, "note", "Includes a Middle Corridor roadmap.")
    dataset = load_dataset(tiny_dir)
    table = corridors.diplomacy_table(dataset)
    middle = table[table["corridor"] == "Middle Corridor"]
    assert {"meeting", "document", "commitment"} <= set(middle["what"])
    # The Tokyo target names transport: made at a meeting about the corridor, it is its.
    assert "Fixture target." in set(middle["title"])


def test_the_corridors_page_charts_each_reported_corridor_with_its_source(app):
    at = open_page(app, "pages/corridors.py")
    assert at.title[0].value == "Corridors"
    charts = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    assert charts
    notes = " ".join(a.get("text", "") for c in charts for a in c["layout"]["annotations"])
    assert "Source: greatgame, data version" in notes
    table = at.dataframe[0].value
    assert {"Year", "Metric", "Value", "Unit", "Series", "Note", "Sources"} <= set(table.columns)


def test_no_events_pledges_or_documents_give_an_empty_diplomacy_table(tiny):
    from dataclasses import replace

    empty = replace(
        tiny, events=tiny.events.iloc[:0], pledges=tiny.pledges.iloc[:0],
        outcomes=tiny.outcomes.iloc[:0],
    )  # fmt: skip
    table = corridors.diplomacy_table(empty)
    assert table.empty
    assert list(table.columns) == ["date", "what", "title", "power_name", "corridor", "event_id"]


def test_a_transport_pledge_made_outside_any_event_counts_for_corridors_in_general(tiny):
    from dataclasses import replace

    pledges = tiny.pledges.head(1).assign(
        event_id=None, sectors="energy;transport", description="Fixture rail loan.", note=None
    )
    table = corridors.diplomacy_table(replace(tiny, pledges=pledges))
    commitments = table[table["what"] == "commitment"]
    assert list(commitments["corridor"]) == [corridors.GENERAL]
    assert commitments["event_id"].isna().all()


def test_a_text_naming_two_corridors_is_listed_under_each_and_not_in_general(tiny):
    from dataclasses import replace

    events = tiny.events.head(1).assign(
        title="Talks on the Trans-Caspian corridor", summary=None, note="And on the INSTC."
    )
    table = corridors.diplomacy_table(replace(tiny, events=events))
    meetings = table[table["what"] == "meeting"]
    # The fixture names the Middle Corridor only; another corridor keeps its id.
    assert sorted(meetings["corridor"]) == ["Middle Corridor", "instc"]


def test_the_corridors_page_lists_the_latest_diplomacy_when_there_is_much(
    app, tiny_dir, monkeypatch
):
    from greatgame import ui

    edit_cell(tiny_dir / "events.csv", 0, "summary", "Ministers discussed the Middle Corridor.")
    edit_cell(tiny_dir / "events.csv", 1, "summary", "Leaders spoke of the Trans-Caspian route.")
    monkeypatch.setattr(ui, "SCREEN_ROWS", 2)
    at = open_page(app, "pages/corridors.py")
    assert "3 meetings, documents and commitments" in " ".join(c.value for c in at.caption)
    assert "The latest 2 of 3 are listed here" in " ".join(c.value for c in at.caption)
    diplomacy = at.dataframe[-1].value
    assert len(diplomacy) == 2 and "2019" not in " ".join(map(str, diplomacy["Date"]))


def test_every_corridor_term_holds_a_word_the_quick_search_looks_for():
    for pattern in [*corridors.CORRIDOR_TERMS.values(), "corridor"]:
        for alternative in pattern.lower().split("|"):
            assert any(word in alternative for word in corridors.TERM_WORDS), alternative


def test_terms_match_as_python_reads_them_case_aside_across_fields(tiny):
    from dataclasses import replace

    events = tiny.events.head(3).assign(
        # A dotless ı matches i without case in Python; a term may span two fields.
        title=["Talks on the TıTR", "Leaders of the Middle", "Plain talks"],
        summary=[None, "Corridor met", None],
        note=[None, None, "North–south"],  # an en dash is not the INSTC's hyphen
    )
    table = corridors.diplomacy_table(replace(tiny, events=events))
    meetings = table[table["what"] == "meeting"].set_index("title")["corridor"]
    assert meetings["Talks on the TıTR"] == "Middle Corridor"
    assert meetings["Leaders of the Middle"] == "Middle Corridor"
    assert "Plain talks" not in meetings.index


def test_quantities_on_screen_carry_separators_and_years_do_not(app):
    at = open_page(app, "pages/corridors.py")
    volumes = at.dataframe[0]
    columns = json.loads(volumes.proto.columns)
    assert columns["Value"]["type_config"]["format"] == "localized"
    assert "Year" not in columns
    assert volumes.value["Value"].dtype.kind in "if"  # numbers, which sort as numbers
