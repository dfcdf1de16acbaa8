"""Figures and their tables, over the tiny fixture: what each figure holds."""

from datetime import date

import pandas as pd

from greatgame import figures
from greatgame.dictionary import data_dictionary, field_description
from greatgame.filters import Filters, apply_filters
from greatgame.records import event_record
from tests.conftest import edit_cell

TOKYO = "2025-12-19-central-asia-japan-summit"


def marker_points(fig):
    """(trace, x, customdata) for every data point that carries an event id."""
    return [
        (trace, x, c)
        for trace in fig.data
        if trace.customdata is not None
        for x, c in zip(trace.x, trace.customdata, strict=True)
    ]


def test_race_table_finds_firsts_per_power(tiny):
    race = figures.race_table(tiny, tiny).set_index("power_id")
    assert list(race.index) == ["CHN", "USA", "JPN", "RUS"]  # by first summit, then the rest
    japan = race.loc["JPN"]
    assert japan["first_c5_ministerial"] == pd.Timestamp("2019-03-01")
    # The cancelled 2024 summit does not count: the first one held was in Tokyo.
    assert japan["first_c5_summit"] == pd.Timestamp("2025-12-19")
    assert japan["first_met_all_five"] == pd.Timestamp("2025-12-19")
    assert race.loc["CHN", "leaders_meetings"] == 2  # its own summit and the SCO summit
    assert pd.isna(race.loc["RUS", "first_c5_summit"])
    assert "SCO" not in race.index  # organisations are venues, not racers


def test_race_figure_marks_first_summits_and_every_leaders_meeting(tiny):
    fig = figures.race_figure(tiny, figures.race_table(tiny, tiny))
    stars = [t for t in fig.data if t.marker.symbol == "star" and t.x[0] is not None]
    assert {(t.y[0], pd.Timestamp(t.x[0])) for t in stars} == {
        ("China", pd.Timestamp("2023-05-18")),
        ("United States", pd.Timestamp("2025-11-06")),
        ("Japan", pd.Timestamp("2025-12-19")),
    }
    dots = {(t.y[0], c) for t, _, c in marker_points(fig)}
    assert ("Russia", "2024-07-04-sco-summit") in dots
    assert figures.race_summary(figures.race_table(tiny, tiny), tiny) == (
        "First 'Central Asia + X' leaders' summits, in order: China (May 2023), "
        "United States (Nov 2025), Japan (Dec 2025)."
    )


def test_a_first_stays_a_first_under_a_date_filter(tiny):
    later = apply_filters(tiny, Filters(date_from=date(2025, 1, 1)))
    race = figures.race_table(later, tiny).set_index("power_id")
    assert race.loc["JPN", "first_c5_ministerial"] == pd.Timestamp("2019-03-01")
    assert race.loc["JPN", "first_c5_summit"] == pd.Timestamp("2025-12-19")
    fig = figures.race_figure(later, figures.race_table(later, tiny))
    assert not [t for t in fig.data if t.marker.symbol == "diamond-open" and t.x[0] is not None]
    assert figures.race_summary(race.reset_index(), later) == (
        "First 'Central Asia + X' leaders' summits, in order: "
        "United States (Nov 2025), Japan (Dec 2025)."
    )
    china = apply_filters(tiny, Filters(powers=("CHN",), date_from=date(2024, 1, 1)))
    race = figures.race_table(china, tiny)
    assert race.loc[0, "first_c5_summit"] == pd.Timestamp("2023-05-18")  # not the SCO's
    assert figures.race_summary(race, china) == (
        "First 'Central Asia + X' leaders' summits, in order: "
        "China (May 2023, before the selected period)."
    )
    fig = figures.race_figure(china, race)
    assert not [t for t in fig.data if t.marker.symbol == "star" and t.x[0] is not None]


def test_timeline_has_one_marker_per_event_shaped_and_filled_by_kind(tiny):
    fig = figures.timeline_figure(tiny)
    points = marker_points(fig)
    assert sorted(c for _, _, c in points) == sorted(tiny.events["event_id"])
    by_event = {}
    for trace in fig.data:
        if trace.customdata is None:
            continue
        for i, event_id in enumerate(trace.customdata):
            by_event[event_id] = (trace.marker.symbol[i], trace.marker.opacity[i], trace.y[i])
    assert by_event["2024-08-09-central-asia-japan-summit"][0] == "star-open"  # cancelled
    assert by_event[TOKYO][:2] == ("star", 1.0)
    assert by_event["2019-03-01-central-asia-japan-ministers"][:2] == ("diamond", 0.6)
    assert by_event["2024-07-04-sco-summit"][2] == "Shanghai Cooperation Organisation"
    key = fig.layout.annotations[0].text
    assert "★ Central Asia + X summit" in key and "hollow: not held" in key
    lanes = {a.text for a in fig.layout.annotations[1:]}
    assert "Shanghai Cooperation Organisation" in lanes


def test_timeline_hover_shows_people_and_escapes_html(tiny_dir):
    from greatgame.data import load_dataset

    edit_cell(tiny_dir / "events.csv", 5, "title", "<script>alert(1)</script> summit")
    fig = figures.timeline_figure(load_dataset(tiny_dir))
    hover = " ".join(h for t in fig.data if t.hovertext for h in t.hovertext)
    assert "&lt;script&gt;" in hover and "<script>" not in hover
    assert "Sanae Takaichi (Prime Minister of Japan)" in hover
    assert "2 source(s)" in hover


def test_timeline_table_is_newest_first(tiny):
    table = figures.timeline_table(tiny)
    assert table.loc[0, "event_id"] == TOKYO
    assert table.loc[0, "dates"] == "19–20 Dec 2025"
    assert table.loc[0, "sources"] == 2


def test_pledge_totals_count_each_pledge_once(tiny):
    by_power = figures.pledge_totals(tiny, "power").set_index("power")
    assert by_power.loc["JPN", "amount_usd"] == 19e9 + 44e6  # the part is not added again
    assert by_power.loc["JPN", "pledges_with_usd"] == 2
    assert pd.isna(by_power.loc["CHN", "amount_usd"])  # no USD figure is not $0
    assert by_power.loc["CHN", "pledges_without_usd"] == 1
    by_sector = figures.pledge_totals(tiny, "sector").set_index("sector")
    assert by_sector.loc["energy", "amount_usd"] == 19e9
    assert by_sector.loc["health", "amount_usd"] == 44e6
    by_recipient = figures.pledge_totals(tiny, "country").set_index("country")
    assert by_recipient.loc["C5", "name"] == "Central Asia (all five)"


def test_pledge_figure_draws_bars_with_usd_in_power_colours(tiny):
    fig = figures.pledge_figure(tiny, "power")
    (bars,) = fig.data
    assert list(bars.y) == ["Japan"]  # China's yuan package has no USD figure
    assert list(bars.marker.color) == ["#e69f00"]
    assert bars.text[0] == "$19.0 bn"


def test_meeting_matrix_counts_leaders_meetings_per_pair(tiny):
    matrix = figures.meeting_matrix(tiny)
    assert matrix.loc["Kazakhstan", "China"] == 2
    assert matrix.loc["Kazakhstan", "Russia"] == 1
    assert matrix.loc["Turkmenistan", "China"] == 1
    assert "Shanghai Cooperation Organisation" not in matrix.columns
    assert matrix.loc["Uzbekistan", "Japan"] == 1  # the ministerial is not a leaders' meeting
    fig = figures.meeting_matrix_figure(tiny)
    assert fig.data[0].z.sum() == matrix.values.sum()


def test_people_table_counts_events_held(tiny):
    people = figures.people_table(tiny).set_index("person")
    assert people.loc["Kassym-Jomart Tokayev", "events"] == 4  # not the cancelled summit
    assert "Fumio Kishida" not in people.index  # he was due only at the cancelled summit


def test_event_record_holds_everything_and_its_neighbours(tiny):
    record = event_record(tiny, TOKYO)
    assert record.event["place_name"] == "Tokyo"
    assert len(record.participants) == 6
    assert record.participants.iloc[0]["party_id"] == "JPN"  # the external host first
    assert set(record.pledges["pledge_id"]) == {
        "2025-12-19-japan-business-target",
        "2025-12-19-japan-business-target-part",
    }
    assert list(record.outcomes["title"]) == ["Tokyo Declaration"]
    assert set(record.sources["url"]) == {"https://example.org/c", "https://example.org/d"}
    assert record.previous_event["event_id"] == "2024-08-09-central-asia-japan-summit"
    assert record.next_event is None
    assert event_record(tiny, "no-such-event") is None


def test_data_dictionary_covers_every_field(tiny):
    dictionary = data_dictionary(tiny.descriptor)
    fields = sum(len(r["schema"]["fields"]) for r in tiny.descriptor["resources"])
    assert len(dictionary) == fields
    currency = dictionary[(dictionary["table"] == "pledges") & (dictionary["field"] == "currency")]
    assert currency.iloc[0]["allowed"] == "ISO 4217 codes"
    assert "leaders" in field_description(tiny.descriptor, "events", "level")


def test_every_format_the_schema_allows_has_a_shape_and_a_key(tiny):
    from greatgame.filters import Vocabulary

    for event_format in Vocabulary.from_dataset(tiny).formats:
        assert event_format in figures.FORMAT_SYMBOLS and event_format in figures.FORMAT_KEYS
    assert set(figures.FORMAT_SYMBOLS) >= {"visit"}  # the schema's next release adds it


def test_a_cited_chart_keeps_its_note_below_the_axis_title(tiny):
    bare = figures.cite(figures.race_figure(tiny, figures.race_table(tiny, tiny)), "T", "F.", tiny)
    titled = figures.cite(figures.pledge_figure(tiny, "power"), "T", "F.", tiny)
    note = [a for a in titled.layout.annotations if "Source: greatgame" in a.text][0]
    bare_note = [a for a in bare.layout.annotations if "Source: greatgame" in a.text][0]
    assert note.yshift < bare_note.yshift - 20  # under "USD billion, as announced"
    assert "Licence CC BY 4.0." in note.text and note.text.startswith("F.")


# --- past a few thousand markers -------------------------------------------------------------


def test_timeline_bins_count_each_power_per_year_by_held_status(tiny):
    bins = figures.timeline_bins(tiny.events, "year").set_index(["power_id", "start"])
    assert int(bins["events"].sum()) == len(tiny.events)
    cancelled = bins.loc[("JPN", pd.Timestamp("2024-01-01"))]
    assert (cancelled["events"], cancelled["held"], cancelled["not_held"]) == (1, 0, 1)
    tokyo = bins.loc[("JPN", pd.Timestamp("2025-01-01"))]
    assert (tokyo["held"], tokyo["leaders"], tokyo["summits"]) == (1, 1, 1)
    ministers = bins.loc[("JPN", pd.Timestamp("2019-01-01"))]
    assert (ministers["held"], ministers["leaders"], ministers["summits"]) == (1, 0, 0)


def test_timeline_bins_by_month_start_on_the_first_of_the_month(tiny):
    bins = figures.timeline_bins(tiny.events, "month")
    assert pd.Timestamp("2025-12-01") in set(bins["start"])  # the Tokyo summit, 19 Dec
    assert (bins["start"].dt.day == 1).all()
    assert list(bins["start"]) == sorted(bins["start"])


def test_timeline_bins_of_no_events_are_empty():
    empty = pd.DataFrame(
        {c: pd.Series(dtype=object) for c in ("power_id", "status", "level", "format")}
        | {"date_start": pd.Series(dtype="datetime64[us]")}
    )
    bins = figures.timeline_bins(empty, "month")
    assert bins.empty and "events" in bins.columns


def test_timeline_counts_by_month_over_a_few_years_and_by_year_over_more(tiny):
    assert figures.timeline_period(tiny.events) == "year"  # 2019 to 2025
    recent = tiny.events[tiny.events["date_start"].dt.year >= 2023]
    assert figures.timeline_period(recent) == "month"


def test_timeline_past_the_marker_limit_counts_and_says_so(tiny):
    fig = figures.timeline_figure(tiny, marker_limit=5)
    key = fig.layout.annotations[0].text
    assert "6 events, shown as yearly counts" in key and "click a dot" in key
    (dots,) = fig.data
    # No event to open: each dot holds its power and its period's first and last days.
    by_power_year = {(power, first[:4]): (first, last) for power, first, last in dots.customdata}
    assert by_power_year[("JPN", "2024")] == ("2024-01-01", "2024-12-31")
    assert len(by_power_year) == len(dots.customdata) == len(dots.x)
    hover = dict(zip(dots.hovertext, dots.marker.size, strict=True))
    cancelled = next(h for h in hover if "2024" in h and "Japan" in h)
    assert "0 held" in cancelled and "1 not held" in cancelled
    lanes = {a.text for a in fig.layout.annotations[1:]}
    assert "Shanghai Cooperation Organisation" in lanes
    # At the limit each event keeps its marker.
    assert len(marker_points(figures.timeline_figure(tiny, marker_limit=6))) == 6


def test_race_chart_past_the_marker_limit_counts_meetings_per_year(tiny):
    race = figures.race_table(tiny, tiny)
    fig = figures.race_figure(tiny, race, marker_limit=1)
    dots = [t for t in fig.data if t.hovertext and "leaders' meeting(s)" in t.hovertext[0]]
    hover = " ".join(h for t in dots for h in t.hovertext)
    assert "United States · 2025: 1 leaders' meeting(s)" in hover
    assert not [t for t in dots if t.customdata is not None]
    assert "counted per year" in fig.layout.annotations[0].text
    assert len([t for t in fig.data if t.marker.symbol == "star"]) == len(
        [t for t in figures.race_figure(tiny, race).data if t.marker.symbol == "star"]
    )


def test_source_counts_agree_with_the_records(tiny):
    from dataclasses import replace

    from greatgame.records import event_source_ids

    counts = figures.event_source_counts(tiny)
    assert counts.to_dict() == {e: len(s) for e, s in event_source_ids(tiny).items()}
    none = replace(tiny, events=tiny.events.iloc[:0])
    assert figures.event_source_counts(none).empty


def test_the_oldest_event_is_the_last_of_the_newest_first(tiny):
    oldest = figures.oldest_event(tiny)
    assert oldest["event_id"] == figures.newest_events(tiny).iloc[-1]["event_id"]
    assert oldest["date_start"] == tiny.events["date_start"].min()
    japan = apply_filters(tiny, Filters(powers=("JPN",), date_from=date(2024, 1, 1)))
    assert figures.oldest_event(japan)["date_start"] == japan.events["date_start"].min()
