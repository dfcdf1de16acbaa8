"""The browser benchmarks run once each, so that none rots; no timing is asserted."""

from benchmarks import map_payload, startup


def test_startup_benchmark_runs_once_and_prints_its_table(chromium_path, capsys):
    startup.main(1)
    table = capsys.readouterr().out
    for row in ("cold start to first chart drawn", "rerun after a filter change",
                "switch to another page", "imports"):  # fmt: skip
        assert f"| {row} |" in table


def test_map_payload_benchmark_runs_once_and_prints_its_table(chromium_path, capsys):
    map_payload.main()
    table = capsys.readouterr().out
    assert "| first visit to /map, every websocket frame |" in table
    assert "| deck JSON: the whole deck |" in table
