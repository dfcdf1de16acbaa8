"""greatgame: the entrypoint. Sets the page, builds the one filter object from the
sidebar and the URL, registers every page and runs the chosen one.

URL parameters: power, country, from, to, format, level, event (see greatgame.filters).
"""

import streamlit as st

from greatgame import ui

st.set_page_config(page_title="greatgame · Central Asia tracker", page_icon="🌏", layout="wide")

PAGES = [
    st.Page(ui.page_path("overview"), title="Overview", url_path="overview", default=True),
    st.Page(ui.page_path("data"), title="Data & downloads", url_path="data"),
]

navigation = st.navigation(PAGES)
ui.build_context()
navigation.run()
