"""The floor of deck.gl itself: a bare two-page Streamlit app whose second page draws
one minimal pydeck chart (a single dot, no map provider and no base map)."""

import pydeck as pdk
import streamlit as st


def first_page() -> None:
    st.title("Bare first page")
    st.sidebar.multiselect("Continent", ["Asia", "Europe"])
    st.write("Nothing else here.")


def map_page() -> None:
    st.title("Map")
    st.sidebar.multiselect("Continent", ["Asia", "Europe"])
    layer = pdk.Layer(
        "ScatterplotLayer",
        [{"position": [69.0, 44.0]}],
        get_position="position",
        get_radius=8,
        radius_units="'pixels'",
        get_fill_color=[200, 30, 30],
    )
    view = pdk.ViewState(latitude=44.0, longitude=69.0, zoom=2.5)
    deck = pdk.Deck(layers=[layer], initial_view_state=view, map_provider=None)
    st.pydeck_chart(deck, height=620)


PAGES = [st.Page(first_page, title="First"), st.Page(map_page, title="Map", url_path="map")]
st.navigation(PAGES).run()
