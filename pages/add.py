"""Add from an article: paste or upload a news article, review the candidate rows found
in it (events, participants, pledges, and the source they rest on) with the sentence
each came from, see which events data/ records already (with a link to each record)
or, when no dated event is found, why; correct the rows, validate them against the
schema, then download them for ``greatgame add`` or, where the app runs with
GREATGAME_ALLOW_WRITE=1, append them to the data folder. Reads no URL parameters; the
sidebar filters do not apply here."""

import streamlit as st

from greatgame import drafts, ui, ui_article

page = ui.context()

st.title("Add from an article")
st.markdown(
    "A new summit in the news? Paste the article: the tracker finds the meetings, dates, "
    "places, powers, people and pledges it states, as draft rows for `data/`. Nothing is "
    "guessed: what the text does not say stays empty for you to fill in, and the summary "
    "and descriptions are yours to write, in your own words."
)

text = ui_article.render_article_input()
if not text.strip():
    st.info("Paste an article or upload a .txt file to see the rows found in it.")
    st.stop()

st.subheader("The source")
source = ui_article.render_article_source(text)
st.caption("Fill in the source first: changing it, or the text, starts the tables below afresh.")

reading = ui_article.read_article(text, source, page.dataset)
ui_article.render_events_found(reading, text, source, page.dataset, page.view)
edited = ui_article.render_draft_editors(reading.frames, text, source)
rows = drafts.table_rows(edited)

st.subheader("Check and add")
problems = ui_article.render_draft_validation(rows)
ui_article.render_draft_actions(rows, problems, page.dataset.descriptor)
