"""``greatgame extract`` over many articles: folders, the new-versus-recorded summary,
the batch JSON, unreadable files among good ones, and the progress bar on a terminal."""

import json
import os
import pty
import shutil
import subprocess
import sys

import pytest

from tests.conftest import ROOT

CORPUS = ROOT / "tests" / "fixtures" / "corpus"
SEED = ROOT / "seeds" / "000_945f6f9da6b2f31e.txt"
SEED_RECORDED = ["2025-11-06-c5-plus-1-summit", None, "2025-12-19-central-asia-japan-summit"]


def run(data_dir, *args, stdin=b""):
    result = subprocess.run(
        [sys.executable, "-m", "greatgame.cli", "--data", str(data_dir), "extract", *args],
        input=stdin, capture_output=True,
    )  # fmt: skip
    return result.returncode, result.stdout.decode(), result.stderr.decode()


def recorded_ids(found: dict) -> list[str | None]:
    return [e["recorded"] and e["recorded"]["event_id"] for e in found["events"]]


@pytest.fixture
def articles(tmp_path):
    """A folder with the seed article and two of the corpus, and a file that is not .txt."""
    folder = tmp_path / "week"
    folder.mkdir()
    shutil.copy(SEED, folder / "a_seed.txt")
    for name in ("01_wire_xian_summit.txt", "40_noevent_profile.txt"):
        shutil.copy(CORPUS / name, folder / name)
    (folder / "notes.md").write_text("not an article", encoding="utf-8")
    return folder


def test_one_file_keeps_its_json_and_says_which_events_are_recorded(tiny_dir):
    code, out, err = run(tiny_dir, str(SEED), "--json")
    assert code == 0, err
    found = json.loads(out)
    assert list(found) == ["events", "participants", "pledges"]
    assert recorded_ids(found) == SEED_RECORDED
    assert found["events"][2]["recorded"]["title"] == "Central Asia + Japan summit"
    code, out, _ = run(tiny_dir, str(SEED))
    assert "already recorded as 2025-12-19-central-asia-japan-summit" in out
    assert "\n        new\n" in out
    assert "article(s)" not in out and err == ""  # no batch summary, no progress bar


def test_a_folder_gives_one_object_per_txt_file_and_a_summary(tiny_dir, articles):
    code, out, err = run(tiny_dir, str(articles), "--json")
    assert code == 0, err
    batch = json.loads(out)
    files = [a["file"] for a in batch["articles"]]
    assert files == [str(articles / n) for n in ("01_wire_xian_summit.txt",
                     "40_noevent_profile.txt", "a_seed.txt")]  # fmt: skip
    seed = batch["articles"][2]
    assert recorded_ids(seed) == SEED_RECORDED
    events = [e for a in batch["articles"] for e in a["events"]]
    known = sum(1 for e in events if e["recorded"])
    assert batch["summary"] == {
        "articles": 3,
        "unreadable": 0,
        "events": len(events),
        "already_recorded": known,
        "new": len(events) - known,
        "articles_without_event": sum(1 for a in batch["articles"] if not a["events"]),
    }
    assert known >= 2 and batch["summary"]["articles_without_event"] >= 1
    assert err == ""  # not a terminal: no progress bar


def test_the_text_summary_counts_and_lists_the_new_events(tiny_dir, articles):
    code, out, _ = run(tiny_dir, str(articles), str(SEED))
    assert code == 0
    assert out.count("== ") == 4  # the folder's three articles, then the seed again
    _, json_out, _ = run(tiny_dir, str(articles), str(SEED), "--json")
    summary = json.loads(json_out)["summary"]
    assert (
        f"4 article(s), 0 unreadable: {summary['events']} event(s), "
        f"{summary['already_recorded']} already recorded, {summary['new']} new; "
        f"{summary['articles_without_event']} article(s) with no event"
    ) in out
    new_events = out.split("New events:\n")[1].splitlines()
    assert len(new_events) == summary["new"]
    csto = [line for line in new_events if "2025-11-27" in line]
    assert len(csto) == 2 and all("power=RUS" in line for line in csto)
    assert not any("2025-12-19  Central Asia–Japan summit" in line for line in new_events)


def test_an_unreadable_file_is_named_and_the_others_still_read(tiny_dir, articles):
    (articles / "b_scan.txt").write_bytes(os.urandom(2048) + b"\x00")
    code, out, err = run(tiny_dir, str(articles), str(articles / "gone.txt"), "--json")
    assert code == 1
    assert f"cannot read {articles / 'b_scan.txt'}: the input is binary" in err
    assert f"cannot read {articles / 'gone.txt'}: No such file or directory" in err
    assert "Traceback" not in err
    batch = json.loads(out)
    assert batch["summary"]["articles"] == 5 and batch["summary"]["unreadable"] == 2
    errors = {a["file"]: a["error"] for a in batch["articles"] if "error" in a}
    assert set(errors) == {str(articles / "b_scan.txt"), str(articles / "gone.txt")}
    assert recorded_ids(batch["articles"][2]) == SEED_RECORDED


def test_a_folder_without_articles_is_a_clear_error(tiny_dir, tmp_path):
    code, out, err = run(tiny_dir, str(tmp_path))
    assert code == 1 and out == ""
    assert err.strip() == f"cannot read {tmp_path}: no .txt files in this folder"


def test_standard_input_among_files(tiny_dir):
    code, out, _ = run(tiny_dir, "-", str(SEED), "--json", stdin=SEED.read_bytes())
    assert code == 0
    first, second = json.loads(out)["articles"]
    assert first["file"] == "standard input" and second["file"] == str(SEED)
    assert recorded_ids(first) == recorded_ids(second) == SEED_RECORDED


def test_on_a_terminal_a_progress_bar_runs_over_the_corpus(tiny_dir):
    """As a maintainer sees it: standard error is a terminal, standard output a pipe."""
    total = len(list(CORPUS.glob("*.txt")))
    controller, terminal = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "greatgame.cli", "--data", str(tiny_dir), "extract", str(CORPUS)],
        stdout=subprocess.PIPE, stderr=terminal,
    )  # fmt: skip
    os.close(terminal)
    shown = b""
    while True:
        try:
            chunk = os.read(controller, 4096)
        except OSError:  # the terminal closed with the process
            break
        if not chunk:
            break
        shown += chunk
    with process.stdout:
        out = process.stdout.read().decode()
    assert process.wait(timeout=120) == 0
    os.close(controller)
    screen = shown.decode()
    assert f"1/{total} " in screen and f"] {total}/{total} " in screen
    assert "[" + "#" * 24 + "]" in screen  # the full bar at the last article
    assert screen.endswith("\r\x1b[K")  # cleared at the end, leaving no line behind
    assert f"{total} article(s), 0 unreadable:" in out
