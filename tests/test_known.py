"""Which candidate events data/ records already: greatgame.known on the tiny fixture."""

from dataclasses import replace
from datetime import date

import pandas as pd
import pytest

from greatgame.drafts import ArticleSource, draft_tables
from greatgame.extract import EventCandidate, Gazetteer, extract
from greatgame.known import RecordedEvent, recorded_events
from tests.conftest import ROOT

CHINA_SUMMIT = "2023-05-18-china-central-asia-summit"
TOKYO_SUMMIT = "2025-12-19-central-asia-japan-summit"


def candidate(**fields) -> EventCandidate:
    """The Xi'an summit as an article states it (the fixture records it in Beijing)."""
    values = {
        "title": "China–Central Asia summit",
        "date_start": date(2023, 5, 18),
        "date_end": date(2023, 5, 19),
        "place_name": None,
        "country_iso3": None,
        "power_id": "CHN",
        "format": "c5_summit",
        "level": "leaders",
        "status": "held",
        "evidence": "",
    }
    return EventCandidate(**{**values, **fields})


def match(tiny, **fields) -> str | None:
    [found] = recorded_events([candidate(**fields)], tiny)
    return found.event_id if found else None


def test_same_power_days_and_format_is_the_recorded_event(tiny):
    [found] = recorded_events([candidate()], tiny)
    assert found == RecordedEvent(CHINA_SUMMIT, "China–Central Asia summit")


@pytest.mark.parametrize(
    ("days", "expected"),
    [
        ((date(2023, 5, 19), date(2023, 5, 19)), CHINA_SUMMIT),  # the second day only
        ((date(2023, 5, 17), date(2023, 5, 18)), CHINA_SUMMIT),  # arrival the day before
        ((date(2023, 5, 19), None), CHINA_SUMMIT),  # no end day: one day
        ((date(2023, 5, 20), date(2023, 5, 21)), None),  # the day after
        ((date(2023, 5, 16), date(2023, 5, 17)), None),
    ],
)
def test_the_days_must_overlap(tiny, days, expected):
    assert match(tiny, date_start=days[0], date_end=days[1]) == expected


def test_another_power_is_another_event(tiny):
    assert match(tiny, power_id="JPN") is None
    assert match(tiny, power_id="RUS") is None


def test_a_power_named_in_the_participant_rows_is_the_same_event(tiny):
    # The SCO summit's power is SCO; Russia and China are in its participant rows.
    sco_day = {"date_start": date(2024, 7, 4), "date_end": date(2024, 7, 4)}
    for power in ("RUS", "CHN", "SCO"):
        assert match(tiny, power_id=power, format="multilateral_summit", title="SCO summit",
                     **sco_day) == "2024-07-04-sco-summit"  # fmt: skip
    assert match(tiny, power_id="JPN", format="multilateral_summit", **sco_day) is None


def test_same_place_is_enough_when_the_format_differs(tiny):
    other = {"format": "forum", "title": "Xi hosts regional leaders"}
    assert match(tiny, **other) is None
    assert match(tiny, place_name="Beijing", country_iso3="CHN", **other) == CHINA_SUMMIT
    # An article naming only the host country places it too.
    assert match(tiny, country_iso3="CHN", **other) == CHINA_SUMMIT
    assert match(tiny, format=None, title=None, place_name="Beijing", country_iso3="CHN") == (
        CHINA_SUMMIT
    )


def test_same_series_is_enough_when_the_format_differs(tiny):
    # series_id central-asia-plus-japan: every word but "plus" is in the title.
    tokyo = {"date_start": date(2025, 12, 19), "date_end": date(2025, 12, 20),
             "power_id": "JPN", "format": "forum"}  # fmt: skip
    assert match(tiny, title="Central Asia and Japan dialogue", **tokyo) == TOKYO_SUMMIT
    assert match(tiny, title="Japan business forum", **tokyo) is None


def test_a_venue_in_another_country_is_another_event_whatever_the_format(tiny):
    # A tour's next leg: same power, same format, overlapping days, another country.
    assert match(tiny, place_name="Astana", country_iso3="KAZ") is None
    assert match(tiny, place_name="Xi'an", country_iso3="CHN") == CHINA_SUMMIT


def test_kinds_of_visit_count_as_one_format(tiny):
    visit = pd.DataFrame(
        [{**tiny.events.iloc[0].to_dict(), "event_id": "2019-03-02-kono-visit",
          "format": "official_visit", "series_id": pd.NA,
          "date_start": pd.Timestamp("2019-03-02"), "date_end": pd.Timestamp("2019-03-03")}]
    )  # fmt: skip
    data = replace(tiny, events=pd.concat([tiny.events, visit], ignore_index=True))
    on_visit = {"power_id": "JPN", "date_start": date(2019, 3, 3), "date_end": None}
    assert match(data, format="state_visit", **on_visit) == "2019-03-02-kono-visit"
    assert match(data, format="c5_summit", **on_visit) is None


def test_where_several_events_qualify_the_closest_wins(tiny):
    # A talk in Tokyo on the summit's first day, recorded on its own.
    talks = pd.DataFrame(
        [{**tiny.events.iloc[5].to_dict(), "event_id": "2025-12-19-japan-kazakhstan-talks",
          "title": "Japan–Kazakhstan talks", "series_id": pd.NA, "format": "bilateral_meeting",
          "date_end": pd.Timestamp("2025-12-19")}]
    )  # fmt: skip
    data = replace(tiny, events=pd.concat([tiny.events, talks], ignore_index=True))
    assert data.events.iloc[5]["event_id"] == TOKYO_SUMMIT
    in_tokyo = {"power_id": "JPN", "place_name": "Tokyo", "country_iso3": "JPN",
                "date_start": date(2025, 12, 19), "date_end": date(2025, 12, 19)}  # fmt: skip
    assert match(data, format="bilateral_meeting", title="talks", **in_tokyo) == (
        "2025-12-19-japan-kazakhstan-talks"
    )
    assert match(data, format="c5_summit", title="Central Asia–Japan summit", **in_tokyo) == (
        TOKYO_SUMMIT
    )


@pytest.mark.parametrize("missing", ["date_start", "power_id"])
def test_without_a_date_or_a_power_a_candidate_is_new(tiny, missing):
    assert match(tiny, **{missing: None}) is None


def test_every_candidate_gets_an_answer_in_order(tiny):
    candidates = [candidate(power_id="USA"), candidate(), candidate(date_start=None)]
    assert [r and r.event_id for r in recorded_events(candidates, tiny)] == [
        None, CHINA_SUMMIT, None,
    ]  # fmt: skip
    assert recorded_events([], tiny) == []


def test_a_virtual_meeting_without_a_venue_still_matches(tiny):
    events = tiny.events.copy()
    events.loc[events["event_id"] == CHINA_SUMMIT, "place_id"] = pd.NA
    data = replace(tiny, events=events)
    assert match(data, place_name="Xi'an", country_iso3="CHN") == CHINA_SUMMIT


# --- draft rows for recorded events --------------------------------------------------------

SEED = ROOT / "seeds" / "000_945f6f9da6b2f31e.txt"
SOURCE = ArticleSource("https://example.org/seed", "Example", "Seed", None, date(2026, 1, 1))


def seed_drafts(dataset, source=SOURCE):
    gazetteer = Gazetteer.from_dataset(dataset)
    found = extract(SEED.read_text(encoding="utf-8"), gazetteer)
    recorded = [r and r.event_id for r in recorded_events(found.events, dataset)]
    return recorded, draft_tables(found, dataset, gazetteer, source, recorded)


def test_the_seed_article_names_two_recorded_events_and_one_new(tiny):
    recorded, _ = seed_drafts(tiny)
    # The C5+1 and Tokyo summits are in the fixture; the CSTO summit in Bishkek is not.
    assert recorded == ["2025-11-06-c5-plus-1-summit", None, TOKYO_SUMMIT]


def test_recorded_events_get_no_draft_rows_unless_they_add_something(tiny):
    _, frames = seed_drafts(tiny)
    assert list(frames["events"]["date_start"]) == ["2025-11-27"]
    # Every Tokyo participant and the 3 trillion yen target are recorded already; the
    # new event's rows stay, citing the article, and so does the source they cite.
    assert set(frames["participants"]["event_id"]) == {frames["events"]["event_id"].iloc[0]}
    assert "JPY" not in set(frames["pledges"]["currency"])
    assert list(frames["sources"]["source_id"]) == [SOURCE.source_id]


def test_a_participant_data_lacks_is_drafted_for_the_recorded_event(tiny):
    # Without Japan's row (the article names Takaichi) and the yen target.
    participants = tiny.participants
    without_japan = participants[
        ~((participants["event_id"] == TOKYO_SUMMIT) & (participants["party_id"] == "JPN"))
    ]
    pledges = tiny.pledges[tiny.pledges["currency"] != "JPY"]
    data = replace(tiny, participants=without_japan, pledges=pledges)
    _, frames = seed_drafts(data)
    tokyo = frames["participants"][frames["participants"]["event_id"] == TOKYO_SUMMIT]
    assert list(zip(tokyo["party_id"], tokyo["person"], strict=True)) == [("JPN", "Sanae Takaichi")]
    [pledge] = [p for p in frames["pledges"].to_dict("records") if p["currency"] == "JPY"]
    assert pledge["event_id"] == TOKYO_SUMMIT
    assert TOKYO_SUMMIT not in set(frames["events"]["event_id"])


def test_an_article_adding_nothing_drafts_no_source_row_for_nobody_to_cite(tiny):
    gazetteer = Gazetteer.from_dataset(tiny)
    found = extract(SEED.read_text(encoding="utf-8"), gazetteer)
    found.events, found.participants = found.events[2:], []  # the Tokyo summit alone
    found.pledges = [replace(p, event_index=0) for p in found.pledges if p.currency == "JPY"]
    recorded = [r and r.event_id for r in recorded_events(found.events, tiny)]
    frames = draft_tables(found, tiny, gazetteer, SOURCE, recorded)
    assert recorded == [TOKYO_SUMMIT]
    assert all(frame.empty for frame in frames.values())
    # Drafted as new, the same candidate gives every row, the source among them.
    frames = draft_tables(found, tiny, gazetteer, SOURCE)
    assert len(frames["events"]) == 1 and len(frames["sources"]) == 1
