"""Tables as a reader downloads them: readable names beside ids, sources as URLs,
CSV text that opens safely in spreadsheets.

The app's download buttons and the ``greatgame export`` command both call these
functions, so that the same filters give the same bytes.
"""

from __future__ import annotations

import pandas as pd

from greatgame.data import Dataset, split_ids

REGION_NAME = "Central Asia (all five)"
URL_SEPARATOR = " "
# A spreadsheet treats a cell starting with one of these as a formula.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def party_names(dataset: Dataset) -> pd.Series:
    """Name by id for every party: the external powers and the Central Asian states."""
    powers = dataset.powers.set_index("power_id")["name"]
    countries = dataset.countries.set_index("iso3")["name"]
    return pd.concat([powers, countries, pd.Series({"C5": REGION_NAME})])


def _insert_after(frame: pd.DataFrame, column: str, new_column: str, values: pd.Series) -> None:
    frame.insert(frame.columns.get_loc(column) + 1, new_column, values)


def readable_table(dataset: Dataset, table: str) -> pd.DataFrame:
    """A table with a ``*_name`` column beside each id it references and a
    ``source_urls`` column beside ``source_ids``."""
    frame = dataset.tables()[table].copy()
    names = party_names(dataset)
    places = dataset.places.set_index("place_id")["name"]
    lookups = {
        "power_id": ("power_name", names),
        "party_id": ("party_name", names),
        "recipient": ("recipient_name", names),
        "place_id": ("place_name", places),
        "capital_place_id": ("capital_name", places),
        "event_id": ("event_title", dataset.events.set_index("event_id")["title"]),
        "corridor_id": ("corridor_name", dataset.corridors.set_index("corridor_id")["name"]),
    }
    for column, (new_column, lookup) in lookups.items():
        # A table's own key needs no name beside it (events.event_id, corridors.corridor_id).
        is_own_key = column.removesuffix("_id") + "s" == table
        if column in frame and not is_own_key and new_column not in frame:
            _insert_after(frame, column, new_column, frame[column].map(lookup))
    if "source_ids" in frame:
        urls = dataset.sources.set_index("source_id")["url"]
        _insert_after(
            frame,
            "source_ids",
            "source_urls",
            frame["source_ids"].map(
                lambda cell: URL_SEPARATOR.join(urls.get(s, "") for s in split_ids(cell))
            ),
        )
    return frame.reset_index(drop=True)


def neutralise_formula(value: object) -> object:
    """Prefix a text cell that a spreadsheet would run as a formula with a quote."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def csv_bytes(frame: pd.DataFrame, excel_bom: bool = False) -> bytes:
    """UTF-8 CSV (with a byte-order mark when ``excel_bom``, so Excel reads Cyrillic
    and Chinese names right), dates as YYYY-MM-DD, formula-like text neutralised."""
    safe = frame.copy()
    for column in safe.columns:
        if safe[column].dtype == object or pd.api.types.is_string_dtype(safe[column]):
            safe[column] = safe[column].map(neutralise_formula)
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
