"""A crowd of readers on a freshly started server, with and without a hostile article.

    python benchmarks/load.py [ROUNDS] [READERS]

Loopback only, bounded in count and time. Each round starts a fresh `streamlit run`
on 127.0.0.1 and then, in headless Chromium (one browser, a context per reader, so a
session per reader):

1. READERS first visits at the same moment, each to a different page or filter;
2. the same again while one more reader pastes a hostile article (a line that took
   38 s before the extractor's patterns were made linear, then 1.4 MB of one-letter
   words, the slowest input found for the linear patterns) into "Add from an article";
   the health endpoint is polled in both.

Prints, as Markdown for the README: exceptions shown to readers (must be 0), time to
idle per page (median and max over rounds), what the hostile reader was told and
when, the slowest health answer in each phase, and the server's memory (its own process,
and the extraction workers beside it) before and after.
"""

from __future__ import annotations

import asyncio
import contextlib
import statistics
import sys
import threading
import time
import urllib.request
from pathlib import Path

from playwright.async_api import async_playwright

from greatgame.server import CHROMIUM, CHROMIUM_ARGS, READER_PATHS, rss_mb, serving, visit

HOSTILE = "On Dec. 19, 2025 " + "Athe" * 26 + " x summit.\n" + "A " * 700_000
TOTAL_SECONDS = 900  # the whole benchmark stops here, whatever is left


def descendants(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        for child in (task / "children").read_text().split():
            found += [int(child), *descendants(int(child))]
    return found


def memory(pid: int) -> tuple[float, float]:
    """Resident MB of the server's own process, and of every process it started."""
    others = 0.0
    for child in descendants(pid):
        with contextlib.suppress(FileNotFoundError):  # a worker that has just ended
            others += rss_mb(child)
    return rss_mb(pid), others


class HealthProbe(threading.Thread):
    """Asks the health endpoint every 0.2 s and keeps the slowest answer."""

    def __init__(self, url: str):
        super().__init__(daemon=True)
        self.url, self.slowest, self.stop = url, 0.0, threading.Event()

    def run(self) -> None:
        while not self.stop.is_set():
            start = time.perf_counter()
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=60) as r:
                    r.read()
            except OSError:
                pass
            self.slowest = max(self.slowest, time.perf_counter() - start)
            self.stop.wait(0.2)


async def hostile_reader(browser, url: str) -> tuple[str, float]:
    """Paste the hostile article on the page "Add from an article"; return what the
    page said and the seconds until it said it."""
    context = await browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = await context.new_page()
        await page.goto(f"{url}/add", timeout=120_000)
        box = page.locator("textarea")
        await box.wait_for(timeout=120_000)
        await box.fill(HOSTILE)
        start = time.perf_counter()
        await box.press("Control+Enter")
        answer = page.locator(
            "[data-testid='stAlert']:has-text('took longer'), "
            "[data-testid='stAlert']:has-text('at most'), "
            "h3:has-text('events ('), [data-testid='stException']"
        ).first
        await answer.wait_for(timeout=180_000)
        return (await answer.inner_text()).splitlines()[0][:90], time.perf_counter() - start
    finally:
        await context.close()


async def crowd_round(url: str, readers: int, hostile: bool):
    urls = [f"{url}/{READER_PATHS[i % len(READER_PATHS)]}" for i in range(readers)]
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            if not hostile:
                return await asyncio.gather(*(visit(browser, u) for u in urls)), None
            attack = asyncio.create_task(hostile_reader(browser, url))
            await asyncio.sleep(3)  # the article is pasted and being read
            visits = await asyncio.gather(*(visit(browser, u) for u in urls))
            return visits, await attack
        finally:
            await browser.close()


def main(rounds: int, readers: int) -> None:
    deadline = time.monotonic() + TOTAL_SECONDS
    times: dict[tuple[str, bool], list[float]] = {}
    errors: list[str] = []
    told, slowest_health, memories = [], [], []
    for round_ in range(rounds):
        if time.monotonic() > deadline:
            print(f"stopped after {round_} round(s): time is up", file=sys.stderr)
            break
        with serving() as (url, server):
            before = memory(server.pid)
            for hostile in (False, True):
                probe = HealthProbe(url)
                probe.start()
                visits, attack = asyncio.run(crowd_round(url, readers, hostile))
                probe.stop.set()
                probe.join()
                for v in visits:
                    page = v.url.removeprefix(url + "/")
                    times.setdefault((page, hostile), []).append(v.seconds)
                    errors += [f"{page}: {e.splitlines()[0][:80]}" for e in v.errors]
                slowest_health.append((hostile, probe.slowest))
                if hostile:
                    told.append(attack)
            memories.append((before, memory(server.pid)))
        print(f"round {round_ + 1} done", file=sys.stderr)

    print(f"\n{len(memories)} round(s), {readers} concurrent first visits each, a fresh server "
          "each round.\n")  # fmt: skip
    print(f"Exceptions shown to readers: {len(errors)}")
    for error in errors:
        print(f"- {error}")
    print("\n| page | idle, alone: median / max (s) | idle, beside a hostile paste (s) |")
    print("|---|---|---|")
    for page in dict.fromkeys(p for p, _ in times):
        cells = []
        for hostile in (False, True):
            values = times.get((page, hostile), [])
            cells.append(f"{statistics.median(values):.1f} / {max(values):.1f}" if values else "-")
        print(f"| {page} | {cells[0]} | {cells[1]} |")
    for message, seconds in told:
        print(f"\nHostile reader ({len(HOSTILE):,} characters) told after {seconds:.1f} s: "
              f'"{message}"')  # fmt: skip
    for hostile, label in ((False, "during the crowd alone"), (True, "beside the hostile paste")):
        answers = [seconds for h, seconds in slowest_health if h == hostile]
        if answers:
            print(f"Slowest health answer {label}: {max(answers):.2f} s")
    for (main_before, others_before), (main_after, others_after) in memories:
        print(
            f"Server memory: {main_before:.0f} MB before, {main_after:.0f} MB after "
            f"(processes beside it: {others_before:.0f} MB, then {others_after:.0f} MB)"
        )


if __name__ == "__main__":
    main(
        int(sys.argv[1]) if len(sys.argv) > 1 else 2,
        int(sys.argv[2]) if len(sys.argv) > 2 else 10,
    )
