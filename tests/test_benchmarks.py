"""The server-side benchmark runs end to end at a tiny scale and writes its table.
Speed itself is measured by `make bench`, never asserted here."""

from benchmarks import server_side


def test_runner_writes_one_table_with_every_step_scale_and_figure(tiny_dir, tmp_path):
    out = tmp_path / "results.md"
    table = server_side.run([1, 2], repeats=1, out=out, source=tiny_dir, work=tmp_path / "work")
    assert out.read_text(encoding="utf-8") == table
    events = len((tiny_dir / "events.csv").read_text().splitlines()) - 1
    assert f"| 1× ({events:,} events) | 2× ({2 * events:,} events) |" in table
    steps = ["validate every row", "load, cache missed", "load, cache found", "filter to one power"]
    for row in steps + [f"figure: {name}" for name in server_side.page_figures()]:
        assert f"| {row}" in table
    for name in server_side.page_figures():
        sizes = next(line for line in table.splitlines() if line.startswith(f"| {name} |"))
        assert all(float(cell.replace(",", "")) > 0 for cell in sizes.strip("|").split("|")[1:])
    assert "| peak memory of the process, MB |" in table
    assert "Skipped" not in table


def test_a_scale_past_the_budget_is_skipped_with_a_note(tiny_dir, tmp_path):
    table = server_side.run(
        [1, 1000], repeats=1, out=tmp_path / "r.md", source=tiny_dir, work=tmp_path / "work",
        budget=0.0,
    )  # fmt: skip
    assert "| 1× (" in table
    assert "1000× (" not in table
    assert "- 1000×: projected" in table
    assert not (tmp_path / "work" / "scale-1000").exists()


def test_synthetic_data_is_made_once_per_version_of_the_source(tiny_dir, tmp_path):
    work = tmp_path / "work"
    made = server_side.synthetic_dir(tiny_dir, 2, work)
    marker = made / "events.csv"
    first = marker.stat().st_mtime_ns
    assert server_side.synthetic_dir(tiny_dir, 2, work) == made
    assert marker.stat().st_mtime_ns == first
    (tiny_dir / "events.csv").touch()  # a new modification time: a new version
    server_side.synthetic_dir(tiny_dir, 2, work)
    assert marker.stat().st_mtime_ns != first


def test_replica_benchmark_runs_once_and_says_how_many_readers_it_held():
    import subprocess
    import sys

    from tests.conftest import ROOT

    result = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "replica.py"), "--sessions", "1,2",
         "--limit", "600"],
        capture_output=True, text=True, timeout=600, cwd=ROOT,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]
    rows = [line for line in result.stdout.splitlines() if line.startswith("| ")]
    assert [r.split("|")[1].strip() for r in rows[1:]] == ["1", "2"]
    assert "Readers held with every rerun within 600 s: 2." in result.stdout
