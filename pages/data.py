"""Data & downloads: every table under the current filters, sources as links, a CSV
download per table and one snapshot zip. Reads the filters from the URL (power,
country, from, to, format, level)."""

import streamlit as st

from greatgame import export, ui

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

excel_bom = st.toggle(
    "Excel-friendly files (UTF-8 with a byte-order mark, so Cyrillic and Chinese names "
    "open correctly in Excel)",
    key="excel_bom",
)
ui.render_snapshot_download(page, excel_bom)
st.caption(
    "The snapshot holds every table below, a datapackage.json describing them, and a "
    "README with the filters, the link to this view, the data version and a citation."
)

names = export.SNAPSHOT_TABLES
tabs = st.tabs(names, key="data_table", bind="query-params", on_change="rerun")
# Every tab keeps its download; only the open one builds its table for the screen
# (``open`` is None where Streamlit cannot tell, and then every tab does).
for tab, table in zip(tabs, names, strict=True):
    with tab:
        ui.render_table_download(
            page.filtered, table, key=f"table_{table}", excel_bom=excel_bom,
            on_screen=tab.open is not False,
        )  # fmt: skip
