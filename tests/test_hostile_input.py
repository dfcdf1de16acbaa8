"""Malformed and hostile input to `greatgame add` and `greatgame validate`: one line per
problem naming the file, the line of that file and the rule, never a traceback; nothing
written."""

import json
import zipfile
from pathlib import Path

import pytest

from greatgame import cli, intake
from greatgame.extract import UnreadableArticle, decode_article
from tests.test_cli import new_event_rows, snapshot, write_tables

HEADER = list(new_event_rows()["events"][0])


def add(capsys, data_dir: Path, *paths: Path) -> tuple[int, str]:
    code = cli.main(["--data", str(data_dir), "add", *map(str, paths)])
    return code, capsys.readouterr().err


def validate(capsys, folder: Path) -> tuple[int, str]:
    code = cli.main(["validate", str(folder)])
    return code, capsys.readouterr().err


def events_csv(tmp_path: Path, body: bytes) -> Path:
    path = tmp_path / "events.csv"
    path.write_bytes(",".join(HEADER).encode() + b"\n" + body)
    return path


GOOD_ROW = ",".join(new_event_rows()["events"][0].values()).encode() + b"\n"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (GOOD_ROW.replace(b"\n", b",extra\n"),
         f"events.csv:2: -: has {len(HEADER) + 1} cells, the header has {len(HEADER)}"),
        (GOOD_ROW + b'x,"an unclosed quote\n' + GOOD_ROW, "events.csv:3: -: not readable as CSV"),
        (GOOD_ROW.replace(b"Test summit", b"Test\x00summit"),
         "events.csv:2: -: contains the control character U+0000"),
        (GOOD_ROW.replace(b"Test summit", b"Test\x1bsummit"),
         "events.csv:2: -: contains the control character U+001B"),
        (GOOD_ROW + GOOD_ROW.replace(b"Test summit", b"Caf\xe9"),
         "events.csv:3: -: not UTF-8 text (byte 0xe9)"),
        (b'x,"' + b"y" * 200_000 + b'"\n', "events.csv:2: -: a cell of 200,000 characters"),
    ],
)  # fmt: skip
def test_a_malformed_file_to_add_is_one_line_naming_file_and_line(
    capsys, tiny_dir, tmp_path, body, expected
):
    before = snapshot(tiny_dir)
    code, err = add(capsys, tiny_dir, events_csv(tmp_path, body))
    assert code == 1 and expected in err, err
    assert "Nothing was written." in err and "Traceback" not in err
    assert snapshot(tiny_dir) == before


def test_utf16_is_named_as_such(capsys, tiny_dir, tmp_path):
    path = tmp_path / "events.csv"
    path.write_bytes((",".join(HEADER) + "\n").encode("utf-16"))
    code, err = add(capsys, tiny_dir, path)
    assert code == 1 and "events.csv: -: is UTF-16 text; save it as UTF-8" in err


def test_problems_name_the_line_of_the_input_not_of_a_merged_file(capsys, tiny_dir, tmp_path):
    rows = new_event_rows()
    rows["events"][0]["summary"] = "A summary\nover two lines."
    second = dict(rows["events"][0], event_id="2026-03-02-other", place_id="atlantis")
    rows["events"].append(second)
    new = write_tables(tmp_path / "new", rows)
    code, err = add(capsys, tiny_dir, new)
    assert code == 1
    # The first row takes lines 2 and 3 of the file; the second begins on line 4.
    assert f'{new / "events.csv"}:4: place_id: "atlantis" is not a place_id' in err, err


def test_a_key_given_twice_is_named_as_such(capsys, tiny_dir, tmp_path):
    rows = new_event_rows()
    rows["events"].append(dict(rows["events"][0], title="Same id, other title"))
    new = write_tables(tmp_path / "new", rows)
    code, err = add(capsys, tiny_dir, new)
    assert code == 1
    assert "events.csv:3: event_id: duplicate key 2026-03-01-test-summit: given twice" in err


def zip_of(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return path


def test_a_zip_bomb_is_refused_before_it_is_read(capsys, tiny_dir, tmp_path, monkeypatch):
    big = b"a" * (intake.MAX_INPUT_BYTES + 1)
    bomb = zip_of(tmp_path / "bomb.zip", {"events.csv": big})
    assert bomb.stat().st_size < 100_000
    read = []
    monkeypatch.setattr(zipfile.ZipFile, "open", lambda *a, **k: read.append(a))
    code, err = add(capsys, tiny_dir, bomb)
    assert code == 1 and "unpacks to 20,000,001 bytes; at most 20,000,000" in err
    assert read == []  # refused from the sizes the zip states


def test_a_zip_of_many_files_is_refused(capsys, tiny_dir, tmp_path):
    many = {f"t{i}.csv": b"a\n" for i in range(intake.MAX_ZIP_MEMBERS + 1)}
    code, err = add(capsys, tiny_dir, zip_of(tmp_path / "many.zip", many))
    assert code == 1 and f"holds {intake.MAX_ZIP_MEMBERS + 1} files" in err


@pytest.mark.parametrize("name", ["../../x/events.csv", "/abs/events.csv", "sub/events.csv",
                                  "events.txt"])  # fmt: skip
def test_zip_member_names_must_be_plain_table_files(capsys, tiny_dir, tmp_path, name):
    archive = zip_of(tmp_path / "rows.zip", {name: ",".join(HEADER).encode() + b"\n" + GOOD_ROW})
    code, err = add(capsys, tiny_dir, archive)
    assert code == 1 and "a member must be a <table>.csv file at the top of the zip" in err


@pytest.mark.parametrize(
    ("descriptor", "expected"),
    [
        ({}, 'datapackage.json: -: must list the tables under "resources"'),
        ([], "datapackage.json: -: must be a JSON object"),
        ({"resources": [{"name": "events", "path": "events.csv"}]},
         'resource "events": needs a "schema" with named, typed "fields"'),
        ({"resources": [{"name": "events", "path": "/etc/passwd",
                         "schema": {"fields": [{"name": "a", "type": "string"}]}}]},
         'resource "events": path "/etc/passwd" must name a file inside the folder'),
        ({"resources": [{"name": "events", "path": "../events.csv",
                         "schema": {"fields": [{"name": "a", "type": "string"}]}}]},
         'path "../events.csv" must name a file inside the folder'),
    ],
)  # fmt: skip
def test_validate_names_what_a_broken_descriptor_lacks(capsys, tiny_dir, descriptor, expected):
    (tiny_dir / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    code, err = validate(capsys, tiny_dir)
    assert code == 1 and expected in err, err


def test_validate_given_a_file_says_it_wants_a_folder(capsys, tiny_dir):
    code, err = validate(capsys, tiny_dir / "events.csv")
    assert code == 1 and "events.csv: -: is a file; give the data folder" in err


def test_validate_refuses_nul_bytes_in_a_table(capsys, tiny_dir):
    path = tiny_dir / "places.csv"
    lines = path.read_bytes().split(b"\n")
    lines[2] = lines[2].replace(b",", b"\x00,", 1)
    path.write_bytes(b"\n".join(lines))
    code, err = validate(capsys, tiny_dir)
    assert code == 1 and "places.csv:3: -: contains the control character U+0000" in err, err


def test_validate_names_the_file_that_is_not_utf8(capsys, tiny_dir):
    path = tiny_dir / "places.csv"
    path.write_bytes(path.read_bytes() + b"x\xff\n")
    code, err = validate(capsys, tiny_dir)
    assert code == 1 and "places.csv:" in err and "not UTF-8 text (byte 0xff)" in err


def test_an_article_saved_as_utf16_is_read_not_called_binary():
    text = "Tokyo, Dec. 19, 2025 — leaders met.\n"
    assert decode_article(text.encode("utf-16")) == text
    with pytest.raises(UnreadableArticle, match="binary"):
        decode_article(b"text\x00more")
