"""Start ``streamlit run app.py`` on a free local port, and drive it in a browser as a
reader does.

Used by the browser tests, the screenshot script and the benchmarks, so that each
starts and drives the app the same way.
"""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
# Flags known to let Debian's Chromium run headless here without reaching the network.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


# A phone as the browser presents it: its width, and the user agent by which the app
# knows to fit the map to a phone's screen.
PHONE = {
    "viewport": {"width": 390, "height": 844},
    "user_agent": (
        "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
        "Chrome/130.0.0.0 Mobile Safari/537.36"
    ),
}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_healthy(url: str, timeout: float = 60.0) -> float:
    """Poll the health endpoint until it answers ``ok``; return the seconds waited."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1) as response:
                if response.read().strip() == b"ok":
                    return time.perf_counter() - start
        except OSError:
            time.sleep(0.1)
    raise TimeoutError(f"{url} did not answer within {timeout} s")


@contextmanager
def running_app(
    script: Path | str = ROOT / "app.py", env: dict[str, str] | None = None
) -> Iterator[str]:
    """Serve ``script`` on 127.0.0.1 and yield its base URL; stop it afterwards."""
    with serving(script, env) as (url, _):
        yield url


@contextmanager
def serving(
    script: Path | str = ROOT / "app.py", env: dict[str, str] | None = None
) -> Iterator[tuple[str, subprocess.Popen]]:
    """:func:`running_app`, yielding the server's process too (to read its memory)."""
    port = free_port()
    command = [
        sys.executable, "-m", "streamlit", "run", str(script),
        "--server.headless", "true",
        "--server.address", "127.0.0.1",
        "--server.port", str(port),
        "--browser.gatherUsageStats", "false",
    ]  # fmt: skip
    process = subprocess.Popen(
        command,
        cwd=Path(script).parent,
        env={**os.environ, **(env or {})},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(url)
        yield url, process
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


def rss_mb(pid: int) -> float:
    """Resident memory of a process, in MB (Linux)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


# Every page opens with a title and the sidebar filters; until both are there, the first
# run (or the rerun that takes a deep link through app.py) is not over. Then no
# placeholder and no "running" indicator may be left.
TITLE = "[data-testid='stMainBlockContainer'] h1"
FILTERS = "[data-testid='stSidebar'] [data-testid='stMultiSelect']"
SKELETON = "[data-testid='stSkeleton']"
RUNNING = "[data-testid='stStatusWidget']"
IDLE = f'() => !document.querySelector("{SKELETON}") && !document.querySelector("{RUNNING}")'

EXCEPTION = "[data-testid='stException']"


def wait_until_rendered(page, timeout_ms: int = 60_000) -> None:
    """Wait until a Playwright page's script run is over and no placeholder is left."""
    page.wait_for_selector(TITLE, timeout=timeout_ms)
    page.wait_for_selector(FILTERS)
    page.wait_for_function(IDLE, timeout=timeout_ms)
    page.wait_for_timeout(300)


# A crowd of first readers: different pages, with and without filters, as a shared link
# and its neighbours.
READER_PATHS = [
    "overview", "timeline", "map", "pledges", "who_met_whom", "data", "about", "add",
    "timeline?power=JPN", "pledges?country=KAZ&level=leaders",
]  # fmt: skip


@dataclass(frozen=True)
class Visit:
    """What one reader saw: the page, seconds until it was idle, errors shown."""

    url: str
    seconds: float
    errors: list[str]


async def visit(browser, url: str, timeout_ms: int = 120_000) -> Visit:
    """Open ``url`` in a fresh browser context (a new reader, a new session) with
    Playwright's async API; wait until the page is idle, as :func:`wait_until_rendered`.
    Errors are exception boxes on the page, or a timeout."""
    from playwright.async_api import TimeoutError as PlaywrightTimeout

    context = await browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = await context.new_page()
        start = time.perf_counter()
        await page.goto(url)
        try:
            await page.wait_for_selector(f"{TITLE}, {EXCEPTION}", timeout=timeout_ms)
            await page.wait_for_function(IDLE, timeout=timeout_ms)
        except PlaywrightTimeout:
            left = [f"{name} {await page.locator(selector).count()}"
                    for name, selector in (("title", TITLE), ("skeleton", SKELETON),
                                           ("running", RUNNING))]  # fmt: skip
            message = f"not idle after {timeout_ms / 1000:.0f} s ({', '.join(left)})"
            return Visit(url, time.perf_counter() - start, [message])
        seconds = time.perf_counter() - start
        await page.wait_for_timeout(300)
        errors = await page.locator(EXCEPTION).all_inner_texts()
        return Visit(url, seconds, errors)
    finally:
        await context.close()


async def crowd(url_list: list[str]) -> list[Visit]:
    """Every URL opened at the same moment, each by a reader of its own."""
    from playwright.async_api import async_playwright

    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            return list(await asyncio.gather(*(visit(browser, url) for url in url_list)))
        finally:
            await browser.close()


def metric_value(page, label: str) -> str:
    """The value shown in the metric tile with this label."""
    tile = page.locator("[data-testid='stMetric']").filter(has_text=label)
    return tile.locator("[data-testid='stMetricValue']").inner_text()


def choose(page, label: str, option: str) -> None:
    """Pick an option in a sidebar multiselect, as a person does: click, type, click
    the option, close the list. (Enter alone is not enough: the list stays open after
    it, and the next key or click can pick the option that moved under the cursor.)"""
    box = page.locator("[data-testid='stSidebar'] [data-testid='stMultiSelect']").filter(
        has_text=label
    )
    box.locator("input").click()
    page.keyboard.type(option)
    page.get_by_role("option", name=option, exact=True).click()
    page.keyboard.press("Escape")
