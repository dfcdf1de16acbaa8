"""Pledges: announced commitments by power, Central Asian party, sector and kind, in
each direction apart (the powers to Central Asia; Central Asian states and companies
to a power's economy), original currency beside USD, overlapping rows counted once.
Reads the filters from the URL (power, country, from, to, format, level)."""

import streamlit as st

from greatgame import display, export, figures, metrics, ui

page = ui.context()
data = page.filtered

st.title("Pledges")
st.markdown(
    "What the powers announced for Central Asia, in the currency they announced it in, "
    "with the US-dollar figure the sources reported."
)
st.info(
    "**What is and is not comparable.** An *investment target* is a goal for business "
    "deals over some years, not public money; *investment agreements* and *trade deals* "
    "are contracts signed by companies and governments, often memoranda; *grants*, "
    "*loans* and *credit lines* are public money, and only grants need not be paid back. "
    "Totals add announcements as reported, not money delivered. A row that is part of, "
    "or a re-announcement of, another row is shown but never added twice."
)
if data.pledges.empty:
    ui.render_empty_state("pledges")
    st.stop()

figures_now = metrics.headline(data)
st.caption(
    f"{figures_now.pledges:,} pledges counted, {metrics.format_usd(figures_now.pledged_usd)} "
    f"with a USD figure; {figures_now.pledges_without_usd} have no USD figure and are not "
    "in the bars."
)
by = st.segmented_control(
    "Group by",
    ["power", "country", "kind", "sector"],
    default="power",
    key="pledges_by",
    bind="query-params",
)
by = by or "power"
ui.render_chart(
    figures.pledge_figure(data, by),
    key=f"pledges_chart_{by}",
    page=page,
    title=f"Announced for Central Asia by {by}, USD (overlaps counted once)",
)
if by == "sector":
    st.caption("A pledge that names several sectors is counted in each of them.")
ui.render_frame(
    display.pledge_totals_table(figures.pledge_totals(data, by), by),
    key="pledges_totals",
    lead=(by,),
)

st.subheader("Deals the other way: Central Asia to the powers")
outward = metrics.countable_pledges(data.pledges, metrics.TO_POWER)
if outward.empty:
    st.caption(
        "No deal from a Central Asian state or company to a power's economy under these filters."
    )
else:
    st.caption(
        f"{len(outward):,} purchases and investments that Central Asian states or their "
        f"companies committed to a power's economy, "
        f"{metrics.format_usd(float(outward['amount_usd'].sum()))} with a USD figure. "
        "They are never added to the pledges above."
    )
    ui.render_chart(
        figures.pledge_figure(data, by, metrics.TO_POWER),
        key=f"deals_chart_{by}",
        page=page,
        title=f"Deals from Central Asia to the powers by {by}, USD",
    )
    ui.render_frame(
        display.pledge_totals_table(figures.pledge_totals(data, by, metrics.TO_POWER), by),
        key="deals_totals",
        lead=(by,),
    )

st.subheader("Every pledge")
every = export.readable_table(data, "pledges").sort_values(
    "announced_date", ascending=False, kind="stable"
)
shown = every.head(ui.SCREEN_ROWS)
if listed := ui.listed_note(len(shown), len(every), "pledges"):
    st.caption(f"Newest first. {listed}")
ui.render_frame(shown, key="pledges_table", event_links=page.view)
