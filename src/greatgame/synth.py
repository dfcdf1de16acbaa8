"""A synthetic dataset N times the size of a real one, for benchmarks only.

Every event, participant, pledge, outcome and source is made up and says so: titles
and summaries begin with "Synthetic", people are "Synthetic person N", and every
source is a ``https://synthetic.invalid/`` address (a domain that can never resolve).
The spreads follow the real data: each synthetic event copies the format, level,
status, modality and participants' shape of a real one, and takes a random day in the
real span, a power and a venue drawn with the real frequencies. The reference tables
(powers, countries, places, corridors) are kept as they are, so every reference
resolves and the result validates against the same ``datapackage.json``.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date, timedelta

import pandas as pd

from greatgame.data import Dataset, source_id_for

SYNTHETIC_HOST = "https://synthetic.invalid/greatgame"
SCALED_TABLES = ("events", "participants", "pledges", "outcomes", "sources")


def _text(value: object) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _raw_rows(frame: pd.DataFrame) -> list[dict[str, str]]:
    return [{column: _text(value) for column, value in row.items()} for _, row in frame.iterrows()]


def _weighted(counts: pd.Series) -> tuple[list[str], list[int]]:
    counts = counts.dropna()
    return list(counts.index), [int(n) for n in counts.values]


def synthesize(dataset: Dataset, scale: int, seed: int = 0) -> dict[str, list[dict[str, str]]]:
    """Rows by table for a dataset ``scale`` times the size of ``dataset``."""
    if scale < 1:
        raise ValueError("scale must be a whole number of at least 1")
    rng = random.Random(seed)
    events = dataset.events
    first = events["date_start"].min().date()
    last = events["date_end"].max().date()
    span_days = (last - first).days
    powers, power_weights = _weighted(events["power_id"].value_counts())
    places, place_weights = _weighted(events["place_id"].value_counts())
    countries = set(dataset.countries["iso3"])
    # Each real event's rows as text, read once: every copy starts from a fresh dict.
    event_rows = _raw_rows(events)
    participants = _rows_by_event(dataset.participants)
    pledges = _rows_by_event(dataset.pledges[dataset.pledges["event_id"].notna()])
    outcomes = _rows_by_event(dataset.outcomes)

    tables: dict[str, list[dict[str, str]]] = {name: [] for name in SCALED_TABLES}
    for name in dataset.table_names():
        if name not in SCALED_TABLES:
            tables[name] = _raw_rows(dataset.tables()[name])
    # The reference tables cite real sources; keep exactly those.
    cited = {
        sid
        for name in dataset.table_names()
        if name not in SCALED_TABLES and "source_ids" in dataset.tables()[name]
        for cell in dataset.tables()[name]["source_ids"]
        for sid in str(cell).split(";")
    }
    tables["sources"] = _raw_rows(dataset.sources[dataset.sources["source_id"].isin(cited)])

    for copy in range(scale):
        for index, (_, event) in enumerate(events.iterrows()):
            number = f"{copy}-{index}"
            start = first + timedelta(days=rng.randrange(span_days + 1))
            end = start + (event["date_end"] - event["date_start"]).to_pytimedelta()
            power = rng.choices(powers, power_weights)[0]
            virtual = event["modality"] == "virtual"
            event_id = f"{start.isoformat()}-synthetic-{number}"
            url = f"{SYNTHETIC_HOST}/{number}"
            source_id = source_id_for(url)
            tables["sources"].append(
                {
                    "source_id": source_id,
                    "url": url,
                    "publisher": "greatgame synth",
                    "title": f"Synthetic source {number} (not a real publication)",
                    "published": end.isoformat(),
                    "accessed": end.isoformat(),
                }
            )
            row = dict(event_rows[index])
            row.update(
                event_id=event_id,
                title=f"Synthetic event {number}",
                series_id="",
                date_start=start.isoformat(),
                date_end=end.isoformat(),
                place_id="" if virtual else rng.choices(places, place_weights)[0],
                power_id=power,
                summary="Synthetic row for benchmarks; not a real event.",
                note="",
                source_ids=source_id,
            )
            tables["events"].append(row)
            tables["participants"].extend(
                _participants(participants, event, event_id, power, countries, source_id)
            )
            tables["pledges"].extend(
                _pledges(pledges, event, event_id, start, power, number, source_id)
            )
            tables["outcomes"].extend(_outcomes(outcomes, event, event_id, number, source_id))
    return tables


def _rows_by_event(frame: pd.DataFrame) -> dict[str, list[dict[str, str]]]:
    rows: dict[str, list[dict[str, str]]] = {}
    for row in _raw_rows(frame):
        rows.setdefault(row["event_id"], []).append(row)
    return rows


def _rows_of(rows_by_event: dict, event_id: str) -> list[dict[str, str]]:
    return [dict(row) for row in rows_by_event.get(event_id, [])]


def _participants(groups, event, event_id, power, countries, source_id) -> Iterator[dict]:
    for number, row in enumerate(_rows_of(groups, event["event_id"])):
        party = row["party_id"] if row["party_id"] in countries else power
        row.update(
            event_id=event_id,
            party_id=party,
            side="central_asia" if party in countries else "external",
            person=f"Synthetic person {number}",
            office="Synthetic office",
            source_ids=source_id,
        )
        yield row


def _pledges(groups, event, event_id, start: date, power, number, source_id) -> Iterator[dict]:
    rows = _rows_of(groups, event["event_id"])
    new_ids = {}
    for index, row in enumerate(rows):
        delay = date.fromisoformat(row["announced_date"]) - event["date_start"].date()
        announced = start + max(delay, timedelta(0))
        new_ids[row["pledge_id"]] = f"{announced.isoformat()}-synthetic-pledge-{number}-{index}"
        row.update(
            pledge_id=new_ids[row["pledge_id"]],
            event_id=event_id,
            announced_date=announced.isoformat(),
            power_id=power,
            description="Synthetic commitment for benchmarks; not a real pledge.",
            note="",
            source_ids=source_id,
        )
    for row in rows:
        row["part_of_pledge_id"] = new_ids.get(row["part_of_pledge_id"], "")
        yield row


def _outcomes(groups, event, event_id, number, source_id) -> Iterator[dict]:
    for index, row in enumerate(_rows_of(groups, event["event_id"])):
        row.update(
            outcome_id=f"synthetic-outcome-{number}-{index}",
            event_id=event_id,
            title=f"Synthetic document {number}-{index}",
            note="",
            source_ids=source_id,
        )
        yield row


def synthetic_descriptor(descriptor: dict, scale: int) -> dict:
    """The real descriptor, its title and description marked synthetic."""
    marked = dict(descriptor)
    marked["title"] = f"SYNTHETIC ({scale}x) {descriptor.get('title', '')}".strip()
    marked["description"] = (
        f"Synthetic data, {scale} times the size of the real dataset, for benchmarks only. "
        "No event, person, pledge or source in it is real."
    )
    return marked
