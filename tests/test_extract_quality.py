"""The extractor on the evaluation corpus (articles in our own words, in the styles of
wire copy, readouts, regional outlets, translated press, analysis, announcements,
tours, virtual summits and no-event pieces): the figures may rise, never fall below
these floors. ``python benchmarks/extract_quality.py --misses`` shows what is missed."""

import pytest

from benchmarks.extract_quality import Score, Tally, score_corpus
from greatgame import data
from greatgame.extract import Gazetteer
from tests.conftest import DATA_DIR


@pytest.fixture(scope="module")
def score() -> Score:
    return score_corpus(Gazetteer.from_dataset(data.load_dataset(DATA_DIR)))


def test_the_corpus_is_large_and_varied(score):
    assert score.articles >= 40
    assert score.events_true >= 50 and score.pledges_true >= 10


def test_events_are_found_with_their_days_and_places(score):
    assert Tally(score.events_found, score.events_true).share >= 0.90
    assert score.fields["date_start"].share >= 0.95
    assert score.fields["date_end"].share >= 0.95
    assert score.fields["place"].share >= 0.90
    assert score.fields["power_id"].share >= 0.95
    assert score.fields["status"].share >= 0.95


def test_few_events_are_invented(score):
    assert score.spurious <= score.articles / 10


def test_pledges_keep_amount_currency_and_direction(score):
    assert Tally(score.pledges_found, score.pledges_true).share >= 0.90
    assert Tally(score.pledges_found, score.pledges_extracted).share >= 0.90
    assert score.pledge_direction.share == 1.0


def test_parties_present_are_found(score):
    assert score.parties_recall.share >= 0.65
    assert score.parties_precision.share >= 0.85


def test_scorer_counts_a_miss_and_a_spurious_event(tmp_path):
    """The scorer itself: an article whose truth names an event the text does not hold
    counts as missed, and an event the truth does not list counts as spurious."""
    (tmp_path / "a.txt").write_text(
        "TOKYO, Dec. 20 (Kyodo) - Japan hosted a summit with the five Central Asian "
        "presidents in Tokyo on Friday.\n",
        encoding="utf-8",
    )
    (tmp_path / "a.json").write_text(
        '{"published": "2025-12-20", "events": [{"date_start": "2025-11-06", '
        '"date_end": "2025-11-06", "place": "Washington, D.C.", "power_id": "USA"}], '
        '"pledges": []}',
        encoding="utf-8",
    )
    result = score_corpus(Gazetteer.from_dataset(data.load_dataset(DATA_DIR)), tmp_path)
    assert (result.events_found, result.spurious) == (0, 1)
