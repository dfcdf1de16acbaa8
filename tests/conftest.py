"""Shared fixtures: a writable copy of the tiny fixture tables under the real schema."""

import csv
import shutil
from pathlib import Path

import pytest

from greatgame.cache import CACHE_DIR_ENV
from greatgame.data import Dataset, load_dataset

ROOT = Path(__file__).resolve().parents[1]
DATA_DIR = ROOT / "data"
TINY_DIR = Path(__file__).parent / "fixtures" / "tiny"


@pytest.fixture(autouse=True, scope="session")
def _cache_outside_home(tmp_path_factory):
    """Validated datasets are cached in a folder of the test session, not ~/.cache."""
    patch = pytest.MonkeyPatch()
    patch.setenv(CACHE_DIR_ENV, str(tmp_path_factory.mktemp("cache")))
    yield
    patch.undo()


def copy_tiny(target: Path) -> Path:
    target.mkdir(parents=True, exist_ok=True)
    for table in TINY_DIR.glob("*.csv"):
        shutil.copy(table, target)
    shutil.copy(DATA_DIR / "datapackage.json", target)
    return target


@pytest.fixture
def tiny_dir(tmp_path: Path) -> Path:
    """A folder with the tiny fixture tables and the project's datapackage.json."""
    return copy_tiny(tmp_path / "data")


@pytest.fixture
def tiny(tiny_dir: Path) -> Dataset:
    return load_dataset(tiny_dir)


def read_rows(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def write_rows(path: Path, rows: list[dict[str, str]], header: list[str] | None = None) -> None:
    header = header or list(rows[0])
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def edit_cell(path: Path, index: int, column: str, value: str) -> None:
    """Set one cell; ``index`` counts data rows from 0 (file line ``index + 2``)."""
    rows = read_rows(path)
    rows[index][column] = value
    write_rows(path, rows)


@pytest.fixture
def app(tiny_dir, monkeypatch):
    """The app through its entrypoint, as AppTest runs it, on the tiny tables."""
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("GREATGAME_DATA_DIR", str(tiny_dir))
    return AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)


def open_page(app, page: str, **params):
    """Run the app with these URL parameters, then switch to ``page``; no exception."""
    for key, value in params.items():
        app.query_params[key] = value
    at = app.run()
    at.switch_page(page).run()
    assert not at.exception, at.exception
    return at
