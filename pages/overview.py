"""Overview: headline figures for the current filters and the latest events with
their sources. Reads the filters from the URL (power, country, from, to, format, level)."""

import streamlit as st

from greatgame import metrics, ui

page = ui.context()
data = page.filtered

st.title("Great-power engagement with Central Asia")
st.markdown(
    "Summits, state visits and ministerial meetings of the outside powers with "
    "Kazakhstan, Kyrgyzstan, Tajikistan, Turkmenistan and Uzbekistan: who met whom, "
    "when, where, and what they pledged. Every row cites its sources."
)
ui.render_data_through(page.dataset)

if data.events.empty:
    ui.render_empty_state()
    st.stop()

figures = metrics.headline(data)
columns = st.columns(5)
columns[0].metric("Events", f"{figures.events:,}")
columns[1].metric("Leaders' meetings held", f"{figures.leaders_meetings:,}")
columns[2].metric("Powers engaged", f"{figures.powers:,}")
columns[3].metric(
    "Pledged (USD, as announced)",
    metrics.format_usd(figures.pledged_usd),
    help=(
        f"Sum of {figures.pledges - figures.pledges_without_usd} pledge(s) with a USD figure; "
        f"{figures.pledges_without_usd} more have none. Targets, loans and grants are not "
        "alike: see the pledges table. Overlapping rows are counted once."
    ),
)
columns[4].metric("Sources cited", f"{figures.sources:,}")

st.subheader("Latest events")
ui.render_latest_events(data)
