"""Tables as a reader downloads them: readable names beside ids, sources as URLs,
CSV text that opens safely in spreadsheets.

The app's download buttons and the ``greatgame export`` command both call these
functions, so that the same filters give the same bytes.
"""

from __future__ import annotations

import copy
import io
import json
import stat
import zipfile
from datetime import datetime

import pandas as pd

from greatgame.data import Dataset, split_ids
from greatgame.filters import Filters, encode_query

REGION_NAME = "Central Asia (all five)"
URL_SEPARATOR = " "
# A spreadsheet treats a cell starting with one of these as a formula.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def party_names(dataset: Dataset) -> pd.Series:
    """Name by id for every party: the external powers and the Central Asian states."""
    powers = dataset.powers.set_index("power_id")["name"]
    countries = dataset.countries.set_index("iso3")["name"]
    return pd.concat([powers, countries, pd.Series({"C5": REGION_NAME})])


# Columns a download adds beside the ids: id column -> (new column, what it holds).
READABLE_COLUMNS = {
    "power_id": ("power_name", "Name of the power (powers.csv)."),
    "party_id": ("party_name", "Name of the party (powers.csv or countries.csv)."),
    "central_asia_party": (
        "central_asia_party_name",
        "Name of the Central Asian state, or of the region.",
    ),
    "place_id": ("place_name", "Name of the place (places.csv)."),
    "capital_place_id": ("capital_name", "Name of the capital or seat (places.csv)."),
    "event_id": ("event_title", "Title of the event (events.csv)."),
    "corridor_id": ("corridor_name", "Name of the corridor (corridors.csv)."),
    "source_ids": ("source_urls", "URLs of the sources in source_ids, space-separated."),
}


def _lookup(dataset: Dataset, column: str) -> pd.Series:
    """Name by id for an id column; only the one a table needs is built."""
    if column in ("power_id", "party_id", "central_asia_party"):
        return party_names(dataset)
    if column in ("place_id", "capital_place_id"):
        return dataset.places.set_index("place_id")["name"]
    if column == "event_id":
        return dataset.events.set_index("event_id")["title"]
    return dataset.corridors.set_index("corridor_id")["name"]


def _source_urls(dataset: Dataset, cells: pd.Series) -> pd.Series:
    """Each ``source_ids`` cell's URLs, space-separated; through a dict, not a Series:
    one look-up per cited id, hundreds of thousands at scale."""
    urls = dict(
        zip(dataset.sources["source_id"].tolist(), dataset.sources["url"].tolist(), strict=True)
    )
    return cells.map(lambda cell: URL_SEPARATOR.join(urls.get(s, "") for s in split_ids(cell)))


def _added_columns(table: str, columns: list[str]) -> list[tuple[str, str]]:
    """(id column, added column) pairs for a table with these columns, in order."""
    pairs = []
    for column in columns:
        # A table's own key needs no name beside it (events.event_id, corridors.corridor_id).
        is_own_key = column.removesuffix("_id") + "s" == table
        if column in READABLE_COLUMNS and not is_own_key:
            pairs.append((column, READABLE_COLUMNS[column][0]))
    return pairs


def readable_table(dataset: Dataset, table: str) -> pd.DataFrame:
    """A table with a name column beside each id it references (``power_name`` beside
    ``power_id``) and ``source_urls`` beside ``source_ids``."""
    frame = dataset.tables()[table].copy()
    for column, new_column in _added_columns(table, list(frame.columns)):
        if column == "source_ids":
            values = _source_urls(dataset, frame[column])
        else:
            values = frame[column].map(_lookup(dataset, column))
        frame.insert(frame.columns.get_loc(column) + 1, new_column, values)
    return frame.reset_index(drop=True)


def neutralise_formula(value: object) -> object:
    """Prefix a text cell that a spreadsheet would run as a formula with a quote."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def csv_bytes(frame: pd.DataFrame, excel_bom: bool = False) -> bytes:
    """UTF-8 CSV (with a byte-order mark when ``excel_bom``, so Excel reads Cyrillic
    and Chinese names right), dates as YYYY-MM-DD, whole numbers without a decimal
    point, formula-like text neutralised."""
    safe = frame.copy()
    for column in safe.columns:
        values = safe[column]
        if values.dtype == object or pd.api.types.is_string_dtype(values):
            safe[column] = values.map(neutralise_formula)
        elif pd.api.types.is_float_dtype(values) and (values.dropna() % 1 == 0).all():
            # Whole amounts stay whole (22000000000, not 22000000000.0): a column with
            # gaps is read as floats, and pandas would write each with a ".0".
            safe[column] = values.astype("Int64")
    text = safe.to_csv(index=False, lineterminator="\n", date_format="%Y-%m-%d")
    return ("\ufeff" if excel_bom else "").encode("utf-8") + text.encode("utf-8")


def citation(dataset: Dataset, view_url: str | None = None) -> str:
    """A ready citation naming the data version and how recent the data is."""
    through = dataset.data_through
    text = (
        "greatgame contributors. greatgame: great-power engagement with Central Asia "
        f"(data version {dataset.version}"
        + (f", data through {through:%d %B %Y}" if through is not None else "")
        + "). Licence CC BY 4.0."
    )
    return text + (f" View: {view_url}" if view_url else "")


# --- snapshots -------------------------------------------------------------------------------

# What readers come for first, then the reference tables the ids point to.
SNAPSHOT_TABLES = (
    "events", "participants", "pledges", "outcomes", "sources", "powers", "countries",
    "places", "corridors", "corridor_nodes", "corridor_volumes",
)  # fmt: skip


def snapshot_descriptor(dataset: Dataset, filters: Filters, excel_bom: bool = False) -> dict:
    """The data package describing exactly the snapshot's files: the project's schema
    with the added name columns declared, and the filters that cut it."""
    descriptor = copy.deepcopy(dataset.descriptor)
    descriptor["name"] = "greatgame-snapshot"
    descriptor["title"] = descriptor["title"] + " (snapshot)"
    descriptor["data_through"] = (
        dataset.data_through.date().isoformat() if dataset.data_through is not None else None
    )
    descriptor["filters"] = encode_query(filters)
    for resource in descriptor["resources"]:
        fields = resource["schema"]["fields"]
        names = [f["name"] for f in fields]
        for column, new_column in reversed(_added_columns(resource["name"], names)):
            description = READABLE_COLUMNS[column][1]
            spec = {"name": new_column, "type": "string", "description": description}
            fields.insert(names.index(column) + 1, spec)
        resource["encoding"] = "utf-8-sig" if excel_bom else "utf-8"
    return descriptor


def describe_filters(dataset: Dataset, filters: Filters) -> list[str]:
    """The filters in words, one line each, for the snapshot's manifest."""
    names = party_names(dataset)

    def listed(values: tuple[str, ...], everything: str) -> str:
        return ", ".join(str(names.get(v, v)) for v in values) if values else everything

    start = filters.date_from.isoformat() if filters.date_from else "the first event"
    end = filters.date_to.isoformat() if filters.date_to else "the last event"
    return [
        f"Powers: {listed(filters.powers, 'all')}",
        f"Central Asian countries: {listed(filters.countries, 'all five')}",
        f"Dates: from {start} to {end}",
        f"Formats: {listed(filters.formats, 'all')}",
        f"Levels: {listed(filters.levels, 'all')}",
    ]


def filters_summary(dataset: Dataset, filters: Filters) -> str:
    """The filters in one line, the ones set only: what a saved chart says it shows."""
    lines = describe_filters(dataset, filters)
    is_set = (
        bool(filters.powers),
        bool(filters.countries),
        filters.date_from is not None or filters.date_to is not None,
        bool(filters.formats),
        bool(filters.levels),
    )
    chosen = [line for line, on in zip(lines, is_set, strict=True) if on]
    return "Filters: " + ("; ".join(chosen) if chosen else "none (every event in the data)") + "."


def _manifest(
    dataset: Dataset,
    filters: Filters,
    counts: dict[str, int],
    view_link: str,
    made_at: datetime,
) -> str:
    through = dataset.data_through
    lines = [
        "# greatgame snapshot",
        "",
        f"Made: {made_at.isoformat(timespec='seconds')}",
        f"Data version: {dataset.version}"
        + (f", data through {through:%d %B %Y}" if through is not None else ""),
        f"This view: {view_link}",
        "",
        "## Filters",
        "",
        *[f"- {line}" for line in describe_filters(dataset, filters)],
        "",
        "## Files",
        "",
        "| file | rows |",
        "|---|---|",
        *[f"| {table}.csv | {count} |" for table, count in counts.items()],
        "",
        "`datapackage.json` describes every file (types, constraints, keys) as a Frictionless",
        "Tabular Data Package. Each table carries readable names beside its ids and the URLs",
        "of its sources beside `source_ids`. Load a table with",
        '`pandas.read_csv("events.csv")` or, in R, `read.csv("events.csv", encoding = "UTF-8")`.',
        "",
        "## Licence and citation",
        "",
        "Data compilation: CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/); each",
        "source keeps its own rights. Cite as:",
        "",
        citation(dataset, view_link),
        "",
    ]
    return "\n".join(lines)


def zip_entry(name: str, made_at: datetime) -> zipfile.ZipInfo:
    """A zip member that unpacks as an ordinary file anyone may read (rw-r--r--), dated
    when the zip was made (zipfile's defaults are mode 0600 and, for a ZipInfo, 1980)."""
    info = zipfile.ZipInfo(name, date_time=made_at.timetuple()[:6])
    info.external_attr = (stat.S_IFREG | 0o644) << 16
    info.compress_type = zipfile.ZIP_DEFLATED
    return info


def snapshot_zip(
    dataset: Dataset,
    filters: Filters,
    *,
    view_link: str,
    made_at: datetime,
    excel_bom: bool = False,
) -> bytes:
    """A zip of every table under the filters, the data package describing them, and a
    README manifest. ``dataset`` is the filtered dataset. Only the manifest depends on
    ``made_at`` and ``view_link``: the same filters give the same table and descriptor
    bytes, whoever makes the snapshot."""
    buffer = io.BytesIO()
    counts = {}
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:

        def add(name: str, content: bytes) -> None:
            archive.writestr(zip_entry(name, made_at), content)

        for table in SNAPSHOT_TABLES:
            frame = readable_table(dataset, table)
            counts[table] = len(frame)
            add(f"{table}.csv", csv_bytes(frame, excel_bom=excel_bom))
        descriptor = snapshot_descriptor(dataset, filters, excel_bom)
        add(
            "datapackage.json",
            (json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n").encode(),
        )
        add("README.md", _manifest(dataset, filters, counts, view_link, made_at).encode())
    return buffer.getvalue()
