"""One copy of the data per server: every session and rerun reads the same validated
tables, and each filtered view is cut once. Sharing is only safe if no page changes a
table in place, which is what the first test checks, page by page."""

import pandas as pd
from streamlit.testing.v1 import AppTest

from greatgame import ui, ui_pages
from greatgame.data import data_fingerprint, load_dataset
from tests.conftest import ROOT, open_page
from tests.test_app_pages import TOKYO

EVERY_PAGE = [
    "overview", "timeline", "map", "pledges", "who_met_whom", "corridors", "power",
    "country", "event", "data", "about", "add",
]  # fmt: skip


def contents(dataset) -> dict:
    """Every table's columns, types and a hash of every cell, and the descriptor."""
    tables = {
        name: (list(t.columns), [str(d) for d in t.dtypes],
               int(pd.util.hash_pandas_object(t.astype(str), index=True).sum()))
        for name, t in dataset.tables().items()
    }  # fmt: skip
    return {"tables": tables, "descriptor": repr(dataset.descriptor)}


def test_no_page_changes_the_tables_every_session_shares(app, tiny_dir):
    before = contents(load_dataset(tiny_dir))
    for page in EVERY_PAGE:
        open_page(app, f"pages/{page}.py")
        open_page(app, f"pages/{page}.py", power="JPN", country="KAZ", event=TOKYO)
    shared = ui._shared_data(str(tiny_dir), data_fingerprint(tiny_dir))
    assert contents(shared.dataset) == before


def test_a_filtered_view_is_cut_once_per_filters(app, tiny_dir, monkeypatch):
    cuts = []
    real = ui.apply_filters

    def counted(dataset, filters):
        cuts.append(filters)
        return real(dataset, filters)

    monkeypatch.setattr(ui, "apply_filters", counted)
    at = open_page(app, "pages/timeline.py", power="JPN")
    at.switch_page("pages/pledges.py").run()
    at.run()
    assert len(cuts) == 1 and cuts[0].powers == ("JPN",)
    at.sidebar.multiselect(key="filter_power").set_value(["CHN"]).run()
    assert len(cuts) == 2 and cuts[1].powers == ("CHN",)


def test_a_profile_is_computed_once_per_party_across_reruns_and_sessions(app, monkeypatch):
    computed = []
    for name in ("power_profile", "country_profile"):
        real = getattr(ui_pages.profiles, name)

        def counted(dataset, party_id, *rest, real=real):
            computed.append(party_id)
            return real(dataset, party_id, *rest)

        monkeypatch.setattr(ui_pages.profiles, name, counted)
    at = open_page(app, "pages/power.py", power="JPN")
    at.run()
    open_page(new_session(), "pages/power.py", power="JPN")  # a second reader
    assert computed == ["JPN"]
    at.sidebar.multiselect(key="filter_power").set_value(["CHN"]).run()
    assert computed == ["JPN", "CHN"]
    at.sidebar.multiselect(key="filter_power").set_value(["JPN"]).run()
    open_page(new_session(), "pages/country.py", country="KAZ")
    open_page(new_session(), "pages/country.py", country="KAZ")
    assert computed == ["JPN", "CHN", "KAZ"]


def new_session():
    """Another reader of the same server: a fresh session of the app (the ``app``
    fixture has set the data folder)."""
    return AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)


def test_the_race_every_power_is_ranked_in_is_counted_once_for_all_powers(app, monkeypatch):
    counted = []
    real = ui_pages.profiles.power_ranks

    def counting(dataset, today, race):
        counted.append(today)
        return real(dataset, today, race)

    monkeypatch.setattr(ui_pages.profiles, "power_ranks", counting)
    at = open_page(app, "pages/power.py", power="JPN")
    at.sidebar.multiselect(key="filter_power").set_value(["CHN"]).run()
    open_page(new_session(), "pages/power.py", power="RUS")
    assert len(counted) == 1


def test_the_unfiltered_race_is_counted_once_for_the_overview_and_every_profile(app, monkeypatch):
    counted = []
    real = ui_pages.figures.race_table

    def counting(dataset, history):
        counted.append(dataset is history)
        return real(dataset, history)

    monkeypatch.setattr(ui_pages.figures, "race_table", counting)
    at = open_page(app, "pages/overview.py")
    at.run()
    open_page(new_session(), "pages/overview.py")
    assert counted == [True]
    # The way in passes the Overview under the filter: a race of the filtered data.
    open_page(new_session(), "pages/power.py", power="JPN")
    assert counted == [True, False]
    at.sidebar.multiselect(key="filter_power").set_value(["CHN"]).run()
    assert counted == [True, False, False]
