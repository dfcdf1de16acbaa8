"""What a reader does in a browser: open, filter, read the figures, download."""

import csv
import io
import re
from pathlib import Path

from playwright.sync_api import Page, expect

from greatgame.server import choose, metric_value, wait_until_rendered


def test_open_filter_and_download_a_csv(page: Page, app_url):
    page.goto(app_url)
    wait_until_rendered(page)
    assert metric_value(page, "Events") == "6"

    choose(page, "Powers", "Japan")
    wait_until_rendered(page)
    expect(page.locator("[data-testid='stMetric']").filter(has_text="Events")).to_contain_text("3")
    assert re.search(r"[?&]power=JPN\b", page.url)

    page.get_by_role("link", name="Data & downloads").click()
    wait_until_rendered(page)
    assert "power=JPN" in page.url  # the filters travel with the reader
    with page.expect_download() as download_info:
        page.get_by_role("button", name=re.compile(r"Download events\.csv")).click()
    download = download_info.value
    assert download.suggested_filename == "events.csv"
    rows = list(csv.DictReader(io.StringIO(Path(download.path()).read_text(encoding="utf-8"))))
    assert len(rows) == 3
    assert {r["power_name"] for r in rows} == {"Japan"}


def test_a_shared_link_opens_the_same_view(page: Page, app_url):
    page.goto(f"{app_url}/data?power=CHN&to=2023-12-31")
    wait_until_rendered(page)
    expect(page.get_by_role("button", name="Download events.csv (1 rows)")).to_be_visible()
    assert "power=CHN" in page.url and "to=2023-12-31" in page.url
