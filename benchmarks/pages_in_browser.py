"""Each page in Chromium: seconds to settle and websocket bytes, at one data size.

    python benchmarks/pages_in_browser.py [--data DIR] [--runs N] [--pages a,b] [--json]

Serves the app on 127.0.0.1 (on the data in DIR, else the bundled data) and, RUNS times,
in a fresh browser session: opens the Overview, then moves to each page through the
sidebar as a reader does, timing from the click until the page has its title and is
idle (no placeholder, no running indicator), and counting the bytes the server sent
over the websocket meanwhile. On each page it then picks China in the power filter and
times the rerun the same way. The same is done for a bare two-page Streamlit app with
one Plotly chart, in the same run, so that every time can be read as a ratio to
Streamlit's own floor on this machine. Also: seconds from `streamlit run` to the
Overview's first chart (with the validated tables already in the cache), and the
server's resident memory after every page has been drawn.

Prints a Markdown table (or, with --json, the medians as JSON for benchmarks/server_side.py).
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

from greatgame.server import CHROMIUM, CHROMIUM_ARGS, IDLE, ROOT, choose, rss_mb, serving

BARE = Path(__file__).parent / "bare_app" / "app.py"
# The sidebar's link text and the page's path, for every page a reader reaches from it.
PAGES = {
    "Timeline": "timeline",
    "Map": "map",
    "Pledges": "pledges",
    "Who met whom": "who_met_whom",
    "Corridors": "corridors",
    "Power profile": "power",
    "Country profile": "country",
    "Data & downloads": "data",
    "About": "about",
    "Add from an article": "add",
}
TITLE = "[data-testid='stMainBlockContainer'] h1"
TIMEOUT_MS = 300_000


class Frames:
    """Bytes received over every websocket of one browser page, and when the last
    frame came."""

    def __init__(self, page) -> None:
        self.received = 0
        self.last = time.perf_counter()
        page.on("websocket", self._watch)

    def _watch(self, socket) -> None:
        socket.on("framereceived", self._count)

    def _count(self, payload: str | bytes) -> None:
        self.received += len(payload)
        self.last = time.perf_counter()


# Settled: no frame from the server and an idle page, answering at once, for this long.
QUIET_SECONDS = 0.6
POLL_MS = 40
BUSY_SECONDS = 0.1  # a page slower than this to answer is still drawing


def _settle(page, frames: Frames, started: float) -> float:
    """Seconds from ``started`` until the page last received or drew anything: the
    script's run may stream elements for a while after the title, and the browser draws
    them after they arrive, so "idle" alone is not enough."""
    busy = time.perf_counter()
    deadline = busy + TIMEOUT_MS / 1000
    while time.perf_counter() < deadline:
        asked = time.perf_counter()
        idle = page.evaluate(IDLE)
        answered = time.perf_counter()
        if not idle or answered - asked > BUSY_SECONDS:
            busy = answered
        busy = max(busy, frames.last)
        if answered - busy >= QUIET_SECONDS:
            return busy - started
        page.wait_for_timeout(POLL_MS)
    raise TimeoutError(f"the page did not settle within {TIMEOUT_MS / 1000:.0f} s")


def _open_from_sidebar(page, frames: Frames, link: str, path: str) -> tuple[float, int]:
    before = frames.received
    started = time.perf_counter()
    page.locator("[data-testid='stSidebarNavLink']").filter(has_text=link).first.click()
    page.wait_for_function(
        "(path) => location.pathname.endsWith('/' + path)", arg=path, timeout=TIMEOUT_MS
    )
    page.wait_for_selector(TITLE, timeout=TIMEOUT_MS)
    return _settle(page, frames, started), frames.received - before


def _filter_rerun(page, frames: Frames, label: str, option: str, begun: str):
    """Pick ``option`` in the filter ``label``, time the rerun, and remove it again.
    ``begun`` is a script, true once the rerun has begun and false after the removal."""
    before = frames.received
    started = time.perf_counter()
    choose(page, label, option)
    page.wait_for_function(begun, timeout=TIMEOUT_MS)
    seconds = _settle(page, frames, started)
    received = frames.received - before
    page.locator("[data-testid='stSidebar'] [data-testid='stMultiSelect']").filter(
        has_text=label
    ).get_by_role("button", name=f"Remove {option}").click()
    page.keyboard.press("Escape")  # close the menu the removal opens
    page.wait_for_function(f"() => !({begun})()", timeout=TIMEOUT_MS)
    _settle(page, frames, time.perf_counter())
    return seconds, received


# The app writes the filters to the URL during the run; the bare app's row count changes.
APP_RERUN_BEGUN = "() => location.search.includes('power=CHN')"
BARE_RERUN_BEGUN = """() => [...document.querySelectorAll("[data-testid='stMetricValue']")]
    .some(m => m.innerText.trim() !== '1704')"""


def _new_reader(browser, url: str):
    """A fresh session on the first page, settled: its context, page and frame counter."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    frames = Frames(page)
    page.goto(url)
    page.wait_for_selector(TITLE, timeout=TIMEOUT_MS)
    _settle(page, frames, time.perf_counter())
    return context, page, frames


def measure_app(browser, pages: dict[str, str], runs: int, data: Path | None) -> dict:
    """Per page: lists of (seconds, bytes) for arriving and for a filter change; and
    the server's memory after the last run, in MB."""
    env = {"GREATGAME_DATA_DIR": str(data)} if data else None
    arrive: dict[str, list] = {name: [] for name in pages}
    rerun: dict[str, list] = {name: [] for name in pages}
    with serving(ROOT / "app.py", env) as (url, process):
        for _ in range(runs):
            context, page, frames = _new_reader(browser, url)
            for link, path in pages.items():
                arrive[link].append(_open_from_sidebar(page, frames, link, path))
                rerun[link].append(_filter_rerun(page, frames, "Powers", "China", APP_RERUN_BEGUN))
            context.close()
        memory = rss_mb(process.pid)
    return {"arrive": arrive, "rerun": rerun, "memory_mb": memory}


def measure_bare(browser, runs: int) -> dict:
    arrive, rerun = [], []
    with serving(BARE) as (url, _):
        for _ in range(runs):
            context, page, frames = _new_reader(browser, url)
            rerun.append(_filter_rerun(page, frames, "Continent", "Asia", BARE_RERUN_BEGUN))
            _open_from_sidebar(page, frames, "Second", "second_page")
            # The floor for a page switch: arriving on a page with one Plotly chart.
            arrive.append(_open_from_sidebar(page, frames, "Chart", ""))
            context.close()
    return {"arrive": arrive, "rerun": rerun}


CHART = ".js-plotly-plot .scatterlayer .points path"


def cold_start(browser, data: Path | None) -> float:
    """Seconds from `streamlit run` to the Overview's first chart drawn; the data's
    validated tables are read from the cache if a load has put them there."""
    env = {"GREATGAME_DATA_DIR": str(data)} if data else None
    started = time.perf_counter()
    with serving(ROOT / "app.py", env) as (url, _):
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(url)
        page.wait_for_selector(CHART, timeout=TIMEOUT_MS)
        seconds = time.perf_counter() - started
        page.close()
    return seconds


def _median(pairs: list, index: int) -> float:
    return statistics.median(pair[index] for pair in pairs)


def summary(app: dict, bare: dict) -> dict:
    """Medians per page, and the bare app's floor they are divided by."""
    floor_arrive, floor_rerun = _median(bare["arrive"], 0), _median(bare["rerun"], 0)
    pages = {}
    for name in app["arrive"]:
        arrive, rerun = app["arrive"][name], app["rerun"][name]
        pages[name] = {
            "arrive_s": _median(arrive, 0),
            "arrive_kb": _median(arrive, 1) / 1000,
            "rerun_s": _median(rerun, 0),
            "rerun_kb": _median(rerun, 1) / 1000,
        }
    return {
        "pages": pages,
        "bare": {"arrive_s": floor_arrive, "rerun_s": floor_rerun},
        "memory_mb": app["memory_mb"],
    }


def render(result: dict, runs: int, label: str) -> str:
    bare = result["bare"]
    lines = [
        f"{label}: medians of {runs} run(s); ratio = seconds / the bare app's "
        f"({bare['arrive_s']:.2f} s to switch to its chart page, {bare['rerun_s']:.2f} s to rerun "
        "after a filter change, same run).",
        "",
        "| page | open from the sidebar, s | ratio | sent, KB | filter change, s | ratio "
        "| sent, KB |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for name, row in result["pages"].items():
        lines.append(
            f"| {name} | {row['arrive_s']:.2f} | {row['arrive_s'] / bare['arrive_s']:.1f}× "
            f"| {row['arrive_kb']:,.0f} | {row['rerun_s']:.2f} "
            f"| {row['rerun_s'] / bare['rerun_s']:.1f}× | {row['rerun_kb']:,.0f} |"
        )
    lines += [
        "",
        f"Cold start to the Overview's first chart, validated tables in the cache: "
        f"{result['cold_start_s']:.2f} s. Server memory after every page was drawn: "
        f"{result['memory_mb']:.0f} MB.",
    ]
    return "\n".join(lines)


def run(data: Path | None, runs: int, pages: dict[str, str]) -> dict:
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            bare = measure_bare(browser, runs)
            cold = statistics.median(cold_start(browser, data) for _ in range(runs))
            app = measure_app(browser, pages, runs, data)
        finally:
            browser.close()
    return summary(app, bare) | {"cold_start_s": cold}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, help="a data folder (default: the bundled data)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--pages", help="comma-separated sidebar names (default: every page)")
    parser.add_argument("--label", default="Bundled data")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    pages = PAGES
    if args.pages:
        pages = {name: PAGES[name] for name in args.pages.split(",")}
    result = run(args.data, args.runs, pages)
    print(json.dumps(result) if args.json else render(result, args.runs, args.label))


if __name__ == "__main__":
    main()
