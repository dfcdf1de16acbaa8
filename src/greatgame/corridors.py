"""The corridors over time: reported volumes and transit times by year, each figure
with its source, and the diplomacy that names a corridor on the same time axis. Pure
functions of a dataset; no streamlit.

A line joins only the figures of one series: the same corridor and measure, from the
same publication (the first source each figure cites, such as a ministry's annual
series). Figures from different publications can count different things (one the
seaports only, another the whole route; the notes say so), so they are drawn as
separate points and never joined into one line.
"""

from __future__ import annotations

import html
import re

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from greatgame.data import Dataset, split_ids
from greatgame.figures import DATE_TICKS, INK, _base_layout
from greatgame.filters import is_in

METRICS = {
    "freight_volume": ("Freight", "tonnes"),
    "container_volume": ("Containers", "TEU"),
    "transit_time": ("Transit time", "days"),
}
# How the diplomacy names a corridor, in titles, summaries, descriptions and notes.
CORRIDOR_TERMS = {
    "middle-corridor": r"middle corridor|trans-caspian|\bTITR\b",
    "instc": r"north-south|\bINSTC\b",
    "china-kyrgyzstan-uzbekistan-railway": (
        r"china.kyrgyzstan.uzbekistan|kyrgyzstan.uzbekistan rail"
    ),
    "northern-route": r"northern route",
}
GENERAL = "transport corridors in general"
# Points of a year are drawn at its middle, so that a year's figure and the meetings
# of that year sit together.
MID_YEAR = (7, 1)


def _cited_sources(dataset: Dataset, cells: pd.Series) -> pd.DataFrame:
    """The sources these cells of source ids cite, indexed by id: a few rows looked up
    once, rather than an index of every source built per figure."""
    cited = {source_id for cell in cells for source_id in split_ids(cell)}
    sources = dataset.sources
    return sources[is_in(sources["source_id"], cited)].set_index("source_id")


def volume_table(dataset: Dataset) -> pd.DataFrame:
    """Every reported figure: corridor, year, measure, value, unit, the series it
    belongs to (``series_id``, its first source, and ``series``, that source's
    publisher), the note saying what it counts, and the sources' URLs."""
    volumes = dataset.corridor_volumes
    names = dataset.corridors.set_index("corridor_id")["name"]
    cited = _cited_sources(dataset, volumes["source_ids"])
    urls, publishers = cited["url"], cited["publisher"]
    series_ids = [next(iter(split_ids(c)), "") for c in volumes["source_ids"]]
    table = pd.DataFrame(
        {
            "corridor_id": volumes["corridor_id"],
            "corridor_name": volumes["corridor_id"].map(names),
            "year": volumes["year"].astype(int),
            "metric": volumes["metric"],
            "value": volumes["value"],
            "unit": volumes["unit"],
            "series_id": series_ids,
            "series": [str(publishers.get(s, "unknown")) if s else "unknown" for s in series_ids],
            "note": volumes["note"],
            "source_urls": volumes["source_ids"].map(
                lambda c: " ".join(urls.get(s, "") for s in split_ids(c))
            ),
        }
    )
    return table.sort_values(["corridor_id", "metric", "year"], ignore_index=True)


# Words that any match of a term (or of "corridor") holds whole inside one field, as
# the space that joins two fields is in none of them: a row with none of these in any
# field names no corridor. Finding them field by field (pyarrow's regular
# expressions, column at a time) leaves Python's ``re`` only the few rows that may.
TERM_WORDS = ("corridor", "trans-caspian", "titr", "north-south", "instc", "kyrgyzstan",
              "northern")  # fmt: skip
# Without case, Python's re also matches i to the Turkish dotless ı and dotted İ.
_ANY_WORD = "|".join(word.replace("i", "[iıİ]") for word in TERM_WORDS)


def _joined_text(frame: pd.DataFrame, columns: tuple[str, ...]) -> pd.Series:
    """Each row's text cells joined by a space, the empty ones left out."""
    texts = [
        " ".join(v for v in values if isinstance(v, str))
        for values in zip(*(frame[c].tolist() for c in columns), strict=True)
    ]
    return pd.Series(texts, index=frame.index, dtype=object)


def _found(texts: pd.Series, pattern: str) -> pd.Series:
    """Whether each text matches ``pattern``, case aside (Python's ``re``, as the
    terms are written for it)."""
    search = re.compile(pattern, re.I).search
    return pd.Series([search(t) is not None for t in texts], index=texts.index, dtype=bool)


def _corridor_matches(frame: pd.DataFrame, columns: tuple[str, ...]) -> pd.DataFrame:
    """One boolean column per corridor of :data:`CORRIDOR_TERMS`, then one for
    :data:`GENERAL`: which corridors the text of each row's ``columns`` names. A text
    that names none of them but speaks of a corridor names transport corridors in
    general."""
    maybe = pd.Series(False, index=frame.index)
    for column in columns:
        maybe |= frame[column].str.contains(_ANY_WORD, case=False, regex=True, na=False)
    named = _joined_text(frame[maybe], columns)
    matches = pd.DataFrame(
        {corridor: _found(named, pattern) for corridor, pattern in CORRIDOR_TERMS.items()},
        index=named.index,
    )
    matches[GENERAL] = _found(named, "corridor") & ~matches.any(axis=1)
    return matches.reindex(frame.index, fill_value=False).astype(bool)


def _long_rows(frame: pd.DataFrame, matches: pd.DataFrame) -> pd.DataFrame:
    """One row of ``frame`` per corridor its row names, in the order of the rows and,
    within a row, of :data:`CORRIDOR_TERMS`."""
    rows, columns = matches.to_numpy().nonzero()
    return frame.iloc[rows].assign(corridor=matches.columns[columns].to_numpy())


def diplomacy_table(dataset: Dataset) -> pd.DataFrame:
    """The meetings, documents and commitments that name a corridor (or transport
    corridors at large), and the transport pledges: date, what, title, power, the
    corridors named, and the event id (for the record)."""
    names = dataset.corridors.set_index("corridor_id")["name"]
    powers = dataset.powers.set_index("power_id")["name"]
    events = dataset.events
    event_matches = _corridor_matches(events, ("title", "summary", "note"))

    meetings = pd.DataFrame(
        {
            "date": events["date_start"],
            "what": "meeting",
            "title": events["title"],
            "power_id": events["power_id"],
            "event_id": events["event_id"],
        }
    )
    pledges = dataset.pledges
    commitments = pd.DataFrame(
        {
            "date": pledges["announced_date"],
            "what": "commitment",
            "title": pledges["description"],
            "power_id": pledges["power_id"],
            "event_id": pledges["event_id"],
        }
    )
    pledge_matches = _corridor_matches(pledges, ("description", "note"))
    # A transport commitment made at a meeting about a corridor is about it too.
    transport = (
        pledges["sectors"]
        .map(lambda cell: isinstance(cell, str) and "transport" in cell.split(";"))
        .astype(bool)
    )
    unnamed = ~pledge_matches[list(CORRIDOR_TERMS)].any(axis=1)
    inherit = transport & unnamed
    if inherit.any():
        by_event = event_matches.set_axis(events["event_id"])
        by_event = by_event[~by_event.index.duplicated()]
        at_meeting = (
            by_event[list(CORRIDOR_TERMS)]
            .reindex(pledges.loc[inherit, "event_id"], fill_value=False)
            .astype(bool)
        )
        at_meeting.index = pledges.index[inherit]
        pledge_matches.loc[inherit, list(CORRIDOR_TERMS)] = at_meeting
        pledge_matches.loc[inherit, GENERAL] = ~at_meeting.any(axis=1)

    # Only the documents that name a corridor, each with its event, row for row; a
    # document whose event the filters leave out is left out too.
    outcomes = dataset.outcomes
    document_matches = _corridor_matches(outcomes, ("title", "note"))
    named = document_matches.any(axis=1)
    outcomes, document_matches = outcomes[named], document_matches[named]
    unique_events = events.drop_duplicates("event_id")
    # An index look-up, not Series.isin: pandas checks isin's values one by one.
    position = pd.Index(unique_events["event_id"]).get_indexer(outcomes["event_id"])
    known = position >= 0
    outcomes, document_matches = outcomes[known], document_matches[known]
    at_event = unique_events.iloc[position[known]]
    documents = pd.DataFrame(
        {
            "date": at_event["date_start"].to_numpy(),
            "what": "document",
            "title": outcomes["title"],
            "power_id": at_event["power_id"].to_numpy(),
            "event_id": outcomes["event_id"],
        }
    )

    table = pd.concat(
        [
            _long_rows(meetings, event_matches),
            _long_rows(commitments, pledge_matches),
            _long_rows(documents, document_matches),
        ],
        ignore_index=True,
    )
    table["power_name"] = table["power_id"].map(powers).fillna(table["power_id"])
    table["corridor"] = table["corridor"].map(names).fillna(table["corridor"])
    columns = ["date", "what", "title", "power_name", "corridor", "event_id"]
    return table[columns].sort_values("date", ignore_index=True)


def corridors_figure(
    dataset: Dataset,
    corridor_id: str,
    volumes: pd.DataFrame | None = None,
    diplomacy: pd.DataFrame | None = None,
) -> go.Figure:
    """One corridor on one time axis: a panel per measure reported for it (each series
    its own line, a lone figure a point) and, below, the diplomacy that names it.
    ``volumes`` and ``diplomacy`` are :func:`volume_table` and :func:`diplomacy_table`
    of ``dataset`` when a page that draws every corridor has them already."""
    volumes = volume_table(dataset) if volumes is None else volumes
    volumes = volumes[volumes["corridor_id"] == corridor_id]
    name = dataset.corridors.set_index("corridor_id")["name"].get(corridor_id, corridor_id)
    diplomacy = diplomacy_table(dataset) if diplomacy is None else diplomacy
    diplomacy = diplomacy[diplomacy["corridor"] == name]
    metrics = [m for m in METRICS if m in set(volumes["metric"])]
    rows = len(metrics) + 1
    fig = make_subplots(
        rows=rows, cols=1, shared_xaxes=True, vertical_spacing=0.07,
        subplot_titles=[f"{METRICS[m][0]}, {METRICS[m][1]} a year" if m != "transit_time"
                        else "Transit time, days" for m in metrics]
        + ["The diplomacy that names it"],
        row_heights=[1.0] * len(metrics) + [0.6],
    )  # fmt: skip
    for row, metric in enumerate(metrics, start=1):
        for _, points in volumes[volumes["metric"] == metric].groupby("series_id"):
            points = points.sort_values("year")
            series = points["series"].iloc[0]
            fig.add_trace(
                go.Scatter(
                    x=[pd.Timestamp(int(y), *MID_YEAR) for y in points["year"]],
                    y=points["value"],
                    mode="lines+markers" if len(points) > 1 else "markers",
                    name=series,
                    marker={"size": 9},
                    hovertext=[
                        f"{int(y)}: {v:,.0f} {METRICS[metric][1]}<br>{html.escape(series)}"
                        for y, v in zip(points["year"], points["value"], strict=True)
                    ],
                    hovertemplate="%{hovertext}<extra></extra>",
                    showlegend=False,
                ),
                row=row,
                col=1,
            )
            # The series named at its first point, inside the plot: a label at the right
            # would take a phone's width from the years.
            first = points.iloc[0]
            fig.add_annotation(
                x=pd.Timestamp(int(first["year"]), *MID_YEAR), y=first["value"],
                text=html.escape(series), showarrow=False, xanchor="left", yanchor="bottom",
                yshift=6, font={"size": 11, "color": INK}, row=row, col=1,
            )  # fmt: skip
    if not diplomacy.empty:
        fig.add_trace(
            go.Scatter(
                x=diplomacy["date"],
                y=diplomacy["what"],
                mode="markers",
                marker={"size": 10, "symbol": "diamond", "color": "#555555"},
                customdata=diplomacy["event_id"],
                hovertext=[
                    f"{d:%d %b %Y} · {html.escape(p)}<br>{html.escape(str(t))[:120]}"
                    for d, p, t in zip(
                        diplomacy["date"], diplomacy["power_name"], diplomacy["title"], strict=True
                    )
                ],  # fmt: skip
                hovertemplate="%{hovertext}<extra></extra>",
                showlegend=False,
            ),
            row=rows,
            col=1,
        )
    fig.update_xaxes(tickformatstops=DATE_TICKS)
    for row in range(1, rows):
        fig.update_yaxes(rangemode="tozero", row=row, col=1)
    fig.update_annotations(font={"color": INK})
    return _base_layout(fig, height=190 * len(metrics) + 170)
