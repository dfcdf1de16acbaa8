"""Status, modality and confidence as readers read them, on every page an event shows:
a planned meeting whose date has passed is never shown as upcoming, and a meeting by
video link has no venue and no dot on the map."""

import json

import pytest

from tests.conftest import edit_cell, open_page

PLANNED = "2024-08-09-central-asia-japan-summit"  # index 3 in the tiny events
VIDEO = "2019-03-01-central-asia-japan-ministers"  # index 0
OVERDUE = "planned for 9 Aug 2024; no report yet that it took place; data through"


@pytest.fixture(autouse=True)
def planned_and_by_video(tiny_dir):
    edit_cell(tiny_dir / "events.csv", 3, "status", "planned")
    edit_cell(tiny_dir / "events.csv", 0, "modality", "virtual")
    edit_cell(tiny_dir / "events.csv", 0, "place_id", "")
    edit_cell(tiny_dir / "events.csv", 0, "confidence", "medium")


def markdown(at) -> str:
    return " ".join(m.value for m in at.markdown).replace("\\", "")


def test_the_record_of_a_planned_meeting_whose_date_passed_says_so(app):
    at = open_page(app, "pages/event.py", event=PLANNED)
    assert "Planned for 9 Aug 2024; no report yet that it took place; data through" in (
        markdown(at)
    )
    assert "In person" in markdown(at)
    assert any(c.value.startswith("High confidence") for c in at.caption)


def test_the_record_of_a_video_meeting_names_no_venue_and_its_confidence(app):
    at = open_page(app, "pages/event.py", event=VIDEO)
    text = markdown(at)
    assert "no venue" in text and "By video link" in text and "Tokyo" not in text
    assert any(c.value.startswith("Medium confidence") for c in at.caption)


def test_the_timeline_and_latest_events_say_the_same(app):
    at = open_page(app, "pages/timeline.py")
    (table,) = at.dataframe
    rows = table.value.set_index("Title")
    assert rows.loc["Central Asia + Japan summit (cancelled)", "Status"].startswith(OVERDUE)
    video = rows.loc["Central Asia + Japan foreign ministers"]
    assert (video["Place"], video["Modality"], video["Confidence"]) == (
        "by video link", "Virtual", "Medium",
    )  # fmt: skip
    hover = " ".join(
        h for trace in json.loads(at.get_by_key("timeline_chart").proto.spec)["data"]
        for h in trace.get("hovertext") or []
    )  # fmt: skip
    assert OVERDUE in hover
    at.switch_page("pages/overview.py").run()
    assert OVERDUE in markdown(at)


def test_a_video_meeting_is_not_on_the_map(app):
    at = open_page(app, "pages/map.py")
    (element,) = at.get("deck_gl_json_chart")
    spec = json.loads(element.proto.json)
    venues = next(layer["data"] for layer in spec["layers"] if layer["id"] == "venues")
    tooltips = " ".join(v["tooltip"] for v in venues)
    assert "foreign ministers" not in tooltips and "Tokyo" in tooltips
