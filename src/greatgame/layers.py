"""The map's pydeck layers and deck, built from a (filtered) dataset. Pure: no streamlit.

Layers, bottom to top: the country shapes and the five states' names, the corridors
(one path layer per transport mode), the arcs from each power's capital to the venues
of its leaders' meetings, the venues, the corridor nodes, and the places' names. The
Map page chooses which to draw with :class:`MapOptions` and renders :func:`map_deck`.

Three rules hold for every layer:

- Offline and light: no map provider and no base map at all, so the browser fetches no
  tiles, style, sprite or glyphs, and starts no second WebGL map under deck.gl (a
  MapLibre map only to paint the sea cost about 2.5 s of the page's settling under
  software WebGL); deck.gl clears its canvas to the sea's colour and draws the labels
  itself in a system font.
- Lean: each layer gets only the fields it draws, coordinates rounded to 3 decimals
  (about 100 m), and the deck goes out as compact JSON, because the whole of it
  crosses the websocket on every rerun.
- Safe: tooltips are plain text, which deck.gl writes with ``innerText``, so a title
  that holds HTML shows as text and never runs.
"""

from __future__ import annotations

import html
import json
import math
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pydeck as pdk
from pydeck.types import String

from greatgame.data import Dataset

COUNTRY_SHAPES = Path(__file__).resolve().parents[2] / "data" / "geo" / "central_asia.geojson"
MIDDLE_CORRIDOR = "middle-corridor"
DECIMALS = 3
# How many of a venue's events its tooltip lists by name, newest first.
TOOLTIP_EVENTS = 5
TOOLTIP_POWERS = 6

SEA = [220, 230, 238]
LAND = [246, 244, 240]
LAND_BORDER = [190, 190, 190]
CENTRAL_ASIA_LAND = [240, 226, 196]
CENTRAL_ASIA_BORDER = [120, 100, 70]
COUNTRY_LABEL = [150, 125, 85]
NODE_LABEL = [40, 40, 40]
HALO = [255, 255, 255]
# pydeck reads a bare string as a data accessor ("pixels" would be row.pixels), so a
# string that is a plain value is wrapped.
PIXELS = String("pixels")
# A system font family: deck.gl rasterises labels from it on a canvas, so nothing is
# downloaded (a web font would be fetched, and Streamlit's own is not guaranteed).
FONT_FAMILY = String("'DejaVu Sans', 'Helvetica Neue', Arial, sans-serif")

NODE_RADIUS = 3.5  # pixels
# How each transport mode is drawn: line width in pixels, a dash pattern (dash and gap,
# in line widths) or None for a solid line, and the CSS border style that looks like
# it in the legend. Dashes are cut here, as short paths, rather than drawn by deck.gl's
# PathStyleExtension: its shader is one more program for the browser to build, which
# under software WebGL cost about 0.8 s of every first draw of the map.
MODE_STYLES = {
    "rail": {"label": "rail", "width": 4, "dash": None, "border": "solid"},
    "road": {"label": "road", "width": 2, "dash": None, "border": "solid"},
    "rail_ferry": {"label": "rail ferry", "width": 3, "dash": [4, 2.5], "border": "dashed"},
    "sea": {"label": "sea", "width": 3, "dash": [1.2, 2], "border": "dotted"},
}

# The sea is the colour deck.gl clears its canvas to: the one view, a map as pydeck's
# default is, draws no base map under the layers.
MAP_VIEW = pdk.View("MapView", controller=True, clear=True, clear_color=[*SEA, 255])
# Frames the five states, the Caspian crossing, Xi'an in the east and Istanbul in the
# west on a laptop screen; wider screens see more of Europe and East Asia.
INITIAL_VIEW = pdk.ViewState(latitude=44.0, longitude=69.0, zoom=2.55, min_zoom=0, max_zoom=9)
# The first view fits what is shown inside the map's width on the reader's kind of
# screen (the server knows only whether the browser says it is a phone) and its height,
# with a margin; one venue alone is shown at a regional zoom. deck.gl zooms out no
# further than the world fills the map's height (2 ** zoom * 512 px = the height), so a
# phone's map is shorter: at 620 px, venues from Washington to Tokyo span 373 px, wider
# than a phone's map; at 360 px they fit in 259 px, and the map leaves room to scroll.
FIT_WIDTHS = {"phone": 340, "desktop": 720}
MAP_HEIGHTS = {"phone": 360, "desktop": 620}
FIT_MARGIN = 0.12
WORLD = 512  # pixels: the width of the world at zoom 0
FIT_MAX_ZOOM = 3.5  # the 1:110m shapes turn coarse beyond it
TOOLTIP_STYLE = {
    "backgroundColor": "white",
    "color": "#222",
    "fontSize": "13px",
    "lineHeight": "1.35",
    # Narrower than a phone's map, so that a tooltip near its edge is not cut.
    "maxWidth": "min(340px, 75vw)",
    "border": "1px solid #bbb",
    "borderRadius": "4px",
    "padding": "6px 8px",
}


@dataclass(frozen=True)
class MapOptions:
    """Which layers the reader switched on."""

    venues: bool = True
    arcs: bool = True
    middle_corridor: bool = True
    rival_corridors: bool = True


class CompactDeck(pdk.Deck):
    """A Deck whose JSON has no indentation: pydeck pretty-prints, which triples the
    size of the country shapes on the wire."""

    def to_json(self) -> str:
        return json.dumps(json.loads(super().to_json()), separators=(",", ":"))


# --- small helpers ---------------------------------------------------------------------------


def rgb(color: str, alpha: int = 255) -> list[int]:
    """``#rrggbb`` as deck.gl's ``[r, g, b, a]``."""
    return [int(color[i : i + 2], 16) for i in (1, 3, 5)] + [alpha]


def lon_lat(lon: float, lat: float) -> list[float]:
    return [round(float(lon), DECIMALS), round(float(lat), DECIMALS)]


def _place_positions(dataset: Dataset) -> pd.Series:
    places = dataset.places.set_index("place_id")
    return pd.Series(
        [lon_lat(lon, lat) for lon, lat in zip(places["lon"], places["lat"], strict=True)],
        index=places.index,
    )


def _held_events(dataset: Dataset) -> pd.DataFrame:
    """Events that took place somewhere: a cancelled or planned meeting met nowhere, and
    a virtual one (by video link) has no venue."""
    events = dataset.events
    return events[(events["status"] == "held") & events["place_id"].notna()]


def _plural(count: int, noun: str) -> str:
    return f"{count:,} {noun}" if count == 1 else f"{count:,} {noun}s"


# --- country shapes --------------------------------------------------------------------------


def read_country_shapes(path: Path = COUNTRY_SHAPES) -> dict:
    """The GeoJSON of the five states and their neighbours (see data/geo/README.md)."""
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def _geometries(shapes: dict, central_asia: bool) -> dict:
    # Only the outlines go to the browser: the layer's colours say which are which.
    features = [
        {"type": "Feature", "properties": {}, "geometry": f["geometry"]}
        for f in shapes["features"]
        if f["properties"]["central_asia"] == central_asia
    ]
    return {"type": "FeatureCollection", "features": features}


def country_layers(shapes: dict) -> list[pdk.Layer]:
    """The neighbours drawn faintly, the five Central Asian states on top of them."""
    return [
        pdk.Layer(
            "GeoJsonLayer",
            _geometries(shapes, central_asia=central_asia),
            id=layer_id,
            filled=True,
            stroked=True,
            get_fill_color=fill,
            get_line_color=line,
            line_width_units=PIXELS,
            get_line_width=width,
            pickable=False,
        )
        for layer_id, central_asia, fill, line, width in (
            ("countries-neighbours", False, LAND, LAND_BORDER, 0.6),
            ("countries-central-asia", True, CENTRAL_ASIA_LAND, CENTRAL_ASIA_BORDER, 1.2),
        )
    ]


# --- venues ----------------------------------------------------------------------------------


def venue_summary(dataset: Dataset) -> pd.DataFrame:
    """One row per place where held events under the filters met, busiest first.

    Columns: ``place_id``, ``place_name``, ``position`` ([lon, lat]), ``events`` (how
    many), ``power_counts`` (``[(power_id, events), …]``, most first), ``color`` (of
    the power that met there most), and ``latest`` (the newest
    :data:`TOOLTIP_EVENTS` as ``"YYYY-MM-DD title"`` lines, newest first).
    """
    columns = ["place_id", "place_name", "position", "events", "power_counts", "color", "latest"]
    events = _held_events(dataset)
    if events.empty:
        return pd.DataFrame(columns=columns)
    newest_first = events.sort_values(
        ["place_id", "date_start", "event_id"], ascending=[True, False, False]
    )
    latest = newest_first.groupby("place_id", sort=False).head(TOOLTIP_EVENTS)
    lines = latest["date_start"].dt.strftime("%Y-%m-%d") + " " + latest["title"].astype(str)
    # A venue that several powers used takes the colour of the power that met there
    # most, and of the one that met there last on a tie (then the first by id): one dot
    # carries one colour (a split glyph does not read at this size), and the tooltip
    # and the table beside the map give every power's count.
    by_power = events.groupby(["place_id", "power_id"], as_index=False, observed=True).agg(
        events=("event_id", "size"), last=("date_start", "max")
    )
    by_power = by_power.sort_values(
        ["place_id", "events", "last"], ascending=[True, False, False], kind="stable"
    )
    pairs = pd.Series(
        list(zip(by_power["power_id"], by_power["events"].astype(int), strict=True)),
        index=by_power["place_id"],
    )
    frame = pd.DataFrame({"events": events.groupby("place_id", observed=True).size()})
    frame["power_counts"] = pairs.groupby(level=0).agg(list)
    frame["color"] = (
        by_power.groupby("place_id")
        .head(1)
        .set_index("place_id")["power_id"]
        .map(dataset.powers.set_index("power_id")["color"])
    )
    frame["latest"] = lines.groupby(latest["place_id"]).agg(list)
    frame = frame.rename_axis("place_id").reset_index()
    frame["place_name"] = frame["place_id"].map(dataset.places.set_index("place_id")["name"])
    frame["position"] = frame["place_id"].map(_place_positions(dataset))
    frame["events"] = frame["events"].astype(int)
    frame = frame[columns]
    return frame.sort_values(["events", "place_id"], ascending=[False, True], ignore_index=True)


def venue_radius(events: int) -> float:
    """Dot radius in pixels: its area grows with the number of events."""
    return round(3 + 2.2 * math.sqrt(events), 1)


def _venue_tooltip(venue: pd.Series, power_names: pd.Series) -> str:
    shown = venue["power_counts"][:TOOLTIP_POWERS]
    powers = ", ".join(f"{power_names[power]} {count}" for power, count in shown)
    others = len(venue["power_counts"]) - len(shown)
    if others:
        powers += f", {_plural(others, 'other power')}"
    lines = [venue["place_name"], f"{_plural(venue['events'], 'event')}: {powers}"]
    lines += venue["latest"]
    earlier = venue["events"] - len(venue["latest"])
    if earlier > 0:
        lines.append(f"and {earlier:,} earlier")
    return "\n".join(lines)


def venue_layer(dataset: Dataset, venues: pd.DataFrame) -> pdk.Layer:
    """A dot per venue, sized by its events and coloured by its most frequent power.

    Smaller dots come last, so that they draw on top of bigger neighbours.
    """
    power_names = dataset.powers.set_index("power_id")["name"]
    records = [
        {
            "position": venue["position"],
            "radius": venue_radius(venue["events"]),
            "color": rgb(venue["color"], 235),
            "tooltip": _venue_tooltip(venue, power_names),
        }
        for _, venue in venues.iloc[::-1].iterrows()
    ]
    return pdk.Layer(
        "ScatterplotLayer",
        records,
        id="venues",
        get_position="position",
        get_radius="radius",
        radius_units=PIXELS,
        get_fill_color="color",
        stroked=True,
        get_line_color=HALO,
        line_width_units=PIXELS,
        get_line_width=1.2,
        pickable=True,
    )


# --- arcs ------------------------------------------------------------------------------------


def arc_summary(dataset: Dataset) -> pd.DataFrame:
    """One row per power and venue of its held leaders' meetings, away from its capital.

    Columns: ``power_id``, ``place_id``, ``source`` (the capital's [lon, lat]),
    ``target`` (the venue's), ``meetings``, ``first`` and ``last`` (years).
    A meeting in the power's own capital has no arc: the venue's dot shows it.
    """
    columns = ["power_id", "place_id", "source", "target", "meetings", "first", "last"]
    events = _held_events(dataset)
    events = events[events["level"] == "leaders"]
    capitals = dataset.powers.set_index("power_id")["capital_place_id"]
    events = events[events["place_id"] != events["power_id"].map(capitals)]
    if events.empty:
        return pd.DataFrame(columns=columns)
    positions = _place_positions(dataset)
    grouped = events.groupby(["power_id", "place_id"], as_index=False).agg(
        meetings=("event_id", "size"), first=("date_start", "min"), last=("date_start", "max")
    )
    grouped["source"] = grouped["power_id"].map(capitals).map(positions)
    grouped["target"] = grouped["place_id"].map(positions)
    grouped["first"] = grouped["first"].dt.year
    grouped["last"] = grouped["last"].dt.year
    return grouped[columns]


def arc_layer(dataset: Dataset, arcs: pd.DataFrame) -> pdk.Layer:
    """Great-circle arcs in the power's colour, strong at the capital and fading toward
    the venue, so that where many arcs meet the venue dots still read."""
    powers = dataset.powers.set_index("power_id")
    places = dataset.places.set_index("place_id")["name"]
    records = []
    for arc in arcs.itertuples():
        power = powers.loc[arc.power_id]
        years = str(arc.first) if arc.first == arc.last else f"{arc.first}–{arc.last}"
        records.append(
            {
                "source": arc.source,
                "target": arc.target,
                "source_color": rgb(power["color"], 170),
                "target_color": rgb(power["color"], 50),
                "width": round(0.8 + math.sqrt(arc.meetings) * 0.5, 1),
                "tooltip": (
                    f"{power['name']} → {places[arc.place_id]}\n"
                    f"{_plural(arc.meetings, 'leaders’ meeting')}, {years}"
                ),
            }
        )
    return pdk.Layer(
        "ArcLayer",
        records,
        id="arcs",
        great_circle=True,
        get_source_position="source",
        get_target_position="target",
        get_source_color="source_color",
        get_target_color="target_color",
        get_width="width",
        width_units=PIXELS,
        get_height=0,  # flat on the map, which is seen from straight above
        pickable=True,
    )


# --- corridors -------------------------------------------------------------------------------


def shown_corridors(dataset: Dataset, options: MapOptions) -> list[str]:
    """The corridor ids the options switch on: the Middle Corridor and/or its rivals."""
    return [
        corridor
        for corridor in dataset.corridors["corridor_id"]
        if (options.middle_corridor if corridor == MIDDLE_CORRIDOR else options.rival_corridors)
    ]


def _corridor_nodes(dataset: Dataset, corridor_ids: list[str]) -> pd.DataFrame:
    nodes = dataset.corridor_nodes[dataset.corridor_nodes["corridor_id"].isin(corridor_ids)]
    return nodes.sort_values(["corridor_id", "seq"], ignore_index=True)


def corridor_segments(dataset: Dataset, corridor_ids: list[str]) -> pd.DataFrame:
    """One row per leg between two consecutive nodes of the given corridors.

    Columns: ``corridor_id``, ``mode``, ``path`` ([[lon, lat], [lon, lat]]),
    ``from_place_id``, ``to_place_id``.
    """
    columns = ["corridor_id", "mode", "path", "from_place_id", "to_place_id"]
    positions = _place_positions(dataset)
    rows = []
    for corridor_id, nodes in _corridor_nodes(dataset, corridor_ids).groupby("corridor_id"):
        places = list(nodes["place_id"])
        for start, end, mode in zip(places, places[1:], nodes["mode_to_next"], strict=False):
            rows.append(
                {
                    "corridor_id": corridor_id,
                    "mode": mode,
                    "path": [positions[start], positions[end]],
                    "from_place_id": start,
                    "to_place_id": end,
                }
            )
    return pd.DataFrame(rows, columns=columns)


def dash_paths(path: list[list[float]], pattern: list[float], width: float, zoom: float):
    """The dashes of a straight leg as drawn at ``zoom``: each a [[lon, lat], [lon, lat]]
    path. ``pattern`` is a dash and a gap in line widths of ``width`` pixels, stretched
    a little so that the leg starts and ends with a whole dash."""
    (x0, y0), (x1, y1) = (_screen_point(point, zoom) for point in path)
    length = math.hypot(x1 - x0, y1 - y0)
    dash, gap = (share * width for share in pattern)
    count = max(1, round((length + gap) / (dash + gap)))
    stretch = length / (count * dash + (count - 1) * gap)
    world = WORLD * 2**zoom

    def at(distance: float) -> list[float]:
        share = distance / length if length else 0
        x, y = x0 + (x1 - x0) * share, y0 + (y1 - y0) * share
        return [round(x / world * 360 - 180, DECIMALS), round(_lat_of(y / world), DECIMALS)]

    starts = (step * (dash + gap) * stretch for step in range(count))
    return [[at(start), at(start + dash * stretch)] for start in starts]


def corridor_layers(
    dataset: Dataset, segments: pd.DataFrame, zoom: float = INITIAL_VIEW.zoom
) -> list[pdk.Layer]:
    """One path layer per transport mode (its width), each leg in its corridor's
    colour; a dashed mode's legs cut into dashes for the first view's ``zoom``
    (zooming in lengthens them)."""
    corridors = dataset.corridors.set_index("corridor_id")
    places = dataset.places.set_index("place_id")["name"]
    layers = []
    for mode, style in MODE_STYLES.items():
        legs = segments[segments["mode"] == mode]
        if legs.empty:
            continue
        records = []
        for leg in legs.itertuples():
            pieces = [leg.path]
            if style["dash"]:
                pieces = dash_paths(leg.path, style["dash"], style["width"], zoom)
            color = rgb(corridors.loc[leg.corridor_id, "color"], 230)
            tooltip = (
                f"{corridors.loc[leg.corridor_id, 'name']}\n"
                f"{places[leg.from_place_id]} → {places[leg.to_place_id]} by {style['label']}"
            )
            records += [{"path": piece, "color": color, "tooltip": tooltip} for piece in pieces]
        layers.append(
            pdk.Layer(
                "PathLayer",
                records,
                id=f"corridor-{mode}",
                get_path="path",
                get_color="color",
                get_width=style["width"],
                width_units=PIXELS,
                pickable=True,
            )
        )
    return layers


def _node_tooltip(place_name: str, stops: pd.DataFrame, corridor_names: pd.Series) -> str:
    lines = [place_name]
    for stop in stops.itertuples():
        onward = (
            f"on by {MODE_STYLES[stop.mode_to_next]['label']}"
            if isinstance(stop.mode_to_next, str)
            else "the end of the line"
        )
        lines.append(
            f"{corridor_names[stop.corridor_id]}: node {stop.seq} of {stop.length}, {onward}"
        )
    return "\n".join(lines)


def corridor_node_layer(dataset: Dataset, corridor_ids: list[str]) -> pdk.Layer:
    """A small ring per node of the shown corridors, once per place however many
    corridors pass it, with a tooltip naming each corridor and the node's place on it."""
    nodes = _corridor_nodes(dataset, corridor_ids)
    nodes["length"] = nodes.groupby("corridor_id")["seq"].transform("max")
    corridor_names = dataset.corridors.set_index("corridor_id")["name"]
    place_names = dataset.places.set_index("place_id")["name"]
    positions = _place_positions(dataset)
    rings = [
        {
            "position": positions[place_id],
            "tooltip": _node_tooltip(place_names[place_id], stops, corridor_names),
        }
        for place_id, stops in nodes.groupby("place_id", sort=True)
    ]
    return pdk.Layer(
        "ScatterplotLayer",
        rings,
        id="corridor-nodes",
        get_position="position",
        get_radius=NODE_RADIUS,
        radius_units=PIXELS,
        get_fill_color=HALO,
        stroked=True,
        get_line_color=NODE_LABEL,
        line_width_units=PIXELS,
        get_line_width=1.5,
        pickable=True,
    )


# --- the view --------------------------------------------------------------------------------


def _lat_of(y: float) -> float:
    """The latitude at Web Mercator ``y`` (0 to 1 from the top) : the inverse of the
    projection in :func:`_screen_point`."""
    return math.degrees(2 * math.atan(math.exp(math.pi * (1 - 2 * y))) - math.pi / 2)


def fit_view(
    venues: pd.DataFrame, arcs: pd.DataFrame, options: MapOptions, screen: str = "phone"
) -> pdk.ViewState:
    """The first view: centred on the venues and the arcs' ends that are shown, zoomed
    so that all of them fit the map on a ``screen`` ("phone" or "desktop") with a
    margin. With nothing to show, the Central Asian frame."""
    points = list(venues["position"]) if options.venues else []
    if options.arcs:
        points += list(arcs["source"]) + list(arcs["target"])
    if not points:
        return INITIAL_VIEW
    unit = [_screen_point(p, zoom=0) for p in points]  # pixels of the world at zoom 0
    xs, ys = [x for x, _ in unit], [y for _, y in unit]
    width, height = max(xs) - min(xs), max(ys) - min(ys)
    room = 1 - 2 * FIT_MARGIN
    map_height = MAP_HEIGHTS[screen]
    zooms = [FIT_MAX_ZOOM]
    if width > 0:
        zooms.append(math.log2(FIT_WIDTHS[screen] * room / width))
    if height > 0:
        zooms.append(math.log2(map_height * room / height))
    # deck.gl keeps the world filling the map's height: it zooms out no further (in
    # hundredths, as the view is rounded), and moves a centre nearer a pole than half
    # the map's height back. The view here is the one deck.gl shows.
    lowest = math.ceil(math.log2(map_height / WORLD) * 100) / 100
    zoom = round(max(lowest, min(zooms)), 2)
    half = map_height / 2 / 2**zoom
    centre_y = min(max((max(ys) + min(ys)) / 2, half), WORLD - half)
    return pdk.ViewState(
        latitude=round(_lat_of(centre_y / WORLD), DECIMALS),
        longitude=round((max(xs) + min(xs)) / 2 / WORLD * 360 - 180, DECIMALS),
        zoom=zoom,
        min_zoom=lowest,
        max_zoom=INITIAL_VIEW.max_zoom,
    )


# --- labels ----------------------------------------------------------------------------------

# Place labels are placed here, once, for the map's first view: each goes in the first
# of eight places around its dot where it overlaps no label placed before it and no
# other dot's middle; a label with no free place is left out (its dot's tooltip still
# names it). deck.gl's collision filter cannot do this: it hides every label drawn off
# its anchor. Placement runs in order: the Middle Corridor's nodes (the route must read
# end to end), the venues by their events, the rivals' nodes.
LABEL_SIZE = 12
COUNTRY_LABEL_SIZE = 13
# The average advance of a DejaVu Sans glyph, as a share of the font size, and the
# height of a line of text.
GLYPH_WIDTH = 0.62
LINE_HEIGHT = 1.3
LABEL_GAP = 3
HALO_WIDTH = 2  # pixels
# Where a label may go around its dot, in the cartographer's order of preference: text
# anchor, baseline, and the direction of its offset from the dot.
_DIAGONAL = math.sqrt(0.5)
_PLACEMENTS = (
    ("start", "center", (1, 0)),
    ("start", "bottom", (_DIAGONAL, -_DIAGONAL)),
    ("start", "top", (_DIAGONAL, _DIAGONAL)),
    ("end", "center", (-1, 0)),
    ("end", "bottom", (-_DIAGONAL, -_DIAGONAL)),
    ("end", "top", (-_DIAGONAL, _DIAGONAL)),
    ("middle", "bottom", (0, -1)),
    ("middle", "top", (0, 1)),
)


def _screen_point(position: list[float], zoom: float = INITIAL_VIEW.zoom) -> tuple[float, float]:
    """Web Mercator pixels of a [lon, lat] at a zoom (by default, the first view's)."""
    world = WORLD * 2**zoom
    lon, lat = position
    x = (lon + 180) / 360 * world
    y = (1 - math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)) / math.pi) / 2 * world
    return x, y


def _text_box(
    point: tuple[float, float], text: str, size: int, anchor: str, baseline: str
) -> tuple[float, float, float, float]:
    """The pixel box a label covers, its halo included."""
    width = len(text) * GLYPH_WIDTH * size + 2 * HALO_WIDTH
    height = LINE_HEIGHT * size
    x, y = point
    left = {"start": x, "end": x - width, "middle": x - width / 2}[anchor]
    top = {"center": y - height / 2, "bottom": y - height, "top": y}[baseline]
    return (left, top, left + width, top + height)


def _overlaps(a: tuple, b: tuple) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _contains(outer: tuple, inner: tuple) -> bool:
    return (
        outer[0] <= inner[0]
        and outer[1] <= inner[1]
        and inner[2] <= outer[2]
        and (inner[3] <= outer[3])
    )


def view_frame(view: pdk.ViewState, screen: str) -> tuple[float, float, float, float]:
    """The pixel box the first view shows on a ``screen`` at least (see FIT_WIDTHS)."""
    x, y = _screen_point([view.longitude, view.latitude], view.zoom)
    half_width, half_height = FIT_WIDTHS[screen] / 2, MAP_HEIGHTS[screen] / 2
    return (x - half_width, y - half_height, x + half_width, y + half_height)


def _place_label(
    position: list[float],
    text: str,
    gap: float,
    taken: list[tuple],
    centres: list[tuple],
    zoom: float = INITIAL_VIEW.zoom,
    frame: tuple | None = None,
) -> dict | None:
    """The first placement around a dot that overlaps neither a label already placed
    nor another dot's middle, as a TextLayer row. A dot inside the first view's
    ``frame`` (a pixel box) gets a label inside it too: at the map's edge, a label on
    the far side of its dot would be cut ("sburg" for Duisburg)."""
    x, y = _screen_point(position, zoom)
    inside = frame is not None and _contains(frame, (x, y, x, y))
    for anchor, baseline, (dx, dy) in _PLACEMENTS:
        offset = [round(dx * gap, 1), round(dy * gap, 1)]
        box = _text_box((x + offset[0], y + offset[1]), text, LABEL_SIZE, anchor, baseline)
        if inside and not _contains(frame, box):
            continue
        if not any(_overlaps(box, other) for other in taken + centres):
            taken.append(box)
            return {
                "position": position,
                "text": text,
                "anchor": anchor,
                "baseline": baseline,
                "offset": offset,
            }
    return None


# Where two of the five states' names would overlap (on a map zoomed out to show far
# venues), the larger state keeps its name.
COUNTRY_LABEL_ORDER = ("KAZ", "TKM", "UZB", "KGZ", "TJK")


def _country_labels(shapes: dict, zoom: float = INITIAL_VIEW.zoom) -> list[dict]:
    """The five states' names at their label points, each that fits at ``zoom``
    without overlapping a larger state's name."""
    features = {f["properties"]["iso3"]: f for f in shapes["features"]}
    labels, taken = [], []
    for iso3 in COUNTRY_LABEL_ORDER:
        properties = features[iso3]["properties"]
        text = properties["name"].upper()
        box = _text_box(
            _screen_point(properties["label_point"], zoom), text, COUNTRY_LABEL_SIZE,
            "middle", "center",
        )  # fmt: skip
        if any(_overlaps(box, other) for other in taken):
            continue
        taken.append(box)
        labels.append(
            {
                "position": properties["label_point"],
                "text": text,
                "anchor": "middle",
                "baseline": "center",
                "offset": [0, 0],
            }
        )
    return labels


def country_label_layer(shapes: dict, zoom: float = INITIAL_VIEW.zoom) -> pdk.Layer:
    """The names of the five states across them at the first view's ``zoom``, drawn
    under everything else; place labels are placed around them (see
    :func:`place_label_layer`)."""
    return _text_layer(
        "labels-countries", _country_labels(shapes, zoom), COUNTRY_LABEL, COUNTRY_LABEL_SIZE
    )


def place_label_layer(
    dataset: Dataset,
    venues: pd.DataFrame,
    corridor_ids: list[str],
    zoom: float = INITIAL_VIEW.zoom,
    shapes: dict | None = None,
    frame: tuple | None = None,
) -> pdk.Layer:
    """The names of the venues and corridor nodes beside their dots, placed for the
    first view's ``zoom``; with ``shapes``, never over the five states' names."""
    positions = _place_positions(dataset)
    place_names = dataset.places.set_index("place_id")["name"]
    # Each place once, with the radius of its bigger dot and its first turn in line. A
    # label keeps off the middle of every other dot (the rim of a big one may go
    # under a label's halo, or the capitals of Central Asia would never be named).
    nodes = _corridor_nodes(dataset, corridor_ids)
    radii = {place: NODE_RADIUS for place in nodes["place_id"]}
    for venue in venues.itertuples():
        radii[venue.place_id] = max(venue_radius(venue.events), NODE_RADIUS)
    centres = {}
    for place in radii:
        x, y = _screen_point(positions[place], zoom)
        centres[place] = (x - NODE_RADIUS, y - NODE_RADIUS, x + NODE_RADIUS, y + NODE_RADIUS)
    order = list(nodes.loc[nodes["corridor_id"] == MIDDLE_CORRIDOR, "place_id"])
    order += list(venues["place_id"]) + list(nodes["place_id"])
    labels: list[dict] = []
    taken = [
        _text_box(_screen_point(c["position"], zoom), c["text"], COUNTRY_LABEL_SIZE,
                  "middle", "center")
        for c in (_country_labels(shapes, zoom) if shapes else [])
    ]  # fmt: skip
    for place in dict.fromkeys(order):
        others = [centre for other, centre in centres.items() if other != place]
        gap = radii[place] + LABEL_GAP
        label = _place_label(positions[place], place_names[place], gap, taken, others, zoom, frame)
        if label:
            labels.append(label)
    return _text_layer("labels-places", labels, NODE_LABEL, LABEL_SIZE)


def _text_layer(layer_id: str, labels: list[dict], color: list[int], size: int) -> pdk.Layer:
    return pdk.Layer(
        "TextLayer",
        labels,
        id=layer_id,
        get_position="position",
        get_text="text",
        get_color=color,
        get_size=size,
        size_units=PIXELS,
        get_text_anchor="anchor",
        get_alignment_baseline="baseline",
        get_pixel_offset="offset",
        font_family=FONT_FAMILY,
        # "auto" builds the glyph atlas from the labels' own characters (Türkmenbaşy),
        # not the default ASCII set.
        character_set=String("auto"),
        # A white halo keeps labels readable over lines and coloured land. deck.gl draws
        # it from a signed distance field, in atlas pixels (glyphs at 64 px): a radius
        # of 24 leaves room for a halo of about 2 px around 12 px text.
        font_settings={"sdf": True, "radius": 24, "buffer": 10},
        outline_width=16,
        outline_color=HALO,
        pickable=False,
    )


# --- the words and the legend beside the map -------------------------------------------------


def map_summary(venues: pd.DataFrame, arcs: pd.DataFrame) -> str:
    """One sentence saying what the map shows, for readers who cannot see it."""
    if venues.empty:
        return "No held event under the current filters: the map shows the corridors only."
    busiest = venues.iloc[0]
    sentence = (
        f"{_plural(int(venues['events'].sum()), 'held event')} under the current filters "
        f"met in {_plural(len(venues), 'place')}, most often in {busiest['place_name']} "
        f"({busiest['events']:,})"
    )
    if arcs.empty:
        return sentence + "."
    powers = arcs["power_id"].nunique()
    capitals = "1 power’s capital" if powers == 1 else f"{powers:,} powers’ capitals"
    link = "links" if len(arcs) == 1 else "link"
    return (
        f"{sentence}; {_plural(len(arcs), 'arc')} {link} {capitals} to venues of "
        "leaders’ meetings away from home."
    )


def venue_table(dataset: Dataset, venues: pd.DataFrame) -> pd.DataFrame:
    """The venues as a table a screen reader can read: place, events, powers, latest."""
    power_names = dataset.powers.set_index("power_id")["name"]
    return pd.DataFrame(
        {
            "place": venues["place_name"],
            "events": venues["events"],
            "powers (events)": [
                ", ".join(f"{power_names[power]} ({count})" for power, count in counts)
                for counts in venues["power_counts"]
            ],
            "latest event": [latest[0] for latest in venues["latest"]],
        }
    )


def corridor_routes(dataset: Dataset, corridor_ids: list[str]) -> list[str]:
    """Each shown corridor as a sentence: its name, then every leg and its mode."""
    names = dataset.corridors.set_index("corridor_id")["name"]
    places = dataset.places.set_index("place_id")["name"]
    routes = []
    for corridor_id, legs in corridor_segments(dataset, corridor_ids).groupby(
        "corridor_id", sort=False
    ):
        steps = [places[legs["from_place_id"].iloc[0]]]
        steps += [
            f"by {MODE_STYLES[leg.mode]['label']} to {places[leg.to_place_id]}"
            for leg in legs.itertuples()
        ]
        routes.append(f"{names[corridor_id]}: {', '.join(steps)}.")
    return routes


def _swatch_dot(color: str) -> str:
    return (
        '<span style="display:inline-block;width:11px;height:11px;border-radius:50%;'
        f'background:{html.escape(color)};margin-right:4px;vertical-align:-1px"></span>'
    )


def _swatch_line(color: str, width: float, border: str) -> str:
    # A CSS border, not SVG: the page shows the legend through a sanitiser that drops SVG.
    return (
        f'<span style="display:inline-block;width:26px;border-top:{width}px {border} '
        f'{html.escape(color)};margin-right:4px;vertical-align:middle"></span>'
    )


def legend_html(
    dataset: Dataset,
    venues: pd.DataFrame,
    arcs: pd.DataFrame,
    options: MapOptions,
    corridors_href: str = "corridors",
) -> str:
    """The legend of what the options show: a colour per power on the map, a line per
    corridor and per mode, and a link to the corridors over time. Every data string is
    HTML-escaped."""
    corridor_ids = shown_corridors(dataset, options)
    # The powers whose colour is on the map: each venue's first power, each arc's.
    shown_powers = set()
    if options.venues:
        shown_powers |= {counts[0][0] for counts in venues["power_counts"]}
    if options.arcs:
        shown_powers |= set(arcs["power_id"])
    powers = dataset.powers[dataset.powers["power_id"].isin(shown_powers)].sort_values("name")
    corridors = dataset.corridors[dataset.corridors["corridor_id"].isin(corridor_ids)]
    modes = set(corridor_segments(dataset, corridor_ids)["mode"])
    item = '<span style="display:inline-block;margin-right:14px">{}{}</span>'
    sections = []
    if len(powers):
        chips = "".join(
            item.format(_swatch_dot(p.color), html.escape(p.name)) for p in powers.itertuples()
        )
        sections.append(
            "<div><b>Powers</b> (dot: the power that met there most; size: events held "
            f"there; arc: from the power’s capital): {chips}</div>"
        )
    if len(corridors):
        lines = "".join(
            item.format(_swatch_line(c.color, 4, "solid"), html.escape(c.name))
            for c in corridors.itertuples()
        )
        styles = "".join(
            item.format(_swatch_line("#555", style["width"], style["border"]), style["label"])
            for mode, style in MODE_STYLES.items()
            if mode in modes
        )
        link = (
            f'<a href="{html.escape(corridors_href)}">their freight and the diplomacy '
            "that names them, year by year</a>"
        )
        sections.append(
            f"<div><b>Corridors</b> ({link}): {lines}</div><div><b>Modes</b>: {styles}</div>"
        )
    return f'<div style="font-size:0.85rem;line-height:1.9">{"".join(sections)}</div>'


# --- the deck --------------------------------------------------------------------------------


def map_layers(
    dataset: Dataset,
    shapes: dict,
    venues: pd.DataFrame,
    arcs: pd.DataFrame,
    options: MapOptions,
    view: pdk.ViewState = INITIAL_VIEW,
    screen: str | None = None,
) -> list[pdk.Layer]:
    """Every layer the options switch on, bottom to top, from the venues and arcs that
    :func:`venue_summary` and :func:`arc_summary` found, labelled for ``view`` (on a
    ``screen``, the labels of its edge kept inside it). The
    venues draw over the corridor stops: a stop's ring must not cover the busiest
    venue (Xi'an is both)."""
    corridor_ids = shown_corridors(dataset, options)
    venues = venues if options.venues else venues.iloc[:0]
    layers = country_layers(shapes) + [country_label_layer(shapes, view.zoom)]
    layers += corridor_layers(dataset, corridor_segments(dataset, corridor_ids), view.zoom)
    if options.arcs:
        layers.append(arc_layer(dataset, arcs))
    if corridor_ids:
        layers.append(corridor_node_layer(dataset, corridor_ids))
    if options.venues:
        layers.append(venue_layer(dataset, venues))
    frame = view_frame(view, screen) if screen else None
    return layers + [place_label_layer(dataset, venues, corridor_ids, view.zoom, shapes, frame)]


def map_deck(layers: list[pdk.Layer], view: pdk.ViewState = INITIAL_VIEW) -> CompactDeck:
    """The deck: no map provider and no base map (pydeck's default style with no
    provider draws none), the sea-coloured view, the first view state (see
    :func:`fit_view`) and a plain-text tooltip read from each object's ``tooltip``."""
    return CompactDeck(
        layers=layers,
        views=[MAP_VIEW],
        initial_view_state=view,
        map_provider=None,
        # A flat map: each layer simply draws over the ones before it, so labels stay
        # on top of the arcs and dots rather than losing depth tests to them.
        parameters={"depthCompare": "always"},
        tooltip={"text": "{tooltip}", "style": TOOLTIP_STYLE},
    )
