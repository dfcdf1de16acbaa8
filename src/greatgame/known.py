"""Which of an article's candidate events ``data/`` records already.

A candidate is a recorded event when all three hold:

- the same power: the event's own ``power_id``, or a party its participant rows name
  (a candidate about China at an SCO summit is the SCO summit);
- overlapping days: the candidate's first to last day meets the event's;
- the same place (the venue, or the country when the article names no city), or the
  same series (every word of the event's ``series_id`` in the candidate's title), or
  the same format (the kinds of visit count as one, ``visit`` of no stated kind among
  them: news calls an official visit a state visit as often as not).

A candidate whose venue is in another country than the event's is a different event
whatever its format: the legs of one tour share a power, a format and nearly a date.
Where several events qualify, the one sharing most (place, series, format, then the
nearest first day) wins. An undated candidate, or one without a power, is never
matched: nothing would make the match more than a guess.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import pandas as pd

from greatgame.data import Dataset
from greatgame.drafts import slug
from greatgame.extract import EventCandidate

# Joining words of series ids ("central-asia-plus-japan") that titles write otherwise.
_SERIES_FILLER = {"plus", "and"}
_VISITS = {"state_visit", "official_visit", "working_visit", "visit"}


@dataclass(frozen=True)
class RecordedEvent:
    """The event in ``data/`` that a candidate is."""

    event_id: str
    title: str


def recorded_events(
    candidates: Sequence[EventCandidate], dataset: Dataset
) -> list[RecordedEvent | None]:
    """For each candidate, in order, the recorded event it is, or None when it is new."""
    events = _comparable_events(dataset)
    places = dataset.places
    place_ids = {
        (row.name, row.country_iso3): row.place_id for row in places.itertuples(index=False)
    }
    return [
        _best_match(
            candidate, place_ids.get((candidate.place_name, candidate.country_iso3)), events
        )
        for candidate in candidates
    ]


def _comparable_events(dataset: Dataset) -> pd.DataFrame:
    """The events with what a match compares: days, the venue's country (none for a
    virtual meeting), the series' words, and every power taking part."""
    events = dataset.events
    place_country = dict(
        zip(dataset.places["place_id"], dataset.places["country_iso3"], strict=True)
    )
    parties = dataset.participants.groupby("event_id")["party_id"].agg(frozenset)
    return pd.DataFrame(
        {
            "event_id": events["event_id"],
            "title": events["title"],
            "first_day": events["date_start"].dt.date,
            "last_day": events["date_end"].fillna(events["date_start"]).dt.date,
            "place_id": events["place_id"],
            "place_country": events["place_id"].map(place_country),
            "series_words": events["series_id"].map(_series_words),
            "format": events["format"].map(_format_kind),
            "powers": [
                parties.get(event_id, frozenset()) | {power}
                for event_id, power in zip(events["event_id"], events["power_id"], strict=True)
            ],
        }
    )


def _series_words(series_id: object) -> frozenset[str]:
    if not isinstance(series_id, str) or not series_id:
        return frozenset()
    return frozenset(series_id.split("-")) - _SERIES_FILLER


def _format_kind(event_format: object) -> object:
    return "visit" if event_format in _VISITS else event_format


def _best_match(
    candidate: EventCandidate, place_id: str | None, events: pd.DataFrame
) -> RecordedEvent | None:
    if candidate.date_start is None or candidate.power_id is None:
        return None
    first_day = candidate.date_start
    last_day = candidate.date_end or candidate.date_start
    title_words = set(slug(candidate.title or "").split("-"))
    best, best_score = None, None
    for event in events.itertuples(index=False):
        if candidate.power_id not in event.powers:
            continue
        if event.last_day < first_day or last_day < event.first_day:
            continue
        venue_country = event.place_country if isinstance(event.place_country, str) else None
        if candidate.country_iso3 and venue_country and venue_country != candidate.country_iso3:
            continue
        if candidate.place_name:
            same_place = place_id is not None and place_id == event.place_id
        else:
            same_place = candidate.country_iso3 is not None and venue_country is not None
        same_series = bool(event.series_words) and event.series_words <= title_words
        same_format = (
            candidate.format is not None and _format_kind(candidate.format) == event.format
        )
        if not (same_place or same_series or same_format):
            continue
        score = (same_place, same_series, same_format, -_days_apart(first_day, event.first_day))
        if best_score is None or score > best_score:
            best, best_score = RecordedEvent(event.event_id, event.title), score
    return best


def _days_apart(a: date, b: date) -> int:
    return abs((a - b).days)
