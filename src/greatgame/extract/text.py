"""From bytes to sentences: decoding an upload or a pipe, and cutting text into sentences
(a line break always ends one; "Dec. 19" and "U.S." do not).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from greatgame.extract.lexicon import MAX_SENTENCE_CHARS

# Far above any article (tens of KB); the bound keeps a stray paste or upload from holding
# a worker for minutes. The app's upload limit, server.maxUploadSize in
# .streamlit/config.toml, is the same 2 MB.
MAX_ARTICLE_BYTES = 2 * 1024 * 1024


class UnreadableArticle(ValueError):
    """The input is not an article's text: binary, too large, or in no known encoding."""


def decode_article(raw: bytes) -> str:
    """The text of an uploaded or piped article: UTF-8 (with or without a byte-order
    mark), UTF-16 with its byte-order mark (as Windows saves "Unicode" text), else
    Windows-1252, which old news exports use. Binary input is refused."""
    if len(raw) > MAX_ARTICLE_BYTES:
        raise UnreadableArticle(
            f"the input is {len(raw):,} bytes; an article is at most {MAX_ARTICLE_BYTES:,}"
        )
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            raw = raw.decode("utf-16").encode("utf-8")
        except UnicodeDecodeError:
            raise UnreadableArticle("the input starts as UTF-16 text but is not") from None
    if b"\x00" in raw:
        raise UnreadableArticle("the input is binary (it contains NUL bytes), not text")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UnreadableArticle("the input is neither UTF-8 nor Windows-1252 text")


_ABBREVIATIONS = {"Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov",
                  "Dec", "Mr", "Mrs", "Ms", "Dr", "St", "No", "Gen", "Sen", "Rep", "Prof",
                  "Jr", "Sr", "vs", "approx", "Inc", "Co", "Corp", "Ltd"}  # fmt: skip

# A match starts only where a run of end marks starts, and no part of it is ever given
# back: one pass over a run of a million dots, not a million.
_SENTENCE_END = re.compile(r"(?<![.!?…])[.!?…]++[\"”’)\]]*+\s++")

_LAST_WORD = re.compile(r"[\w.]++$")


def split_sentences(text: str) -> list[str]:
    """Sentences in reading order; a line break always ends one (headlines, datelines)."""
    sentences: list[str] = []
    for line in text.splitlines():
        start = 0
        for match in _SENTENCE_END.finditer(line):
            # The word before the end marks ("Dec", "U.S"), looked for in the 40
            # characters before them.
            last = _LAST_WORD.search(line, max(start, match.start() - 40), match.start())
            word = last.group() if last else ""
            if word in _ABBREVIATIONS or re.fullmatch(r"(?:[A-Z]\.)*[A-Z]", word):
                continue  # "Dec. 19", "U.S. President": not an end
            sentences.extend(_pieces(line[start : match.end()]))
            start = match.end()
        sentences.extend(_pieces(line[start:]))
    return sentences


def _pieces(text: str) -> Iterator[str]:
    # Positions, not slices of what is left: cutting a long line stays linear.
    start, end = 0, len(text.rstrip())
    while True:
        while start < end and text[start].isspace():
            start += 1
        if end - start <= MAX_SENTENCE_CHARS:
            break
        cut = text.rfind(" ", start, start + MAX_SENTENCE_CHARS)
        cut = cut if cut > start else start + MAX_SENTENCE_CHARS
        yield text[start:cut].strip()
        start = cut
    if text[start:end].strip():
        yield text[start:end].strip()
