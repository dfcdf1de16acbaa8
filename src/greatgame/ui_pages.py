"""Streamlit rendering of the profile pages (a power, a Central Asian state) and the
links to them. The facts come from :mod:`greatgame.profiles`; the shared pieces (the
context, charts, tables) from :mod:`greatgame.ui`."""

from __future__ import annotations

from dataclasses import dataclass, replace
from urllib.parse import urlencode

import pandas as pd
import streamlit as st

from greatgame import (
    corridors,
    display,
    export,
    figures,
    layers,
    metrics,
    profiles,
    releases,
    ui,
)
from greatgame.data import default_data_dir
from greatgame.filters import encode_query

PROFILE_MAP = layers.MapOptions(middle_corridor=False, rival_corridors=False)
# A profile covers a party's whole record, whatever the filters, so readers of one
# power or state share it: computed once per version of the data and party, and kept
# for the few parties read most recently (each holds a copy of its party's rows).
PROFILES_KEPT = 8


@dataclass(frozen=True)
class ShownProfile:
    """A profile and the summaries of its record that its page draws."""

    profile: profiles.PowerProfile | profiles.CountryProfile
    venues: pd.DataFrame  # layers.venue_summary of its record
    arcs: pd.DataFrame  # layers.arc_summary
    people: pd.DataFrame  # figures.people_table


def _shown(profile: profiles.PowerProfile | profiles.CountryProfile) -> ShownProfile:
    data = profile.data
    return ShownProfile(
        profile, layers.venue_summary(data), layers.arc_summary(data), figures.people_table(data)
    )


@st.cache_resource(show_spinner="Gathering the whole record…", max_entries=PROFILES_KEPT)
def _power_profile(data_key: tuple[str, tuple], power_id: str, today: pd.Timestamp) -> ShownProfile:
    # The cut is the filtered view a reader of that one power sees on every other page:
    # one copy of its rows for both.
    cut = ui.filtered_view(data_key, profiles.power_filters(power_id))
    dataset = ui.shared_data(data_key).dataset
    ranks = _power_ranks(data_key, today)
    return _shown(profiles.power_profile(dataset, power_id, today, cut, ranks))


# Every power's profile ranks it among all the others: the race over the whole dataset
# is counted once a day per version of the data.
@st.cache_resource(show_spinner=False, max_entries=2)
def _power_ranks(data_key: tuple[str, tuple], today: pd.Timestamp) -> pd.DataFrame:
    dataset = ui.shared_data(data_key).dataset
    return profiles.power_ranks(dataset, today, _whole_race(data_key))


# The race over the whole dataset: what the Overview shows unfiltered, and what every
# power's profile is ranked in. Shared read-only, like the dataset itself.
@st.cache_resource(show_spinner=False, max_entries=2)
def _whole_race(data_key: tuple[str, tuple]) -> pd.DataFrame:
    dataset = ui.shared_data(data_key).dataset
    return figures.race_table(dataset, dataset)


def race_table(page: ui.PageContext) -> pd.DataFrame:
    """:func:`figures.race_table` of the page's filtered data (firsts from the whole
    dataset); unfiltered, counted once per version of the data for every reader."""
    if page.view.filters.is_default:
        return _whole_race(page.data_key)
    return figures.race_table(page.filtered, page.dataset)


@st.cache_resource(show_spinner="Gathering the whole record…", max_entries=PROFILES_KEPT)
def _country_profile(data_key: tuple[str, tuple], iso3: str) -> ShownProfile:
    cut = ui.filtered_view(data_key, profiles.country_filters(iso3))
    return _shown(profiles.country_profile(ui.shared_data(data_key).dataset, iso3, cut))


def profile_href(page: ui.PageContext, kind: str, party_id: str) -> str:
    """A link to a power's (``kind="power"``) or a state's (``"country"``) profile that
    keeps the reader's other filters; relative, so it works wherever the app is served."""
    filters = page.view.filters
    chosen = (
        replace(filters, powers=(party_id,))
        if kind == "power"
        else replace(filters, countries=(party_id,))
    )
    return f"{kind}?" + urlencode(encode_query(chosen), doseq=True)


def render_profile_links(page: ui.PageContext) -> None:
    """Every power's and state's name as a link to its profile."""
    powers = page.dataset.powers.sort_values("name")
    powers = powers[powers["kind"] != "organization"]
    countries = page.dataset.countries.sort_values("name")
    st.markdown(
        "**Profiles.** Powers: "
        + " · ".join(
            f"[{ui.escape_markdown(p.name)}]({profile_href(page, 'power', p.power_id)})"
            for p in powers.itertuples()
        )
        + "  \nCentral Asian states: "
        + " · ".join(
            f"[{ui.escape_markdown(c.name)}]({profile_href(page, 'country', c.iso3)})"
            for c in countries.itertuples()
        )
    )


def render_event_profile_links(page: ui.PageContext, record) -> None:
    """Under an event's title: its power's profile and those of the states present."""
    powers = page.dataset.powers.set_index("power_id")
    links = []
    power_id = record.event["power_id"]
    if power_id in powers.index and powers.at[power_id, "kind"] != "organization":
        links.append(f"[{ui.escape_markdown(powers.at[power_id, 'name'])}]"
                     f"({profile_href(page, 'power', power_id)})")  # fmt: skip
    present = record.participants.loc[record.participants["side"] == "central_asia"]
    names = page.dataset.countries.set_index("iso3")["name"]
    for iso3 in dict.fromkeys(present["party_id"]):
        links.append(f"[{ui.escape_markdown(names[iso3])}]"
                     f"({profile_href(page, 'country', iso3)})")  # fmt: skip
    if links:
        st.markdown("Profiles: " + " · ".join(links))


def _choose(page: ui.PageContext, kind: str) -> str | None:
    """The one power (or state) the filter names; with none or several, a choice that
    sets the filter to one."""
    if kind == "power":
        chosen, options, key = page.view.filters.powers, page.vocabulary.powers, ui.POWER_KEY
    else:
        chosen, options = page.view.filters.countries, page.vocabulary.countries
        key = ui.COUNTRY_KEY
    if len(chosen) == 1:
        return chosen[0]
    names = export.party_names(page.dataset)

    def pick() -> None:
        st.session_state[key] = [st.session_state[f"profile_{kind}"]]

    st.selectbox(
        "Whose profile?", options, index=None, format_func=lambda p: names.get(p, p),
        key=f"profile_{kind}", on_change=pick, placeholder="Choose one",
    )  # fmt: skip
    return None


def _render_map(shown: ShownProfile, key: str) -> None:
    data, venues, arcs = shown.profile.data, shown.venues, shown.arcs
    if venues.empty:
        st.caption("No held event with a venue.")
        return
    screen = ui.screen_kind()
    view = layers.fit_view(venues, arcs, PROFILE_MAP, screen)
    shapes = layers.read_country_shapes()
    summary = layers.map_summary(venues, arcs)
    drawn = layers.map_layers(data, shapes, venues, arcs, PROFILE_MAP, view, screen)
    st.pydeck_chart(layers.map_deck(drawn, view), height=420, key=key, alt=summary)
    st.caption(ui.escape_markdown(summary))


def _render_pledges(page: ui.PageContext, data, who: str) -> None:
    for direction, heading, empty in (
        (metrics.TO_CENTRAL_ASIA, f"Announced for Central Asia by {who}", "No pledge"),
        (metrics.TO_POWER, "Deals the other way: Central Asia to the power", "No deal"),
    ):
        counted = metrics.countable_pledges(data.pledges, direction)
        st.markdown(f"**{heading}**")
        if counted.empty:
            st.caption(f"{empty} in this direction in the data.")
            continue
        total = metrics.format_usd(float(counted["amount_usd"].sum()))
        st.caption(
            f"{len(counted):,} commitments, {total} with a USD figure; the two directions "
            "are never added together."
        )
        ui.render_frame(
            display.pledge_totals_table(figures.pledge_totals(data, "kind", direction), "kind"),
            key=f"profile_pledges_{direction}",
            lead=("kind",),
        )


def _render_record(page: ui.PageContext, shown: ShownProfile, title: str) -> None:
    """A profile's own timeline, its events each a link to their record (a click on a
    marker opens it too), and the map of where its meetings were held; ``title`` names
    whose record it is."""
    data = shown.profile.data
    if data.events.empty:
        return
    st.subheader("Its timeline")
    binned = figures.timeline_binned(data.events)
    drawn = f"events per {figures.timeline_period(data.events)}" if binned else "event by event"
    selection = ui.render_chart(
        figures.timeline_figure(data, page.dataset.data_through),
        key="profile_timeline_chart", page=page, title=f"{title}, {drawn}",
        selectable=not binned,
    )  # fmt: skip
    chosen = ui.selected_event_id(selection)
    if chosen:
        ui.open_event(page.view, chosen)
    table = figures.timeline_table(data, page.dataset.data_through, limit=ui.SCREEN_ROWS)
    if listed := ui.listed_note(len(table), len(data.events), "events"):
        st.caption(listed)
    ui.render_frame(
        table,
        key="profile_events", event_links=page.view,
    )  # fmt: skip
    st.subheader("Where they met")
    _render_map(shown, "profile_map")


def _render_people(shown: ShownProfile) -> None:
    st.subheader("The people")
    ui.render_frame(shown.people, key="profile_people")


def _render_profile_top(title: str, headline: str, scope: str) -> None:
    st.title(title)
    st.markdown(ui.escape_markdown(headline))
    st.caption(scope)


def render_power_profile(page: ui.PageContext) -> None:
    power_id = _choose(page, "power")
    if power_id is None:
        st.title("A power in Central Asia")
        render_profile_links(page)
        return
    shown = _power_profile(page.data_key, power_id, pd.Timestamp.today().normalize())
    profile = shown.profile
    _render_profile_top(
        f"{profile.name} in Central Asia",
        profile.headline,
        f"The whole record of {ui.escape_markdown(profile.name)} in the data: the sidebar's "
        "other filters do not apply on this page. Data version "
        f"{ui.escape_markdown(page.dataset.version)}.",
    )
    st.subheader("In the race")
    ui.render_short_table(profile.ranks)
    _render_record(page, shown, f"{profile.name} and Central Asia")
    st.subheader("Pledges and deals")
    _render_pledges(page, profile.data, profile.name)
    _render_people(shown)


def render_country_profile(page: ui.PageContext) -> None:
    iso3 = _choose(page, "country")
    if iso3 is None:
        st.title("A Central Asian state and the powers")
        render_profile_links(page)
        return
    shown = _country_profile(page.data_key, iso3)
    profile = shown.profile
    _render_profile_top(
        f"{profile.name} and the powers",
        profile.headline,
        f"The whole record of {ui.escape_markdown(profile.name)} in the data: the sidebar's "
        "other filters do not apply on this page. Pledges to the region as a whole are "
        "not counted as this state's.",
    )
    st.subheader("The powers it met, and the money")
    ui.render_frame(profile.partners, key="profile_partners")
    _render_record(page, shown, f"The powers and {profile.name}")
    _render_people(shown)


def render_corridors(page: ui.PageContext) -> None:
    """Each corridor's reported volumes and transit times by year, on the time axis of
    the diplomacy that names it, with every figure's source and what it counts."""
    dataset = page.dataset
    names = dataset.corridors.set_index("corridor_id")["name"]
    reported = corridors.volume_table(dataset)
    shown = [c for c in dataset.corridors["corridor_id"] if c in set(reported["corridor_id"])]
    diplomacy = corridors.diplomacy_table(page.filtered)
    for tab, corridor_id in zip(st.tabs([names[c] for c in shown]), shown, strict=True):
        with tab:
            ui.render_chart(
                corridors.corridors_figure(page.filtered, corridor_id, volumes=reported,
                                           diplomacy=diplomacy),
                key=f"corridor_chart_{corridor_id}", page=page,
                title=f"{names[corridor_id]}: reported volumes, transit times and diplomacy",
            )  # fmt: skip
            st.caption(
                "A line joins only the figures of one publication's series; figures from "
                "different publications can count different things (the seaports only, or "
                "the whole route) and stand as separate points, named by their publisher. "
                "Each note says what a figure counts."
            )
            ui.render_frame(
                reported[reported["corridor_id"] == corridor_id].drop(
                    columns=["corridor_id", "corridor_name", "series_id"]
                ),
                key=f"corridor_volumes_{corridor_id}",
                lead=("year", "metric", "value", "unit", "series"),
            )
    st.subheader("The diplomacy that names a corridor")
    shown = diplomacy.tail(ui.SCREEN_ROWS)
    listed = ui.listed_note(len(shown), len(diplomacy), which="latest")
    st.caption(
        f"{len(diplomacy):,} meetings, documents and commitments under the current filters "
        "that name a corridor, or transport corridors at large, and the transport pledges."
        + (f" {listed}" if listed else "")
    )
    ui.render_frame(shown, key="corridor_diplomacy", event_links=page.view,
                    lead=("date", "corridor"))  # fmt: skip


CHANGELOG = "CHANGELOG.md"


@st.cache_data
def _changelog(path: str, modified: float) -> str:
    del modified  # part of the cache key only: an edited changelog is read again
    with open(path, encoding="utf-8") as f:
        return f.read()


def render_new_since(page: ui.PageContext) -> None:
    """For the returning reader: what the latest data version changed, from the data's
    changelog, and the whole entry a click away."""
    path = default_data_dir() / CHANGELOG
    if not path.exists():
        return
    version = page.dataset.version
    release = releases.release_of(_changelog(str(path), path.stat().st_mtime), version)
    if release is None:
        return
    st.subheader(f"New in data version {version}")
    st.caption(f"Released {release.date}; the data's changelog says:")
    st.markdown("\n".join(f"- {point}" for point in releases.headlines(release)))
    with st.expander("The whole changelog entry"):
        st.markdown("\n\n".join(release.paragraphs))
