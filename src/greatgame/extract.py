"""From news text to candidate rows: the meetings, dates, places, powers, people and
pledges an article states, each with the sentence it came from.

A maintainer reviews the candidates before anything reaches ``data/`` (see
:mod:`greatgame.drafts`, the page "Add from an article" and ``greatgame extract``).

What the extractor knows comes from the dataset: :class:`Gazetteer` is built from a
loaded :class:`~greatgame.data.Dataset` (powers, countries, places, the people in
``participants`` with their offices by date, the currency codes of the schema), so it
learns every name the data learns. The few names data cannot supply (demonyms such as
"Japanese", metonyms such as "the Kremlin", currency words such as "yen") are the
module-level tables below.

Nothing is guessed. A field the text does not state is ``None``; an event needs a
day-precise date in its sentence; a date written without a year takes it only from a
date the article itself gives (the publication date passed in, else a full date in the
dateline, else the nearest full date in the text), choosing the year that puts it
nearest to that date.

Dates are read by the small grammar below rather than by a general parser: dateparser
(tried) reads "Dec. 19–20" as December 1 and "June 16–18" as 2018, and cannot say
which span of a sentence is a date. Money is read the same way, for the same reason.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field, replace
from datetime import date, timedelta
from decimal import Decimal

import pandas as pd

from greatgame.data import CENTRAL_ASIA, Dataset, resource_schemas

REGION = "C5"

# --- names the data cannot supply --------------------------------------------------------------

# Demonyms, short forms and metonyms -> party id (a power_id or a Central Asian iso3).
# Names, ids and capitals of the powers and countries come from the data itself.
PARTY_ALIASES = {
    "American": "USA", "U.S.": "USA", "US": "USA", "USA": "USA", "White House": "USA",
    "Chinese": "CHN", "PRC": "CHN",
    "Russian": "RUS", "Kremlin": "RUS",
    "Japanese": "JPN",
    "EU": "EU", "European Commission": "EU", "European Council": "EU",
    "Turkish": "TUR", "Türkiye": "TUR",
    "Korea": "KOR", "Korean": "KOR", "South Korean": "KOR", "Republic of Korea": "KOR",
    "Indian": "IND",
    "German": "DEU",
    "French": "FRA",
    "British": "GBR", "Britain": "GBR", "UK": "GBR", "U.K.": "GBR",
    "Italian": "ITA",
    "Saudi": "SAU",
    "Emirati": "ARE", "UAE": "ARE",
    "Qatari": "QAT",
    "Iranian": "IRN",
    "Pakistani": "PAK",
    "Hungarian": "HUN",
    "Azerbaijani": "AZE",
    "Shanghai Cooperation Organization": "SCO",
    "Kazakh": "KAZ", "Kazakhstani": "KAZ", "Republic of Kazakhstan": "KAZ",
    "Kyrgyz": "KGZ", "Kyrgyz Republic": "KGZ",
    "Tajik": "TJK", "Republic of Tajikistan": "TJK",
    "Turkmen": "TKM",
    "Uzbek": "UZB", "Republic of Uzbekistan": "UZB",
    "Turkiye": "TUR", "Gulf Cooperation Council": "GCC", "GCC": "GCC",
}  # fmt: skip

# Other spellings of places -> place_id.
PLACE_ALIASES = {
    "Nur-Sultan": "astana",
    "Ashkhabad": "ashgabat",
    "Samarqand": "samarkand",
    "White House": "washington",
    "Kremlin": "moscow",
}

# Offices as articles write them -> the form used in participants.office
# ("<office> of <party>").
OFFICE_TITLES = {
    "President": "President",
    "Prime Minister": "Prime Minister",
    "Premier": "Premier",
    "Chancellor": "Chancellor",
    "Emir": "Emir",
    "King": "King",
    "Crown Prince": "Crown Prince",
    "Vice President": "Vice President",
    "Foreign Minister": "Minister of Foreign Affairs",
    "Secretary of State": "Secretary of State",
    "Foreign Secretary": "Foreign Secretary",
}
# Institutions whose name is the party an office belongs to ("President of the
# European Commission", not "of the European Union").
INSTITUTIONS = ("European Commission", "European Council")

CURRENCY_SYMBOLS = {"US$": "USD", "$": "USD", "€": "EUR", "£": "GBP", "₽": "RUB", "₸": "KZT",
                    "₩": "KRW", "₹": "INR", "₺": "TRY"}  # fmt: skip
# "¥" is the symbol of both the yen and the yuan: the power of the sentence decides.
YEN_OR_YUAN = {"JPN": "JPY", "CHN": "CNY"}
CURRENCY_WORDS = {
    "dollar": "USD", "dollars": "USD", "US dollars": "USD", "U.S. dollars": "USD",
    "euro": "EUR", "euros": "EUR",
    "yen": "JPY",
    "yuan": "CNY", "renminbi": "CNY", "RMB": "CNY",
    "pound": "GBP", "pounds": "GBP", "pounds sterling": "GBP",
    "rouble": "RUB", "roubles": "RUB", "ruble": "RUB", "rubles": "RUB",
    "tenge": "KZT",
    "won": "KRW",
    "rupee": "INR", "rupees": "INR",
    "lira": "TRY",
    "riyal": "SAR", "riyals": "SAR",
    "dirham": "AED", "dirhams": "AED",
    "somoni": "TJS",
    "soum": "UZS", "soums": "UZS",
}  # fmt: skip
SCALES = {"thousand": 3, "k": 3, "million": 6, "mn": 6, "mln": 6, "m": 6,
          "billion": 9, "bn": 9, "b": 9, "trillion": 12, "tn": 12, "trn": 12}  # fmt: skip

# Words that make a sum of money a commitment, by the pledge kind they name; the first
# kind that matches wins. Cues mapped to None mark a pledge without naming its kind.
PLEDGE_CUES = [
    (r"credit lines?|lines? of credit", "credit_line"),
    (r"loans?|lend(?:s|ing)?|lent", "loan"),
    (r"grants?", "grant"),
    (r"funds?\b", "fund"),
    (r"aid|assistance|package", "aid_package"),
    (r"trade (?:deals?|agreements?|contracts?)", "trade_deals"),
    (r"targets?|goal", "investment_target"),
    (r"deals?|agreements?|contracts?|signed", "investment_agreements"),
    (r"invest(?:s|ing|ment|ments)?", "investment_target"),
    (r"pledg\w*|promis\w*|commit\w*|announc\w*|unveil\w*|allocat\w*|earmark\w*|offer\w*"
     r"|provid\w*", None),
]  # fmt: skip

# Kinds of meeting, as articles name them -> events.format (None: the context decides).
MEETING_NOUNS = [
    (r"state visits?", "state_visit"),
    (r"official visits?", "official_visit"),
    (r"working visits?", "working_visit"),
    (r"summits?", None),
    (r"ministerial(?: meeting)?s?", None),
    (r"forums?", "forum"),
    (r"sessions?|dialogue", None),
    (r"talks|meetings?|met|meets?", None),
    (r"visits?|visited|visiting", None),
    (r"arriv(?:ed|es|ing)|flew in|lands? in|landed in", None),
    (r"hosted|hosts|hosting|welcomed|received", None),
    (r"signed|signing", None),
]
LEVEL_CUES = [
    ("leaders", r"summit|leaders?\b|leaders’|leaders'|heads? of (?:state|government)"
                r"|presidents?|prime ministers?|premier|chancellor|emir|king"),
    ("ministers", r"ministers?|ministerial|secretary of state|foreign secretary"),
    ("officials", r"officials|envoys?|deputy|vice[- ]ministers?"),
]  # fmt: skip
STATUS_CUES = [
    ("cancelled", r"cancel++ed|called off|scrapped"),
    ("postponed", r"postponed|delayed|rescheduled|put off"),
    ("planned", r"\bwill\b|\bto be held\b|\b(?:is|are) (?:to|due|set|expected)\b|scheduled"
                r"|planned|upcoming|\bnext\b"),
]  # fmt: skip
PAST_TENSE = re.compile(r"\b(?:was|were|met|held|had|took|made|went|came|gave|[a-z]{4,}+(?<=ed))\b")

NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                "eight": 8, "nine": 9, "ten": 10, "fifteen": 15, "twenty": 20}  # fmt: skip

# A real sentence is shorter; text without sentence ends (a table dump, one long line) is
# cut into pieces of this size so that every step stays linear in the input.
MAX_SENTENCE_CHARS = 1_000
# A yearless date falls in the twelve months that start this long before the reference
# date: news speaks mostly of what has happened, and of what comes in the next weeks.
LOOK_BACK = timedelta(days=274)

# --- the gazetteer -------------------------------------------------------------------------------


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
                (i for i, w in enumerate(words[1:], 1) if w in _PARTICLES), len(words) - 1
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


# --- candidates ----------------------------------------------------------------------------------


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


# --- reading bytes -------------------------------------------------------------------------------


# Far above any article (tens of KB); the bound keeps a stray paste or upload from holding
# a worker for minutes. The app's upload limit, server.maxUploadSize in
# .streamlit/config.toml, is the same 2 MB.
MAX_ARTICLE_BYTES = 2 * 1024 * 1024


class UnreadableArticle(ValueError):
    """The input is not an article's text: binary, too large, or in no known encoding."""


def decode_article(raw: bytes) -> str:
    """The text of an uploaded or piped article: UTF-8 (with or without a byte-order
    mark), UTF-16 with its byte-order mark (as Windows saves "Unicode" text), else
    Windows-1252, which old news exports use. Binary input is refused."""
    if len(raw) > MAX_ARTICLE_BYTES:
        raise UnreadableArticle(
            f"the input is {len(raw):,} bytes; an article is at most {MAX_ARTICLE_BYTES:,}"
        )
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            raw = raw.decode("utf-16").encode("utf-8")
        except UnicodeDecodeError:
            raise UnreadableArticle("the input starts as UTF-16 text but is not") from None
    if b"\x00" in raw:
        raise UnreadableArticle("the input is binary (it contains NUL bytes), not text")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UnreadableArticle("the input is neither UTF-8 nor Windows-1252 text")


# --- sentences -----------------------------------------------------------------------------------

_ABBREVIATIONS = {"Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov",
                  "Dec", "Mr", "Mrs", "Ms", "Dr", "St", "No", "Gen", "Sen", "Rep", "Prof",
                  "Jr", "Sr", "vs", "approx", "Inc", "Co", "Corp", "Ltd"}  # fmt: skip
# A match starts only where a run of end marks starts, and no part of it is ever given
# back: one pass over a run of a million dots, not a million.
_SENTENCE_END = re.compile(r"(?<![.!?…])[.!?…]++[\"”’)\]]*+\s++")
_LAST_WORD = re.compile(r"[\w.]++$")


def split_sentences(text: str) -> list[str]:
    """Sentences in reading order; a line break always ends one (headlines, datelines)."""
    sentences: list[str] = []
    for line in text.splitlines():
        start = 0
        for match in _SENTENCE_END.finditer(line):
            # The word before the end marks ("Dec", "U.S"), looked for in the 40
            # characters before them.
            last = _LAST_WORD.search(line, max(start, match.start() - 40), match.start())
            word = last.group() if last else ""
            if word in _ABBREVIATIONS or re.fullmatch(r"(?:[A-Z]\.)*[A-Z]", word):
                continue  # "Dec. 19", "U.S. President": not an end
            sentences.extend(_pieces(line[start : match.end()]))
            start = match.end()
        sentences.extend(_pieces(line[start:]))
    return sentences


def _pieces(text: str) -> Iterator[str]:
    # Positions, not slices of what is left: cutting a long line stays linear.
    start, end = 0, len(text.rstrip())
    while True:
        while start < end and text[start].isspace():
            start += 1
        if end - start <= MAX_SENTENCE_CHARS:
            break
        cut = text.rfind(" ", start, start + MAX_SENTENCE_CHARS)
        cut = cut if cut > start else start + MAX_SENTENCE_CHARS
        yield text[start:cut].strip()
        start = cut
    if text[start:end].strip():
        yield text[start:end].strip()


# --- dates ---------------------------------------------------------------------------------------

_MONTHS = {
    name: number
    for number, names in enumerate(
        [("January", "Jan"), ("February", "Feb"), ("March", "Mar"), ("April", "Apr"),
         ("May",), ("June", "Jun"), ("July", "Jul"), ("August", "Aug"),
         ("September", "Sept", "Sep"), ("October", "Oct"), ("November", "Nov"),
         ("December", "Dec")],
        start=1,
    )
    for name in names
}  # fmt: skip
_MONTH = r"(?:" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d\d"
_TO = r"\s*+(?:[-–—]|to|until|through|and)\s*+"
_WEEKDAY = r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s++)?"
_DATE = re.compile(
    # Month first: "Dec. 19–20", "Nov. 6", "Friday, Dec. 19, 2025", "Nov. 30–Dec. 2, 2025"
    rf"\b{_WEEKDAY}(?P<m1>{_MONTH})\s++(?P<d1>{_DAY})(?:,?\s++(?P<y1>{_YEAR}))?"
    rf"(?:{_TO}(?:(?P<m2>{_MONTH})\s++)?(?P<d2>{_DAY})(?!\s*+{_MONTH}))?(?:,?\s++(?P<y2>{_YEAR}))?"
    rf"(?![\d:%])"
    # Day first: "19-20 December 2025", "4 April 2025", "30 November – 2 December"
    rf"|\b{_WEEKDAY}(?P<d3>{_DAY})(?:\s++(?P<m3>{_MONTH}))?(?:{_TO}(?P<d4>{_DAY}))?"
    rf"\s++(?:of\s++)?(?P<m4>{_MONTH})(?:,?\s++(?P<y4>{_YEAR}))?\b"
    # ISO 8601
    rf"|\b(?P<iso>{_YEAR}-[01]\d-[0-3]\d)\b"
)


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    date_start: date | None  # None when the text gives no year and nothing to take it from
    date_end: date | None
    has_year: bool
    is_until: bool = False  # "until March 17": the end of something already begun


def _day(text: str) -> int:
    return int(re.match(r"\d+", text).group())


def _month(text: str) -> int:
    return _MONTHS[text.rstrip(".")]


def _year_near(month: int, day: int, reference: date) -> date | None:
    """The date with this month and day in the twelve months around the reference date
    (nine before, three after); None for a day that does not exist then (Feb. 29)."""
    window_start = reference - LOOK_BACK
    for year in (window_start.year, window_start.year + 1):
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        if window_start <= candidate < date(window_start.year + 1, window_start.month, 1):
            return candidate
    return None


def _resolve(
    m1: int, d1: int, y1: str | None, m2: int, d2: int, y2: str | None, reference: date | None
) -> tuple[date | None, date | None, bool]:
    """Start and end of a date or range; a missing year comes from the other end, else
    from the reference date."""
    try:
        if y1 or y2:
            end_year = int(y2 or y1)
            start_year = int(y1) if y1 else end_year - (1 if (m1, d1) > (m2, d2) else 0)
            return date(start_year, m1, d1), date(end_year, m2, d2), True
        if reference is None:
            return None, None, False
        start = _year_near(m1, d1, reference)
        if start is None:
            return None, None, False
        end_year = start.year + (1 if (m2, d2) < (m1, d1) else 0)
        return start, date(end_year, m2, d2), False
    except ValueError:  # "Feb. 30"
        return None, None, False


def find_dates(text: str, reference: date | None) -> list[DateMention]:
    """Every day-precise date or range of days in a text."""
    mentions = []
    for match in _DATE.finditer(text):
        g = match.groupdict()
        if g["iso"]:
            try:
                day = date.fromisoformat(g["iso"])
            except ValueError:
                continue
            mentions.append(DateMention(match.start(), match.end(), day, day, True))
            continue
        if g["m1"]:
            m1, d1 = _month(g["m1"]), _day(g["d1"])
            m2 = _month(g["m2"]) if g["m2"] else m1
            d2 = _day(g["d2"]) if g["d2"] else d1
            y1, y2 = g["y1"], g["y2"]
        else:
            m2, d1 = _month(g["m4"]), _day(g["d3"])
            m1 = _month(g["m3"]) if g["m3"] else m2
            d2 = _day(g["d4"]) if g["d4"] else d1
            y1, y2 = None, g["y4"]
        start, end, has_year = _resolve(m1, d1, y1, m2, d2, y2, reference)
        if start is not None and end is not None and end < start:
            continue  # "19 to 12 December" is not a range
        mentions.append(DateMention(match.start(), match.end(), start, end, has_year))
    for match in _NUMERIC_DATE.finditer(text):
        try:
            if match.group("d"):
                day = date(int(match.group("y")), int(match.group("m")), int(match.group("d")))
            else:
                month = _month(match.group("m2"))
                day = date(int(match.group("y2")), month, int(match.group("d2")))
        except ValueError:
            continue
        mentions.append(DateMention(match.start(), match.end(), day, day, True))
    return sorted(mentions, key=lambda m: m.start)


_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTH_ABBREVIATIONS = "|".join(m for m in _MONTHS if len(m) == 3)
# Forms news and regional outlets write that the grammar above does not read:
# "24.10.2023", "29-Aug-2025".
_NUMERIC_DATE = re.compile(
    rf"\b(?P<d>[0-3]?\d)\.(?P<m>[01]?\d)\.(?P<y>{_YEAR})\b"
    rf"|\b(?P<d2>[0-3]?\d)-(?P<m2>{_MONTH_ABBREVIATIONS})-(?P<y2>{_YEAR})\b"
)
# Days named relative to the article's own date: "on Friday", "today", "on the 11th–12th".
_RELATIVE_DAY = re.compile(
    rf"\b(?P<weekday>{'|'.join(_WEEKDAYS)})\b(?!,?\s+(?:the\s+)?\d|,?\s+{_MONTH}\s)"
    r"|\b(?P<word>today|yesterday|tomorrow)\b"
    r"|\b(?:on|from|until|till|by)\s+the\s+(?P<ordinal>[0-3]?\d)(?:st|nd|rd|th)\b"
    r"(?:\s*(?:[-–—]|to|and)\s*(?:the\s+)?(?P<ordinal2>[0-3]?\d)(?:st|nd|rd|th)\b)?",
)
_FUTURE = re.compile(
    r"\b(?:will|shall|is due|are due|due to|is to|are to|is set to|are set to|is expected"
    r"|are expected|scheduled|plans? to|next)\b",
    re.IGNORECASE,
)
_WORD_OFFSETS = {"today": 0, "yesterday": -1, "tomorrow": 1}
# A date a verb of saying or of office stands before is the day of the report or of an
# election, not of a meeting: "the Kremlin said on Monday", "re-elected on November 20".
_REPORTED = re.compile(
    r"\b(?:said|says|told|reported|reports|announced|informed|informs|added|stated|wrote"
    r"|elected|re-elected|inaugurated|appointed|born)\s+(?:on\s+)?$",
    re.IGNORECASE,
)
_UNTIL = re.compile(
    r"\b(?:until|till|through|(?:will )?(?:ends?|ended|concludes?|concluded|closes?) on)\s+$",
    re.IGNORECASE,
)
_YEAR_WORD = re.compile(r"^\s*,?\s*(next|last|this)\s+year\b", re.IGNORECASE)
_YEAR_SHIFT = {"next": 1, "last": -1, "this": 0}


def find_relative_dates(text: str, reference: date) -> list[DateMention]:
    """Days a sentence names against the article's date: a weekday is the last one on or
    before the reference, or the next one on or after it where the sentence speaks of
    the future; "the 11th" is a day of the reference month."""
    mentions = []
    for match in _RELATIVE_DAY.finditer(text):
        if match.group("weekday"):
            # The tense of the weekday's own clause: "arrived …, which will last until
            # March 17, the press service reported on Sunday" is a past Sunday.
            clause = re.split(r"[,;:]", text[: match.start()])[-1]
            future = bool(_FUTURE.search(clause)) and not _REPORTED.search(clause)
            gap = (_WEEKDAYS.index(match.group("weekday")) - reference.weekday()) % 7
            day = (
                reference + timedelta(days=gap)
                if future
                else reference - timedelta(days=(7 - gap) % 7)
            )
            mentions.append(DateMention(match.start(), match.end(), day, day, False))
        elif match.group("word"):
            day = reference + timedelta(days=_WORD_OFFSETS[match.group("word")])
            mentions.append(DateMention(match.start(), match.end(), day, day, False))
        else:
            first, last = int(match.group("ordinal")), int(match.group("ordinal2") or 0)
            try:
                start = reference.replace(day=first)
                end = reference.replace(day=last) if last else start
            except ValueError:
                continue
            if end >= start:
                mentions.append(DateMention(match.start(), match.end(), start, end, False))
    return mentions


# A dateline or header: "XI'AN, China, May 19 (Reuters) -", "DUSHANBE, 24.10.2023
# /Asia-Plus/", "Astana, 12 June 2024", "Updated 20:14, 29-Aug-2025", "(Published …)".
# Its date is when the article was written, not an event's.
_DATELINE_PREFIX = re.compile(
    r"^(?!\s*(?:On|In|At|By|From|Since|After|Before|During|Until|The|A|An)\b)"
    r"[\W\d]*(?:[A-Z][\w'’.-]*[,.:|—–-]*\s+){0,4}[\W\d]*$"
)
_PUBLISHED_CUE = re.compile(r"\b(?:Published|Updated|Posted)\b:?\s*[\d:,\s]*$", re.IGNORECASE)
_DATELINE_END = re.compile(r"^\s*(?:\(|/|[—–-]|\.|:|,|\||$)")
HEADER_CHARS = 90


def header_dates(sentence: str, index: int, dates: list[DateMention]) -> list[DateMention]:
    """The dates of a dateline or header line among a sentence's dates: a date at the
    start of one of the first sentences, after no more than a place and an outlet, or a
    date after "Published" or "Updated"."""
    found = []
    for mention in dates:
        before, after = sentence[: mention.start], sentence[mention.end :]
        is_dateline = (
            index < 6
            and len(before) <= 45
            and _DATELINE_PREFIX.match(before)
            and (_DATELINE_END.match(after) or len(sentence) <= HEADER_CHARS)
        )
        if _PUBLISHED_CUE.search(before) or is_dateline:
            found.append(mention)
    return found


_DATELINE_CITY = re.compile(r"\s*([A-Z][\w'’ .-]{1,30}?)\s*(?:,|\.|\s\(|\s[—–-])")
_DATE_THEN_CITY = re.compile(r",\s*([A-Z][\w'’ .-]{1,30}?)\s*$")


def dateline_place(text: str, gazetteer: Gazetteer) -> str | None:
    """The place_id of the city a dateline or header names: "XI'AN, China, May 19
    (Reuters)", "ANKARA (AA) –", "Astana, 12 June 2024", "October 9, 2025, Dushanbe"."""
    for line in text.lstrip().splitlines()[:6]:
        dates = find_dates(line, None)
        candidates = []
        match = _DATELINE_CITY.match(line)
        if match:
            words = match.group(1).strip()
            dated = any(m.start < match.end() + 40 for m in dates)
            if dated or (words.isupper() and len(words) > 2):
                candidates.append(words)
        after = _DATE_THEN_CITY.search(line)
        if after and dates and len(line) <= 60:
            candidates.append(after.group(1).strip())
        for words in candidates:
            for candidate in (words, words.title(), words.title().replace("'A", "'a")):
                name = gazetteer.names.get(candidate)
                if name is not None and name.place_id is not None:
                    return name.place_id
    return None


def reference_date(text: str, published: date | None = None) -> date | None:
    """The date that yearless dates in an article are read against: the publication
    date when given, else a full date in the first lines (the dateline), else None (the
    nearest full date is then used, sentence by sentence)."""
    if published is not None:
        return published
    head = "\n".join(text.lstrip().splitlines()[:6])[:800]
    for mention in find_dates(head, None):
        if mention.has_year:
            return mention.date_start
    return None


# --- names in a sentence -------------------------------------------------------------------------

_PARTICLES = {"von", "van", "der", "den", "de", "al", "bin", "ibn", "el"}
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
_VENUE_PREPOSITION = re.compile(
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


def _parties(text: str, mentions: list[NameMention]) -> list[tuple[int, str]]:
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


def _venues(text: str, mentions: list[NameMention], gazetteer: Gazetteer) -> list[Venue]:
    """Places a sentence puts something in or at: cities, "the Kazakh capital", or a
    country with no city named."""
    venues = []
    for m in mentions:
        before = text[max(0, m.start - VENUE_REACH) : m.start]
        if not (_VENUE_PREPOSITION.search(before[-48:]) or _TRAVEL_TO.search(before)):
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


# --- people --------------------------------------------------------------------------------------

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


# --- money ---------------------------------------------------------------------------------------

# "3 trillion", "1,500", "2.5", and a number word before a scale: "three trillion yen".
# A number starts where no digit (or digit and separator) stands before it, and no part
# of it is given back: one pass over a long run of digits, not one per digit.
_NUMBER = (
    r"(?<!\d)(?<!\d[.,])(?:\d{1,3}+(?:,\d{3})++(?:\.\d++)?+|\d++(?:\.\d++)?+)"
    r"|(?:one|two|three|four|five|six|seven|eight|nine|ten|fifteen|twenty)"
    r"(?=\s+(?:thousand|million|billion|trillion)\b)"
)
_SCALE = r"(?:" + "|".join(sorted(SCALES, key=len, reverse=True)) + r")\b"
_SYMBOL = "|".join(re.escape(s) for s in sorted([*CURRENCY_SYMBOLS, "¥"], key=len, reverse=True))
_CURRENCY_WORD = "|".join(re.escape(w) for w in sorted(CURRENCY_WORDS, key=len, reverse=True))
_APPROX = r"(?:about|around|approximately|roughly|some|nearly|almost|over|more than|up to|~)\s*+"


def _money_pattern(codes: frozenset[str]) -> re.Pattern:
    code = "|".join(sorted(codes))

    def one(n: str) -> str:
        # Each way of writing a sum has its own groups: re forbids a repeated name.
        def amount(i: int) -> str:
            return rf"(?P<{n}num{i}>{_NUMBER})\s?(?P<{n}scale{i}>{_SCALE})?"

        return (
            rf"(?:(?P<{n}sym>{_SYMBOL})\s?{amount(1)}"
            rf"|\b(?P<{n}code>{code})\s?{amount(2)}"
            rf"|\b{amount(3)}\s?(?P<{n}word>{_CURRENCY_WORD}|{code})\b)"
        )

    # A sum, then perhaps its equivalent in brackets: "3 trillion yen ($19 billion)".
    return re.compile(one("a") + rf"(?:\s*+\(\s*+(?:{_APPROX})?{one('b')}\s*+\))?")


@dataclass(frozen=True)
class MoneyMention:
    start: int
    end: int
    amount: Decimal
    currency: str | None
    amount_usd: Decimal | None


def find_money(text: str, pattern: re.Pattern, power_id: str | None) -> list[MoneyMention]:
    """Sums of money with their currency, and a dollar equivalent given beside them:
    "3 trillion yen ($19 billion)", "€12bn", "1.5 billion yuan (about $208 million)"."""
    found = []
    for match in pattern.finditer(text):
        amount, currency = _amount(match, "a", power_id)
        usd = None
        if match.group("bsym") or match.group("bcode") or match.group("bword"):
            other, other_currency = _amount(match, "b", power_id)
            usd = other if other_currency == "USD" else None
        if currency == "USD":
            usd = amount
        found.append(MoneyMention(match.start(), match.end(), amount, currency, usd))
    return _join_equivalents(text, found)


_OPENS_EQUIVALENT = re.compile(rf"\(\s*+(?:{_APPROX})?$")
_CLAUSE_END = re.compile(r"[.;()]")


def _join_equivalents(text: str, found: list[MoneyMention]) -> list[MoneyMention]:
    """A dollar sum in brackets a few words after another sum is its equivalent: "a
    €12bn investment package (about $13.2 billion)"."""
    joined: list[MoneyMention] = []
    for money in found:
        previous = joined[-1] if joined else None
        between = text[previous.end : money.start] if previous else ""
        opener = _OPENS_EQUIVALENT.search(between)
        if (
            previous is not None
            and opener is not None
            and money.currency == "USD"
            and previous.currency != "USD"
            and previous.amount_usd is None
            and not _CLAUSE_END.search(between[: opener.start()])
            and text[money.end :].lstrip().startswith(")")
        ):
            joined[-1] = replace(previous, end=money.end, amount_usd=money.amount)
        else:
            joined.append(money)
    return joined


def _amount(match: re.Match, n: str, power_id: str | None) -> tuple[Decimal, str | None]:
    i = next(i for i in (1, 2, 3) if match.group(f"{n}num{i}"))
    written = match.group(f"{n}num{i}")
    number = Decimal(NUMBER_WORDS.get(written, written.replace(",", "")))
    scale = match.group(f"{n}scale{i}")
    if scale:
        number = number.scaleb(SCALES[scale.lower()])
    symbol = match.group(f"{n}sym")
    if symbol == "¥":
        return number, YEN_OR_YUAN.get(power_id or "")
    if symbol:
        return number, CURRENCY_SYMBOLS[symbol]
    word = match.group(f"{n}word") or match.group(f"{n}code")
    return number, CURRENCY_WORDS.get(word, word)


_PERIOD = re.compile(
    r"\b(?:over|for|within|in)\s++(?:the\s++)?(?:next\s++|coming\s++)?"
    r"(\d++|"
    + "|".join(NUMBER_WORDS)
    + r")\s++years\b|\b(\d++|"
    + "|".join(NUMBER_WORDS)
    + r")-year\b",
    re.IGNORECASE,
)
_REGION_WORDS = re.compile(r"\bCentral Asia(?:n)?\b|\b(?:the|in) region\b|\bC5\b")


def _period_years(text: str) -> int | None:
    match = _PERIOD.search(text)
    if not match:
        return None
    value = match.group(1) or match.group(2)
    return int(value) if value.isdigit() else NUMBER_WORDS[value.lower()]


_PLEDGE_CUES = [(re.compile(rf"\b(?:{cue})", re.IGNORECASE), kind) for cue, kind in PLEDGE_CUES]


# Sums that measure an economy, not a commitment: "trade rose to $94.8 billion in 2024",
# "gross domestic product passed $100 billion", "accumulated investment of $3 billion".
_STATISTIC = re.compile(
    r"\b(?:trade|turnover|GDP|gross domestic product|econom(?:y|ies) grew|exports?|imports?"
    r"|accumulated|reserves|budget|FDI|foreign direct investment|brought in"
    r"|since (?:the )?(?:19|20)\d\ds?)\b",
    re.IGNORECASE,
)
_COMMITMENT = re.compile(
    r"\b(?:pledg\w*|promis\w*|commit\w*|grants?|loans?|credit lines?|signed|orders?|deals?)\b",
    re.IGNORECASE,
)
# A Central Asian state or company buying from, or investing in, a power's economy:
# "Uzbekistan Airways announced an order for 22 Boeing 787s", "agreed to buy locomotives".
_TO_POWER = re.compile(
    r"\b(?:order(?:ed|s)?\s+(?:for|of)|buy(?:s|ing)?|bought|purchas\w*|procure\w*)\b",
    re.IGNORECASE,
)


def _pledge_kind(window: str) -> tuple[bool, str | None]:
    """Whether the words around a sum make it a commitment, and the kind they name."""
    is_pledge = False
    for cue, kind in _PLEDGE_CUES:
        if cue.search(window):
            if kind is not None:
                return True, kind
            is_pledge = True
    return is_pledge, None


# --- the extractor -------------------------------------------------------------------------------


CONTEXT_SENTENCES = 3  # how far back a sentence looks for the power or recipient it omits
CONTINUATION_SENTENCES = 2  # how far an undated sentence can still describe the last event


def extract(text: str, gazetteer: Gazetteer, published: date | None = None) -> Extraction:
    """The candidate events, participants and pledges an article states."""
    sentences = split_sentences(text)
    reader = _ArticleReader(gazetteer, reference_date(text, published), _full_dates(sentences))
    reader.is_tour = bool(_TOUR_WORDS.search(text))
    reader.about_region = bool(_REGION_WORDS.search(text))
    reader.dateline = gazetteer.places.get(dateline_place(text, gazetteer) or "")
    for index, sentence in enumerate(sentences):
        reader.read(index, sentence)
    return reader.result


class _ArticleReader:
    """Reads an article sentence by sentence, remembering what earlier sentences said:
    the last event, the powers and recipients just named, the offices stated."""

    def __init__(
        self, gazetteer: Gazetteer, reference: date | None, full_dates: list[tuple[int, date]]
    ):
        self.gazetteer = gazetteer
        self.reference = reference
        self.full_dates = full_dates
        self.money_pattern = _money_pattern(gazetteer.currencies)
        self.result = Extraction()
        self.event_by_day: dict[tuple[str | None, date], int] = {}
        self.pledge_keys: dict[tuple, int] = {}
        self.participant_keys: set[tuple] = set()
        self.last_event: int | None = None
        self.last_event_sentence = -CONTINUATION_SENTENCES - 1
        self.known_offices: dict[str, str] = {}  # person -> office, as the article states it
        self.recent: list[tuple[list[str], str | None]] = []  # (powers, recipient) per sentence
        self.is_tour = False
        self.about_region = False  # the article speaks of Central Asia as a region
        self.dateline: Place | None = None
        self.last_person: dict[str, PersonMention] = {}  # the last person named per party

    def read(self, index: int, sentence: str) -> None:
        g = self.gazetteer
        names = find_names(sentence, g)
        parties = _parties(sentence, names)
        powers = [p for _, p in parties if g.party_kinds.get(p) != "central_asia"]
        reference = self.reference or _nearest(self.full_dates, index)
        dates = _sentence_dates(sentence, index, reference)
        venues = _venues(sentence, names, g)

        near_last = (
            self.last_event is not None
            and index - self.last_event_sentence <= CONTINUATION_SENTENCES
        )
        if not dates and near_last and (following := _NEXT_DAY.search(sentence)):
            day = self.result.events[self.last_event].date_end + timedelta(days=1)
            dates = [DateMention(following.start(), following.end(), day, day, False)]
        events = _events_in(
            sentence, dates, parties, venues, g, self.reference,
            legs=self.is_tour, after_event=near_last,
        )  # fmt: skip
        until = [d for d in dates if d.is_until and d.date_end]
        if not events and len(until) == len(dates) and self._opens_on_its_own_day(sentence, index):
            # "Rahmon arrived in Moscow …, which will last until March 17"
            end = max([self.reference, *(d.date_end for d in until)])
            today = DateMention(0, 0, self.reference, end, False)
            events = _events_in(sentence, [today], parties, venues, g, self.reference)
        touched = [self._add_event(event) for _, event in events]
        anchors = dict(zip(touched, (anchor for anchor, _ in events), strict=True))
        speaks_of_it = self.last_event is not None and bool(_THE_VISIT.search(sentence))
        if not touched and until and (near_last or speaks_of_it):
            last = self.result.events[self.last_event]
            if last.date_end and last.date_end < until[0].date_end:
                last.date_end = until[0].date_end
            touched.append(self.last_event)
        if not touched and self._describes_last_event(sentence, powers, index):
            touched.append(self.last_event)
            _enrich(self.result.events[self.last_event], sentence, parties, venues, g)
        if touched:
            self.last_event, self.last_event_sentence = touched[-1], index
            on = self.result.events[touched[0]].date_start
            people = find_people(sentence, names, g, on, self.known_offices)
            for person in people:
                self._add_participant(self._events_of(person, touched, anchors), person)
            self._add_named_parties(touched)
        else:
            people = find_people(sentence, names, g, None, self.known_offices)
        for person in people:
            if person.person:
                self.last_person[person.party_id] = person

        recipient = _recipient(sentence, parties, g)
        event_index = touched[0] if touched else self.last_event
        if (
            recipient is None
            and self.about_region
            and not _deal_between_powers(sentence, parties, g)
            and _MONEY_HINT.search(sentence)
        ):
            # An analysis of the region ("Brussels spoke of €12 billion, Tokyo of …")
            recipient = self.recent_recipient() or REGION
        for pledge in _pledges_in(
            sentence, self.money_pattern, parties, g, recipient, self.recent, event_index
        ):
            _add_pledge(self.result, self.pledge_keys, pledge)
        self.recent = [*self.recent, (powers, recipient)][-CONTEXT_SENTENCES:]

    def recent_recipient(self) -> str | None:
        return next((r for _, r in reversed(self.recent) if r), None)

    def _opens_on_its_own_day(self, sentence: str, index: int) -> bool:
        return (
            self.reference is not None
            and not self.result.events
            and index < OPENING_SENTENCES
            and bool(_meetings(sentence))
            and bool(PAST_TENSE.search(sentence))
            and not _UNDATED_CUE.search(sentence)
        )

    def _add_event(self, event: EventCandidate) -> int:
        """Add an event, or complete the one already found for the same power on an
        overlapping or the next day at the same place; return its index. An event that
        names no power is the last event's power's ("he went on to Astana")."""
        if event.power_id is None and self.last_event is not None:
            event.power_id = self.result.events[self.last_event].power_id
        if _VIRTUAL.search(event.evidence):
            event.modality, event.place_name, event.country_iso3 = "virtual", None, None
        elif (
            event.place_name is None
            and self.dateline is not None
            and event.country_iso3 in (None, self.dateline.country_iso3)
        ):
            # "MINSK … held in the Belarusian capital": a venue the gazetteer cannot
            # read is the dateline's city, when the country agrees.
            event.place_name = self.dateline.name
            event.country_iso3 = self.dateline.country_iso3
        for index, other in enumerate(self.result.events):
            if _same_visit(other, event):
                other.date_start = min(other.date_start, event.date_start)
                other.date_end = max(other.date_end, event.date_end)
                _fill_missing(other, event)
                for day in _days(other.date_start, other.date_end):
                    self.event_by_day[(other.power_id, day)] = index
                return index
        days = _days(event.date_start, event.date_end)
        existing = next(
            (self.event_by_day[(event.power_id, d)] for d in days
             if (event.power_id, d) in self.event_by_day),
            None,
        )  # fmt: skip
        if existing is not None:
            _fill_missing(self.result.events[existing], event)
            return existing
        self.result.events.append(event)
        index = len(self.result.events) - 1
        for day in days:
            self.event_by_day[(event.power_id, day)] = index
        return index

    def _events_of(
        self, person: PersonMention, touched: list[int], anchors: dict[int, int]
    ) -> list[int]:
        """The events of a sentence a person took part in: all of them for the power's
        people; for a Central Asian host, the leg in their country ("talks with
        President Karimov, and went on to Astana … with President Nazarbayev")."""
        if len(touched) < 2:
            return touched
        events = self.result.events
        hosted = [i for i in touched if events[i].country_iso3 == person.party_id]
        if hosted:
            return hosted
        if any(events[i].power_id == person.party_id for i in touched):
            return touched
        return [min(touched, key=lambda i: abs(anchors.get(i, 0) - person.position))]

    def _add_named_parties(self, touched: list[int]) -> None:
        """The traveller named earlier in the article ("Modi … he went on to Astana") and
        the Central Asian state a visit went to, where the sentence names nobody for them."""
        for index in touched:
            event = self.result.events[index]
            present = {p.party_id for p in self.result.participants if p.event_index == index}
            traveller = self.last_person.get(event.power_id or "")
            if traveller is not None and event.power_id not in present:
                self._add_participant([index], traveller)
            host = event.country_iso3
            is_visit = event.format in (None, "state_visit", "official_visit", "working_visit")
            if host in CENTRAL_ASIA and host not in present and is_visit and event.power_id:
                self._add_participant([index], PersonMention(host, None, None))

    def _add_participant(self, events: list[int], person: PersonMention) -> None:
        for event_index in events:
            key = (event_index, person.party_id, person.person, person.office)
            if key not in self.participant_keys:
                self.participant_keys.add(key)
                self.result.participants.append(ParticipantCandidate(event_index, *key[1:]))

    def _describes_last_event(self, sentence: str, powers: list[str], index: int) -> bool:
        """An undated sentence right after an event's sentence that speaks of a meeting
        and of no other power still describes that event ("Meeting in Tokyo, the
        presidents … joined Japanese Prime Minister Sanae Takaichi")."""
        if self.last_event is None or index - self.last_event_sentence > CONTINUATION_SENTENCES:
            return False
        if not _meetings(sentence):
            return False
        return not powers or self.result.events[self.last_event].power_id in powers


_HAS_YEAR = re.compile(_YEAR)


VISIT_KINDS = ("state_visit", "official_visit", "working_visit")


def _same_visit(a: EventCandidate, b: EventCandidate) -> bool:
    """Two mentions of one visit: the same power, days that overlap or follow on, and
    the same place where both name one ("flew in on Sunday … talks on Monday")."""
    if a.power_id != b.power_id or None in (a.date_start, b.date_start):
        return False
    one_day = timedelta(days=1)
    if b.date_start > a.date_end + one_day or a.date_start > b.date_end + one_day:
        return False
    if a.place_name and b.place_name and a.place_name != b.place_name:
        return False
    if a.country_iso3 and b.country_iso3 and a.country_iso3 != b.country_iso3:
        return False
    overlap = a.date_start <= b.date_end and b.date_start <= a.date_end
    formats = {a.format, b.format}
    if overlap or formats <= {None, *VISIT_KINDS}:
        return True
    # Talks on the next day of a visit, at the same place, are part of it.
    return (
        bool(formats & set(VISIT_KINDS))
        and formats <= {None, "bilateral_meeting", *VISIT_KINDS}
        and a.place_name == b.place_name
    )


_SPAN_DAYS = re.compile(r"\b(two|three|four|five|six|seven|[2-7])-day\b", re.IGNORECASE)
_SPAN_ENDS = re.compile(
    r"\b(?:wrapped up|wraps up|concluded|concludes|ended|ends|closed|closes|final day"
    r"|last day)\b",
    re.IGNORECASE,
)
_SPAN_SECOND_DAY = re.compile(r"\bsecond day of\b", re.IGNORECASE)


def _shift_year(mention: DateMention, sentence: str, reference: date | None) -> DateMention:
    """ "Sept. 16-17 next year": a yearless date in the year the words name."""
    said = _YEAR_WORD.match(sentence[mention.end :])
    if mention.has_year or said is None or reference is None or mention.date_start is None:
        return mention
    year = reference.year + _YEAR_SHIFT[said.group(1).lower()]
    try:
        start = mention.date_start.replace(year=year)
        end = mention.date_end.replace(year=year + mention.date_end.year - mention.date_start.year)
    except ValueError:
        return mention
    return replace(mention, date_start=start, date_end=end)


def _join_until(dates: list[DateMention], sentence: str) -> list[DateMention]:
    """ "Arrived on Friday … which runs until September 3": one span, from the first day
    to the "until" day."""
    joined: list[DateMention] = []
    for mention in dates:
        is_until = _UNTIL.search(sentence[max(0, mention.start - 20) : mention.start])
        if is_until and joined and joined[-1].date_start and mention.date_end:
            first = joined[-1]
            if first.date_start <= mention.date_end:
                joined[-1] = replace(first, end=mention.end, date_end=mention.date_end)
                continue
        joined.append(replace(mention, is_until=bool(is_until)))
    return joined


def _sentence_dates(sentence: str, index: int, reference: date | None) -> list[DateMention]:
    """The days a sentence names for its events: written dates, and days named against
    the reference ("on Friday", "today", "the 11th"), less a dateline's or header's
    date. "Wrapped up a two-day summit … on Friday" is Thursday to Friday."""
    written = find_dates(sentence, reference)
    headers = header_dates(sentence, index, written)
    dates = [d for d in written if d not in headers]
    if reference is not None:
        # "on Friday and Saturday, December 19 and 20": the written days say it all.
        dates += [
            r for r in find_relative_dates(sentence, reference)
            if not any(d.start <= r.start < d.end for d in written)
            and not any(d.date_start and d.date_start <= r.date_start <= d.date_end
                        for d in dates)
        ]  # fmt: skip
    dates.sort(key=lambda d: d.start)
    dates = [d for d in dates if not _REPORTED.search(sentence[max(0, d.start - 20) : d.start])]
    dates = [_shift_year(d, sentence, reference) for d in dates]
    dates = _join_until(dates, sentence)
    span = _SPAN_DAYS.search(sentence)
    if (
        span
        and len(dates) == 1
        and dates[0].date_start == dates[0].date_end
        and dates[0].date_start
    ):
        word = span.group(1).lower()
        days = NUMBER_WORDS.get(word) or int(word)
        day = dates[0].date_start
        if _SPAN_ENDS.search(sentence):
            day_range = (day - timedelta(days=days - 1), day)
        elif _SPAN_SECOND_DAY.search(sentence):
            day_range = (
                day - timedelta(days=1),
                day - timedelta(days=1) + timedelta(days=days - 1),
            )
        else:
            day_range = (day, day + timedelta(days=days - 1))
        dates = [replace(dates[0], date_start=day_range[0], date_end=day_range[1])]
    return dates


def _full_dates(sentences: list[str]) -> list[tuple[int, date]]:
    """(sentence index, date) of every date written with its year."""
    return [
        (index, m.date_start)
        for index, sentence in enumerate(sentences)
        if _HAS_YEAR.search(sentence)  # most sentences have none: skip the full grammar
        for m in find_dates(sentence, None)
        if m.has_year and m.date_start is not None
    ]


def _nearest(full_dates: list[tuple[int, date]], index: int) -> date | None:
    """The full date written nearest to sentence ``index`` (the later one on a tie);
    ``full_dates`` is in sentence order."""
    position = bisect.bisect_left(full_dates, (index, date.min))
    around = full_dates[max(0, position - 1) : position + 1]
    if not around:
        return None
    return min(around, key=lambda item: (abs(item[0] - index), -item[0]))[1]


def _days(start: date | None, end: date | None) -> list[date]:
    if start is None or end is None:
        return []
    return [start + timedelta(days=i) for i in range(min((end - start).days, 31) + 1)]


# Verbs that stand for a meeting, and the word a title uses for them.
_VERB_TITLES = {
    **dict.fromkeys(("met", "meet", "meets", "hosted", "hosts", "hosting", "welcomed",
                     "received", "signed", "signing"), "talks"),
    **dict.fromkeys(("visited", "visiting", "arrived", "arrives", "arriving", "flew in",
                     "land in", "lands in", "landed in"), "visit"),
}  # fmt: skip
GENERIC_MEETINGS = {"talks", "meeting", "meetings", "met", "meet", "meets", "visit", "visits",
                    "visited", "visiting", "arrived", "arrives", "arriving", "flew in",
                    "land in", "lands in", "landed in", "hosted", "hosts", "hosting",
                    "welcomed", "received", "signed", "signing"}  # fmt: skip
# Words that make an article the story of a journey, whose dated places are its legs.
_VIRTUAL = re.compile(
    r"\b(?:virtual(?:ly)?|video ?(?:link|conference|call)s?|videoconferenc\w+|by video|online)\b",
    re.IGNORECASE,
)
_THE_VISIT = re.compile(r"\bthe (?:visit|summit|trip|tour)\b", re.IGNORECASE)
_NEXT_DAY = re.compile(r"\b(?:the following day|the next day|a day later)\b", re.IGNORECASE)
_MONEY_HINT = re.compile(r"\d|billion|million|trillion")
_TOUR_WORDS = re.compile(r"\b(?:tour|trip|journey|legs?|visits?)\b", re.IGNORECASE)
# An undated meeting in the first sentences of a readout or dispatch took place on the
# article's own day: "Vladimir Putin took part in the second Russia – Central Asia summit".
OPENING_SENTENCES = 5
_UNDATED_CUE = re.compile(
    rf"\b{_YEAR}\b|\b(?:{_MONTH})\b|\b(?:last|next|this)\s+(?:year|month|week)\b"
)
_MEETING = [(re.compile(rf"\b(?:{noun})\b", re.IGNORECASE), fmt) for noun, fmt in MEETING_NOUNS]
_C5 = re.compile(
    r"C5\s?\+|Central Asia\s?(?:\+|plus|–|—|-)\s?[A-Z]"
    r"|(?<![A-Za-z])[A-Z][A-Za-z]++\s?(?:–|—|-)\s?Central Asia\b"
    r"|\b(?:five|all five|5) Central Asian\b|Central Asian (?:leaders|presidents|heads of state"
    r"|foreign ministers)|\bC5\b"
    r"|\band Central Asia(?:n (?:countries|states|nations))?\b"
    r"|Central Asian (?:countries|states|nations|republics)"
    r"|\b(?:five|5) (?:former Soviet )?(?:states|countries|republics|presidents|leaders)\b"
    r"|\bregion's five\b"
)
# Each word and each gap between words is taken whole (atomic groups, possessive runs):
# "Athe" is one word, not "A" and "the", so a run of words is read in one way only.
_NAMED_BEFORE = re.compile(
    r"(?<![\w’'+])((?:(?>[A-Z][\w’'+]*+|\d++(?:st|nd|rd|th))"
    r"(?>\s*+(?:[-–—+&]|plus|and|of|the)\s*+|\s++))++)$"
)


def _meetings(text: str) -> list[tuple[int, int, str, str | None]]:
    """(start, end, noun, format) of every meeting word, the most specific at a place."""
    found: list[tuple[int, int, str, str | None]] = []
    for pattern, fmt in _MEETING:
        for match in pattern.finditer(text):
            if not any(s <= match.start() < e for s, e, _, _ in found):
                found.append((match.start(), match.end(), match.group().lower(), fmt))
    return sorted(found)


ADJACENT_CHARS = 12  # "Ashgabat on July 11", "September 8–10 in Uzbekistan"
_VENUE_THEN_DATE = re.compile(r"^\s*,?\s*(?:on|from)?\s*(?:the\s+)?$", re.IGNORECASE)
_DATE_THEN_VENUE = re.compile(
    r"^\s*,?\s*(?:in|at)\s+(?:the\s+)?(?:(?:[\w'’-]+\s+){0,3}?(?:city|capital)\s+of\s+)?$",
    re.IGNORECASE,
)
_ANAPHOR = re.compile(r"\b(?:the|this|that|its)\s+$", re.IGNORECASE)


def _date_venue(text: str, when: DateMention, venues: list[Venue]) -> Venue | None:
    """The venue written right beside a date: "in Tashkent on July 6", "July 7–8 in Astana"."""
    for venue in venues:
        venue_first = venue.end <= when.start <= venue.end + ADJACENT_CHARS + 8
        if venue_first and _VENUE_THEN_DATE.match(text[venue.end : when.start]):
            return venue
        date_first = when.end <= venue.position <= when.end + ADJACENT_CHARS + 32
        if date_first and _DATE_THEN_VENUE.match(text[when.end : venue.position]):
            return venue
    return None


def _own_venue(text: str, end: int, venues: list[Venue]) -> Venue | None:
    """The venue a meeting word names for itself: "the SCO summits in Ufa"."""
    return next(
        (v for v in venues if 0 <= v.position - end <= 40 and v.position > end
         and _VENUE_PREPOSITION.search(text[end : v.position])),
        None,
    )  # fmt: skip


def _events_in(
    text: str,
    dates: list[DateMention],
    parties: list[tuple[int, str]],
    venues: list[Venue],
    gazetteer: Gazetteer,
    reference: date | None,
    legs: bool = False,
    after_event: bool = False,
) -> list[tuple[int, EventCandidate]]:
    """(anchor position, event) for each meeting word paired with a date, nearest pairs first, each
    date and each meeting word used once ("a state visit and … a summit in Bishkek on
    Nov. 27": the date is the summit's). A date written beside a place that no meeting
    word takes is one leg of a tour ("visited Ashgabat on July 11, Bishkek on July 12"),
    where the sentence has a verb of visiting or, with ``legs``, the article is about a
    tour. With ``after_event``, "the summit" speaks of an event already found."""
    dated = [d for d in dates if d.date_start is not None and not d.is_until]
    if not dated:
        return []
    meetings = [m for m in _meetings(text) if not (after_event and _is_anaphor(text, m))]
    beside = {d.start: _date_venue(text, d, venues) for d in dated}
    own = {m[0]: _own_venue(text, m[1], venues) for m in meetings}

    def clash(meeting_start: int, when: DateMention) -> bool:
        a, b = own[meeting_start], beside[when.start]
        return bool(a and b and (a.place_id, a.country_iso3) != (b.place_id, b.country_iso3))

    # A named kind of meeting (a summit, a state visit) takes the date before a generic
    # word ("talks", "met") does, then the nearest pairs go first.
    pairs = sorted(
        (noun in GENERIC_MEETINGS, min(abs(d.start - end), abs(start - d.end)), start, d.start)
        for start, end, noun, _ in meetings
        for d in dated
        if not clash(start, d)
    )
    by_start = {m[0]: m for m in meetings}
    by_date = {d.start: d for d in dated}
    chosen: dict[int, DateMention] = {}
    for _, _, start, date_start in pairs:
        if start not in chosen and date_start not in {d.start for d in chosen.values()}:
            chosen[start] = by_date[date_start]
    used = {d.start for d in chosen.values()}
    visiting = legs or any(
        noun.startswith(("visit", "tour", "arriv")) for _, _, noun, _ in meetings
    )
    leg_dates = [d for d in dated if d.start not in used and beside[d.start] and visiting]
    level = _level(text)
    plan = [(start, chosen[start], *by_start[start][2:]) for start in chosen]
    plan += [(d.start, d, "visit", None) for d in leg_dates]
    latest_end = max((when.date_end for _, when, _, _ in plan), default=None)
    status = _status(text, latest_end, reference)
    events = []
    for start, when, noun, fmt in sorted(plan, key=lambda item: item[0]):
        meeting = (start, by_start[start][1]) if start in by_start else (start, start)
        power = _event_power(text, parties, gazetteer, meeting, carry_over=after_event)
        # The venue beside the date, else the meeting's own, else the nearest to either:
        # "met in the Kazakh capital on June 17 for the summit, two years after the first
        # one in Xi'an".
        venue = (
            beside.get(when.start)
            or own.get(start)
            or min(
                venues,
                key=lambda v: min(abs(v.position - start), abs(v.position - when.start)),
                default=None,
            )
        )
        place = gazetteer.places.get(venue.place_id) if venue and venue.place_id else None
        events.append(
            (
                min(start, when.start),
                EventCandidate(
                    title=_title(
                        text, start, noun, power, gazetteer, exclude=(when.start, when.end)
                    ),
                    date_start=when.date_start,
                    date_end=when.date_end,
                    place_name=place.name if place else None,
                    country_iso3=venue.country_iso3 if venue else None,
                    power_id=power,
                    format=_format(text, noun, fmt, level, power, parties, gazetteer),
                    level=level,
                    status=status,
                    evidence=text,
                ),
            )
        )
    return events


def _is_anaphor(text: str, meeting: tuple[int, int, str, str | None]) -> bool:
    """ "The summit was held on the sidelines …": a meeting already named, not a new one."""
    start, _, noun, _ = meeting
    return noun.startswith(("summit", "visit", "meeting", "talks")) and bool(
        _ANAPHOR.search(text[max(0, start - 6) : start])
    )


_HOSTED_BY = re.compile(r"\bhosted by\s++(?:the\s++)?$")


_OF_NAME = re.compile(r"^\s+of\s+(?:the\s+)?(?:[\w'’ ]{0,40}?\s+of\s+(?:the\s+)?)?$")


def _event_power(
    text: str, parties: list[tuple[int, str]], gazetteer: Gazetteer,
    meeting: tuple[int, int] | None = None, carry_over: bool = False,
) -> str | None:  # fmt: skip
    """The external power whose engagement an event is: the host where the sentence
    names one ("hosted by the United States"); else the party the meeting's own name
    holds ("the second Germany-Central Asia summit", "the Summit of Gulf Cooperation
    Council"); else the power named nearest before the meeting word ("…, and Japan
    finally held its first summit"); else the first power the sentence names."""
    external = [(pos, p) for pos, p in parties if gazetteer.party_kinds.get(p) != "central_asia"]
    for pos, party in external:
        if _HOSTED_BY.search(text[max(0, pos - 20) : pos]):
            return party
    if meeting is not None:
        start, end = meeting
        named = _NAMED_BEFORE.search(text[max(0, start - 80) : start])
        named_from = start - len(named.group(1)) if named else start
        in_name = [
            (gazetteer.party_kinds.get(p) != "organization", pos, p)
            for pos, p in external
            if named_from <= pos < start or (pos > end and _OF_NAME.match(text[end:pos]))
        ]
        if in_name:
            return min(in_name)[2]  # an organisation named in it before a state
        clause_start = max(text.rfind(mark, 0, start) for mark in ",;:")
        before = [p for pos, p in external if clause_start < pos < start]
        if before:
            return before[-1]
        if carry_over:
            return None  # "…, he visited Ashgabat": the traveller of the last event
    return external[0][1] if external else None


def _title(
    text: str, start: int, noun: str, power: str | None, gazetteer: Gazetteer,
    exclude: tuple[int, int],
) -> str | None:  # fmt: skip
    """The meeting's name as the text gives it ("Central Asia–Japan summit"), else the
    power and the kind of meeting ("Japan summit")."""
    before = text[max(exclude[1], 0) if exclude[1] <= start else 0 : start]
    verb = _VERB_TITLES.get(noun)
    # A verb ("Macron arrived", "Trump hosted") names no meeting: the words before it
    # are its subject, not the meeting's name.
    named = None if verb else _NAMED_BEFORE.search(before)
    noun = verb or (re.sub(r"s$", "", noun) if noun not in ("talks",) else noun)
    if named:
        words = named.group(1).strip()
        words = re.sub(r"^(?:(?:The|A|An|[-–—+&]|plus|and|of|the)\s*+)+", "", words).strip()
        if words and words[0].isupper():
            return f"{words} {noun}"
    if power is None:
        return None
    return f"{gazetteer.party_names.get(power, power)} {noun}"


def _format(
    text: str, noun: str, fmt: str | None, level: str | None, power: str | None,
    parties: list[tuple[int, str]], gazetteer: Gazetteer,
) -> str | None:  # fmt: skip
    if fmt is not None:
        return fmt
    is_summit_like = noun.startswith(("summit", "ministerial", "meeting", "talks", "met"))
    if is_summit_like and _C5.search(text):
        return (
            "c5_ministerial"
            if level == "ministers" or noun.startswith("ministerial")
            else "c5_summit"
        )
    if noun.startswith("summit") and gazetteer.party_kinds.get(power or "") == "organization":
        return "multilateral_summit"
    if noun.startswith("summit") and any(
        gazetteer.party_kinds.get(p) == "organization" for _, p in parties
    ):
        return "multilateral_summit"
    if noun in ("talks", "met", "meeting"):
        sides = {gazetteer.party_kinds.get(p) == "central_asia" for _, p in parties}
        if sides == {True, False}:
            return "bilateral_meeting"
    return None


_LEVEL_CUES = [(level, re.compile(rf"\b(?:{cue})", re.IGNORECASE)) for level, cue in LEVEL_CUES]
_STATUS_CUES = [(status, re.compile(cue, re.IGNORECASE)) for status, cue in STATUS_CUES]


def _level(text: str) -> str | None:
    return next((level for level, cue in _LEVEL_CUES if cue.search(text)), None)


def _status(text: str, end: date | None, reference: date | None) -> str | None:
    """Cancelled, postponed or planned where the sentence says so; else held where the
    event ended before the reference date or the sentence speaks in the past."""
    for status, cue in _STATUS_CUES:
        if cue.search(text):
            return status
    if reference is not None and end is not None and end < reference:
        return "held"
    return "held" if PAST_TENSE.search(text) else None


def _fill_missing(target: EventCandidate, other: EventCandidate) -> None:
    """Complete an event from a second mention of it; what the first said stays."""
    for name in ("title", "place_name", "country_iso3", "format", "level", "status"):
        if getattr(target, name) is None:
            setattr(target, name, getattr(other, name))


def _enrich(
    event: EventCandidate, text: str, parties: list[tuple[int, str]], venues: list[Venue],
    gazetteer: Gazetteer,
) -> None:  # fmt: skip
    """Complete an event from a sentence that goes on describing it."""
    if event.place_name is None and venues:
        venue = venues[0]
        place = gazetteer.places.get(venue.place_id or "")
        event.place_name = place.name if place else None
        event.country_iso3 = event.country_iso3 or venue.country_iso3
    meetings = _meetings(text)
    # The first meeting the sentence names ("the inaugural Central Asia–Japan summit"),
    # not a generic word after it ("a dialogue launched …").
    named = next(
        (title for start, _, noun, _ in meetings
         if (title := _title(text, start, noun, None, gazetteer, exclude=(0, 0)))),
        None,
    )  # fmt: skip
    generic = f"{gazetteer.party_names.get(event.power_id or '', '')} "
    if named and (event.title is None or event.title.startswith(generic)):
        event.title = named
    level = _level(text)
    if level is not None and (
        event.level is None or _LEVELS.index(level) < _LEVELS.index(event.level)
    ):
        event.level = level
    if event.format is None:
        event.format = _format(text, meetings[-1][2] if meetings else "", None, event.level,
                               event.power_id, parties, gazetteer)  # fmt: skip


_LEVELS = [level for level, _ in LEVEL_CUES]


def _recipient(text: str, parties: list[tuple[int, str]], gazetteer: Gazetteer) -> str | None:
    """The Central Asian state a sentence speaks of, or C5 for several or the region."""
    countries = {p for _, p in parties if gazetteer.party_kinds.get(p) == "central_asia"}
    if len(countries) == 1 and not _REGION_WORDS.search(text):
        return countries.pop()
    if countries or _REGION_WORDS.search(text):
        return REGION
    return None


def _pledges_in(
    text: str, money_pattern: re.Pattern, parties: list[tuple[int, str]], gazetteer: Gazetteer,
    recipient: str | None, recent: list[tuple[list[str], str | None]], event_index: int | None,
) -> Iterator[PledgeCandidate]:  # fmt: skip
    """Sums of money the sentence presents as commitments, each from the power named
    nearest before it ("Brussels spoke of €12 billion, Tokyo of three trillion yen"). A
    sentence that names no power or recipient ("with a target of 3 trillion yen") takes
    them from the sentences just before it."""
    powers = [(pos, p) for pos, p in parties if gazetteer.party_kinds.get(p) != "central_asia"]
    fallback = powers[0][1] if powers else next((p[0] for p, _ in reversed(recent) if p), None)
    if recipient is None and _deal_between_powers(text, parties, gazetteer):
        return
    recipient = recipient or next((r for _, r in reversed(recent) if r), None)
    if recipient is None:
        return
    mentions = find_money(text, money_pattern, fallback)
    period_years = _period_years(text) if mentions else None
    previous_end = 0
    for i, money in enumerate(mentions):
        clause_end = re.search(r"[,;:]|$", text[money.end :])
        next_start = mentions[i + 1].start if i + 1 < len(mentions) else len(text)
        window = text[previous_end : min(money.end + clause_end.start(), next_start)]
        window_start = previous_end
        previous_end = money.end
        is_pledge, kind = _pledge_kind(window)
        if not is_pledge or money.currency is None:
            continue
        if _STATISTIC.search(window) and not _COMMITMENT.search(window):
            continue  # a measure of trade or output, not a commitment
        before = [p for pos, p in powers if pos < money.start]
        power = before[-1] if before else fallback
        direction = _direction(window, window_start, parties, gazetteer)
        yield PledgeCandidate(
            event_index=event_index,
            power_id=power,
            recipient=recipient,
            amount=money.amount,
            currency=money.currency,
            amount_usd=money.amount_usd,
            period_years=period_years,
            kind="purchase" if direction == "to_power" else kind,
            evidence=text,
            direction=direction,
        )


_WITH = re.compile(r"\bwith\s+(?:the\s+)?$")


def _deal_between_powers(text: str, parties: list[tuple[int, str]], gazetteer: Gazetteer) -> bool:
    """ "China has signed deals worth 500 million pounds with the UK": a sum between two
    outside powers, not a commitment to Central Asia."""
    powers = [(pos, p) for pos, p in parties if gazetteer.party_kinds.get(p) != "central_asia"]
    return len({p for _, p in powers}) > 1 and any(
        _WITH.search(text[max(0, pos - 12) : pos]) for pos, _ in powers[1:]
    )


def _direction(
    window: str, window_start: int, parties: list[tuple[int, str]], gazetteer: Gazetteer
) -> str:
    """to_power where a Central Asian buyer orders from or invests in the power's economy:
    the party named nearest before the purchase word is Central Asian ("Kazakhstan agreed
    to buy locomotives from Wabtec"), or none is named; else to_central_asia ("China will
    buy more Kazakh gas" is money flowing to the region)."""
    cue = _TO_POWER.search(window)
    if cue is None:
        return "to_central_asia"
    at = window_start + cue.start()
    before = [p for pos, p in parties if pos < at]
    if before and gazetteer.party_kinds.get(before[-1]) != "central_asia":
        return "to_central_asia"
    return "to_power"


def _add_pledge(result: Extraction, keys: dict[tuple, int], pledge: PledgeCandidate) -> None:
    """Add a pledge, or merge it into one already found: the same power and the same sum,
    in its currency or in dollars (a headline and the body speak of one package). The
    original currency is kept, and a named state over the region as a whole."""
    candidates = [(pledge.power_id, "amount", pledge.amount, pledge.currency)]
    if pledge.amount_usd is not None:
        candidates.append((pledge.power_id, "usd", pledge.amount_usd, "USD"))
    existing = next((keys[k] for k in candidates if k in keys), None)
    if existing is None:
        result.pledges.append(pledge)
        existing = len(result.pledges) - 1
    else:
        kept = result.pledges[existing]
        if kept.currency == "USD" and pledge.currency != "USD":
            kept, other = pledge, kept
        else:
            other = pledge
        for name in ("event_index", "amount_usd", "period_years", "kind"):
            if getattr(kept, name) is None:
                setattr(kept, name, getattr(other, name))
        if kept.recipient in (None, REGION) and other.recipient not in (None, REGION):
            kept.recipient = other.recipient
        result.pledges[existing] = kept
    merged = result.pledges[existing]
    keys[(merged.power_id, "amount", merged.amount, merged.currency)] = existing
    for key in candidates:
        keys[key] = existing
    if merged.amount_usd is not None:
        keys[(merged.power_id, "usd", merged.amount_usd, "USD")] = existing
