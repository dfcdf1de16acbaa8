"""The app through its entrypoint, as AppTest runs it: filters, URL, pages, errors."""

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT, edit_cell

APP = str(ROOT / "app.py")


@pytest.fixture
def app(tiny_dir, monkeypatch):
    monkeypatch.setenv("GREATGAME_DATA_DIR", str(tiny_dir))
    return AppTest.from_file(APP, default_timeout=60)


def url_params(at) -> dict[str, list[str]]:
    """The app's query parameters, each as a list (AppTest gives one value as a str)."""
    return {k: [v] if isinstance(v, str) else list(v) for k, v in at.query_params.items()}


def metric(at, label):
    return next(m.value for m in at.metric if m.label == label)


def test_overview_shows_headline_figures_and_latest_events(app):
    at = app.run()
    assert not at.exception
    assert metric(at, "Events") == "6"
    assert metric(at, "Leaders' meetings held") == "4"
    text = " ".join(m.value for m in at.markdown)
    assert r"Central Asia \+ Japan summit" in text and "(https://example.org/c)" in text


def test_a_filter_changes_the_figures_and_the_url(app):
    at = app.run()
    at.sidebar.multiselect(key="filter_power").set_value(["JPN"]).run()
    assert metric(at, "Events") == "3"
    assert url_params(at)["power"] == ["JPN"]
    assert at.sidebar.code[0].value.endswith("?power=JPN")  # the link to share
    at.sidebar.multiselect(key="filter_level").set_value(["ministers"]).run()
    assert metric(at, "Events") == "1"
    assert url_params(at)["level"] == ["ministers"]
    at.sidebar.button(key="filter_reset").click().run()
    assert metric(at, "Events") == "6"
    assert url_params(at) == {}


def test_a_url_with_filters_reproduces_the_view(app):
    app.query_params["power"] = ["CHN"]
    app.query_params["to"] = "2023-12-31"
    at = app.run()
    assert at.sidebar.multiselect(key="filter_power").value == ["CHN"]
    assert metric(at, "Events") == "1"
    assert url_params(at) == {"power": ["CHN"], "to": ["2023-12-31"]}


def test_garbage_in_the_url_is_ignored_with_a_notice(app):
    app.query_params["power"] = ["ATLANTIS"]
    app.query_params["from"] = "soon"
    at = app.run()
    assert not at.exception
    assert metric(at, "Events") == "6"
    warnings = " ".join(w.value for w in at.sidebar.warning)
    assert "ATLANTIS" in warnings and "soon" in warnings
    assert url_params(at) == {}


def test_an_empty_selection_shows_a_friendly_empty_state(app):
    at = app.run()
    at.sidebar.multiselect(key="filter_power").set_value(["USA"]).run()
    at.sidebar.multiselect(key="filter_level").set_value(["ministers"]).run()
    assert not at.exception
    assert any("No events match the current filters" in i.value for i in at.info)


def test_data_page_lists_every_table_with_counts_and_downloads(app):
    at = app.run()
    at.switch_page("pages/data.py").run()
    assert not at.exception
    labels = [b.label for b in at.get("download_button")]
    assert "Download events.csv (6 rows)" in labels
    assert len(labels) == 12  # a CSV per table and the snapshot
    assert any(label.startswith("Download snapshot") for label in labels)
    at.sidebar.multiselect(key="filter_power").set_value(["USA"]).run()
    labels = [b.label for b in at.get("download_button")]
    assert "Download events.csv (1 rows)" in labels
    assert "Download participants.csv (6 rows)" in labels


def test_bad_data_shows_the_problems_not_a_traceback(app, tiny_dir):
    edit_cell(tiny_dir / "events.csv", 0, "level", "kings")
    edit_cell(tiny_dir / "places.csv", 0, "lat", "99")
    at = app.run()
    assert not at.exception
    assert at.title[0].value == "The data does not pass validation"
    listing = at.code[0].value
    assert "events.csv:2: level: must be one of" in listing
    assert "places.csv:2: lat: must be at most 90" in listing


def test_choosing_china_says_that_the_sco_summit_it_attended_comes_with_it(app):
    at = app.run()
    at.sidebar.multiselect(key="filter_power").set_value(["CHN"]).run()
    captions = " ".join(c.value for c in at.sidebar.caption)
    assert "events of Shanghai Cooperation Organisation (1)" in captions
    assert metric(at, "Events") == "2"


def test_the_page_itself_says_which_filters_apply_and_what_the_link_got_wrong(app):
    app.query_params["power"] = ["CHN"]
    app.query_params["level"] = ["kings"]
    at = app.run()
    main_captions = " ".join(c.value for c in at.main.caption).replace("\\", "")
    assert "Filters: Powers: China." in main_captions
    assert any("kings" in w.value for w in at.main.warning)
    at.sidebar.button(key="filter_reset").click().run()
    assert "Filters:" not in " ".join(c.value for c in at.main.caption)


def test_dates_from_the_link_fill_the_fields_and_a_reversed_range_is_refused(app):
    app.query_params["from"] = "2025-01-01"
    at = app.run()
    assert at.sidebar.text_input(key="filter_from").value == "2025-01-01"
    assert at.sidebar.text_input(key="filter_to").value == ""
    assert metric(at, "Events") == "2"
    at.sidebar.text_input(key="filter_to").input("2024-01-01").run()
    assert any("ends before it starts" in w.value for w in at.sidebar.warning)
    assert metric(at, "Events") == "6" and url_params(at) == {}


def test_a_pages_own_view_in_the_link_is_no_unknown_parameter(app):
    app.query_params["pledges_by"] = "sector"
    app.query_params["map_arcs"] = "false"
    at = app.run()
    assert not at.sidebar.warning and not at.main.warning
    assert "pledges_by=sector" in at.sidebar.code[0].value
