"""The analysis pages through app.py, each under two filter settings."""

import csv
import io
import json
import os

from greatgame import ui
from greatgame.data import load_dataset
from tests.conftest import ROOT, edit_cell, open_page, read_rows
from tests.test_app import url_params

TOKYO = "2025-12-19-central-asia-japan-summit"


def chart(at, key):
    return json.loads(at.get_by_key(key).proto.spec)


def event_ids_in(spec):
    return sorted(c for trace in spec["data"] for c in trace.get("customdata") or [])


def test_overview_race_chart_follows_the_filters(app):
    at = open_page(app, "pages/overview.py")
    assert "Japan (Dec 2025)" in " ".join(c.value for c in at.caption)
    at.sidebar.multiselect(key="filter_power").set_value(["CHN"]).run()
    names = {t.get("y", [None])[0] for t in chart(at, "race_chart")["data"] if t.get("y")}
    assert "China" in names and "Japan" not in names


def test_timeline_shows_one_marker_per_filtered_event(app):
    at = open_page(app, "pages/timeline.py")
    assert len(event_ids_in(chart(at, "timeline_chart"))) == 6
    at.sidebar.multiselect(key="filter_level").set_value(["leaders"]).run()
    assert len(event_ids_in(chart(at, "timeline_chart"))) == 5
    assert "5 events" in " ".join(c.value for c in at.caption)


def test_pledges_page_groups_and_follows_the_filters(app):
    at = open_page(app, "pages/pledges.py")
    bars = chart(at, "pledges_chart_power")["data"][0]
    assert bars["y"] == ["Japan"]
    at.segmented_control(key="pledges_by").set_value("sector").run()
    assert set(chart(at, "pledges_chart_sector")["data"][0]["y"]) == {
        "Energy",
        "Transport",
        "Health",
    }
    at.sidebar.multiselect(key="filter_power").set_value(["CHN"]).run()
    assert "1 pledges counted" in " ".join(c.value for c in at.caption)


def test_who_met_whom_counts_pairs_under_the_filters(app):
    at = open_page(app, "pages/who_met_whom.py")
    assert "Kazakhstan and China, 2 leaders' meetings" in " ".join(c.value for c in at.caption)
    at.sidebar.multiselect(key="filter_power").set_value(["USA"]).run()
    heatmap = chart(at, "meeting_matrix_chart")["data"][0]
    assert heatmap["x"] == ["United States"]
    assert len(heatmap["y"]) == 5
    assert "and United States, 1 leaders' meetings" in " ".join(c.value for c in at.caption)


def test_event_page_from_the_url_shows_the_full_record(app):
    at = open_page(app, "pages/event.py", event=TOKYO)
    assert at.title[0].value == "Central Asia \\+ Japan summit"
    text = " ".join(m.value for m in at.markdown)
    assert "Previous: Central Asia \\+ Japan summit \\(cancelled\\)" in text
    assert "(https://example.org/c)" in text
    assert url_params(at)["event"] == [TOKYO]


def test_event_title_markup_from_the_data_shows_as_text(app, tiny_dir):
    index = next(i for i, r in enumerate(read_rows(tiny_dir / "events.csv"))
                 if r["event_id"] == TOKYO)  # fmt: skip
    edit_cell(tiny_dir / "events.csv", index, "title", "Summit [win a prize](https://x.example)")
    at = open_page(app, "pages/event.py", event=TOKYO)
    assert at.title[0].value == "Summit \\[win a prize\\]\\(https://x\\.example\\)"


def test_event_page_without_an_event_offers_a_choice(app):
    at = open_page(app, "pages/event.py")
    assert at.selectbox(key="event_choice").value is None
    at.sidebar.multiselect(key="filter_power").set_value(["USA"]).run()
    assert at.selectbox(key="event_choice").options == ["2025-11-06 · C5+1 summit"]


def test_about_page_shows_the_dictionary_version_and_citation(app):
    at = open_page(app, "pages/about.py")
    assert "data version 0.2.0" in at.code[0].value
    (dictionary,) = at.dataframe
    assert len(dictionary.value) == sum(
        len(r["schema"]["fields"])
        for r in json.loads((ROOT / "data" / "datapackage.json").read_text())["resources"]
    )


def test_the_chart_download_format_is_the_readers_choice_for_every_chart(app):
    def formats(at):
        return {
            json.loads(c.proto.config)["toImageButtonOptions"]["format"]
            for c in at.get("plotly_chart")
        }

    at = open_page(app, "pages/pledges.py")
    assert formats(at) == {"png"}
    at.sidebar.radio(key="chart_format").set_value("svg").run()
    assert formats(at) == {"svg"}
    assert "chart_format" not in url_params(at)  # a setting, not part of the view
    at.switch_page("pages/timeline.py").run()
    assert formats(at) == {"svg"}


def test_timeline_past_its_marker_limit_shows_counts_until_the_filters_narrow_it(app, monkeypatch):
    from greatgame import figures

    monkeypatch.setattr(figures, "TIMELINE_MARKER_LIMIT", 4)
    at = open_page(app, "pages/timeline.py")
    spec = chart(at, "timeline_bins_chart")
    # Counts, no event to click: each dot holds its power and period, which a click
    # narrows the filters to.
    (dots,) = spec["data"]
    assert ["JPN", "2019-01-01", "2019-12-31"] in dots["customdata"]
    assert all(len(custom) == 3 for custom in dots["customdata"])
    assert "6 events, shown as yearly counts" in spec["layout"]["annotations"][0]["text"]
    text = " ".join(m.value for m in at.markdown)
    assert "6 events are too many to draw one by one" in text
    assert "Click a dot to narrow the filters to its power and period" in text
    assert "fewer than 4 events" in text
    assert len(at.dataframe[0].value) == 6  # the table still lists each one
    at.sidebar.multiselect(key="filter_power").set_value(["JPN"]).run()
    assert len(event_ids_in(chart(at, "timeline_chart"))) == 3
    assert "Click a marker to open its record" in " ".join(m.value for m in at.markdown)


def test_tables_on_screen_stop_at_a_page_of_rows_and_say_the_download_holds_all(
    app, tiny, monkeypatch
):
    from greatgame import ui

    monkeypatch.setattr(ui, "SCREEN_ROWS", 2)
    at = open_page(app, "pages/timeline.py")
    (table,) = at.dataframe
    assert list(table.value["Title"]) == [
        "Central Asia + Japan summit", "C5+1 summit",
    ]  # the newest two  # fmt: skip
    captions = " ".join(c.value for c in at.caption)
    assert "6 events from 1 Mar 2019 to 19–20 Dec 2025" in captions
    assert "The newest 2 of 6 events are listed here; the Data & downloads page" in captions
    at.switch_page("pages/data.py").run()
    assert not at.exception
    # Only the open tab (events) builds its table for the screen; every tab keeps its
    # download, which holds every row.
    (events,) = at.dataframe
    assert len(events.value) == 2
    captions = " ".join(c.value for c in at.caption)
    assert "6 row(s); the first 2 are shown here, the download holds all 6" in captions
    assert "Download events.csv (6 rows)" in [b.label for b in at.get("download_button")]
    assert len(at.get("download_button")) == 12
    rows = csv.DictReader(io.StringIO(ui._table_csv(tiny, "events", excel_bom=False).decode()))
    assert len(list(rows)) == 6
    at.switch_page("pages/pledges.py").run()
    every = at.dataframe[-1].value
    pledges = tiny.pledges.sort_values("announced_date", ascending=False, kind="stable")
    assert len(every) == 2 and len(pledges) > 2
    assert list(every["Description"]) == list(pledges["description"].head(2))
    assert f"Newest first. The newest 2 of {len(pledges)} pledges are listed here" in " ".join(
        c.value for c in at.caption
    )


def test_the_event_choice_offers_the_newest_screenful_and_says_so(app, monkeypatch):
    monkeypatch.setattr(ui, "SCREEN_ROWS", 2)
    at = open_page(app, "pages/event.py")
    options = at.selectbox(key="event_choice").options
    assert len(options) == 2 and options == sorted(options, reverse=True)
    events = load_dataset(os.environ["GREATGAME_DATA_DIR"]).events
    newest = events.sort_values("date_start", ascending=False).head(2)
    assert [o.split(" · ")[0] for o in options] == list(
        newest["date_start"].dt.strftime("%Y-%m-%d")
    )
    assert any(f"newest 2 of {len(events):,} events" in c.value for c in at.caption)
