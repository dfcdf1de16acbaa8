"""Timeline: one lane per power, one marker per event (shape by format, fill by level,
hollow when not held); clicking a marker opens the event's record. Past
figures.TIMELINE_MARKER_LIMIT events, counts per lane and month or year instead; clicking
one narrows the filters to its power and period.
Reads the filters from the URL (power, country, from, to, format, level)."""

from functools import partial

import streamlit as st

from greatgame import figures, metrics, ui

page = ui.context()
data = page.filtered

st.title("Timeline")
binned = figures.timeline_binned(data.events)
if binned:
    st.markdown(
        f"{len(data.events):,} events are too many to draw one by one: each dot counts a "
        "power's events in a month or a year (the larger, the more). Click a dot to narrow "
        "the filters to its power and period, or narrow them yourself (a power, a few "
        f"years) to fewer than {figures.TIMELINE_MARKER_LIMIT:,} events, to see each event "
        "and click it; the table below lists the newest."
    )
else:
    st.markdown(
        "Each marker is one event, in the lane of the power whose engagement it is. "
        "Shape: the format. Solid: leaders; lighter: ministers or officials. "
        "Hollow: cancelled, postponed or planned. Click a marker to open its record."
    )
if data.events.empty:
    ui.render_empty_state()
    st.stop()

# The binned chart has its own key: its selection (a power and a period) is never
# read as an event's.
chart_key = "timeline_bins_chart" if binned else "timeline_chart"
selection = ui.render_chart(
    figures.timeline_figure(data, page.dataset.data_through),
    key=chart_key,
    page=page,
    title=(
        f"Engagement with Central Asia, events per {figures.timeline_period(data.events)}, by power"
        if binned
        else "Engagement with Central Asia, event by event, by power"
    ),
    selectable=True,
    on_select=partial(ui.narrow_to_bin, chart_key) if binned else None,
)
chosen = None if binned else ui.selected_event_id(selection)
if chosen:
    ui.open_event(page.view, chosen)

table = figures.timeline_table(data, page.dataset.data_through, limit=ui.SCREEN_ROWS)
oldest = figures.oldest_event(data)
listed = ui.listed_note(len(table), len(data.events), "events")
st.caption(
    f"{len(data.events):,} events from "
    f"{metrics.format_date_range(oldest['date_start'], oldest['date_end'])} to "
    f"{table['dates'].iloc[0]}, newest first; the record column opens each one."
    + (f" {listed}" if listed else "")
)
ui.render_frame(table, key="timeline_table", event_links=page.view)
