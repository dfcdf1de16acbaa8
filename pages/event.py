"""Event: one event's full record: participants, pledges, outcomes, sources, and the
events before and after it in the same series. Reads ``event`` from the URL (and the
filters, which choose the events offered when none is given)."""

import streamlit as st

from greatgame import records, ui, ui_pages

page = ui.context()

event_id = page.view.event_id
if event_id is None:
    st.title("Event record")
    events = page.filtered.events
    if events.empty:
        ui.render_empty_state()
        st.stop()
    # The newest first, and no more than a screen's worth: every one of a few hundred
    # thousand events would be megabytes to each reader, and more than anyone scrolls.
    offered = events.sort_values("date_start", ascending=False).head(ui.SCREEN_ROWS)
    labels = dict(zip(offered["event_id"], offered["date_start"].dt.strftime("%Y-%m-%d")
                      + " · " + offered["title"], strict=True))  # fmt: skip
    if len(offered) < len(events):
        st.caption(
            f"The newest {len(offered):,} of {len(events):,} events are offered: narrow the "
            "filters (a power, a date range) to reach the others."
        )
    chosen = st.selectbox(
        "Choose an event", list(labels), format_func=labels.get, index=None,
        placeholder="Type to search by date or title", key="event_choice",
    )  # fmt: skip
    if chosen:
        ui.open_event(page.view, chosen)
    st.subheader("Latest events")
    ui.render_latest_events(page.filtered, page.view, page.dataset.data_through, limit=5)
    st.stop()

record = records.event_record(page.dataset, event_id)
event = record.event
st.title(ui.escape_markdown(event["title"]))
facts = records.event_facts(event, page.dataset.data_through)
st.markdown(ui.escape_markdown(" · ".join(facts.line)))
ui_pages.render_event_profile_links(page, record)
st.caption(ui.escape_markdown(facts.confidence))
st.markdown(ui.escape_markdown(event["summary"]))
if isinstance(event["note"], str):
    st.caption(f"Note: {ui.escape_markdown(event['note'])}")

around = st.columns(2)
for column, neighbour, arrow in (
    (around[0], record.previous_event, "← Previous"),
    (around[1], record.next_event, "Next →"),
):
    if neighbour is not None:
        column.markdown(
            f"[{arrow}: {ui.escape_markdown(neighbour['title'])} "
            f"({neighbour['date_start']:%b %Y})]({ui.event_href(page.view, neighbour['event_id'])})"
        )

st.subheader("Participants")
ui.render_short_table(record.participants)
if not record.pledges.empty:
    st.subheader("Pledges")
    ui.render_pledges(record.pledges)
if not record.outcomes.empty:
    st.subheader("Outcomes")
    ui.render_short_table(record.outcomes)
st.subheader("Sources")
ui.render_sources(record.sources)
