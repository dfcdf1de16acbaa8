"""What is new in the latest data version, read from the changelog."""

from greatgame import releases
from greatgame.data import load_dataset
from tests.conftest import DATA_DIR

CHANGELOG = """# Data changelog

Intro.

## 0.2.0 — 2026-12-01

**Every row re-checked.** A sample found faults. Each was
mended.
- **Pledge dates.** 29 moved.

**New columns.** `events.modality` and
`events.confidence`.

## 0.1.0 — 2026-11-27

First release.
"""


def test_sections_and_their_points_are_read_in_order():
    found = releases.releases(CHANGELOG)
    assert [(r.version, r.date) for r in found] == [
        ("0.2.0", "2026-12-01"),
        ("0.1.0", "2026-11-27"),
    ]
    latest = releases.release_of(CHANGELOG, "0.2.0")
    assert (
        latest.paragraphs[0] == "**Every row re-checked.** A sample found faults. Each was mended."
    )
    assert releases.headlines(latest) == [
        "Every row re-checked. A sample found faults.",
        "New columns. `events.modality` and `events.confidence`.",
    ]
    assert releases.headlines(releases.release_of(CHANGELOG, "0.1.0")) == ["First release."]
    assert releases.release_of(CHANGELOG, "9.9.9") is None


def test_the_committed_changelog_describes_the_committed_version():
    changelog = (DATA_DIR / "CHANGELOG.md").read_text(encoding="utf-8")
    version = load_dataset(DATA_DIR).version
    assert releases.release_of(changelog, version) is not None, version
