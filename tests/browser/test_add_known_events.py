"""A maintainer pastes an article about events the data has, and opens their records."""

from playwright.sync_api import Page, expect

from greatgame.server import wait_until_rendered
from tests.conftest import ROOT

SEED = ROOT / "seeds" / "000_945f6f9da6b2f31e.txt"


def test_a_recorded_event_links_to_its_record_in_a_new_tab(page: Page, app_url):
    page.goto(f"{app_url}/add")
    wait_until_rendered(page)
    area = page.get_by_label("Paste the article")
    area.fill(SEED.read_text(encoding="utf-8"))
    area.press("Control+Enter")
    expect(page.get_by_text("Events in the article")).to_be_visible(timeout=60_000)
    recorded = page.get_by_role("listitem").filter(has_text="already recorded as")
    expect(recorded).to_have_count(2)
    expect(page.get_by_role("listitem").filter(has_text=": new")).to_have_count(1)
    with page.context.expect_page() as opened:
        recorded.filter(has_text="19–20 Dec 2025").get_by_role("link", name="open record").click()
    record = opened.value
    record.wait_for_load_state()
    wait_until_rendered(record)
    assert "event=2025-12-19-central-asia-japan-summit" in record.url
    expect(record.locator("h1")).to_have_text("Central Asia + Japan summit")
    # The draft stays where it was, in its own tab.
    expect(page.get_by_text("events (1)")).to_be_visible()
