"""From news text to candidate rows: the meetings, dates, places, powers, people and
pledges an article states, each with the sentence it came from.

A maintainer reviews the candidates before anything reaches ``data/`` (see
:mod:`greatgame.drafts`, the page "Add from an article" and ``greatgame extract``).

What the extractor knows comes from the dataset: :class:`Gazetteer` is built from a
loaded :class:`~greatgame.data.Dataset` (powers, countries, places, the people in
``participants`` with their offices by date, the currency codes of the schema), so it
learns every name the data learns. The few names data cannot supply (demonyms such as
"Japanese", metonyms such as "the Kremlin", currency words such as "yen") are the
tables of :mod:`greatgame.extract.lexicon`.

Nothing is guessed. A field the text does not state is ``None``; an event needs a
day-precise date in its sentence; a date written without a year takes it only from a
date the article itself gives (the publication date passed in, else a full date in the
dateline, else the nearest full date in the text), choosing the year that puts it
nearest to that date.

One module a concern: ``lexicon`` (the words data cannot give), ``gazetteer`` (the
names data gives), ``text`` (bytes to sentences), ``dates`` (the date grammar),
``names`` (names, venues, people), ``money`` (sums and commitments), ``events`` (a
sentence's events), ``candidates`` (the rows found) and ``reader`` (the article, sentence
by sentence). This package exposes what the rest of greatgame uses.
"""

from greatgame.extract.candidates import (
    EventCandidate,
    Extraction,
    ParticipantCandidate,
    PledgeCandidate,
)
from greatgame.extract.dates import find_dates, reference_date
from greatgame.extract.gazetteer import Gazetteer
from greatgame.extract.money import find_money
from greatgame.extract.reader import extract
from greatgame.extract.text import (
    MAX_ARTICLE_BYTES,
    UnreadableArticle,
    decode_article,
    split_sentences,
)

__all__ = [
    "MAX_ARTICLE_BYTES",
    "EventCandidate",
    "Extraction",
    "Gazetteer",
    "ParticipantCandidate",
    "PledgeCandidate",
    "UnreadableArticle",
    "decode_article",
    "extract",
    "find_dates",
    "find_money",
    "reference_date",
    "split_sentences",
]
