"""One event's full record: the event with readable names, its participants, pledges,
outcomes and sources, and the events before and after it in the same series."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

import pandas as pd

from greatgame.data import Dataset, split_ids
from greatgame.display import first_upper, header, label, screen_table
from greatgame.export import readable_table
from greatgame.metrics import TO_POWER, format_date_range, status_text

# How sure a row is, in a reader's words (the schema's description has the rule).
CONFIDENCE_WORDS = {
    "high": "High confidence: every fact is stated by a direct source, such as an official "
    "readout, or by two consistent independent reports.",
    "medium": "Medium confidence: one secondary source, a fact inferred from context, or "
    "sources that disagree (the note says which).",
    "low": "Low confidence: a weak or lone source that others contradict.",
}
MODALITY_WORDS = {
    "in_person": "in person",
    "virtual": "by video link",
    "hybrid": "in person, some parties by video link",
}


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


def event_source_ids(dataset: Dataset) -> pd.Series:
    """Event id -> the ids of every source its record cites: the event's own and those
    of its participants, pledges and outcomes. The Timeline counts these, so that its
    count and the record's list agree."""
    cited: dict[str, set[str]] = {e: set(split_ids(c)) for e, c in
                                  zip(dataset.events["event_id"], dataset.events["source_ids"],
                                      strict=True)}  # fmt: skip
    for table in (dataset.participants, dataset.pledges, dataset.outcomes):
        for event_id, cell in zip(table["event_id"], table["source_ids"], strict=True):
            if event_id in cited:
                cited[event_id].update(split_ids(cell))
    return pd.Series(cited, dtype=object)


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
    cited = event_source_ids(dataset)[event_id]
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


@dataclass(frozen=True)
class EventFacts:
    """The line under an event's title, and how sure the record is, in words."""

    line: list[str]
    confidence: str


def event_facts(
    event: pd.Series, data_through: pd.Timestamp | None, today: date | None = None
) -> EventFacts:
    """When, where (or that it met by video link), whose, what kind, how it met, its
    status (a planned meeting whose date has passed says so) and its confidence."""
    place = event["place_name"] if isinstance(event["place_name"], str) else None
    modality = MODALITY_WORDS.get(event["modality"], "")
    line = [
        format_date_range(event["date_start"], event["date_end"]),
        place or "no venue",
        event["power_name"],
        f"{label(event['format'])}, {event['level']}",
        first_upper(modality),
        first_upper(
            status_text(
                event["status"], event["date_start"], event["date_end"], data_through, today
            )
        ),
    ]
    return EventFacts(line, CONFIDENCE_WORDS.get(event["confidence"], ""))


# The details under a pledge, in order: (how it reads, column).
PLEDGE_DETAILS = (
    ("Announced {}", "announced_date"), ("over {} years", "period_years"),
    ("sectors: {}", "sectors"), ("USD figure {}", "usd_basis"),
    ("part of pledge {}", "part_of_pledge_id"), ("confidence: {}", "confidence"),
    ("sources: {}", "source_urls"),
)  # fmt: skip


@dataclass(frozen=True)
class PledgeText:
    """One pledge of a record as a reader reads it: how much, of what kind, from whom to
    whom; what it is; the details; and its id, to cite it."""

    headline: str
    description: str
    details: str
    note: str
    pledge_id: str


def pledge_texts(pledges: pd.DataFrame, publishers: Mapping[str, str]) -> list[PledgeText]:
    """The record's pledges (``readable_table`` rows) in words, from the same screen
    formatting as every table: the USD figure first, with the amount as announced
    beside it when that was in another currency."""
    shown = screen_table(pledges, keep=(), publishers=publishers)
    texts = []
    for (_, raw), (_, row) in zip(pledges.iterrows(), shown.iterrows(), strict=True):
        dollars, announced = row[header("amount_usd")], row[header("amount")]
        if dollars and announced and not announced.endswith(" USD"):
            amount = f"{dollars} ({announced})"
        else:
            amount = dollars or announced or "No amount stated"
        power, party = row[header("power_name")], row[header("central_asia_party_name")]
        who = row[header("committed_by")]
        giver, taker = (party, power) if raw["direction"] == TO_POWER else (power, party)
        giver = f"{who} ({giver})" if who else giver
        headline = f"{amount} · {row[header('kind')]}: {giver} to {taker}"
        details = [
            template.format(row[header(column)])
            for template, column in PLEDGE_DETAILS
            if row[header(column)]
        ]
        texts.append(
            PledgeText(
                headline=headline,
                description=row[header("description")],
                details=" · ".join(details),
                note=row[header("note")],
                pledge_id=raw["pledge_id"],
            )
        )
    return texts
