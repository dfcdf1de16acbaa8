"""The page "Add from an article", in Streamlit: the article and its source, the events
found in it (each already recorded in ``data/`` or new, or why none was found), the
draft rows to review, their validation, and the ways to add them.

The reading is done by :mod:`greatgame.extract`, the matching by :mod:`greatgame.known`
and the rows by :mod:`greatgame.drafts`; this module only shows them.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from datetime import date

import pandas as pd
import streamlit as st

from greatgame import drafts, metrics
from greatgame.data import (
    DataError,
    Dataset,
    data_fingerprint,
    default_data_dir,
    split_ids,
)
from greatgame.extract import (
    Extraction,
    Gazetteer,
    UnreadableArticle,
    decode_article,
    find_dates,
    reference_date,
)
from greatgame.filters import ViewState
from greatgame.known import RecordedEvent, recorded_events
from greatgame.store import append_rows, validate_new_rows
from greatgame.ui import escape_markdown, event_href, render_data_error
from greatgame.worker import ExtractionError, extract_in_worker

ALLOW_WRITE_ENV = "GREATGAME_ALLOW_WRITE"
LOOPBACK = {"127.0.0.1", "localhost", "::1"}
ARTICLE_TEXT_KEY, ARTICLE_FILE_KEY = "article_text", "article_file"
PUBLISHED_KEY = "article_published"


def render_article_input() -> str:
    """The article's text, pasted or from an uploaded .txt file (the file wins); "" when
    there is none or the file cannot be read, which is then said."""
    st.text_area(
        "Paste the article",
        key=ARTICLE_TEXT_KEY,
        height=220,
        placeholder="Headline, dateline and body text, as published.",
    )
    upload = st.file_uploader("…or upload it as a .txt file", type=["txt"], key=ARTICLE_FILE_KEY)
    if upload is None:
        return st.session_state.get(ARTICLE_TEXT_KEY) or ""
    try:
        return decode_article(upload.getvalue())
    except UnreadableArticle as error:
        st.error(f"{escape_markdown(upload.name)} cannot be read: {error}.")
        return ""


def render_article_source(text: str) -> drafts.ArticleSource:
    """The publication the rows will cite; its title defaults to the article's first line."""
    first_line = next((line.strip() for line in text.splitlines() if line.strip()), "")
    left, right = st.columns([3, 2])
    url = left.text_input("Source URL", key="article_url", placeholder="https://…")
    publisher = right.text_input("Publisher", key="article_publisher")
    left, middle, right = st.columns([3, 1, 1])
    title = left.text_input("Title", value=first_line[:200], key="article_title")
    published = middle.date_input(
        "Published", value=None, key=PUBLISHED_KEY, format="YYYY-MM-DD",
        help="Also anchors the dates the article gives without a year, and its weekdays.",
    )  # fmt: skip
    accessed = right.date_input(
        "Accessed", value=date.today(), key="article_accessed", format="YYYY-MM-DD"
    )
    return drafts.ArticleSource(url.strip(), publisher.strip(), title.strip(), published, accessed)


# --- reading the article ---------------------------------------------------------------------


@dataclass(frozen=True)
class ArticleReading:
    """What the page shows of one article: the candidates, which of them data/ records
    (candidate by candidate), and the draft rows."""

    extraction: Extraction
    recorded: list[RecordedEvent | None]
    frames: dict[str, pd.DataFrame]


@st.cache_data(show_spinner="Reading the article…")
def _read_cached(
    text: str, source: drafts.ArticleSource, data_dir: str, fingerprint: tuple, _dataset: Dataset
) -> ArticleReading:
    # data_dir and its fingerprint stand for the dataset in the cache key; the leading
    # underscore keeps Streamlit from hashing the dataset itself on every rerun.
    del data_dir, fingerprint
    gazetteer = Gazetteer.from_dataset(_dataset)
    found = extract_in_worker(text, gazetteer, published=source.published)
    recorded = recorded_events(found.events, _dataset)
    ids = [r.event_id if r else None for r in recorded]
    return ArticleReading(
        found, recorded, drafts.draft_tables(found, _dataset, gazetteer, source, ids)
    )


def read_article(text: str, source: drafts.ArticleSource, dataset: Dataset) -> ArticleReading:
    """What the extractor finds in the article; on an article it cannot read in time,
    a message and a stop."""
    data_dir = default_data_dir()
    try:
        return _read_cached(text, source, str(data_dir), data_fingerprint(data_dir), dataset)
    except ExtractionError as error:
        st.error(str(error))
        st.stop()


def render_events_found(
    reading: ArticleReading, text: str, source: drafts.ArticleSource, dataset: Dataset,
    view: ViewState,
) -> None:  # fmt: skip
    """Each candidate event as already recorded (with a link to its record) or new; when
    none is dated, which dates were seen and what would help."""
    st.subheader("Events in the article")
    events = reading.extraction.events
    if not any(event.date_start for event in events):
        render_no_dated_event(text, source.published)
        return
    sources_of = dict(zip(dataset.events["event_id"], dataset.events["source_ids"], strict=True))
    for event, recorded in zip(events, reading.recorded, strict=True):
        when = (
            metrics.format_date_range(pd.Timestamp(event.date_start),
                                      pd.Timestamp(event.date_end or event.date_start))
            if event.date_start else "undated"
        )  # fmt: skip
        what = escape_markdown(event.title or "untitled event")
        if recorded is None:
            st.markdown(f"- **{escape_markdown(when)} · {what}**: new")
            continue
        new_source = source.source_id and source.source_id not in split_ids(
            sources_of[recorded.event_id]
        )
        not_cited = (
            f" · this article (`{source.source_id}`) is not yet among its sources"
            if new_source
            else ""
        )
        st.markdown(
            f"- **{escape_markdown(when)} · {what}**: already recorded as "
            f"*{escape_markdown(recorded.title)}*, "
            f"[open record]({event_href(view, recorded.event_id)}){not_cited}"
        )
    known = sum(1 for r in reading.recorded if r)
    if known:
        st.caption(
            f"{known} of {len(events)} event(s) already recorded: the tables below leave "
            "out their rows, but for any participant or pledge that data/ lacks."
        )


# Weekdays, which news writes for dates ("on Tuesday"): read against the article's date.
_WEEKDAY = re.compile(r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")


@dataclass(frozen=True)
class SeenDate:
    """A date as the article writes it, and the day it was read as (None if unread)."""

    text: str
    day: date | None
    is_weekday: bool = False

    @property
    def reading(self) -> str:
        if self.day is not None:
            return self.day.isoformat()
        return "a weekday" if self.is_weekday else "year unknown"


def dates_seen(text: str, published: date | None) -> list[SeenDate]:
    """Every date written in the text, in order and once each: day-precise dates with
    the day each was read as, and weekdays."""
    mentions = find_dates(text, reference_date(text, published))
    spans = [(m.start, m.end) for m in mentions]
    seen = [(m.start, SeenDate(text[m.start : m.end], m.date_start)) for m in mentions]
    seen += [
        (w.start(), SeenDate(w.group(), None, is_weekday=True))
        for w in _WEEKDAY.finditer(text)
        if not any(start <= w.start() < end for start, end in spans)
    ]
    return list(dict.fromkeys(s for _, s in sorted(seen, key=lambda pair: pair[0])))


def render_no_dated_event(text: str, published: date | None) -> None:
    """Why no event was found, and what would help."""
    seen = dates_seen(text, published)
    unread = [s for s in seen if s.day is None]
    if seen:
        listed = ", ".join(f"“{escape_markdown(s.text)}” ({s.reading})" for s in seen[:12])
        more = f" and {len(seen) - 12} more" if len(seen) > 12 else ""
        saw = f"Dates seen: {listed}{more}."
    else:
        saw = (
            "It gives no day-precise date (a month or a year alone, as in “in June 2025”, "
            "is not enough: the tracker records each event by its days)."
        )
    helps = []
    if published is None and (unread or not seen):
        helps.append(
            "Set **Published** under *The source* above to the article's date: dates "
            "without a year (“June 17”) and weekdays (“on Tuesday”) are read against it."
        )
    if seen and not unread:
        helps.append(
            "No sentence with one of these dates names a meeting (a summit, talks, a "
            "visit, a forum) with a power the data knows."
        )
    helps.append(
        "If the article does describe an event, add its row to the events table below by hand."
    )
    st.warning(f"No dated event found in this article. {saw}")
    st.markdown("\n".join(f"- {h}" for h in helps))


# --- draft rows ------------------------------------------------------------------------------


def render_draft_editors(
    frames: dict[str, pd.DataFrame], text: str, source: drafts.ArticleSource
) -> dict:
    """One editable table per kind of row, seeded with the candidates and their evidence.
    Editing the source or the text starts the tables afresh."""
    digest = hashlib.sha1(repr((text, source)).encode("utf-8")).hexdigest()[:12]
    edited = {}
    for table, frame in frames.items():
        st.subheader(f"{table} ({len(frame)})")
        column_config, column_order = {}, list(frame.columns)
        if drafts.EVIDENCE in frame:
            # First, so that each row is read beside the sentence it came from.
            column_config[drafts.EVIDENCE] = st.column_config.TextColumn(
                "evidence", width="medium", help="The sentence the row was found in"
            )
            column_order = [drafts.EVIDENCE, *frame.columns.drop(drafts.EVIDENCE)]
        edited[table] = st.data_editor(
            frame,
            key=f"draft_{table}_{digest}",
            num_rows="dynamic",
            hide_index=True,
            disabled=[drafts.EVIDENCE],
            column_config=column_config,
            column_order=column_order,
            width="stretch",
        )
    return edited


@st.cache_data(show_spinner="Validating…")
def _validate_cached(rows_key: str, rows: dict, data_dir: str, fingerprint: tuple) -> list:
    del rows_key, fingerprint  # cache key only
    return validate_new_rows(data_dir, rows)


def render_draft_validation(rows: dict) -> list:
    """Every problem the rows would cause in data/, by table, row and column."""
    data_dir = default_data_dir()
    key = repr(sorted((t, [sorted(r.items()) for r in rs]) for t, rs in rows.items()))
    problems = _validate_cached(key, rows, str(data_dir), data_fingerprint(data_dir))
    if not rows:
        st.info("No rows to check yet.")
    elif problems:
        st.error(
            f"{len(problems)} problem(s) to fix before these rows can go into data/. Rows are "
            "numbered as lines of each table's CSV file (the first row is line 2); a duplicate "
            "key names the line of the file in data/ that has it already."
        )
        st.dataframe(
            pd.DataFrame(
                [(p.file, p.row, p.column, p.rule) for p in problems],
                columns=["file", "line", "column", "rule"],
            ),
            hide_index=True,
        )
    else:
        counts = ", ".join(f"{len(rs)} {table}" for table, rs in rows.items())
        st.success(f"Valid: {counts} row(s) pass every rule of the schema.")
    return problems


def render_draft_actions(rows: dict, problems: list, descriptor: dict) -> None:
    """Download the rows for `greatgame add`, and append them here where allowed."""
    st.download_button(
        "Download rows (.zip of CSV files)",
        data=drafts.rows_zip(rows, descriptor),
        file_name="greatgame-rows.zip",
        mime="application/zip",
        key="draft_download",
        disabled=not rows or bool(problems),
        help="Append them with `greatgame add greatgame-rows.zip`.",
    )
    if os.environ.get(ALLOW_WRITE_ENV) != "1":
        st.caption(f"Appending from the app is off; start it with {ALLOW_WRITE_ENV}=1 to allow it.")
        return
    if str(st.get_option("server.address") or "") not in LOOPBACK:
        # The flag alone is not enough: on a network address anyone who reaches the
        # host could append. There, rows go in with `greatgame add` on the host.
        st.caption(
            "Appending from the app is off: it is allowed only on a server that listens "
            "on 127.0.0.1. Download the rows and run `greatgame add` on the host."
        )
        return
    if st.button(
        "Append to data/", key="draft_append", type="primary", disabled=not rows or bool(problems)
    ):
        try:
            report = append_rows(default_data_dir(), rows)
        except DataError as error:
            render_data_error(error)
            return
        added = ", ".join(f"{n} {table}" for table, n in report.added.items()) or "nothing new"
        st.success(f"Appended: {added}.")
