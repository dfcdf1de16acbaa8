"""Plotly figures and the tables beside them, as pure functions of a (filtered) dataset.

Every figure colours a power with its ``powers.color``, so a power looks the same on
every page and on the map. Every figure has a table function next to it, shown
beside the chart for readers who cannot see it.
"""

from __future__ import annotations

import html
from dataclasses import replace
from datetime import date

import pandas as pd
import plotly.graph_objects as go

from greatgame.data import CENTRAL_ASIA, SOURCE_SEPARATOR, Dataset
from greatgame.display import label
from greatgame.export import party_names
from greatgame.metrics import (
    TO_CENTRAL_ASIA,
    countable_pledges,
    format_date_ranges,
    statuses,
)

FONT = "Source Sans Pro, Arial, sans-serif"
# Marker shape by format: summits are big shapes, visits small ones.
FORMAT_SYMBOLS = {
    "c5_summit": "star",
    "c5_ministerial": "diamond",
    "multilateral_summit": "square",
    "state_visit": "circle",
    "official_visit": "triangle-up",
    "working_visit": "triangle-down",
    "visit": "pentagon",  # a visit whose kind no source names
    "bilateral_meeting": "cross",
    "forum": "hexagon",
}
# The same shapes as characters, for the key above the chart.
FORMAT_KEYS = {
    "c5_summit": "★",
    "c5_ministerial": "◆",
    "multilateral_summit": "■",
    "state_visit": "●",
    "official_visit": "▲",
    "working_visit": "▼",
    "visit": "⬟",
    "bilateral_meeting": "✚",
    "forum": "⬢",
}
BIG_FORMATS = ("c5_summit", "multilateral_summit")
# Fill by level: the higher the level, the more solid the marker.
LEVEL_OPACITY = {"leaders": 1.0, "ministers": 0.6, "officials": 0.35}
NOT_HELD = ("cancelled", "postponed", "planned")


INK = "#262730"  # 15:1 on white: axis, lane and legend text
SOURCE_INK = "#4a4a55"  # 8.6:1 on white: the source line
# Dates at the detail the axis's spacing allows: years over a 25-year span, months
# over a year, days over a few weeks; never a year cut to "Jan 202".
DATE_TICKS = [
    {"dtickrange": [None, "M1"], "value": "%d %b %Y"},
    {"dtickrange": ["M1", "M6"], "value": "%b %Y"},
    {"dtickrange": ["M12", None], "value": "%Y"},
]


def _base_layout(fig: go.Figure, height: int | None = None) -> go.Figure:
    if height is not None:
        fig.update_layout(height=height)
    fig.update_layout(
        # Room at the right for the last date or a bar's value, so neither is cut.
        margin={"l": 10, "r": 28, "t": 30, "b": 10},
        font={"family": FONT, "size": 13, "color": INK},
        plot_bgcolor="white",
        paper_bgcolor="white",
        hoverlabel={"font": {"family": FONT}},
    )
    fig.update_xaxes(showgrid=True, gridcolor="#eeeeee", zeroline=False, automargin=True, color=INK)
    fig.update_yaxes(showgrid=False, zeroline=False, automargin=True, color=INK)
    return fig


KEY_LINE = 16  # pixels per line of a chart's key


def _key_and_lanes(fig: go.Figure, key: list[str], lanes: list[str], lane_height: int) -> None:
    """A key of symbols in words above the plot, and each lane's name above its lane
    inside the plot, so that long names (the Collective Security Treaty Organization)
    leave a phone's screen to the dates. Plotly's own legend grows to several rows on a
    phone and covers the ticks or the title; this key is wrapped to a known height."""
    lines = _wrap("   ".join(key), SOURCE_LINE_CHARS, separator="   ")
    fig.update_layout(showlegend=False, margin={"t": 12 + KEY_LINE * len(lines)})
    key_note = dict(
        text="<br>".join(html.escape(line) for line in lines),
        xref="paper", yref="paper", x=0, y=1, xanchor="left", yanchor="bottom", yshift=6,
        align="left", showarrow=False, font={"size": 12, "color": INK},
    )  # fmt: skip
    lane_note = dict(
        xref="paper", yref="y", x=0, xanchor="left", yanchor="bottom", yshift=7,
        showarrow=False, font={"size": 12, "color": INK},
    )  # fmt: skip
    lane_notes = [{**lane_note, "text": html.escape(lane), "y": lane} for lane in lanes]
    # Set at once: each add_annotation validates every annotation before it again.
    fig.update_layout(annotations=[*fig.layout.annotations, key_note, *lane_notes])
    fig.update_yaxes(
        categoryorder="array", categoryarray=lanes[::-1], showticklabels=False, title=None,
        range=[-0.6, len(lanes) - 0.1],
    )  # fmt: skip
    fig.update_layout(height=max(260, lane_height * len(lanes) + 60 + KEY_LINE * len(lines)))


def _wrap(text: str, width: int, separator: str = " ") -> list[str]:
    """Lines of at most about ``width`` characters, broken between the parts of
    ``text`` split at ``separator`` (words, or the items of a key)."""
    lines, line = [], ""
    for part in text.split(separator):
        if line and len(line) + len(separator) + len(part) > width:
            lines.append(line)
            line = part
        else:
            line = f"{line}{separator}{part}" if line else part
    return lines + [line] if line else lines


SOURCE_LINE_CHARS = 56  # fits a phone's width at the source line's size
TITLE_CHARS = 42
# The note starts where the plot does, after the bar names on a bar chart: on a phone
# that leaves about 40 characters.
NOTE_CHARS = 40
TITLE_FIRST_LINE, TITLE_LINE = 26, 19  # pixels from the top to the title's first line; per line


def source_line(dataset: Dataset) -> str:
    """What every saved chart cites: the tracker, its data version, how recent, licence."""
    through = dataset.data_through
    recent = f", data through {through:%d %b %Y}" if through is not None else ""
    return f"Source: greatgame, data version {dataset.version}{recent}. Licence CC BY 4.0."


def cite(fig: go.Figure, title: str, filters: str, dataset: Dataset) -> go.Figure:
    """The chart with its title on top and, in its bottom margin, the filters and the
    source line: a saved image (the toolbar's download) carries them, so that a
    screenshot on a slide still cites the data. ``dataset`` is the whole dataset."""
    lines = _wrap(title, TITLE_CHARS)
    # Sentence by sentence, so that "Licence CC BY 4.0." is never broken.
    note = [
        line
        for sentence in (filters, *source_line(dataset).split(". "))
        for line in _wrap(sentence if sentence.endswith(".") else sentence + ".", NOTE_CHARS)
    ]
    top = TITLE_FIRST_LINE + TITLE_LINE * (len(lines) - 1) + 8
    # Below the plot: the ticks, an axis title where there is one, then the note.
    axis_room = 44 + (24 if fig.layout.xaxis.title.text else 0)
    bottom = 16 * len(note) + axis_room
    margin = fig.layout.margin
    height = (fig.layout.height or 400) + top + bottom
    fig.update_layout(
        # Anchored at the bottom of its first line: plotly clips a title of several
        # lines anchored at its top.
        title={
            "text": "<br>".join(html.escape(line) for line in lines),
            "x": 0, "xanchor": "left", "xref": "container", "pad": {"l": 10},
            "y": 1 - TITLE_FIRST_LINE / height, "yanchor": "bottom", "yref": "container",
            "font": {"size": 15, "color": INK},
        },
        margin={"t": (margin.t or 0) + top, "b": (margin.b or 0) + bottom},
        height=height,
    )  # fmt: skip
    fig.add_annotation(
        text="<br>".join(html.escape(line) for line in note),
        xref="paper", yref="paper", x=0, y=0, xanchor="left", yanchor="top",
        yshift=-(axis_room - 4), align="left", showarrow=False,
        font={"size": 11, "color": SOURCE_INK},
    )  # fmt: skip
    return fig


def _power_colors(dataset: Dataset) -> pd.Series:
    return dataset.powers.set_index("power_id")["color"]


def _escape(value: object) -> str:
    """Data text in plotly hover labels, which render a subset of HTML."""
    return html.escape("" if pd.isna(value) else str(value))


# --- who took part ---------------------------------------------------------------------------


def event_parties(dataset: Dataset) -> pd.DataFrame:
    """One row per (event, external power, Central Asian state) that met there: the
    event's own power counts as present, and so does any power whose people took part."""
    events = dataset.events[["event_id", "power_id", "level", "status", "format", "date_start"]]
    participants = dataset.participants
    external = participants.loc[participants["side"] == "external", ["event_id", "party_id"]]
    owners = events[["event_id", "power_id"]].rename(columns={"power_id": "party_id"})
    powers = pd.concat([owners, external]).drop_duplicates()
    powers = powers.rename(columns={"party_id": "power"})
    central = participants.loc[participants["side"] == "central_asia", ["event_id", "party_id"]]
    central = central.drop_duplicates().rename(columns={"party_id": "country"})
    return events.merge(powers, on="event_id").merge(central, on="event_id")


def _state_and_bloc_ids(dataset: Dataset) -> list[str]:
    return list(dataset.powers.loc[dataset.powers["kind"] != "organization", "power_id"])


# --- the race to the region ------------------------------------------------------------------


def _held_leaders_meetings(dataset: Dataset) -> Dataset:
    """The dataset with only its held leaders' meetings among the events: whom they
    brought together is all the race counts, and cutting the events first spares
    joining every other event to its parties."""
    events = dataset.events
    return replace(
        dataset, events=events[(events["status"] == "held") & (events["level"] == "leaders")]
    )


def race_table(dataset: Dataset, history: Dataset) -> pd.DataFrame:
    """Per power in ``dataset`` (the filtered one): its first 'Central Asia + X'
    ministerial and summit and the first time its leader met all five Central Asian
    leaders together, all from ``history`` (the whole dataset: a first is a fact about
    history, not about the filter), and its leaders' meetings under the filters."""
    leaders = event_parties(_held_leaders_meetings(dataset))
    meetings = leaders.groupby("power").agg(
        leaders_meetings=("event_id", "nunique"), latest_leaders_meeting=("date_start", "max")
    )
    own_now = set(dataset.events.loc[dataset.events["status"] == "held", "power_id"])
    all_events = history.events[history.events["status"] == "held"]
    firsts = {
        f"first_{kind}": all_events[all_events["format"] == kind]
        .groupby("power_id")["date_start"]
        .min()
        for kind in ("c5_ministerial", "c5_summit")
    }
    past = leaders if history is dataset else event_parties(_held_leaders_meetings(history))
    gatherings = past.groupby(["power", "event_id"]).agg(
        date_start=("date_start", "first"), countries=("country", "nunique")
    )
    met_five = (
        gatherings[gatherings["countries"] == len(CENTRAL_ASIA)]
        .groupby(level="power")["date_start"]
        .min()
    )
    names = party_names(dataset)
    powers = [p for p in _state_and_bloc_ids(dataset) if p in meetings.index or p in own_now]
    rows = [
        {
            "power_id": power,
            "power_name": names.get(power, power),
            "first_c5_ministerial": firsts["first_c5_ministerial"].get(power, pd.NaT),
            "first_c5_summit": firsts["first_c5_summit"].get(power, pd.NaT),
            "first_met_all_five": met_five.get(power, pd.NaT),
            "leaders_meetings": int(meetings["leaders_meetings"].get(power, 0)),
            "latest_leaders_meeting": meetings["latest_leaders_meeting"].get(power, pd.NaT),
        }
        for power in powers
    ]
    table = pd.DataFrame(
        rows,
        columns=[
            "power_id", "power_name", "first_c5_ministerial", "first_c5_summit",
            "first_met_all_five", "leaders_meetings", "latest_leaders_meeting",
        ],
    )  # fmt: skip
    # Earliest first summit on top; powers that never held one after them.
    return table.sort_values(
        ["first_c5_summit", "first_met_all_five", "power_name"], na_position="last"
    ).reset_index(drop=True)


def _in_view(dataset: Dataset, power: str, event_format: str, when: pd.Timestamp) -> bool:
    """Whether the power's held event of this format on this day is under the filters."""
    events = dataset.events
    return bool(
        (
            (events["power_id"] == power)
            & (events["format"] == event_format)
            & (events["status"] == "held")
            & (events["date_start"] == when)
        ).any()
    )


def _outside_view(dataset: Dataset, when: pd.Timestamp) -> str:
    """Where a date lies against the filtered events, in words."""
    if not dataset.events.empty and when < dataset.events["date_start"].min():
        return "before the selected period"
    if not dataset.events.empty and when > dataset.events["date_end"].max():
        return "after the selected period"
    return "outside the current filters"


def race_summary(table: pd.DataFrame, dataset: Dataset) -> str:
    """One sentence for readers who cannot see the race chart; a first that lies
    outside the filtered events keeps its real date and says so."""
    summits = table.dropna(subset=["first_c5_summit"]).sort_values("first_c5_summit")
    if summits.empty:
        return "None of these powers has held a 'Central Asia + X' leaders' summit."
    parts = []
    for row in summits.itertuples():
        where = (
            ""
            if _in_view(dataset, row.power_id, "c5_summit", row.first_c5_summit)
            else f", {_outside_view(dataset, row.first_c5_summit)}"
        )
        parts.append(f"{row.power_name} ({row.first_c5_summit:%b %Y}{where})")
    return f"First 'Central Asia + X' leaders' summits, in order: {', '.join(parts)}."


# Past this many leaders' meetings the race chart counts them per power and year
# instead of drawing a dot for each.
RACE_MARKER_LIMIT = 3_000


def _yearly_meetings(meetings: pd.DataFrame, name: str, largest: int) -> dict:
    """A power's leaders' meetings as one dot per year, its area by the count
    (``largest`` is the biggest count of any power's year, so sizes compare)."""
    counts = meetings.groupby(meetings["date_start"].dt.year)["event_id"].count()
    return {
        "x": [pd.Timestamp(int(year), 7, 1) for year in counts.index],
        "sizes": (3 + 11 * (counts / max(largest, 1)) ** 0.5).round(1).tolist(),
        "hovertext": [
            f"{_escape(name)} · {year}: {n} leaders' meeting(s)" for year, n in counts.items()
        ],
    }


def race_figure(
    dataset: Dataset, table: pd.DataFrame, marker_limit: int | None = None
) -> go.Figure:
    """One row per power: a dot for each leaders' meeting with Central Asian leaders, a
    diamond at its first 'Central Asia + X' ministerial, a star at its first summit,
    and a line between the two: the wait before the leaders met. ``table`` is
    :func:`race_table` of the same dataset, which the page also shows. A first that
    lies outside the filtered events is left out of the chart (the summary says where
    it lies), never shown as if a later meeting were the first. Past ``marker_limit``
    meetings (by default :data:`RACE_MARKER_LIMIT`), a dot per power and year,
    sized by the count, instead of one per meeting."""
    leaders = event_parties(_held_leaders_meetings(dataset))
    leaders = leaders[leaders["power"].isin(table["power_id"])]
    leaders = leaders.drop_duplicates(["power", "event_id"])
    binned = len(leaders) > (RACE_MARKER_LIMIT if marker_limit is None else marker_limit)
    largest = (
        int(leaders.groupby(["power", leaders["date_start"].dt.year]).size().max()) if binned else 0
    )
    colors = _power_colors(dataset)
    titles = dataset.events.drop_duplicates("event_id").set_index("event_id")["title"]
    fig = go.Figure()
    order = list(table["power_name"])
    for row in table.itertuples():
        color = colors.get(row.power_id, "#777777")
        meetings = leaders[leaders["power"] == row.power_id]
        if binned:
            yearly = _yearly_meetings(meetings, row.power_name, largest)
            fig.add_trace(
                go.Scatter(
                    x=yearly["x"],
                    y=[row.power_name] * len(yearly["x"]),
                    mode="markers",
                    marker={"size": yearly["sizes"], "color": color, "opacity": 0.55},
                    name=row.power_name,
                    legendgroup=row.power_id,
                    showlegend=False,
                    hovertext=yearly["hovertext"],
                    hovertemplate="%{hovertext}<extra></extra>",
                )
            )
        else:
            fig.add_trace(
                go.Scatter(
                    x=meetings["date_start"],
                    y=[row.power_name] * len(meetings),
                    mode="markers",
                    marker={"size": 7, "color": color, "opacity": 0.55},
                    name=row.power_name,
                    legendgroup=row.power_id,
                    showlegend=False,
                    customdata=meetings["event_id"],
                    hovertext=meetings["event_id"].map(titles).map(_escape).tolist(),
                    hovertemplate="%{hovertext}<br>%{x|%d %b %Y}<extra></extra>",
                )
            )
        # A first outside the filters is not drawn as if it were in them: the caption
        # beside the chart gives its real date.
        firsts = {
            "c5_ministerial": row.first_c5_ministerial,
            "c5_summit": row.first_c5_summit,
        }
        firsts = {
            kind: when
            for kind, when in firsts.items()
            if pd.notna(when) and _in_view(dataset, row.power_id, kind, when)
        }
        if len(firsts) == 2:
            fig.add_trace(
                go.Scatter(
                    x=[row.first_c5_ministerial, row.first_c5_summit],
                    y=[row.power_name] * 2,
                    mode="lines",
                    line={"color": color, "width": 2, "dash": "dot"},
                    showlegend=False,
                    hoverinfo="skip",
                )
            )
        for kind, symbol, what in (
            ("c5_ministerial", "diamond-open", "first Central Asia + X ministerial"),
            ("c5_summit", "star", "first Central Asia + X summit"),
        ):
            when = firsts.get(kind)
            if when is not None:
                fig.add_trace(
                    go.Scatter(
                        x=[when],
                        y=[row.power_name],
                        mode="markers",
                        marker={"symbol": symbol, "size": 16, "color": color,
                                "line": {"width": 2, "color": color}},
                        showlegend=False,
                        hovertemplate=f"{_escape(row.power_name)}: {what}<br>"
                        "%{x|%d %b %Y}<extra></extra>",
                    )
                )  # fmt: skip
    fig.update_xaxes(title=None, tickformatstops=DATE_TICKS)
    fig = _base_layout(fig)
    _key_and_lanes(
        fig,
        [
            "◇ first 'Central Asia + X' ministerial",
            "★ first 'Central Asia + X' leaders' summit",
            "● leaders' meetings with Central Asian leaders, counted per year: the larger, the more"
            if binned
            else "● leaders' meeting with Central Asian leaders",
        ],
        order,
        lane_height=40,
    )
    return fig


# --- the timeline ----------------------------------------------------------------------------


def _participant_lines(dataset: Dataset) -> pd.Series:
    """Event id -> 'Person (office)' lines, hosts first."""
    people = dataset.participants.sort_values(["event_id", "role", "party_id"])
    lines = (people["person"] + " (" + people["office"] + ")").astype(object).map(_escape)
    return lines.groupby(people["event_id"]).agg("<br>".join)


def event_source_counts(dataset: Dataset) -> pd.Series:
    """Event id -> how many sources its record cites: the size of each set of
    :func:`greatgame.records.event_source_ids`, counted column by column."""
    events = dataset.events["event_id"]
    tables = (dataset.events, dataset.participants, dataset.pledges, dataset.outcomes)
    # Each table cut to these events first: few events (a page of the table) of many.
    cells = pd.concat(
        [t.loc[t["event_id"].isin(events), ["event_id", "source_ids"]] for t in tables],
        ignore_index=True,
    )
    cells = cells[cells["source_ids"].notna()]
    cited = cells.assign(source_id=cells["source_ids"].str.split(SOURCE_SEPARATOR))
    cited = cited.explode("source_id")
    cited = cited[cited["source_id"].fillna("") != ""].drop_duplicates(["event_id", "source_id"])
    counts = cited.groupby("event_id")["source_id"].count()
    return counts.reindex(events.drop_duplicates(), fill_value=0).astype(int)


VIRTUAL_PLACE = "by video link"


def _place_names(dataset: Dataset, events: pd.DataFrame) -> pd.Series:
    """Each event's venue, or how it met where it had none."""
    places = events["place_id"].map(dataset.places.set_index("place_id")["name"])
    return places.where(places.notna(), VIRTUAL_PLACE)


def newest_events(dataset: Dataset, limit: int | None = None) -> pd.DataFrame:
    """The events newest first; with ``limit``, only that many."""
    events = dataset.events.sort_values("date_start", ascending=False)
    return events if limit is None else events.head(limit)


def oldest_event(dataset: Dataset) -> pd.Series:
    """The last of :func:`newest_events`, without sorting every event (not empty)."""
    events = dataset.events
    earliest = events[events["date_start"] == events["date_start"].min()]
    return newest_events(replace(dataset, events=earliest)).iloc[-1]


def timeline_table(
    dataset: Dataset,
    data_through: pd.Timestamp | None = None,
    today: date | None = None,
    limit: int | None = None,
) -> pd.DataFrame:
    """The events of the timeline, newest first (with ``limit``, the newest that
    many), with readable names, the status in words (a planned meeting whose date has
    passed says so; ``data_through`` is the whole dataset's, by default this one's),
    and how many sources its record cites."""
    names = party_names(dataset)
    events = newest_events(dataset, limit)
    through = data_through if data_through is not None else dataset.data_through
    sources = event_source_counts(replace(dataset, events=events))
    return pd.DataFrame(
        {
            "event_id": events["event_id"],
            "dates": format_date_ranges(events["date_start"], events["date_end"]),
            "title": events["title"],
            "power": events["power_id"].map(names),
            "place": _place_names(dataset, events),
            "format": events["format"],
            "level": events["level"],
            "status": statuses(events, through, today),
            "modality": events["modality"],
            "confidence": events["confidence"],
            "sources": events["event_id"].map(sources),
        }
    ).reset_index(drop=True)  # fmt: skip


# Past this many events the Timeline counts events per lane and period instead of
# drawing each one: tens of thousands of markers are megabytes for the browser to
# receive and draw, and too dense to pick one from.
TIMELINE_MARKER_LIMIT = 3_000
# From this many markers the Timeline draws them with WebGL, which stays smooth
# where SVG markers slow the page; below it, SVG (sharper, and each marker a shape).
WEBGL_FROM = 1_000
# Binned lanes count per month when the events span at most this many years (at
# most 60 bins a lane), else per year.
MONTHLY_SPAN_YEARS = 5


def timeline_binned(events: pd.DataFrame, limit: int | None = None) -> bool:
    """Whether the Timeline counts these events per period rather than drawing each:
    more than ``limit`` (by default :data:`TIMELINE_MARKER_LIMIT`)."""
    return len(events) > (TIMELINE_MARKER_LIMIT if limit is None else limit)


def timeline_period(events: pd.DataFrame) -> str:
    """ "month" or "year": the bin the binned Timeline counts events in."""
    if events.empty:
        return "month"
    span = events["date_start"].max() - events["date_start"].min()
    return "month" if span <= pd.Timedelta(days=365.25 * MONTHLY_SPAN_YEARS) else "year"


def timeline_bins(events: pd.DataFrame, period: str) -> pd.DataFrame:
    """Events counted per power and period (``"month"`` or ``"year"``): one row per
    (power_id, start) with events, held, not_held (cancelled, postponed or planned),
    leaders (held at leaders' level) and summits (held summits), oldest first."""
    columns = ["power_id", "start", "events", "held", "not_held", "leaders", "summits"]
    if events.empty:
        return pd.DataFrame(columns=columns)
    dates = events["date_start"]
    start = (
        dates.dt.to_period("M").dt.start_time
        if period == "month"
        else pd.to_datetime(dates.dt.year.astype(str) + "-01-01")
    )
    held = events["status"] == "held"
    counted = pd.DataFrame(
        {
            "power_id": events["power_id"],
            "start": start.astype(dates.dtype),
            "events": 1,
            "held": held.astype(int),
            "not_held": events["status"].isin(NOT_HELD).astype(int),
            "leaders": (held & (events["level"] == "leaders")).astype(int),
            "summits": (held & events["format"].isin(BIG_FORMATS)).astype(int),
        }
    )
    bins = counted.groupby(["power_id", "start"], as_index=False, sort=True).sum()
    return bins[columns].sort_values(["start", "power_id"], ignore_index=True)


def _binned_timeline(dataset: Dataset) -> go.Figure:
    """The Timeline past :data:`TIMELINE_MARKER_LIMIT`: in each power's lane a dot per
    month or year, its area by the events counted there."""
    events = dataset.events
    period = timeline_period(events)
    bins = timeline_bins(events, period)
    names = party_names(dataset)
    colors = _power_colors(dataset)
    lane = bins["power_id"].map(names).fillna(bins["power_id"])
    when = bins["start"].dt.strftime("%b %Y" if period == "month" else "%Y")
    largest = max(int(bins["events"].max()), 1)
    # Area in proportion to the count: the diameter goes with its square root, at
    # most about a year's width on a phone.
    sizes = (3 + 11 * (bins["events"] / largest) ** 0.5).round(1)
    hover = (
        "<b>" + lane.map(_escape) + "</b> · " + when + ": "
        + bins["events"].astype(str) + " event(s)<br>"
        + bins["held"].astype(str) + " held, " + bins["leaders"].astype(str) + " of them leaders', "
        + bins["summits"].astype(str) + " summit(s); " + bins["not_held"].astype(str) + " not held"
    )  # fmt: skip
    # The middle of the period, so that a bin sits over the dates it counts.
    middle = bins["start"] + (
        pd.Timedelta(days=15) if period == "month" else pd.Timedelta(days=182)
    )
    # A click narrows the filters to the dot's power and period (see ui.narrow_to_bin).
    last = bins["start"] + (pd.offsets.MonthEnd(0) if period == "month" else pd.offsets.YearEnd(0))
    customdata = list(
        zip(
            bins["power_id"],
            bins["start"].dt.strftime("%Y-%m-%d"),
            last.dt.strftime("%Y-%m-%d"),
            strict=True,
        )
    )
    fig = go.Figure(
        go.Scatter(
            x=middle,
            y=lane,
            mode="markers",
            showlegend=False,
            customdata=customdata,
            hovertext=(hover + "<br>Click to see them one by one").tolist(),
            hovertemplate="%{hovertext}<extra></extra>",
            marker={
                "size": sizes,
                "color": bins["power_id"].map(colors).fillna("#777777"),
                "opacity": 0.8,
                "line": {"width": 0},
            },
        )
    )
    fig.update_xaxes(title=None, tickformatstops=DATE_TICKS)
    fig = _base_layout(fig)
    _key_and_lanes(
        fig,
        # Items of the key, so that it wraps on a phone.
        [
            f"{len(events):,} events, shown as {period}ly counts;",
            "the larger the dot, the more events;",
            "click a dot to see its events one by one",
        ],
        sorted(set(lane)),
        lane_height=36,
    )
    return fig


def timeline_figure(
    dataset: Dataset,
    data_through: pd.Timestamp | None = None,
    today: date | None = None,
    marker_limit: int | None = None,
) -> go.Figure:
    """One lane per power, one marker per event: shape by format, fill by level, hollow
    when the event did not (yet) take place. ``customdata`` holds the event id.
    Summits are drawn first, so that a smaller marker in the same week shows on top of
    a summit's star rather than under it. Past ``marker_limit`` events (by default
    :data:`TIMELINE_MARKER_LIMIT`), counts per lane and period instead (see
    :func:`timeline_bins`), with no event to click."""
    if timeline_binned(dataset.events, marker_limit):
        return _binned_timeline(dataset)
    events = dataset.events.sort_values("date_start")
    names = party_names(dataset)
    colors = _power_colors(dataset)
    status_words = statuses(
        events, data_through if data_through is not None else dataset.data_through, today
    )
    people = events["event_id"].map(_participant_lines(dataset)).fillna("")
    sources = events["event_id"].map(event_source_counts(dataset)).fillna(0).astype(int)
    held = events["status"] == "held"
    hover = (
        "<b>" + events["title"].astype(object).map(_escape) + "</b><br>"
        + format_date_ranges(events["date_start"], events["date_end"])
        + " · " + _place_names(dataset, events).astype(object).map(_escape)
        + (" · <b>" + status_words.map(_escape) + "</b>").where(~held, "")
        + "<br>" + events["format"].astype(object).map(label) + ", "
        + events["level"].astype(object) + ", "
        + events["modality"].astype(object).map(label).str.lower()
        + "<br>" + people
        + "<br>" + sources.astype(str) + " source(s) · click for the record"
    )  # fmt: skip
    lane = events["power_id"].map(names).fillna(events["power_id"])
    color = events["power_id"].map(colors).fillna("#777777")
    scatter = go.Scattergl if len(events) >= WEBGL_FROM else go.Scatter
    fig = go.Figure()
    formats = sorted(events["format"].unique(), key=lambda f: (f not in BIG_FORMATS, f))
    for event_format in formats:
        for not_held in (False, True):
            chosen = (events["format"] == event_format) & (
                events["status"].isin(NOT_HELD) == not_held
            )
            if not chosen.any():
                continue
            symbol = FORMAT_SYMBOLS[event_format] + ("-open" if not_held else "")
            fig.add_trace(
                scatter(
                    x=events.loc[chosen, "date_start"],
                    y=lane[chosen],
                    mode="markers",
                    name=f"{label(event_format)}{', not held' if not_held else ''}",
                    showlegend=False,
                    customdata=events.loc[chosen, "event_id"],
                    hovertext=hover[chosen].tolist(),
                    hovertemplate="%{hovertext}<extra></extra>",
                    marker={
                        "symbol": [symbol] * int(chosen.sum()),
                        "size": 13 if event_format in BIG_FORMATS else 10,
                        "color": color[chosen],
                        "opacity": events.loc[chosen, "level"].map(LEVEL_OPACITY).fillna(1.0),
                        "line": {"width": 1.5, "color": color[chosen]},
                    },
                )
            )
    lanes = sorted(set(lane))
    fig.update_xaxes(title=None, tickformatstops=DATE_TICKS)
    fig.update_layout(clickmode="event+select")
    fig = _base_layout(fig)
    _key_and_lanes(
        fig,
        [f"{FORMAT_KEYS[f]} {label(f)}" for f in sorted(formats)] + ["hollow: not held"],
        lanes,
        lane_height=36,
    )
    return fig


# --- pledges ---------------------------------------------------------------------------------

PLEDGE_GROUPS = {
    "power": "power_id",
    "country": "central_asia_party",
    "kind": "kind",
    "sector": "sectors",
}


def pledge_totals(dataset: Dataset, by: str, direction: str = TO_CENTRAL_ASIA) -> pd.DataFrame:
    """USD announced per power, Central Asian party, kind or sector, over commitments in
    one direction that are not part of another row. A pledge naming several sectors
    counts in each of them."""
    pledges = countable_pledges(dataset.pledges, direction)
    column = PLEDGE_GROUPS[by]
    if by == "sector":
        pledges = pledges.assign(sectors=pledges["sectors"].fillna("unspecified").str.split(";"))
        pledges = pledges.explode("sectors")
    with_usd = pledges[pledges["amount_usd"].notna()]
    totals = with_usd.groupby(column).agg(
        amount_usd=("amount_usd", "sum"), pledges_with_usd=("pledge_id", "count")
    )
    without = pledges[pledges["amount_usd"].isna()].groupby(column)["pledge_id"].count()
    totals = totals.join(without.rename("pledges_without_usd"), how="outer")
    # A group with no USD figure has no USD total (not $0); its counts are whole numbers.
    for count in ("pledges_with_usd", "pledges_without_usd"):
        totals[count] = totals[count].fillna(0).astype(int)
    totals.index.name = by
    names = party_names(dataset)
    totals.insert(
        0,
        "name",
        [names.get(i, i) if by in ("power", "country") else label(str(i)) for i in totals.index],
    )
    return totals.sort_values("amount_usd", ascending=False, na_position="last").reset_index()


def pledge_figure(dataset: Dataset, by: str, direction: str = TO_CENTRAL_ASIA) -> go.Figure:
    """Horizontal bars of USD announced, largest on top, coloured by power when by power."""
    totals = pledge_totals(dataset, by, direction)
    totals = totals[totals["amount_usd"] > 0]
    colors = _power_colors(dataset)
    bar_colors = [colors.get(i, "#777777") for i in totals["power"]] if by == "power" else "#4c78a8"
    fig = go.Figure(
        go.Bar(
            x=totals["amount_usd"] / 1e9,
            y=totals["name"],
            orientation="h",
            marker={"color": bar_colors},
            text=[f"${v / 1e9:,.1f} bn" for v in totals["amount_usd"]],
            textposition="outside",
            cliponaxis=False,
            customdata=totals["pledges_with_usd"],
            hovertemplate="%{y}: $%{x:,.2f} bn in %{customdata} pledge(s)<extra></extra>",
        )
    )
    fig.update_yaxes(autorange="reversed", title=None)
    # Room beyond the longest bar for its value ("$25.0 bn"), on a phone too.
    longest = float(totals["amount_usd"].max() / 1e9) if len(totals) else 1.0
    fig.update_xaxes(title="USD billion, as announced", range=[0, longest * 1.35])
    return _base_layout(fig, height=max(260, 30 * len(totals) + 100))


# --- who met whom ----------------------------------------------------------------------------


def meeting_matrix(dataset: Dataset) -> pd.DataFrame:
    """Central Asian state x power: leaders' meetings held where both were present."""
    leaders = event_parties(_held_leaders_meetings(dataset))
    leaders = leaders[leaders["power"].isin(_state_and_bloc_ids(dataset))]
    counts = leaders.groupby(["country", "power"])["event_id"].nunique().unstack(fill_value=0)
    names = party_names(dataset)
    counts = counts.reindex(index=[c for c in CENTRAL_ASIA if c in counts.index])
    counts = counts[counts.sum().sort_values(ascending=False).index]
    counts.index = [names.get(c, c) for c in counts.index]
    counts.columns = [names.get(p, p) for p in counts.columns]
    return counts


def meeting_matrix_figure(dataset: Dataset) -> go.Figure:
    matrix = meeting_matrix(dataset)
    fig = go.Figure(
        go.Heatmap(
            z=matrix.values,
            x=list(matrix.columns),
            y=list(matrix.index),
            text=matrix.values,
            texttemplate="%{text}",
            colorscale="Blues",
            showscale=False,
            hovertemplate="%{y} and %{x}: %{z} leaders' meeting(s)<extra></extra>",
            xgap=2,
            ygap=2,
        )
    )
    fig.update_xaxes(side="top", tickangle=-35, showgrid=False)
    fig.update_yaxes(autorange="reversed", showgrid=False)
    fig = _base_layout(fig, height=330)
    fig.update_layout(margin={"l": 10, "r": 10, "t": 120, "b": 10})
    return fig


def people_table(dataset: Dataset) -> pd.DataFrame:
    """Who met: each person with their party, offices held at these events, how many
    events and when."""
    people = dataset.participants.merge(
        dataset.events[["event_id", "date_start", "level", "status"]], on="event_id"
    )
    people = people[people["status"] == "held"]
    names = party_names(dataset)
    table = (
        people.groupby(["person", "party_id"])
        .agg(
            offices=("office", lambda s: "; ".join(sorted(set(s)))),
            events=("event_id", "nunique"),
            first=("date_start", "min"),
            last=("date_start", "max"),
        )
        .reset_index()
    )
    table.insert(2, "party_name", table["party_id"].map(names))
    return table.sort_values(["events", "person"], ascending=[False, True]).reset_index(drop=True)
