"""Headline figures and short lists for the Overview page, from a (filtered) dataset."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from greatgame.data import Dataset, split_ids


@dataclass(frozen=True)
class Headline:
    """The numbers at the top of the Overview."""

    events: int
    leaders_meetings: int
    powers: int
    pledges: int
    pledged_usd: float
    pledges_without_usd: int
    sources: int


TO_CENTRAL_ASIA = "to_central_asia"
TO_POWER = "to_power"


def countable_pledges(pledges: pd.DataFrame, direction: str = TO_CENTRAL_ASIA) -> pd.DataFrame:
    """Commitments in one direction that are not part of, or a re-announcement of,
    another row: summing these never counts the same money twice, and never adds money
    pledged to Central Asia to deals flowing from it."""
    return pledges[pledges["part_of_pledge_id"].isna() & (pledges["direction"] == direction)]


def engaged_powers(dataset: Dataset) -> set[str]:
    """States and blocs whose events these are or whose leaders or ministers took part;
    organisations such as the SCO are venues of engagement, not powers."""
    external = dataset.participants.loc[dataset.participants["side"] == "external", "party_id"]
    organizations = set(dataset.powers.loc[dataset.powers["kind"] == "organization", "power_id"])
    # The distinct ids first: a set of a column's every cell converts each in Python.
    return (set(external.unique()) | set(dataset.events["power_id"].unique())) - organizations


def headline(dataset: Dataset) -> Headline:
    events = dataset.events
    held = events[events["status"] == "held"]
    pledges = countable_pledges(dataset.pledges)
    return Headline(
        events=len(events),
        leaders_meetings=int((held["level"] == "leaders").sum()),
        powers=len(engaged_powers(dataset)),
        pledges=len(pledges),
        pledged_usd=float(pledges["amount_usd"].sum()),
        pledges_without_usd=int(pledges["amount_usd"].isna().sum()),
        sources=len(dataset.sources),
    )


def latest_events(
    dataset: Dataset, limit: int = 10, data_through: pd.Timestamp | None = None
) -> pd.DataFrame:
    """The newest events first, with power and place names, the status in words (see
    :func:`status_text`; ``data_through`` is the whole dataset's, by default this
    one's) and their sources as ``(publisher, url)`` pairs."""
    data_through = data_through if data_through is not None else dataset.data_through
    events = dataset.events.sort_values(["date_start", "event_id"], ascending=False).head(limit)
    powers = dataset.powers.set_index("power_id")["name"]
    places = dataset.places.set_index("place_id")["name"]
    sources = dataset.sources.set_index("source_id")
    return pd.DataFrame(
        {
            "event_id": events["event_id"],
            "date_start": events["date_start"],
            "date_end": events["date_end"],
            "title": events["title"],
            "status": statuses(events, data_through),
            "modality": events["modality"],
            "power_name": events["power_id"].map(powers),
            "place_name": events["place_id"].map(places),
            "summary": events["summary"],
            "sources": events["source_ids"].map(
                lambda cell: [
                    (sources.at[s, "publisher"], sources.at[s, "url"])
                    for s in split_ids(cell)
                    if s in sources.index
                ]
            ),
        }
    ).reset_index(drop=True)


def format_usd(amount: float) -> str:
    """$19.0 bn, $650 m, $0: short enough for a metric tile."""
    if amount >= 1e9:
        return f"${amount / 1e9:,.1f} bn"
    if amount >= 1e6:
        return f"${amount / 1e6:,.0f} m"
    return f"${amount:,.0f}"


def format_date_range(start: pd.Timestamp, end: pd.Timestamp) -> str:
    """19–20 Dec 2025, 30 Nov – 1 Dec 2025, 6 Nov 2025."""
    if start == end:
        return f"{start.day} {start:%b %Y}"
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{end.day} {end:%b %Y}"
    if start.year == end.year:
        return f"{start.day} {start:%b} – {end.day} {end:%b %Y}"
    return f"{start.day} {start:%b %Y} – {end.day} {end:%b %Y}"


def format_date_ranges(starts: pd.Series, ends: pd.Series) -> pd.Series:
    """:func:`format_date_range` of every (start, end) pair, column by column."""
    if starts.empty:
        return pd.Series([], index=starts.index, dtype=object)
    start_day = starts.dt.day.astype(str)
    end_day = ends.dt.day.astype(str)
    month_year = ends.dt.strftime("%b %Y").astype(object)
    same_month = (starts.dt.year == ends.dt.year) & (starts.dt.month == ends.dt.month)
    choices = [
        start_day + " " + month_year,
        start_day + "–" + end_day + " " + month_year,
        start_day + " " + starts.dt.strftime("%b") + " – " + end_day + " " + month_year,
        start_day + " " + starts.dt.strftime("%b %Y") + " – " + end_day + " " + month_year,
    ]
    conditions = [starts == ends, same_month, starts.dt.year == ends.dt.year]
    picked = np.select(conditions, [c.astype(object) for c in choices[:3]], choices[3])
    return pd.Series(picked, index=starts.index, dtype=object)


def status_text(
    status: str,
    start: pd.Timestamp,
    end: pd.Timestamp,
    data_through: pd.Timestamp | None,
    today: date | None = None,
) -> str:
    """The status as a reader should read it. A meeting still ``planned`` although its
    dates lie before the data's newest source or before today is not upcoming: it is
    said to have no report yet, with how recent the data is."""
    today = today or date.today()
    if status != "planned":
        return status
    past_data = data_through is not None and end < data_through
    if not past_data and end.date() >= today:
        return "planned"
    through = f"; data through {data_through.day} {data_through:%b %Y}" if data_through else ""
    return f"planned for {format_date_range(start, end)}; no report yet that it took place{through}"


def statuses(events: pd.DataFrame, data_through: pd.Timestamp | None, today: date | None = None):
    """:func:`status_text` of every event, as a Series on the events' index. Only a
    planned event's words depend on its dates."""
    words = events["status"].astype(object)
    planned = events[events["status"] == "planned"]
    words[planned.index] = [
        status_text(status, start, end, data_through, today)
        for status, start, end in zip(
            planned["status"], planned["date_start"], planned["date_end"], strict=True
        )
    ]
    return words
