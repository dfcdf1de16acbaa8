"""How long the Map page takes to settle in a browser, against the floor of deck.gl.

    python benchmarks/map_speed.py [RUNS]

For greatgame on data/ and for a bare two-page app whose second page draws one minimal
pydeck chart (benchmarks/bare_map/app.py), both served at once and measured in turn,
RUNS times each, every time in a fresh browser context (a new reader: nothing cached):

- from the sidebar: open the first page, wait until it is idle, click "Map" in the
  sidebar; the time from the click until the deck has drawn its last frame and
  Streamlit is idle (the Map title and the deck's canvas there, no placeholder, no
  running indicator);
- fresh load: open /map itself; the time from the navigation's start to the same.

"Drawn" is read from WebGL: every draw call is counted and timed in the page, and the
deck has settled when no draw call came for a second. Prints medians as a Markdown
table, with the ratio to the bare app, the WebGL draw calls and the deck's JSON size.
"""

import statistics
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

from greatgame.server import CHROMIUM, CHROMIUM_ARGS, ROOT, running_app, wait_until_rendered

BARE = Path(__file__).parent / "bare_map" / "app.py"
CANVAS = "[data-testid='stDeckGlJsonChart'] canvas"
NAV_LINK = "[data-testid='stSidebarNavLink']"
QUIET_MS = 1000

# Counts and times every WebGL draw call and the last click, in the page's own clock.
DRAW_PROBE = """
(() => {
  window.__draws = 0; window.__lastDraw = 0; window.__clicked = 0;
  document.addEventListener("click", () => { window.__clicked = performance.now(); }, true);
  for (const proto of [WebGLRenderingContext.prototype, WebGL2RenderingContext.prototype]) {
    for (const name of ["drawArrays", "drawElements", "drawArraysInstanced",
                        "drawElementsInstanced", "drawRangeElements"]) {
      const original = proto[name];
      if (!original) continue;
      proto[name] = function (...args) {
        window.__draws += 1; window.__lastDraw = performance.now();
        return original.apply(this, args);
      };
    }
  }
})();
"""
# The Map page is there and Streamlit idle: the moment, in the page's clock.
MAP_IDLE = f"""() => {{
  const title = document.querySelector("[data-testid='stMainBlockContainer'] h1");
  const ready = title && title.innerText.startsWith("Map")
    && document.querySelector("{CANVAS}")
    && !document.querySelector("[data-testid='stSkeleton']")
    && !document.querySelector("[data-testid='stStatusWidget']")
    && window.__draws > 0;
  return ready ? performance.now() : false;
}}"""
QUIET = f"""() => window.__draws > 0 && performance.now() - window.__lastDraw > {QUIET_MS}
  && !document.querySelector("[data-testid='stStatusWidget']")"""


def settle(page) -> dict:
    """Wait until the Map page is idle and its deck quiet; its moments and draw calls."""
    idle_at = page.wait_for_function(MAP_IDLE, polling="raf", timeout=120_000).json_value()
    page.wait_for_function(QUIET, polling=100, timeout=120_000)
    return page.evaluate(
        "([idle]) => ({settled: Math.max(idle, window.__lastDraw), draws: window.__draws,"
        " clicked: window.__clicked})",
        [idle_at],
    )


def from_sidebar(browser, url: str) -> tuple[float, int]:
    """Seconds from clicking "Map" in the sidebar to the map settled; draw calls."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.add_init_script(DRAW_PROBE)
        page.goto(url)
        wait_until_rendered(page)
        page.wait_for_timeout(500)
        page.locator(NAV_LINK).filter(has_text="Map").click()
        moments = settle(page)
        return (moments["settled"] - moments["clicked"]) / 1000, moments["draws"]
    finally:
        context.close()


def fresh_load(browser, url: str) -> tuple[float, int]:
    """Seconds from opening /map to the map settled; draw calls."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.add_init_script(DRAW_PROBE)
        page.goto(f"{url}/map")
        moments = settle(page)
        return moments["settled"] / 1000, moments["draws"]
    finally:
        context.close()


def run(runs: int, app: Path = ROOT / "app.py") -> str:
    """The table of medians over ``runs``, bare app and ``app`` measured in turn."""
    results: dict[str, dict[str, list]] = {"bare": {}, "ours": {}}
    with running_app(BARE) as bare_url, running_app(app) as our_url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for url in (bare_url, our_url):  # warm both servers
            from_sidebar(browser, url)
        for _ in range(runs):
            for name, url in (("bare", bare_url), ("ours", our_url)):
                for measure in (from_sidebar, fresh_load):
                    results[name].setdefault(measure.__name__, []).append(measure(browser, url))
        browser.close()
    lines = [
        f"Medians of {runs} runs, seconds (1280 × 900, software WebGL).\n",
        "| Map page settled | bare app, one pydeck dot | greatgame | ratio "
        "| WebGL draw calls (bare, greatgame) |",
        "|---|---:|---:|---:|---:|",
    ]
    for measure, label in (("from_sidebar", "from the sidebar"), ("fresh_load", "fresh load")):
        bare = statistics.median(s for s, _ in results["bare"][measure])
        ours = statistics.median(s for s, _ in results["ours"][measure])
        draws = (statistics.median(d for _, d in results[k][measure]) for k in ("bare", "ours"))
        lines.append(
            f"| {label} | {bare:.2f} | {ours:.2f} | {ours / bare:.1f}× "
            f"| {', '.join(f'{d:.0f}' for d in draws)} |"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    print(run(int(sys.argv[1]) if len(sys.argv) > 1 else 5))
