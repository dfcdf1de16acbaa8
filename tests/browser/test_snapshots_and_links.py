"""What a researcher downloads and what a journalist shares, in a real browser."""

import subprocess
import sys
from pathlib import Path

from playwright.sync_api import Page, expect

from greatgame.server import wait_until_rendered
from tests.test_export import members


def test_the_apps_snapshot_matches_the_cli_export(page: Page, app_url, app_data_dir, tmp_path):
    page.goto(f"{app_url}/data?power=JPN&level=leaders")
    wait_until_rendered(page)
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download snapshot").click()
    from_app = members(Path(download_info.value.path()).read_bytes())

    out = tmp_path / "cli.zip"
    subprocess.run(
        [sys.executable, "-m", "greatgame.cli", "--data", str(app_data_dir), "export",
         "--power", "JPN", "--level", "leaders", "--out", str(out)],
        check=True, capture_output=True,
    )  # fmt: skip
    from_cli = members(out.read_bytes())
    manifest = from_app.pop("README.md").decode()
    from_cli.pop("README.md")
    assert from_app == from_cli  # every table and the descriptor, byte for byte
    assert f"This view: {app_url}/data?power=JPN&level=leaders" in manifest


def test_a_shared_link_shows_the_same_rows_as_the_page_that_made_it(page: Page, app_url, browser):
    page.goto(f"{app_url}/data?country=TKM&from=2024-01-01")
    wait_until_rendered(page)
    label = page.get_by_role("button", name="Download events.csv").inner_text()
    link = page.locator("[data-testid='stSidebar'] [data-testid='stCode'] code").inner_text()
    assert link.startswith(app_url) and "country=TKM" in link

    other = browser.new_context()  # a colleague's browser: no shared session
    shared = other.new_page()
    shared.goto(link.strip())
    wait_until_rendered(shared)
    expect(shared.get_by_role("button", name="Download events.csv")).to_have_text(label)
    other.close()
