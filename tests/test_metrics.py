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
