"""Names in a sentence: known names longest first, the parties they stand for, the venues
a sentence puts something in, and the people it names with their offices.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from greatgame.data import CENTRAL_ASIA
from greatgame.extract.gazetteer import Gazetteer, Name
from greatgame.extract.lexicon import INSTITUTIONS, OFFICE_TITLES

# A capitalised word: "Kassym-Jomart", "Xi’an", "C5+1", "U.S."; a possessive "’s" is not
# part of it.
_WORD = r"(?:[A-Z]\.){2,}+|[A-ZÀ-Þ][\w+]*+(?:['’-](?!s\b)\w++)*+"

_CONNECTOR = r"(?:of|the|and|for|von|van|der|den|de|al|bin|ibn|el)"

_RUN = re.compile(
    rf"(?:(?:von|van|de|al)\s++(?:der\s++)?)?(?:{_WORD})(?:\s++(?:{_CONNECTOR}\s++)*(?:{_WORD}))*"
)

_TOKEN = re.compile(rf"{_WORD}|\S+")

MAX_NAME_WORDS = 6


@dataclass(frozen=True)
class NameMention:
    start: int
    end: int
    text: str
    name: Name


def find_names(text: str, gazetteer: Gazetteer) -> list[NameMention]:
    """Every known name in a text, longest first, left to right."""
    mentions = []
    for run in _RUN.finditer(text):
        tokens = [(m.start() + run.start(), m.end() + run.start(), m.group())
                  for m in _TOKEN.finditer(run.group())]  # fmt: skip
        i = 0
        while i < len(tokens):
            for length in range(min(MAX_NAME_WORDS, len(tokens) - i), 0, -1):
                key = " ".join(t[2] for t in tokens[i : i + length])
                name = gazetteer.names.get(key)
                if name is not None:
                    start, end = tokens[i][0], tokens[i + length - 1][1]
                    mentions.append(NameMention(start, end, key, name))
                    i += length
                    break
            else:
                i += 1
    return mentions


_PLACE_PREPOSITION = re.compile(
    r"\b(?:in|at|near|to|from|visit(?:ed|ing)?|toured?)\s++(?:the\s++)?$", re.IGNORECASE
)

# "in Astana", "at the Akorda", "in the ancient capital of Xi'an", "in the northern port
# city of Tianjin", "visit to Japan"; "to Bishkek" after a verb of travel.
VENUE_PREPOSITION = re.compile(
    r"\b(?:in|at|near|(?:visits?|trip|journey|tour) to|visit(?:ed|ing|s)?|tour(?:ed|ing|s)?)"
    r"\s+(?:the\s+)?"
    r"(?:(?:[\w'’-]+\s+){0,3}?(?:city|capital|town|port|resort)\s+of\s+)?$",
    re.IGNORECASE,
)

_TRAVEL_TO = re.compile(
    r"\b(?:arriv\w*|came|comes|flew|flies|went|goes|moved?|moves|heads?|headed|travel\w*"
    r"|returned|returns)\b(?:[^.;]{0,60}?)\bto\s+(?:the\s+)?$",
    re.IGNORECASE,
)

_CAPITAL_PHRASE = re.compile(
    r"\b(?:[Ii]n|[Aa]t|[Nn]ear)\s+the\s+(?:([A-Z]\w+)\s+capital|capital\s+of\s+(?:the\s+)?(\w+))\b"
)

VENUE_REACH = 90  # how far back a verb of travel may stand from "to <place>"

_LIST_STEP = re.compile(r"(?:,|\band|\bthen)\s+(?:then\s+|finally\s+|on\s+to\s+)?$")


def _preceded_by(text: str, start: int, pattern: re.Pattern) -> bool:
    return bool(pattern.search(text[max(0, start - 24) : start]))


def find_parties(text: str, mentions: list[NameMention]) -> list[tuple[int, str]]:
    """(position, party_id) of every party named, a capital only where it stands for a
    government, not where it is a destination ("talks in Tokyo")."""
    found = []
    for m in mentions:
        if m.name.party_id is None:
            continue
        if m.name.is_metonym and _preceded_by(text, m.start, _PLACE_PREPOSITION):
            continue
        found.append((m.start, m.name.party_id))
    return found


@dataclass(frozen=True)
class Venue:
    position: int
    place_id: str | None
    country_iso3: str | None
    end: int = 0


def find_venues(text: str, mentions: list[NameMention], gazetteer: Gazetteer) -> list[Venue]:
    """Places a sentence puts something in or at: cities, "the Kazakh capital", or a
    country with no city named."""
    venues = []
    for m in mentions:
        before = text[max(0, m.start - VENUE_REACH) : m.start]
        if not (VENUE_PREPOSITION.search(before[-48:]) or _TRAVEL_TO.search(before)):
            continue
        if m.name.place_id is not None:
            place = gazetteer.places[m.name.place_id]
            venues.append(Venue(m.start, place.place_id, place.country_iso3, m.end))
        elif (
            m.name.party_id
            and m.text == gazetteer.party_names.get(m.name.party_id)
            and (gazetteer.party_kinds.get(m.name.party_id) in ("central_asia", "state"))
        ):  # "in Kazakhstan", not "in the Kazakh capital"
            venues.append(Venue(m.start, None, m.name.party_id, m.end))
    for match in _CAPITAL_PHRASE.finditer(text):
        word = match.group(1) or match.group(2)
        party = gazetteer.names.get(word, Name()).party_id
        capital = gazetteer.places.get(gazetteer.capitals.get(party, ""))
        if capital is not None:
            venues.append(Venue(match.start(), capital.place_id, capital.country_iso3, match.end()))
    # "visited Ashgabat on July 11, Bishkek on July 12 and finally Dushanbe"
    for m in mentions:
        if m.name.place_id is None or any(v.position == m.start for v in venues):
            continue
        before = text[max(0, m.start - 60) : m.start]
        if venues and venues[0].position < m.start and _LIST_STEP.search(before):
            place = gazetteer.places[m.name.place_id]
            venues.append(Venue(m.start, place.place_id, place.country_iso3, m.end))
    return sorted(venues, key=lambda v: v.position)


_TITLE = "|".join(sorted(OFFICE_TITLES, key=len, reverse=True))

_TITLED_PERSON = re.compile(
    rf"(?:\b(?P<qual>(?:{_WORD})(?:\s++(?:{_WORD}))?)\s++)?\b(?P<title>{_TITLE})\s++"
    rf"(?P<name>(?:(?:von|van|de|al)\s++(?:der\s++)?)?(?:{_WORD})(?:\s++(?:(?:von|van|der|de|al)\s++)*(?:{_WORD})){{0,3}})"
)

_OFFICE_PLURAL = {"presidents": "President", "president": "President",
                  "prime ministers": "Prime Minister", "prime minister": "Prime Minister",
                  "foreign ministers": "Foreign Minister", "foreign minister": "Foreign Minister",
                  "heads of state": "President", "leaders": "President"}  # fmt: skip

_OFFICE_OF = re.compile(
    r"\b(presidents?|prime ministers?|foreign ministers?|leaders|heads of state)\s+"
    r"(?:of|from)\s+(?:the\s+)?",
    re.IGNORECASE,
)

_POSSESSIVE_OFFICE = re.compile(
    r"^['’]s\s+(president|prime minister|foreign minister)\b(?!\s+[A-Z])"
)

_FIVE_PRESIDENTS = re.compile(
    r"\b(?:five|5)\s+(?:Central\s+Asian|former\s+Soviet)\s+(presidents|heads of state|leaders)\b"
    r"|\bregion's\s+five\s+(presidents|leaders)\b"
)

_LIST_GAP = re.compile(r"(?:,\s*|\s+and\s+|,\s+and\s+)(?:the\s+)?")


@dataclass(frozen=True)
class PersonMention:
    party_id: str
    person: str | None
    office: str | None
    position: int = 0  # where the sentence names them


def find_people(
    text: str, mentions: list[NameMention], gazetteer: Gazetteer, on: date | None,
    known_offices: dict[str, str],
) -> list[PersonMention]:  # fmt: skip
    """The people a sentence names, with their offices where the article states them
    (here or earlier, in ``known_offices``) or the data shows them on the date."""
    people: list[PersonMention] = []
    titled_spans = []
    for match in _TITLED_PERSON.finditer(text):
        raw_name = match.group("name")
        known = gazetteer.names.get(raw_name, Name())
        person = known.person or raw_name
        qual = match.group("qual")
        qual_party = gazetteer.names.get(qual, Name()).party_id if qual else None
        party = qual_party or known.party_id
        if party is None or (known.person is None and len(raw_name.split()) < 2):
            continue  # an unknown surname alone, or no party: not enough to go on
        institution = qual if qual in INSTITUTIONS else None
        office = gazetteer.office_of(match.group("title"), party, institution)
        known_offices[person] = office
        people.append(PersonMention(party, person, office, match.start("name")))
        titled_spans.append((match.start("name"), match.end("name")))
    for m in mentions:
        if m.name.person is None or any(s <= m.start < e for s, e in titled_spans):
            continue
        office = known_offices.get(m.name.person) or _office_by_date(gazetteer, m.name, on)
        people.append(PersonMention(m.name.party_id, m.name.person, office, m.start))
    for position, party, title in _offices_without_names(text, mentions, gazetteer):
        office = gazetteer.office_of(title, party)
        holder = gazetteer.holder_of(party, office, on)
        people.append(PersonMention(party, holder, office, position))
    return people


def _office_by_date(gazetteer: Gazetteer, name: Name, on: date | None) -> str | None:
    offices = {
        office
        for (party, office), held in gazetteer.office_holders.items()
        if party == name.party_id and any(person == name.person for _, person in held)
    }
    for office in sorted(offices):
        if gazetteer.holder_of(name.party_id, office, on) == name.person:
            return office
    return None


def _offices_without_names(
    text: str, mentions: list[NameMention], gazetteer: Gazetteer
) -> Iterator[tuple[int, str, str]]:
    """(position, party, title) for "the presidents of Kazakhstan, Kyrgyzstan and Tajikistan",
    "Kazakhstan's president" and "the five Central Asian presidents"."""
    parties = [m for m in mentions if m.name.party_id and not m.name.is_metonym]
    for match in _OFFICE_OF.finditer(text):
        title = _OFFICE_PLURAL[match.group(1).lower()]
        position = match.end()
        for m in parties:
            if m.start < position:
                continue
            if m.start != position and not _LIST_GAP.fullmatch(text[position : m.start]):
                break
            yield m.start, m.name.party_id, title
            position = m.end
    for m in parties:
        possessive = _POSSESSIVE_OFFICE.match(text[m.end : m.end + 24])
        if possessive:
            yield m.start, m.name.party_id, _OFFICE_PLURAL[possessive.group(1)]
    for match in _FIVE_PRESIDENTS.finditer(text):
        for iso3 in CENTRAL_ASIA:
            if iso3 in gazetteer.party_names:
                yield match.start(), iso3, _OFFICE_PLURAL[match.group(1) or match.group(2)]
