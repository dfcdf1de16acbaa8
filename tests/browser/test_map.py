"""The Map page in a real browser: deck.gl draws the region, a toggle removes a layer, a
tooltip shows a title holding HTML as text, and no request leaves 127.0.0.1."""

import io
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import numpy as np
import pytest
from PIL import Image
from playwright.sync_api import Page

from greatgame import layers
from greatgame.data import load_dataset
from greatgame.filters import Filters, apply_filters
from greatgame.server import PHONE, choose, running_app, wait_until_rendered
from tests.conftest import copy_tiny, edit_cell

# The tiny fixture's only event in Astana (line 4 of events.csv), given a title that
# would run if a tooltip treated it as HTML.
HTML_TITLE = '<img src="x" onerror="document.title=1"> <b>SCO</b> summit'
ASTANA = (71.446, 51.18)
CHART = "[data-testid='stDeckGlJsonChart']"


class AppUrl(str):
    """The app's base URL, knowing the data folder it serves."""

    data_dir: Path


@pytest.fixture(scope="module")
def map_url(tmp_path_factory) -> AppUrl:
    data_dir = copy_tiny(tmp_path_factory.mktemp("map") / "data")
    edit_cell(data_dir / "events.csv", 2, "title", HTML_TITLE)
    with running_app(env={"GREATGAME_DATA_DIR": str(data_dir)}) as url:
        app_url = AppUrl(url)
        app_url.data_dir = data_dir
        yield app_url


def chart_pixels(page: Page) -> np.ndarray:
    """The chart as it looks on screen: height × width × RGB."""
    image = Image.open(io.BytesIO(page.locator(CHART).screenshot())).convert("RGB")
    return np.asarray(image).astype(int)


def near(color, tolerance=12):
    return lambda pixels: (np.abs(pixels - color[:3]) <= tolerance).all(axis=2)


def is_corridor_red(pixels):  # the Middle Corridor's #e41a1c
    r, g, b = pixels[..., 0], pixels[..., 1], pixels[..., 2]
    return (r > 170) & (g < 90) & (b < 90)


def count(page: Page, wanted) -> int:
    return int(wanted(chart_pixels(page)).sum())


def drawn(page: Page, wanted, at_least: int) -> int:
    """Wait until the chart shows at least so many wanted pixels; return the count."""
    found = 0
    for _ in range(40):
        found = count(page, wanted)
        if found >= at_least:
            break
        page.wait_for_timeout(500)
    return found


def screen_position(page: Page, lon_lat, view) -> tuple[float, float]:
    """Where a place is on the page at the map's first view (Web Mercator)."""
    box = page.locator(f"{CHART} canvas").last.bounding_box()
    x, y = layers._screen_point(list(lon_lat), view.zoom)
    centre_x, centre_y = layers._screen_point([view.longitude, view.latitude], view.zoom)
    return box["x"] + box["width"] / 2 + x - centre_x, box["y"] + box["height"] / 2 + y - centre_y


def first_view(data_dir, filters: Filters, screen: str):
    """The venues and arcs under these filters, and the view the page fits to them,
    computed as the page does."""
    data = apply_filters(load_dataset(data_dir), filters)
    venues, arcs = layers.venue_summary(data), layers.arc_summary(data)
    return venues, arcs, layers.fit_view(venues, arcs, layers.MapOptions(), screen)


def hover_tooltip(page: Page, point) -> str:
    page.mouse.move(*point)
    tooltip = page.locator(".deck-tooltip")
    tooltip.wait_for(state="visible", timeout=10_000)
    return tooltip.inner_text()


def test_the_map_draws_offline_toggles_and_shows_titles_as_text(page: Page, map_url):
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.on("websocket", lambda socket: requested.append(socket.url))
    page.goto(f"{map_url}/map?power=CHN")
    wait_until_rendered(page)
    page.locator(CHART).scroll_into_view_if_needed()
    _, _, view = first_view(map_url.data_dir, Filters(powers=("CHN",)), "desktop")

    # The five states are drawn in their own colour, and the Middle Corridor in red.
    assert drawn(page, near(layers.CENTRAL_ASIA_LAND), at_least=5000) >= 5000
    assert drawn(page, is_corridor_red, at_least=300) >= 300
    # The sea is deck.gl's own clear colour: one canvas, no base map drawn under it.
    assert count(page, near(layers.SEA, tolerance=4)) >= 5000
    assert page.locator(f"{CHART} canvas").count() == 1

    page.locator("[data-testid='stCheckbox']").filter(has_text="Middle Corridor").click()
    wait_until_rendered(page)
    page.wait_for_timeout(1000)
    assert count(page, is_corridor_red) < 20
    assert count(page, near(layers.CENTRAL_ASIA_LAND)) >= 5000

    # With the corridor's node rings gone, Astana's venue dot is the top object there.
    text = hover_tooltip(page, screen_position(page, ASTANA, view))
    tooltip = page.locator(".deck-tooltip")
    assert text.splitlines() == [
        "Astana",
        "1 event: Shanghai Cooperation Organisation 1",
        f"2024-07-04 {HTML_TITLE}",
    ]
    assert tooltip.locator("img, b").count() == 0
    assert page.title() != "1"

    outside = [url for url in requested if not is_local(url)]
    assert requested and not outside, outside


def test_setting_and_clearing_a_filter_redraws_the_same_map(page: Page, map_url):
    """The banner that names the filters above every page comes and goes with them; the
    page's elements keep their places, so the browser keeps its map (and its WebGL
    context, whose programs take seconds to build under software rendering) and only
    gives it new data."""
    page.goto(f"{map_url}/map")
    wait_until_rendered(page)
    page.locator(f"{CHART} canvas").evaluate("canvas => { canvas.dataset.first = 'yes'; }")
    choose(page, "Powers", "Japan")
    page.wait_for_function("() => location.search.includes('power=JPN')")
    wait_until_rendered(page)
    assert page.get_by_text("Powers: Japan").first.is_visible()  # the banner is there
    assert page.locator(f"{CHART} canvas[data-first='yes']").count() == 1
    page.locator("[data-testid='stSidebar'] [data-testid='stMultiSelect']").filter(
        has_text="Powers"
    ).get_by_role("button", name="Remove Japan").click()
    page.keyboard.press("Escape")
    page.wait_for_function("() => !location.search.includes('power=JPN')")
    wait_until_rendered(page)
    assert page.locator(f"{CHART} canvas[data-first='yes']").count() == 1


def is_local(url: str) -> bool:
    parts = urlsplit(url)
    # data: and blob: URLs are made in the page itself (the map style, web workers).
    return parts.scheme in {"data", "blob"} or parts.hostname == "127.0.0.1"


@pytest.mark.parametrize(
    ("query", "filters"),
    [
        ("power=JPN&from=2023-01-01", Filters(powers=("JPN",), date_from=date(2023, 1, 1))),
        ("power=CHN", Filters(powers=("CHN",))),
        # Unfiltered: from Washington to Tokyo, the widest the fixture spans.
        ("", Filters()),
    ],
)
def test_on_a_phone_the_first_view_shows_every_venue_and_arc_end(browser, map_url, query, filters):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    try:
        page.goto(f"{map_url}/map?{query}")
        wait_until_rendered(page)
        page.locator(CHART).scroll_into_view_if_needed()
        venues, arcs, view = first_view(map_url.data_dir, filters, "phone")
        box = page.locator(f"{CHART} canvas").last.bounding_box()
        assert box["width"] < 390
        page.wait_for_timeout(1500)
        inside = {"x": (box["x"] + 10, box["x"] + box["width"] - 10),
                  "y": (box["y"] + 10, box["y"] + box["height"] - 10)}  # fmt: skip
        for end in list(arcs["source"]) + list(arcs["target"]):
            x, y = screen_position(page, end, view)
            assert inside["x"][0] < x < inside["x"][1] and inside["y"][0] < y < inside["y"][1]
        for venue in venues.itertuples():
            x, y = screen_position(page, venue.position, view)
            assert inside["x"][0] < x < inside["x"][1], venue.place_name
            assert inside["y"][0] < y < inside["y"][1], venue.place_name
            assert hover_tooltip(page, (x, y)).splitlines()[0] == venue.place_name
    finally:
        context.close()


def test_on_a_phone_a_vertical_swipe_over_the_map_scrolls_the_page(browser, map_url):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    try:
        page.goto(f"{map_url}/map")
        wait_until_rendered(page)
        page.wait_for_timeout(1000)
        actions = page.evaluate(
            """() => [...document.querySelectorAll("[data-testid='stDeckGlJsonChart'] div")]
                 .filter(e => e.style.touchAction).map(e => getComputedStyle(e).touchAction)"""
        )
        assert actions == ["pan-y pinch-zoom"]  # deck.gl's own "none" would trap the swipe
    finally:
        context.close()
