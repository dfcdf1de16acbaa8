"""Every name the extractor recognises, built from the dataset: places, powers and
countries with their variants, the people in ``participants`` with their offices by date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date

import pandas as pd

from greatgame.data import Dataset, resource_schemas
from greatgame.extract.lexicon import OFFICE_TITLES, PARTICLES, PARTY_ALIASES, PLACE_ALIASES


@dataclass(frozen=True)
class Name:
    """What a name in the text refers to; a name can be a place and a party at once
    ("Tokyo" is a venue, or Japan's government)."""

    party_id: str | None = None
    place_id: str | None = None
    person: str | None = None
    is_metonym: bool = False  # a capital standing for its government


@dataclass(frozen=True)
class Place:
    place_id: str
    name: str
    country_iso3: str


@dataclass
class Gazetteer:
    """Every name the extractor recognises, built from the dataset."""

    names: dict[str, Name]
    places: dict[str, Place]
    party_names: dict[str, str]
    party_kinds: dict[str, str]
    capitals: dict[str, str]
    currencies: frozenset[str]
    # (party_id, office) -> [(date, person)], sorted by date: who held an office when.
    office_holders: dict[tuple[str, str], list[tuple[date, str]]] = field(default_factory=dict)

    @classmethod
    def from_dataset(cls, dataset: Dataset) -> Gazetteer:
        names: dict[str, Name] = {}

        def add(key: str, **values) -> None:
            names[key] = replace(names.get(key, Name()), **values)

        places = {
            row.place_id: Place(row.place_id, row.name, row.country_iso3)
            for row in dataset.places.itertuples()
        }
        for place in places.values():
            for variant in _name_variants(place.name):
                add(variant, place_id=place.place_id)
        for alias, place_id in PLACE_ALIASES.items():
            if place_id in places:
                add(alias, place_id=place_id)

        party_names = {row.iso3: row.name for row in dataset.countries.itertuples()}
        party_kinds = {iso3: "central_asia" for iso3 in party_names}
        capitals = {row.iso3: row.capital_place_id for row in dataset.countries.itertuples()}
        for row in dataset.countries.itertuples():
            add(row.name, party_id=row.iso3)
        for row in dataset.powers.itertuples():
            party_names[row.power_id] = row.name
            party_kinds[row.power_id] = row.kind
            capitals[row.power_id] = row.capital_place_id
            for variant in _name_variants(row.name):
                add(variant, party_id=row.power_id)
            if row.kind != "state":  # "EU", "SCO", "CSTO": states' codes are not written
                add(row.power_id, party_id=row.power_id)
        for row in dataset.powers.itertuples():
            # A state's or bloc's capital stands for its government ("Tokyo followed").
            # An organisation's seat does not: Istanbul is not the Turkic States.
            capital = places.get(row.capital_place_id)
            if row.kind != "organization" and capital is not None:
                add(capital.name, party_id=row.power_id, is_metonym=True)
        for alias, party_id in PARTY_ALIASES.items():
            if party_id in party_names:
                add(alias, party_id=party_id)

        people = _people(dataset)
        for person, party_id in people.items():
            add(person, person=person, party_id=party_id)
        for surname, persons in _surnames(people).items():
            if len(persons) == 1 and surname not in names:
                person = persons[0]
                # "von der Leyen", and "Von der Leyen" at the start of a sentence
                for variant in {surname, surname[0].upper() + surname[1:]}:
                    add(variant, person=person, party_id=people[person])

        return cls(
            names=names,
            places=places,
            party_names=party_names,
            party_kinds=party_kinds,
            capitals=capitals,
            currencies=frozenset(_currency_codes(dataset.descriptor)),
            office_holders=_office_holders(dataset),
        )

    def office_of(self, title: str, party_id: str, institution: str | None = None) -> str:
        """The office as participants.office writes it: "Prime Minister of Japan"."""
        name = institution or self.party_names.get(party_id, party_id)
        article = (
            "the " if institution or _takes_article(name, self.party_kinds.get(party_id)) else ""
        )
        return f"{OFFICE_TITLES.get(title, title)} of {article}{name}"

    def holder_of(self, party_id: str, office: str, on: date | None) -> str | None:
        """Who held an office on a date, where the data shows the same person in it on
        that date or on both sides of it; else None."""
        if on is None:
            return None
        held = self.office_holders.get((party_id, office), [])
        on_the_day = {person for day, person in held if day == on}
        if on_the_day:
            return next(iter(on_the_day)) if len(on_the_day) == 1 else None
        before = [person for day, person in held if day < on]
        after = [person for day, person in held if day > on]
        if before and after and before[-1] == after[0]:
            return before[-1]
        return None


def _name_variants(name: str) -> list[str]:
    """A name as articles write it: "Washington, D.C." is also "Washington", "Gabala
    (Qabala)" also "Gabala" and "Qabala", "Xi'an" also "Xi’an", "Organisation" also
    "Organization"."""
    variants = {name}
    if "," in name:
        variants.add(name.split(",")[0].strip())
    inside = re.search(r"\(([^)]+)\)", name)
    if inside:
        variants.add(inside.group(1).strip())
        variants.add(re.sub(r"\s*\([^)]*\)", "", name).strip())
    for variant in list(variants):
        variants.add(variant.replace("'", "’"))
        variants.add(variant.replace("isation", "ization"))
    return sorted(variants)


def _takes_article(name: str, kind: str | None) -> bool:
    return kind in ("bloc", "organization") or name.startswith(("United ", "Republic"))


def _people(dataset: Dataset) -> dict[str, str]:
    """Person -> the party they represent, from participants."""
    rows = dataset.participants.dropna(subset=["person"])
    return dict(zip(rows["person"], rows["party_id"], strict=True))


def _surnames(people: dict[str, str]) -> dict[str, list[str]]:
    """Surname -> the people who bear it. East Asian names put it first (Xi Jinping);
    "von der Leyen" keeps its particles."""
    by_surname: dict[str, list[str]] = {}
    for person, party_id in people.items():
        words = person.split()
        if len(words) < 2:
            continue
        if party_id in ("CHN", "KOR"):
            surname = words[0]
        else:
            first_particle = next(
                (i for i, w in enumerate(words[1:], 1) if w in PARTICLES), len(words) - 1
            )
            surname = " ".join(words[first_particle:])
        by_surname.setdefault(surname, []).append(person)
    return by_surname


def _office_holders(dataset: Dataset) -> dict[tuple[str, str], list[tuple[date, str]]]:
    dates = dataset.events.set_index("event_id")["date_start"]
    rows = dataset.participants.dropna(subset=["person", "office"])
    holders: dict[tuple[str, str], list[tuple[date, str]]] = {}
    for row in rows.itertuples():
        start = dates.get(row.event_id)
        if start is not None and not pd.isna(start):
            holders.setdefault((row.party_id, row.office), []).append((start.date(), row.person))
    return {key: sorted(value) for key, value in holders.items()}


def _currency_codes(descriptor: dict) -> list[str]:
    fields = resource_schemas(descriptor)["pledges"]["schema"]["fields"]
    currency = next(f for f in fields if f["name"] == "currency")
    return currency.get("constraints", {}).get("enum", [])
