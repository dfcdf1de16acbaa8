"""Docs that cannot drift: the README states what the code and data say."""

import re

from greatgame.cli import build_parser
from greatgame.data import load_dataset
from tests.conftest import DATA_DIR, ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_states_the_data_version_and_data_through_date():
    dataset = load_dataset(DATA_DIR)
    through = f"{dataset.data_through.day} {dataset.data_through:%B %Y}"
    assert f"through **{through}**" in README
    assert f"data version {dataset.version}" in README


def test_every_page_in_the_app_is_in_the_readme():
    app = (ROOT / "app.py").read_text(encoding="utf-8")
    titles = re.findall(r'title="([^"]+)", url_path=', app)
    assert titles
    for title in titles:
        assert f"| {title} |" in README, title


def test_every_cli_command_is_in_the_readme():
    commands = build_parser()._subparsers._group_actions[0].choices
    for name in commands:
        assert f"greatgame {name}" in README, name


def test_readme_and_ci_keep_the_two_commands():
    assert "make run" in README and "make test" in README
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
