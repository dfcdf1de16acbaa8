"""The reader that goes through an article sentence by sentence, remembering what earlier
sentences said (the last event, the powers and recipients just named, the offices
stated, the traveller), and :func:`extract`, its entry point.
"""

from __future__ import annotations

from datetime import date, timedelta

from greatgame.data import CENTRAL_ASIA
from greatgame.extract.candidates import EventCandidate, Extraction, ParticipantCandidate
from greatgame.extract.dates import (
    DateMention,
    dated_sentences,
    dateline_place,
    days_between,
    nearest_date,
    reference_date,
    sentence_dates,
)
from greatgame.extract.events import (
    MONEY_HINT,
    NEXT_DAY,
    OPENING_SENTENCES,
    THE_VISIT,
    TOUR_WORDS,
    UNDATED_CUE,
    VIRTUAL,
    enrich,
    events_in,
    fill_missing,
    find_meetings,
    same_visit,
)
from greatgame.extract.gazetteer import Gazetteer, Place
from greatgame.extract.lexicon import PAST_TENSE, REGION
from greatgame.extract.money import (
    REGION_WORDS,
    add_pledge,
    compile_money_pattern,
    deal_between_powers,
    pledge_recipient,
    pledges_in,
)
from greatgame.extract.names import (
    PersonMention,
    find_names,
    find_parties,
    find_people,
    find_venues,
)
from greatgame.extract.text import split_sentences

CONTEXT_SENTENCES = 3  # how far back a sentence looks for the power or recipient it omits

CONTINUATION_SENTENCES = 2  # how far an undated sentence can still describe the last event


def extract(text: str, gazetteer: Gazetteer, published: date | None = None) -> Extraction:
    """The candidate events, participants and pledges an article states."""
    sentences = split_sentences(text)
    reader = _ArticleReader(gazetteer, reference_date(text, published), dated_sentences(sentences))
    reader.is_tour = bool(TOUR_WORDS.search(text))
    reader.about_region = bool(REGION_WORDS.search(text))
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
        self.money_pattern = compile_money_pattern(gazetteer.currencies)
        self.result = Extraction()
        self.events_by_day: dict[tuple[str | None, date], set[int]] = {}
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
        parties = find_parties(sentence, names)
        powers = [p for _, p in parties if g.party_kinds.get(p) != "central_asia"]
        reference = self.reference or nearest_date(self.full_dates, index)
        dates = sentence_dates(sentence, index, reference)
        venues = find_venues(sentence, names, g)

        near_last = (
            self.last_event is not None
            and index - self.last_event_sentence <= CONTINUATION_SENTENCES
        )
        if not dates and near_last and (following := NEXT_DAY.search(sentence)):
            day = self.result.events[self.last_event].date_end + timedelta(days=1)
            dates = [DateMention(following.start(), following.end(), day, day, False)]
        events = events_in(
            sentence, dates, parties, venues, g, self.reference,
            legs=self.is_tour, after_event=near_last,
        )  # fmt: skip
        until = [d for d in dates if d.is_until and d.date_end]
        if not events and len(until) == len(dates) and self._opens_on_its_own_day(sentence, index):
            # "Rahmon arrived in Moscow …, which will last until March 17"
            end = max([self.reference, *(d.date_end for d in until)])
            today = DateMention(0, 0, self.reference, end, False)
            events = events_in(sentence, [today], parties, venues, g, self.reference)
        touched = [self._add_event(event) for _, event in events]
        anchors = dict(zip(touched, (anchor for anchor, _ in events), strict=True))
        speaks_of_it = self.last_event is not None and bool(THE_VISIT.search(sentence))
        if not touched and until and (near_last or speaks_of_it):
            last = self.result.events[self.last_event]
            if last.date_end and last.date_end < until[0].date_end:
                last.date_end = until[0].date_end
            touched.append(self.last_event)
        if not touched and self._describes_last_event(sentence, powers, index):
            touched.append(self.last_event)
            enrich(self.result.events[self.last_event], sentence, parties, venues, g)
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

        recipient = pledge_recipient(sentence, parties, g)
        event_index = touched[0] if touched else self.last_event
        if (
            recipient is None
            and self.about_region
            and not deal_between_powers(sentence, parties, g)
            and MONEY_HINT.search(sentence)
        ):
            # An analysis of the region ("Brussels spoke of €12 billion, Tokyo of …")
            recipient = self.recent_recipient() or REGION
        for pledge in pledges_in(
            sentence, self.money_pattern, parties, g, recipient, self.recent, event_index
        ):
            add_pledge(self.result, self.pledge_keys, pledge)
        self.recent = [*self.recent, (powers, recipient)][-CONTEXT_SENTENCES:]

    def recent_recipient(self) -> str | None:
        return next((r for _, r in reversed(self.recent) if r), None)

    def _opens_on_its_own_day(self, sentence: str, index: int) -> bool:
        return (
            self.reference is not None
            and not self.result.events
            and index < OPENING_SENTENCES
            and bool(find_meetings(sentence))
            and bool(PAST_TENSE.search(sentence))
            and not UNDATED_CUE.search(sentence)
        )

    def _add_event(self, event: EventCandidate) -> int:
        """Add an event, or complete the one already found for the same power on an
        overlapping or the next day at the same place; return its index. An event that
        names no power is the last event's power's ("he went on to Astana")."""
        if event.power_id is None and self.last_event is not None:
            event.power_id = self.result.events[self.last_event].power_id
        if VIRTUAL.search(event.evidence):
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
        # Mentions of one visit lie within a day of each other: look only there.
        near = (
            days_between(event.date_start - timedelta(days=1), event.date_end + timedelta(days=1))
            if event.date_start is not None
            else []
        )
        nearby = sorted({i for d in near for i in self.events_by_day.get((event.power_id, d), ())})
        index = next((i for i in nearby if same_visit(self.result.events[i], event)), None)
        if index is not None:
            other = self.result.events[index]
            other.date_start = min(other.date_start, event.date_start)
            other.date_end = max(other.date_end, event.date_end)
            fill_missing(other, event)
        else:
            self.result.events.append(event)
            index = len(self.result.events) - 1
        kept = self.result.events[index]
        for day in days_between(kept.date_start, kept.date_end):
            self.events_by_day.setdefault((kept.power_id, day), set()).add(index)
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
        if not find_meetings(sentence):
            return False
        return not powers or self.result.events[self.last_event].power_id in powers
