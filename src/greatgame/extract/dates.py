"""The date grammar: written dates ("Dec. 19–20", "19-20 December 2025", "24.10.2023"),
days named against the article's date ("on Friday", "today", "on the 11th"), datelines
and headers that date the article rather than an event, and the spans a sentence gives
("wrapped up a two-day summit … on Friday", "until March 17").

Dates are read by this small grammar rather than by a general parser: dateparser
(tried) reads "Dec. 19–20" as December 1 and "June 16–18" as 2018, and cannot say
which span of a sentence is a date.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace
from datetime import date, timedelta

from greatgame.extract.gazetteer import Gazetteer
from greatgame.extract.lexicon import LOOK_BACK, NUMBER_WORDS

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

MONTH = r"(?:" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"

_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"

YEAR = r"(?:19|20)\d\d"

_TO = r"\s*+(?:[-–—]|to|until|through|and)\s*+"

_WEEKDAY = r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s++)?"

_DATE = re.compile(
    # Month first: "Dec. 19–20", "Nov. 6", "Friday, Dec. 19, 2025", "Nov. 30–Dec. 2, 2025"
    rf"\b{_WEEKDAY}(?P<m1>{MONTH})\s++(?P<d1>{_DAY})(?:,?\s++(?P<y1>{YEAR}))?"
    rf"(?:{_TO}(?:(?P<m2>{MONTH})\s++)?(?P<d2>{_DAY})(?!\s*+{MONTH}))?(?:,?\s++(?P<y2>{YEAR}))?"
    rf"(?![\d:%])"
    # Day first: "19-20 December 2025", "4 April 2025", "30 November – 2 December"
    rf"|\b{_WEEKDAY}(?P<d3>{_DAY})(?:\s++(?P<m3>{MONTH}))?(?:{_TO}(?P<d4>{_DAY}))?"
    rf"\s++(?:of\s++)?(?P<m4>{MONTH})(?:,?\s++(?P<y4>{YEAR}))?\b"
    # ISO 8601
    rf"|\b(?P<iso>{YEAR}-[01]\d-[0-3]\d)\b"
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
    rf"\b(?P<d>[0-3]?\d)\.(?P<m>[01]?\d)\.(?P<y>{YEAR})\b"
    rf"|\b(?P<d2>[0-3]?\d)-(?P<m2>{_MONTH_ABBREVIATIONS})-(?P<y2>{YEAR})\b"
)

# Days named relative to the article's own date: "on Friday", "today", "on the 11th–12th".
_RELATIVE_DAY = re.compile(
    rf"\b(?P<weekday>{'|'.join(_WEEKDAYS)})\b(?!,?\s+(?:the\s+)?\d|,?\s+{MONTH}\s)"
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


_HAS_YEAR = re.compile(YEAR)

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


def sentence_dates(sentence: str, index: int, reference: date | None) -> list[DateMention]:
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


def dated_sentences(sentences: list[str]) -> list[tuple[int, date]]:
    """(sentence index, date) of every date written with its year."""
    return [
        (index, m.date_start)
        for index, sentence in enumerate(sentences)
        if _HAS_YEAR.search(sentence)  # most sentences have none: skip the full grammar
        for m in find_dates(sentence, None)
        if m.has_year and m.date_start is not None
    ]


def nearest_date(full_dates: list[tuple[int, date]], index: int) -> date | None:
    """The full date written nearest to sentence ``index`` (the later one on a tie);
    ``full_dates`` is in sentence order."""
    position = bisect.bisect_left(full_dates, (index, date.min))
    around = full_dates[max(0, position - 1) : position + 1]
    if not around:
        return None
    return min(around, key=lambda item: (abs(item[0] - index), -item[0]))[1]


def days_between(start: date | None, end: date | None) -> list[date]:
    if start is None or end is None:
        return []
    return [start + timedelta(days=i) for i in range(min((end - start).days, 31) + 1)]
