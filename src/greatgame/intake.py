"""The rows a person gives ``greatgame add``: CSV files named after their table, folders
holding them, or a zip of them as the page "Add from an article" downloads it.

Sizes are checked before anything is read (a zip states the size of each member), and
every malformed input is one line naming the file, the line of that file and the rule.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from greatgame.data import Problem, text_problems
from greatgame.store import Origin

# Far above any set of reviewed rows; the bounds keep a zip bomb from filling memory.
MAX_INPUT_BYTES = 20_000_000
MAX_ZIP_MEMBERS = 50


class UnreadableInput(Exception):
    """The rows cannot be read; ``problems`` says why, file by file."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


@dataclass
class Input:
    """Rows by table, and where each row came from (file and line)."""

    rows: dict[str, list[dict[str, str]]] = field(default_factory=dict)
    origins: dict[str, list[Origin]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def add_csv(self, label: str, table: str, raw: bytes) -> None:
        text, problems = text_problems(label, raw)
        if text is None:
            self.problems += problems
            return
        reader = csv.reader(io.StringIO(text, newline=""), strict=True)
        header = next(reader, None)
        if not header:
            self.problems.append(Problem(label, 1, None, "has no header line"))
            return
        start = reader.line_num + 1
        for cells in reader:
            if cells:  # a blank line holds no row
                if len(cells) != len(header):
                    rule = f"has {len(cells)} cells, the header has {len(header)}"
                    self.problems.append(Problem(label, start, None, rule))
                else:
                    self.rows.setdefault(table, []).append(dict(zip(header, cells, strict=True)))
                    self.origins.setdefault(table, []).append((label, start))
            start = reader.line_num + 1

    def add_zip(self, path: Path) -> None:
        label = str(path)
        try:
            archive = zipfile.ZipFile(path)
        except zipfile.BadZipFile:
            self.problems.append(Problem(label, None, None, "not a zip file"))
            return
        with archive:
            members = [m for m in archive.infolist() if not m.is_dir()]
            if len(members) > MAX_ZIP_MEMBERS:
                rule = f"holds {len(members)} files; at most {MAX_ZIP_MEMBERS} are read"
                self.problems.append(Problem(label, None, None, rule))
                return
            total = sum(m.file_size for m in members)
            if total > MAX_INPUT_BYTES:
                rule = f"unpacks to {total:,} bytes; at most {MAX_INPUT_BYTES:,} are read"
                self.problems.append(Problem(label, None, None, rule))
                return
            for member in sorted(members, key=lambda m: m.filename):
                name = PurePosixPath(member.filename)
                where = f"{label}:{member.filename}"
                if len(name.parts) != 1 or name.suffix != ".csv" or "\\" in member.filename:
                    rule = "a member must be a <table>.csv file at the top of the zip"
                    self.problems.append(Problem(where, None, None, rule))
                    continue
                with archive.open(member) as f:
                    raw = f.read(member.file_size + 1)  # a member can claim less than it holds
                if len(raw) > member.file_size:
                    self.problems.append(Problem(where, None, None, "larger than it claims"))
                    continue
                self.add_csv(where, name.stem, raw)


def read_tables(paths: Sequence[str]) -> Input:
    """Rows by table from ``<table>.csv`` files, folders holding them, or zips of them.
    Raises :class:`UnreadableInput` listing every problem."""
    found = Input()
    files: list[Path] = []
    for name in paths:
        path = Path(name)
        files.extend(sorted(path.glob("*.csv")) if path.is_dir() else [path])
    for file in files:
        try:
            size = file.stat().st_size
        except OSError as error:
            found.problems.append(Problem(str(file), None, None, error.strerror or str(error)))
            continue
        if size > MAX_INPUT_BYTES:
            rule = f"is {size:,} bytes; at most {MAX_INPUT_BYTES:,} are read"
            found.problems.append(Problem(str(file), None, None, rule))
        elif file.suffix == ".zip":
            found.add_zip(file)
        else:
            found.add_csv(str(file), file.stem, file.read_bytes())
    if found.problems:
        raise UnreadableInput(found.problems)
    return found
