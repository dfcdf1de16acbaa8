"""Every table of the event record and of the profiles, through app.py: headings and
cells in reader's words, sources by publisher, ids only at the right."""

import re

import pandas as pd
import pytest

from tests.conftest import open_page

TOKYO = "2025-12-19-central-asia-japan-summit"
# A value as the schema stores it: a code (investment_target), a source id, an iso3 code.
RAW_VALUE = re.compile(r"^(?:[a-z]+(?:_[a-z]+)+|s-[0-9a-f]{10}|[A-Z]{3}|None|nan)$")


def is_id_heading(heading: str) -> bool:
    return heading.endswith((" id", " ids", "(id)"))


def assert_reads_in_words(frame: pd.DataFrame) -> None:
    # event_id holds the link to the record, shown as "Open ›" under "Record".
    headings = [c for c in frame.columns if c != "event_id"]
    assert not any("_" in h for h in headings), headings
    assert not is_id_heading(headings[0]), headings
    ids = [i for i, h in enumerate(headings) if is_id_heading(h)]
    assert ids == list(range(len(headings) - len(ids), len(headings))), headings
    for heading in headings:
        if is_id_heading(heading):
            continue
        raw = [v for v in frame[heading] if isinstance(v, str) and RAW_VALUE.match(v)]
        assert not raw, (heading, raw)


def test_the_event_records_tables_speak_the_readers_words(app):
    at = open_page(app, "pages/event.py", event=TOKYO)
    participants, outcomes = (t.value for t in at.table)
    for frame in (participants, outcomes):
        assert_reads_in_words(frame)
    assert list(participants.columns) == ["Person", "Party", "Side", "Office", "Role", "Sources"]
    assert participants.set_index("Person").loc["Sanae Takaichi", "Role"] == "Host"
    assert set(participants["Sources"]) == {"Fixture Press"}
    assert list(outcomes.columns) == ["Title", "Kind", "Count", "Note", "Sources", "Outcome id"]
    assert outcomes.iloc[0]["Kind"] == "Declaration"
    assert not at.dataframe  # every table of the record is text on the page


def test_the_event_records_pledges_read_as_sentences_with_their_ids_last(app):
    at = open_page(app, "pages/event.py", event=TOKYO)
    text = " ".join(m.value for m in [*at.markdown, *at.caption]).replace("\\", "")
    assert (
        "**$19.0 bn (3,000,000,000,000 JPY) · Investment target: Japan to Central Asia "
        "(all five)**  \nFixture target."
    ) in text
    assert (
        "Announced 2025-12-19 · over 5 years · sectors: Energy, Transport · USD figure as "
        "reported by fixture · confidence: High · sources: Fixture Press · "
        "id `2025-12-19-japan-business-target`"
    ) in text
    assert "**$1.0 bn · Loan: Japan to Uzbekistan**" in text
    assert "part of pledge 2025-12-19-japan-business-target" in text


@pytest.mark.parametrize(
    ("page", "params"),
    [("pages/power.py", {"power": "JPN"}), ("pages/country.py", {"country": "KAZ"})],
)
def test_every_table_on_a_profile_speaks_the_readers_words(app, page, params):
    at = open_page(app, page, **params)
    shown = [*at.table, *at.dataframe]
    assert len(shown) >= 3
    for table in shown:
        assert_reads_in_words(table.value)
