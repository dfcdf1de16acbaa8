"""The map's layers, built from the tiny fixture: positions, colours, counts, labels,
escaping, and only the fields each layer draws."""

import json
import math
from dataclasses import replace

import pandas as pd
import pytest

from greatgame import layers
from greatgame.data import load_dataset
from greatgame.filters import Filters, apply_filters
from tests.conftest import DATA_DIR

ALL = layers.MapOptions()
HTML_TITLE = '<img src=x onerror="alert(1)"> <b>Summit</b> & more'
# Places of the tiny fixture as [lon, lat], rounded as the map sends them.
ASTANA, BEIJING, TOKYO = [71.446, 51.18], [116.397, 39.907], [139.692, 35.69]


@pytest.fixture(scope="module")
def shapes():
    return layers.read_country_shapes()


def deck_json(dataset, shapes, options=ALL) -> dict:
    venues, arcs = layers.venue_summary(dataset), layers.arc_summary(dataset)
    deck = layers.map_deck(layers.map_layers(dataset, shapes, venues, arcs, options))
    return json.loads(deck.to_json())


def layer_data(spec: dict, layer_id: str) -> list[dict]:
    return next(layer["data"] for layer in spec["layers"] if layer["id"] == layer_id)


def with_event(dataset, **changes):
    """The dataset with one more held event, a copy of the Tokyo summit with changes."""
    events = dataset.events
    new = events[events["event_id"] == "2025-12-19-central-asia-japan-summit"].assign(**changes)
    return replace(dataset, events=pd.concat([events, new], ignore_index=True))


# --- country shapes ----------------------------------------------------------------------------


def test_the_shapes_flag_the_five_states_and_round_coordinates(shapes):
    flagged = {
        f["properties"]["iso3"] for f in shapes["features"] if f["properties"]["central_asia"]
    }
    assert flagged == {"KAZ", "KGZ", "TJK", "TKM", "UZB"}
    names = {f["properties"]["name"] for f in shapes["features"]}
    assert {"Russia", "China", "Afghanistan", "Iran", "Azerbaijan", "Georgia", "Turkey"} <= names

    def numbers(coordinates):
        for item in coordinates:
            yield from numbers(item) if isinstance(item, list) else [item]

    for feature in shapes["features"]:
        assert all(round(n, 3) == n for n in numbers(feature["geometry"]["coordinates"]))


def test_country_layers_send_outlines_only_and_highlight_the_five(shapes):
    neighbours, central_asia = layers.country_layers(shapes)
    assert len(central_asia.data["features"]) == 5
    assert len(neighbours.data["features"]) == len(shapes["features"]) - 5
    assert all(f["properties"] == {} for f in neighbours.data["features"])
    assert central_asia.get_fill_color == layers.CENTRAL_ASIA_LAND
    assert neighbours.get_fill_color == layers.LAND
    labels = layers.country_label_layer(shapes).data
    assert sorted(label["text"] for label in labels) == [
        "KAZAKHSTAN", "KYRGYZSTAN", "TAJIKISTAN", "TURKMENISTAN", "UZBEKISTAN",
    ]  # fmt: skip


@pytest.mark.parametrize("zoom", [0.9, 1.5, 2.0, 2.55, 3.5])
def test_the_five_states_names_never_overlap_and_the_larger_keeps_its_name(shapes, zoom):
    labels = layers.country_label_layer(shapes, zoom).data
    boxes = [
        layers._text_box(layers._screen_point(label["position"], zoom), label["text"],
                         layers.COUNTRY_LABEL_SIZE, "middle", "center")
        for label in labels
    ]  # fmt: skip
    for i, box in enumerate(boxes):
        assert not any(layers._overlaps(box, other) for other in boxes[:i])
    assert labels[0]["text"] == "KAZAKHSTAN"
    if zoom <= 1.5:  # zoomed out to far venues: not all five fit
        assert len(labels) < 5


# --- venues ------------------------------------------------------------------------------------


def test_one_venue_per_place_where_held_events_met(tiny):
    venues = layers.venue_summary(tiny).set_index("place_id")
    # The cancelled Astana summit met nowhere: Astana counts the SCO summit alone.
    assert venues["events"].to_dict() == {"tokyo": 2, "astana": 1, "beijing": 1, "washington": 1}
    assert venues.loc["tokyo", "position"] == TOKYO
    assert venues.loc["tokyo", "color"] == "#e69f00"  # Japan's, from powers.csv
    assert venues.loc["astana", "color"] == "#a0a0a0"  # the SCO's
    assert venues.loc["tokyo", "latest"] == [
        "2025-12-19 Central Asia + Japan summit",
        "2019-03-01 Central Asia + Japan foreign ministers",
    ]


def test_a_shared_venue_takes_the_colour_of_the_power_that_met_there_most(tiny):
    venues = layers.venue_summary(with_event(tiny, event_id="x", power_id="USA"))
    tokyo = venues.set_index("place_id").loc["tokyo"]
    assert tokyo["power_counts"] == [("JPN", 2), ("USA", 1)]
    assert tokyo["color"] == "#e69f00"
    # On a tie, the power that met there last.
    tied = with_event(
        with_event(tiny, event_id="x", power_id="USA"),
        event_id="y",
        power_id="USA",
        date_start=pd.Timestamp("2026-01-05"),
        date_end=pd.Timestamp("2026-01-05"),
    )
    tokyo = layers.venue_summary(tied).set_index("place_id").loc["tokyo"]
    assert tokyo["power_counts"][0] == ("USA", 2)
    assert tokyo["color"] == "#0072b2"


def test_venue_dots_grow_with_events_and_carry_only_what_they_draw(tiny):
    layer = layers.venue_layer(tiny, layers.venue_summary(tiny))
    assert all(set(row) == {"position", "radius", "color", "tooltip"} for row in layer.data)
    by_place = {tuple(row["position"]): row for row in layer.data}
    assert by_place[tuple(TOKYO)]["radius"] > by_place[tuple(ASTANA)]["radius"]
    assert by_place[tuple(TOKYO)]["color"] == [230, 159, 0, 235]
    # Smaller dots are drawn last, on top of bigger neighbours.
    assert [row["radius"] for row in layer.data] == sorted(row["radius"] for row in layer.data)
    assert layer.pickable is True


def test_a_venue_tooltip_names_the_place_powers_and_events(tiny):
    layer = layers.venue_layer(tiny, layers.venue_summary(tiny))
    tokyo = next(row for row in layer.data if row["position"] == TOKYO)
    assert tokyo["tooltip"].splitlines() == [
        "Tokyo",
        "2 events: Japan 2",
        "2025-12-19 Central Asia + Japan summit",
        "2019-03-01 Central Asia + Japan foreign ministers",
    ]


# --- arcs --------------------------------------------------------------------------------------


def test_arcs_run_from_a_capital_to_the_venues_of_its_leaders_meetings(tiny):
    arcs = layers.arc_summary(tiny)
    # Tokyo, Beijing and Washington hosted their own power's summits: no arc. The
    # ministerial and the cancelled summit are not leaders' meetings held.
    assert arcs[["power_id", "place_id", "meetings"]].values.tolist() == [["SCO", "astana", 1]]
    assert arcs.loc[0, "source"] == BEIJING  # the SCO's seat
    assert arcs.loc[0, "target"] == ASTANA
    layer = layers.arc_layer(tiny, arcs)
    assert layer.great_circle is True
    (row,) = layer.data
    assert set(row) == {"source", "target", "source_color", "target_color", "width", "tooltip"}
    assert row["source_color"][:3] == row["target_color"][:3] == [160, 160, 160]
    assert row["tooltip"] == "Shanghai Cooperation Organisation → Astana\n1 leaders’ meeting, 2024"


def test_arcs_follow_the_filters(tiny):
    assert layers.arc_summary(apply_filters(tiny, Filters(powers=("JPN",)))).empty
    moved = with_event(tiny, event_id="x", place_id="astana")
    arcs = layers.arc_summary(moved).set_index("power_id")
    assert arcs.loc["JPN", "source"] == TOKYO and arcs.loc["JPN", "target"] == ASTANA


# --- corridors ---------------------------------------------------------------------------------


def test_corridor_legs_are_grouped_by_mode(tiny):
    segments = layers.corridor_segments(tiny, ["middle-corridor"])
    assert segments[["from_place_id", "to_place_id", "mode"]].values.tolist() == [
        ["beijing", "astana", "rail"],
        ["astana", "aktau", "rail"],
        ["aktau", "baku", "sea"],
    ]
    rail, sea = layers.corridor_layers(tiny, segments)
    assert (rail.id, len(rail.data), sea.id) == ("corridor-rail", 2, "corridor-sea")
    assert rail.data[0]["path"] == [BEIJING, ASTANA]
    assert rail.data[0]["color"] == [228, 26, 28, 230]  # the corridor's colour
    assert all(set(row) == {"path", "color", "tooltip"} for row in rail.data + sea.data)
    assert {row["tooltip"] for row in sea.data} == {"Middle Corridor\nAktau → Baku by sea"}
    # The sea leg is dotted: cut into short paths from Aktau to Baku, one program fewer
    # for the browser than deck.gl's dash extension.
    assert len(sea.data) > 3 and not hasattr(sea, "extensions")
    aktau, baku = segments.loc[2, "path"]
    assert sea.data[0]["path"][0] == pytest.approx(aktau, abs=1e-3)
    assert sea.data[-1]["path"][-1] == pytest.approx(baku, abs=1e-3)


def test_a_dashed_leg_is_cut_into_even_dashes_on_its_line():
    leg, zoom, width = [[49.87, 40.41], [51.17, 43.65]], 4.0, 3  # Baku to Aktau
    dashes = layers.dash_paths(leg, [4, 2.5], width, zoom)
    ends = [[layers._screen_point(p, zoom) for p in dash] for dash in dashes]
    lengths = [math.dist(a, b) for a, b in ends]
    gaps = [math.dist(a[1], b[0]) for a, b in zip(ends, ends[1:], strict=False)]
    total = math.dist(*(layers._screen_point(p, zoom) for p in leg))
    assert len(dashes) == round((total + 2.5 * width) / (6.5 * width))
    # Each dash is 4 widths long and each gap 2.5, stretched by under a period in all.
    assert max(lengths) - min(lengths) < 0.1 and max(gaps) - min(gaps) < 0.1
    assert lengths[0] / gaps[0] == pytest.approx(4 / 2.5, rel=0.05)
    assert abs(sum(lengths) + sum(gaps) - total) < 0.1
    assert abs(lengths[0] - 4 * width) < 6.5 * width / len(dashes) + 0.1
    (x0, y0), (x1, y1) = ends[0][0], ends[-1][1]
    for (x, y), _ in ends:  # every dash starts on the leg's straight line on the screen
        assert abs((x1 - x0) * (y - y0) - (y1 - y0) * (x - x0)) / total < 0.2
    # A leg shorter than one dash is drawn whole.
    assert layers.dash_paths([[49.87, 40.41], [49.871, 40.411]], [4, 2.5], width, zoom) == [
        [[49.87, 40.41], [49.871, 40.411]]
    ]


def test_corridor_nodes_name_their_place_on_each_corridor(tiny):
    rings = layers.corridor_node_layer(tiny, ["middle-corridor"]).data
    assert all(set(row) == {"position", "tooltip"} for row in rings)
    tooltips = {row["tooltip"].splitlines()[0]: row["tooltip"] for row in rings}
    assert tooltips["Aktau"] == "Aktau\nMiddle Corridor: node 3 of 4, on by sea"
    assert tooltips["Baku"] == "Baku\nMiddle Corridor: node 4 of 4, the end of the line"


def test_the_toggles_choose_the_corridors_and_layers(tiny, shapes):
    assert layers.shown_corridors(tiny, ALL) == ["middle-corridor"]
    assert layers.shown_corridors(tiny, layers.MapOptions(middle_corridor=False)) == []
    ids = [layer["id"] for layer in deck_json(tiny, shapes)["layers"]]
    assert ids == [
        "countries-neighbours", "countries-central-asia", "labels-countries",
        "corridor-rail", "corridor-sea", "arcs", "corridor-nodes", "venues", "labels-places",
    ]  # fmt: skip
    bare = layers.MapOptions(venues=False, arcs=False, middle_corridor=False)
    ids = [layer["id"] for layer in deck_json(tiny, shapes, bare)["layers"]]
    assert ids == [
        "countries-neighbours", "countries-central-asia", "labels-countries", "labels-places",
    ]  # fmt: skip
    assert layer_data(deck_json(tiny, shapes, bare), "labels-places") == []


# --- labels ------------------------------------------------------------------------------------


def label_boxes(labels, zoom=layers.INITIAL_VIEW.zoom):
    boxes = []
    for label in labels:
        x, y = layers._screen_point(label["position"], zoom)
        point = (x + label["offset"][0], y + label["offset"][1])
        boxes.append(
            layers._text_box(
                point, label["text"], layers.LABEL_SIZE, label["anchor"], label["baseline"]
            )
        )
    return boxes


def test_place_labels_never_overlap_and_name_the_whole_middle_corridor():
    # Over the committed data, where places crowd: the route must read end to end.
    dataset = load_dataset(DATA_DIR)
    venues = layers.venue_summary(dataset)
    corridor_ids = list(dataset.corridors["corridor_id"])
    labels = layers.place_label_layer(dataset, venues, corridor_ids).data
    boxes = label_boxes(labels)
    for i, box in enumerate(boxes):
        assert not any(layers._overlaps(box, other) for other in boxes[i + 1 :])
    names = dataset.places.set_index("place_id")["name"]
    middle = dataset.corridor_nodes.query("corridor_id == 'middle-corridor'")["place_id"]
    assert set(names[middle]) <= {label["text"] for label in labels}
    assert {"Astana", "Tashkent", "Bishkek", "Dushanbe", "Ashgabat"} <= {
        label["text"] for label in labels
    }


def test_a_label_moves_aside_when_its_first_place_is_taken(tiny):
    labels = layers.place_label_layer(tiny, layers.venue_summary(tiny), ["middle-corridor"]).data
    assert all(set(row) == {"position", "text", "anchor", "baseline", "offset"} for row in labels)
    astana = next(row for row in labels if row["text"] == "Astana")
    assert (astana["anchor"], astana["baseline"]) == ("start", "center")
    assert astana["offset"][0] == layers.venue_radius(1) + layers.LABEL_GAP
    taken = [layers._text_box(layers._screen_point(ASTANA), "x" * 40, 12, "start", "center")]
    moved = layers._place_label(ASTANA, "Astana", 10, taken, [])
    assert moved["anchor"] != "start" or moved["baseline"] != "center"


# --- the deck, offline and safe ----------------------------------------------------------------


def test_the_deck_is_offline_compact_and_rounded(tiny, shapes):
    deck = layers.map_deck(
        layers.map_layers(tiny, shapes, layers.venue_summary(tiny), layers.arc_summary(tiny), ALL)
    )
    text = deck.to_json()
    spec = json.loads(text)
    assert "mapProvider" not in spec
    # pydeck's "no style chosen", for which Streamlit draws no base map: no MapLibre
    # map and no second WebGL canvas under the deck; the view clears to the sea.
    assert spec["mapStyle"] == "__MAP_STYLE__"
    assert spec["views"] == [
        {"@@type": "MapView", "controller": True, "clear": True, "clearColor": [220, 230, 238, 255]}
    ]
    assert "http://" not in text and "https://" not in text
    assert "\n" not in text  # compact, not pydeck's pretty-printed JSON
    assert spec["initialViewState"]["zoom"] == layers.INITIAL_VIEW.zoom
    for row in layer_data(spec, "venues") + layer_data(spec, "labels-places"):
        assert all(round(n, 3) == n for n in row["position"])
    units = [layer.get("radiusUnits") for layer in spec["layers"] if "radiusUnits" in layer]
    assert units and set(units) == {"pixels"}  # a plain value, not a data accessor


def test_text_layers_draw_a_system_font_with_every_character_they_need(shapes):
    layer = layers.country_label_layer(shapes)
    spec = json.loads(layer.to_json())
    assert spec["fontFamily"].startswith("'DejaVu Sans'")
    assert spec["characterSet"] == "auto"


def test_a_title_holding_html_reaches_the_tooltip_as_plain_text(tiny, shapes):
    dataset = with_event(tiny, event_id="x", title=HTML_TITLE)
    spec = deck_json(dataset, shapes)
    tokyo = next(row for row in layer_data(spec, "venues") if row["position"] == TOKYO)
    assert f"2025-12-19 {HTML_TITLE}" in tokyo["tooltip"].splitlines()
    # deck.gl writes a "text" tooltip with innerText, so the markup shows as text; an
    # "html" tooltip would run it.
    deck = layers.map_deck([])
    assert set(deck._tooltip) == {"text", "style"}


def test_the_legend_escapes_every_data_string(tiny):
    powers = tiny.powers.copy()
    powers.loc[powers["power_id"] == "JPN", "name"] = HTML_TITLE
    corridors = tiny.corridors.assign(name="<script>alert(1)</script>")
    dataset = replace(tiny, powers=powers, corridors=corridors)
    venues, arcs = layers.venue_summary(dataset), layers.arc_summary(dataset)
    legend = layers.legend_html(dataset, venues, arcs, ALL)
    assert "<img" not in legend and "<script>" not in legend
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &lt;b&gt;Summit&lt;/b&gt;" in legend
    assert "#e69f00" in legend and "#e41a1c" in legend  # Japan's and the corridor's colours
    assert "rail" in legend and "sea" in legend
    bare = layers.MapOptions(venues=False, arcs=False, middle_corridor=False)
    assert layers.legend_html(dataset, venues, arcs, bare) == layers.legend_html(
        dataset, venues.iloc[:0], arcs.iloc[:0], bare
    )
    assert "Powers" not in layers.legend_html(dataset, venues, arcs, bare)


# --- words beside the map ----------------------------------------------------------------------


def test_the_summary_and_table_say_what_the_map_shows(tiny):
    venues, arcs = layers.venue_summary(tiny), layers.arc_summary(tiny)
    assert layers.map_summary(venues, arcs) == (
        "5 held events under the current filters met in 4 places, most often in Tokyo (2); "
        "1 arc links 1 power’s capital to venues of leaders’ meetings away from home."
    )
    table = layers.venue_table(tiny, venues)
    assert list(table.columns) == ["place", "events", "powers (events)", "latest event"]
    assert table.iloc[0].tolist() == [
        "Tokyo", 2, "Japan (2)", "2025-12-19 Central Asia + Japan summit",
    ]  # fmt: skip
    empty = apply_filters(tiny, Filters(powers=("USA",), levels=("ministers",)))
    assert layers.map_summary(layers.venue_summary(empty), layers.arc_summary(empty)) == (
        "No held event under the current filters: the map shows the corridors only."
    )
    assert layers.corridor_routes(tiny, ["middle-corridor"]) == [
        "Middle Corridor: Beijing, by rail to Astana, by rail to Aktau, by sea to Baku."
    ]


# --- the first view fits what is shown --------------------------------------------------------


def test_the_view_fits_the_venues_and_arc_ends_on_a_phone(tiny):
    asia = apply_filters(tiny, Filters(powers=("CHN", "JPN")))
    venues, arcs = layers.venue_summary(asia), layers.arc_summary(asia)
    assert set(venues["place_id"]) == {"tokyo", "beijing", "astana"} and len(arcs) == 1
    view = layers.fit_view(venues, arcs, ALL)
    points = list(venues["position"]) + list(arcs["source"]) + list(arcs["target"])
    centre = layers._screen_point([view.longitude, view.latitude], view.zoom)
    for point in points:
        x, y = layers._screen_point(point, view.zoom)
        assert abs(x - centre[0]) <= layers.FIT_WIDTHS["phone"] / 2
        assert abs(y - centre[1]) <= layers.MAP_HEIGHTS["phone"] / 2
    assert view.zoom > 1  # Astana to Tokyo, not the whole world
    assert layers.fit_view(venues, arcs, ALL, screen="desktop").zoom > view.zoom


def shown_points(venues, arcs) -> list:
    return list(venues["position"]) + list(arcs["source"]) + list(arcs["target"])


@pytest.mark.parametrize("screen", ["phone", "desktop"])
def test_the_whole_world_fits_as_deck_gl_draws_it(screen):
    """Unfiltered, from Washington to Tokyo: the view is one deck.gl keeps (the world
    fills the map's height, the centre no nearer a pole than half of it) and every
    venue and arc end is inside the map's width and height."""
    dataset = load_dataset(DATA_DIR)
    venues, arcs = layers.venue_summary(dataset), layers.arc_summary(dataset)
    view = layers.fit_view(venues, arcs, ALL, screen)
    width, height = layers.FIT_WIDTHS[screen], layers.MAP_HEIGHTS[screen]
    world = layers.WORLD * 2**view.zoom
    assert world >= height and view.min_zoom <= view.zoom
    centre = layers._screen_point([view.longitude, view.latitude], view.zoom)
    assert height / 2 - 0.5 <= centre[1] <= world - height / 2 + 0.5
    xs = [layers._screen_point(p, view.zoom)[0] for p in shown_points(venues, arcs)]
    assert min(xs) < centre[0] - width / 4 and max(xs) > centre[0] + width / 4  # spread
    for point in shown_points(venues, arcs):
        x, y = layers._screen_point(point, view.zoom)
        assert abs(x - centre[0]) <= width / 2 and abs(y - centre[1]) <= height / 2, point
    if screen == "phone":
        assert view.zoom < 0  # narrower than a 512-px world: a phone needs it


def test_one_venue_is_centred_at_a_regional_zoom_and_nothing_keeps_the_frame(tiny):
    tokyo = tiny.events[tiny.events["place_id"] == "tokyo"]
    alone = replace(tiny, events=tokyo)
    view = layers.fit_view(layers.venue_summary(alone), layers.arc_summary(alone), ALL)
    assert (view.longitude, view.latitude) == tuple(
        layers.lon_lat(*tiny.places.set_index("place_id").loc["tokyo", ["lon", "lat"]])
    )
    assert view.zoom == layers.FIT_MAX_ZOOM
    empty = replace(tiny, events=tiny.events.iloc[:0])
    assert layers.fit_view(layers.venue_summary(empty), layers.arc_summary(empty), ALL) == (
        layers.INITIAL_VIEW
    )


def test_a_label_at_the_edge_of_the_first_view_stays_inside_it():
    dataset = load_dataset(DATA_DIR)
    venues, arcs = layers.venue_summary(dataset), layers.arc_summary(dataset)
    corridor_ids = list(dataset.corridors["corridor_id"])
    view = layers.fit_view(venues, arcs, ALL, "phone")
    frame = layers.view_frame(view, "phone")
    labels = layers.place_label_layer(
        dataset, venues, corridor_ids, view.zoom, layers.read_country_shapes(), frame
    ).data
    assert labels
    for label, box in zip(labels, label_boxes(labels, view.zoom), strict=True):
        x, y = layers._screen_point(label["position"], view.zoom)
        if layers._contains(frame, (x, y, x, y)):
            assert layers._contains(frame, box), label["text"]


def test_place_labels_keep_off_the_five_states_names():
    dataset = load_dataset(DATA_DIR)
    shapes = layers.read_country_shapes()
    venues = layers.venue_summary(dataset)
    corridor_ids = list(dataset.corridors["corridor_id"])
    labels = layers.place_label_layer(
        dataset, venues, corridor_ids, layers.INITIAL_VIEW.zoom, shapes
    ).data
    names = [
        layers._text_box(layers._screen_point(c["position"]), c["text"],
                         layers.COUNTRY_LABEL_SIZE, "middle", "center")
        for c in layers._country_labels(shapes, layers.INITIAL_VIEW.zoom)
    ]  # fmt: skip
    for label, box in zip(labels, label_boxes(labels), strict=True):
        assert not any(layers._overlaps(box, name) for name in names), label["text"]
