"""The filter object: what it keeps, and its URL form (round trip and garbage)."""

from dataclasses import replace
from datetime import date

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from greatgame.filters import (
    Filters,
    Vocabulary,
    apply_filters,
    attended_events,
    cited_source_ids,
    date_bounds,
    decode_query,
    encode_query,
    is_in,
)

VOCABULARY = Vocabulary(
    powers=("CHN", "JPN", "RUS", "SCO", "USA"),
    formats=("c5_summit", "c5_ministerial", "multilateral_summit", "state_visit"),
    levels=("leaders", "ministers", "officials"),
    event_ids=frozenset({"2025-12-19-central-asia-japan-summit"}),
)


def event_ids(dataset):
    return sorted(dataset.events["event_id"])


def test_default_filters_keep_everything(tiny):
    assert apply_filters(tiny, Filters()) is tiny


def test_power_keeps_its_own_events_and_those_its_leader_attended(tiny):
    china = apply_filters(tiny, Filters(powers=("CHN",)))
    # The SCO summit is the SCO's event, but China's leader was there.
    assert event_ids(china) == ["2023-05-18-china-central-asia-summit", "2024-07-04-sco-summit"]
    assert set(china.participants["event_id"]) == set(event_ids(china))
    assert list(china.pledges["pledge_id"]) == ["2023-05-18-china-26-billion-yuan"]


def test_country_keeps_events_it_attended_or_hosted(tiny):
    kyrgyz = apply_filters(tiny, Filters(countries=("KGZ",)))
    assert "2024-08-09-central-asia-japan-summit" not in event_ids(kyrgyz)
    assert "2024-07-04-sco-summit" in event_ids(kyrgyz)
    # Region-wide pledges concern every country; another country's pledge does not.
    assert set(kyrgyz.pledges["central_asia_party"]) == {"C5", "KGZ"}


def test_date_range_keeps_events_overlapping_it(tiny):
    # The Tokyo summit runs 19-20 Dec 2025: a range starting on the 20th still holds it.
    late = apply_filters(tiny, Filters(date_from=date(2025, 12, 20)))
    assert event_ids(late) == ["2025-12-19-central-asia-japan-summit"]
    assert set(late.pledges["pledge_id"]) == {"2025-12-24-japan-kyrgyzstan-grant"}
    early = apply_filters(tiny, Filters(date_to=date(2019, 12, 31)))
    assert event_ids(early) == ["2019-03-01-central-asia-japan-ministers"]


def test_format_and_level_filter_events_and_drop_pledges_made_outside_events(tiny):
    ministers = apply_filters(tiny, Filters(levels=("ministers",)))
    assert event_ids(ministers) == ["2019-03-01-central-asia-japan-ministers"]
    assert ministers.pledges.empty
    summits = apply_filters(tiny, Filters(formats=("c5_summit",)))
    assert len(summits.events) == 4
    assert "2025-12-24-japan-kyrgyzstan-grant" not in set(summits.pledges["pledge_id"])


def test_sources_are_those_still_cited_and_reference_tables_stay_whole(tiny):
    usa = apply_filters(tiny, Filters(powers=("USA",)))
    cited = set(usa.sources["source_id"])
    assert cited < set(tiny.sources["source_id"])
    assert len(usa.places) == len(tiny.places)
    assert len(usa.corridor_nodes) == len(tiny.corridor_nodes)


def test_a_filter_matching_nothing_gives_empty_tables(tiny):
    nothing = apply_filters(
        tiny, Filters(powers=("USA",), countries=("TKM",), levels=("ministers",))
    )
    assert nothing.events.empty and nothing.participants.empty and nothing.pledges.empty


def test_date_bounds(tiny):
    assert date_bounds(tiny) == (date(2019, 3, 1), date(2025, 12, 20))


def test_encode_leaves_defaults_out_and_repeats_keys():
    assert encode_query(Filters()) == {}
    assert encode_query(Filters(powers=("CHN", "JPN"), date_to=date(2025, 1, 31)), "e") == {
        "power": ["CHN", "JPN"],
        "to": ["2025-01-31"],
        "event": ["e"],
    }


def test_decode_ignores_garbage_with_notices():
    view = decode_query(
        {
            "power": ["JPN", "ATLANTIS"],
            "from": "yesterday",
            "level": "leaders",
            "utm_source": "x",
            "event": "no-such-event",
        },
        VOCABULARY,
    )
    assert view.filters == Filters(powers=("JPN",), levels=("leaders",))
    assert view.event_id is None
    assert len(view.notices) == 4
    assert any("ATLANTIS" in n for n in view.notices)


def test_decode_refuses_a_reversed_range():
    view = decode_query({"from": "2025-01-01", "to": "2024-01-01"}, VOCABULARY)
    assert view.filters == Filters() and view.notices


def test_decode_orders_and_dedupes_values():
    view = decode_query({"power": ["USA", "CHN", "USA"]}, VOCABULARY)
    assert view.filters.powers == ("CHN", "USA")


def subsets(values):
    return st.lists(st.sampled_from(values), unique=True).map(
        lambda chosen: tuple(v for v in values if v in chosen)
    )


filters_strategy = st.builds(
    Filters,
    powers=subsets(VOCABULARY.powers),
    countries=subsets(VOCABULARY.countries),
    date_from=st.none() | st.dates(date(2000, 1, 1), date(2012, 12, 31)),
    date_to=st.none() | st.dates(date(2013, 1, 1), date(2030, 12, 31)),
    formats=subsets(VOCABULARY.formats),
    levels=subsets(VOCABULARY.levels),
)


@given(filters_strategy, st.sampled_from([None, "2025-12-19-central-asia-japan-summit"]))
def test_url_round_trip(filters, event_id):
    view = decode_query(encode_query(filters, event_id), VOCABULARY)
    assert (view.filters, view.event_id, view.notices) == (filters, event_id, ())


# The first examples pay for hypothesis's own warm-up; that is not what is tested.
@settings(suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(["power", "country", "from", "to", "format", "level", "event", "zz"]),
        st.lists(st.text(max_size=12), max_size=3) | st.text(max_size=12),
    )
)
def test_decode_never_raises_on_garbage(params):
    view = decode_query(params, VOCABULARY)
    assert set(view.filters.powers) <= set(VOCABULARY.powers)
    # What was kept encodes to a URL that decodes to the same view without notices.
    again = decode_query(encode_query(view.filters, view.event_id), VOCABULARY)
    assert again.filters == view.filters and again.notices == ()


def test_powers_are_offered_by_name_and_what_a_power_brings_in_is_named(tiny):
    vocabulary = Vocabulary.from_dataset(tiny)
    names = tiny.powers.set_index("power_id").loc[list(vocabulary.powers), "name"]
    assert list(names) == sorted(names)
    brought = attended_events(tiny, ("CHN",))
    assert brought.to_dict("records") == [{"power_id": "SCO", "events": 1}]
    assert attended_events(tiny, ("JPN",)).empty and attended_events(tiny, ()).empty


@given(
    column=st.lists(st.one_of(st.none(), st.sampled_from(["a", "b", "c", "é", ""])), max_size=30),
    values=st.lists(st.one_of(st.none(), st.sampled_from(["a", "c", "é", "", "z"])), max_size=6),
)
def test_is_in_answers_as_pandas_isin_does(column, values):
    series = pd.Series(column, dtype="str")
    expected = series.isin(values)
    for given_values in (values, tuple(values), set(values), pd.Series(values, dtype="str")):
        assert is_in(series, given_values).tolist() == expected.tolist()
    assert is_in(series, values).index.equals(series.index)


def test_cited_source_ids_reads_every_cell_and_skips_empty_ones():
    tables = [
        pd.DataFrame({"source_ids": pd.Series(["s-1;s-2", None, "s-3;;s-1", ""], dtype="str")}),
        pd.DataFrame({"source_ids": pd.Series([], dtype="str")}),
        pd.DataFrame({"other": [1]}),
    ]
    assert cited_source_ids(tables) == {"s-1", "s-2", "s-3"}


def test_a_binned_timeline_dot_narrows_the_filters_to_its_power_and_period():
    from greatgame.ui import bin_filters

    chosen = Filters(powers=("CHN", "RUS"), countries=("KAZ",), formats=("state_visit",))
    narrowed = bin_filters(chosen, "RUS", date(2019, 1, 1), date(2019, 12, 31))
    assert narrowed == Filters(
        powers=("RUS",), countries=("KAZ",), formats=("state_visit",),
        date_from=date(2019, 1, 1), date_to=date(2019, 12, 31),
    )  # fmt: skip
    # A period cut by the dates already chosen stays inside them.
    within = replace(chosen, date_from=date(2019, 3, 15), date_to=date(2019, 6, 1))
    narrowed = bin_filters(within, "CHN", date(2019, 1, 1), date(2019, 12, 31))
    assert (narrowed.date_from, narrowed.date_to) == (date(2019, 3, 15), date(2019, 6, 1))
