"""Extraction from the app runs in a worker process with a time limit and a size limit."""

import multiprocessing
import subprocess

import pytest
from streamlit import config
from streamlit.testing.v1 import AppTest

from greatgame import extract, worker
from tests.conftest import ROOT
from tests.test_add_page import APP, PAGE, SEED, paste


@pytest.fixture(scope="module")
def gazetteer():
    from greatgame.data import load_dataset
    from tests.conftest import DATA_DIR

    return extract.Gazetteer.from_dataset(load_dataset(DATA_DIR))


def test_the_worker_finds_what_the_extractor_finds(gazetteer):
    text = SEED.read_text(encoding="utf-8")
    assert worker.extract_in_worker(text, gazetteer) == extract.extract(text, gazetteer)


def test_a_worker_over_its_time_is_stopped_with_a_message(gazetteer):
    text = SEED.read_text(encoding="utf-8") * 20
    with pytest.raises(worker.ExtractionError, match="took longer than 0 s and was stopped"):
        worker.extract_in_worker(text, gazetteer, seconds=0.01)
    assert multiprocessing.active_children() == []


def test_a_text_over_the_size_limit_is_not_read(gazetteer):
    with pytest.raises(worker.ExtractionError, match="at most 2,097,152 are read"):
        worker.extract_in_worker("a" * (extract.MAX_ARTICLE_BYTES + 1), gazetteer)


def test_the_upload_limit_is_the_extractors_limit():
    import tomllib

    settings = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert settings["server"]["maxUploadSize"] * 1024 * 1024 == extract.MAX_ARTICLE_BYTES
    assert settings["client"]["showErrorDetails"] == "none"
    assert settings["server"]["address"] == "127.0.0.1"


def test_make_run_listens_on_loopback_unless_told_otherwise():
    def run_command(*args):
        made = subprocess.run(["make", "-n", "run", *args], cwd=ROOT, capture_output=True,
                              text=True, check=True)  # fmt: skip
        return made.stdout

    assert "--server.address 127.0.0.1 " in run_command()
    assert "--server.address 0.0.0.0 " in run_command("HOST=0.0.0.0")


@pytest.fixture
def add_page(tiny_dir, monkeypatch):
    monkeypatch.setenv("GREATGAME_DATA_DIR", str(tiny_dir))
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    return at.switch_page(PAGE).run()


def test_the_page_says_when_an_article_took_too_long(add_page, monkeypatch):
    monkeypatch.setattr(worker, "TIME_LIMIT_SECONDS", 0.01)
    at = paste(add_page, SEED.read_text(encoding="utf-8"))
    assert not at.exception
    assert any("took longer than 0 s" in e.value for e in at.error)


def test_appending_is_off_on_a_network_address_even_with_the_flag(tiny_dir, monkeypatch):
    monkeypatch.setenv("GREATGAME_DATA_DIR", str(tiny_dir))
    monkeypatch.setenv("GREATGAME_ALLOW_WRITE", "1")
    address = config.get_option("server.address")
    config.set_option("server.address", "0.0.0.0")
    try:
        at = AppTest.from_file(APP, default_timeout=60)
        at.run()
        at = paste(at.switch_page(PAGE).run(), SEED.read_text(encoding="utf-8"))
    finally:
        config.set_option("server.address", address)
    assert not [b for b in at.button if b.key == "draft_append"]
    assert any("listens on 127.0.0.1" in c.value for c in at.caption)
