"""Read, validate and write the dataset in ``data/``.

This module reads the CSV files; :mod:`greatgame.store` appends to them. The schema lives in
``data/datapackage.json`` (a Frictionless Tabular Data Package): field types,
constraints, primary and foreign keys. :func:`validate_dir` enforces it with the
``frictionless`` library and adds the domain rules a descriptor cannot express
(ids inside ``source_ids``, date order, parties from two tables). Every problem
is reported, each as ``file:row: column: rule``.
"""

from __future__ import annotations

import ast
import csv
import hashlib
import io
import json
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, fields
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pandas as pd

from greatgame import cache, versions

DATA_DIR_ENV = "GREATGAME_DATA_DIR"
DESCRIPTOR = "datapackage.json"
CENTRAL_ASIA = ("KAZ", "KGZ", "TJK", "TKM", "UZB")
SOURCE_SEPARATOR = ";"


def default_data_dir() -> Path:
    """The folder named by ``GREATGAME_DATA_DIR``, else the repository's ``data/``."""
    configured = os.environ.get(DATA_DIR_ENV)
    if configured:
        return Path(configured)
    return Path(__file__).resolve().parents[2] / "data"


def source_id_for(url: str) -> str:
    """The stable id of a source: ``s-`` and ten hex digits of the SHA-1 of its URL."""
    return "s-" + hashlib.sha1(url.encode("utf-8")).hexdigest()[:10]


def split_ids(cell: object) -> list[str]:
    """The ids in a semicolon-separated cell such as ``source_ids``; [] for an empty cell."""
    if not isinstance(cell, str):
        return []
    return [part for part in cell.split(SOURCE_SEPARATOR) if part]


@dataclass(frozen=True, order=True)
class Problem:
    """One broken rule, located as precisely as the rule allows."""

    file: str
    row: int | None
    column: str | None
    rule: str

    def __str__(self) -> str:
        where = self.file if self.row is None else f"{self.file}:{self.row}"
        return f"{where}: {self.column or '-'}: {self.rule}"


class DataError(Exception):
    """The data folder breaks the schema; ``problems`` lists every broken rule."""

    def __init__(self, data_dir: Path, problems: list[Problem]):
        self.data_dir = data_dir
        self.problems = problems
        lines = "\n".join(str(p) for p in problems)
        super().__init__(f"{len(problems)} problem(s) in {data_dir}:\n{lines}")


@dataclass(frozen=True)
class Dataset:
    """Every table of the data package as a typed DataFrame, plus the descriptor."""

    powers: pd.DataFrame
    countries: pd.DataFrame
    places: pd.DataFrame
    events: pd.DataFrame
    participants: pd.DataFrame
    pledges: pd.DataFrame
    outcomes: pd.DataFrame
    corridors: pd.DataFrame
    corridor_nodes: pd.DataFrame
    corridor_volumes: pd.DataFrame
    sources: pd.DataFrame
    descriptor: dict

    @classmethod
    def table_names(cls) -> list[str]:
        return [f.name for f in fields(cls) if f.name != "descriptor"]

    def tables(self) -> dict[str, pd.DataFrame]:
        return {name: getattr(self, name) for name in self.table_names()}

    @property
    def version(self) -> str:
        return str(self.descriptor.get("version", ""))

    @property
    def data_through(self) -> pd.Timestamp | None:
        """The newest publication date among the sources: how recent the picture is."""
        published = self.sources["published"].dropna()
        return None if published.empty else published.max()


# --- the descriptor --------------------------------------------------------------------------


def read_descriptor(data_dir: Path) -> dict:
    with open(Path(data_dir) / DESCRIPTOR, encoding="utf-8") as f:
        return json.load(f)


def resource_schemas(descriptor: dict) -> dict[str, dict]:
    """Table name -> its resource entry, in the descriptor's order."""
    return {r["name"]: r for r in descriptor["resources"]}


def field_names(resource: dict) -> list[str]:
    return [f["name"] for f in resource["schema"]["fields"]]


# --- validation ------------------------------------------------------------------------------


def _descriptor_problems(descriptor: object) -> list[Problem]:
    """What a descriptor must have before its tables can be read: resources, each with a
    name, a relative path inside the folder and a schema of named, typed fields."""

    def problem(rule: str) -> list[Problem]:
        return [Problem(DESCRIPTOR, None, None, rule)]

    if not isinstance(descriptor, dict):
        return problem("must be a JSON object")
    resources = descriptor.get("resources")
    if not isinstance(resources, list) or not resources:
        return problem('must list the tables under "resources"')
    problems: list[Problem] = []
    for index, resource in enumerate(resources):
        name = resource.get("name") if isinstance(resource, dict) else None
        where = f'resource "{name}"' if isinstance(name, str) else f"resource {index + 1}"
        if not isinstance(name, str) or not name:
            problems += problem(f"{where}: needs a name")
            continue
        path = resource.get("path")
        if not isinstance(path, str) or not path:
            problems += problem(f"{where}: needs a path")
        elif Path(path).is_absolute() or ".." in Path(path).parts or "/" in path:
            problems += problem(f'{where}: path "{path}" must name a file inside the folder')
        schema = resource.get("schema")
        specs = schema.get("fields") if isinstance(schema, dict) else None
        if not isinstance(specs, list) or not all(
            isinstance(f, dict)
            and isinstance(f.get("name"), str)
            and isinstance(f.get("type"), str)
            for f in specs
        ):
            problems += problem(f'{where}: needs a "schema" with named, typed "fields"')
    return problems


# Far above any summary or note. The csv module's own limit is process-wide and raised
# by frictionless when it is imported; this one holds whatever was imported first.
MAX_CELL_CHARS = 100_000
csv.field_size_limit(max(csv.field_size_limit(), 2**31 - 1))

# Characters no table cell carries: C0 controls but tab, line feed and carriage return.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def text_problems(file: str, raw: bytes) -> tuple[str | None, list[Problem]]:
    """The text of a CSV file, or why it is not one: one line each, naming the file, the
    line and the rule."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, [Problem(file, None, None, "is UTF-16 text; save it as UTF-8")]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        rule = f"not UTF-8 text (byte 0x{raw[error.start]:02x}); save it as UTF-8"
        return None, [Problem(file, line, None, rule)]
    control = _CONTROL.search(text)
    if control:
        line = text.count("\n", 0, control.start()) + 1
        rule = f"contains the control character U+{ord(control.group()):04X}; remove it"
        return None, [Problem(file, line, None, rule)]
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    start = 1
    try:
        for cells in reader:
            longest = max(map(len, cells), default=0)
            if longest > MAX_CELL_CHARS:
                rule = f"a cell of {longest:,} characters; at most {MAX_CELL_CHARS:,}"
                return None, [Problem(file, start, None, rule)]
            start = reader.line_num + 1
    except csv.Error as error:
        return None, [Problem(file, start, None, f"not readable as CSV: {error}")]
    return text, []


def _file_problems(data_dir: Path, path: str) -> list[Problem]:
    file = data_dir / path
    if not file.exists():
        return [Problem(path, None, None, "file is missing")]
    if not file.is_file():
        return [Problem(path, None, None, "is not a file")]
    return text_problems(path, file.read_bytes())[1]


_CONSTRAINT_RULES = {
    "required": "a value is required",
    "minimum": "must be at least {}",
    "maximum": "must be at most {}",
    "pattern": "must match the pattern {}",
    "minLength": "must have at least {} characters",
    "maxLength": "must have at most {} characters",
}


def _rule_from_frictionless(error, resource: dict | None, resources: dict[str, dict]) -> str:
    """A short rule sentence from a Frictionless error (long enums are not repeated)."""
    note = getattr(error, "note", "") or ""
    if error.type == "constraint-error":
        match = re.match(r'constraint "(\w+)" is "(.*)"$', note)
        if match:
            name, value = match.groups()
            if name == "enum":
                allowed = ast.literal_eval(value)
                if len(allowed) > 10:
                    return "not one of the allowed codes (see the field's enum in datapackage.json)"
                return "must be one of " + ", ".join(allowed)
            if name in _CONSTRAINT_RULES:
                return _CONSTRAINT_RULES[name].format(value)
    if error.type == "type-error":
        kind = note.removeprefix("type is ").strip('"').split("/")[0]
        return f'"{error.cell}" is not a valid {kind}' + (" (YYYY-MM-DD)" if kind == "date" else "")
    if error.type == "foreign-key" and resource is not None:
        for fk in resource["schema"].get("foreignKeys", []):
            if fk["fields"] == error.field_names:
                ref = fk["reference"]
                target = resources.get(ref["resource"], resource)["path"]
                values = re.search(r'values "(.*)" not found', note)
                shown = f'"{values.group(1)}"' if values else "the value"
                return f"{shown} is not a {','.join(ref['fields'])} in {target}"
    if error.type in {"unique-error", "primary-key"}:
        line = re.search(r"position (\d+)", note)
        return "duplicate key" + (f", the same as on line {line.group(1)}" if line else "")
    return f"{error.title.lower()}: {note}" if note else error.title.lower()


def primary_key(resource: dict) -> list[str]:
    key = resource["schema"].get("primaryKey", [])
    return [key] if isinstance(key, str) else list(key)


def _is_primary_key(resource: dict | None, error) -> bool:
    return resource is not None and primary_key(resource) == [error.field_name]


def _frictionless_problems(data_dir: Path, descriptor: dict) -> list[Problem]:
    # Imported here: frictionless takes about half a second to import, and only
    # validation needs it.
    from frictionless import Package

    problems = []
    # A missing file is reported by us with its name rather than as a scheme error.
    resources = resource_schemas(descriptor)
    for resource in resources.values():
        if not (data_dir / resource["path"]).exists():
            problems.append(Problem(resource["path"], None, None, "file is missing"))
    if problems:
        return problems
    package = Package(descriptor, basepath=str(data_dir))
    report = package.validate()
    for task in report.tasks:
        path = resources[task.name]["path"] if task.name in resources else task.name
        for error in task.errors:
            if error.type == "unique-error" and _is_primary_key(resources.get(task.name), error):
                continue  # the primary-key error names the same duplicate
            column = getattr(error, "field_name", None)
            if column is None and getattr(error, "field_names", None):
                column = ",".join(error.field_names)
            if column is None and error.type == "primary-key":
                column = ",".join(primary_key(resources[task.name]))
            rule = _rule_from_frictionless(error, resources.get(task.name), resources)
            problems.append(Problem(path, getattr(error, "row_number", None), column, rule))
    return problems


def _read_raw(path: Path) -> list[dict[str, str]]:
    # utf-8-sig: a file saved for Excel (with a byte-order mark) reads the same.
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def _domain_problems(data_dir: Path, descriptor: dict) -> list[Problem]:
    """Rules the descriptor cannot state: they span tables or look inside a cell."""
    resources = resource_schemas(descriptor)
    raw = {name: _read_raw(data_dir / r["path"]) for name, r in resources.items()}
    problems: list[Problem] = []

    def rows(name: str) -> Iterator[tuple[int, dict[str, str]]]:
        # Line 1 is the header, so the first record is on line 2, as Frictionless counts.
        yield from enumerate(raw[name], start=2)

    def add(name: str, line: int | None, column: str | None, rule: str) -> None:
        problems.append(Problem(resources[name]["path"], line, column, rule))

    source_ids = {r.get("source_id") for r in raw["sources"]}
    cited: set[str] = set()
    for name, resource in resources.items():
        if "source_ids" not in field_names(resource):
            continue
        for line, row in rows(name):
            for sid in split_ids(row.get("source_ids")):
                cited.add(sid)
                if sid not in source_ids:
                    add(name, line, "source_ids", f'"{sid}" is not a source_id in sources.csv')
    for line, row in rows("sources"):
        sid, url = row.get("source_id", ""), row.get("url", "")
        if url and sid != source_id_for(url):
            add("sources", line, "source_id", f'must be "{source_id_for(url)}", derived from url')
        if sid and sid not in cited:
            add("sources", line, "source_id", "no row cites this source")

    countries = {r.get("iso3") for r in raw["countries"]}
    parties = countries | {r.get("power_id") for r in raw["powers"]}
    for line, row in rows("participants"):
        party = row.get("party_id", "")
        if party not in parties:
            add(
                "participants",
                line,
                "party_id",
                f'"{party}" is neither a power_id in powers.csv nor an iso3 in countries.csv',
            )
        elif (party in countries) != (row.get("side") == "central_asia"):
            add(
                "participants",
                line,
                "side",
                f"must be {'central_asia' if party in countries else 'external'} for {party}",
            )

    published = {r.get("source_id"): r.get("published", "") for r in raw["sources"]}
    event_starts: dict[str, str] = {}
    for line, row in rows("events"):
        start, end = row.get("date_start", ""), row.get("date_end", "")
        event_starts[row.get("event_id", "")] = start
        if start and end and end < start:
            add("events", line, "date_end", f"must not be before date_start ({start})")
        if rule := _id_date_rule(row.get("event_id", ""), start):
            add("events", line, "event_id", rule)
        virtual = row.get("modality") == "virtual"
        if virtual and row.get("place_id"):
            add("events", line, "place_id", "must be empty for a virtual meeting (it has no venue)")
        if not virtual and not row.get("place_id"):
            add("events", line, "place_id", "required unless the meeting was virtual")
        dates = [published.get(sid, "") for sid in split_ids(row.get("source_ids"))]
        # A source written before the event can announce it, not show that it was held.
        if row.get("status") == "held" and start and dates and all(d and d < start for d in dates):
            add(
                "events",
                line,
                "status",
                f"held needs a source published on or after {start}; every cited source is older",
            )

    for line, row in rows("pledges"):
        announced = row.get("announced_date", "")
        if rule := _id_date_rule(row.get("pledge_id", ""), announced):
            add("pledges", line, "pledge_id", rule)
        event_start = event_starts.get(row.get("event_id") or "", "")
        if announced and event_start and announced < event_start:
            add(
                "pledges",
                line,
                "announced_date",
                f"must not be before its event's first day ({event_start})",
            )
        if bool(row.get("amount_usd")) != bool(row.get("usd_basis")):
            add("pledges", line, "usd_basis", "must be given exactly when amount_usd is given")
        if row.get("part_of_pledge_id") and row.get("part_of_pledge_id") == row.get("pledge_id"):
            add("pledges", line, "part_of_pledge_id", "must not name the row itself")

    nodes: dict[str, list[tuple[int, int, dict]]] = {}
    for line, row in rows("corridor_nodes"):
        if row.get("seq", "").isdigit():
            nodes.setdefault(row.get("corridor_id", ""), []).append((int(row["seq"]), line, row))
    for corridor, entries in nodes.items():
        entries.sort(key=lambda entry: entry[0])
        if [seq for seq, _, _ in entries] != list(range(1, len(entries) + 1)):
            add("corridor_nodes", entries[0][1], "seq", f"{corridor}: must run 1, 2, 3, … unbroken")
        for index, (_, line, row) in enumerate(entries):
            last = index == len(entries) - 1
            if last and row.get("mode_to_next"):
                add("corridor_nodes", line, "mode_to_next", "must be empty at the last node")
            if not last and not row.get("mode_to_next"):
                add("corridor_nodes", line, "mode_to_next", "required before the last node")
    return problems


_ID_DATE = re.compile(r"(\d{4}-\d{2}-\d{2})-")


def _id_date_rule(row_id: str, date: str) -> str | None:
    """An id that begins with a date must begin with the row's own date: a stale id
    is how a corrected date hides."""
    match = _ID_DATE.match(row_id)
    if match and date and match.group(1) != date:
        return f"begins with {match.group(1)} but the row's date is {date}"
    return None


def validate_dir(data_dir: Path | str) -> list[Problem]:
    """Every problem in a data folder; an empty list means the folder is valid. Reads
    one whole version of the folder, while no commit is under way."""
    data_dir = Path(data_dir)
    if not data_dir.is_dir():
        what = "does not exist" if not data_dir.exists() else "is a file"
        return [Problem(str(data_dir), None, None, f"{what}; give the data folder")]
    with versions.reading(data_dir):
        return validate_files(data_dir)


def validate_files(data_dir: Path) -> list[Problem]:
    """:func:`validate_dir` without the lock, for a folder no one else writes (a
    staging copy)."""
    try:
        descriptor = read_descriptor(data_dir)
    except FileNotFoundError:
        return [Problem(DESCRIPTOR, None, None, "file is missing")]
    except UnicodeDecodeError:
        return [Problem(DESCRIPTOR, None, None, "not UTF-8 text")]
    except json.JSONDecodeError as error:
        return [Problem(DESCRIPTOR, error.lineno, None, f"not valid JSON: {error.msg}")]
    problems = _descriptor_problems(descriptor)
    if problems:
        return problems
    problems = [p for r in descriptor["resources"] for p in _file_problems(data_dir, r["path"])]
    if problems:
        return problems
    problems = _frictionless_problems(data_dir, descriptor)
    if not any(p.rule == "file is missing" or p.row in (None, 1) for p in problems):
        # Domain rules read the files by header, so they run only when every file
        # exists and has the declared header.
        problems += _domain_problems(data_dir, descriptor)
    return sorted(set(problems), key=lambda p: (p.file, p.row or 0, p.column or "", p.rule))


# --- loading ---------------------------------------------------------------------------------


def _typed_frame(path: Path, resource: dict) -> pd.DataFrame:
    # dtype=str and keep_default_na=False: read every cell as written, so that "NA"
    # (a valid code) stays a string and empty cells are the only missing values.
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    for spec in resource["schema"]["fields"]:
        column = spec["name"]
        values = frame[column]
        if spec["type"] == "number":
            frame[column] = pd.to_numeric(values.where(values != ""), errors="raise")
        elif spec["type"] == "integer":
            frame[column] = pd.to_numeric(values.where(values != "")).astype("Int64")
        elif spec["type"] == "date":
            frame[column] = pd.to_datetime(values.where(values != ""), format="%Y-%m-%d")
        elif "enum" in spec.get("constraints", {}):
            frame[column] = pd.Categorical(
                values.where(values != ""), categories=enum_categories(spec)
            )
        else:
            frame[column] = values.where(values != "")
    return frame


def enum_categories(spec: dict) -> pd.Index:
    """The values a code column may take, sorted, as the categories of its column.

    A column of a few codes repeated over many rows (a format, a level, a side) is
    held as small integers and its codes once: a tenth of the memory at scale, and
    faster to compare, group and join. The categories are the schema's, not the
    data's, so every table and every filtered view of a column has the same type
    (concatenated, it stays categorical), and sorted, so a sort of the column orders
    it as a sort of its strings does.
    """
    return pd.Index(sorted(spec["constraints"]["enum"]), dtype="str")


def load_dataset(data_dir: Path | str | None = None) -> Dataset:
    """Validate a data folder and return its tables as typed frames.

    Raises :class:`DataError` listing every problem when the folder is not valid.
    """
    data_dir = Path(data_dir) if data_dir is not None else default_data_dir()
    # Validated once per version of the folder: see greatgame.cache. An entry is written
    # only for a whole version read under the shared lock, so a half-made commit (whose
    # files no entry matches) always goes through the lock, which completes it.
    fingerprint = data_fingerprint(data_dir)
    cached = cache.read_entry(cache.entry_dir(data_dir, fingerprint), Dataset)
    if cached is not None:
        return cached
    with versions.reading(data_dir):
        fingerprint = data_fingerprint(data_dir)
        problems = validate_files(data_dir)
        if problems:
            raise DataError(data_dir, problems)
        descriptor = read_descriptor(data_dir)
        resources = resource_schemas(descriptor)
        frames = {name: _typed_frame(data_dir / r["path"], r) for name, r in resources.items()}
        unchanged = data_fingerprint(data_dir) == fingerprint
    if unchanged:
        cache.write_entry(cache.entry_dir(data_dir, fingerprint), descriptor, frames)
    return Dataset(descriptor=descriptor, **frames)


def data_fingerprint(data_dir: Path | str) -> tuple:
    """Names, sizes and modification times of the folder's files: a cache key that
    changes whenever a file does."""
    data_dir = Path(data_dir)
    return tuple(
        (p.name, p.stat().st_size, p.stat().st_mtime_ns)
        for p in sorted(data_dir.glob("*"))
        if p.is_file() and not versions.is_bookkeeping(p.name)
    )


# --- canonical form and atomic writes --------------------------------------------------------


def _canonical_number(text: str) -> str:
    try:
        value = Decimal(text)
    except InvalidOperation:
        return text
    if value == value.to_integral_value():
        return str(int(value))
    return format(value.normalize(), "f")


def canonical_csv(rows: Iterable[dict[str, str]], resource: dict, sort: bool = True) -> str:
    """The one written form of a table: declared column order, rows sorted by primary
    key (unless ``sort`` is false), numbers without trailing zeros, UTF-8 text with
    ``\\n`` line ends."""
    specs = resource["schema"]["fields"]
    names = [f["name"] for f in specs]
    numeric = {f["name"] for f in specs if f["type"] in ("number", "integer")}
    key = resource["schema"].get("primaryKey", names)
    key = [key] if isinstance(key, str) else key

    def cell(row: dict, name: str) -> str:
        raw = row.get(name)
        value = "" if raw is None else str(raw).strip()
        return _canonical_number(value) if value and name in numeric else value

    def sort_key(row: dict) -> tuple:
        return tuple(
            (0, Decimal(row[k]), "") if k in numeric and row[k] else (1, 0, row[k]) for k in key
        )

    clean = [{name: cell(row, name) for name in names} for row in rows]
    if sort:
        clean.sort(key=sort_key)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=names, lineterminator="\n")
    writer.writeheader()
    writer.writerows(clean)
    return out.getvalue()


def read_raw_table(data_dir: Path, resource: dict) -> list[dict[str, str]]:
    return _read_raw(Path(data_dir) / resource["path"])
