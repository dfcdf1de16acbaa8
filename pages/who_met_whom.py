"""Who met whom: Central Asian state x power matrix of leaders' meetings held, and the
people who met. Reads the filters from the URL (power, country, from, to, format, level)."""

import streamlit as st

from greatgame import figures, ui, ui_pages

page = ui.context()
data = page.filtered

st.title("Who met whom")
st.markdown(
    "Leaders' meetings held, counted for each pair of a Central Asian state and an outside "
    "power present at the same event: summits, visits and multilateral gatherings alike."
)
matrix = figures.meeting_matrix(data)
if matrix.empty:
    ui.render_empty_state("leaders' meetings")
    st.stop()

ui.render_chart(
    figures.meeting_matrix_figure(data),
    key="meeting_matrix_chart",
    page=page,
    title="Leaders' meetings held, by Central Asian state and outside power",
)
top = matrix.stack().sort_values(ascending=False)
(country, power), count = top.index[0], int(top.iloc[0])
st.caption(
    f"The most frequent pair under these filters: {country} and {power}, "
    f"{count} leaders' meetings. The table below holds every count."
)
st.dataframe(matrix, key="meeting_matrix_table")

ui_pages.render_profile_links(page)

st.subheader("The people")
ui.render_frame(figures.people_table(data), key="people_table")
