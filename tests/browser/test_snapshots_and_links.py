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


def shared_link(page: Page) -> str:
    return page.locator("[data-testid='stSidebar'] [data-testid='stCode'] code").inner_text()


def test_the_link_to_the_view_keeps_the_maps_layers_and_the_pledge_grouping(
    page: Page, app_url, browser
):
    page.goto(f"{app_url}/map?power=JPN")
    wait_until_rendered(page)
    page.locator("[data-testid='stCheckbox']").filter(has_text="Arcs from capitals").click()
    wait_until_rendered(page)
    expect(page.locator("[data-testid='stSidebar'] [data-testid='stCode'] code")).to_contain_text(
        "map_arcs=false"
    )
    link = shared_link(page).strip()
    assert "power=JPN" in link

    other = browser.new_context()
    shared = other.new_page()
    shared.goto(link)
    wait_until_rendered(shared)
    arcs = shared.get_by_role("switch", name="Arcs from capitals")
    expect(arcs).not_to_be_checked()
    expect(shared.get_by_role("switch", name="Venues")).to_be_checked()

    shared.get_by_role("link", name="Pledges").click()
    wait_until_rendered(shared)
    shared.get_by_role("radio", name="sector").click()
    wait_until_rendered(shared)
    expect(shared.locator("[data-testid='stSidebar'] [data-testid='stCode'] code")).to_contain_text(
        "pledges_by=sector"
    )
    again = browser.new_context().new_page()
    again.goto(shared_link(shared).strip())
    wait_until_rendered(again)
    expect(again.get_by_role("radio", name="sector")).to_be_checked()
    again.context.close()
    other.close()
