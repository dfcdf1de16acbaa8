"""The Map page through app.py, as AppTest runs it, under two filter settings."""

import json

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT
from tests.test_app import url_params

APP = str(ROOT / "app.py")


@pytest.fixture
def app(tiny_dir, monkeypatch):
    monkeypatch.setenv("GREATGAME_DATA_DIR", str(tiny_dir))
    return AppTest.from_file(APP, default_timeout=60)


def open_map(app, **params):
    for key, value in params.items():
        app.query_params[key] = value
    at = app.run()
    at.switch_page("pages/map.py").run()
    assert not at.exception, at.exception
    return at


def chart(at):
    # AppTest has no accessor for pydeck charts, nor their keys: the page has one.
    (element,) = at.get("deck_gl_json_chart")
    return element.proto


def deck(at) -> dict:
    return json.loads(chart(at).json)


def layer(spec: dict, layer_id: str) -> list[dict]:
    return next(item["data"] for item in spec["layers"] if item["id"] == layer_id)


def layer_ids(spec: dict) -> list[str]:
    return [item["id"] for item in spec["layers"]]


def test_the_map_shows_every_venue_arc_and_corridor(app):
    at = open_map(app)
    spec = deck(at)
    assert len(layer(spec, "venues")) == 4  # Tokyo, Astana, Beijing, Washington
    assert len(layer(spec, "arcs")) == 1  # the SCO, from Beijing to Astana
    assert {"corridor-rail", "corridor-sea", "corridor-nodes"} <= set(layer_ids(spec))
    assert spec["mapStyle"] == "__MAP_STYLE__"  # no base map: deck.gl draws it all
    assert json.loads(chart(at).tooltip)["text"] == "{tooltip}"
    assert chart(at).alt.startswith("5 held events under the current filters met in 4 places")
    text = " ".join(m.value for m in at.markdown)
    assert "most often in Tokyo \\(2\\)" in text
    assert "Middle Corridor: Beijing, by rail to Astana" in text


def test_a_filter_in_the_url_cuts_the_venues_and_arcs(app):
    at = open_map(app, power="JPN")
    spec = deck(at)
    venues = layer(spec, "venues")
    assert len(venues) == 1 and venues[0]["tooltip"].startswith("Tokyo\n2 events: Japan 2")
    assert layer(spec, "arcs") == []
    assert url_params(at)["power"] == ["JPN"]


def test_the_toggles_remove_their_layers(app):
    at = open_map(app)
    at.toggle(key="map_arcs").set_value(False).run()
    at.toggle(key="map_middle_corridor").set_value(False).run()
    ids = layer_ids(deck(at))
    assert "arcs" not in ids and "corridor-rail" not in ids and "venues" in ids
    at.toggle(key="map_venues").set_value(False).run()
    assert "venues" not in layer_ids(deck(at))


def test_an_empty_selection_shows_the_empty_state_and_the_corridors(app):
    at = open_map(app)
    at.sidebar.multiselect(key="filter_power").set_value(["USA"]).run()
    at.sidebar.multiselect(key="filter_level").set_value(["ministers"]).run()
    assert not at.exception
    assert any("No events match the current filters" in i.value for i in at.info)
    spec = deck(at)
    assert layer(spec, "venues") == [] and "corridor-rail" in layer_ids(spec)


def test_the_maps_corridor_legend_links_to_the_corridors_page_with_the_filters(app):
    at = open_map(app, power="JPN")
    legend = " ".join(h.proto.body for h in at.get("html"))
    assert '<a href="corridors?power=JPN">' in legend
