"""Timeline: one lane per power, one marker per event (shape by format, fill by level,
hollow when not held); clicking a marker opens the event's record. Reads the filters
from the URL (power, country, from, to, format, level)."""

import streamlit as st

from greatgame import figures, ui

page = ui.context()
data = page.filtered

st.title("Timeline")
st.markdown(
    "Each marker is one event, in the lane of the power whose engagement it is. "
    "Shape: the format. Solid: leaders; lighter: ministers or officials. "
    "Hollow: cancelled, postponed or planned. Click a marker to open its record."
)
if data.events.empty:
    ui.render_empty_state()
    st.stop()

selection = ui.render_chart(
    figures.timeline_figure(data, page.dataset.data_through),
    key="timeline_chart",
    page=page,
    title="Engagement with Central Asia, event by event, by power",
    selectable=True,
)
chosen = ui.selected_event_id(selection)
if chosen:
    ui.open_event(page.view, chosen)

table = figures.timeline_table(data, page.dataset.data_through)
st.caption(
    f"{len(table):,} events from {table['dates'].iloc[-1]} to {table['dates'].iloc[0]}, "
    "newest first; the record column opens each one."
)
ui.render_frame(table, key="timeline_table", event_links=page.view)
