"""Server-side cost of greatgame at 1×, 10×, 100× and 1000× today's data: one table.

    python benchmarks/server_side.py [--scales 1,10,100,1000] [--repeats 3]
        [--budget SECONDS] [--startup-runs N] [--browser SCALE:RUNS,...]
        [--out benchmarks/results.md]

For each scale, ``greatgame synth`` makes a synthetic dataset (kept in a work folder
and made again only when the real data change), and a fresh Python process times,
REPEATS times each: validation of every row, a load that misses the cache (validate,
type, store), a load that finds it, one filter, and building and serialising each
page's main figure as the page does. The same process reports its peak resident
memory, and the size of each figure's JSON (what Streamlit sends for it). The table
gives medians. A scale whose projected time would pass the budget is skipped, and the
table says so with the projection. With ``--startup-runs N`` the table also gets the
browser timings of ``benchmarks/startup.py`` and ``benchmarks/map_speed.py`` (N runs
each, against a bare Streamlit app);
with ``--browser 1:3,100:1``, the table of ``benchmarks/pages_in_browser.py`` (every
page's seconds to settle and websocket bytes, a cold start, server memory) on each
of those scales' data, its cache warmed first, for that many runs.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime
from functools import partial
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
WORK_ENV = "GREATGAME_BENCH_DIR"


def work_dir() -> Path:
    configured = os.environ.get(WORK_ENV)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(configured) if configured else Path(base) / "greatgame" / "bench"


# --- what is measured, in a process of its own -------------------------------------------------


def page_figures() -> dict[str, Callable]:
    """Each page's main figure as the page builds it: name -> function of a dataset
    returning the JSON text Streamlit sends."""
    import plotly.io as pio

    from greatgame import figures, layers

    def plotly(build: Callable) -> Callable:
        return lambda d: pio.to_json(build(d), validate=False)

    def map_deck(d) -> str:
        venues, arcs = layers.venue_summary(d), layers.arc_summary(d)
        shapes, options = layers.read_country_shapes(), layers.MapOptions()
        view = layers.fit_view(venues, arcs, options, "desktop")
        drawn = layers.map_layers(d, shapes, venues, arcs, options, view, "desktop")
        return layers.map_deck(drawn, view).to_json()

    return {
        "Overview: race chart": plotly(lambda d: figures.race_figure(d, figures.race_table(d, d))),
        "Timeline: lanes": plotly(figures.timeline_figure),
        "Pledges: by power": plotly(lambda d: figures.pledge_figure(d, "power")),
        "Who met whom: matrix": plotly(figures.meeting_matrix_figure),
        "Map: deck": map_deck,
    }


def _timed(work: Callable) -> tuple[float, object]:
    started = time.perf_counter()
    result = work()
    return time.perf_counter() - started, result


def measure(data_dir: Path, repeats: int) -> dict:
    """Medians of each step over ``repeats``, figure sizes and peak memory, as a dict."""
    from greatgame import cache
    from greatgame.data import load_dataset, validate_dir
    from greatgame.filters import Filters, apply_filters

    builders = page_figures()
    steps: dict[str, list[float]] = {}
    sizes: dict[str, int] = {}
    for _ in range(repeats):
        with tempfile.TemporaryDirectory() as cache_dir:
            os.environ[cache.CACHE_DIR_ENV] = cache_dir
            seconds, problems = _timed(lambda: validate_dir(data_dir))
            assert not problems, problems[:3]
            steps.setdefault("validate every row", []).append(seconds)
            seconds, dataset = _timed(lambda: load_dataset(data_dir))
            steps.setdefault("load, cache missed (validate + type + store)", []).append(seconds)
            seconds, dataset = _timed(lambda: load_dataset(data_dir))
            steps.setdefault("load, cache found", []).append(seconds)
        one_power = Filters(powers=(dataset.events["power_id"].mode().iloc[0],))
        seconds, _ = _timed(partial(apply_filters, dataset, one_power))
        steps.setdefault("filter to one power", []).append(seconds)
        for name, build in builders.items():
            seconds, text = _timed(partial(build, dataset))
            steps.setdefault(f"figure: {name}", []).append(seconds)
            sizes[name] = len(text)
    return {
        "events": len(dataset.events),
        "seconds": {step: statistics.median(values) for step, values in steps.items()},
        "figure_bytes": sizes,
        # ru_maxrss is in kilobytes on Linux.
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


# --- the runner --------------------------------------------------------------------------------


def synthetic_dir(source: Path, scale: int, work: Path) -> Path:
    """A synthetic dataset ``scale`` times ``source``, made once per version of it."""
    from greatgame.data import data_fingerprint

    out = work / f"scale-{scale}"
    stamp = work / f"scale-{scale}.source"
    made_from = json.dumps([str(source.resolve()), data_fingerprint(source)])
    if out.is_dir() and stamp.is_file() and stamp.read_text() == made_from:
        return out
    subprocess.run(["rm", "-rf", str(out)], check=True)
    work.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [sys.executable, "-m", "greatgame.cli", "--data", str(source), "synth",
         "--scale", str(scale), "--out", str(out)],
        check=True, stdout=subprocess.DEVNULL,
    )  # fmt: skip
    stamp.write_text(made_from)
    return out


def run_scale(data_dir: Path, repeats: int) -> dict:
    result = subprocess.run(
        [sys.executable, __file__, "--measure", str(data_dir), "--repeats", str(repeats)],
        check=True, capture_output=True, text=True,
    )  # fmt: skip
    return json.loads(result.stdout)


def warm_cache(data_dir: Path) -> None:
    """Validate and load once, so that the served app finds the tables in the cache."""
    subprocess.run(
        [sys.executable, "-m", "greatgame.cli", "validate", "--cache", str(data_dir)],
        check=True, stdout=subprocess.DEVNULL,
    )  # fmt: skip


def pages_table(data_dir: Path, runs: int, label: str) -> str:
    warm_cache(data_dir)
    result = subprocess.run(
        [sys.executable, str(HERE / "pages_in_browser.py"), "--data", str(data_dir),
         "--runs", str(runs), "--label", label],
        check=True, capture_output=True, text=True, cwd=ROOT,
    )  # fmt: skip
    return result.stdout.strip()


def script_table(script: str, runs: int) -> str:
    """The Markdown table a browser benchmark prints after RUNS runs."""
    result = subprocess.run(
        [sys.executable, str(HERE / script), str(runs)],
        check=True, capture_output=True, text=True, cwd=ROOT,
    )  # fmt: skip
    return result.stdout.strip()


def _seconds(value: float) -> str:
    return f"{value:.3f}" if value < 1 else f"{value:.2f}"


def render(
    results: dict[int, dict],
    skipped: dict[int, str],
    repeats: int,
    startup: str,
    pages: dict[int, str] | None = None,
    map_speed: str = "",
) -> str:
    scales = sorted(results)
    header = " | ".join(f"{s}× ({results[s]['events']:,} events)" for s in scales)
    lines = [
        "# greatgame benchmark results",
        "",
        f"{datetime.now():%Y-%m-%d %H:%M}, {platform.node()}: {platform.platform()}, "
        f"Python {platform.python_version()}, {os.cpu_count()} cores. "
        f"Medians of {repeats} run(s); synthetic data from `greatgame synth`.",
        "",
        "## Server side, seconds",
        "",
        f"| step | {header} |",
        "|---|" + "---:|" * len(scales),
    ]
    for step in results[scales[0]]["seconds"]:
        cells = " | ".join(_seconds(results[s]["seconds"][step]) for s in scales)
        lines.append(f"| {step} | {cells} |")
    cells = " | ".join(f"{results[s]['peak_rss_mb']:.0f}" for s in scales)
    lines += [f"| peak memory of the process, MB | {cells} |", ""]
    lines += ["## Figure JSON sent per page, KB", "", f"| figure | {header} |"]
    lines.append("|---|" + "---:|" * len(scales))
    for name in results[scales[0]]["figure_bytes"]:
        cells = " | ".join(f"{results[s]['figure_bytes'][name] / 1000:,.1f}" for s in scales)
        lines.append(f"| {name} | {cells} |")
    if skipped:
        lines += ["", "## Skipped", ""]
        lines += [f"- {scale}×: {why}" for scale, why in sorted(skipped.items())]
    if startup:
        lines += ["", "## Start, filter and page switch in Chromium (benchmarks/startup.py)", ""]
        lines.append(startup)
    if map_speed:
        lines += ["", "## The Map page in Chromium (benchmarks/map_speed.py)", "", map_speed]
    for scale, table in sorted((pages or {}).items()):
        lines += ["", f"## Every page in Chromium at {scale}× (benchmarks/pages_in_browser.py)"]
        lines += ["", table]
    return "\n".join(lines) + "\n"


def run(
    scales: list[int],
    repeats: int,
    out: Path,
    source: Path = ROOT / "data",
    work: Path | None = None,
    budget: float = float("inf"),
    startup_runs: int = 0,
    browser: dict[int, int] | None = None,
) -> str:
    """Measure every scale that fits the budget, write the Markdown table to ``out``
    and return it. ``browser`` maps scales to the number of runs of every page in
    Chromium on that scale's data (made even where the server side was skipped)."""
    work = work or work_dir()
    started = time.perf_counter()
    results: dict[int, dict] = {}
    skipped: dict[int, str] = {}
    last: tuple[int, float] | None = None  # the scale measured before, and its seconds
    for scale in sorted(scales):
        left = budget - (time.perf_counter() - started)
        projected = None if last is None else last[1] * scale / last[0]
        if projected is not None and projected > left:
            skipped[scale] = (
                f"projected {projected:.0f} s (synth and measure, linear from {last[0]}×), "
                f"more than the {max(left, 0):.0f} s left of the budget"
            )
            continue
        scale_started = time.perf_counter()
        results[scale] = run_scale(synthetic_dir(source, scale, work), repeats)
        last = (scale, time.perf_counter() - scale_started)
    startup = script_table("startup.py", startup_runs) if startup_runs else ""
    map_speed = script_table("map_speed.py", startup_runs) if startup_runs else ""
    pages = {
        scale: pages_table(
            synthetic_dir(source, scale, work), runs, f"Synthetic data, {scale}× today's"
        )
        for scale, runs in sorted((browser or {}).items())
    }
    table = render(results, skipped, repeats, startup, pages, map_speed)
    out.write_text(table, encoding="utf-8")
    return table


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", default="1,10,100,1000")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--budget", type=float, default=float("inf"), help="seconds")
    parser.add_argument("--startup-runs", type=int, default=0)
    parser.add_argument(
        "--browser", default="", help="every page in Chromium: SCALE:RUNS,... (e.g. 1:3,100:1)"
    )
    parser.add_argument("--out", type=Path, default=HERE / "results.md")
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.measure:
        print(json.dumps(measure(args.measure, args.repeats)))
        return
    scales = [int(s) for s in args.scales.split(",")]
    browser = {int(s): int(n) for s, n in (p.split(":") for p in args.browser.split(",") if p)}
    print(
        run(scales, args.repeats, args.out, budget=args.budget,
            startup_runs=args.startup_runs, browser=browser)
    )  # fmt: skip


if __name__ == "__main__":
    main()
