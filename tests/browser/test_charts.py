"""Charts as a reader sees and saves them: text at WCAG AA contrast, measured from the
rendered page, and a saved image that carries its title, filters and source line."""

import re
from pathlib import Path
from xml.etree import ElementTree

from playwright.sync_api import Page, expect

from greatgame.server import wait_until_rendered

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"

# The colour a text is drawn in, with its opacity, as the page renders it: SVG text
# (plotly's ticks, lane names and notes) and HTML captions.
RENDERED_COLOURS = """(selector) => [...document.querySelectorAll(selector)]
  .filter(e => e.textContent.trim())
  .map(e => {
    const s = getComputedStyle(e);
    let opacity = 1;
    for (let n = e; n && n.nodeType === 1; n = n.parentElement) {
      opacity *= parseFloat(getComputedStyle(n).opacity || "1");
      const own = n.getAttribute && n.getAttribute("fill-opacity");
      if (own) opacity *= parseFloat(own);
    }
    return {text: e.textContent.trim(), colour: s.fill !== "none" && e.namespaceURI.endsWith("svg")
      ? s.fill : s.color, opacity};
  })"""


def luminance(rgb: tuple[float, float, float]) -> float:
    def channel(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_on_white(colour: str, opacity: float) -> float:
    values = [float(v) for v in re.findall(r"[\d.]+", colour)]
    alpha = (values[3] if len(values) == 4 else 1.0) * opacity
    # Text over white at an opacity is the colour mixed with white.
    mixed = tuple(alpha * c + (1 - alpha) * 255 for c in values[:3])
    return (1.05) / (luminance(mixed) + 0.05)


def test_chart_text_and_captions_meet_wcag_aa(page: Page, app_url):
    page.goto(f"{app_url}/timeline")
    wait_until_rendered(page)
    page.locator(".js-plotly-plot .main-svg").first.wait_for()
    texts = page.evaluate(RENDERED_COLOURS, ".js-plotly-plot text")
    texts += page.evaluate(RENDERED_COLOURS, "[data-testid='stCaptionContainer'] p")
    assert any(t["text"] == "Japan" for t in texts)  # a lane name
    assert any("Source: greatgame" in t["text"] for t in texts)
    low = [
        (t["text"][:40], round(contrast_on_white(t["colour"], t["opacity"]), 2))
        for t in texts
        if contrast_on_white(t["colour"], t["opacity"]) < 4.5
    ]
    assert not low, low


def test_a_saved_chart_carries_its_title_filters_and_source(page: Page, app_url):
    page.goto(f"{app_url}/pledges?power=JPN")
    wait_until_rendered(page)
    chart = page.locator(".js-plotly-plot").first
    chart.wait_for()
    # What the toolbar's download rasterises is the chart's own SVG: its text is here.
    drawn = " ".join(
        chart.locator(".main-svg text tspan, .main-svg text").evaluate_all(
            "nodes => nodes.map(n => n.textContent)"
        )
    )
    assert "Announced for Central Asia by power" in drawn
    assert "Filters: Powers: Japan." in drawn
    assert re.search(r"Source: greatgame, data version \S+, data through \d+ \w+ \d{4}\.", drawn)
    assert "Licence CC BY 4.0." in drawn

    chart.hover()
    download_button = chart.locator(".modebar-btn[data-title^='Download']")
    expect(download_button).to_have_count(1)  # the one toolbar stop
    with page.expect_download() as download_info:
        download_button.click()
    saved = download_info.value
    assert saved.suggested_filename == "greatgame-pledges_chart_power.png"
    assert Path(saved.path()).read_bytes()[:8] == PNG_SIGNATURE


def test_a_chart_saved_as_svg_is_svg_and_cites_its_source(page: Page, app_url):
    page.goto(f"{app_url}/pledges?power=JPN")
    wait_until_rendered(page)
    page.locator("[data-testid='stSidebar'] [data-testid='stRadio']").get_by_text(
        "SVG", exact=True
    ).click()
    wait_until_rendered(page)
    assert "chart_format" not in page.url  # a reader's setting, not part of the view
    chart = page.locator(".js-plotly-plot").first
    chart.hover()
    with page.expect_download() as download_info:
        chart.locator(".modebar-btn[data-title^='Download']").click()
    saved = download_info.value
    assert saved.suggested_filename == "greatgame-pledges_chart_power.svg"
    root = ElementTree.parse(saved.path()).getroot()  # well-formed XML
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    # The image's words, one per text line (plotly draws each line as a tspan).
    text = " ".join(t.strip() for t in root.itertext() if t.strip())
    assert "Filters: Powers: Japan." in text
    assert re.search(r"Source: greatgame, data version \S+, data through \d+ \w+ \d{4}\.", text)
    assert "Licence CC BY 4.0." in text
