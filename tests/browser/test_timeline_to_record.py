"""A reader clicks an event on the timeline and lands on its record."""

import re

from playwright.sync_api import Page, expect

from greatgame.server import wait_until_rendered

TITLES = {
    "2019-03-01-central-asia-japan-ministers": "Central Asia + Japan foreign ministers",
    "2023-05-18-china-central-asia-summit": "China–Central Asia summit",
    "2024-07-04-sco-summit": "SCO summit",
    "2024-08-09-central-asia-japan-summit": "Central Asia + Japan summit (cancelled)",
    "2025-11-06-c5-plus-1-summit": "C5+1 summit",
    "2025-12-19-central-asia-japan-summit": "Central Asia + Japan summit",
}


def test_clicking_a_timeline_marker_opens_its_record(page: Page, app_url):
    page.goto(f"{app_url}/timeline?power=USA")
    wait_until_rendered(page)
    marker = page.locator(".js-plotly-plot .scatterlayer .trace .points path").first
    marker.wait_for()
    marker.click(force=True)
    page.wait_for_url(re.compile(r"/event\?"), timeout=30_000)
    wait_until_rendered(page)
    assert "event=2025-11-06-c5-plus-1-summit" in page.url
    assert "power=USA" in page.url  # the filters come along
    expect(page.locator("h1")).to_have_text(TITLES["2025-11-06-c5-plus-1-summit"])
    expect(page.get_by_role("heading", name="Participants")).to_be_visible()
