"""At scale the Timeline counts events per power and period; a reader clicks a dot and
the filters narrow to its power and period, where each event is drawn again."""

import re
from datetime import date, timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Page, expect

from greatgame.cli import main as greatgame
from greatgame.server import running_app, wait_until_rendered

DOTS = ".js-plotly-plot .scatterlayer .trace .points path"


@pytest.fixture(scope="module")
def crowded_url(tmp_path_factory):
    """The app on synthetic data eight times today's size: past the marker limit."""
    data_dir = tmp_path_factory.mktemp("crowded") / "data"
    greatgame(["synth", "--scale", "8", "--out", str(data_dir)])
    with running_app(env={"GREATGAME_DATA_DIR": str(data_dir)}) as url:
        yield url


def test_clicking_a_dot_of_the_binned_timeline_narrows_the_filters_to_it(page: Page, crowded_url):
    page.goto(f"{crowded_url}/timeline")
    wait_until_rendered(page)
    expect(page.get_by_text("are too many to draw one by one")).to_be_visible()
    dot = page.locator(DOTS).first
    dot.wait_for()
    dot.click(force=True)
    page.wait_for_url(re.compile(r"power=.*from=.*to="), timeout=30_000)
    wait_until_rendered(page)
    query = parse_qs(urlsplit(page.url).query)
    assert len(query["power"]) == 1
    first, last = query["from"][0], query["to"][0]
    # One period: a whole month, or a whole year.
    start, end = date.fromisoformat(first), date.fromisoformat(last)
    whole_year = (start.month, start.day, end.month, end.day) == (1, 1, 12, 31)
    whole_month = (
        start.day == 1 and (end + timedelta(days=1)).day == 1 and (start.month == end.month)
    )
    assert start.year == end.year and (whole_year or whole_month)
    # Each event is a marker again, and the sidebar shows the narrowed filters.
    expect(page.get_by_text("Click a marker to open its record")).to_be_visible()
    assert (
        page.locator("[data-testid='stSidebar'] input[aria-label^='From']").input_value() == first
    )
    assert page.locator("[data-testid='stSidebar'] input[aria-label^='To']").input_value() == last
    assert page.locator(DOTS).count() >= 1
