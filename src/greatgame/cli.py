"""The ``greatgame`` command: validate, append to and export the dataset.

Every command reads the folder named by ``--data`` or ``GREATGAME_DATA_DIR``, else
the repository's ``data/``.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections.abc import Sequence
from pathlib import Path

from greatgame.data import DataError, append_rows, default_data_dir, validate_dir


def _data_dir(args: argparse.Namespace) -> Path:
    return Path(args.data) if args.data else default_data_dir()


def _print_problems(error: DataError) -> None:
    print(f"{len(error.problems)} problem(s) in {error.data_dir}:", file=sys.stderr)
    for problem in error.problems:
        print(str(problem), file=sys.stderr)


def command_validate(args: argparse.Namespace) -> int:
    data_dir = Path(args.dir) if args.dir else _data_dir(args)
    problems = validate_dir(data_dir)
    if problems:
        _print_problems(DataError(data_dir, problems))
        return 1
    print(f"{data_dir}: valid")
    return 0


def _read_tables(paths: Sequence[str]) -> dict[str, list[dict[str, str]]]:
    """Rows by table from CSV files named ``<table>.csv`` or folders holding them."""
    files: list[Path] = []
    for name in paths:
        path = Path(name)
        files.extend(sorted(path.glob("*.csv")) if path.is_dir() else [path])
    tables: dict[str, list[dict[str, str]]] = {}
    for file in files:
        with open(file, encoding="utf-8-sig", newline="") as f:
            tables.setdefault(file.stem, []).extend(csv.DictReader(f))
    return tables


def command_add(args: argparse.Namespace) -> int:
    data_dir = _data_dir(args)
    try:
        tables = _read_tables(args.paths)
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        print(f"cannot read the rows to add: {error}", file=sys.stderr)
        return 1
    try:
        report = append_rows(data_dir, tables)
    except DataError as error:
        print("Nothing was written.", file=sys.stderr)
        _print_problems(error)
        return 1
    for table in sorted(set(report.added) | set(report.skipped)):
        print(
            f"{table}: {report.added.get(table, 0)} added, "
            f"{report.skipped.get(table, 0)} identical row(s) already present"
        )
    if not report.added:
        print("Nothing new to add.")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="greatgame",
        description="Validate, extend and export the greatgame dataset.",
    )
    parser.add_argument(
        "--data", help="data folder (default: $GREATGAME_DATA_DIR, else the bundled data/)"
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    validate = commands.add_parser(
        "validate",
        help="check a data folder against datapackage.json; list every problem",
        description="Exit 0 when DIR is valid; else print every problem as "
        "file:row: column: rule and exit 1.",
    )
    validate.add_argument("dir", nargs="?", metavar="DIR", help="data folder to check")
    validate.set_defaults(run=command_validate)

    add = commands.add_parser(
        "add",
        help="append reviewed rows (CSV files named after their table) to the data folder",
        description="Validate the data folder with the new rows first; write nothing "
        "unless everything passes. Identical rows already present are skipped.",
    )
    add.add_argument(
        "paths", nargs="+", metavar="FILE", help="<table>.csv files, or folders holding them"
    )
    add.set_defaults(run=command_add)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
