"""The candidate rows an article yields (events, participants, pledges) and their JSON
form for ``greatgame extract --json``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from decimal import Decimal


@dataclass
class EventCandidate:
    title: str | None
    date_start: date | None
    date_end: date | None
    place_name: str | None
    country_iso3: str | None
    power_id: str | None
    format: str | None
    level: str | None
    status: str | None
    evidence: str
    modality: str = "in_person"  # in_person, or virtual where the sentence says so


@dataclass
class ParticipantCandidate:
    event_index: int
    party_id: str
    person: str | None
    office: str | None


@dataclass
class PledgeCandidate:
    event_index: int | None
    power_id: str | None
    recipient: str | None
    amount: Decimal
    currency: str | None
    amount_usd: Decimal | None
    period_years: int | None
    kind: str | None
    evidence: str
    # to_central_asia, or to_power where a Central Asian buyer orders from the power
    direction: str = "to_central_asia"


@dataclass
class Extraction:
    """Candidate rows found in one article."""

    events: list[EventCandidate] = field(default_factory=list)
    participants: list[ParticipantCandidate] = field(default_factory=list)
    pledges: list[PledgeCandidate] = field(default_factory=list)

    def to_json(self) -> dict:
        """The ``greatgame extract --json`` object: ISO dates, amounts as plain numbers
        in units, ``None`` (null) for what the text does not state."""
        return {
            "events": [_jsonable(asdict(e)) for e in self.events],
            "participants": [_jsonable(asdict(p)) for p in self.participants],
            "pledges": [_jsonable(asdict(p)) for p in self.pledges],
        }


def _jsonable(record: dict) -> dict:
    out = {}
    for key, value in record.items():
        if isinstance(value, date):
            value = value.isoformat()
        elif isinstance(value, Decimal):
            value = int(value) if value == value.to_integral_value() else float(value)
        out[key] = value
    return out
