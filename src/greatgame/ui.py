"""Streamlit helpers: with :mod:`greatgame.ui_article` (the page "Add from an article"),
the only module under ``src/`` that imports streamlit.

``app.py`` calls :func:`build_context` once per run (load, filter widgets, URL);
pages call :func:`context` and the ``render_*`` functions. Everything they show is
computed by the pure modules beside this one.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from functools import partial
from pathlib import Path
from urllib.parse import urlencode

import pandas as pd
import pyarrow as pa
import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from greatgame import display, export, figures, metrics, records
from greatgame.data import (
    DataError,
    Dataset,
    data_fingerprint,
    default_data_dir,
    load_dataset,
)
from greatgame.filters import (
    VIEW_PARAMS,
    Filters,
    ViewState,
    Vocabulary,
    apply_filters,
    attended_events,
    date_bounds,
    decode_query,
    encode_query,
    typed_date,
)

CONTEXT_KEY = "greatgame_context"
SEEDED_KEY = "greatgame_filters_seeded"
NOTICES_KEY = "greatgame_url_notices"
POWER_KEY, COUNTRY_KEY = "filter_power", "filter_country"
DATE_FROM_KEY, DATE_TO_KEY = "filter_from", "filter_to"
FORMAT_KEY, LEVEL_KEY = "filter_format", "filter_level"
CHART_FORMAT_KEY = "chart_format"
# Image formats Plotly's toolbar download can save without a server-side renderer.
CHART_FORMATS = ("png", "svg")


@dataclass(frozen=True)
class PageContext:
    """What every page needs: the whole dataset, the filtered one and the view."""

    dataset: Dataset
    filtered: Dataset
    view: ViewState
    vocabulary: Vocabulary
    publishers: Mapping[str, str]  # source URL -> publisher, for every table's Sources
    data_key: tuple[str, tuple]  # which shared dataset: its folder and fingerprint


# --- loading ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class SharedData:
    """What one version of the data gives every session alike: the validated dataset,
    the values its filters may take and the span of its dates. Built once per server
    and version, and shared read-only: no page may change a table in place."""

    dataset: Dataset
    vocabulary: Vocabulary
    bounds: tuple[date, date] | None
    publishers: Mapping[str, str]


# Resources, not data: st.cache_data would hand each rerun of each session a fresh
# unpickled copy of every table, seconds at a hundred times today's size.
@st.cache_resource(show_spinner="Loading and validating the data…", max_entries=2)
def _shared_data(data_dir: str, fingerprint: tuple) -> SharedData:
    # The fingerprint (file names, sizes, times) is part of the cache key, so an
    # edited file is validated and loaded again.
    del fingerprint
    dataset = load_dataset(data_dir)
    release_freed_memory()
    return SharedData(
        dataset,
        Vocabulary.from_dataset(dataset),
        date_bounds(dataset),
        display.source_publishers(dataset.sources),
    )


def release_freed_memory() -> None:
    """Give back to the system what Arrow's allocator holds of freed buffers: it keeps
    them for reuse otherwise, and decoding the tables or cutting and joining them for a
    page frees hundreds of megabytes at a thousand times today's size. Cheap (a
    microsecond when there is nothing to give back)."""
    pa.default_memory_pool().release_unused()


# Readers move between pages and back under the same filters, and many readers share
# a few popular views: each filtered dataset is cut once for all of them. A view holds
# copies of the rows it keeps, so few are kept (the unfiltered view is the dataset
# itself and costs nothing).
FILTERED_VIEWS_KEPT = 8


@st.cache_resource(show_spinner=False, max_entries=FILTERED_VIEWS_KEPT)
def _filtered(data_dir: str, fingerprint: tuple, filters: Filters) -> Dataset:
    return apply_filters(_shared_data(data_dir, fingerprint).dataset, filters)


def shared_data(data_key: tuple[str, tuple]) -> SharedData:
    """The shared data of a page's ``data_key`` (see :class:`PageContext`)."""
    return _shared_data(*data_key)


def filtered_view(data_key: tuple[str, tuple], filters: Filters) -> Dataset:
    """The shared data of ``data_key`` cut by ``filters``, cut once for every session."""
    return _filtered(*data_key, filters)


def load_or_stop() -> tuple[SharedData, tuple[str, tuple]]:
    """The shared data and its key (folder and fingerprint); on bad data, a readable
    list of problems and a stop."""
    data_dir = default_data_dir()
    try:
        fingerprint = data_fingerprint(data_dir)
        shared = _shared_data(str(data_dir), fingerprint)
    except DataError as error:
        render_data_error(error)
        st.stop()
    except OSError as error:
        st.error(f"The data folder {data_dir} cannot be read: {error.strerror or error}.")
        st.stop()
    return shared, (str(data_dir), fingerprint)


def render_data_error(error: DataError) -> None:
    st.title("The data does not pass validation")
    st.error(
        f"{len(error.problems)} problem(s) in `{error.data_dir}`. Nothing was loaded. "
        "Fix the rows below (file:line: column: rule) and reload; "
        "`greatgame validate` prints the same list."
    )
    st.code("\n".join(str(p) for p in error.problems), language=None)


# --- filters and URL -------------------------------------------------------------------------


def _query_params() -> dict[str, list[str]]:
    return {key: st.query_params.get_all(key) for key in st.query_params}


def _seed_widgets_from_url(view: ViewState, bounds: tuple[date, date] | None) -> None:
    f = view.filters
    st.session_state[POWER_KEY] = list(f.powers)
    st.session_state[COUNTRY_KEY] = list(f.countries)
    st.session_state[FORMAT_KEY] = list(f.formats)
    st.session_state[LEVEL_KEY] = list(f.levels)
    st.session_state[DATE_FROM_KEY] = f.date_from.isoformat() if f.date_from else ""
    st.session_state[DATE_TO_KEY] = f.date_to.isoformat() if f.date_to else ""


def _reset_filters(bounds: tuple[date, date] | None) -> None:
    _seed_widgets_from_url(ViewState(), bounds)


def bin_filters(filters: Filters, power_id: str, first: date, last: date) -> Filters:
    """The filters narrowed to one dot of the binned Timeline: its power, and its
    period within the dates already chosen; the other filters as they were."""
    return replace(
        filters,
        powers=(power_id,),
        date_from=max(first, filters.date_from) if filters.date_from else first,
        date_to=min(last, filters.date_to) if filters.date_to else last,
    )


def narrow_to_bin(chart_key: str) -> None:
    """The binned Timeline's click: the sidebar's filters set to the clicked dot's
    power and period, so that the page draws its events one by one. A callback, run
    before the script, when the sidebar's widgets may still be set."""
    points = st.session_state[chart_key]["selection"]["points"]
    custom = points[0].get("customdata") if points else None
    if not isinstance(custom, list) or len(custom) != 3:
        return
    power_id, first, last = custom
    # The dates as typed (no bounds): the narrowed range is written out in full.
    narrowed = bin_filters(
        _filters_from_widgets(None), power_id, date.fromisoformat(first), date.fromisoformat(last)
    )
    _seed_widgets_from_url(ViewState(narrowed), None)


def _typed_dates(bounds: tuple[date, date] | None) -> tuple[date | None, date | None, list]:
    """The typed date range, and a notice for each field that holds no date or for a
    range that ends before it starts (which then filters nothing)."""
    date_from, from_notice = typed_date(st.session_state.get(DATE_FROM_KEY, ""), "From")
    date_to, to_notice = typed_date(st.session_state.get(DATE_TO_KEY, ""), "To")
    notices = [n for n in (from_notice, to_notice) if n]
    if date_from and date_to and date_from > date_to:
        notices.append("The date range ends before it starts: it is not applied.")
        date_from = date_to = None
    # The full span of the data is the default: it stays out of the URL.
    if bounds and date_from == bounds[0]:
        date_from = None
    if bounds and date_to == bounds[1]:
        date_to = None
    return date_from, date_to, notices


def _filters_from_widgets(bounds: tuple[date, date] | None) -> Filters:
    date_from, date_to, _ = _typed_dates(bounds)
    return Filters(
        powers=tuple(st.session_state.get(POWER_KEY, ())),
        countries=tuple(st.session_state.get(COUNTRY_KEY, ())),
        date_from=date_from,
        date_to=date_to,
        formats=tuple(st.session_state.get(FORMAT_KEY, ())),
        levels=tuple(st.session_state.get(LEVEL_KEY, ())),
    )


def render_filters(shared: SharedData) -> ViewState:
    """The sidebar filters, seeded from the URL on a session's first run and mirrored
    back into it on every run."""
    dataset, vocabulary, bounds = shared.dataset, shared.vocabulary, shared.bounds
    url_view = decode_query(_query_params(), vocabulary)
    if not st.session_state.get(SEEDED_KEY):
        _seed_widgets_from_url(url_view, bounds)
        st.session_state[NOTICES_KEY] = url_view.notices
        st.session_state[SEEDED_KEY] = True
    names = export.party_names(dataset)
    # persist_state="session": the filters live in the entrypoint, and keep their values
    # when the reader moves between pages.
    with st.sidebar:
        st.header("Filters")
        st.multiselect(
            "Powers",
            vocabulary.powers,
            key=POWER_KEY,
            persist_state="session",
            format_func=lambda p: names.get(p, p),
            placeholder="All powers",
            help="A power's own events, and the events of others (an SCO summit, say) "
            "that its leaders or ministers attended.",
        )
        render_power_scope(dataset, tuple(st.session_state.get(POWER_KEY, ())))
        st.multiselect(
            "Central Asian countries",
            vocabulary.countries,
            key=COUNTRY_KEY,
            persist_state="session",
            format_func=lambda c: names.get(c, c),
            placeholder="All five",
        )
        if bounds:
            # Text fields, not a date picker: Streamlit's picker applies a typed date
            # only when it loses the mouse's focus; a text field applies it on Enter
            # and on Tab.
            start, end = st.columns(2)
            start.text_input(
                "From", key=DATE_FROM_KEY, placeholder=f"{bounds[0]:%Y-%m-%d}",
                persist_state="session", help="YYYY-MM-DD; applies on Enter or Tab. "
                "Empty: from the first event.",
            )  # fmt: skip
            end.text_input(
                "To", key=DATE_TO_KEY, placeholder=f"{bounds[1]:%Y-%m-%d}",
                persist_state="session", help="YYYY-MM-DD; applies on Enter or Tab. "
                "Empty: to the last event.",
            )  # fmt: skip
            for notice in _typed_dates(bounds)[2]:
                st.warning(notice)
        st.multiselect(
            "Format",
            vocabulary.formats,
            key=FORMAT_KEY,
            format_func=figures.label,
            persist_state="session",
            placeholder="All formats",
        )
        st.multiselect(
            "Level",
            vocabulary.levels,
            key=LEVEL_KEY,
            format_func=figures.label,
            persist_state="session",
            placeholder="All levels",
        )
        st.button("Reset filters", key="filter_reset", on_click=_reset_filters, args=(bounds,))
        for notice in st.session_state.get(NOTICES_KEY, ()):
            st.warning(notice)
    view = ViewState(_filters_from_widgets(bounds), url_view.event_id)
    wanted = encode_query(view.filters, view.event_id) | _view_params()
    if wanted != _query_params():
        st.query_params.from_dict(wanted)
    with st.sidebar:
        render_share_link(view)
        render_chart_format_choice()
    return view


def render_power_scope(dataset: Dataset, powers: tuple[str, ...]) -> None:
    """Under the power filter: the others' events that come with the chosen powers."""
    brought = attended_events(dataset, powers)
    if brought.empty:
        return
    names = export.party_names(dataset)
    listed = ", ".join(f"{names.get(p, p)} ({n})" for p, n in zip(
        brought["power_id"], brought["events"], strict=True))  # fmt: skip
    st.caption(f"Also shown, as attended by the chosen powers: events of {listed}.")


def build_context() -> PageContext:
    """Load, filter and remember the context for the page about to run."""
    shared, data_key = load_or_stop()
    view = render_filters(shared)
    page_context = PageContext(
        shared.dataset, filtered_view(data_key, view.filters), view, shared.vocabulary,
        shared.publishers, data_key,
    )  # fmt: skip
    st.session_state[CONTEXT_KEY] = page_context
    return page_context


def context() -> PageContext:
    """The context ``app.py`` built for this run."""
    page_context = st.session_state.get(CONTEXT_KEY)
    if page_context is None or PagesManager.uses_pages_directory:
        # Streamlit treats a folder named pages/ as its legacy router until app.py has
        # called st.navigation in this process (streamlit/streamlit#9624). A fresh
        # server's first visits straight to a page's URL, and every AppTest run, can
        # thus start a page alone, without app.py. The process-wide flag is flipped by
        # whichever session gets there first, so each session decides by its own
        # state: no context built by app.py yet means this run bypassed it. Switch the
        # legacy router off, as st.navigation itself does, and run again through app.py.
        PagesManager.uses_pages_directory = False
        st.rerun()
    return page_context


# --- shared pieces of pages ------------------------------------------------------------------

# What Streamlit's own styles get in a reader's way: captions at 60% opacity (3.9:1 on
# white, under WCAG AA, and they carry the charts' text alternatives), the link's copy
# button hidden until a mouse hovers it (so Tab skips it), power names clipped in the
# filter's tags, and the map taking every touch (deck.gl sets touch-action: none), so
# that a phone's reader cannot scroll past it: a vertical swipe now scrolls the page.
# An id in a list (a source's) is one word: it does not break at its hyphen.
PAGE_STYLE = """<style>
[data-testid="stCaptionContainer"] { opacity: 1; color: #4a4a55; }
[data-testid="stCode"] [data-testid="stElementToolbarButton"],
[data-testid="stCode"] [data-testid="stElementToolbarButton"] * { visibility: visible; opacity: 1; }
[data-testid="stCode"] > div:has([data-testid="stElementToolbarButton"]),
[data-testid="stCode"] > div:has([data-testid="stElementToolbarButton"]) > div {
  visibility: visible; opacity: 1; }
[data-testid="stDeckGlJsonChart"] div[style*="touch-action"] {
  touch-action: pan-y pinch-zoom !important; }
[data-baseweb="tag"] { max-width: none; height: auto; }
[data-baseweb="tag"] span { max-width: none; white-space: normal; overflow: visible; }
[data-testid="stMarkdownContainer"] li code { white-space: nowrap; }
</style>"""


def render_page_style() -> None:
    st.html(PAGE_STYLE)


def render_view_banner(page_context: PageContext) -> None:
    """Above every page: the filters in force and any part of the link that was
    ignored, where a phone's reader sees them with the sidebar closed."""
    view = page_context.view
    notices = st.session_state.get(NOTICES_KEY, ())
    # One container whatever it holds: the page's own elements keep their places in the
    # page when a filter is set or cleared, so the browser updates its charts and map
    # in place instead of drawing them anew (a new map costs seconds of WebGL).
    with st.container():
        if not view.filters.is_default:
            st.caption(
                escape_markdown(export.filters_summary(page_context.dataset, view.filters))
                + " Change or reset them in the sidebar (the » button at the top left on a"
                " phone)."
            )
        for notice in notices:
            st.warning(notice)


_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~$])")


def escape_markdown(text: object) -> str:
    """Data text shown as text: no markdown, HTML or LaTeX from a cell is ever run."""
    return _MARKDOWN_SPECIALS.sub(r"\\\1", str(text))


def render_empty_state(what: str = "events") -> None:
    st.info(
        f"No {what} match the current filters. Widen the date range, or clear a power, "
        "country, format or level in the sidebar (Reset filters clears them all)."
    )


def render_data_through(dataset: Dataset) -> None:
    through = dataset.data_through
    if through is not None:
        st.caption(
            f"Data version {escape_markdown(dataset.version)}, through "
            f"{through:%d %B %Y} (newest source)."
        )


def render_latest_events(dataset: Dataset, view: ViewState, data_through, limit: int = 10) -> None:
    """The newest events of ``dataset`` (the filtered one); ``data_through`` is the whole
    dataset's, against which a planned meeting is said to be overdue."""
    for row in metrics.latest_events(dataset, limit, data_through).itertuples():
        when = metrics.format_date_range(row.date_start, row.date_end)
        status = "" if row.status == "held" else f" · **{escape_markdown(row.status)}**"
        where = row.place_name if isinstance(row.place_name, str) else "by video link"
        links = ", ".join(
            f"[{escape_markdown(publisher)}]({url})" for publisher, url in row.sources
        )
        st.markdown(
            f"**{escape_markdown(when)} · {escape_markdown(row.title)}**{status}  \n"
            f"{escape_markdown(row.power_name)} · {escape_markdown(where)}  \n"
            f"{escape_markdown(row.summary)}  \n"
            f"Sources: {links} · [full record]({event_href(view, row.event_id)})"
        )


# At most this many rows of a table go to the screen: tens of thousands of rows are
# megabytes on every rerun and more than anyone scrolls; the downloads hold every row.
SCREEN_ROWS = 1_000


def listed_note(shown: int, total: int, noun: str = "", which: str = "newest") -> str:
    """The sentence under a table on screen that lists ``shown`` of its ``total`` rows
    (of ``noun``): which ones, and where every row is. Empty when it lists them all."""
    if shown >= total:
        return ""
    return (
        f"The {which} {shown:,} of {total:,}{f' {noun}' if noun else ''} are listed here; "
        "the Data & downloads page has every one."
    )


def _table_csv(dataset: Dataset, table: str, excel_bom: bool) -> bytes:
    return export.csv_bytes(export.readable_table(dataset, table), excel_bom=excel_bom)


def render_table_download(
    dataset: Dataset, table: str, key: str, excel_bom: bool, on_screen: bool = True
) -> None:
    """One table under the current filters: its CSV download with every row and, when
    ``on_screen`` (its tab is the open one), its row count and first
    :data:`SCREEN_ROWS` rows."""
    rows = len(dataset.tables()[table])
    if on_screen:
        frame = export.readable_table(dataset, table)
        shown = frame.head(SCREEN_ROWS)
        more = (
            ""
            if len(shown) == rows
            else f"; the first {len(shown):,} are shown here, the download holds all {rows:,}"
        )
        st.caption(f"{rows:,} row(s){more}")
        render_frame(shown, key=f"{key}_frame")
    st.download_button(
        f"Download {table}.csv ({rows:,} rows)",
        # Built when clicked, not on every rerun.
        data=partial(_table_csv, dataset, table, excel_bom),
        file_name=f"{table}.csv",
        mime="text/csv",
        key=f"{key}_download",
        on_click="ignore",
    )


def _view_params() -> dict[str, list[str]]:
    """The pages' own view parameters now in the URL (their widgets keep them there)."""
    return {key: values for key, values in _query_params().items() if key in VIEW_PARAMS}


def share_link(view: ViewState) -> str:
    """The address of this page with the view in its query, the page's own view (the
    map's layers, say) included: what a reader shares."""
    query = urlencode(encode_query(view.filters, view.event_id) | _view_params(), doseq=True)
    base = st.context.url or ""
    return f"{base}?{query}" if query else base or "./"


def render_chart_format_choice() -> None:
    """The format every chart's image download saves in: a reader's setting, like a
    language, so it stays out of the link to the view."""
    st.radio(
        "Chart downloads", CHART_FORMATS, format_func=str.upper, key=CHART_FORMAT_KEY,
        horizontal=True, persist_state="session",
        help="What the camera button at a chart's top right saves: PNG for a slide, SVG "
        "to edit or print at any size. Both carry the title, filters, source and licence.",
    )  # fmt: skip


def render_share_link(view: ViewState) -> None:
    st.caption("Link to this view (the copy button is at its right):")
    st.code(share_link(view), language=None, wrap_lines=True)


def render_snapshot_download(page_context: PageContext, excel_bom: bool) -> None:
    """The whole filtered dataset as one zip: tables, descriptor and manifest."""
    dataset, view = page_context.filtered, page_context.view
    st.download_button(
        "Download snapshot (zip: every table, datapackage.json, README)",
        data=partial(
            export.snapshot_zip,
            dataset,
            view.filters,
            view_link=share_link(view),
            made_at=datetime.now(UTC),
            excel_bom=excel_bom,
        ),
        file_name=f"greatgame-snapshot-{dataset.version}.zip",
        mime="application/zip",
        key="snapshot_download",
        on_click="ignore",
        type="primary",
    )


def event_href(view: ViewState, event_id: str) -> str:
    """A link to an event's record that keeps the reader's filters; relative, so it
    works wherever the app is served."""
    return "event?" + urlencode(encode_query(view.filters, event_id), doseq=True)


def page_href(view: ViewState, name: str) -> str:
    """A relative link to another page that keeps the reader's filters."""
    query = urlencode(encode_query(view.filters), doseq=True)
    return f"{name}?{query}" if query else name


def open_event(view: ViewState, event_id: str) -> None:
    """Go to an event's record page, keeping the filters."""
    st.switch_page(page_path("event"), query_params=encode_query(view.filters, event_id))


def selected_event_id(selection: object) -> str | None:
    """The event id of the first point a reader selected in a chart, if any."""
    points = getattr(getattr(selection, "selection", None), "points", None) or []
    for point in points:
        custom = point.get("customdata")
        event_id = custom[0] if isinstance(custom, list) else custom
        if isinstance(event_id, str):
            return event_id
    return None


# One toolbar stop, the image download, instead of eight before each chart's content:
# zoom by dragging, reset by double-clicking.
CHART_TOOLS_REMOVED = [
    "zoom2d", "pan2d", "select2d", "lasso2d", "zoomIn2d", "zoomOut2d", "autoScale2d",
    "resetScale2d",
]  # fmt: skip


def render_chart(
    figure,
    key: str,
    page: PageContext,
    title: str,
    selectable: bool = False,
    on_select: Callable[[], None] | None = None,
):
    """A plotly figure at full width, titled and citing its source and filters (so a
    saved image does too); with ``selectable``, clicking a point reruns the page and
    returns the selection, after calling ``on_select`` if given."""
    filters = export.filters_summary(page.dataset, page.view.filters)
    figure = figures.cite(figure, title, filters, page.dataset)
    config = {
        "displaylogo": False,
        "modeBarButtonsToRemove": CHART_TOOLS_REMOVED,
        "toImageButtonOptions": {
            "format": st.session_state.get(CHART_FORMAT_KEY, CHART_FORMATS[0]),
            "filename": f"greatgame-{key.removesuffix('_chart')}",
            "scale": 2,
        },
    }
    # theme=None: the figure's own colours, chosen for contrast, not Streamlit's greys.
    if selectable:
        return st.plotly_chart(
            figure, key=key, on_select=on_select or "rerun", selection_mode="points",
            config=config, theme=None,
        )  # fmt: skip
    return st.plotly_chart(figure, key=key, config=config, theme=None)


def render_frame(
    frame, key: str, event_links: ViewState | None = None, lead: tuple[str, ...] = (), **kwargs
) -> None:
    """A table in reader's words (see :func:`display.screen_table`), sources named by
    their publishers as the dataset knows them; with ``event_links``, a Record column
    links each row to its event's full record."""
    keep = ("event_id",) if event_links is not None and "event_id" in frame else ()
    column_config = {}
    if keep:
        # A pledge made outside any event has no record to open.
        frame = frame.assign(
            event_id=[
                event_href(event_links, e) if isinstance(e, str) else None
                for e in frame["event_id"]
            ]
        )
        column_config["event_id"] = st.column_config.LinkColumn(
            "Record", display_text="Open ›", help="Open the event's full record"
        )
    frame = screen(frame, keep=keep, lead=lead)
    if "Url" in frame:
        column_config["Url"] = st.column_config.LinkColumn("Url")
    # Numbers with the reader's separators (25,200 TEU), and sorting as numbers; a year
    # is a name, not a quantity (2021, not 2,021).
    for column in frame.columns:
        numeric = pd.api.types.is_numeric_dtype(frame[column])
        if numeric and not pd.api.types.is_bool_dtype(frame[column]) and column != "Year":
            column_config.setdefault(column, st.column_config.NumberColumn(format="localized"))
    st.dataframe(frame, hide_index=True, column_config=column_config, key=key, **kwargs)


def screen(frame, keep: tuple[str, ...] = (), lead: tuple[str, ...] = ()):
    """:func:`display.screen_table`, sources named by their publishers as this run's
    dataset knows them."""
    return display.screen_table(frame, keep=keep, lead=lead, publishers=context().publishers)


def render_short_table(frame) -> None:
    """A table of a few rows in reader's words as HTML: its text is on the page, where a
    screen reader, a search and a phone's zoom find it, and long cells wrap
    (``st.dataframe`` paints its cells on a canvas and cuts them)."""
    st.table(screen(frame), hide_index=True, border="horizontal")


def render_pledges(pledges) -> None:
    """A record's pledges, each as a short paragraph (see :func:`records.pledge_texts`)
    with its id at the end, to cite it."""
    for pledge in records.pledge_texts(pledges, context().publishers):
        st.markdown(f"**{escape_markdown(pledge.headline)}**  \n"
                    f"{escape_markdown(pledge.description)}")  # fmt: skip
        st.caption(f"{escape_markdown(pledge.details)} · id `{pledge.pledge_id}`")
        if pledge.note:
            st.caption(f"Note: {escape_markdown(pledge.note)}")


def render_sources(sources) -> None:
    """Sources as a list of links with publisher, date and id."""
    for source in sources.itertuples():
        published = "" if pd.isna(source.published) else f", {source.published:%d %b %Y}"
        st.markdown(
            f"- [{escape_markdown(source.title)}]({source.url}) "
            f"({escape_markdown(source.publisher)}{published}) · `{source.source_id}`"
        )


def screen_kind() -> str:
    """ "phone" when the browser says it is one (the client hint, else its user agent),
    else "desktop": the one thing the server can know of the reader's screen."""
    headers = st.context.headers
    mobile = headers.get("Sec-CH-UA-Mobile") == "?1" or "Mobile" in headers.get("User-Agent", "")
    return "phone" if mobile else "desktop"


def page_path(name: str) -> Path:
    """Path of a page script relative to the entrypoint, for ``st.Page`` and links."""
    return Path("pages") / f"{name}.py"
