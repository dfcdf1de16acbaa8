"""One event's full record: the event with readable names, its participants, pledges,
outcomes and sources, and the events before and after it in the same series."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from greatgame.data import Dataset, split_ids
from greatgame.export import readable_table


@dataclass(frozen=True)
class EventRecord:
    event: pd.Series
    participants: pd.DataFrame
    pledges: pd.DataFrame
    outcomes: pd.DataFrame
    sources: pd.DataFrame
    previous_event: pd.Series | None
    next_event: pd.Series | None


def _series_of(events: pd.DataFrame, event: pd.Series) -> pd.DataFrame:
    """Events of the same recurring format; for a one-off or a visit, the same power's
    events of the same kind."""
    if pd.notna(event["series_id"]):
        same = events["series_id"] == event["series_id"]
    else:
        same = (
            events["series_id"].isna()
            & (events["power_id"] == event["power_id"])
            & (events["format"] == event["format"])
        )
    return events[same].sort_values(["date_start", "event_id"]).reset_index(drop=True)


def event_record(dataset: Dataset, event_id: str) -> EventRecord | None:
    """The record of ``event_id``, or None when no event has that id."""
    events = readable_table(dataset, "events")
    matches = events[events["event_id"] == event_id]
    if matches.empty:
        return None
    event = matches.iloc[0]
    series = _series_of(events, event)
    position = series.index[series["event_id"] == event_id][0]

    def rows_of(table: str) -> pd.DataFrame:
        frame = readable_table(dataset, table)
        return frame[frame["event_id"] == event_id].drop(columns=["event_id", "event_title"])

    participants = rows_of("participants")
    pledges = rows_of("pledges")
    outcomes = rows_of("outcomes")
    cited = set(split_ids(event["source_ids"]))
    for frame in (participants, pledges, outcomes):
        for cell in frame["source_ids"].dropna():
            cited.update(split_ids(cell))
    sources = dataset.sources[dataset.sources["source_id"].isin(cited)]
    return EventRecord(
        event=event,
        participants=participants.sort_values(
            ["side", "role", "party_id"], ascending=[False, True, True]
        ),
        pledges=pledges,
        outcomes=outcomes,
        sources=sources.sort_values(["published", "publisher"], na_position="last"),
        previous_event=series.iloc[position - 1] if position > 0 else None,
        next_event=series.iloc[position + 1] if position + 1 < len(series) else None,
    )
