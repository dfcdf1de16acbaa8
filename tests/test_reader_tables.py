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
    participants, pledges, outcomes = (d.value for d in at.dataframe)
    for frame in (participants, pledges, outcomes):
        assert_reads_in_words(frame)
    assert list(participants.columns) == ["Person", "Party", "Side", "Office", "Role", "Sources"]
    assert participants.set_index("Person").loc["Sanae Takaichi", "Role"] == "Host"
    assert set(participants["Sources"]) == {"Fixture Press"}
    assert list(pledges.columns[:7]) == [
        "Announced", "Power", "Central Asian party", "Amount as announced", "US dollars",
        "Kind", "Description",
    ]  # fmt: skip
    assert list(pledges.columns[-2:]) == ["Pledge id", "Part of pledge (id)"]
    part = pledges.set_index("Description").loc["Fixture part."]
    assert part["Part of pledge (id)"] == "2025-12-19-japan-business-target"
    assert part["US dollars"] == "$1.0 bn" and part["Kind"] == "Loan"
    target = pledges.set_index("Description").loc["Fixture target."]
    assert target["Over (years)"] == "5"  # a whole number, not 5.0
    assert list(outcomes.columns) == ["Title", "Kind", "Count", "Note", "Sources", "Outcome id"]
    assert outcomes.iloc[0]["Kind"] == "Declaration"


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
