"""The one filter object, the one function that applies it, and its URL form.

URL query parameters (a key repeats for several values; defaults are left out):
``power``, ``country``, ``from``, ``to`` (ISO dates), ``format``, ``level``, and
``event`` (the event whose record is open).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date

import pandas as pd

from greatgame.data import CENTRAL_ASIA, Dataset, resource_schemas, split_ids

REGION_RECIPIENT = "C5"
# Fact tables are cut by the filters; the reference tables they point to stay whole
# so that every id in a filtered view still resolves.
FACT_TABLES = ("events", "participants", "pledges", "outcomes")


@dataclass(frozen=True)
class Filters:
    """What the reader asked to see. An empty tuple or None means "no restriction"."""

    powers: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    date_from: date | None = None
    date_to: date | None = None
    formats: tuple[str, ...] = ()
    levels: tuple[str, ...] = ()

    @property
    def is_default(self) -> bool:
        return self == Filters()


@dataclass(frozen=True)
class Vocabulary:
    """The values a filter may take, read from the dataset and its schema."""

    powers: tuple[str, ...]
    countries: tuple[str, ...] = CENTRAL_ASIA
    formats: tuple[str, ...] = ()
    levels: tuple[str, ...] = ()
    event_ids: frozenset[str] = frozenset()

    @classmethod
    def from_dataset(cls, dataset: Dataset) -> Vocabulary:
        events = resource_schemas(dataset.descriptor)["events"]["schema"]["fields"]
        enums = {f["name"]: tuple(f.get("constraints", {}).get("enum", ())) for f in events}
        return cls(
            powers=tuple(dataset.powers["power_id"]),
            countries=tuple(dataset.countries["iso3"]),
            formats=enums["format"],
            levels=enums["level"],
            event_ids=frozenset(dataset.events["event_id"]),
        )


@dataclass(frozen=True)
class ViewState:
    """Everything the URL carries: the filters, the open event, and what was ignored."""

    filters: Filters = Filters()
    event_id: str | None = None
    notices: tuple[str, ...] = field(default=(), compare=False)


# --- URL encode / decode ---------------------------------------------------------------------

_LIST_PARAMS = {"power": "powers", "country": "countries", "format": "formats", "level": "levels"}


def encode_query(filters: Filters, event_id: str | None = None) -> dict[str, list[str]]:
    """Query parameters for a view: repeated keys for lists, defaults left out."""
    params: dict[str, list[str]] = {}
    for key, attribute in _LIST_PARAMS.items():
        values = getattr(filters, attribute)
        if values:
            params[key] = list(values)
    if filters.date_from is not None:
        params["from"] = [filters.date_from.isoformat()]
    if filters.date_to is not None:
        params["to"] = [filters.date_to.isoformat()]
    if event_id:
        params["event"] = [event_id]
    return params


def _as_list(value: str | Iterable[str]) -> list[str]:
    return [value] if isinstance(value, str) else list(value)


def decode_query(params: Mapping[str, str | Iterable[str]], vocabulary: Vocabulary) -> ViewState:
    """The view a URL asks for. Unknown keys and values are dropped with a notice for
    the reader; nothing here raises."""
    notices: list[str] = []
    chosen: dict[str, object] = {}
    for key, attribute in _LIST_PARAMS.items():
        allowed = getattr(vocabulary, attribute)
        values, unknown = [], []
        for value in _as_list(params.get(key, [])):
            (values if value in allowed else unknown).append(value)
        if unknown:
            notices.append(f"Ignored unknown {key} value(s) in the link: {', '.join(unknown)}.")
        # Keep the vocabulary's order and drop repeats, so equal views encode equally.
        chosen[attribute] = tuple(v for v in allowed if v in values)
    for key, attribute in (("from", "date_from"), ("to", "date_to")):
        raw = _as_list(params.get(key, []))
        if not raw:
            continue
        try:
            chosen[attribute] = date.fromisoformat(raw[-1])
        except (TypeError, ValueError):
            notices.append(f"Ignored the {key} date in the link: {raw[-1]!r} is not YYYY-MM-DD.")
    start, end = chosen.get("date_from"), chosen.get("date_to")
    if start and end and start > end:
        notices.append("Ignored the date range in the link: its start is after its end.")
        del chosen["date_from"], chosen["date_to"]
    event_id = None
    events = _as_list(params.get("event", []))
    if events:
        if events[-1] in vocabulary.event_ids:
            event_id = events[-1]
        else:
            notices.append(f"Ignored the event in the link: no event has the id {events[-1]!r}.")
    unknown_keys = sorted(set(params) - set(_LIST_PARAMS) - {"from", "to", "event"})
    if unknown_keys:
        notices.append(f"Ignored unknown link parameter(s): {', '.join(unknown_keys)}.")
    return ViewState(Filters(**chosen), event_id, tuple(notices))


# --- applying the filters --------------------------------------------------------------------


def _event_mask(dataset: Dataset, filters: Filters) -> pd.Series:
    events, participants = dataset.events, dataset.participants
    mask = pd.Series(True, index=events.index)
    if filters.powers:
        external = participants[participants["side"] == "external"]
        attended = external.loc[external["party_id"].isin(filters.powers), "event_id"]
        mask &= events["power_id"].isin(filters.powers) | events["event_id"].isin(attended)
    if filters.countries:
        present = participants.loc[participants["party_id"].isin(filters.countries), "event_id"]
        venue_country = events["place_id"].map(dataset.places.set_index("place_id")["country_iso3"])
        mask &= events["event_id"].isin(present) | venue_country.isin(filters.countries)
    if filters.date_from is not None:
        mask &= events["date_end"] >= pd.Timestamp(filters.date_from)
    if filters.date_to is not None:
        mask &= events["date_start"] <= pd.Timestamp(filters.date_to)
    if filters.formats:
        mask &= events["format"].isin(filters.formats)
    if filters.levels:
        mask &= events["level"].isin(filters.levels)
    return mask


def _pledge_mask(dataset: Dataset, filters: Filters, event_ids: pd.Series) -> pd.Series:
    pledges = dataset.pledges
    linked = pledges["event_id"].notna()
    # A pledge made at an event follows its event; one made outside any event has no
    # format or level, so a format or level filter leaves it out.
    mask = pledges["event_id"].isin(event_ids) | (
        ~linked & (not filters.formats) & (not filters.levels)
    )
    if filters.powers:
        mask &= pledges["power_id"].isin(filters.powers)
    if filters.countries:
        mask &= pledges["central_asia_party"].isin([*filters.countries, REGION_RECIPIENT])
    if filters.date_from is not None:
        mask &= pledges["announced_date"] >= pd.Timestamp(filters.date_from)
    if filters.date_to is not None:
        mask &= pledges["announced_date"] <= pd.Timestamp(filters.date_to)
    return mask


def cited_source_ids(tables: Iterable[pd.DataFrame]) -> set[str]:
    """Every source id cited by any row of the given tables."""
    cited: set[str] = set()
    for table in tables:
        if "source_ids" in table:
            for cell in table["source_ids"].dropna():
                cited.update(split_ids(cell))
    return cited


def apply_filters(dataset: Dataset, filters: Filters) -> Dataset:
    """The dataset as the filters see it: events, their participants, pledges and
    outcomes cut; reference tables whole; sources limited to those still cited."""
    if filters.is_default:
        return dataset
    events = dataset.events[_event_mask(dataset, filters)]
    kept = events["event_id"]
    tables = {
        "events": events,
        "participants": dataset.participants[dataset.participants["event_id"].isin(kept)],
        "pledges": dataset.pledges[_pledge_mask(dataset, filters, kept)],
        "outcomes": dataset.outcomes[dataset.outcomes["event_id"].isin(kept)],
    }
    cut = replace(dataset, **tables)
    cited = cited_source_ids(t for name, t in cut.tables().items() if name != "sources")
    return replace(cut, sources=dataset.sources[dataset.sources["source_id"].isin(cited)])


def date_bounds(dataset: Dataset) -> tuple[date, date] | None:
    """The first and last day any event covers, or None for an empty dataset."""
    if dataset.events.empty:
        return None
    return (dataset.events["date_start"].min().date(), dataset.events["date_end"].max().date())
