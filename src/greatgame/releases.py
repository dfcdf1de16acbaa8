"""The data's releases as the CHANGELOG states them, for the returning reader: what is
new in the latest version. Pure: it parses the text it is given."""

from __future__ import annotations

import re
from dataclasses import dataclass

_HEADING = re.compile(r"^## (?P<version>\S+)\s+[—-]+\s+(?P<date>\d{4}-\d{2}-\d{2})\s*$", re.M)


@dataclass(frozen=True)
class Release:
    version: str
    date: str
    paragraphs: tuple[str, ...]  # each paragraph or list item as one line of text


def releases(changelog: str) -> list[Release]:
    """Every ``## VERSION — YYYY-MM-DD`` section of the changelog, newest first as
    written, its paragraphs and list items joined into single lines."""
    found = list(_HEADING.finditer(changelog))
    result = []
    for i, match in enumerate(found):
        end = found[i + 1].start() if i + 1 < len(found) else len(changelog)
        body = changelog[match.end() : end]
        blocks: list[str] = []
        for line in body.splitlines():
            text = line.strip()
            if not text:
                blocks.append("")
            elif text.startswith("- ") or not blocks or not blocks[-1]:
                blocks.append(text)
            else:
                blocks[-1] += " " + text
        result.append(Release(match["version"], match["date"], tuple(b for b in blocks if b)))
    return result


def release_of(changelog: str, version: str) -> Release | None:
    """The changelog's section for ``version``, or None when it has none."""
    return next((r for r in releases(changelog) if r.version == version), None)


def headlines(release: Release) -> list[str]:
    """The release's points in a line each: a paragraph's bold lead ("**New columns.**")
    and its first sentence, or the paragraph itself when it has no lead."""
    points = []
    for paragraph in release.paragraphs:
        if paragraph.startswith("- "):
            continue  # a detail of the point above it
        lead = re.match(r"\*\*(?P<lead>[^*]+)\*\*\s*(?P<rest>.*)", paragraph)
        if lead:
            first = re.split(r"(?<=[.!?])\s", lead["rest"], maxsplit=1)[0]
            points.append(f"{lead['lead'].strip()} {first}".strip())
        else:
            points.append(paragraph)
    return points
