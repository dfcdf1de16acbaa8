"""A real headless Chromium against `streamlit run app.py` on the tiny fixture data.

Outside CI, the tests skip when Debian's Chromium is missing; with CI=true they fail.
"""

import os
import shutil
from pathlib import Path

import pytest

from greatgame.server import CHROMIUM, CHROMIUM_ARGS, running_app
from tests.conftest import copy_tiny


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def chromium_path() -> str:
    if Path(CHROMIUM).exists() or shutil.which("chromium"):
        return CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium")
    message = (
        "Chromium not found: install Debian's package (`apt-get install chromium`), "
        "or run `make test` as root, which installs it."
    )
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="session")
def browser(chromium_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="session")
def app_data_dir(tmp_path_factory) -> Path:
    return copy_tiny(tmp_path_factory.mktemp("browser") / "data")


@pytest.fixture(scope="session")
def app_url(app_data_dir) -> str:
    with running_app(env={"GREATGAME_DATA_DIR": str(app_data_dir)}) as url:
        yield url


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    tab = context.new_page()
    yield tab
    context.close()
