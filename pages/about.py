"""About: method, definitions, the data dictionary generated from datapackage.json,
the data version, how to cite, and the licence. Reads no URL parameters but the filters."""

import streamlit as st

from greatgame import dictionary, export, ui

page = ui.context()
dataset = page.dataset
descriptor = dataset.descriptor

st.title("About greatgame")
ui.render_data_through(dataset)
st.markdown(
    """
greatgame records how the outside powers engage the five Central Asian states at the
level of leaders and ministers: the "Central Asia + X" summits and ministerial meetings,
the summits of the SCO, CSTO, CIS and Organization of Turkic States, and state, official
and working visits between leaders. It records who took part, what money was announced,
what documents were adopted, and the trade corridors the region sits on.

**Method.** Every event, participant, pledge, outcome and corridor row cites at least one
publication that was read: official releases and wire or regional news agencies where
possible. Facts and figures come from the sources; every summary and note is our own.
Where sources disagree on a date, a figure or a name, the row keeps both sources, the
better-sourced value, and a note saying which was kept and why. A fact that could not be
sourced is left out, and listed in `data/GAPS.md`. The newest publication date among the
sources is the "data through" date above: nothing later is in the data. Every event and
pledge says how sure it is (*confidence*), and every meeting how it was held (*modality*:
a meeting by video has no venue and is not on the map). Where no source names the kind of
a visit, it is a *visit*, not a guessed state or official one. Days are never guessed: an
event known only to its month is left out and listed in `data/GAPS.md`.

**Counting.** A *leaders' meeting* is an event held at the level of heads of state or
government. An outside power *met* a Central Asian state at an event when both were
present, whether the event was the power's own or a multilateral summit its leader
attended. Pledge totals add announced amounts where the sources give a US-dollar
figure; a pledge that is part of, or a re-announcement of, another is never added twice.
Commitments run in either *direction*: from a power to Central Asia, or from a Central
Asian state or company to a power's economy (aircraft and locomotive orders, investment
programmes). The two are shown apart and never added together.
"""
)

st.subheader("Definitions")
for table, field in (("events", "format"), ("events", "level"), ("events", "status"),
                     ("events", "modality"), ("events", "confidence"),
                     ("pledges", "direction"), ("pledges", "kind"),
                     ("pledges", "usd_basis")):  # fmt: skip
    meaning = dictionary.field_description(descriptor, table, field)
    st.markdown(f"**{table}.{field}**: {ui.escape_markdown(meaning)}")

st.subheader("Data dictionary")
st.caption("Generated from data/datapackage.json, the one declaration the loader enforces.")
ui.render_frame(dictionary.data_dictionary(descriptor), key="data_dictionary")

st.subheader("Maps and borders")
st.markdown(
    "Country shapes come from Natural Earth (1:110m, public domain), which draws de facto "
    "borders: the line a state controls on the ground. Showing them takes no position on "
    "any territorial dispute. Place coordinates come from GeoNames, or from the source a "
    "corridor row cites."
)

st.subheader("How to cite")
st.code(export.citation(dataset), language=None, wrap_lines=True)

st.subheader("Licence")
st.markdown(
    "Data compilation: [CC BY 4.0](https://creativecommons.org/licenses/by/4.0/); each "
    "source keeps its own rights. Code: MIT. Place coordinates: "
    "[GeoNames](https://www.geonames.org/), CC BY 4.0."
)
