"""The ``greatgame`` command: validate, append to and export the dataset, and extract
candidate rows from news text.

Every command reads the folder named by ``--data`` or ``GREATGAME_DATA_DIR``, else
the repository's ``data/``.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path
from urllib.parse import urlencode

from greatgame import cache
from greatgame.data import (
    DESCRIPTOR,
    DataError,
    Dataset,
    canonical_csv,
    default_data_dir,
    load_dataset,
    resource_schemas,
    validate_dir,
)
from greatgame.export import SNAPSHOT_TABLES, csv_bytes, readable_table, snapshot_zip
from greatgame.extract import Gazetteer, UnreadableArticle, decode_article, extract
from greatgame.filters import Vocabulary, apply_filters, decode_query, encode_query
from greatgame.intake import UnreadableInput, read_tables
from greatgame.known import recorded_events
from greatgame.store import append_rows
from greatgame.synth import synthesize, synthetic_descriptor
from greatgame.versions import FolderBusy


def _data_dir(args: argparse.Namespace) -> Path:
    return Path(args.data) if args.data else default_data_dir()


def _print_problems(error: DataError) -> None:
    print(f"{len(error.problems)} problem(s) in {error.data_dir}:", file=sys.stderr)
    for problem in error.problems:
        print(str(problem), file=sys.stderr)


def command_validate(args: argparse.Namespace) -> int:
    data_dir = Path(args.dir) if args.dir else _data_dir(args)
    if args.cache:
        # The app's own load: validates, then keeps the typed tables for the next start.
        try:
            load_dataset(data_dir)
        except DataError as error:
            _print_problems(error)
            return 1
        print(f"{data_dir}: valid; typed tables cached in {cache.cache_root()}")
        return 0
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
        recorded = event["recorded"]
        lines.append(
            f"        already recorded as {recorded['event_id']} ({recorded['title']})"
            if recorded
            else "        new"
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


class _Progress:
    """A one-line bar on standard error while many articles are read: drawn only on a
    terminal, so that logs and pipes never receive control characters."""

    WIDTH = 24

    def __init__(self, total: int) -> None:
        self.total = total
        self.shown = total > 1 and sys.stderr.isatty()

    def show(self, number: int, name: str) -> None:
        """Reading the article ``number`` (from 1) of the run, named ``name``."""
        if not self.shown:
            return
        filled = self.WIDTH * number // self.total
        bar = f"[{'#' * filled}{'.' * (self.WIDTH - filled)}] {number}/{self.total} {name}"
        columns = shutil.get_terminal_size().columns
        sys.stderr.write(f"\r\033[K{bar[: columns - 1]}")
        sys.stderr.flush()

    def say(self, message: str) -> None:
        """A line of its own, above the bar."""
        if self.shown:
            sys.stderr.write("\r\033[K")
        print(message, file=sys.stderr)

    def close(self) -> None:
        if self.shown:
            sys.stderr.write("\r\033[K")
            sys.stderr.flush()


def _articles(names: Sequence[str]) -> list[str]:
    """The files to read: each FILE as given, each folder's .txt files by name; a
    folder without any is a ``ValueError`` naming it."""
    files = []
    for name in names:
        path = Path(name)
        if name != "-" and path.is_dir():
            found = sorted(str(p) for p in path.glob("*.txt") if p.is_file())
            if not found:
                raise ValueError(f"cannot read {name}: no .txt files in this folder")
            files.extend(found)
        else:
            files.append(name)
    return files


def _read_article(name: str) -> str:
    """The article's text, or a one-line reason it cannot be read (as ``ValueError``)."""
    shown = "standard input" if name == "-" else name
    try:
        return decode_article(sys.stdin.buffer.read() if name == "-" else Path(name).read_bytes())
    except OSError as error:
        raise ValueError(f"cannot read {shown}: {error.strerror or error}") from error
    except UnreadableArticle as error:
        raise ValueError(f"cannot read {shown}: {error}") from error


def _found(text: str, dataset: Dataset, gazetteer: Gazetteer, published: date | None) -> dict:
    """The ``--json`` object of one article; each event says whether data/ has it."""
    extraction = extract(text, gazetteer, published=published)
    found = extraction.to_json()
    for event, recorded in zip(
        found["events"], recorded_events(extraction.events, dataset), strict=True
    ):
        event["recorded"] = recorded and {"event_id": recorded.event_id, "title": recorded.title}
    return found


def _batch_summary(results: list[dict]) -> dict:
    read = [r for r in results if "error" not in r]
    events = [e for r in read for e in r["events"]]
    known = sum(1 for e in events if e["recorded"])
    return {
        "articles": len(results),
        "unreadable": len(results) - len(read),
        "events": len(events),
        "already_recorded": known,
        "new": len(events) - known,
        "articles_without_event": sum(1 for r in read if not r["events"]),
    }


def _batch_text(results: list[dict], summary: dict) -> str:
    parts = [f"== {r['file']}\n{_summary(r)}" for r in results if "error" not in r]
    new = [
        f"  {e['date_start']}  {e['title']}  power={e['power_id']}  ({r['file']})"
        for r in results
        if "error" not in r
        for e in r["events"]
        if not e["recorded"]
    ]
    parts.append(
        f"{summary['articles']} article(s), {summary['unreadable']} unreadable: "
        f"{summary['events']} event(s), {summary['already_recorded']} already recorded, "
        f"{summary['new']} new; {summary['articles_without_event']} article(s) with no event\n"
    )
    if new:
        parts.append("New events:\n" + "\n".join(new) + "\n")
    return "\n".join(parts)


def command_extract(args: argparse.Namespace) -> int:
    # Several FILEs, or a folder, make a batch; one FILE prints as it always has.
    one = len(args.files) == 1 and (args.files[0] == "-" or not Path(args.files[0]).is_dir())
    try:
        # One article is read before the data, so that a missing file is said first.
        text = _read_article(args.files[0]) if one else ""
        files = [] if one else _articles(args.files)
        dataset = load_dataset(_data_dir(args))
    except ValueError as error:
        print(error, file=sys.stderr)
        return 1
    except DataError as error:
        _print_problems(error)
        return 1
    gazetteer = Gazetteer.from_dataset(dataset)
    if one:
        found = _found(text, dataset, gazetteer, args.published)
        as_json = json.dumps(found, ensure_ascii=False, indent=2) + "\n"
        _write_utf8(as_json if args.json else _summary(found))
        return 0
    progress = _Progress(len(files))
    results = []
    for number, name in enumerate(files, start=1):
        shown = "standard input" if name == "-" else name
        progress.show(number, shown)
        try:
            article = _read_article(name)
        except ValueError as error:
            progress.say(str(error))
            results.append({"file": shown, "error": str(error)})
            continue
        results.append({"file": shown, **_found(article, dataset, gazetteer, args.published)})
    progress.close()
    summary = _batch_summary(results)
    if args.json:
        batch_json = {"articles": results, "summary": summary}
        _write_utf8(json.dumps(batch_json, ensure_ascii=False, indent=2) + "\n")
    else:
        _write_utf8(_batch_text(results, summary))
    return 1 if summary["unreadable"] else 0


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


def command_synth(args: argparse.Namespace) -> int:
    try:
        dataset = load_dataset(_data_dir(args))
    except DataError as error:
        _print_problems(error)
        return 1
    out = Path(args.out)
    if out.exists() and any(out.iterdir()):
        print(f"{out}: not empty; name a new or empty folder", file=sys.stderr)
        return 1
    out.mkdir(parents=True, exist_ok=True)
    resources = resource_schemas(dataset.descriptor)
    for name, rows in synthesize(dataset, args.scale, args.seed).items():
        (out / resources[name]["path"]).write_text(
            canonical_csv(rows, resources[name]), encoding="utf-8"
        )
    descriptor = synthetic_descriptor(dataset.descriptor, args.scale)
    (out / DESCRIPTOR).write_text(json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n")
    print(f"{out}: synthetic dataset, {args.scale}x {len(dataset.events):,} events")
    return 0


def _scale(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of at least 1")
    return int(text)


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
    validate.add_argument(
        "--cache",
        action="store_true",
        help="also keep the validated tables in the cache ($GREATGAME_CACHE_DIR), so that "
        "the app's next start on this folder skips validation: run it before serving",
    )
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
        help="find candidate events, participants and pledges in news articles",
        description="Read articles (plain text; FILE - reads standard input; a folder "
        "gives its .txt files) and print the events, participants and pledges each "
        "states, with the sentence each came from, and whether data/ records each event "
        "already. Fields the text does not state are null. Several files or a folder "
        "end with a count of new and already recorded events, and the new ones. Review "
        "the candidates before adding them: the page 'Add from an article' turns them "
        "into rows for data/.",
    )
    extract_.add_argument(
        "files",
        nargs="+",
        metavar="FILE_OR_DIR",
        help="articles, folders of .txt articles, or - for standard input",
    )
    extract_.add_argument(
        "--json",
        action="store_true",
        help="print JSON instead of a summary: one object for one FILE; for several, "
        "{articles: [...], summary: {...}}",
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

    synth = commands.add_parser(
        "synth",
        help="write a synthetic dataset N times the size of the data, for benchmarks",
        description="Every row and source of the result is marked synthetic (titles "
        "'Synthetic …', sources at synthetic.invalid); it validates against the same "
        "datapackage.json. For benchmarks only, never for analysis.",
    )
    synth.add_argument("--scale", type=_scale, required=True, metavar="N",
                       help="how many times the real number of events")  # fmt: skip
    synth.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    synth.add_argument("--out", required=True, metavar="DIR", help="a new or empty folder")
    synth.set_defaults(run=command_synth)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
