"""Headline figures and the latest-events list."""

import pandas as pd

from greatgame.metrics import format_date_range, format_usd, headline, latest_events


def test_headline_counts_and_never_sums_a_pledge_twice(tiny):
    figures = headline(tiny)
    assert figures.events == 6
    assert figures.leaders_meetings == 4  # the cancelled summit and the ministerial are not
    assert figures.powers == 4  # China, Japan, Russia (at the SCO summit), the US; not the SCO
    # The part of the Japanese target is left out of the sum; the yuan package has no USD.
    assert figures.pledges == 3
    assert figures.pledged_usd == 19e9 + 44e6
    assert figures.pledges_without_usd == 1
    assert figures.sources == 5


def test_latest_events_come_newest_first_with_their_sources(tiny):
    latest = latest_events(tiny, limit=2)
    assert list(latest["event_id"]) == [
        "2025-12-19-central-asia-japan-summit",
        "2025-11-06-c5-plus-1-summit",
    ]
    assert latest.loc[0, "sources"] == [
        ("Fixture Press", "https://example.org/c"),
        ("Fixture Press", "https://example.org/d"),
    ]
    assert latest.loc[0, "place_name"] == "Tokyo"


def test_formats():
    assert format_usd(19e9) == "$19.0 bn"
    assert format_usd(650e6) == "$650 m"
    assert format_usd(0) == "$0"
    ts = pd.Timestamp
    assert format_date_range(ts("2025-12-19"), ts("2025-12-20")) == "19–20 Dec 2025"
    assert format_date_range(ts("2025-11-06"), ts("2025-11-06")) == "6 Nov 2025"
    assert format_date_range(ts("2025-11-30"), ts("2025-12-01")) == "30 Nov – 1 Dec 2025"
    assert format_date_range(ts("2025-12-31"), ts("2026-01-01")) == "31 Dec 2025 – 1 Jan 2026"


def test_a_planned_meeting_whose_date_has_passed_is_not_shown_as_upcoming():
    from datetime import date

    from greatgame.metrics import status_text

    start, end = pd.Timestamp("2026-09-16"), pd.Timestamp("2026-09-17")
    through = pd.Timestamp("2026-03-10")
    assert status_text("planned", start, end, through, today=date(2026, 5, 1)) == "planned"
    assert status_text("planned", start, end, through, today=date(2026, 12, 1)) == (
        "planned for 16–17 Sep 2026; no report yet that it took place; data through 10 Mar 2026"
    )
    # Before the newest source, the data itself should have reported it.
    later = pd.Timestamp("2026-10-01")
    assert "no report yet" in status_text("planned", start, end, later, today=date(2026, 5, 1))
    assert status_text("held", start, end, through, today=date(2026, 12, 1)) == "held"


def test_date_ranges_column_by_column_read_as_one_by_one():
    from greatgame.metrics import format_date_ranges

    starts = pd.Series(pd.to_datetime(["2025-12-19", "2025-11-30", "2024-12-30", "2025-01-05"]))
    ends = pd.Series(pd.to_datetime(["2025-12-20", "2025-12-01", "2025-01-02", "2025-01-05"]))
    assert list(format_date_ranges(starts, ends)) == [
        format_date_range(s, e) for s, e in zip(starts, ends, strict=True)
    ]
    assert list(format_date_ranges(starts, ends)) == [
        "19–20 Dec 2025", "30 Nov – 1 Dec 2025", "30 Dec 2024 – 2 Jan 2025", "5 Jan 2025",
    ]  # fmt: skip
    assert format_date_ranges(starts.iloc[:0], ends.iloc[:0]).empty
