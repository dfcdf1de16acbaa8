"""An analyst preparing a briefing: from a power's name to its profile, on to an event's
record and back, then to a Central Asian state's profile; the link to the view; a phone."""

import re

from playwright.sync_api import Page, expect

from greatgame.server import wait_until_rendered

TOKYO = "2025-12-19-central-asia-japan-summit"
HEADLINE = "Japan first met the five Central Asian states' ministers together on 1 Mar 2019"


def shared_link(page: Page) -> str:
    return page.locator("[data-testid='stSidebar'] [data-testid='stCode'] code").inner_text()


def follow(page: Page, name: str, url: str, title: str) -> Page:
    """Click the link ``name`` written in a page's text; Streamlit opens it in a new tab
    (the page it was on stays open). That tab, once it shows ``title``."""
    with page.context.expect_page() as opened:
        page.get_by_role("link", name=name, exact=True).click()
    tab = opened.value
    tab.wait_for_url(re.compile(url), timeout=30_000)
    wait_until_rendered(tab)
    expect(tab.locator("h1")).to_have_text(title)
    return tab


def test_from_a_powers_name_to_its_profile_an_event_and_back(page: Page, app_url):
    page.goto(app_url)
    wait_until_rendered(page)
    page = follow(page, "Japan", r"/power\?power=JPN$", "Japan in Central Asia")
    expect(page.get_by_text(HEADLINE)).to_be_visible()
    # The comparison in the race, as text on the page.
    ranks = page.locator("[data-testid='stTable']").first
    expect(ranks.get_by_role("row").filter(has_text="Leaders' meetings held")).to_contain_text(
        "2 of 4"
    )
    # Its timeline drawn, a marker per event, and the map of its venues.
    timeline = page.locator(".js-plotly-plot").first
    expect(timeline.locator(".scatterlayer .trace .points path")).to_have_count(3)
    expect(page.locator("[data-testid='stDeckGlJsonChart'] canvas").first).to_be_visible()

    marker = timeline.locator(".scatterlayer .trace .points path").last
    marker.click(force=True)
    page.wait_for_url(re.compile(r"/event\?"), timeout=30_000)
    wait_until_rendered(page)
    assert "power=JPN" in page.url and "event=" in page.url
    expect(page.get_by_role("heading", name="Participants")).to_be_visible()
    page.go_back()
    wait_until_rendered(page)
    expect(page.locator("h1")).to_have_text("Japan in Central Asia")


def test_from_a_record_to_a_states_profile_and_its_link_round_trips(page: Page, app_url, browser):
    page.goto(f"{app_url}/event?event={TOKYO}")
    wait_until_rendered(page)
    page = follow(page, "Kazakhstan", r"/country\?country=KAZ", "Kazakhstan and the powers")
    expect(page.get_by_text("most often China (2)")).to_be_visible()
    link = shared_link(page).strip()
    assert link.startswith(app_url) and "country=KAZ" in link

    other = browser.new_context()  # a colleague's browser: no shared session
    shared = other.new_page()
    shared.goto(link)
    wait_until_rendered(shared)
    expect(shared.locator("h1")).to_have_text("Kazakhstan and the powers")
    assert shared_link(shared).strip() == link
    other.close()


def test_on_a_phone_the_profiles_fit_the_screen(browser, app_url):
    phone = browser.new_context(viewport={"width": 390, "height": 844})
    tab = phone.new_page()
    for path, title in (("power?power=JPN", "Japan in Central Asia"),
                        ("country?country=KAZ", "Kazakhstan and the powers")):  # fmt: skip
        tab.goto(f"{app_url}/{path}")
        wait_until_rendered(tab)
        tab.locator(".js-plotly-plot .main-svg").first.wait_for()
        expect(tab.locator("h1")).to_have_text(title)
        widths = tab.evaluate(
            "() => [document.documentElement.scrollWidth, document.body.scrollWidth,"
            " window.innerWidth]"
        )
        assert max(widths[:2]) <= widths[2], (path, widths)
    phone.close()
