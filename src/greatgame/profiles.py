"""Profiles: one outside power in Central Asia, or one Central Asian state and the
powers: the headline facts in a sentence, and how a power compares with the others in
the race. Pure functions of the whole dataset (a first is a fact about history).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import pandas as pd

from greatgame.data import Dataset
from greatgame.display import first_upper, usd
from greatgame.export import party_names
from greatgame.figures import event_parties, meeting_matrix, race_table
from greatgame.filters import Filters, apply_filters
from greatgame.metrics import TO_CENTRAL_ASIA, TO_POWER, countable_pledges, format_date_range

# Ranks are counted among states and blocs; organisations are venues, not racers.
RANK_COLUMNS = {
    "leaders_meetings": "Leaders' meetings held",
    "pledged_usd": "Announced for Central Asia, USD",
    "years_since_first_summit": "Years since its first 'Central Asia + X' summit",
}


def power_filters(power_id: str) -> Filters:
    """The filters that cut a dataset to one power's record."""
    return Filters(powers=(power_id,))


def country_filters(iso3: str) -> Filters:
    """The filters that cut a dataset to one Central Asian state's record."""
    return Filters(countries=(iso3,))


@dataclass(frozen=True)
class PowerProfile:
    power_id: str
    name: str
    data: Dataset  # the dataset cut to this power's events and pledges
    headline: str
    ranks: pd.DataFrame  # measure, value, rank ("3 of 20")


def _first(events: pd.DataFrame, event_format: str) -> pd.Series | None:
    held = events[(events["format"] == event_format) & (events["status"] == "held")]
    return None if held.empty else held.sort_values("date_start").iloc[0]


def _place(dataset: Dataset, place_id: object) -> str:
    places = dataset.places.set_index("place_id")["name"]
    return f" in {places[place_id]}" if isinstance(place_id, str) else " by video link"


def _leaders_met(dataset: Dataset, side: str, party_ids: tuple[str, ...]) -> list[str]:
    """Who took part at leaders' level for these parties, most events first."""
    people = dataset.participants.merge(
        dataset.events[["event_id", "level", "status"]], on="event_id"
    )
    people = people[
        (people["status"] == "held")
        & (people["level"] == "leaders")
        & (people["side"] == side)
        & people["party_id"].isin(party_ids)
    ]
    counts = people.groupby("person")["event_id"].nunique().sort_values(ascending=False)
    return list(counts.index)


def _listed(names: list[str], most: int = 6) -> str:
    shown = names[:most]
    more = len(names) - len(shown)
    return ", ".join(shown) + (f" and {more} more" if more > 0 else "")


def _years_between(start: pd.Timestamp, end: pd.Timestamp) -> str:
    years = (end - start).days / 365.25
    return "the same year" if years < 1 else f"{years:.0f} years later"


def power_ranks(
    dataset: Dataset, today: pd.Timestamp, race: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Every state and bloc with its leaders' meetings, USD announced for Central Asia
    and years since its first 'Central Asia + X' summit, over the whole dataset.
    ``race``, when the caller holds it already, is ``race_table(dataset, dataset)``."""
    race = (race_table(dataset, dataset) if race is None else race).set_index("power_id")
    pledges = countable_pledges(dataset.pledges, TO_CENTRAL_ASIA)
    pledged = pledges.groupby("power_id")["amount_usd"].sum(min_count=1)
    frame = pd.DataFrame(
        {
            "name": race["power_name"],
            "leaders_meetings": race["leaders_meetings"],
            "pledged_usd": pledged.reindex(race.index),
            "years_since_first_summit": ((today - race["first_c5_summit"]).dt.days / 365.25).round(
                1
            ),
        }
    )
    return frame


def power_profile(
    dataset: Dataset,
    power_id: str,
    today: pd.Timestamp,
    cut: Dataset | None = None,
    ranks: pd.DataFrame | None = None,
) -> PowerProfile:
    """One power in Central Asia, over the whole dataset: its firsts, its pace, the
    leaders who met, and its rank among the others. When the caller holds them
    already, ``cut`` is ``dataset`` filtered to the power (:func:`power_filters`) and
    ``ranks`` is :func:`power_ranks` of ``dataset`` and ``today``."""
    names = party_names(dataset)
    name = str(names.get(power_id, power_id))
    data = apply_filters(dataset, power_filters(power_id)) if cut is None else cut
    own = dataset.events[dataset.events["power_id"] == power_id]
    parts = []
    ministerial, summit = _first(own, "c5_ministerial"), _first(own, "c5_summit")
    if ministerial is not None:
        parts.append(
            f"{name} first met the five Central Asian states' ministers together on "
            f"{format_date_range(ministerial['date_start'], ministerial['date_end'])}"
            f"{_place(dataset, ministerial['place_id'])}"
        )
    if summit is not None:
        when = format_date_range(summit["date_start"], summit["date_end"])
        later = (
            f", {_years_between(ministerial['date_start'], summit['date_start'])}"
            if ministerial is not None
            else ""
        )
        parts.append(
            f"its first 'Central Asia + X' leaders' summit was on {when}"
            f"{_place(dataset, summit['place_id'])}{later}"
        )
    elif ministerial is not None:
        parts.append("it has held no 'Central Asia + X' leaders' summit")
    held = data.events[data.events["status"] == "held"]
    parties = event_parties(data)
    leaders = parties[
        (parties["power"] == power_id)
        & (parties["status"] == "held")
        & (parties["level"] == "leaders")
    ]
    meetings = leaders["event_id"].nunique()
    sentences = [first_upper("; ".join(parts) + ".")] if parts else []
    if not held.empty:
        first_year, last_year = held["date_start"].min().year, held["date_start"].max().year
        span = max(1, last_year - first_year + 1)
        sentences.append(
            f"From {first_year} to {last_year}: {len(held):,} events held, "
            f"{meetings:,} of them leaders' meetings with Central Asian leaders "
            f"({meetings / span:.1f} a year)."
        )
    met = _leaders_met(data, "central_asia", tuple(dataset.countries["iso3"]))
    own_leaders = _leaders_met(data, "external", (power_id,))
    if own_leaders:
        sentences.append(f"Its leaders at these meetings: {_listed(own_leaders)}.")
    if met:
        sentences.append(f"Central Asian leaders they met: {_listed(met)}.")
    if not sentences:
        sentences.append(f"The data holds no held event of {name} yet.")
    return PowerProfile(
        power_id,
        name,
        data,
        " ".join(sentences),
        _rank_rows(power_ranks(dataset, today) if ranks is None else ranks, power_id),
    )


def _rank_value(column: str, value: float) -> str:
    if column == "pledged_usd":
        return usd(value)
    if column == "years_since_first_summit":
        return f"{value:.1f}"
    return f"{value:,.0f}"


def _rank_rows(ranks: pd.DataFrame, power_id: str) -> pd.DataFrame:
    """The power's place on each measure of the race (``ranks``, see
    :func:`power_ranks`): the value and its rank (1 is the most meetings, the most money
    announced, the longest since a first summit)."""
    rows = []
    for column, measure in RANK_COLUMNS.items():
        values = ranks[column].dropna()
        if power_id not in values.index:
            rows.append({"measure": measure, "value": "", "rank": "none in the data"})
            continue
        position = int(values.rank(ascending=False, method="min")[power_id])
        rows.append(
            {
                "measure": measure,
                "value": _rank_value(column, values[power_id]),
                "rank": f"{position} of {len(values)}",
            }
        )
    return pd.DataFrame(rows, columns=["measure", "value", "rank"])


@dataclass(frozen=True)
class CountryProfile:
    iso3: str
    name: str
    data: Dataset  # the dataset cut to this state's events and pledges
    headline: str
    partners: pd.DataFrame  # power, leaders' meetings, USD announced to, USD of deals from


def country_profile(dataset: Dataset, iso3: str, cut: Dataset | None = None) -> CountryProfile:
    """One Central Asian state and the powers: whom its leaders met most, what was
    announced for it and what it committed to the powers' economies. ``cut``, when
    the caller holds it already, is ``dataset`` filtered to the state
    (:func:`country_filters`)."""
    names = party_names(dataset)
    name = str(names.get(iso3, iso3))
    data = apply_filters(dataset, country_filters(iso3)) if cut is None else cut
    matrix = meeting_matrix(data)
    meetings = matrix.loc[name] if name in matrix.index else pd.Series(dtype=int)
    meetings = meetings[meetings > 0].sort_values(ascending=False)
    # Pledges to the region as a whole are counted apart: they are not this state's.
    own = replace(data, pledges=data.pledges[data.pledges["central_asia_party"] == iso3])
    to_state = countable_pledges(own.pledges, TO_CENTRAL_ASIA)
    from_state = countable_pledges(own.pledges, TO_POWER)
    power_names = dataset.powers.set_index("power_id")["name"]
    partners = pd.concat(
        {
            "leaders_meetings": meetings,
            "announced_usd": to_state.groupby(to_state["power_id"].map(power_names))[
                "amount_usd"
            ].sum(min_count=1),
            "deals_to_power_usd": from_state.groupby(from_state["power_id"].map(power_names))[
                "amount_usd"
            ].sum(min_count=1),
        },
        axis=1,
    )
    partners["leaders_meetings"] = partners["leaders_meetings"].fillna(0).astype(int)
    partners = partners.sort_values(["leaders_meetings", "announced_usd"], ascending=False)
    partners = partners.rename_axis("power_name").reset_index()
    held = data.events[data.events["status"] == "held"]
    sentences = []
    if not meetings.empty:
        top = ", ".join(f"{power} ({int(n)})" for power, n in meetings.head(3).items())
        sentences.append(
            f"{name}'s leaders met the leaders of {len(meetings)} outside powers and "
            f"organisations in the data; most often {top}."
        )
    if not held.empty:
        sentences.append(
            f"{len(held):,} events held with {name} present or as host, "
            f"{held['date_start'].min().year}–{held['date_start'].max().year}."
        )
    leaders = _leaders_met(data, "central_asia", (iso3,))
    if leaders:
        sentences.append(f"Its leaders at these meetings: {_listed(leaders)}.")
    return CountryProfile(
        iso3, name, data, " ".join(sentences) or f"The data holds no event of {name} yet.",
        partners,
    )  # fmt: skip
