"""Corridors: the Middle Corridor and its rivals over time: freight, containers and
transit times by year, each figure with its source and what it counts, on the same
time axis as the summits, documents and commitments that name the corridor. Reads the
filters from the URL (they cut the diplomacy; the reported figures stay whole)."""

import streamlit as st

from greatgame import ui, ui_pages

page = ui.context()

st.title("Corridors")
st.markdown(
    "The trade routes the region sits on, as their operators and governments report "
    "them, beside the diplomacy that names them: where the summits meet the freight."
)
ui.render_data_through(page.dataset)
ui_pages.render_corridors(page)
