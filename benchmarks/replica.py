"""How many readers one server holds before a page takes more than 2 s to run.

    python benchmarks/replica.py [--data DIR] [--sessions 1,2,4,8,16] [--limit 2.0]

Loopback only, bounded. Serves the app on 127.0.0.1 and speaks Streamlit's own
websocket protocol (its protobuf messages), without a browser, so that the server's
work is measured alone and not the drawing of many pages on the same cores. For each
count N, N readers connect at the same moment, each opening the Overview through a
shared link with a filter of its own (powers and countries in turn: different cuts of
the data), and then ask for a rerun of the same page, as a reader does after any click.
The time of each is from the request to Streamlit's "script finished" message. Prints
the median and the slowest of each step per N, and stops at the first N whose slowest
rerun passes the limit.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import statistics
import time
from pathlib import Path

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ClientState_pb2 import ClientState
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.asyncio.client import connect

from greatgame.server import ROOT, serving

LINKS = [f"power={p}" for p in ("CHN", "RUS", "USA", "JPN", "EU", "TUR", "KOR", "IND")] + [
    f"country={c}" for c in ("KAZ", "UZB", "KGZ", "TJK", "TKM")
]
RUN_TIMEOUT_S = 120


async def _run(socket, query: str) -> float:
    """Ask for a run of the Overview with this query string; seconds until it ends."""
    message = BackMsg(rerun_script=ClientState(query_string=query, page_name="overview"))
    started = time.perf_counter()
    await socket.send(message.SerializeToString())
    while True:
        reply = ForwardMsg()
        reply.ParseFromString(await asyncio.wait_for(socket.recv(), RUN_TIMEOUT_S))
        if reply.WhichOneof("type") == "script_finished":
            return time.perf_counter() - started


async def reader(url: str, query: str) -> tuple[float, float]:
    """One reader: a first run through a shared link, then one rerun."""
    address = url.replace("http://", "ws://") + "/_stcore/stream"
    async with connect(address, subprotocols=["streamlit"], max_size=None) as socket:
        first = await _run(socket, query)
        again = await _run(socket, query)
    return first, again


async def crowd(url: str, count: int) -> list[tuple[float, float]]:
    queries = itertools.islice(itertools.cycle(LINKS), count)
    return list(await asyncio.gather(*(reader(url, q) for q in queries)))


def measure(data: Path | None, counts: list[int], limit: float) -> list[dict]:
    env = {"GREATGAME_DATA_DIR": str(data)} if data else None
    rows = []
    with serving(ROOT / "app.py", env) as (url, _):
        asyncio.run(crowd(url, 1))  # loads the data; not counted
        for count in counts:
            results = asyncio.run(crowd(url, count))
            first = [r[0] for r in results]
            again = [r[1] for r in results]
            rows.append({
                "readers": count,
                "first_median": statistics.median(first), "first_max": max(first),
                "rerun_median": statistics.median(again), "rerun_max": max(again),
            })  # fmt: skip
            if max(again) > limit:
                break
    return rows


def render(rows: list[dict], limit: float, label: str) -> str:
    lines = [
        f"{label}: readers at the same moment on one server; seconds from request to "
        "the end of the page's run (no browser drawing).",
        "",
        "| readers | first run of a shared link: median / slowest | rerun: median / slowest |",
        "|---:|---|---|",
    ]
    for row in rows:
        lines.append(
            f"| {row['readers']} | {row['first_median']:.2f} / {row['first_max']:.2f} "
            f"| {row['rerun_median']:.2f} / {row['rerun_max']:.2f} |"
        )
    held = [row["readers"] for row in rows if row["rerun_max"] <= limit]
    lines += [
        "",
        f"Readers held with every rerun within {limit:g} s: "
        + (f"{max(held)}." if held else "none."),
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, help="a data folder (default: the bundled data)")
    parser.add_argument("--sessions", default="1,2,4,8,16,32")
    parser.add_argument("--limit", type=float, default=2.0, help="seconds")
    parser.add_argument("--label", default="Bundled data")
    args = parser.parse_args(argv)
    counts = [int(n) for n in args.sessions.split(",")]
    print(render(measure(args.data, counts, args.limit), args.limit, args.label))


if __name__ == "__main__":
    main()
