"""Data & downloads: every table under the current filters, sources as links, and a
CSV download per table. Reads the filters from the URL (power, country, from, to,
format, level)."""

import streamlit as st

from greatgame import ui

page = ui.context()

st.title("Data & downloads")
st.markdown(
    "Each table as the filters cut it, with readable names beside the ids and the "
    "URLs of the sources beside `source_ids`. Data: CC BY 4.0; cite as shown on the "
    "About page."
)
ui.render_data_through(page.dataset)
if page.filtered.events.empty:
    ui.render_empty_state()

# What readers come for first, then the reference tables the ids point to.
names = ["events", "participants", "pledges", "outcomes", "sources", "powers", "countries",
         "places", "corridors", "corridor_nodes", "corridor_volumes"]  # fmt: skip
for tab, table in zip(st.tabs(names), names, strict=True):
    with tab:
        ui.render_table_download(page.filtered, table, key=f"table_{table}")
