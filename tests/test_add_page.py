"""The page "Add from an article" through the entrypoint, as AppTest runs it."""

from datetime import date

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT, read_rows, write_rows

APP = str(ROOT / "app.py")
PAGE = "pages/add.py"
SEED = ROOT / "seeds" / "000_945f6f9da6b2f31e.txt"
PROBLEM_COLUMNS = ["file", "line", "column", "rule"]
TOKYO_SUMMIT = "2025-12-19-central-asia-japan-summit"


def open_page(data_dir, monkeypatch):
    monkeypatch.setenv("GREATGAME_DATA_DIR", str(data_dir))
    monkeypatch.delenv("GREATGAME_ALLOW_WRITE", raising=False)
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    return at.switch_page(PAGE).run()


@pytest.fixture
def app(tiny_dir, monkeypatch):
    return open_page(tiny_dir, monkeypatch)


@pytest.fixture
def app_before_tokyo(tiny_dir, monkeypatch):
    """The page on the fixture without the Tokyo summit, which the seed article reports."""
    for table, column in [("events", "event_id"), ("participants", "event_id"),
                          ("pledges", "event_id"), ("outcomes", "event_id")]:  # fmt: skip
        path = tiny_dir / f"{table}.csv"
        rows = read_rows(path)
        header = list(rows[0])
        kept = [r for r in rows if r[column] != TOKYO_SUMMIT and r.get("part_of_pledge_id") != (
            "2025-12-19-japan-business-target")]  # fmt: skip
        write_rows(path, kept, header)
    return open_page(tiny_dir, monkeypatch)


def editors(at) -> dict:
    """The draft tables by name, as the page shows them."""
    return {
        element.key.split("_")[1]: element.value
        for element in at.dataframe
        if (element.key or "").startswith("draft_")
    }


def problems(at):
    """The table of validation problems (file, line, column, rule)."""
    return next(d.value for d in at.dataframe if list(d.value.columns) == PROBLEM_COLUMNS)


def paste(at, text):
    at.text_area(key="article_text").input(text).run()
    assert not at.exception
    return at


def test_without_an_article_the_page_says_what_to_do(app):
    assert not app.exception
    assert app.title[0].value == "Add from an article"
    assert any("Paste an article" in i.value for i in app.info)
    assert editors(app) == {}


def test_a_pasted_article_gives_draft_rows_with_their_evidence(app_before_tokyo):
    at = paste(app_before_tokyo, SEED.read_text(encoding="utf-8"))
    tables = editors(at)
    assert list(tables) == ["events", "participants", "pledges", "sources"]
    events = tables["events"]
    # The C5+1 summit of Nov. 6 is recorded: no row for it.
    assert list(events["date_start"]) == ["2025-11-27", "2025-12-19"]
    assert list(events["power_id"]) == ["RUS", "JPN"]
    assert "Dec. 19–20 summit" in events["evidence"].iloc[1]
    pledge = tables["pledges"].iloc[0]
    assert (pledge["amount"], pledge["currency"], pledge["amount_usd"]) == (
        "3000000000000", "JPY", "19000000000",
    )  # fmt: skip
    # No URL yet: no source row, and validation says what is missing, line by line.
    assert tables["sources"].empty
    found = problems(at)
    summary = found[(found["file"] == "events.csv") & (found["column"] == "summary")]
    assert list(summary["line"]) == [2, 3]
    assert "source_ids" in set(found["column"])
    download = at.get("download_button")[0]
    assert download.proto.disabled


def test_the_source_fields_become_a_source_row_cited_by_every_row(app_before_tokyo):
    at = paste(app_before_tokyo, SEED.read_text(encoding="utf-8"))
    at.text_input(key="article_url").input("https://example.org/japan-summit").run()
    at.text_input(key="article_publisher").input("Example News").run()
    tables = editors(at)
    [source] = tables["sources"].to_dict("records")
    assert source["url"] == "https://example.org/japan-summit"
    assert source["title"].startswith("Late to the table, Japan moves")
    assert set(tables["events"]["source_ids"]) == {source["source_id"]}
    assert tables["pledges"].iloc[0]["usd_basis"] == "as reported by Example News"
    assert "source_ids" not in set(problems(at)["column"])


def test_an_article_with_no_event_gives_empty_tables(app):
    at = paste(app, "Freight on the Middle Corridor grew again, operators said.")
    tables = editors(at)
    assert all(frame.empty for frame in tables.values())
    assert any("No rows to check yet" in i.value for i in at.info)


def test_appending_is_offered_only_where_the_app_may_write(tiny_dir, monkeypatch):
    monkeypatch.setenv("GREATGAME_DATA_DIR", str(tiny_dir))
    monkeypatch.setenv("GREATGAME_ALLOW_WRITE", "1")
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    at = paste(at.switch_page(PAGE).run(), SEED.read_text(encoding="utf-8"))
    append = at.button(key="draft_append")
    assert append.disabled  # the rows do not pass validation yet
    assert not any("Appending from the app is off" in c.value for c in at.caption)


# --- known versus new, and an empty result ---------------------------------------------------


def event_lines(at) -> list[str]:
    """The list under "Events in the article", one markdown line per candidate."""
    return [m.value for m in at.markdown if m.value.startswith("- **")]


def test_recorded_events_link_to_their_record_and_get_no_rows(app):
    at = paste(app, SEED.read_text(encoding="utf-8"))
    c5, csto, tokyo = event_lines(at)
    assert "already recorded as *C5\\+1 summit*" in c5
    assert "[open record](event?event=2025-11-06-c5-plus-1-summit)" in c5
    assert csto.endswith(": new") and "Collective Security Treaty Organization" in csto
    assert f"[open record](event?event={TOKYO_SUMMIT})" in tokyo
    assert any("2 of 3 event(s) already recorded" in c.value for c in at.caption)
    tables = editors(at)
    # Only the CSTO summit is new; every Tokyo participant and the 3 trillion yen
    # target are in the fixture already.
    assert list(tables["events"]["date_start"]) == ["2025-11-27"]
    assert TOKYO_SUMMIT not in set(tables["participants"]["event_id"])
    assert "JPY" not in set(tables["pledges"]["currency"])
    assert not at.warning


def test_a_recorded_event_says_when_the_article_is_not_among_its_sources(app):
    at = paste(app, SEED.read_text(encoding="utf-8"))
    at.text_input(key="article_url").input("https://example.org/japan-summit").run()
    tokyo = event_lines(at)[2]
    assert "is not yet among its sources" in tokyo
    # A source the record cites already is not news.
    at.text_input(key="article_url").input("https://example.org/c").run()
    assert "among its sources" not in event_lines(at)[2]


# Xi opened the second China–Central Asia summit in Astana on 17 June 2025.
YEARLESS = "ASTANA, June 17 — Xi Jinping opened a summit with Central Asian leaders in Astana."


def test_no_dated_event_lists_the_dates_seen_and_asks_for_the_publication_date(app):
    at = paste(app, YEARLESS + " The leaders met again on Tuesday.")
    [warning] = at.warning
    assert warning.value.startswith("No dated event found in this article.")
    assert "“June 17” (year unknown)" in warning.value
    assert "“Tuesday” (a weekday)" in warning.value
    assert any("Set **Published**" in m.value for m in at.markdown)
    at.date_input(key="article_published").set_value(date(2025, 6, 18)).run()
    assert not at.warning
    [line] = event_lines(at)
    assert line.startswith("- **17 Jun 2025") and line.endswith(": new")
    assert list(editors(at)["events"]["date_start"]) == ["2025-06-17"]


def test_dates_without_a_meeting_say_so(app):
    at = paste(app, "Kazakhstan's grain exports rose on 3 March 2025, the ministry said.")
    [warning] = at.warning
    assert "Dates seen: “3 March 2025” (2025-03-03)." in warning.value
    helps = " ".join(m.value for m in at.markdown)
    assert "No sentence with one of these dates names a meeting" in helps
    assert "Set **Published**" not in helps


def test_no_date_at_all_says_a_day_is_needed(app):
    at = paste(app, "Freight on the Middle Corridor grew again in June 2025, operators said.")
    [warning] = at.warning
    assert "no day-precise date" in warning.value
    assert any("Set **Published**" in m.value for m in at.markdown)
