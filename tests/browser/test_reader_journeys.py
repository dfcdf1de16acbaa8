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


def test_a_typed_date_range_applies_on_enter_and_on_tab(page: Page, app_url):
    page.goto(app_url)
    wait_until_rendered(page)
    start = page.get_by_role("textbox", name="From")
    start.fill("2025-01-01")
    start.press("Enter")  # nothing else clicked
    expect(page.locator("[data-testid='stMetric']").filter(has_text="Events")).to_contain_text("2")
    assert re.search(r"[?&]from=2025-01-01\b", page.url)

    end = page.get_by_role("textbox", name="To")
    end.fill("2025-11-30")
    end.press("Tab")
    expect(page.locator("[data-testid='stMetric']").filter(has_text="Events")).to_contain_text("1")
    assert re.search(r"[?&]to=2025-11-30\b", page.url)

    end.fill("30/11/2025")
    end.press("Enter")
    expect(page.locator("[data-testid='stSidebar']")).to_contain_text("'30/11/2025' is not a date")


def test_the_links_copy_button_is_reached_by_tab_without_a_mouse(page: Page, app_url):
    page.goto(app_url)
    wait_until_rendered(page)
    page.get_by_role("button", name="Reset filters").focus()
    reached = []
    for _ in range(6):
        page.keyboard.press("Tab")
        reached.append(page.evaluate("document.activeElement.getAttribute('aria-label')"))
        if reached[-1] == "Copy to clipboard":
            break
    assert reached[-1] == "Copy to clipboard", reached
    button = page.get_by_role("button", name="Copy to clipboard")
    assert button.evaluate("e => getComputedStyle(e).visibility") == "visible"
