"""From a sentence to events: meeting words paired with dates, tour legs, the venue, the
power, the title, the format, level and status, and when two mentions are one visit.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from greatgame.extract.candidates import EventCandidate
from greatgame.extract.dates import MONTH, YEAR, DateMention
from greatgame.extract.gazetteer import Gazetteer
from greatgame.extract.lexicon import LEVEL_CUES, MEETING_NOUNS, PAST_TENSE, STATUS_CUES
from greatgame.extract.names import VENUE_PREPOSITION, Venue

VISIT_KINDS = ("state_visit", "official_visit", "working_visit")


def same_visit(a: EventCandidate, b: EventCandidate) -> bool:
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
VIRTUAL = re.compile(
    r"\b(?:virtual(?:ly)?|video ?(?:link|conference|call)s?|videoconferenc\w+|by video|online)\b",
    re.IGNORECASE,
)

THE_VISIT = re.compile(r"\bthe (?:visit|summit|trip|tour)\b", re.IGNORECASE)

NEXT_DAY = re.compile(r"\b(?:the following day|the next day|a day later)\b", re.IGNORECASE)

MONEY_HINT = re.compile(r"\d|billion|million|trillion")

TOUR_WORDS = re.compile(r"\b(?:tour|trip|journey|legs?|visits?)\b", re.IGNORECASE)

# An undated meeting in the first sentences of a readout or dispatch took place on the
# article's own day: "Vladimir Putin took part in the second Russia – Central Asia summit".
OPENING_SENTENCES = 5

UNDATED_CUE = re.compile(
    rf"\b{YEAR}\b|\b(?:{MONTH})\b|\b(?:last|next|this)\s+(?:year|month|week)\b"
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


def find_meetings(text: str) -> list[tuple[int, int, str, str | None]]:
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
         and VENUE_PREPOSITION.search(text[end : v.position])),
        None,
    )  # fmt: skip


def events_in(
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
    meetings = [m for m in find_meetings(text) if not (after_event and _is_anaphor(text, m))]
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


def fill_missing(target: EventCandidate, other: EventCandidate) -> None:
    """Complete an event from a second mention of it; what the first said stays."""
    for name in ("title", "place_name", "country_iso3", "format", "level", "status"):
        if getattr(target, name) is None:
            setattr(target, name, getattr(other, name))


def enrich(
    event: EventCandidate, text: str, parties: list[tuple[int, str]], venues: list[Venue],
    gazetteer: Gazetteer,
) -> None:  # fmt: skip
    """Complete an event from a sentence that goes on describing it."""
    if event.place_name is None and venues:
        venue = venues[0]
        place = gazetteer.places.get(venue.place_id or "")
        event.place_name = place.name if place else None
        event.country_iso3 = event.country_iso3 or venue.country_iso3
    meetings = find_meetings(text)
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
