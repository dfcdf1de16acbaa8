"""The browser benchmarks run once each, so that none rots; no timing is asserted.
Each runs as its own process, as `make bench` runs it (the suite's Chromium session
holds Playwright's event loop in this one)."""

import subprocess
import sys

from tests.conftest import ROOT


def _run(script: str, *args: str) -> str:
    result = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / script), *args],
        capture_output=True, text=True, timeout=600, cwd=ROOT,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


def test_startup_benchmark_runs_once_and_prints_its_table(chromium_path):
    table = _run("startup.py", "1")
    for row in ("cold start to first chart drawn", "rerun after a filter change",
                "switch to another page", "imports"):  # fmt: skip
        assert f"| {row} |" in table


def test_map_payload_benchmark_runs_once_and_prints_its_table(chromium_path):
    table = _run("map_payload.py")
    assert "| first visit to /map, every websocket frame |" in table
    assert "| deck JSON: the whole deck |" in table


def test_pages_benchmark_runs_once_and_prints_seconds_and_bytes_per_page(chromium_path):
    table = _run("pages_in_browser.py", "--runs", "1", "--pages", "Timeline,Pledges")
    rows = {
        line.split("|")[1].strip(): line for line in table.splitlines() if line.startswith("| ")
    }
    assert set(rows) >= {"page", "Timeline", "Pledges"}
    for name in ("Timeline", "Pledges"):
        cells = [c.strip().removesuffix("×") for c in rows[name].strip("|").split("|")[1:]]
        assert all(float(c.replace(",", "")) > 0 for c in cells), rows[name]
    assert "Cold start to the Overview's first chart" in table
    assert "Server memory after every page was drawn" in table


def test_map_speed_benchmark_runs_once_and_prints_its_table(chromium_path):
    table = _run("map_speed.py", "1")
    assert "| from the sidebar |" in table
    assert "| fresh load |" in table
