"""The ``greatgame`` command: validate, append to and export the dataset, and extract
candidate rows from news text.

Every command reads the folder named by ``--data`` or ``GREATGAME_DATA_DIR``, else
the repository's ``data/``.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path
from urllib.parse import urlencode

from greatgame.data import DataError, default_data_dir, load_dataset, validate_dir
from greatgame.export import SNAPSHOT_TABLES, csv_bytes, readable_table, snapshot_zip
from greatgame.extract import Gazetteer, UnreadableArticle, decode_article, extract
from greatgame.filters import Vocabulary, apply_filters, decode_query, encode_query
from greatgame.intake import UnreadableInput, read_tables
from greatgame.store import append_rows
from greatgame.versions import FolderBusy


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


def command_add(args: argparse.Namespace) -> int:
    data_dir = _data_dir(args)
    try:
        given = read_tables(args.paths)
        report = append_rows(data_dir, given.rows, given.origins)
    except UnreadableInput as error:
        print("Nothing was written.", file=sys.stderr)
        print(f"{len(error.problems)} problem(s) in the rows to add:", file=sys.stderr)
        for problem in error.problems:
            print(str(problem), file=sys.stderr)
        return 1
    except DataError as error:
        print("Nothing was written.", file=sys.stderr)
        _print_problems(error)
        return 1
    except FolderBusy as error:
        print(f"Nothing was written: {error.filename}: {error.strerror}.", file=sys.stderr)
        return 1
    for table in sorted(set(report.added) | set(report.skipped)):
        print(
            f"{table}: {report.added.get(table, 0)} added, "
            f"{report.skipped.get(table, 0)} identical row(s) already present"
        )
    if not report.added:
        print("Nothing new to add.")
    return 0


def _write_utf8(text: str) -> None:
    # UTF-8 whatever the terminal's locale, so that a Cyrillic name never fails to print.
    sys.stdout.buffer.write(text.encode("utf-8"))
    sys.stdout.flush()


def _summary(found: dict) -> str:
    """The candidates as lines a person reads in a terminal."""
    lines = [f"{len(found['events'])} event(s)"]
    for index, event in enumerate(found["events"]):
        when = (
            event["date_start"]
            if event["date_end"] == event["date_start"]
            else (f"{event['date_start']}..{event['date_end']}")
        )
        lines.append(
            f"  [{index}] {when}  {event['title']}  power={event['power_id']} "
            f"place={event['place_name']} ({event['country_iso3']}) format={event['format']} "
            f"level={event['level']} status={event['status']}"
        )
        for person in found["participants"]:
            if person["event_index"] == index:
                lines.append(
                    f"        {person['party_id']}: {person['person']}, {person['office']}"
                )
    lines.append(f"{len(found['pledges'])} pledge(s)")
    for pledge in found["pledges"]:
        lines.append(
            f"  {pledge['power_id']} -> {pledge['recipient']}: {pledge['amount']} "
            f"{pledge['currency']} (USD {pledge['amount_usd']}) over {pledge['period_years']} "
            f"year(s), {pledge['kind']}, event [{pledge['event_index']}]"
        )
    return "\n".join(lines) + "\n"


def command_extract(args: argparse.Namespace) -> int:
    name = "standard input" if args.file == "-" else args.file
    try:
        raw = sys.stdin.buffer.read() if args.file == "-" else Path(args.file).read_bytes()
        text = decode_article(raw)
    except OSError as error:
        print(f"cannot read {name}: {error.strerror or error}", file=sys.stderr)
        return 1
    except UnreadableArticle as error:
        print(f"cannot read {name}: {error}", file=sys.stderr)
        return 1
    try:
        dataset = load_dataset(_data_dir(args))
    except DataError as error:
        _print_problems(error)
        return 1
    found = extract(text, Gazetteer.from_dataset(dataset), published=args.published).to_json()
    if args.json:
        _write_utf8(json.dumps(found, ensure_ascii=False, indent=2) + "\n")
    else:
        _write_utf8(_summary(found))
    return 0


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"not a date in the form YYYY-MM-DD: {text}") from error


def command_export(args: argparse.Namespace) -> int:
    try:
        dataset = load_dataset(_data_dir(args))
    except DataError as error:
        _print_problems(error)
        return 1
    params = {"power": args.power, "country": args.country, "format": args.format,
              "level": args.level}  # fmt: skip
    view = decode_query(params, Vocabulary.from_dataset(dataset))
    if view.notices:
        for notice in view.notices:
            print(notice.replace("in the link", "given"), file=sys.stderr)
        return 2
    filters = replace(view.filters, date_from=args.date_from, date_to=args.date_to)
    filtered = apply_filters(dataset, filters)
    if args.table:
        content = csv_bytes(readable_table(filtered, args.table), excel_bom=args.excel)
    else:
        query = urlencode(encode_query(filters), doseq=True)
        content = snapshot_zip(
            filtered,
            filters,
            view_link=f"{args.base_url}?{query}" if query else args.base_url or "(all data)",
            made_at=datetime.now(UTC),
            excel_bom=args.excel,
        )
    Path(args.out).write_bytes(content)
    print(f"wrote {args.out} ({len(filtered.events)} events, {len(filtered.pledges)} pledges)")
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
        "paths",
        nargs="+",
        metavar="FILE",
        help="<table>.csv files, folders holding them, or a .zip of them",
    )
    add.set_defaults(run=command_add)

    extract_ = commands.add_parser(
        "extract",
        help="find candidate events, participants and pledges in a news article",
        description="Read an article (plain text; FILE - reads standard input) and print "
        "the events, participants and pledges it states, each with the sentence it came "
        "from. Fields the text does not state are null. Review the candidates before "
        "adding them: the page 'Add from an article' turns them into rows for data/.",
    )
    extract_.add_argument("file", metavar="FILE", help="the article, or - for standard input")
    extract_.add_argument(
        "--json", action="store_true", help="print one JSON object instead of a summary"
    )
    extract_.add_argument(
        "--published",
        type=_iso_date,
        metavar="YYYY-MM-DD",
        help="the article's date, for dates it gives without a year (default: its dateline)",
    )
    extract_.set_defaults(run=command_extract)

    export_ = commands.add_parser(
        "export",
        help="write the filtered data as a snapshot zip, or one table as CSV",
        description="Write every table under the filters, a datapackage.json describing "
        "them and a README manifest to a .zip (or, with --table, one table to a .csv). "
        "For the same filters the files are byte-identical to the app's downloads, but "
        "for the manifest's timestamp and link.",
    )
    for flag, metavar, what in (
        ("--power", "ID", "an external power (repeat for several), e.g. JPN"),
        ("--country", "ISO3", "a Central Asian state (repeat for several), e.g. KAZ"),
        ("--format", "FORMAT", "an event format (repeat for several), e.g. c5_summit"),
        ("--level", "LEVEL", "leaders, ministers or officials (repeat for several)"),
    ):
        export_.add_argument(flag, action="append", default=[], metavar=metavar, help=what)
    export_.add_argument("--from", dest="date_from", type=_iso_date, metavar="YYYY-MM-DD",
                         help="events ending on or after this day")  # fmt: skip
    export_.add_argument("--to", dest="date_to", type=_iso_date, metavar="YYYY-MM-DD",
                         help="events starting on or before this day")  # fmt: skip
    export_.add_argument("--table", choices=SNAPSHOT_TABLES, help="write this table only")
    export_.add_argument(
        "--excel", action="store_true", help="UTF-8 with a byte-order mark, for Excel"
    )
    export_.add_argument(
        "--base-url", default="", help="the app's address, for the link in the manifest"
    )
    export_.add_argument("--out", required=True, metavar="PATH", help="the .zip or .csv to write")
    export_.set_defaults(run=command_export)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
