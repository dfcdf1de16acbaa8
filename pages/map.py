"""Map: Central Asia and its neighbours, the venues of the events under the current
filters, arcs from each power's capital to the venues of its leaders' meetings, and the
Middle Corridor and its rivals. Drawn without base-map tiles: nothing leaves the
machine. Reads the filters from the URL (power, country, from, to, format, level)."""

import streamlit as st

from greatgame import layers, ui

page = ui.context()
data = page.filtered

st.title("Map")
st.markdown(
    "Where the powers met the Central Asian states, and the trade routes the region sits "
    "on. Hover over a dot, an arc or a corridor for its events and stops; drag to pan, "
    "scroll to zoom."
)
if data.events.empty:
    ui.render_empty_state()

toggles = st.columns(4)
options = layers.MapOptions(
    venues=toggles[0].toggle("Venues", value=True, key="map_venues", bind="query-params"),
    arcs=toggles[1].toggle("Arcs from capitals", value=True, key="map_arcs", bind="query-params"),
    middle_corridor=toggles[2].toggle(
        "Middle Corridor", value=True, key="map_middle_corridor", bind="query-params"
    ),
    rival_corridors=toggles[3].toggle(
        "Rival corridors", value=True, key="map_rival_corridors", bind="query-params"
    ),
)

venues, arcs = layers.venue_summary(data), layers.arc_summary(data)
corridor_ids = layers.shown_corridors(data, options)
summary = layers.map_summary(venues, arcs)
screen = ui.screen_kind()
view = layers.fit_view(venues, arcs, options, screen)
shapes = layers.read_country_shapes()
st.pydeck_chart(
    layers.map_deck(layers.map_layers(data, shapes, venues, arcs, options, view, screen), view),
    height=layers.MAP_HEIGHTS[screen],
    key="map_chart",
    alt=summary,
)
st.html(layers.legend_html(data, venues, arcs, options, ui.page_href(page.view, "corridors")))
st.markdown(ui.escape_markdown(summary))
with st.expander("The venues as a table"):
    st.dataframe(layers.venue_table(data, venues), hide_index=True, key="map_venue_table")
with st.expander("The corridors, stop by stop"):
    for route in layers.corridor_routes(data, corridor_ids):
        st.markdown(f"- {ui.escape_markdown(route)}")
st.caption(
    "Country shapes: Natural Earth 1:110m (public domain), which draws de facto borders; "
    "the map takes no position on any territorial dispute. Venues count held events only: "
    "a cancelled or planned meeting met nowhere."
)
