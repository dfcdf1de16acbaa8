"""Plotly figures and the tables beside them, as pure functions of a (filtered) dataset.

Every figure colours a power with its ``powers.color``, so a power looks the same on
every page and on the map. Every figure has a table function next to it, shown
beside the chart for readers who cannot see it.
"""

from __future__ import annotations

import html

import pandas as pd
import plotly.graph_objects as go

from greatgame.data import CENTRAL_ASIA, Dataset, split_ids
from greatgame.export import party_names
from greatgame.metrics import TO_CENTRAL_ASIA, countable_pledges, format_date_range

FONT = "Source Sans Pro, Arial, sans-serif"
# Marker shape by format: summits are big shapes, visits small ones.
FORMAT_SYMBOLS = {
    "c5_summit": "star",
    "c5_ministerial": "diamond",
    "multilateral_summit": "square",
    "state_visit": "circle",
    "official_visit": "triangle-up",
    "working_visit": "triangle-down",
    "visit": "pentagon",
    "bilateral_meeting": "cross",
    "forum": "hexagon",
}
# Fill by level: the higher the level, the more solid the marker.
LEVEL_OPACITY = {"leaders": 1.0, "ministers": 0.6, "officials": 0.35}
NOT_HELD = ("cancelled", "postponed", "planned")


def label(value: str) -> str:
    """c5_summit -> 'C5 summit': enum values as readers see them."""
    return value.replace("_", " ").capitalize().replace("C5 ", "Central Asia + X ")


def _base_layout(fig: go.Figure, height: int) -> go.Figure:
    fig.update_layout(
        height=height,
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
        font={"family": FONT, "size": 13},
        plot_bgcolor="white",
        paper_bgcolor="white",
        hoverlabel={"font": {"family": FONT}},
    )
    fig.update_xaxes(showgrid=True, gridcolor="#eeeeee", zeroline=False)
    fig.update_yaxes(showgrid=False, zeroline=False)
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


def race_table(dataset: Dataset) -> pd.DataFrame:
    """Per power: its first 'Central Asia + X' ministerial and summit, the first time its
    leader met all five Central Asian leaders together, and its leaders' meetings since."""
    parties = event_parties(dataset)
    held = parties[parties["status"] == "held"]
    names = party_names(dataset)
    rows = []
    for power in _state_and_bloc_ids(dataset):
        own = dataset.events[
            (dataset.events["power_id"] == power) & (dataset.events["status"] == "held")
        ]
        leaders = held[(held["power"] == power) & (held["level"] == "leaders")]
        if leaders.empty and own.empty:
            continue
        met_five = leaders.groupby("event_id").agg(
            date_start=("date_start", "first"), countries=("country", "nunique")
        )
        met_five = met_five[met_five["countries"] == len(CENTRAL_ASIA)]
        rows.append(
            {
                "power_id": power,
                "power_name": names.get(power, power),
                "first_c5_ministerial": own.loc[
                    own["format"] == "c5_ministerial", "date_start"
                ].min(),
                "first_c5_summit": own.loc[own["format"] == "c5_summit", "date_start"].min(),
                "first_met_all_five": met_five["date_start"].min(),
                "leaders_meetings": leaders["event_id"].nunique(),
                "latest_leaders_meeting": leaders["date_start"].max(),
            }
        )
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


def race_summary(table: pd.DataFrame) -> str:
    """One sentence for readers who cannot see the race chart."""
    summits = table.dropna(subset=["first_c5_summit"]).sort_values("first_c5_summit")
    if summits.empty:
        return "No power held a 'Central Asia + X' leaders' summit under these filters."
    order = ", ".join(
        f"{row.power_name} ({row.first_c5_summit:%b %Y})" for row in summits.itertuples()
    )
    return f"First 'Central Asia + X' leaders' summits, in order: {order}."


def race_figure(dataset: Dataset, table: pd.DataFrame) -> go.Figure:
    """One row per power: a dot for each leaders' meeting with Central Asian leaders, a
    diamond at its first 'Central Asia + X' ministerial, a star at its first summit,
    and a line between the two: the wait before the leaders met. ``table`` is
    :func:`race_table` of the same dataset, which the page also shows."""
    parties = event_parties(dataset)
    leaders = parties[(parties["status"] == "held") & (parties["level"] == "leaders")]
    colors = _power_colors(dataset)
    titles = dataset.events.set_index("event_id")["title"]
    fig = go.Figure()
    order = list(table["power_name"])
    for row in table.itertuples():
        color = colors.get(row.power_id, "#777777")
        meetings = leaders[leaders["power"] == row.power_id].drop_duplicates("event_id")
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
                hovertext=[_escape(titles.get(e)) for e in meetings["event_id"]],
                hovertemplate="%{hovertext}<br>%{x|%d %b %Y}<extra></extra>",
            )
        )
        if pd.notna(row.first_c5_ministerial) and pd.notna(row.first_c5_summit):
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
        for when, symbol, what in (
            (row.first_c5_ministerial, "diamond-open", "first Central Asia + X ministerial"),
            (row.first_c5_summit, "star", "first Central Asia + X summit"),
        ):
            if pd.notna(when):
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
    for symbol, what in (
        ("diamond-open", "First 'Central Asia + X' ministerial"),
        ("star", "First 'Central Asia + X' leaders' summit"),
        ("circle", "Leaders' meeting with Central Asian leaders"),
    ):
        fig.add_trace(
            go.Scatter(
                x=[None], y=[None], mode="markers", name=what,
                marker={"symbol": symbol, "size": 11, "color": "#555555"},
            )
        )  # fmt: skip
    fig.update_yaxes(categoryorder="array", categoryarray=order[::-1], title=None)
    fig.update_xaxes(title=None)
    fig.update_layout(legend={"orientation": "h", "y": -0.08, "x": 0})
    return _base_layout(fig, height=max(320, 34 * len(order) + 120))


# --- the timeline ----------------------------------------------------------------------------


def _participant_lines(dataset: Dataset) -> pd.Series:
    """Event id -> 'Person (office)' lines, hosts first."""
    people = dataset.participants.sort_values(["event_id", "role", "party_id"])
    lines = people["person"] + " (" + people["office"] + ")"
    return lines.groupby(people["event_id"]).agg(lambda s: "<br>".join(map(_escape, s)))


def timeline_table(dataset: Dataset) -> pd.DataFrame:
    """The events of the timeline, newest first, with readable names."""
    names = party_names(dataset)
    places = dataset.places.set_index("place_id")["name"]
    events = dataset.events.sort_values("date_start", ascending=False)
    return pd.DataFrame(
        {
            "event_id": events["event_id"],
            "dates": [format_date_range(s, e) for s, e in zip(events["date_start"],
                                                            events["date_end"], strict=True)],
            "title": events["title"],
            "power": events["power_id"].map(names),
            "place": events["place_id"].map(places),
            "format": events["format"].map(label),
            "level": events["level"].map(label),
            "status": events["status"],
            "sources": events["source_ids"].map(lambda c: len(split_ids(c))),
        }
    ).reset_index(drop=True)  # fmt: skip


def timeline_figure(dataset: Dataset) -> go.Figure:
    """One lane per power, one marker per event: shape by format, fill by level, hollow
    when the event did not (yet) take place. ``customdata`` holds the event id."""
    events = dataset.events.sort_values("date_start")
    names = party_names(dataset)
    colors = _power_colors(dataset)
    places = dataset.places.set_index("place_id")["name"]
    people = _participant_lines(dataset)
    fig = go.Figure()
    for (power, event_format), group in events.groupby(["power_id", "format"], sort=True):
        not_held = group["status"].isin(NOT_HELD)
        symbol = FORMAT_SYMBOLS[event_format]
        hover = [
            f"<b>{_escape(row.title)}</b><br>{format_date_range(row.date_start, row.date_end)}"
            f" · {_escape(places.get(row.place_id))}"
            + ("" if row.status == "held" else f" · <b>{row.status}</b>")
            + f"<br>{label(row.format)}, {row.level}<br>{people.get(row.event_id, '')}"
            f"<br>{len(split_ids(row.source_ids))} source(s) · click for the record"
            for row in group.itertuples()
        ]
        fig.add_trace(
            go.Scatter(
                x=group["date_start"],
                y=[names.get(power, power)] * len(group),
                mode="markers",
                name=f"{names.get(power, power)}: {label(event_format)}",
                showlegend=False,
                customdata=group["event_id"],
                hovertext=hover,
                hovertemplate="%{hovertext}<extra></extra>",
                marker={
                    "symbol": [symbol + ("-open" if n else "") for n in not_held],
                    "size": 13 if event_format in ("c5_summit", "multilateral_summit") else 10,
                    "color": colors.get(power, "#777777"),
                    "opacity": [LEVEL_OPACITY[level] for level in group["level"]],
                    "line": {"width": 1.5, "color": colors.get(power, "#777777")},
                },
            )
        )
    for event_format in events["format"].drop_duplicates().sort_values():
        fig.add_trace(
            go.Scatter(
                x=[None], y=[None], mode="markers", name=label(event_format),
                marker={"symbol": FORMAT_SYMBOLS[event_format], "size": 11, "color": "#555555"},
            )
        )  # fmt: skip
    lanes = sorted({names.get(p, p) for p in events["power_id"]}, reverse=True)
    fig.update_yaxes(categoryorder="array", categoryarray=lanes, title=None)
    fig.update_xaxes(title=None)
    fig.update_layout(legend={"orientation": "h", "y": -0.06, "x": 0}, clickmode="event+select")
    return _base_layout(fig, height=max(320, 30 * len(lanes) + 160))


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
        amount_usd=("amount_usd", "sum"), pledges=("pledge_id", "count")
    )
    without = pledges[pledges["amount_usd"].isna()].groupby(column)["pledge_id"].count()
    totals = totals.join(without.rename("pledges_without_usd"), how="outer").fillna(0)
    totals["pledges"] = totals["pledges"].astype(int)
    totals["pledges_without_usd"] = totals["pledges_without_usd"].astype(int)
    totals.index.name = by
    names = party_names(dataset)
    totals.insert(
        0,
        "name",
        [names.get(i, i) if by in ("power", "country") else label(str(i)) for i in totals.index],
    )
    return totals.sort_values("amount_usd", ascending=False).reset_index()


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
            customdata=totals["pledges"],
            hovertemplate="%{y}: $%{x:,.2f} bn in %{customdata} pledge(s)<extra></extra>",
        )
    )
    fig.update_yaxes(autorange="reversed", title=None)
    fig.update_xaxes(title="USD billion, as announced", rangemode="tozero")
    return _base_layout(fig, height=max(260, 30 * len(totals) + 100))


# --- who met whom ----------------------------------------------------------------------------


def meeting_matrix(dataset: Dataset) -> pd.DataFrame:
    """Central Asian state x power: leaders' meetings held where both were present."""
    parties = event_parties(dataset)
    leaders = parties[(parties["status"] == "held") & (parties["level"] == "leaders")]
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
    table.insert(2, "party", table["party_id"].map(names))
    return table.sort_values(["events", "person"], ascending=[False, True]).reset_index(drop=True)
