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


def _first_publisher(dataset: Dataset, cell: object) -> str:
    publishers = dataset.sources.set_index("source_id")["publisher"]
    ids = split_ids(cell)
    return str(publishers.get(ids[0], "unknown")) if ids else "unknown"


def volume_table(dataset: Dataset) -> pd.DataFrame:
    """Every reported figure: corridor, year, measure, value, unit, the series it
    belongs to (``series_id``, its first source, and ``series``, that source's
    publisher), the note saying what it counts, and the sources' URLs."""
    volumes = dataset.corridor_volumes
    names = dataset.corridors.set_index("corridor_id")["name"]
    urls = dataset.sources.set_index("source_id")["url"]
    table = pd.DataFrame(
        {
            "corridor_id": volumes["corridor_id"],
            "corridor_name": volumes["corridor_id"].map(names),
            "year": volumes["year"].astype(int),
            "metric": volumes["metric"],
            "value": volumes["value"],
            "unit": volumes["unit"],
            "series_id": [next(iter(split_ids(c)), "") for c in volumes["source_ids"]],
            "series": [_first_publisher(dataset, c) for c in volumes["source_ids"]],
            "note": volumes["note"],
            "source_urls": volumes["source_ids"].map(
                lambda c: " ".join(urls.get(s, "") for s in split_ids(c))
            ),
        }
    )
    return table.sort_values(["corridor_id", "metric", "year"], ignore_index=True)


def _matched_corridors(text: str) -> list[str]:
    found = [c for c, pattern in CORRIDOR_TERMS.items() if re.search(pattern, text, re.I)]
    return found or ([GENERAL] if re.search(r"corridor", text, re.I) else [])


def diplomacy_table(dataset: Dataset) -> pd.DataFrame:
    """The meetings, documents and commitments that name a corridor (or transport
    corridors at large), and the transport pledges: date, what, title, power, the
    corridors named, and the event id (for the record)."""
    names = dataset.corridors.set_index("corridor_id")["name"]
    powers = dataset.powers.set_index("power_id")["name"]
    events = dataset.events.set_index("event_id")
    rows = []

    def event_text(event_id) -> str:
        if not isinstance(event_id, str) or event_id not in events.index:
            return ""
        event = events.loc[event_id]
        return " ".join(str(v) for v in (event["title"], event["summary"], event["note"])
                        if isinstance(v, str))  # fmt: skip

    def add(when, what, title, power_id, text, event_id, is_transport=False):
        found = _matched_corridors(text)
        # A transport commitment made at a meeting about a corridor is about it too.
        if (not found or found == [GENERAL]) and is_transport:
            found = [c for c in _matched_corridors(event_text(event_id)) if c != GENERAL]
            found = found or [GENERAL]
        for corridor in found:
            rows.append(
                {
                    "date": when,
                    "what": what,
                    "title": title,
                    "power_name": powers.get(power_id, power_id),
                    "corridor": names.get(corridor, corridor),
                    "event_id": event_id if isinstance(event_id, str) else None,
                }
            )

    for e in dataset.events.itertuples():
        add(e.date_start, "meeting", e.title, e.power_id,
            " ".join(str(v) for v in (e.title, e.summary, e.note) if isinstance(v, str)),
            e.event_id)  # fmt: skip
    for p in dataset.pledges.itertuples():
        sectors = p.sectors if isinstance(p.sectors, str) else ""
        add(p.announced_date, "commitment", p.description, p.power_id,
            " ".join(str(v) for v in (p.description, p.note) if isinstance(v, str)),
            p.event_id, is_transport="transport" in sectors.split(";"))  # fmt: skip
    for o in dataset.outcomes.itertuples():
        if o.event_id not in events.index:
            continue
        event = events.loc[o.event_id]
        add(event["date_start"], "document", o.title, event["power_id"],
            " ".join(str(v) for v in (o.title, o.note) if isinstance(v, str)),
            o.event_id)  # fmt: skip
    columns = ["date", "what", "title", "power_name", "corridor", "event_id"]
    return pd.DataFrame(rows, columns=columns).sort_values("date", ignore_index=True)


def corridors_figure(dataset: Dataset, corridor_id: str) -> go.Figure:
    """One corridor on one time axis: a panel per measure reported for it (each series
    its own line, a lone figure a point) and, below, the diplomacy that names it."""
    volumes = volume_table(dataset)
    volumes = volumes[volumes["corridor_id"] == corridor_id]
    name = dataset.corridors.set_index("corridor_id")["name"].get(corridor_id, corridor_id)
    diplomacy = diplomacy_table(dataset)
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
