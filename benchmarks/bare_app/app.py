"""The baseline: a bare two-page Streamlit app with one Plotly chart and one filter."""

import plotly.express as px
import streamlit as st


def chart_page() -> None:
    st.title("Bare chart")
    frame = px.data.gapminder()
    continents = st.sidebar.multiselect("Continent", sorted(frame["continent"].unique()))
    if continents:
        frame = frame[frame["continent"].isin(continents)]
    st.metric("Rows", len(frame))
    st.plotly_chart(px.scatter(frame, x="gdpPercap", y="lifeExp", log_x=True, render_mode="svg"))


def second_page() -> None:
    st.title("Second page")
    st.write("Nothing else here.")


st.navigation([st.Page(chart_page, title="Chart"), st.Page(second_page, title="Second")]).run()
