"""Run the extractor on a pasted or uploaded article in a process of its own, with a
time limit.

Python's ``re`` holds the interpreter lock for the whole of a match, so a slow match in
the server's process would stop every reader's session until it ends. In a worker the
worst input costs the reader who pasted it one message, and the others nothing: the
worker is killed when its time is up.
"""

from __future__ import annotations

import multiprocessing
from datetime import date

from greatgame.extract import MAX_ARTICLE_BYTES, Extraction, Gazetteer, extract

# Far above what an article takes (well under a second); a shared, loaded machine may
# be several times slower than a quiet one.
TIME_LIMIT_SECONDS = 30.0

# A fresh process from a small server that has imported the extractor once: forking
# the app's own process, with its threads, is not safe.
_CONTEXT = multiprocessing.get_context("forkserver")
_CONTEXT.set_forkserver_preload(["greatgame.extract"])


class ExtractionError(Exception):
    """The article could not be read in time, or at all; the message says why."""


def _run(connection, text: str, gazetteer: Gazetteer, published: date | None) -> None:
    try:
        connection.send(("done", extract(text, gazetteer, published)))
    except Exception as error:  # reported to the reader, never raised in the server
        connection.send(("failed", f"{type(error).__name__}: {error}"))
    finally:
        connection.close()


def extract_in_worker(
    text: str,
    gazetteer: Gazetteer,
    published: date | None = None,
    seconds: float | None = None,
) -> Extraction:
    """What :func:`greatgame.extract.extract` returns, computed in a worker process.
    Raises :class:`ExtractionError` for a text over the size limit, for a worker that
    takes longer than ``seconds`` (default :data:`TIME_LIMIT_SECONDS`; it is then
    killed), and for one that fails."""
    seconds = TIME_LIMIT_SECONDS if seconds is None else seconds
    size = len(text.encode("utf-8"))
    if size > MAX_ARTICLE_BYTES:
        raise ExtractionError(
            f"The article is {size:,} bytes; at most {MAX_ARTICLE_BYTES:,} are read."
        )
    receiver, sender = _CONTEXT.Pipe(duplex=False)
    process = _CONTEXT.Process(target=_run, args=(sender, text, gazetteer, published))
    process.start()
    sender.close()
    try:
        if not receiver.poll(seconds):
            raise ExtractionError(
                f"Reading this article took longer than {seconds:.0f} s and was stopped. "
                "Paste the article's text alone (no tables, lists or page furniture), "
                "or split it in parts."
            )
        outcome, value = receiver.recv()
    except EOFError:
        raise ExtractionError("The extractor stopped before it finished.") from None
    finally:
        receiver.close()
        if process.is_alive():
            process.kill()
        process.join()
    if outcome == "failed":
        raise ExtractionError(f"The extractor failed on this article ({value}).")
    return value
