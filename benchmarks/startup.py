"""Startup and rerun times of greatgame against a bare Streamlit app, in one run.

    python benchmarks/startup.py [RUNS]

For each app, RUNS times: start `streamlit run`, open the first page in headless
Chromium and wait until its chart is drawn (cold start); then pick one value in a
sidebar filter and wait until the page shows the filtered figure (rerun); then move
to another page (page switch). Prints medians and the ratio greatgame / bare, as a
Markdown table for the README. Also times the imports each app needs.
"""

import statistics
import subprocess
import sys
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

from greatgame.server import CHROMIUM, CHROMIUM_ARGS, ROOT, choose, metric_value, running_app

CHART = ".js-plotly-plot .scatterlayer .points path"
BARE = Path(__file__).parent / "bare_app" / "app.py"


def measure(browser, script: Path, filter_label: str, option: str, metric: str, other: str):
    started = time.perf_counter()
    with running_app(script) as url:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(url)
        page.wait_for_selector(CHART, timeout=120_000)
        cold = time.perf_counter() - started
        before = metric_value(page, metric)
        clicked = time.perf_counter()
        choose(page, filter_label, option)
        page.wait_for_function(
            """([label, before]) => [...document.querySelectorAll("[data-testid='stMetric']")]
                .some(m => m.innerText.includes(label) && !m.innerText.includes(before))""",
            arg=[metric, before],
            timeout=60_000,
        )
        rerun = time.perf_counter() - clicked
        clicked = time.perf_counter()
        page.locator("[data-testid='stSidebarNavLink']").filter(has_text=other).click()
        page.wait_for_selector(f"h1:has-text('{other}')", timeout=60_000)
        switch = time.perf_counter() - clicked
        page.close()
    return cold, rerun, switch


def import_seconds(modules: str) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", f"import {modules}"], check=True)
    return time.perf_counter() - started


def main(runs: int) -> None:
    results = {"bare": [], "greatgame": []}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for _ in range(runs):
            results["bare"].append(measure(browser, BARE, "Continent", "Asia", "Rows", "Second"))
            results["greatgame"].append(
                measure(browser, ROOT / "app.py", "Powers", "Japan", "Events", "Timeline")
            )
        browser.close()
    imports = {
        "bare": statistics.median(
            import_seconds("streamlit, pandas, plotly, pydeck") for _ in range(runs)
        ),
        "greatgame": statistics.median(
            import_seconds("greatgame.ui, greatgame.figures, greatgame.layers") for _ in range(runs)
        ),
    }
    rows = [("cold start to first chart drawn", 0), ("rerun after a filter change", 1),
            ("switch to another page", 2)]  # fmt: skip
    print(f"Medians of {runs} runs, seconds.\n")
    print("| measure | bare Streamlit app | greatgame | ratio |")
    print("|---|---|---|---|")
    for name, index in rows:
        bare = statistics.median(r[index] for r in results["bare"])
        ours = statistics.median(r[index] for r in results["greatgame"])
        print(f"| {name} | {bare:.2f} | {ours:.2f} | {ours / bare:.1f}× |")
    bare, ours = imports["bare"], imports["greatgame"]
    print(f"| imports | {bare:.2f} | {ours:.2f} | {ours / bare:.1f}× |")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
