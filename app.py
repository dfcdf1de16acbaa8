"""greatgame: the entrypoint. Sets the page, builds the one filter object from the
sidebar and the URL, registers every page and runs the chosen one.

URL parameters: power, country, from, to, format, level, event (see greatgame.filters).
"""

import streamlit as st

from greatgame import ui

st.set_page_config(page_title="greatgame · Central Asia tracker", page_icon="🌏", layout="wide")

# Each url_path is its file's stem: a fresh server's first visit straight to a page's URL
# is resolved by Streamlit's legacy pages/ router, which knows pages by file name.
PAGES = [
    st.Page(ui.page_path("overview"), title="Overview", url_path="overview", default=True),
    st.Page(ui.page_path("timeline"), title="Timeline", url_path="timeline"),
    st.Page(ui.page_path("map"), title="Map", url_path="map"),
    st.Page(ui.page_path("pledges"), title="Pledges", url_path="pledges"),
    st.Page(ui.page_path("who_met_whom"), title="Who met whom", url_path="who_met_whom"),
    st.Page(ui.page_path("corridors"), title="Corridors", url_path="corridors"),
    st.Page(ui.page_path("power"), title="Power profile", url_path="power"),
    st.Page(ui.page_path("country"), title="Country profile", url_path="country"),
    st.Page(ui.page_path("event"), title="Event", url_path="event"),
    st.Page(ui.page_path("data"), title="Data & downloads", url_path="data"),
    st.Page(ui.page_path("about"), title="About", url_path="about"),
    st.Page(ui.page_path("add"), title="Add from an article", url_path="add"),
]

navigation = st.navigation(PAGES)
ui.render_page_style()
ui.render_view_banner(ui.build_context())
try:
    navigation.run()
finally:
    # Also after a page stops or reruns early: the run's freed buffers go back.
    ui.release_freed_memory()
