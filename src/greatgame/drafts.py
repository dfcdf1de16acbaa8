"""Draft rows for ``data/`` from an article's candidates, for a maintainer to review.

:func:`draft_tables` turns an :class:`~greatgame.extract.Extraction` into the rows of
``events``, ``participants``, ``pledges`` and ``sources`` in the schema's column order,
with each candidate's evidence beside it. What the article cannot give (a summary in
our own words, a pledge's description, ids the data does not know yet) is left empty
for the reviewer, and validation says so. A candidate that ``data/`` records already
(see :mod:`greatgame.known`) gets no event row; its participants and pledges point at
the recorded event, and only those ``data/`` lacks are drafted. :func:`table_rows`
strips the review-only columns again; :func:`rows_zip` packs the reviewed rows as the
CSV files that ``greatgame add`` appends.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

import pandas as pd

from greatgame.data import Dataset, canonical_csv, field_names, resource_schemas, source_id_for
from greatgame.export import zip_entry
from greatgame.extract import EventCandidate, Extraction, Gazetteer

EVIDENCE = "evidence"
DRAFT_TABLES = ("events", "participants", "pledges", "sources")
VISIT_FORMATS = ("state_visit", "official_visit", "working_visit", "visit", "bilateral_meeting")


@dataclass(frozen=True)
class ArticleSource:
    """The publication the rows rest on, as the reviewer enters it."""

    url: str = ""
    publisher: str = ""
    title: str = ""
    published: date | None = None
    accessed: date | None = None

    @property
    def source_id(self) -> str:
        return source_id_for(self.url) if self.url else ""


def slug(text: str) -> str:
    """Lowercase ASCII words joined by hyphens, as ids in data/ are written: "Central
    Asia–Japan summit" -> "central-asia-japan-summit", "C5+1" -> "c5-plus-1"."""
    spaced = re.sub(r"[\W_]+", " ", text.replace("+", " plus "))
    ascii_text = unicodedata.normalize("NFKD", spaced).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def _number(value: Decimal | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if value == value.to_integral_value() else format(value, "f")


_SCALE_WORDS = [(12, "trillion"), (9, "billion"), (6, "million"), (3, "thousand")]


def amount_words(amount: Decimal) -> str:
    """A sum as people say it: 3000000000000 -> "3 trillion", 1500000000 -> "1.5 billion"."""
    for exponent, word in _SCALE_WORDS:
        if amount >= Decimal(10) ** exponent:
            return f"{_number(amount.scaleb(-exponent).normalize())} {word}"
    return _number(amount)


def _text(value: object) -> str:
    return "" if value is None else str(value)


def _event_id(event: EventCandidate) -> str:
    if event.date_start is None or not event.title:
        return ""
    return f"{event.date_start.isoformat()}-{slug(event.title)}"


def _role(party_id: str, event: EventCandidate) -> str:
    """host where the meeting was in the party's own country; else guest on a visit and
    participant at a gathering."""
    if event.country_iso3 and party_id == event.country_iso3:
        return "host"
    return "guest" if event.format in VISIT_FORMATS else "participant"


def draft_tables(
    extraction: Extraction,
    dataset: Dataset,
    gazetteer: Gazetteer,
    source: ArticleSource,
    recorded_ids: Sequence[str | None] = (),
) -> dict[str, pd.DataFrame]:
    """One frame per table, in the schema's column order, with ``evidence`` last where a
    row came from one sentence; every cell a string ("" where unknown).

    ``recorded_ids`` gives, candidate by candidate, the id of the event ``data/``
    records already, or None for a new one (all new when empty)."""
    resources = resource_schemas(dataset.descriptor)
    place_ids = {(p.name, p.country_iso3): p.place_id for p in gazetteer.places.values()}
    cited = source.source_id
    central_asia = set(dataset.countries["iso3"])
    recorded = list(recorded_ids) or [None] * len(extraction.events)
    event_ids = [
        known or _event_id(event) for known, event in zip(recorded, extraction.events, strict=True)
    ]
    present = _present(dataset)
    events = []
    for event, event_id, known in zip(extraction.events, event_ids, recorded, strict=True):
        if known:
            continue
        events.append(
            {
                "event_id": event_id,
                "title": _text(event.title),
                "format": _text(event.format),
                "level": _text(event.level),
                "status": _text(event.status),
                "modality": event.modality,
                "date_start": _text(event.date_start),
                "date_end": _text(event.date_end),
                "place_id": place_ids.get((event.place_name, event.country_iso3), ""),
                "power_id": _text(event.power_id),
                # One article is one source: "medium" until a reviewer adds a second.
                "confidence": "medium",
                "source_ids": cited,
                EVIDENCE: event.evidence,
            }
        )
    participants = []
    # A party the text names without its person ("he visited Ashgabat") is in the
    # extraction, but a participant row needs the person: the reviewer adds it.
    for person in (p for p in extraction.participants if p.person):
        event = extraction.events[person.event_index]
        if recorded[person.event_index] and (
            (event_ids[person.event_index], person.party_id) in present.participants
        ):
            continue
        participants.append(
            {
                "event_id": event_ids[person.event_index],
                "party_id": person.party_id,
                "side": "central_asia" if person.party_id in central_asia else "external",
                "person": _text(person.person),
                "office": _text(person.office),
                "role": _role(person.party_id, event),
                "source_ids": cited,
            }
        )
    pledges = []
    for pledge in extraction.pledges:
        event = extraction.events[pledge.event_index] if pledge.event_index is not None else None
        announced = event.date_start if event and event.date_start else source.published
        names = gazetteer.party_names
        pledge_id = slug(
            f"{_text(announced)} {names.get(pledge.power_id or '', '')} "
            f"{names.get(pledge.recipient or '', pledge.recipient or '')} "
            f"{amount_words(pledge.amount)} {pledge.currency or ''}"
        )
        event_id = event_ids[pledge.event_index] if event else ""
        in_data = pledge_id in present.pledge_ids or (
            (event_id, pledge.power_id, pledge.currency, pledge.amount) in present.pledges
        )
        if event and recorded[pledge.event_index] and in_data:
            continue
        pledges.append(
            {
                "pledge_id": pledge_id,
                "event_id": event_id,
                "announced_date": _text(announced),
                "power_id": _text(pledge.power_id),
                "direction": pledge.direction,
                "central_asia_party": _text(pledge.recipient),
                "amount": _number(pledge.amount),
                "currency": _text(pledge.currency),
                "amount_usd": _number(pledge.amount_usd),
                "usd_basis": f"as reported by {source.publisher or 'the source'}"
                if pledge.amount_usd is not None
                else "",
                "period_years": _text(pledge.period_years),
                "kind": _text(pledge.kind),
                "confidence": "medium",
                "source_ids": cited,
                EVIDENCE: pledge.evidence,
            }
        )
    sources = []
    # A source no drafted row cites would not validate: "no row cites this source".
    citing = events or participants or pledges
    if cited and citing and cited not in set(dataset.sources.source_id):
        sources.append(
            {
                "source_id": cited,
                "url": source.url,
                "publisher": source.publisher,
                "title": source.title,
                "published": _text(source.published),
                "accessed": _text(source.accessed),
            }
        )
    rows = {"events": events, "participants": participants, "pledges": pledges, "sources": sources}
    frames = {}
    for table in DRAFT_TABLES:
        columns = field_names(resources[table])
        if table in ("events", "pledges"):
            columns = [*columns, EVIDENCE]
        frame = pd.DataFrame(rows[table], columns=columns, dtype=object)
        frames[table] = frame.fillna("").astype(str)
    return frames


@dataclass(frozen=True)
class _Present:
    """What ``data/`` holds already, in the terms a draft row is compared in."""

    participants: frozenset[tuple[str, str]]  # (event_id, party_id)
    pledge_ids: frozenset[str]
    pledges: frozenset[tuple[str, str, str, Decimal]]  # (event_id, power, currency, amount)


def _present(dataset: Dataset) -> _Present:
    participants = dataset.participants
    pledges = dataset.pledges
    return _Present(
        participants=frozenset(
            zip(participants["event_id"], participants["party_id"], strict=True)
        ),
        pledge_ids=frozenset(pledges["pledge_id"]),
        pledges=frozenset(
            (event_id if isinstance(event_id, str) else "", power, currency, Decimal(str(amount)))
            for event_id, power, currency, amount in zip(
                pledges["event_id"],
                pledges["power_id"],
                pledges["currency"],
                pledges["amount"],
                strict=True,
            )
        ),
    )


def table_rows(frames: dict[str, pd.DataFrame]) -> dict[str, list[dict[str, str]]]:
    """The reviewed rows by table, without the review-only ``evidence`` column and
    without tables left empty."""
    rows = {}
    for table, frame in frames.items():
        clean = frame.drop(columns=[EVIDENCE], errors="ignore").fillna("").astype(str)
        records = [
            {column: value.strip() for column, value in record.items()}
            for record in clean.to_dict("records")
        ]
        if records:
            rows[table] = records
    return rows


def rows_zip(rows: dict[str, list[dict[str, str]]], descriptor: dict) -> bytes:
    """A zip of ``<table>.csv`` files in the data folder's canonical form, ready for
    ``greatgame add rows.zip``."""
    resources = resource_schemas(descriptor)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for table, records in rows.items():
            member = zip_entry(f"{table}.csv", datetime.now())
            archive.writestr(member, canonical_csv(records, resources[table]))
    return buffer.getvalue()
