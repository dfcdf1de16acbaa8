"""Tables as readers see them on screen: reader's words for column names and codes,
money as money only where a column holds money, empty cells empty, the columns a reader
comes for first. Pure: no streamlit.

Downloads keep the ids and codes (they are for machines, see :mod:`greatgame.export`);
the screen shows labels, and the ``ui`` module turns a kept ``event_id`` into a link to
the record, so the id stays a click away.
"""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import urlsplit

import pandas as pd

from greatgame.export import URL_SEPARATOR

# Columns that hold US dollars: only these are written as money. A column named
# ``pledges_without_usd`` is a count.
MONEY_COLUMNS = ("amount_usd", "announced_usd", "deals_to_power_usd", "pledged_usd")
# Columns whose values are codes from the schema's enums (or ;-separated lists of them).
CODE_COLUMNS = (
    "format", "level", "status", "modality", "confidence", "direction", "kind", "side",
    "role", "sectors", "metric", "unit", "mode_to_next",
)  # fmt: skip
# An id column is dropped from the screen when its name column sits beside it.
NAMED_IDS = {
    "power_id": "power_name",
    "party_id": "party_name",
    "central_asia_party": "central_asia_party_name",
    "place_id": "place_name",
    "capital_place_id": "capital_name",
    "corridor_id": "corridor_name",
    "source_ids": "source_urls",
}
# Ids a reader needs only to cite a row or to find the row another points to: on
# screen they stand at the right, after the columns in words.
TRAILING_SUFFIXES = ("_id", "_ids")
# What a reader looks for first in each kind of row; the other columns follow.
LEADING_COLUMNS = (
    "event_title", "title", "name", "person", "announced_date", "date_start", "date_end",
    "dates", "power_name", "power", "party_name", "party", "central_asia_party_name",
    "amount", "amount_usd", "kind", "description", "place_name", "place",
)  # fmt: skip
HEADERS = {
    "amount": "Amount as announced",
    "amount_usd": "US dollars",
    "announced_usd": "Announced for it, USD",
    "deals_to_power_usd": "Its deals to the power, USD",
    "announced_date": "Announced",
    "central_asia_party_name": "Central Asian party",
    "committed_by": "Committed by",
    "confidence": "Confidence",
    "date_start": "From",
    "date_end": "To",
    "direction": "Direction",
    "event_title": "Event",
    "first_c5_ministerial": "First Central Asia + X ministerial",
    "first_c5_summit": "First Central Asia + X summit",
    "first_met_all_five": "First met all five leaders",
    "latest_leaders_meeting": "Latest leaders' meeting",
    "leaders_meetings": "Leaders' meetings",
    "part_of_pledge_id": "Part of pledge (id)",
    "period_years": "Over (years)",
    "pledges_with_usd": "Pledges with a USD figure",
    "pledges_without_usd": "Pledges without a USD figure",
    "power_name": "Power",
    "party_name": "Party",
    "place_name": "Place",
    "capital_name": "Capital",
    "corridor_name": "Corridor",
    "source_urls": "Sources",
    "usd_basis": "USD figure",
}
CODE_WORDS = {
    "c5_summit": "Central Asia + X summit",
    "c5_ministerial": "Central Asia + X ministerial",
    "to_central_asia": "to Central Asia",
    "to_power": "from Central Asia to the power",
    "in_person": "in person",
    "central_asia": "Central Asian",
    "teu": "TEU (containers)",
}
REGION = "C5"


def first_upper(text: str) -> str:
    """The text with its first letter a capital, the rest as it is ("Sep" stays)."""
    return text[:1].upper() + text[1:]


def label(code: object) -> str:
    """One code in reader's words: ``investment_agreements`` -> 'Investment agreements'."""
    if not isinstance(code, str) or not code:
        return ""
    return first_upper(CODE_WORDS.get(code, code.replace("_", " ")))


def codes(cell: object) -> str:
    """A cell of one or several ;-separated codes in reader's words, comma-separated;
    a cell already in words (it has spaces) stays as it is."""
    if not isinstance(cell, str):
        return ""
    if " " in cell:
        return cell
    return ", ".join(label(part) for part in cell.split(";") if part)


def header(column: str) -> str:
    """A column name in reader's words: ``first_c5_ministerial`` -> its heading; an id
    column says it holds ids (``pledge_id`` -> 'Pledge id')."""
    if column in HEADERS:
        return HEADERS[column]
    return first_upper(column.replace("_", " "))


def source_publishers(sources: pd.DataFrame) -> dict[str, str]:
    """URL -> publisher, from the sources table, for :func:`publisher_names`."""
    # Whole columns as lists: iterating an Arrow column yields its cells one by one.
    return dict(zip(sources["url"].tolist(), sources["publisher"].tolist(), strict=True))


def publisher_names(cell: object, publishers: Mapping[str, str] | None = None) -> str:
    """A cell of space-separated source URLs as the names of their publishers, each
    once, in order ("Reuters, Kazinform"); a URL no publisher is known for reads as its
    site's name ("fergana.ru")."""
    if not isinstance(cell, str):
        return ""
    names = []
    for url in cell.split(URL_SEPARATOR):
        if url:
            site = urlsplit(url).hostname or url
            names.append((publishers or {}).get(url) or site.removeprefix("www."))
    return ", ".join(dict.fromkeys(names))


def usd(amount: object) -> str:
    """$19.0 bn, $650 m, $44,000; "" where there is no figure (never $0)."""
    if amount is None or pd.isna(amount):
        return ""
    amount = float(amount)
    if abs(amount) >= 1e9:
        return f"${amount / 1e9:,.1f} bn"
    if abs(amount) >= 1e6:
        return f"${amount / 1e6:,.0f} m"
    return f"${amount:,.0f}"


def _amount(amount: object, currency: object) -> str:
    if amount is None or pd.isna(amount):
        return ""
    return f"{float(amount):,.0f} {currency if isinstance(currency, str) else ''}".strip()


def _text(value: object) -> str:
    if value is None or (not isinstance(value, str | list | tuple) and pd.isna(value)):
        return ""
    if isinstance(value, pd.Timestamp):
        return f"{value:%Y-%m-%d}"
    return str(value)


def screen_table(
    frame: pd.DataFrame,
    keep: tuple[str, ...] = ("event_id",),
    lead: tuple[str, ...] = (),
    publishers: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """``frame`` as a reader reads it: reader's headings, codes as words, money as money
    in the money columns, the original amount with its currency and separators, dates
    as YYYY-MM-DD (which sorts), whole numbers whole, empty cells empty, sources as
    their publishers' names (``publishers``: URL -> name), ids dropped where a name
    sits beside them and the others at the right, key columns first (``lead`` first of
    all). ``keep`` names columns left as they are (``event_id``, which the page turns
    into a link to the record)."""
    frame = frame.copy()
    for column in [c for c in NAMED_IDS if c in frame and NAMED_IDS[c] in frame]:
        frame = frame.drop(columns=column)
    if "event_id" in frame and "event_title" in frame and "event_id" not in keep:
        frame = frame.drop(columns="event_id")
    if "amount" in frame:
        currency = frame["currency"] if "currency" in frame else pd.Series("", index=frame.index)
        frame["amount"] = [_amount(a, c) for a, c in zip(frame["amount"], currency, strict=True)]
        frame = frame.drop(columns=[c for c in ("currency",) if c in frame])
    for column in frame.columns:
        if column in keep:
            continue
        if column in MONEY_COLUMNS:
            frame[column] = frame[column].map(usd)
        elif column == "source_urls":
            frame[column] = frame[column].map(lambda cell: publisher_names(cell, publishers))
        elif column in CODE_COLUMNS:
            frame[column] = frame[column].map(codes)
        elif not pd.api.types.is_numeric_dtype(frame[column]) or pd.api.types.is_bool_dtype(
            frame[column]
        ):
            frame[column] = frame[column].map(_text)
        elif frame[column].isna().any():
            # A count or year with gaps: whole numbers, and the gaps left empty.
            frame[column] = frame[column].map(lambda v: "" if pd.isna(v) else f"{v:,.0f}")
        elif pd.api.types.is_float_dtype(frame[column]) and (frame[column] % 1 == 0).all():
            frame[column] = frame[column].astype("int64")
    leading = [c for c in (*lead, *LEADING_COLUMNS) if c in frame]
    leading = list(dict.fromkeys(leading))
    # The kept columns (the link to the record) come first: narrow, they stay on a
    # phone's screen, where a long title would push them out of sight.
    leading[0:0] = [c for c in keep if c in frame]
    trailing = [c for c in frame.columns if c not in leading and c.endswith(TRAILING_SUFFIXES)]
    middle = [c for c in frame.columns if c not in leading and c not in trailing]
    frame = frame[leading + middle + trailing]
    return frame.rename(columns={c: header(c) for c in frame.columns if c not in keep})


def pledge_totals_table(totals: pd.DataFrame, by: str) -> pd.DataFrame:
    """:func:`figures.pledge_totals` for the screen (through :func:`screen_table` with
    ``lead=(by,)``): the group's name under the grouping's heading; its id is left to
    the download."""
    return totals.drop(columns=by).rename(columns={"name": by})
