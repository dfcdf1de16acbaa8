"""Append reviewed rows to the data folder, all or nothing, one writer at a time.

:func:`append_rows` holds the folder's writer lock from reading the tables until the
new version is in place (see :mod:`greatgame.versions`), so two appends at once both
land. Every problem is located in the rows given, as the person adding them numbers
them: ``events.csv:2`` is the first row of their ``events.csv``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from greatgame import versions
from greatgame.data import (
    DataError,
    Problem,
    canonical_csv,
    field_names,
    primary_key,
    read_descriptor,
    read_raw_table,
    resource_schemas,
    validate_files,
)

# Where a row to add came from: the file a person gave (or its table's name) and its line.
Origin = tuple[str, int]


@dataclass(frozen=True)
class AppendReport:
    """What an append did: rows added and identical rows skipped, per table."""

    added: dict[str, int]
    skipped: dict[str, int]


@dataclass
class _Plan:
    """The new version of each changed table, or the problems that forbid it."""

    texts: dict[str, str] = field(default_factory=dict)
    added: dict[str, int] = field(default_factory=dict)
    skipped: dict[str, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


def _key_of(row: dict[str, str], resource: dict) -> tuple[str, ...]:
    return tuple((row.get(k) or "").strip() for k in primary_key(resource))


def _same_row(a: dict[str, str], b: dict[str, str], resource: dict) -> bool:
    return canonical_csv([a], resource) == canonical_csv([b], resource)


def _plan(
    data_dir: Path, new_rows: dict[str, list[dict[str, str]]], origins: dict[str, list[Origin]]
) -> _Plan:
    """Merge the new rows into the folder's tables in a staging copy and validate it.
    Rows identical to ones present are skipped; a different row under a present key,
    or a key given twice, is refused, and the other rows are still checked, so that
    every problem is listed at once."""
    resources = resource_schemas(read_descriptor(data_dir))
    plan = _Plan()
    # path -> (rows present, new rows, where each new row came from)
    merged: dict[str, tuple[list[dict], list[dict], list[Origin]]] = {}
    for table, rows in new_rows.items():
        where = origins.get(table) or [(f"{table}.csv", line) for line in range(2, len(rows) + 2)]
        if table not in resources:
            plan.problems.append(Problem(where[0][0] if rows else f"{table}.csv", None, None,
                                         "no such table in datapackage.json"))  # fmt: skip
            continue
        resource = resources[table]
        unknown = sorted({name for row in rows for name in row} - set(field_names(resource)))
        if unknown:
            plan.problems += [
                Problem(where[0][0], 1, name, f"not a column of {resource['path']}")
                for name in unknown
            ]
            continue
        present = read_raw_table(data_dir, resource)
        present_lines = {_key_of(row, resource): (line, row) for line, row in enumerate(present, 2)}
        given: dict[tuple[str, ...], Origin] = {}
        fresh, fresh_origins = [], []
        for row, (file, line) in zip(rows, where, strict=True):
            key = _key_of(row, resource)
            label, columns = "/".join(key), ",".join(primary_key(resource))
            if key in present_lines:
                present_line, same = present_lines[key]
                if _same_row(row, same, resource):
                    plan.skipped[table] = plan.skipped.get(table, 0) + 1
                    continue
                rule = (
                    f"duplicate key {label}: a different row with it exists already "
                    f"(line {present_line} of {resource['path']} in the data folder)"
                )
                plan.problems.append(Problem(file, line, columns, rule))
            elif key in given:
                first_file, first_line = given[key]
                at = f"line {first_line}" + ("" if first_file == file else f" of {first_file}")
                rule = f"duplicate key {label}: given twice, also on {at}"
                plan.problems.append(Problem(file, line, columns, rule))
            given.setdefault(key, (file, line))
            # Staged even when refused, so that its other problems are listed too.
            fresh.append(row)
            fresh_origins.append((file, line))
        if fresh:
            merged[resource["path"]] = (present, fresh, fresh_origins)
            plan.added[table] = len(fresh)
    if not merged:
        return plan
    with versions.staging_folder() as stage:
        for item in data_dir.iterdir():
            if item.is_file() and not versions.is_bookkeeping(item.name):
                (stage / item.name).write_bytes(item.read_bytes())
        for path, (present, fresh, _) in merged.items():
            # Rows present first, new rows after them in their own order, so that a
            # problem's line leads back to the new row it is in.
            text = canonical_csv(present + fresh, _by_path(resources)[path], sort=False)
            (stage / path).write_text(text, encoding="utf-8", newline="")
        refused = {(p.file, p.row) for p in plan.problems}
        for problem in validate_files(stage):
            present, _, fresh_origins = merged.get(problem.file, ([], [], []))
            index = (problem.row or 0) - 2 - len(present)
            if 0 <= index < len(fresh_origins):
                file, line = fresh_origins[index]
                if (file, line) in refused and problem.rule.startswith("duplicate key"):
                    continue  # said above, with the line it clashes with
                problem = Problem(file, line, problem.column, problem.rule)
            plan.problems.append(problem)
    if not plan.problems:
        by_path = _by_path(resources)
        plan.texts = {
            path: canonical_csv(present + fresh, by_path[path])
            for path, (present, fresh, _) in merged.items()
        }
    return plan


def _by_path(resources: dict[str, dict]) -> dict[str, dict]:
    return {r["path"]: r for r in resources.values()}


def append_rows(
    data_dir: Path | str,
    new_rows: dict[str, list[dict[str, str]]],
    origins: dict[str, list[Origin]] | None = None,
) -> AppendReport:
    """Append rows to the tables of a data folder, all or nothing.

    ``origins`` says where each row came from, to locate problems; by default row ``i``
    of a table is line ``i + 2`` of ``<table>.csv``. On any refusal :class:`DataError`
    lists every problem and ``data_dir`` is untouched. Raises
    :class:`~greatgame.versions.FolderBusy` when another writer holds the folder too long.
    """
    data_dir = Path(data_dir)
    with versions.writing(data_dir):
        plan = _plan(data_dir, new_rows, origins or {})
        if plan.problems:
            raise DataError(data_dir, plan.problems)
        if plan.texts:
            versions.commit(data_dir, plan.texts)
    return AppendReport(plan.added, plan.skipped)


def validate_new_rows(
    data_dir: Path | str,
    new_rows: dict[str, list[dict[str, str]]],
    origins: dict[str, list[Origin]] | None = None,
) -> list[Problem]:
    """Every problem the rows would cause if appended to ``data_dir``, located as
    :func:`append_rows` locates them. ``data_dir`` is not changed."""
    data_dir = Path(data_dir)
    with versions.reading(data_dir):
        return _plan(data_dir, new_rows, origins or {}).problems
