"""Tests over the published data in data/, one table at a time where they can be."""

import re

import pytest

from greatgame.data import (
    canonical_csv,
    load_dataset,
    read_descriptor,
    read_raw_table,
    resource_schemas,
    validate_dir,
)
from tests.conftest import DATA_DIR

DESCRIPTOR = read_descriptor(DATA_DIR)
RESOURCES = resource_schemas(DESCRIPTOR)
SNAKE_CASE = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$")


@pytest.fixture(scope="module")
def dataset():
    return load_dataset(DATA_DIR)


def test_the_committed_data_is_valid():
    assert [str(p) for p in validate_dir(DATA_DIR)] == []


@pytest.mark.parametrize("table", list(RESOURCES))
def test_each_file_is_in_canonical_form(table):
    """Re-writing a table with the one canonical writer changes no byte."""
    resource = RESOURCES[table]
    on_disk = (DATA_DIR / resource["path"]).read_bytes().decode("utf-8")
    assert canonical_csv(read_raw_table(DATA_DIR, resource), resource) == on_disk


@pytest.mark.parametrize("table", list(RESOURCES))
def test_each_field_is_named_in_snake_case_and_described(table):
    for field in RESOURCES[table]["schema"]["fields"]:
        assert SNAKE_CASE.match(field["name"]), field["name"]
        assert len(field.get("description", "")) > 10, f"{table}.{field['name']}"


def test_the_descriptor_states_licence_version_and_sources():
    assert DESCRIPTOR["licenses"][0]["name"] == "CC-BY-4.0"
    assert re.match(r"^\d+\.\d+\.\d+$", DESCRIPTOR["version"])
    assert DESCRIPTOR["sources"]


def test_every_event_has_participants(dataset):
    assert sorted(set(dataset.events["event_id"]) - set(dataset.participants["event_id"])) == []


def test_every_leaders_meeting_held_names_both_sides(dataset):
    """A ministerial may name only the ministers a source names (the rest are in
    GAPS.md); a leaders' meeting that took place names both sides."""
    held = dataset.events[
        (dataset.events["level"] == "leaders") & (dataset.events["status"] == "held")
    ]
    sides = dataset.participants.groupby("event_id")["side"].agg(set)
    one_sided = sorted(e for e in held["event_id"] if sides[e] != {"central_asia", "external"})
    assert one_sided == []


def test_every_power_has_a_distinct_colour(dataset):
    assert dataset.powers["color"].is_unique


def test_news_sources_are_complete(dataset):
    sources = dataset.sources
    assert sources[["url", "publisher", "title", "accessed"]].notna().all().all()
    assert sources["url"].str.match(r"^https?://").all()


def test_leader_level_events_name_a_leader_for_every_party(dataset):
    leaders = dataset.events.loc[dataset.events["level"] == "leaders", "event_id"]
    people = dataset.participants[dataset.participants["event_id"].isin(leaders)]
    assert people["person"].notna().all() and people["office"].notna().all()
