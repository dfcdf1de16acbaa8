"""The one filter object, the one function that applies it, and its URL form.

URL query parameters (a key repeats for several values; defaults are left out):
``power``, ``country``, ``from``, ``to`` (ISO dates), ``format``, ``level``,
``event`` (the event whose record is open), and the pages' own view parameters
(:data:`VIEW_PARAMS`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from greatgame.data import CENTRAL_ASIA, SOURCE_SEPARATOR, Dataset, resource_schemas

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
            # By name, as a reader looks for them (not by code: "DEU" before "EU").
            powers=tuple(dataset.powers.sort_values("name")["power_id"]),
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
# What a page shows of the filtered data (the map's layers, the pledges' grouping, the
# table open on the Data page): each is a widget bound to its own URL parameter by
# Streamlit, named by the widget's key, and left out of the URL at its default.
VIEW_PARAMS = (
    "map_venues", "map_arcs", "map_middle_corridor", "map_rival_corridors",
    "pledges_by", "data_table",
)  # fmt: skip


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
    known = {"from", "to", "event", *_LIST_PARAMS, *VIEW_PARAMS}
    unknown_keys = sorted(set(params) - known)
    if unknown_keys:
        notices.append(f"Ignored unknown link parameter(s): {', '.join(unknown_keys)}.")
    return ViewState(Filters(**chosen), event_id, tuple(notices))


# --- applying the filters --------------------------------------------------------------------


def is_in(column: pd.Series, values: Iterable) -> pd.Series:
    """``column.isin(values)``, through Arrow's hash lookup for a column of Arrow-backed
    strings: pandas converts each value of the lookup list in Python, seconds for the
    hundreds of thousands of ids a filter keeps at scale."""
    if not isinstance(column.array, pd.arrays.ArrowStringArray):
        return column.isin(values)
    array = pa.array(column.array)
    wanted = pd.Series(values if isinstance(values, pd.Series) else list(values), dtype="str")
    # A missing value matches a missing one, as in pandas.
    value_set = pa.array(wanted.drop_duplicates().array, type=array.type)
    found = pc.fill_null(pc.is_in(array, value_set=value_set, skip_nulls=False), False)
    return pd.Series(found.to_numpy(zero_copy_only=False), index=column.index)


def _event_mask(dataset: Dataset, filters: Filters) -> pd.Series:
    events, participants = dataset.events, dataset.participants
    mask = pd.Series(True, index=events.index)
    if filters.powers:
        external = participants[participants["side"] == "external"]
        attended = external.loc[is_in(external["party_id"], filters.powers), "event_id"]
        mask &= is_in(events["power_id"], filters.powers) | is_in(events["event_id"], attended)
    if filters.countries:
        present = participants.loc[is_in(participants["party_id"], filters.countries), "event_id"]
        venue_country = events["place_id"].map(dataset.places.set_index("place_id")["country_iso3"])
        mask &= is_in(events["event_id"], present) | venue_country.isin(filters.countries)
    if filters.date_from is not None:
        mask &= events["date_end"] >= pd.Timestamp(filters.date_from)
    if filters.date_to is not None:
        mask &= events["date_start"] <= pd.Timestamp(filters.date_to)
    if filters.formats:
        mask &= is_in(events["format"], filters.formats)
    if filters.levels:
        mask &= is_in(events["level"], filters.levels)
    return mask


def _pledge_mask(dataset: Dataset, filters: Filters, event_ids: pd.Series) -> pd.Series:
    pledges = dataset.pledges
    linked = pledges["event_id"].notna()
    # A pledge made at an event follows its event; one made outside any event has no
    # format or level, so a format or level filter leaves it out.
    mask = is_in(pledges["event_id"], event_ids) | (
        ~linked & (not filters.formats) & (not filters.levels)
    )
    if filters.powers:
        mask &= is_in(pledges["power_id"], filters.powers)
    if filters.countries:
        mask &= is_in(pledges["central_asia_party"], [*filters.countries, REGION_RECIPIENT])
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
            cells = pa.array(table["source_ids"].dropna().astype("str").array)
            ids = pc.unique(pc.list_flatten(pc.split_pattern(cells, SOURCE_SEPARATOR)))
            cited.update(i for i in ids.to_pylist() if i)
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
        "participants": dataset.participants[is_in(dataset.participants["event_id"], kept)],
        "pledges": dataset.pledges[_pledge_mask(dataset, filters, kept)],
        "outcomes": dataset.outcomes[is_in(dataset.outcomes["event_id"], kept)],
    }
    cut = replace(dataset, **tables)
    cited = cited_source_ids(t for name, t in cut.tables().items() if name != "sources")
    return replace(cut, sources=dataset.sources[is_in(dataset.sources["source_id"], cited)])


def date_bounds(dataset: Dataset) -> tuple[date, date] | None:
    """The first and last day any event covers, or None for an empty dataset."""
    if dataset.events.empty:
        return None
    return (dataset.events["date_start"].min().date(), dataset.events["date_end"].max().date())


def attended_events(dataset: Dataset, powers: tuple[str, ...]) -> pd.DataFrame:
    """Events of other powers and organisations (an SCO summit, say) that the power
    filter brings in because the chosen powers' people took part: what a reader who
    chose China should be told comes with it. Columns ``power_id`` and ``events``."""
    if not powers:
        return pd.DataFrame(columns=["power_id", "events"])
    participants = dataset.participants
    external = participants[(participants["side"] == "external")
                            & is_in(participants["party_id"], powers)]  # fmt: skip
    events = dataset.events
    brought = events[is_in(events["event_id"], external["event_id"])
                     & ~is_in(events["power_id"], powers)]  # fmt: skip
    counts = brought.groupby("power_id").size().rename("events").reset_index()
    return counts.sort_values(["events", "power_id"], ascending=[False, True], ignore_index=True)


def typed_date(text: str, what: str) -> tuple[date | None, str | None]:
    """A date a reader typed (YYYY-MM-DD, spaces around it ignored): the date, or None
    for an empty field; with a notice naming the field when the text is no date."""
    text = (text or "").strip()
    if not text:
        return None, None
    try:
        return date.fromisoformat(text), None
    except ValueError:
        return None, f"{what}: {text!r} is not a date; type it as YYYY-MM-DD."
