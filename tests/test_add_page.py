"""The page "Add from an article" through the entrypoint, as AppTest runs it."""

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT

APP = str(ROOT / "app.py")
PAGE = "pages/add.py"
SEED = ROOT / "seeds" / "000_945f6f9da6b2f31e.txt"
PROBLEM_COLUMNS = ["file", "line", "column", "rule"]


@pytest.fixture
def app(tiny_dir, monkeypatch):
    monkeypatch.setenv("GREATGAME_DATA_DIR", str(tiny_dir))
    monkeypatch.delenv("GREATGAME_ALLOW_WRITE", raising=False)
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    return at.switch_page(PAGE).run()


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


def test_a_pasted_article_gives_draft_rows_with_their_evidence(app):
    at = paste(app, SEED.read_text(encoding="utf-8"))
    tables = editors(at)
    assert list(tables) == ["events", "participants", "pledges", "sources"]
    events = tables["events"]
    assert list(events["date_start"]) == ["2025-11-06", "2025-11-27", "2025-12-19"]
    assert list(events["power_id"]) == ["USA", "RUS", "JPN"]
    assert "Dec. 19–20 summit" in events["evidence"].iloc[2]
    pledge = tables["pledges"].iloc[0]
    assert (pledge["amount"], pledge["currency"], pledge["amount_usd"]) == (
        "3000000000000", "JPY", "19000000000",
    )  # fmt: skip
    # No URL yet: no source row, and validation says what is missing, line by line.
    assert tables["sources"].empty
    found = problems(at)
    summary = found[(found["file"] == "events.csv") & (found["column"] == "summary")]
    assert list(summary["line"]) == [2, 3, 4]
    assert "source_ids" in set(found["column"])
    download = at.get("download_button")[0]
    assert download.proto.disabled


def test_the_source_fields_become_a_source_row_cited_by_every_row(app):
    at = paste(app, SEED.read_text(encoding="utf-8"))
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
