"""Hostile articles: whatever the text, the extractor's time grows in step with its
length. Each pattern is linear (atomic groups, possessive runs), so an article of a few
hundred bytes can no longer hold the server for minutes."""

import signal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from greatgame import extract
from greatgame.data import load_dataset
from tests.conftest import DATA_DIR

# Generous: a linear extractor takes a few milliseconds per KB on a quiet machine; the
# patterns this replaces took 38 s for 132 bytes, and doubled with every 4 more.
SECONDS_PER_KB = 0.5
SECONDS_AT_LEAST = 2.0

# Pieces that made patterns backtrack, or could: words that split two ways ("Athe"),
# runs of end marks, separators, digits and brackets, month and currency tokens, names
# the gazetteer knows, and text in other scripts.
PIECES = [
    "Athe", "A", "C5+1", "the", "and", "of", "plus", "&", "-", "–", "+", " ", "\n",
    ".", "!", "?", "…", '"', "’", ")", "(", "[", ",", "'",
    "1", "19", "1,000", "3.5", "$", "¥", "bn", "yen",
    "Dec.", "19th", "to", "U.S.", "Mr.",
    "Central Asia", "Japan", "President", "summit", "met", "cancel", "over", "years",
    "Токио", "東京", "ı", "é", "\u200b",
]  # fmt: skip

# A run is a unit of one to three pieces, repeated: "AtheAthe…", "A A A …", ".!.!…".
units = st.lists(st.sampled_from(PIECES), min_size=1, max_size=3).map("".join)
runs = st.lists(st.tuples(units, st.integers(min_value=1, max_value=300)), min_size=1, max_size=3)


@pytest.fixture(scope="module")
def gazetteer():
    return extract.Gazetteer.from_dataset(load_dataset(DATA_DIR))


def within_bound(text: str, gazetteer) -> bool:
    """Whether the extractor reads ``text`` within its time bound; an alarm stops it
    there (``re`` checks for signals while it matches), so a test cannot hang."""
    bound = max(SECONDS_AT_LEAST, SECONDS_PER_KB * len(text.encode("utf-8")) / 1024)

    def stop(signum, frame):
        raise TimeoutError

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, bound)
    try:
        extract.extract(text, gazetteer)
        return True
    except TimeoutError:
        return False
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(runs=runs, text=st.text(max_size=40))
def test_time_grows_with_length_only(gazetteer, runs, text):
    # Each run inside a dated meeting, where titles, places, people and sums are looked
    # for, then every run in one line.
    # ("annual" ends a run of words where no title can be read.)
    lines = [f"On Dec. 19, 2025 {unit * count} annual{text} summit in Tokyo with President "
             "Tokayev." for unit, count in runs]  # fmt: skip
    article = "\n".join([*lines, text + "".join(unit * count for unit, count in runs)])
    assert within_bound(article, gazetteer)


@pytest.mark.parametrize(
    "article",
    [
        "On Dec. 19, 2025 " + "Athe" * 26 + " x summit.\n",  # the reported 132 bytes
        "." * 200_000,
        "!?" * 100_000 + "a",
        "1," + "111," * 50_000,
        "A " * 100_000 + ".",
        "A" * 200_000 + "–Central Asia",
        "Dec. " * 40_000,
        "(" * 100_000 + ")" * 100_000,
    ],
    ids=["athe", "dots", "marks", "thousands", "capitals", "one-word", "months", "brackets"],
)
def test_known_hostile_articles_take_time_in_step_with_length(gazetteer, article):
    assert within_bound(article, gazetteer)
