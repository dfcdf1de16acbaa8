"""Overview: headline figures for the current filters and the latest events with
their sources. Reads the filters from the URL (power, country, from, to, format, level)."""

import streamlit as st

from greatgame import figures, metrics, ui, ui_pages

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

headline = metrics.headline(data)
columns = st.columns(5)
columns[0].metric("Events", f"{headline.events:,}")
columns[1].metric("Leaders' meetings held", f"{headline.leaders_meetings:,}")
columns[2].metric("Powers engaged", f"{headline.powers:,}")
columns[3].metric(
    "Announced, USD",
    metrics.format_usd(headline.pledged_usd),
    help=(
        f"Sum of {headline.pledges - headline.pledges_without_usd} pledge(s) with a USD figure; "
        f"{headline.pledges_without_usd} more have none. Targets, loans and grants are not "
        "alike: see the pledges table. Overlapping rows are counted once."
    ),
)
columns[4].metric("Sources cited", f"{headline.sources:,}")

st.subheader("The race to the region")
st.markdown(
    "When each power first brought the five Central Asian leaders together in its own "
    "format (★), how long after its first ministerial meeting (◇) that came, and every "
    "leaders' meeting with Central Asian leaders since (●)."
)
race = ui_pages.race_table(page)
ui.render_chart(
    figures.race_figure(data, race),
    key="race_chart",
    page=page,
    title="The race to the region: first 'Central Asia + X' meetings and leaders' meetings",
)
st.caption(figures.race_summary(race, data))
with st.expander("The race as a table"):
    ui.render_frame(race, key="race_table")

ui_pages.render_profile_links(page)
ui_pages.render_new_since(page)

st.subheader("Latest events")
ui.render_latest_events(data, page.view, page.dataset.data_through)
