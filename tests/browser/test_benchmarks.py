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


def test_map_speed_benchmark_runs_once_and_prints_its_table(chromium_path):
    table = _run("map_speed.py", "1")
    assert "| from the sidebar |" in table
    assert "| fresh load |" in table
